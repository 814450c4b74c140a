# Praktijklus server and web app in one image. Not built on the development machines (no Docker
# engine there): see docs/operations.md, "What was not run".

# --- build: compile the server, the CLI and the web app ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles against the image's Node when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm run build:web && npm prune --omit=dev

# --- runtime: production dependencies and the build output only, as a non-root user ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/index.html ./apps/web/index.html
COPY --from=build /app/apps/web/dist ./apps/web/dist
RUN groupadd --system --gid 10001 praktijklus \
 && useradd --system --uid 10001 --gid praktijklus --home-dir /nonexistent --shell /usr/sbin/nologin praktijklus \
 && mkdir -p /data && chown praktijklus:praktijklus /data && chmod 0700 /data
USER praktijklus
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENV MALLOC_ARENA_MAX=2
CMD ["node", "dist/apps/server/src/main.js"]
