#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build, test and demo UKey Bridge.
# Idempotent; run as root or with sudo available.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven   # build (Java 17, Maven 3.8)
  softhsm2 opensc                 # a real PKCS#11 token for tests and the demo; pkcs11-tool cross-checks
  libnss3-tools                   # certutil, for the trust-store work
  curl procps ca-certificates     # the demo's health check, the benchmark's RSS reading
  openjdk-17-jre                  # AWT's X11 toolkit (libawt_xawt.so) for the tray and dialogs; -headless lacks it
  xvfb                            # a private X server: the window tests open real dialogs and take screenshots
  fonts-noto-cjk                  # Chinese in the dialogs and tray menu (no boxes)
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
