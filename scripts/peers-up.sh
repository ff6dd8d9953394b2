#!/usr/bin/env bash
# Starts (or, with --down, stops) the real Keystone + Magnum peers from ../shared/peers for the
# conformance suite on a developer machine. Needs root (apt-get, daemons on 127.0.0.1:15xxx).
#   scripts/peers-up.sh [RP]          # default RP=/tmp/rp; prints the variable to export
#   scripts/peers-up.sh --down [RP]
set -euo pipefail
peers_dir="${PEERS_DIR:-$(cd "$(dirname "$0")/.." && pwd)/../shared/peers}"
if [ "${1:-}" = "--down" ]; then
  RP="${2:-/tmp/rp}" "$peers_dir/all_down.sh"
  exit 0
fi
export RP="${1:-/tmp/rp}"
[ -x "$peers_dir/all_up.sh" ] || { echo "no peers at $peers_dir" >&2; exit 1; }
"$peers_dir/install.sh"
"$peers_dir/all_up.sh"
echo
echo "peers up. Run the suite with:"
echo "  KUBE_CHATOPS_PEERS_RC=$RP/admin.rc npm run jest -- test/conformance"
echo "stop them with: scripts/peers-up.sh --down $RP"
