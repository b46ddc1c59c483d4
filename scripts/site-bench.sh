#!/usr/bin/env bash
# The update site's renewal benchmark (README, "Benchmark"): full renewals through the HTTP API,
# no browser, no token. Arguments go to the harness:
#   [--database h2|postgres|JDBC-URL] [--renewals N] [--clients C] [--warmup W]
# The site's own log (one line per issued certificate) goes to target/site-bench.log.
# Set UKEY_BENCH_SKIP_BUILD=1 to skip the build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${UKEY_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q package -DskipTests -pl webpage -am
fi
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(java -version 2>&1 | head -1)"
exec java -Xms1g -Xmx1g ${UKEY_BENCH_JAVA_OPTS:-} \
  -cp webpage/target/update-site.jar:webpage/target/test-classes \
  com.ukeybridge.site.bench.SiteBenchmark "$@" 2>>webpage/target/site-bench.log
