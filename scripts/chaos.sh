#!/usr/bin/env bash
# The crash campaign (docs/chaos.md): `bash scripts/chaos.sh [--runs N] [--seed S]`.
# Each run renews a fresh token's certificate through the pages' JavaScript client under Node
# and kills the agent or the site (SIGKILL) at a seeded random step, then resumes and checks.
# Ends with `chaos: R runs, L certificates lost, U unfinished`; exit 1 when L or U is not 0.
# UKEY_CHAOS_SKIP_BUILD=1 skips the build; UKEY_CHAOS_DIR keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
if [[ "${UKEY_CHAOS_SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q package -DskipTests -pl agent,webpage -am
fi
work="${UKEY_CHAOS_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ukey-chaos-XXXXXX")}"
[[ -n "${UKEY_CHAOS_DIR:-}" ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
chaos="$root/webpage/src/test/chaos"
if [[ ! -d "$chaos/node_modules/ws" ]]; then
  (cd "$chaos" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
fi
if [[ ! -f "$work/tls/root.pem" ]]; then
  java -jar "$root/agent/target/ukey-agent.jar" certs create --dir "$work/tls" >/dev/null
fi
# The chaos token (pkcs11/src/test/c/chaos), for the token faults: the one the pkcs11 build
# made, else built here into the work folder.
token="$root/pkcs11/target/chaos/libukeychaos.so"
if [[ ! -f "$token" ]]; then
  token="$work/chaos/libukeychaos.so"
  make -s -C "$root/pkcs11/src/test/c/chaos" OUT="$work/chaos" >/dev/null
fi
NODE_EXTRA_CA_CERTS="$work/tls/root.pem" exec node "$chaos/campaign.js" --repo "$root" --work "$work" \
  --chaos-module "$token" "$@"
