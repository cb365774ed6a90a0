# syntax=docker/dockerfile:1
# deferbot container image: `docker build -t deferbot .`, then
#   docker run --rm -p 3000:3000 -e GITEA_URL=… -e GITEA_TOKEN=… -e WEBHOOK_SECRET=… deferbot
# The default command is the webhook server (`deferbot serve`); any other subcommand can be given
# instead, e.g. `docker run --rm -e GITEA_URL=… -e GITEA_TOKEN=… deferbot sync --repo o/r --dry-run`.

ARG NODE_IMAGE=node:24-bookworm-slim

# Bundle with esbuild from the full (dev) dependency tree: the bundle inlines every package, so
# the image needs no node_modules at all. No package needs an install script (esbuild's binary
# comes as an optional dependency for the platform), and `prepare` (= build) cannot run before
# the sources are copied, hence --ignore-scripts. The lockfile alone comes first, so a source
# change reuses the installed modules.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the `node` user the process runs as: the bot writes no files.
# package.json says "type": "module" for the bundle's .js files.
COPY package.json LICENSE THIRD-PARTY-NOTICES.md ./
COPY --from=build /app/bundle ./bundle
USER node
EXPOSE 3000
# The slim image has no curl or wget; node itself asks the server's liveness endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# package.json's bin: the bundle's entry.
ENTRYPOINT ["node", "bundle/deferbot.cjs"]
CMD ["serve"]
