#!/usr/bin/env bash
# Quick start: the whole system on its embedded defaults, on one machine.
#   Temporal dev server (SQLite state + Web UI), Mailpit (SMTP + web inbox) -> migrations ->
#   seed plan import -> API -> worker
# State lives under ITA_DATA_DIR (default .data/), so stopping and starting again keeps it. The
# api and the worker send mail to Mailpit (SMTP_URL), unless SMTP_URL is set: then no Mailpit.
# Each server is supervised: one that dies (a crash, kill -9, out of memory) is started again,
# Temporal on the same state file, after a back-off (1 s doubling to 30 s, back to 1 s once it
# has run a minute), with a line on the console and in its log. Ctrl-C (or SIGTERM) stops
# everything: the worker and the API, then Temporal, each killed if still there after
# ITA_STOP_GRACE_SECONDS (default 5); Mailpit goes with Temporal, after them. Environment
# overrides: see README (API_PORT, TEMPORAL_PORT, MAILPIT_UI_PORT, ...); ITA_SKIP_BUILD=1 reuses an
# existing dist/ instead of compiling.
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
MAILPIT_SMTP_PORT="${MAILPIT_SMTP_PORT:-1025}"
MAILPIT_UI_PORT="${MAILPIT_UI_PORT:-8025}"
export API_PORT="${API_PORT:-3000}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:$TEMPORAL_PORT}"
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL:-http://127.0.0.1:$TEMPORAL_UI_PORT}"
SEED_PLAN="${SEED_PLAN:-$ROOT_DIR/data/plans/tceb-fy2565.plan.json}"
SEED_ORGANIZATION="$(node -p "require('$SEED_PLAN').organization.code")"
# The Thai fiscal year (Buddhist era) of today in Bangkok: October starts the next one.
CURRENT_FY="${CURRENT_FY:-$(TZ=Asia/Bangkok date +'%Y %m' | awk '{ print $1 + 543 + ($2 >= 10 ? 1 : 0) }')}"
DEMO_ACCOUNTS="${DEMO_ACCOUNTS:-$ROOT_DIR/data/demo/tceb-accounts.json}"
mkdir -p "$ITA_DATA_DIR/logs"

BACKOFF_MAX_SECONDS=30
BACKOFF_RESET_SECONDS=60
STOP_GRACE_SECONDS="${ITA_STOP_GRACE_SECONDS:-5}"
RUN_DIR="$ITA_DATA_DIR/run"   # each server's current pid, for whoever wants to signal it
mkdir -p "$RUN_DIR"

ensure_node_modules
if [[ "${ITA_SKIP_BUILD:-}" == 1 && -f dist/apps/api/src/main.js && -f dist/apps/worker/src/main.js ]]; then
  log "using the existing build in dist/ (ITA_SKIP_BUILD=1)"
else
  ensure_build
fi
TEMPORAL_CLI="$(temporal_cli_path || true)"
# An SMTP_URL of the caller's is used as it is (and never printed: it may hold a password).
MAILPIT=""
if [[ -z "${SMTP_URL:-}" ]]; then
  MAILPIT="$(mailpit_path || true)"
  if [[ -n "$MAILPIT" ]]; then
    export SMTP_URL="smtp://127.0.0.1:$MAILPIT_SMTP_PORT"
  else
    log "no Mailpit could be built here (see scripts/lib.sh mailpit_path): mail is off"
  fi
fi

# Each server runs in a session of its own, so Ctrl-C reaches only this script, which stops them
# in order; its whole process group is signalled, so nothing it started is left behind.
SETSID="$(command -v setsid || true)"
MAIN_PID=$$
signal_group() { kill "-$1" -- "-$2" 2>/dev/null || kill "-$1" "$2" 2>/dev/null || true; }
alive() { local state; state="$(ps -o stat= -p "$1" 2>/dev/null)" && [[ -n "$state" && "$state" != Z* ]]; }

