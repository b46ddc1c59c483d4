#!/usr/bin/env bash
# The demo: two SoftHSM2 tokens ("UKey Demo" with a login certificate that expires in 30 days,
# "UKey Blank" for a download), two GM keys on softskf, the software SKF token ("UKey GM" with an
# SM2 signing + encryption pair that expires in 30 days, "UKey GM Blank" for a gm-dual download),
# the agent on wss://127.0.0.1:28443/v2 trusted by this user's browsers, and the update site on
# http://localhost:8080/. Ctrl-C stops both.
#
# Run again, it starts over: fresh tokens and site records; the agent's TLS files are reused.
# Everything lives in .demo/ (UKEY_DEMO_DIR). Set UKEY_DEMO_SKIP_BUILD=1 to skip the build.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
demo="${UKEY_DEMO_DIR:-$root/.demo}"
module="${UKEY_SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}"
pin=123456
site_port=8080
agent_port=28443
origin="http://localhost:$site_port"
agent_jar="$root/agent/target/ukey-agent.jar"
site_jar="$root/webpage/target/update-site.jar"
softskf="$root/skf/target/native"

say() { printf '%s\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

for port in "$site_port" "$agent_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is in use (another demo still running?); stop it first"
  fi
done
[ -f "$module" ] || fail "no PKCS#11 module at $module (bash scripts/setup.sh installs SoftHSM2)"

if [ "${UKEY_DEMO_SKIP_BUILD:-0}" != 1 ]; then
  say "Building (mvn package) …"
  mvn -B -q package -DskipTests
fi

# --- Tokens: a fresh SoftHSM2 store on every run.
mkdir -p "$demo"
# site.out too: the wait below must not find the last run's lines before the new site writes its own.
rm -rf "$demo/tokens" "$demo/site" "$demo/site.out"
mkdir -p "$demo/tokens" "$demo/agent"
cat > "$demo/softhsm2.conf" <<CONF
directories.tokendir = $demo/tokens
objectstore.backend = file
log.level = ERROR
CONF
export SOFTHSM2_CONF="$demo/softhsm2.conf"
softhsm2-util --init-token --free --label "UKey Demo" --so-pin 12345678 --pin "$pin" >/dev/null
softhsm2-util --init-token --free --label "UKey Blank" --so-pin 12345678 --pin "$pin" >/dev/null
# The GM keys: softskf devices, read by the agent and the site through SOFTSKF_DIR.
rm -rf "$demo/skf"
mkdir -p "$demo/skf"
export SOFTSKF_DIR="$demo/skf"
"$softskf/softskf-util" --init --label "UKey GM" --pin "$pin" >/dev/null
"$softskf/softskf-util" --init --label "UKey GM Blank" --pin "$pin" >/dev/null

# --- The agent's TLS files (made once, reused) and trust for this user's browsers.
if [ ! -f "$demo/tls/root.pem" ]; then
  java -jar "$agent_jar" certs create --dir "$demo/tls" >/dev/null
fi
say "Trusting the agent's local root for $(id -un)'s browsers (NSS databases: Chrome/Chromium ~/.pki/nssdb, Firefox profiles):"
java -jar "$agent_jar" certs install --dir "$demo/tls" --no-system | sed 's/^/  /' \
  || say "  (some stores failed; browsers that do not trust the root cannot reach the agent)"

# --- The agent, headless, admitting only the demo site's pages. Headless it has no PIN window,
# so it lets the pages ask for the PIN (pagePin; protocol v2 refuses a page PIN otherwise).
cat > "$demo/agent.json" <<JSON
{
  "port": $agent_port,
  "allowedOrigins": ["$origin"],
  "pkcs11Modules": ["$module"],
  "skfModules": ["$softskf/libsoftskf.so"],
  "tlsDir": "$demo/tls",
  "dataDir": "$demo/agent",
  "updateSiteUrl": "$origin/",
  "confirmWrites": false,
  "pagePin": true
}
JSON
agent_pid=""
site_pid=""
stop() {
  trap - EXIT INT TERM
  local pid
  for pid in $site_pid $agent_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  say "Demo stopped."
}
trap stop EXIT
trap 'exit 130' INT TERM

bash "$root/scripts/ukey-agent" run --headless --config "$demo/agent.json" >"$demo/agent/agent.out" 2>&1 &
agent_pid=$!
for _ in $(seq 1 100); do
  curl -sf --cacert "$demo/tls/root.pem" "https://127.0.0.1:$agent_port/health" >/dev/null 2>&1 && break
  kill -0 "$agent_pid" 2>/dev/null || { cat "$demo/agent/agent.out" >&2; agent_pid=""; fail "the agent did not start"; }
  sleep 0.2
done

# --- The site: the EC and SM2 CAs, the clerk's certificate on "UKey Demo", the GM pair on
# "UKey GM" (signing key made on the key, encryption key enveloped by the KMC), two download
# authorizations (one gm-dual).
java -jar "$site_jar" demo --dir "$demo/site" --module "$module" --pin "$pin" --port "$site_port" \
  --agent-url "wss://127.0.0.1:$agent_port/v2" --skf-library "$softskf/libsoftskf.so" >"$demo/site.out" 2>"$demo/site.log" &
site_pid=$!
until grep -q '^RA commands:' "$demo/site.out" 2>/dev/null; do
  kill -0 "$site_pid" 2>/dev/null || { cat "$demo/site.out" "$demo/site.log" >&2; site_pid=""; fail "the site did not start"; }
  sleep 0.2
done

say ""
say "================ UKey Bridge demo is running (Ctrl-C stops it) ================"
say "Open  $origin/  in a browser of $(id -un) on this machine."
say ""
sed 's/^/  /' "$demo/site.out"
say "  Agent:           wss://127.0.0.1:$agent_port/v2, pages from $origin only; config $demo/agent.json"
say ""
say "Logs:  site $demo/site.log   agent $demo/agent/logs/agent.log"
say "Trust: the root $demo/tls/root.pem was added to this user's browser stores (above)."
say "       Remove it:  java -jar agent/target/ukey-agent.jar certs uninstall --dir $demo/tls --no-system"
say "==============================================================================="
wait -n "$site_pid" "$agent_pid" || true
say "The site or the agent stopped; see the logs above."
