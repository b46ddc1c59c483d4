# How root runs a per-user step: as that user, never over a user's files itself (docs/deploy.md,
# "Linux: who does what"). Sourced by ukey-bridge-machine; build-packages.sh copies it into the
# postrm, which runs after /opt/ukey-bridge is gone. Bash (Essential on Debian, /bin/sh on RPM systems).

# Every account that may hold per-user files of ours: name:uid:gid:home of root and of the uids
# from UID_MIN to UID_MAX of /etc/login.defs (1000 to 60000 when it does not say).
ukey_bridge_users() {
  local min max
  min=$(awk '$1 == "UID_MIN" {print $2}' /etc/login.defs 2>/dev/null)
  max=$(awk '$1 == "UID_MAX" {print $2}' /etc/login.defs 2>/dev/null)
  getent passwd | awk -F: -v min="${min:-1000}" -v max="${max:-60000}" \
    '($3 == 0 || ($3 >= min && $3 <= max)) && $6 ~ /^\// {print $1 ":" $3 ":" $4 ":" $6}'
}

# ukey_bridge_as_user UID GID COMMAND...: COMMAND with that uid, gid and the user's groups, the
# environment setpriv --reset-env makes from the passwd entry (HOME, USER, LOGNAME, SHELL, PATH),
# in / and in a new session without a controlling terminal (no TIOCSTI into root's terminal),
# standard input /dev/null and no other file descriptor of ours. Its output comes back without
# control characters (no escape sequences into root's terminal). Returns COMMAND's exit code.
ukey_bridge_as_user() {
  local uid=$1 gid=$2
  shift 2
  (
    cd /
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid --wait setpriv --reuid="$uid" --regid="$gid" --init-groups --reset-env -- "$@"
  ) </dev/null 2>&1 | LC_ALL=C tr -d '\000-\010\013-\037\177'
  return "${PIPESTATUS[0]}"
}

# ukey_bridge_each_user DIR COMMAND...: runs COMMAND as every user whose home holds
# ~/.local/share/ukey-bridge/DIR (DIR may be empty: the folder itself). A user's failure is
# reported and the others go on; returns 1 if any failed.
ukey_bridge_each_user() {
  local dir=$1 failed=0 name uid gid home
  shift
  while IFS=: read -r name uid gid home; do
    [ -e "$home/.local/share/ukey-bridge/$dir" ] || [ -L "$home/.local/share/ukey-bridge/$dir" ] || continue
    ukey_bridge_as_user "$uid" "$gid" "$@" | sed "s/^/ukey-bridge: $name: /" >&2
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "ukey-bridge: $name: '$*' failed" >&2; failed=1; }
  done < <(ukey_bridge_users)
  return "$failed"
}
