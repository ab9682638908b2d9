#!/usr/bin/env bash
# The test command: installs what it needs (Node packages, the pinned Temporal CLI), then lint,
# type check, and every jest tier against a real Temporal dev server and a real database.
#   scripts/test.sh [jest args…]      e.g. scripts/test.sh --selectProjects unit
# Database: SQLite by default; TEST_DATABASE_URL=mysql://user:pw@host:port/db for MySQL/MariaDB.
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

ensure_node_modules
TEMPORAL_CLI_PATH="$(temporal_cli_path)"
TEMPORAL_TEST_SERVER_PATH="$(temporal_test_server_path)"
export TEMPORAL_CLI_PATH TEMPORAL_TEST_SERVER_PATH
log "Temporal server: $(temporal_version_line "$TEMPORAL_CLI_PATH") at $TEMPORAL_CLI_PATH"
log "Temporal time-skipping test server: io.temporal:temporal-test-server:$TEMPORAL_TEST_SERVER_VERSION"
log "database: $( [[ -n "${TEST_DATABASE_URL:-}" ]] && echo "${TEST_DATABASE_URL%%@*}@…" | sed 's#//[^:]*:[^@]*@#//***@#' || echo SQLite)"

if [[ -z "${SKIP_STATIC_CHECKS:-}" ]]; then
  log "lint"
  npx eslint .
  log "type check"
  npx tsc -p tsconfig.json --noEmit
fi
log "jest"
exec npx jest --ci "$@"
