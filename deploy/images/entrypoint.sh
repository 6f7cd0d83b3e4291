#!/bin/sh
# Picks the process of the service baked into the image ($SERVICE): api, worker or migrate.
set -eu
: "${SERVICE:?SERVICE is not set (build with --build-arg SERVICE=<service>)}"
case "${1:-api}" in
  api) shift 2>/dev/null || true; exec python -m "$SERVICE" "$@" ;;
  worker) shift; exec python -m "$SERVICE.worker" "$@" ;;
  migrate) shift; exec python -m "$SERVICE.migrate" "$@" ;;
  *) exec "$@" ;;
esac
