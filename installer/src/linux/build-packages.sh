#!/usr/bin/env bash
# Builds the Linux packages: installer/target/ukey-bridge_VERSION_ARCH.deb and ukey-bridge-VERSION-1.ARCH.rpm.
# Usually run by Maven: mvn -B -Ppackage-linux package -DskipTests (docs/deploy.md).
#
# 1. The agent's shaded jar, trimmed for this platform (JNA's native libraries of other systems go) and
#    stored uncompressed: the package's xz then compresses the classes far better than the jar's deflate.
# 2. A runtime with jlink holding only the modules the jar uses (jdeps), plus the two it loads by name.
# 3. jpackage --type app-image: the native launchers (ukey-bridge, ukey-bridge-admin) over that runtime,
#    with the JVM flags the agent is measured with (scripts/ukey-agent).
# 4. A smoke run of the image: certs create (EC keys), run --headless with a PKCS#11 module (JNA), GET /health over TLS.
# 5. The .deb with dpkg-deb and the .rpm with rpmbuild from the same tree and the same maintainer scripts:
#    jpackage's own deb/rpm templates would have to be overridden file by file, and we need our own
#    maintainer scripts, conffiles, dependencies and compression anyway.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../.." && pwd)
agent_jar=${UKEY_AGENT_JAR:-$module/../agent/target/ukey-agent.jar}
admin_jar=${UKEY_ADMIN_JAR:-$module/target/ukey-installer.jar}
version=${UKEY_VERSION:-0.1.0}
out=${UKEY_OUT:-$module/target}
jdk=${UKEY_JDK:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}}
xz_level=${UKEY_XZ_LEVEL:-3}   # 6 saves about 3 MB and costs a minute or more; not worth it on every CI run
name=ukey-bridge
work=$out/linux
image=$work/image/$name

for tool in "$jdk/bin/jlink" "$jdk/bin/jpackage" "$jdk/bin/jdeps" "$jdk/bin/jar"; do
  [ -x "$tool" ] || { echo "build-packages: $tool missing (set UKEY_JDK to a JDK 17+)" >&2; exit 1; }
done
for tool in dpkg-deb rpmbuild objdump curl; do
  command -v "$tool" >/dev/null || { echo "build-packages: $tool missing (bash scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -f "$agent_jar" ] || { echo "build-packages: $agent_jar missing: build the agent first (mvn -B package)" >&2; exit 1; }
[ -f "$admin_jar" ] || { echo "build-packages: $admin_jar missing" >&2; exit 1; }

deb_arch=$(dpkg --print-architecture)
case "$deb_arch" in
  amd64) jna_platform=linux-x86-64; rpm_arch=x86_64 ;;
  arm64) jna_platform=linux-aarch64; rpm_arch=aarch64 ;;
  *) echo "build-packages: unsupported architecture $deb_arch" >&2; exit 1 ;;
esac

rm -rf "$work"
mkdir -p "$work/classes" "$work/input"

