# kehoach: one image for every queue-mode role (watch, worker, serve); the role is the command.
#   docker build -t kehoach .
#   docker run --rm -e REDIS_URL=redis://redis-host:6379 -v /mnt/shared/kehoach-data:/srv/data kehoach worker
# Workers on other machines need only REDIS_URL and the shared data folder mounted at /srv/data.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
# `npm ci` runs the `prepare` script (npm run build → dist/, dist/workers/*.js for the sandboxed
# processors); then drop the dev dependencies (typescript, vitest) from node_modules.
RUN npm ci && npm prune --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# the normalizer's language model, read at run time from <package root>/models
COPY models ./models
# Run from /srv so that the defaults (./inbox, ./data, ./data/plans) are the mounted volumes.
RUN mkdir -p /srv/inbox /srv/data && chown -R node:node /srv
WORKDIR /srv
USER node
VOLUME ["/srv/inbox", "/srv/data"]
# node directly as PID 1 would not reap the sandboxed children: compose sets `init: true` (tini);
# with plain `docker run`, pass --init.
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["worker"]
