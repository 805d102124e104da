# Tollgate: the GraphQL server with the built console, in one image.
#   docker build -t tollgate .
#   docker run -p 4000:4000 -e DATABASE_URL=postgres://… tollgate
# Without DATABASE_URL the server starts its embedded PostgreSQL in /app/.tollgate/pgdata (mount a volume there).

# ---- build: every dependency, then `npm run build` (server: tsc → server/dist; console: vite → console/dist)
FROM node:20-slim AS build
WORKDIR /app
# The lockfile covers every workspace, so npm ci needs each workspace's package.json.
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY console/package.json console/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- production dependencies of the server workspace only (the console ships as static files)
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY console/package.json console/
# No install scripts are needed at runtime: @node-rs/argon2 ships prebuilt binaries as optional packages.
RUN npm ci --omit=dev --workspace=server --ignore-scripts --no-audit --no-fund

# ---- runtime
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Root node_modules plus any nested under server/ (npm nests a dependency there when versions conflict).
COPY --from=deps /app ./
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/server/catalog server/catalog
COPY --from=build /app/console/dist console/dist
RUN mkdir -p /app/.tollgate && chown node:node /app/.tollgate
# The node user (uid 1000) comes with the official image.
USER node
EXPOSE 4000
# node:20-slim has no curl; Node's own fetch asks /readyz (database answers, migrations applied).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The same node flags as `npm start` (see README, Performance).
CMD ["node", "--max-semi-space-size=64", "server/dist/main.js"]
