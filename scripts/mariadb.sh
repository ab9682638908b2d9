#!/usr/bin/env bash
# Installs MariaDB from Debian if missing, starts a private server on 127.0.0.1:${MARIADB_PORT:-3306}
# (data under ${MARIADB_DIR:-$ITA_CACHE_DIR/mariadb}, not the system's), and prints a TEST_DATABASE_URL for it.
#   scripts/mariadb.sh start | stop | url | serve | setup | pid
# start: in the background, with the ita account and database (what the tests and CI use).
# serve: in the foreground, its data directory created first: for a supervisor of its own that
#        kills and restarts it (test/faults); `setup` then creates the account and database.
source "$(dirname "$0")/lib.sh"
PORT="${MARIADB_PORT:-3306}"
DIR="${MARIADB_DIR:-$ITA_CACHE_DIR/mariadb}"
SOCK="$DIR/mariadb.sock"
URL="mysql://ita:ita@127.0.0.1:$PORT/ita"

install_mariadb() {
  command -v mariadbd >/dev/null && return
  [[ $(id -u) == 0 ]] || { log "MariaDB is not installed and this is not root: apt-get install mariadb-server"; exit 1; }
  log "installing MariaDB from Debian"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >&2
}

init_datadir() {
  install_mariadb
  mkdir -p "$DIR"
  if [[ ! -d "$DIR/data/mysql" ]]; then
    mariadb-install-db --datadir="$DIR/data" --user="$(id -un)" --auth-root-authentication-method=socket > "$DIR/install.log" 2>&1
  fi
}

MARIADBD_ARGS=(--datadir="$DIR/data" --socket="$SOCK" --port="$PORT" --bind-address=127.0.0.1
  --pid-file="$DIR/mariadb.pid" --user="$(id -un)" --character-set-server=utf8mb4
  --collation-server=utf8mb4_unicode_ci --skip-log-bin --innodb-flush-log-at-trx-commit=2)

ping() { mariadb-admin --socket="$SOCK" ping >/dev/null 2>&1; }

setup() {
  mariadb --socket="$SOCK" -u root <<SQL
CREATE USER IF NOT EXISTS 'ita'@'127.0.0.1' IDENTIFIED BY 'ita';
CREATE USER IF NOT EXISTS 'ita'@'localhost' IDENTIFIED BY 'ita';
GRANT ALL PRIVILEGES ON *.* TO 'ita'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'ita'@'localhost';
CREATE DATABASE IF NOT EXISTS ita CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
}

serve() {
  init_datadir
  exec mariadbd "${MARIADBD_ARGS[@]}"
}

start() {
  install_mariadb
  if ping; then echo "$URL"; return; fi
  init_datadir
  mariadbd "${MARIADBD_ARGS[@]}" > "$DIR/mariadb.log" 2>&1 &
  for _ in $(seq 1 60); do
    ping && break
    sleep 1
  done
  ping || { log "MariaDB did not start; see $DIR/mariadb.log"; tail -20 "$DIR/mariadb.log" >&2; exit 1; }
  setup
  log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$PORT"
  echo "$URL"
}

stop() {
  mariadb-admin --socket="$SOCK" -u root shutdown 2>/dev/null || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  serve) serve ;;
  setup) setup && echo "$URL" ;;
  pid) cat "$DIR/mariadb.pid" ;;
  *) echo "usage: $0 start|stop|url|serve|setup|pid" >&2; exit 1 ;;
esac
