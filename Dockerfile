# kube-chatops container image.
#
#   docker build -t kube-chatops .
#   docker run --read-only --tmpfs /tmp --env-file .env -p 3000:3000 kube-chatops            # the bot (ROLE=all)
#   docker run --read-only --tmpfs /tmp -v ~/.kube/config:/kube/config:ro kube-chatops diagnose --kubeconfig /kube/config
#
# Two stages: the build stage installs every dependency and compiles TypeScript to dist/; the
# runtime stage holds only the production dependencies (npm ci --omit=dev) and dist/, runs as the
# unprivileged `node` user (uid 1000) under tini, so that SIGTERM reaches Node and Node is not
# PID 1 (https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#handling-kernel-signals).
# Nothing is written outside /tmp: run it with a read-only root filesystem and /tmp as a tmpfs
# or emptyDir volume (the Helm chart does). Probes on $PORT: /healthz (liveness), /readyz
# (readiness: Slack connected, Redis answering), /metrics.

# Node's Debian image: LTS line 24 (package.json engines: >=22). CI builds with a local
# stand-in of the same layout (.ci/image.sh), since it reaches no image registry.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: `prepare` would build before the sources are here; the build runs below.
RUN npm ci --ignore-scripts --no-audit --no-fund
# The sources (.dockerignore keeps the context to what the build needs).
COPY . .
RUN npm run build && rm -f dist/.tsbuildinfo

FROM ${NODE_IMAGE} AS runtime
# tini: a minimal init that forwards signals to Node and reaps zombies (https://github.com/krallin/tini).
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# V8's heap sized for a bot, not for the host (README "Performance"): with no limit below 2 GB V8 lets
# the old generation grow to up to 4x what is live before collecting (1.35x with 384 MB), and keeps a
# young generation of up to 2 x 16 MB. Node's documented flags (https://nodejs.org/api/cli.html#--max-old-space-sizesize-in-mib).
ENV NODE_OPTIONS="--max-old-space-size=384 --max-semi-space-size=2"
# One glibc malloc arena rather than one per thread: what V8's background threads free after a compile
# (WebAssembly: undici's HTTP parser, about 23 MB for a moment) otherwise stays resident in their own
# arenas; the worker's peak RSS falls by about 15 MB at the same CPU (README "Performance").
# https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html
ENV MALLOC_ARENA_MAX="1"
COPY --from=build /app/dist ./dist
COPY deploy/policy.example.yaml ./deploy/policy.example.yaml
# Writable paths only under /tmp (a volume when the root filesystem is read-only).
ENV HOME=/tmp TMPDIR=/tmp PORT=3000
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/src/bin/kube-chatops.js"]
CMD ["start"]