# supervise NAME LOG COMMAND...: runs COMMAND (output appended to LOG) and starts it again each
# time it exits, until this subshell gets SIGTERM; then stops it (SIGTERM, SIGKILL after the grace).
# It ignores Ctrl-C, hang-ups and a closed console (the script handles those and tells it to
# stop), and once the script is gone (kill -9) it starts nothing again.
supervise() {
  set +e
  trap '' INT HUP PIPE
  local name="$1" logfile="$2"; shift 2
  local child="" napper="" delay=1 started status
  stop_child() {
    trap '' TERM
    [[ -n "$napper" ]] && kill "$napper" 2>/dev/null
    if [[ -n "$child" ]]; then
      signal_group TERM "$child"
      for _ in $(seq 1 $((STOP_GRACE_SECONDS * 10))); do alive "$child" || break; sleep 0.1; done
      if alive "$child"; then log "$name did not stop within $STOP_GRACE_SECONDS s; killing it"; fi
      signal_group KILL "$child"
      wait "$child" 2>/dev/null
    fi
    rm -f "$RUN_DIR/$name.pid"
    exit 0
  }
  trap stop_child TERM
  : > "$logfile"
  while :; do
    started=$SECONDS
    $SETSID "$@" >> "$logfile" 2>&1 < /dev/null &
    child=$!
    echo "$child" > "$RUN_DIR/$name.pid"
    wait "$child" 2>/dev/null
    status=$?
    signal_group KILL "$child"   # whatever it started and left running
    child=""
    kill -0 "$MAIN_PID" 2>/dev/null || { rm -f "$RUN_DIR/$name.pid"; exit 1; }
    if (( SECONDS - started >= BACKOFF_RESET_SECONDS )); then delay=1; fi
    log "$name exited with status $status; restarting in $delay s"
    printf '[ita] %s %s exited with status %s; restarting in %s s\n' "$(date -u +%FT%TZ)" "$name" "$status" "$delay" >> "$logfile"
    sleep "$delay" & napper=$!
    wait "$napper"
    napper=""
    delay=$(( delay * 2 > BACKOFF_MAX_SECONDS ? BACKOFF_MAX_SECONDS : delay * 2 ))
  done
}

