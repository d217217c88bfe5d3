# syntax=docker/dockerfile:1
# The stackguard GitHub App. Build: `docker build -t stackguard .`; run and configure: docs/deploy.md.
# scripts/ci-docker-smoke.sh runs this file's install and start commands in CI (Docker is not available there),
# and fails when they no longer appear here, so the two cannot drift apart unseen.

ARG NODE_VERSION=22

# ---- build: compile TypeScript (and the rules cache) with the dev dependencies -------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY rules ./rules
RUN npm run build

# ---- runtime: production dependencies only ------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim
# tini reaps the processes a synth leaves behind; git is what npm uses for git dependencies in a lockfile.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 stackguard \
 && useradd --system --uid 10001 --gid stackguard --home-dir /var/lib/stackguard --shell /usr/sbin/nologin stackguard \
 && mkdir -p /var/lib/stackguard/work /var/lib/stackguard/cache /var/lib/stackguard/state /var/lib/stackguard/corepack \
 && chown -R stackguard:stackguard /var/lib/stackguard \
 && chmod 0700 /var/lib/stackguard \
 && corepack enable
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY rules ./rules
ENV HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    STACKGUARD_USER=stackguard \
    STACKGUARD_WORK_DIR=/var/lib/stackguard/work \
    STACKGUARD_CACHE_DIR=/var/lib/stackguard/cache \
    STACKGUARD_STATE_DIR=/var/lib/stackguard/state \
    COREPACK_HOME=/var/lib/stackguard/corepack
EXPOSE 3000
# Liveness only: /ready (stopping, or GitHub unreachable) is for load balancers, and an unhealthy mark for a GitHub
# outage would get the container replaced for nothing (docs/deploy.md).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ping').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The container starts as root on purpose, and only for a moment: the App reads its private key and webhook secret,
# then becomes STACKGUARD_USER (uid 10001) before it opens its port. Every webhook, install and synth runs as that
# user, and because the App changed its user, the kernel keeps its environment and memory (and a key file readable
# by root only) out of the synth's reach. Started as a non-root user instead, the App works but warns that a synth
# can read its secrets through /proc (docs/security.md).
USER root
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/app-server.js"]
