# CICCLO Interop: production image (docs/deployment.md).
#   docker build -t cicclo-interop .
#   docker run -p 3000:3000 -e SESSION_SECRET="$(openssl rand -base64 32)" -v cicclo-data:/app/data cicclo-interop
# Without DATABASE_URL the app uses a SQLite file in the /app/data volume; docker-compose.yml runs it on
# PostgreSQL and Meilisearch instead.

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: all dependencies, Prisma clients, Remix build, then production dependencies only ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# better-sqlite3 compiles natively when no prebuilt binary matches; openssl lets Prisma detect the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ openssl \
  && rm -rf /var/lib/apt/lists/*

# `npm ci` runs postinstall (patch-package applies scripts/patches/, then tsx scripts/db/generate.ts runs `prisma
# generate` for both providers into app/infra/generated/), so the patches, the Prisma schemas and that script must
# be present before it.
COPY package.json package-lock.json ./
COPY prisma/ prisma/
COPY scripts/db/ scripts/db/
COPY scripts/patches/ scripts/patches/
RUN npm ci

COPY . .
RUN npm run build \
  && npm prune --omit=dev \
  && npm cache clean --force

# ---- runtime: production dependencies, the build, and the TypeScript the server and migrations run with tsx ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app

ENV NODE_ENV=production \
    WEB_CONCURRENCY=auto \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/app/data/cicclo.db

# The code stays owned by root (read-only for the app); only the data directory belongs to the `node` user.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules/ node_modules/
COPY --from=build /app/build/ build/
COPY --from=build /app/app/ app/
COPY --from=build /app/scripts/db/ scripts/db/
COPY --from=build /app/prisma/ prisma/
COPY --from=build /app/clauses/ clauses/
RUN mkdir -p /app/data && chown node:node /app/data

USER node
VOLUME ["/app/data"]
EXPOSE 3000

# Slim images have no curl: Node's fetch. 200 while the database answers, 503 otherwise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Migrate, load the clause library (new published versions only; a changed published version is refused), then serve. `node --import tsx` (what the npm scripts db:migrate and serve run, without npm and the tsx
# CLI in between) and `exec` leave node as the main process, so `docker stop`'s SIGTERM reaches the server's
# handler. Concurrent replicas on PostgreSQL are safe: migrate.ts holds an advisory lock.
CMD ["sh", "-c", "node --import tsx scripts/db/migrate.ts && node --import tsx scripts/db/load-clauses.ts && exec node --import tsx app/server/main.server.ts"]