declare -A supervisors=()
start_supervised() { # name, command...
  local name="$1"; shift
  supervise "$name" "$ITA_DATA_DIR/logs/$name.log" "$@" &
  supervisors[$name]=$!
}
stop_supervised() { # names...: all at once, then waits for them (each bounds its own stop)
  local name pids=()
  for name in "$@"; do [[ -n "${supervisors[$name]:-}" ]] && pids+=("${supervisors[$name]}"); done
  (( ${#pids[@]} )) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null
  wait "${pids[@]}" 2>/dev/null
  for name in "$@"; do unset "supervisors[$name]"; done
}
cleanup() {
  trap - EXIT INT TERM HUP
  # Stopping must not fail half-way: a console that went away (Ctrl-C also ends a `| tee`) is no error.
  set +e
  trap '' PIPE
  log "stopping"
  # The worker drains its tasks against Temporal (and may be sending mail), so those go last.
  stop_supervised worker api
  stop_supervised temporal mailpit
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

wait_for() { # name, log file, command...: until the command succeeds (the supervisor restarts a crash meanwhile)
  local name="$1" logfile="$2"; shift 2
  for _ in $(seq 1 240); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  log "$name did not come up:"; tail -n 20 "$logfile" >&2; exit 1
}

if [[ -n "$TEMPORAL_CLI" ]]; then
  log "starting Temporal dev server ($(temporal_version_line "$TEMPORAL_CLI"))"
  start_supervised temporal "$TEMPORAL_CLI" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "$ITA_DATA_DIR/temporal.sqlite" --log-level warn
else
  log "no Temporal CLI could be built here; letting the Temporal SDK download one"
  start_supervised temporal node scripts/sdk-dev-server.js "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT" "$ITA_DATA_DIR/temporal.sqlite"
fi
if [[ -n "$MAILPIT" ]]; then
  log "starting Mailpit $("$MAILPIT" version --no-release-check 2>/dev/null | awk 'NR == 1 { print $2 }')"
  start_supervised mailpit "$MAILPIT" --smtp "127.0.0.1:$MAILPIT_SMTP_PORT" --listen "127.0.0.1:$MAILPIT_UI_PORT" \
    --database "$ITA_DATA_DIR/mailpit.sqlite" --disable-version-check --smtp-disable-rdns
fi
wait_for "Temporal" "$ITA_DATA_DIR/logs/temporal.log" bash -c "exec 3<>/dev/tcp/127.0.0.1/$TEMPORAL_PORT"
[[ -z "$MAILPIT" ]] || wait_for "Mailpit" "$ITA_DATA_DIR/logs/mailpit.log" curl -sf "http://127.0.0.1:$MAILPIT_UI_PORT/readyz"

log "migrating the database and importing the seed plan"
node dist/apps/api/src/cli/plan-import.cli.js "$SEED_PLAN" || {
  code=$?; [[ $code == 3 ]] && log "the stored plan differs from $SEED_PLAN; kept the stored one (import with --yes to replace it)" || exit $code
}
log "loading the seed organization's demo accounts (docs/accounts.md)"
node dist/apps/api/src/cli/accounts.cli.js load "$DEMO_ACCOUNTS"
# The seed's FY2565 plan stays the historical record; the current fiscal year runs a rollover of its
# measures on the real calendar (the seed has no later ITA results: the plan says so).
log "importing FY$CURRENT_FY, a rollover of the seed's measures, and running it on the real Thai fiscal calendar"
node dist/apps/api/src/cli/plan-import.cli.js "$SEED_PLAN" "--roll-over-to=$CURRENT_FY" || {
  code=$?; [[ $code == 3 ]] && log "the stored FY$CURRENT_FY plan differs from the rollover; kept the stored one" || exit $code
}
node dist/apps/api/src/cli/plan-activate.cli.js "$SEED_ORGANIZATION" "$CURRENT_FY"

start_supervised api node dist/apps/api/src/main.js
wait_for "API" "$ITA_DATA_DIR/logs/api.log" curl -sf "http://127.0.0.1:$API_PORT/api/health"
start_supervised worker node dist/apps/worker/src/main.js

if [[ -n "$MAILPIT" ]]; then
  MAIL_LINE="Mail inbox      http://127.0.0.1:$MAILPIT_UI_PORT   (Mailpit: every mail the api and the worker send)"
elif [[ -n "${SMTP_URL:-}" ]]; then
  MAIL_LINE="Mail            sent through SMTP_URL"
else
  MAIL_LINE="Mail            off (no SMTP_URL, no Mailpit)"
fi
cat <<MSG

  ITA measures is running (data in $ITA_DATA_DIR, logs in $ITA_DATA_DIR/logs)
    Web app         http://127.0.0.1:$API_PORT/   (Thai first; English from the header)
    API             http://127.0.0.1:$API_PORT/api
    OpenAPI page    http://127.0.0.1:$API_PORT/api/docs
    Temporal Web UI $TEMPORAL_UI_URL
    $MAIL_LINE
    Plans           FY2565: the seed's plan (historical record; activate it on a compressed year from the Plans page)
                    FY$CURRENT_FY: a rollover of its measures, running on the real calendar (the seed has no later ITA results)
    Demo accounts   tceb.deputy, tceb.director, tceb.auditor, tceb.planner, tceb.<unit>.head and .staff
                    password ita-demo-2565 (README: Demo accounts)
    Sign in         curl -s -X POST -H 'Content-Type: application/json' -d '{"username":"tceb.deputy","password":"ita-demo-2565"}' http://127.0.0.1:$API_PORT/api/auth/login

  Ctrl-C stops everything; run it again to carry on where you left off.

MSG
# Until Ctrl-C: the supervisors only end when told to.
wait "${supervisors[@]}" || true
log "a supervisor ended unexpectedly; see $ITA_DATA_DIR/logs"
exit 1
