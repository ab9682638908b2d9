#!/usr/bin/env bash
# The test command: installs what it needs (Node packages, the pinned Temporal CLI and Mailpit,
# Debian's Chromium), then lint, type check, and every jest tier against a real Temporal dev
# server and a real database; the browser tier leaves screenshots in test-artifacts/screenshots.
#   scripts/test.sh [jest args…]      e.g. scripts/test.sh --selectProjects unit
# Database: SQLite by default; TEST_DATABASE_URL=mysql://user:pw@host:port/db for MySQL/MariaDB.
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

ensure_node_modules
# Where a binary cannot be had from the registries, the variable stays empty and the SDK
# downloads its own (machines with internet only).
TEMPORAL_CLI_PATH="$(temporal_cli_path || true)"
TEMPORAL_TEST_SERVER_PATH="$(temporal_test_server_path || true)"
export TEMPORAL_CLI_PATH TEMPORAL_TEST_SERVER_PATH
if [[ -n "$TEMPORAL_CLI_PATH" ]]; then
  log "Temporal server: $(temporal_version_line "$TEMPORAL_CLI_PATH") at $TEMPORAL_CLI_PATH"
else
  log "Temporal server: downloaded by the SDK"
fi
if [[ -n "$TEMPORAL_TEST_SERVER_PATH" ]]; then
  log "Temporal time-skipping test server: io.temporal:temporal-test-server:$TEMPORAL_TEST_SERVER_VERSION (Java)"
else
  log "Temporal time-skipping test server: downloaded by the SDK"
fi
# Mailpit has no download of its own: without it, the mail tests fail and say how to get it.
MAILPIT_PATH="$(mailpit_path || true)"
export MAILPIT_PATH
log "Mailpit: ${MAILPIT_PATH:-none (the mail tests will fail: see scripts/lib.sh mailpit_path)}"
log "database: $( [[ -n "${TEST_DATABASE_URL:-}" ]] && echo "${TEST_DATABASE_URL%%@*}@…" | sed 's#//[^:]*:[^@]*@#//***@#' || echo SQLite)"

if [[ -z "${SKIP_STATIC_CHECKS:-}" ]]; then
  log "lint and format (eslint, prettier --check)"
  npx eslint .
  npx prettier --check . --log-level warn
  log "type check"
  npx tsc -p tsconfig.json --noEmit
  npx tsc -p apps/web/tsconfig.json
fi
ensure_browser
# The end-to-end tests start the worker app as its own process, from the compiled code; the
# browser tests drive the web app as built into dist/web.
ensure_build
log "jest"
# In band: the integration tiers start their own Temporal servers, and the machine has 2 cores.
exec npx jest --ci --runInBand "$@"
