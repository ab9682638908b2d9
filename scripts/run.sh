#!/usr/bin/env bash
# Quick start: the whole system on its embedded defaults, on one machine.
#   Temporal dev server (SQLite state + Web UI) -> migrations -> seed plan import -> API -> worker
# State lives under ITA_DATA_DIR (default .data/), so stopping and starting again keeps it.
# Ctrl-C stops everything. Environment overrides: see README (API_PORT, TEMPORAL_PORT, ...).
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export API_PORT="${API_PORT:-3000}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:$TEMPORAL_PORT}"
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://127.0.0.1:$TEMPORAL_UI_PORT}"
SEED_PLAN="${SEED_PLAN:-$ROOT_DIR/data/plans/tceb-fy2565.plan.json}"
DEMO_ACCOUNTS="${DEMO_ACCOUNTS:-$ROOT_DIR/data/demo/tceb-accounts.json}"
mkdir -p "$ITA_DATA_DIR/logs"

ensure_node_modules
ensure_build
TEMPORAL_CLI="$(temporal_cli_path || true)"

pids=()
cleanup() {
  trap - EXIT INT TERM
  log "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_for() { # name, log file, command...: until the command succeeds or the last process dies
  local name="$1" logfile="$2"; shift 2
  for _ in $(seq 1 240); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  log "$name did not come up:"; tail -n 20 "$logfile" >&2; exit 1
}

if [[ -n "$TEMPORAL_CLI" ]]; then
  log "starting Temporal dev server ($(temporal_version_line "$TEMPORAL_CLI"))"
  "$TEMPORAL_CLI" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$ITA_DATA_DIR/temporal.sqlite" --log-level warn \
    > "$ITA_DATA_DIR/logs/temporal.log" 2>&1 &
else
  log "no Temporal CLI could be built here; letting the Temporal SDK download one"
  node scripts/sdk-dev-server.js "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT" "$ITA_DATA_DIR/temporal.sqlite" \
    > "$ITA_DATA_DIR/logs/temporal.log" 2>&1 &
fi
pids+=($!)
wait_for "Temporal" "$ITA_DATA_DIR/logs/temporal.log" bash -c "exec 3<>/dev/tcp/127.0.0.1/$TEMPORAL_PORT"

log "migrating the database and importing the seed plan"
node dist/apps/api/src/cli/plan-import.cli.js "$SEED_PLAN" || {
  code=$?; [[ $code == 3 ]] && log "the stored plan differs from $SEED_PLAN; kept the stored one (import with --yes to replace it)" || exit $code
}
log "loading the seed organization's demo accounts (docs/accounts.md)"
node dist/apps/api/src/cli/accounts.cli.js load "$DEMO_ACCOUNTS"

node dist/apps/api/src/main.js > "$ITA_DATA_DIR/logs/api.log" 2>&1 &
pids+=($!)
wait_for "API" "$ITA_DATA_DIR/logs/api.log" curl -sf "http://127.0.0.1:$API_PORT/api/health"
node dist/apps/worker/src/main.js > "$ITA_DATA_DIR/logs/worker.log" 2>&1 &
pids+=($!)

cat <<MSG

  ITA measures is running (data in $ITA_DATA_DIR, logs in $ITA_DATA_DIR/logs)
    Web app         http://127.0.0.1:$API_PORT/   (Thai first; English from the header)
    API             http://127.0.0.1:$API_PORT/api
    OpenAPI page    http://127.0.0.1:$API_PORT/api/docs
    Temporal Web UI $TEMPORAL_UI_URL
    Demo accounts   tceb.deputy, tceb.director, tceb.auditor, tceb.planner, tceb.<unit>.head and .staff
                    password ita-demo-2565 (README: Demo accounts)
    Sign in         curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"tceb.deputy","password":"ita-demo-2565"}' http://127.0.0.1:$API_PORT/api/auth/login

  Ctrl-C stops everything; run it again to carry on where you left off.

MSG
wait -n "${pids[@]}"
log "a process exited; see $ITA_DATA_DIR/logs"
exit 1
