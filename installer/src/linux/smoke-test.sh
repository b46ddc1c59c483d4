#!/usr/bin/env bash
# Runs the app image the packages are made of: proves the jlinked runtime holds what the agent needs.
# certs create (EC P-256 keys), run --headless with a PKCS#11 module loaded through JNA (SoftHSM2 when
# installed), GET /health over TLS checked against the new root, and the admin launcher's class path.
set -euo pipefail
image=$1
tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$image/bin/ukey-bridge" certs create --dir "$tmp/tls" >/dev/null
module=/usr/lib/softhsm/libsofthsm2.so
modules="[]"
if [ -f "$module" ]; then
  mkdir -p "$tmp/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\n' "$tmp/tokens" >"$tmp/softhsm2.conf"
  export SOFTHSM2_CONF=$tmp/softhsm2.conf
  modules="[\"$module\"]"
fi
port=$((20000 + RANDOM % 20000))
cat >"$tmp/config.json" <<JSON
{"port": $port, "allowedOrigins": ["http://localhost"], "pkcs11Modules": $modules,
 "tlsDir": "$tmp/tls", "dataDir": "$tmp/data"}
JSON
"$image/bin/ukey-bridge-admin" check-config --config "$tmp/config.json" >/dev/null

"$image/bin/ukey-bridge" run --headless --config "$tmp/config.json" >"$tmp/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if health=$(curl -fsS --cacert "$tmp/tls/root.pem" "https://127.0.0.1:$port/health" 2>/dev/null); then
    break
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/out.log" >&2; echo "smoke: the agent stopped" >&2; exit 1; }
  sleep 0.5
done
[ -n "${health:-}" ] || { cat "$tmp/out.log" >&2; echo "smoke: no answer on /health" >&2; exit 1; }
echo "smoke: /health over TLS: $health"
if [ "$modules" != "[]" ]; then
  grep -q "PKCS#11 module $module loaded" "$tmp/data/logs/agent.log" \
    || { cat "$tmp/data/logs/agent.log" >&2; echo "smoke: the PKCS#11 module did not load through JNA" >&2; exit 1; }
  echo "smoke: PKCS#11 module loaded through JNA"
fi
