# Shared helpers for the project's scripts: pinned versions, cache locations, Temporal binaries.
# Sourced, not run. Binaries are cached outside the git tree (ITA_CACHE_DIR, default ~/.cache/ita).
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
source "$ROOT_DIR/scripts/versions.env"
ITA_CACHE_DIR="${ITA_CACHE_DIR:-$HOME/.cache/ita}"
ITA_DATA_DIR="${ITA_DATA_DIR:-$ROOT_DIR/.data}"
export ITA_CACHE_DIR ITA_DATA_DIR

log() { printf '[ita] %s\n' "$*" >&2; }

# Node packages, installed once per package-lock change. Native modules (better-sqlite3) build
# against the local Node headers when no prebuilt binary can be downloaded.
ensure_node_modules() {
  local stamp="$ROOT_DIR/node_modules/.ita-lock-hash" want
  want="$(sha256sum "$ROOT_DIR/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return; fi
  log "installing Node packages (npm ci)"
  if [[ -d /usr/include/node ]]; then export npm_config_nodedir=/usr; fi
  (cd "$ROOT_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

ensure_build() {
  log "compiling TypeScript"
  (cd "$ROOT_DIR" && npm run --silent build)
  log "building the web app (dist/web)"
  (cd "$ROOT_DIR" && npx vite build apps/web --logLevel warn)
}

# Debian's Chromium and a Thai font, for the browser tests (root on Debian, as in CI).
ensure_browser() {
  [[ -x /usr/bin/chromium ]] && fc-list 2>/dev/null | grep -i tlwg >/dev/null && return
  log "installing Chromium and Thai fonts (fonts-thai-tlwg) from Debian"
  local sudo=""; [[ $EUID -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null
}

# Prints the path of the Temporal CLI. Order: TEMPORAL_CLI_PATH; the cache; a build with Go from
# the Go module proxy; else nothing (the SDK then downloads its own on machines with internet).
temporal_cli_path() {
  if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
    [[ -x "$TEMPORAL_CLI_PATH" ]] || { log "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not executable"; return 1; }
    echo "$TEMPORAL_CLI_PATH"; return
  fi
  local dir="$ITA_CACHE_DIR/temporal-cli-v$TEMPORAL_CLI_VERSION"
  if [[ ! -x "$dir/temporal" ]]; then
    command -v go >/dev/null || { log "no Go toolchain to build the Temporal CLI; set TEMPORAL_CLI_PATH"; return 1; }
    log "building Temporal CLI v$TEMPORAL_CLI_VERSION with $(go version | cut -d' ' -f3) (first run only, a few minutes)"
    mkdir -p "$dir"
    GOBIN="$dir" GOFLAGS=-mod=mod go install \
      -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
      "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" >&2
  fi
  echo "$dir/temporal"
}

# Prints the path of an executable that starts the official Java time-skipping test server
# (io.temporal.testserver.TestServer), fetched from Maven Central into the cache.
temporal_test_server_path() {
  if [[ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]]; then echo "$TEMPORAL_TEST_SERVER_PATH"; return; fi
  local dir="$ITA_CACHE_DIR/temporal-test-server-v$TEMPORAL_TEST_SERVER_VERSION"
  if [[ ! -x "$dir/temporal-test-server" ]]; then
    command -v mvn >/dev/null && command -v java >/dev/null || { log "no Maven/Java for the test server"; return 1; }
    log "fetching io.temporal:temporal-test-server:$TEMPORAL_TEST_SERVER_VERSION from Maven Central"
    mkdir -p "$dir"
    cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ita</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>$TEMPORAL_TEST_SERVER_VERSION</version></dependency>
  </dependencies>
</project>
POM
    mvn -q -f "$dir/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/lib" >&2
    cat > "$dir/temporal-test-server" <<SH
#!/usr/bin/env bash
# The official Temporal time-skipping test server (Java), as the SDK's 'existing-path' executable.
exec java -cp "$dir/lib/*" io.temporal.testserver.TestServer "\$@"
SH
    chmod +x "$dir/temporal-test-server"
  fi
  echo "$dir/temporal-test-server"
}

temporal_version_line() {
  "$1" --version 2>/dev/null | head -1
}
