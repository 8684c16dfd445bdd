# syntax=docker/dockerfile:1
# Build: compile TypeScript with the dev toolchain.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
# npm ci's postinstall applies patches/ (patch-package) to three libp2p modules.
COPY patches ./patches
COPY protos ./protos
COPY src ./src
COPY test ./test
COPY bench ./bench
COPY bin ./bin
# npm ci runs `prepare`, which compiles TypeScript into dist/ (as CI does).
RUN npm ci --no-audit --no-fund && npm run build
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Run: production dependencies and compiled output only, as a non-root user.
FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/protos ./dist/protos
COPY --from=build /app/bin ./bin
RUN ln -s /app/bin/sortlift.js /usr/local/bin/sortlift \
  && mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# libp2p TCP; the control API stays on 127.0.0.1 inside the container.
EXPOSE 4747
ENTRYPOINT ["sortlift", "start", "--data", "/data"]
CMD ["--listen", "/ip4/0.0.0.0/tcp/4747"]
