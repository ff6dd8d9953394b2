#!/usr/bin/env bash
# Builds the container image (Dockerfile) with Debian's buildah (vfs storage, chroot isolation:
# no daemon, no privileges beyond root in this sandbox) and smoke-tests it.
#
# CI reaches the npm registry and Debian's archive but no image registry, so the Dockerfile's
# base (node:24-bookworm-slim) is replaced by a local stand-in of the same layout: a Debian
# bookworm minbase root (mmdebstrap), Node 24 from the npm registry in /usr/local/bin, npm in
# /usr/local/lib/node_modules, and the `node` user with uid 1000.
#
#   bash .ci/image.sh NODE24_BIN_DIR
#
# Exits 0 with a warning when buildah cannot build at all here (then nothing is claimed); any
# failure once buildah works fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }
node_bin=${1:?usage: .ci/image.sh NODE24_BIN_DIR}
work="$PWD/.tmp/image"
mkdir -p "$work"
export STORAGE_DRIVER=vfs BUILDAH_ISOLATION=chroot
bh() { buildah --storage-driver vfs "$@"; }
BH=(buildah --storage-driver vfs)

# Does buildah work in this sandbox at all? A FROM scratch build that runs nothing.
probe="$work/probe"
mkdir -p "$probe" && printf 'FROM scratch\nCOPY probe.txt /probe.txt\n' >"$probe/Dockerfile" && echo ok >"$probe/probe.txt"
if ! timeout 300 "${BH[@]}" bud --quiet -t kube-chatops-probe "$probe" >/dev/null 2>"$work/probe.err"; then
  echo "WARNING: buildah cannot build images here ($(tail -1 "$work/probe.err")); the image was not built" >&2
  exit 0
fi
bh rmi -f kube-chatops-probe >/dev/null 2>&1 || true

node_version=$("$node_bin/node" --version)
base="localhost/kube-chatops-base:node-${node_version#v}"
if ! bh inspect --type image "$base" >/dev/null 2>&1; then
  rootfs="$work/bookworm-minbase.tar"
  if [ ! -s "$rootfs" ]; then
    log "Debian bookworm minbase root for the stand-in base image (mmdebstrap)"
    timeout 1200 mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$rootfs.part"
    mv "$rootfs.part" "$rootfs"
  fi
  log "npm for the stand-in base image, from the npm registry"
  rm -rf "$work/npm" && mkdir -p "$work/npm"
  npm_tgz=$(cd "$work/npm" && timeout 300 npm pack npm@11 --silent)
  tar -xzf "$work/npm/$npm_tgz" -C "$work/npm"
  log "stand-in base image $base"
  ctr=$(bh from scratch)
  bh add "$ctr" "$rootfs" /
  bh copy --chmod 0755 "$ctr" "$node_bin/node" /usr/local/bin/node
  bh copy "$ctr" "$work/npm/package" /usr/local/lib/node_modules/npm
  bh run "$ctr" -- sh -c 'ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm &&
    ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx &&
    groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  bh config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd node "$ctr"
  bh commit --quiet "$ctr" "$base" >/dev/null
  bh rm "$ctr" >/dev/null
fi

# A machine whose registry traffic passes a TLS-inspecting proxy trusts the proxy's CA through
# npm's cafile; the build's RUN steps get the same file and setting (mounted, not in the image).
# npm's own setting comes first; an npm from another prefix (the Node 24 one CI puts first on PATH)
# does not read the machine's global npmrc, so the CA bundles that Node and OpenSSL honour follow.
mounts=()
cafile=""
for candidate in "$(npm config get cafile 2>/dev/null || true)" "${NODE_EXTRA_CA_CERTS:-}" "${SSL_CERT_FILE:-}" /etc/ssl/certs/ca-certificates.crt; do
  if [ -n "$candidate" ] && [ "$candidate" != null ] && [ -f "$candidate" ]; then cafile=$candidate && break; fi
done
if [ -n "$cafile" ]; then
  printf 'cafile=/run/build-ca.pem\n' >"$work/npmrc"
  mounts=(--volume "$cafile:/run/build-ca.pem:ro" --volume "$work/npmrc:/root/.npmrc:ro")
fi

# Without --layers buildah commits once per stage, not per instruction (vfs copies every layer whole).
log "buildah bud (Dockerfile, base $base)"
# Docker format: OCI image configs have no HEALTHCHECK.
timeout 2400 "${BH[@]}" bud --format docker "${mounts[@]}" --build-arg "NODE_IMAGE=$base" -t localhost/kube-chatops:ci .

log "smoke test of localhost/kube-chatops:ci"
bh inspect --type image localhost/kube-chatops:ci >"$work/inspect.json"
node -e '
  const config = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).Docker.config;
  const want = { User: "1000:1000", Entrypoint: ["/usr/bin/tini", "--", "node", "dist/src/bin/kube-chatops.js"], Cmd: ["start"] };
  for (const [key, value] of Object.entries(want))
    if (JSON.stringify(config[key]) !== JSON.stringify(value)) throw new Error(`image ${key} is ${JSON.stringify(config[key])}`);
  if (!JSON.stringify(config.Healthcheck ?? null).includes("/healthz")) throw new Error("image has no /healthz HEALTHCHECK");
  console.log(`image config: user ${config.User}, entrypoint ${config.Entrypoint.join(" ")}, healthcheck on /healthz`);
' "$work/inspect.json"
ctr=$(bh from localhost/kube-chatops:ci)
trap 'bh rm "$ctr" >/dev/null 2>&1 || true' EXIT
# chroot isolation has no PID namespace, so tini is not PID 1 here and warns about it (harmless).
run() { bh run --user 1000:1000 "$ctr" -- "$@"; }
run /usr/bin/tini -- node dist/src/bin/kube-chatops.js diagnose --help
run sh -c '[ "$(id -u)" = 1000 ] && [ ! -e node_modules/tsx ] && [ ! -e node_modules/typescript ] && [ -e node_modules/@slack/bolt ]'
# No configuration: the bot names every missing key and exits 1 (it got as far as loading its config).
if out=$(run /usr/bin/tini -- node dist/src/bin/kube-chatops.js start 2>&1); then
  echo "start without configuration exited 0" >&2
  exit 1
fi
grep -q SLACK_SIGNING_SECRET <<<"$out" || { echo "start without configuration said: $out" >&2; exit 1; }
echo "image localhost/kube-chatops:ci: diagnose --help and start's config check ran inside as uid 1000"
