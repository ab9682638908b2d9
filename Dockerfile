# One image for the api and the worker (the command picks which). Multi-stage: build with the
# toolchain native modules need, run on a slim image without it, as the unprivileged user node.
# Checked without a Docker engine by scripts/image-build-check.sh (CI runs it), which runs the
# build stage's steps as written here.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
# The web app (dist/web, served by the api at /) is built with vite and react, devDependencies:
# before the prune removes them.
RUN npm run build && npx vite build apps/web --logLevel warn && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Everything the app writes goes under here (the SQLite files and JWT key of a bare start;
# uploaded evidence, EVIDENCE_DIR, defaults to its evidence/), owned by node; a volume mounted
# at /var/lib/ita/evidence (docker-compose.yml) starts with that ownership.
ENV ITA_DATA_DIR=/var/lib/ita
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY data data
RUN mkdir -p /var/lib/ita/evidence && chown -R node:node /var/lib/ita
USER node
CMD ["node", "dist/apps/api/src/main.js"]
