#!/usr/bin/env bash
# The demo, until the update site exists: a SoftHSM2 token holding a certificate that expires
# in 30 days, and the agent serving it headless on wss://127.0.0.1:28443/v1. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

demo="$PWD/.demo"
mvn -B -q package -DskipTests

mkdir -p "$demo/tokens"
cat > "$demo/softhsm2.conf" <<CONF
directories.tokendir = $demo/tokens
objectstore.backend = file
log.level = ERROR
CONF
export SOFTHSM2_CONF="$demo/softhsm2.conf"

if ! softhsm2-util --show-slots | grep -q "Label: *UKey Demo *$"; then
  softhsm2-util --init-token --free --label "UKey Demo" --so-pin 12345678 --pin 123456 >/dev/null
fi

exec bash scripts/ukey-agent demo --dir "$demo" "$@"
