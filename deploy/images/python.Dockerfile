# syntax=docker/dockerfile:1.7
# One image per Python service, from the same file:
#   docker build -f deploy/images/python.Dockerfile --build-arg SERVICE=identity -t guichet/identity .
# Run from the repository root (the build context). The container's command picks the process:
#   api (default) -> python -m $SERVICE, worker -> python -m $SERVICE.worker,
#   migrate -> python -m $SERVICE.migrate.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
ARG UV_IMAGE=ghcr.io/astral-sh/uv:0.13.8

FROM ${UV_IMAGE} AS uv

FROM ${PYTHON_IMAGE} AS build
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<service>" >&2; exit 1)
COPY --from=uv /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
# Dependencies first (cached while only sources change): the workspace's manifests and lock.
COPY pyproject.toml uv.lock ./
COPY kernel/pyproject.toml kernel/pyproject.toml
COPY contracts/pyproject.toml contracts/pyproject.toml
COPY gateway/pyproject.toml gateway/pyproject.toml
COPY deploy/local/pyproject.toml deploy/local/pyproject.toml
COPY services/identity/pyproject.toml services/identity/pyproject.toml
COPY services/organisation/pyproject.toml services/organisation/pyproject.toml
COPY services/beneficiary/pyproject.toml services/beneficiary/pyproject.toml
COPY services/invoicing/pyproject.toml services/invoicing/pyproject.toml
COPY services/notification/pyproject.toml services/notification/pyproject.toml
COPY services/documents/pyproject.toml services/documents/pyproject.toml
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-install-workspace --package "guichet-${SERVICE}"
# Then the code: the shared kernel and contracts, and this service (with its alembic.ini and
# migrations/, which `python -m $SERVICE.migrate` finds next to the package).
COPY kernel kernel
COPY contracts contracts
COPY services/${SERVICE} services/${SERVICE}
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --package "guichet-${SERVICE}"

FROM ${PYTHON_IMAGE}
ARG SERVICE
RUN groupadd --system --gid 10001 guichet \
    && useradd --system --uid 10001 --gid guichet --home-dir /app --shell /usr/sbin/nologin guichet
COPY --from=build --chown=root:root /app /app
COPY --chmod=0755 deploy/images/entrypoint.sh /usr/local/bin/guichet-entrypoint
ENV SERVICE=${SERVICE} \
    PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
USER 10001:10001
EXPOSE 8000 9000
ENTRYPOINT ["/usr/local/bin/guichet-entrypoint"]
CMD ["api"]
