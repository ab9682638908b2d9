# Shared helpers for the project's scripts: pinned versions, cache locations, Temporal and Mailpit binaries.
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

# Prints the path of Mailpit, the embedded mail server with its web inbox. Order: MAILPIT_PATH;
# the cache; a build with Go from the module proxy. The module zip carries the inbox's sources
# (server/ui-src) but not their bundle (server/ui/dist, made by npm and esbuild, which go:embed
# takes in), so a plain `go install` serves a blank page at /. The build therefore bundles the
# inbox with npm in a copy of the module, then runs `go build` there. If the bundle cannot be made,
# Mailpit is built without it (SMTP and the API work, the inbox page stays blank) and a note
# beside the binary says so; delete that directory to try again.
mailpit_path() {
  if [[ -n "${MAILPIT_PATH:-}" ]]; then
    [[ -x "$MAILPIT_PATH" ]] || { log "MAILPIT_PATH=$MAILPIT_PATH is not executable"; return 1; }
    echo "$MAILPIT_PATH"; return
  fi
  local dir="$ITA_CACHE_DIR/mailpit-v$MAILPIT_VERSION"
  if [[ ! -x "$dir/mailpit" ]]; then
    command -v go >/dev/null || { log "no Go toolchain to build Mailpit; set MAILPIT_PATH"; return 1; }
    log "building Mailpit v$MAILPIT_VERSION with its web inbox (first run only, a minute or two)"
    mkdir -p "$dir"
    local work status=0
    work="$(mktemp -d)"
    _mailpit_build "$dir" "$work" >&2 || status=$?
    rm -rf "$work"
    (( status == 0 )) || { log "building Mailpit failed"; return 1; }
  fi
  [[ -f "$dir/NO-WEB-INBOX" ]] && log "Mailpit at $dir has no web inbox (its API works): $(cat "$dir/NO-WEB-INBOX")"
  echo "$dir/mailpit"
}

# _mailpit_build DIR WORK: builds Mailpit into DIR/mailpit, in a writable copy of the module in WORK.
# Every step checks its own failure: callers run this where `set -e` does not apply (`|| true`).
_mailpit_build() {
  local dir="$1" src="$2/mailpit" moddir
  moddir="$(cd "$2" && GOFLAGS=-mod=mod go mod download -json "github.com/axllent/mailpit@v$MAILPIT_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$moddir" && -d "$moddir" ]] || { log "go mod download gave no module directory"; return 1; }
  cp -r "$moddir" "$src" && chmod -R u+w "$src" || return 1
  rm -f "$dir/NO-WEB-INBOX"
  if ! _mailpit_web_inbox "$src"; then
    rm -rf "$src/server/ui/dist"
    echo "its bundle (server/ui/dist) could not be made with npm when this binary was built" > "$dir/NO-WEB-INBOX"
    log "the web inbox could not be bundled; building Mailpit without it"
  fi
  (cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=v$MAILPIT_VERSION" -o "$dir/mailpit.tmp" .) &&
    mv "$dir/mailpit.tmp" "$dir/mailpit"
}

# _mailpit_web_inbox SRC: bundles the inbox into SRC/server/ui/dist, as the release's `npm run
# package` does, with only the packages that bundling needs (not Mailpit's linters, browser tests
# and their downloads) and MAILPIT_UI_NPM_PINS in place of what its lock pins and npm does not serve.
# No package's install script runs (esbuild's binary comes in its platform package).
_mailpit_web_inbox() {
  # shellcheck disable=SC2086 # the pins are words
  (cd "$1" && node -e '
    const fs = require("fs");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    const bundler = ["esbuild", "esbuild-plugin-vue-next", "esbuild-sass-plugin", "@vue/compiler-sfc"];
    pkg.devDependencies = Object.fromEntries(Object.entries(pkg.devDependencies || {}).filter(([n]) => bundler.includes(n)));
    pkg.overrides = {};
    for (const pin of process.argv.slice(1)) {
      const at = pin.lastIndexOf("@"), name = pin.slice(0, at), version = pin.slice(at + 1);
      const direct = ["dependencies", "devDependencies"].find((k) => pkg[k] && pkg[k][name]);
      if (direct) pkg[direct][name] = version; else pkg.overrides[name] = version;
    }
    fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));
  ' $MAILPIT_UI_NPM_PINS &&
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error &&
    MINIFY=true node esbuild.config.mjs &&
    [[ -s server/ui/dist/app.js && -s server/ui/dist/app.css ]])
}

temporal_version_line() {
  "$1" --version 2>/dev/null | head -1
}
