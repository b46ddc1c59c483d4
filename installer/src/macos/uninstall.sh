#!/bin/bash
# Removes UKey Bridge from a Mac (pkg has no uninstaller): sudo bash uninstall.sh [--purge]
# Root acts only on root's files: each user's own root leaves that user's login keychain through a
# command run as that user (sudo -u, a clean environment), and --purge has each user delete their
# own ~/.local/share/ukey-bridge. A login keychain that is locked (the user is not logged in) keeps
# the root until the user runs: ukey-bridge certs uninstall --dir ~/.local/share/ukey-bridge/tls
set -euo pipefail
app="/Applications/ukey-bridge.app/Contents/MacOS"
data="/Library/Application Support/UKey Bridge"
plist=/Library/LaunchAgents/cn.ukeybridge.agent.plist
user_id=$(stat -f %u /dev/console)
[ "$user_id" -eq 0 ] || launchctl bootout "gui/$user_id" "$plist" 2>/dev/null || true

as_user() {   # as_user NAME HOME COMMAND...
  local name=$1 home=$2
  shift 2
  (cd / && sudo -n -u "$name" -H env -i HOME="$home" USER="$name" LOGNAME="$name" PATH=/usr/bin:/bin:/usr/sbin:/sbin "$@") </dev/null
}

dscl . -list /Users UniqueID | while read -r name uid; do
  [ "$uid" -ge 500 ] || continue
  home=$(dscl . -read "/Users/$name" NFSHomeDirectory | awk '{print $2}')
  [ -d "$home/.local/share/ukey-bridge" ] || continue
  if [ -x "$app/ukey-bridge" ]; then
    as_user "$name" "$home" "$app/ukey-bridge" certs uninstall --dir "$home/.local/share/ukey-bridge/tls" --no-system \
      || echo "ukey-bridge: $name's root stays in their login keychain until they remove it (see above)" >&2
  fi
  if [ "${1:-}" = "--purge" ]; then
    as_user "$name" "$home" /bin/rm -rf "$home/.local/share/ukey-bridge" || true
  fi
done
rm -f "$plist"
rm -rf /Applications/ukey-bridge.app
pkgutil --forget cn.ukeybridge.agent >/dev/null 2>&1 || true
if [ "${1:-}" = "--purge" ]; then rm -rf "$data"; fi
