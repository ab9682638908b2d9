#!/usr/bin/env bash
# Checks the production image (Dockerfile) without a Docker engine: runs its build stage's COPY
# and RUN steps in a clean temporary directory, checks what the runtime stage gets and who owns
# what the app writes, and starts the api from that layout (it must serve the web app at /).
# The details, and what is not run (apt-get, the runtime stage's RUN), are in
# scripts/image-build-check.js. `npm ci` reuses the npm cache in ~/.npm.
#   bash scripts/image-build-check.sh [--keep]
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"
exec node scripts/image-build-check.js "$@"
