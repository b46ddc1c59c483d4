# Builds installer\target\ukey-bridge-VERSION.msi on a Windows build machine (not on the Linux CI).
# Needs: JDK 17+ (JAVA_HOME), WiX Toolset 3.11+ (heat, candle, light on PATH or WIX set), and the jars:
#   mvn -B package -DskipTests          (agent\target\ukey-agent.jar, installer\target\ukey-installer.jar)
#   powershell -ExecutionPolicy Bypass -File installer\src\windows\build-msi.ps1 -Version 0.1.0
param(
  [string]$Version = "0.1.0",
  [string]$Jdk = $env:JAVA_HOME
)
$ErrorActionPreference = "Stop"
$repo = (Resolve-Path "$PSScriptRoot\..\..\..").Path
$work = "$repo\installer\target\windows"
$wix = if ($env:WIX) { "$env:WIX\bin" } else { Split-Path (Get-Command candle.exe).Source }
function Run($exe, [string[]]$arguments) {
  & $exe @arguments
  if ($LASTEXITCODE -ne 0) { throw "$exe failed ($LASTEXITCODE)" }
}

Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
New-Item -ItemType Directory "$work\input", "$work\classes" | Out-Null
Copy-Item "$repo\agent\target\ukey-agent.jar" "$work\input\"
Copy-Item "$repo\installer\target\ukey-installer.jar" "$work\input\"

# The same runtime as on Linux: what jdeps finds, plus SunEC (TLS with EC keys) and jdk.unsupported (JNA, Jackson, Jetty).
Push-Location "$work\classes"; Run "$Jdk\bin\jar.exe" @("xf", "$work\input\ukey-agent.jar"); Pop-Location
Get-ChildItem -Recurse "$work\classes" -Filter module-info.class | Remove-Item
$modules = (& "$Jdk\bin\jdeps.exe" --multi-release 17 --ignore-missing-deps --print-module-deps "$work\classes" "$work\input\ukey-installer.jar").Trim()
Run "$Jdk\bin\jlink.exe" @("--add-modules", "$modules,jdk.crypto.ec,jdk.unsupported", "--strip-debug", "--no-header-files",
  "--no-man-pages", "--strip-native-commands", "--output", "$work\runtime")

# ukey-bridge.exe has no console (it is what the Run key starts); ukey-bridge-admin.exe has one, for administrators.
Set-Content "$work\admin.properties" "main-class=com.ukeybridge.installer.AdminCommand`r`nwin-console=true"
$javaOptions = "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xss512k",
  "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m", "-Xshare:auto" | ForEach-Object { "--java-options", $_ }
Run "$Jdk\bin\jpackage.exe" (@("--type", "app-image", "--name", "ukey-bridge", "--app-version", $Version,
  "--vendor", "UKey Bridge", "--input", "$work\input", "--main-jar", "ukey-agent.jar",
  "--main-class", "com.ukeybridge.agent.cli.AgentCommand", "--runtime-image", "$work\runtime",
  "--add-launcher", "ukey-bridge-admin=$work\admin.properties", "--dest", "$work\image") + $javaOptions)

$image = "$work\image\ukey-bridge"
Run "$wix\heat.exe" @("dir", $image, "-nologo", "-cg", "AppFiles", "-dr", "INSTALLDIR", "-gg", "-sfrag", "-srd",
  "-sreg", "-scom", "-var", "var.AppDir", "-out", "$work\files.wxs")
Run "$wix\candle.exe" @("-nologo", "-arch", "x64", "-ext", "WixUtilExtension", "-dVersion=$Version", "-dAppDir=$image",
  "-out", "$work\", "$PSScriptRoot\ukey-bridge.wxs", "$work\files.wxs")
Run "$wix\light.exe" @("-nologo", "-ext", "WixUtilExtension", "-out", "$repo\installer\target\ukey-bridge-$Version.msi",
  "$work\ukey-bridge.wixobj", "$work\files.wixobj")
Write-Host "Built $repo\installer\target\ukey-bridge-$Version.msi"
