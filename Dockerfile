# kehoach: one image for every queue-mode role (watch, worker, serve); the role is the command.
#   docker build -t kehoach .
#   docker run --rm --init -e REDIS_URL=redis://redis-host:6379 -v /mnt/shared/kehoach-data:/srv/data kehoach worker
# Workers on other machines need only REDIS_URL and the shared data folder mounted at /srv/data.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
# `npm ci` runs the `prepare` script (npm run build → dist/, dist/workers/*.js for the sandboxed
# processors); then the dev dependencies (typescript, vitest, tsx) leave node_modules.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm cache clean --force

# The production image: compiled code, production dependencies, the models; no compiler, no test tools.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# tesseract.js's worker script with the LSTM-only core (src/ocr/pool.ts looks for it beside the
# compiled pool); without it OCR falls back to the slower stock core.
COPY src/ocr/tesseract-worker.cjs ./dist/src/ocr/tesseract-worker.cjs
# the normalizer's language model, read at run time from <package root>/models
COPY models ./models
# Run from /srv so that the defaults (./inbox, ./data, ./data/plans) are the mounted volumes.
RUN mkdir -p /srv/inbox /srv/data && chown -R node:node /srv
WORKDIR /srv
USER node
# No VOLUME here: an anonymous volume per container would hide the named ones compose mounts.
# node directly as PID 1 would not reap the sandboxed children: compose sets `init: true` (tini);
# with plain `docker run`, pass --init.
ENTRYPOINT ["node", "/app/dist/src/cli/main.js"]
CMD ["worker"]