echo "== 1. the agent's jar for $jna_platform"
(cd "$work/classes" && "$jdk/bin/jar" xf "$agent_jar")
# module-info of a shaded dependency would make jdeps treat the jar as a module; it is not one.
find "$work/classes" -name module-info.class -delete
for dir in "$work"/classes/com/sun/jna/*/; do
  platform=$(basename "$dir")
  if [ "$platform" != "$jna_platform" ] && compgen -G "$dir*jnidispatch*" >/dev/null; then
    rm -rf "$dir"
  fi
done
"$jdk/bin/jar" --create --file "$work/input/ukey-agent.jar" --manifest "$work/classes/META-INF/MANIFEST.MF" \
  --no-compress -C "$work/classes" .
cp "$admin_jar" "$work/input/ukey-installer.jar"

echo "== 2. the runtime"
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
  "$work/classes" "$work/input/ukey-installer.jar")
# Not visible to jdeps: SunEC (EC keys, ECDHE and ECDSA in TLS) is a security provider found by name,
# and JNA, Jackson and Jetty reach sun.misc.Unsafe by reflection.
modules="$modules,jdk.crypto.ec,jdk.unsupported"
echo "modules: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --strip-native-commands --output "$work/runtime"

echo "== 3. the app image"
java_options=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss512k
  -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -Xshare:auto)
cat >"$work/admin.properties" <<PROPERTIES
main-class=com.ukeybridge.installer.AdminCommand
PROPERTIES
jpackage_options=()
for option in "${java_options[@]}"; do jpackage_options+=(--java-options "$option"); done
"$jdk/bin/jpackage" --type app-image --name "$name" --app-version "$version" \
  --vendor "UKey Bridge" --description "UKey Bridge agent" \
  --input "$work/input" --main-jar ukey-agent.jar --main-class com.ukeybridge.agent.cli.AgentCommand \
  --runtime-image "$work/runtime" "${jpackage_options[@]}" \
  --add-launcher "ukey-bridge-admin=$work/admin.properties" \
  --dest "$work/image"
install -m 0755 "$here/ukey-bridge-machine" "$here/ukey-bridge-session" "$here/update-ca-trust-extract" "$image/lib/"
install -m 0644 "$here/as-user.bash" "$image/lib/"
install -m 0644 "$here/config.default.json" "$image/lib/"

echo "== 4. smoke run of the image"
"$here/smoke-test.sh" "$image"

echo "== 5. packages"
root=$work/root
mkdir -p "$root/opt" "$root/usr/bin" "$root/etc/xdg/autostart" "$root/etc/cron.daily" "$root/usr/share/doc/$name"
cp -a "$image" "$root/opt/"
ln -s "/opt/$name/bin/ukey-bridge" "$root/usr/bin/ukey-bridge"
ln -s "/opt/$name/bin/ukey-bridge-admin" "$root/usr/bin/ukey-bridge-admin"
install -m 0644 "$here/ukey-bridge.desktop" "$root/etc/xdg/autostart/ukey-bridge.desktop"
install -m 0755 "$here/ukey-bridge.cron" "$root/etc/cron.daily/ukey-bridge"
install -m 0644 "$here/copyright" "$root/usr/share/doc/$name/copyright"

# The shared libraries the launchers and the runtime need, mapped to Debian packages. A library not in the
# map fails the build (a new JDK, a new module): add it rather than ship a package that cannot start.
declare -A debian_package=(
  [libc.so.6]=libc6 [libm.so.6]=libc6 [libdl.so.2]=libc6 [libpthread.so.0]=libc6 [librt.so.1]=libc6
  [ld-linux-x86-64.so.2]=libc6 [ld-linux-aarch64.so.1]=libc6
  [libgcc_s.so.1]=libgcc-s1 [libstdc++.so.6]=libstdc++6 [libz.so.1]=zlib1g
  [libX11.so.6]=libx11-6 [libXext.so.6]=libxext6 [libXi.so.6]=libxi6 [libXrender.so.1]=libxrender1
  [libXtst.so.6]=libxtst6 [libasound.so.2]=libasound2 [libfreetype.so.6]=libfreetype6
  [libharfbuzz.so.0]=libharfbuzz0b [libjpeg.so.62]=libjpeg62-turbo [liblcms2.so.2]=liblcms2-2
  [libpng16.so.16]=libpng16-16 [libgif.so.7]=libgif7
)
# certutil for the NSS stores; update-ca-certificates (0.1.0's machine root taken back); setpriv, setsid (steps run as each user)
declare -A depends=([libnss3-tools]=1 [ca-certificates]=1 [util-linux]=1)
while read -r library; do
  [ -n "$(find "$image" -name "$library" -print -quit)" ] && continue   # one of the runtime's own
  package=${debian_package[$library]:-}
  [ -n "$package" ] || { echo "build-packages: no Debian package known for $library" >&2; exit 1; }
  depends[$package]=1
done < <(find "$image" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec objdump -p {} \; 2>/dev/null \
  | awk '$1 == "NEEDED" {print $2}' | sort -u)

deb=$work/deb
cp -a "$root" "$deb"
mkdir -p "$deb/DEBIAN"
install -m 0755 "$here/debian/postinst" "$here/debian/prerm" "$deb/DEBIAN/"
# purge runs after /opt/ukey-bridge is gone: the postrm carries its own copy of the drop to each user.
postrm() { sed -e "/^# @AS_USER@\$/{r $here/as-user.bash" -e 'd}' "$here/debian/postrm"; }
postrm >"$deb/DEBIAN/postrm"
chmod 0755 "$deb/DEBIAN/postrm"
printf '%s\n' /etc/xdg/autostart/ukey-bridge.desktop /etc/cron.daily/ukey-bridge >"$deb/DEBIAN/conffiles"
cat >"$deb/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: $deb_arch
Maintainer: UKey Bridge <ukey-bridge@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk "$deb" | cut -f1)
Depends: $(printf '%s\n' "${!depends[@]}" | sort | paste -sd, | sed 's/,/, /g')
Description: UKey Bridge agent: web pages use the certificates on USB keys
 A small agent on each desktop that the certificate update site talks to over
 wss://127.0.0.1:28443/v2. Configured by /etc/ukey-bridge/config.json; each
 user's agent has its own TLS identity, trusted by that user's browsers only;
 started in each desktop session.
CONTROL
deb_file="$out/${name}_${version}_${deb_arch}.deb"
dpkg-deb --root-owner-group -Zxz "-z$xz_level" --build "$deb" "$deb_file"

rpmtop=$work/rpmbuild
mkdir -p "$rpmtop"/{BUILD,RPMS,SPECS,BUILDROOT}
# rpm expands % in scriptlets: the postrm's are escaped below.
{
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$rpm_arch/" -e "s/@XZ_LEVEL@/$xz_level/" "$here/rpm/ukey-bridge.spec.in"
  # rpmbuild finds the system libraries by itself; the runtime's own ones are inside the package, not required of the system.
  own=$(find "$image" -name '*.so' -printf '%f\n' | sort -u | sed 's/\./\\./g' | paste -sd'|')
  echo "%global __requires_exclude ^($own)"
  echo '%post'
  echo '/opt/ukey-bridge/lib/ukey-bridge-machine configure'
  echo '%preun'
  echo 'if [ "$1" -eq 0 ]; then /opt/ukey-bridge/lib/ukey-bridge-machine remove || true; fi'
  echo '%postun'
  echo 'if [ "$1" -eq 0 ]; then'
  echo "/bin/bash -s purge <<'UKEY_BRIDGE_POSTRM'"
  postrm | sed 's/%/%%/g'
  echo 'UKEY_BRIDGE_POSTRM'
  echo 'fi'
} >"$rpmtop/SPECS/$name.spec"
rpmbuild --quiet -bb --define "_topdir $rpmtop" --define "ukey_root $root" "$rpmtop/SPECS/$name.spec"
cp "$rpmtop/RPMS/$rpm_arch/$name-$version-1.$rpm_arch.rpm" "$out/"

echo "== done"
ls -l "$deb_file" "$out/$name-$version-1.$rpm_arch.rpm"
