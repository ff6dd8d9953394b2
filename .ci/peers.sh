#!/usr/bin/env bash
# Real OpenStack peers for the conformance suite (test/conformance): real Keystone 22 + Magnum 15
# (Debian's Zed packages) with RabbitMQ, Glance and stand-ins for Nova/Neutron/Heat, all on
# 127.0.0.1:15000-15999, from ../shared/peers (see its README).
#
# SOURCE it from .ci/run (exports must reach `npm test`), then make sure the peers stop:
#   . .ci/peers.sh
#   trap peers_down EXIT
# It exports KUBE_CHATOPS_PEERS_RC=<temp dir>/admin.rc (read by test/helpers/peers-env.ts).
# Without ../shared/peers (or with SKIP_PEERS=1) it says so and returns at once; the suite then
# skips its real half. Cost on this kind of machine: install ~75-140 s once, start-up ~105-200 s.

peers_dir="${PEERS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/peers}"
PEERS_RP=""

# Stops every peer started here (by the PIDs all_up.sh recorded) and removes the temp dir.
peers_down() {
  [ -n "$PEERS_RP" ] && [ -d "$PEERS_RP" ] || return 0
  printf '\n==> stopping the OpenStack peers (%s)\n' "$PEERS_RP"
  RP="$PEERS_RP" "$peers_dir/all_down.sh" || true
  rm -rf "$PEERS_RP"
  PEERS_RP=""
}

peers_up() {
  if [ -n "${SKIP_PEERS:-}" ]; then
    echo "peers: SKIP_PEERS is set, not starting the real Keystone + Magnum (the conformance suite skips its real half)"
    return 0
  fi
  if [ ! -x "$peers_dir/all_up.sh" ]; then
    echo "peers: $peers_dir is absent, not starting the real Keystone + Magnum (the conformance suite skips its real half)"
    return 0
  fi
  local pkgs=(python3-openstackclient python3-magnumclient keystone magnum-api magnum-conductor python3-magnum glance-api rabbitmq-server sqlite3)
  local missing=0 pkg
  for pkg in "${pkgs[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing=1; done
  if [ "$missing" = 1 ]; then
    printf '\n==> installing the OpenStack peers (%s/install.sh)\n' "$peers_dir"
    local t0=$SECONDS
    timeout 900 "$peers_dir/install.sh" || { echo "peers: install.sh failed or took over 900 s" >&2; return 1; }
    echo "peers: installed in $((SECONDS - t0)) s"
  fi
  PEERS_RP=$(mktemp -d /tmp/kube-chatops-peers.XXXXXX)
  printf '\n==> starting the OpenStack peers (RP=%s)\n' "$PEERS_RP"
  local t1=$SECONDS
  if ! RP="$PEERS_RP" timeout 600 "$peers_dir/all_up.sh" >"$PEERS_RP/all_up.out" 2>&1 || [ ! -s "$PEERS_RP/admin.rc" ]; then
    echo "peers: all_up.sh failed; its output and the service logs follow" >&2
    tail -n 40 "$PEERS_RP/all_up.out" >&2 || true
    tail -n 20 "$PEERS_RP"/log/*.log >&2 2>/dev/null || true
    peers_down
    return 1
  fi
  grep -E '^\[' "$PEERS_RP/all_up.out" || true
  echo "peers: up in $((SECONDS - t1)) s"
  export KUBE_CHATOPS_PEERS_RC="$PEERS_RP/admin.rc"
}

if (return 0 2>/dev/null); then
  peers_up
else
  echo "peers: source this file (. .ci/peers.sh) so KUBE_CHATOPS_PEERS_RC reaches the tests; see its header" >&2
  exit 2
fi
