#!/bin/bash
# Builds installer/target/ukey-bridge-VERSION.pkg on a Mac (not on the Linux CI). Needs a JDK 17+ (JAVA_HOME)
# and Xcode's command line tools (pkgbuild); the jars first: mvn -B package -DskipTests
#   bash installer/src/macos/build-pkg.sh 0.1.0
# Signing (productsign) and notarization (xcrun notarytool) are the release machine's, with its identities.
set -euo pipefail
version=${1:-0.1.0}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
jdk=${JAVA_HOME:?set JAVA_HOME to a JDK 17+}
work=$repo/installer/target/macos
rm -rf "$work" && mkdir -p "$work/input" "$work/classes" "$work/root/Applications" "$work/scripts"
cp "$repo/agent/target/ukey-agent.jar" "$repo/installer/target/ukey-installer.jar" "$work/input/"

(cd "$work/classes" && "$jdk/bin/jar" xf "$work/input/ukey-agent.jar")
find "$work/classes" -name module-info.class -delete
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$work/classes" "$work/input/ukey-installer.jar")
"$jdk/bin/jlink" --add-modules "$modules,jdk.crypto.ec,jdk.unsupported" --strip-debug --no-header-files \
  --no-man-pages --strip-native-commands --output "$work/runtime"
echo "main-class=com.ukeybridge.installer.AdminCommand" >"$work/admin.properties"
options=()
for option in -XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=32m \
  -XX:MaxMetaspaceSize=96m -Xshare:auto; do options+=(--java-options "$option"); done
"$jdk/bin/jpackage" --type app-image --name ukey-bridge --app-version "$version" --vendor "UKey Bridge" \
  --mac-package-identifier cn.ukeybridge.agent --input "$work/input" --main-jar ukey-agent.jar \
  --main-class com.ukeybridge.agent.cli.AgentCommand --runtime-image "$work/runtime" "${options[@]}" \
  --add-launcher "ukey-bridge-admin=$work/admin.properties" --dest "$work/root/Applications"

install -m 0755 "$here/scripts/postinstall" "$work/scripts/postinstall"
install -m 0644 "$here/cn.ukeybridge.agent.plist" "$work/scripts/"
pkgbuild --root "$work/root" --scripts "$work/scripts" --identifier cn.ukeybridge.agent --version "$version" \
  --install-location / "$repo/installer/target/ukey-bridge-$version.pkg"
echo "Built $repo/installer/target/ukey-bridge-$version.pkg"
