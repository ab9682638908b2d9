#!/usr/bin/env bash
# Benchmarks (bench/): each prints its figures and its ratio to a bare baseline from the same run.
#   scripts/bench.sh [organizations]     DATABASE_URL=mysql://… to run against MySQL/MariaDB
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"
ensure_node_modules
ensure_build
node dist/bench/plan-import.bench.js "$@"
