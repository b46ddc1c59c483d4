#!/usr/bin/env bash
# The benchmark (README, "Benchmark"): builds, then runs the load harness against the agent
# started through scripts/ukey-agent, in a throwaway SoftHSM2 + TLS folder. Options go to the
# harness (e.g. --idle-seconds 5 --iterations 500 for a quick look; --help lists them).
# The report is printed and written to benchmark/target/benchmark-report.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${UKEY_BENCH_SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q package -DskipTests
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ukey-bench-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# SoftHSM reads SOFTHSM2_CONF at C_Initialize: the harness's own in-process registry (the
# in-process sign) and the agent it starts both see this file, which the harness writes.
export SOFTHSM2_CONF="$work/softhsm2.conf"

java -jar benchmark/target/ukey-benchmark.jar --repo "$PWD" --work "$work" \
  --command "scripts/bench.sh${*:+ $*}" "$@"
