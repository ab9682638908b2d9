#!/usr/bin/env bash
# Checks docker-compose.yml with Docker Compose's own parser (`docker compose config`). No Docker
# engine is needed. Compose is built once from the Go module proxy, through a wrapper module
# because its go.mod carries `exclude` directives that `go install` refuses.
source "$(dirname "$0")/lib.sh"
dir="$ITA_CACHE_DIR/compose-v$COMPOSE_VERSION"
if [[ ! -x "$dir/docker-compose" ]]; then
  log "building Docker Compose v$COMPOSE_VERSION (first run only)"
  mkdir -p "$dir/src"
  gomod="$(cd "$dir/src" && GOFLAGS=-mod=mod go mod download -json "github.com/docker/compose/v2@v$COMPOSE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  cp "$gomod" "$dir/src/upstream.mod"
  { echo "module ita.local/compose-wrapper"; echo; sed -n '/^go /,$p' "$dir/src/upstream.mod"; echo
    echo "require github.com/docker/compose/v2 v$COMPOSE_VERSION"; } > "$dir/src/go.mod"
  (cd "$dir/src" && GOFLAGS=-mod=mod go build -o "$dir/docker-compose" github.com/docker/compose/v2/cmd) >&2
fi
cd "$ROOT_DIR"
# The file insists on a JWT_SECRET; check it with a stand-in, and check that it does insist.
if env -u JWT_SECRET "$dir/docker-compose" --file docker-compose.yml config --quiet 2>/dev/null; then
  echo "docker-compose.yml must refuse to start without JWT_SECRET" >&2; exit 1
fi
JWT_SECRET="${JWT_SECRET:-compose-check-stand-in-secret-0123456789}" "$dir/docker-compose" --file docker-compose.yml config --quiet
log "docker-compose.yml: valid ($("$dir/docker-compose" version --short 2>/dev/null || echo "v$COMPOSE_VERSION"))"
