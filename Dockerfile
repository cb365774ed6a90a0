# syntax=docker/dockerfile:1
# deferbot container image: `docker build -t deferbot .`, then
#   docker run --rm -p 3000:3000 -e GITEA_URL=… -e GITEA_TOKEN=… -e WEBHOOK_SECRET=… deferbot
# The default command is the webhook server (`deferbot serve`); any other subcommand can be given
# instead, e.g. `docker run --rm -e GITEA_URL=… -e GITEA_TOKEN=… deferbot sync --repo o/r --dry-run`.

ARG NODE_IMAGE=node:24-bookworm-slim

# Both stages below start from the lockfile alone, so a source change reuses the installed modules.
FROM ${NODE_IMAGE} AS manifest
WORKDIR /app
COPY package.json package-lock.json ./

# Compile TypeScript with the full (dev) dependency tree. No package needs an install script,
# and `prepare` (= build) cannot run before the sources are copied, hence --ignore-scripts.
FROM manifest AS build
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only. Type declarations are never loaded at run time and are most of
# the bytes (each @octokit package carries its own copy of the GitHub API types): 105 MB -> 22 MB.
FROM manifest AS prod-deps
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the `node` user the process runs as: the bot writes no files.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# The slim image has no curl or wget; node itself asks the server's liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The file tsc emits for src/cli/main.ts (tsconfig.build.json has rootDir ".", so dist/src/…).
ENTRYPOINT ["node", "dist/src/cli/main.js"]
CMD ["serve"]
