#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, test and demo UKey Bridge.
# Idempotent; run as root or with sudo available.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven   # build (Java 17, Maven 3.8)
  softhsm2 opensc                 # a real PKCS#11 token for tests and the demo; pkcs11-tool cross-checks
  gcc make libssl-dev openssl     # the software SKF token (skf/src/main/c), C on OpenSSL 3 (SM2, SM3, SM4); openssl checks it
  libnss3-tools                   # certutil, for the trust-store work
  curl procps ca-certificates     # the demo's health check, the benchmark's RSS reading
  postgresql                      # the update site's production database; its tests tagged "postgres" run on it
  openjdk-17-jre                  # AWT's X11 toolkit (libawt_xawt.so) for the tray and dialogs; -headless lacks it
  xvfb                            # a private X server: the window tests open real dialogs and take screenshots
  xdotool x11-utils               # e2e: type the PIN into the agent's own dialog on Xvfb (xdotool), find its windows (xwininfo)
  fonts-noto-cjk                  # Chinese in the dialogs and tray menu (no boxes)
  dbus-daemon                     # a private session bus: the StatusNotifierItem tray tests (tag "dbus")
  libglib2.0-bin                  # gdbus, GLib's D-Bus client (GNOME Shell's library), reads the item in those tests
  chromium firefox-esr            # the end-to-end tests drive Debian's browsers headless (webpage/src/test/e2e, installer)
  fonts-liberation                # with fonts-noto-cjk: the screenshots show the pages as a clerk sees them
  rpm binutils                    # the Linux packages: rpmbuild, objdump for the .deb's dependencies (installer)
  gcc libc6-dev                   # LinuxPackageIT's marker library: records the uid that loads a pkcs11.txt module
  make libp11-kit-dev             # with gcc: the chaos token, a fault-injecting PKCS#11 module in C (pkcs11/src/test/c/chaos)
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

# Node runs the pages' JavaScript tests; any Node from 18 on will do, Debian's included.
command -v node >/dev/null || missing+=(nodejs)
# npm installs the end-to-end tests' one package (puppeteer-core, no browser download).
command -v npm >/dev/null || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PostgreSQL for the update site's tests: start the cluster (no systemd on a CI machine) and
# make the role and database that webpage's tests use by default (ukey.test.postgres.url).
pg_test_role=ukey_test
pg_test_password=ukey_test
pg_test_database=ukey_test
if command -v pg_lsclusters >/dev/null; then
  read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1) || true
  if [ -z "${pg_version:-}" ]; then
    pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_cluster=main
    "${sudo_cmd[@]}" pg_createcluster "$pg_version" "$pg_cluster"
    read -r pg_version pg_cluster pg_port pg_status _ < <(pg_lsclusters --no-header | head -n 1)
  fi
  if [ "$pg_status" != "online" ]; then
    echo "Starting PostgreSQL $pg_version/$pg_cluster on port $pg_port"
    "${sudo_cmd[@]}" pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_cluster" start
  fi
  as_postgres=("${sudo_cmd[@]}" runuser -u postgres --)
  if [ "$(id -u)" -ne 0 ]; then
    as_postgres=(sudo -u postgres)
  fi
  psql_cmd=("${as_postgres[@]}" psql -p "$pg_port" -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql_cmd[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = '$pg_test_role'")" != "1" ]; then
    "${psql_cmd[@]}" -c "CREATE ROLE $pg_test_role LOGIN PASSWORD '$pg_test_password'"
  fi
  if [ "$("${psql_cmd[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$pg_test_database'")" != "1" ]; then
    "${psql_cmd[@]}" -c "CREATE DATABASE $pg_test_database OWNER $pg_test_role"
  fi
  if [ "$pg_port" != "5432" ]; then
    echo "Note: PostgreSQL listens on $pg_port; set UKEY_TEST_POSTGRES_URL for the tests."
  fi
fi
