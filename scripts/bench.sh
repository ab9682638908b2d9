#!/usr/bin/env bash
# Benchmarks (bench/): each prints its figures and its ratio to a bare baseline from the same run.
#   scripts/bench.sh [plan-import|read-model] [organizations]   DATABASE_URL=mysql://… for MySQL/MariaDB
#   scripts/bench.sh plan-sheet [iterations]                     the .xlsx round trip (no database)
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"
ensure_node_modules
ensure_build
which="${1:-all}"; shift || true
[[ $which == all || $which == plan-import ]] && node dist/bench/plan-import.bench.js "$@"
[[ $which == all || $which == read-model ]] && node dist/bench/read-model.bench.js "$@"
[[ $which == all || $which == plan-sheet ]] && node dist/bench/plan-sheet.bench.js "$@"
true
