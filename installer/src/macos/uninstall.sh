#!/bin/bash
# Removes UKey Bridge from a Mac (pkg has no uninstaller): sudo bash uninstall.sh [--purge]
set -euo pipefail
app="/Applications/ukey-bridge.app/Contents/MacOS"
data="/Library/Application Support/UKey Bridge"
plist=/Library/LaunchAgents/cn.ukeybridge.agent.plist
user_id=$(stat -f %u /dev/console)
[ "$user_id" -eq 0 ] || launchctl bootout "gui/$user_id" "$plist" 2>/dev/null || true
[ -x "$app/ukey-bridge" ] && "$app/ukey-bridge" certs uninstall --dir "$data/tls" --system || true
rm -f "$plist"
rm -rf /Applications/ukey-bridge.app
pkgutil --forget cn.ukeybridge.agent >/dev/null 2>&1 || true
if [ "${1:-}" = "--purge" ]; then rm -rf "$data"; fi
