# syntax=docker/dockerfile:1.7
# The web counter: Vite build, served by nginx (unprivileged, port 8080) with an SPA fallback.
#   docker build -f deploy/images/web.Dockerfile -t guichet/web .
FROM node:22-bookworm-slim AS build
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY deploy/images/web.nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /web/dist /usr/share/nginx/html
EXPOSE 8080
