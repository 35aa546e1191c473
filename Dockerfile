# syntax=docker/dockerfile:1
# The bot as a container. The first stage has what building needs (a C++ toolchain for sqlite3's native
# addon, TypeScript for dist/); the second only node, the production dependencies and the compiled program.
# test/deploy/image-steps.test.ts runs this file's COPY and RUN steps in a clean directory, so keep every
# RUN relative to its WORKDIR.

FROM node:20-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
# Every dependency but no install scripts (nothing native is needed to compile): only to build dist/.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm run build
# Then the production tree in its place: sqlite3 is compiled here, and `prepare`, finding no compiler,
# keeps the dist/ just built.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-slim
# MALLOC_ARENA_MAX=2: glibc gives each thread that allocates its own malloc arena (libuv's pool runs SQLite), and
# their slack showed as ~10 MiB more RSS, rising under load (test/bench/footprint.bench.ts reads it from here).
# HEALTH_HOST=0.0.0.0: inside a container the health server must listen beyond loopback for a mapped port
# (the bot's own default is 127.0.0.1); which host port it is published on is the run's choice.
ENV NODE_ENV=production \
    STORE_URL=sqlite:///data/ai-trends.sqlite \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SQLite file lives on a volume, owned by the user the bot runs as (a new named volume takes this owner).
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
# 8080: /healthz, /metrics (needs METRICS_TOKEN beside the pages) and the web pages (HEALTH_PORT; WEB_ENABLED=false: no
# pages). 3000: Slack's HTTP events (PORT), when Slack is not in Socket Mode.
EXPOSE 8080 3000
# No curl in slim images: node's own fetch asks /healthz (200 when the store and every platform answer).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The node flags of `npm start` (test/deploy/start-flags.test.ts keeps the two the same): a young generation of
# 1 MiB semi-spaces instead of 16 and V8's size-over-speed heuristics keep the bot near 130 MiB RSS, flat under
# load (test/bench/footprint.bench.ts).
CMD ["node", "--max-semi-space-size=1", "--optimize-for-size", "dist/src/bin.js", "start"]
