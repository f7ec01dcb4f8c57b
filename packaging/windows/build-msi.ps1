# Windows recipe: the console as an .msi (or .exe) installer: jlink runtime with JavaFX, its DLLs
# inside the runtime, a jpackage app-image with two launchers ("Vigil Console" for the window,
# "vigil-console" for a terminal, e.g. --headless), then --type msi from it.
# Run in PowerShell on Windows with a JDK 21+ (Temurin) and the WiX Toolset on PATH
# (WiX 3.14 for JDK 21-23; JDK 24+ also takes WiX 4 or 5). It cannot run on Linux.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-msi.ps1 [-Type exe]
param([ValidateSet('msi', 'exe')] [string] $Type = 'msi')
$ErrorActionPreference = 'Stop'

$Here = $PSScriptRoot
$Packaging = Split-Path $Here -Parent
$Root = Split-Path $Packaging -Parent
$Out = Join-Path $Packaging 'target\windows'

function Fail($message) { Write-Error "build-msi.ps1: $message"; exit 1 }

if (-not $env:JAVA_HOME -or -not (Test-Path "$env:JAVA_HOME\bin\jpackage.exe")) {
  Fail 'set JAVA_HOME to a JDK 21 or newer (for example Temurin 21 or 25); jpackage.exe comes with it.'
}
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue) -and -not (Get-Command wix.exe -ErrorAction SilentlyContinue)) {
  Fail 'the WiX Toolset is not on PATH: install it (https://wixtoolset.org, or: winget install WiXToolset.WiXToolset) and open a new terminal.'
}

# KEY="value" lines shared with the Linux and macOS builds.
$Shared = @{}
Get-Content (Join-Path $Packaging 'packages.env') | ForEach-Object {
  if ($_ -match '^(\w+)="(.*)"$') { $Shared[$Matches[1]] = $Matches[2] }
}

# Jars for Windows: Maven picks the JavaFX "-win" jars itself.
Push-Location $Root
try { & .\mvnw.cmd -B -q package -DskipTests; if ($LASTEXITCODE -ne 0) { Fail 'the Maven build failed; its messages above say why.' } }
finally { Pop-Location }

$ProjectVersion = (Get-Content "$Root\console-app\target\classes\dev\vigil\console\version.properties" |
  Where-Object { $_ -like 'version=*' }) -replace '^version=', ''
# Windows installers accept only numbers: 0.1.0-SNAPSHOT is packaged as 0.1.0.
$Version = ($ProjectVersion -split '-')[0]
$Major = [int]((Get-Content "$env:JAVA_HOME\release" | Where-Object { $_ -like 'JAVA_VERSION=*' }) -replace '^JAVA_VERSION="(\d+).*', '$1')

if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
New-Item -ItemType Directory -Force "$Out\input\lib" | Out-Null
$FxJars = Get-ChildItem "$Root\console-app\target\lib\javafx-*-win.jar"
$Modules = $Shared['CONSOLE_MODULES']
if ((& "$env:JAVA_HOME\bin\java.exe" --list-modules) -match '^jdk.crypto.ec@') { $Modules += ',jdk.crypto.ec' }
& "$env:JAVA_HOME\bin\jlink.exe" --module-path ($FxJars.FullName -join ';') --add-modules $Modules `
  --strip-debug --no-header-files --no-man-pages --output "$Out\runtime"
if ($LASTEXITCODE -ne 0) { Fail 'jlink failed.' }

# JavaFX loads its DLLs from the runtime's bin\ instead of unpacking them into the user's profile.
Add-Type -AssemblyName System.IO.Compression.FileSystem
foreach ($jar in $FxJars) {
  $zip = [System.IO.Compression.ZipFile]::OpenRead($jar.FullName)
  try {
    $zip.Entries | Where-Object { $_.Name -like '*.dll' } | ForEach-Object {
      [System.IO.Compression.ZipFileExtensions]::ExtractToFile($_, "$Out\runtime\bin\$($_.Name)", $true)
    }
  } finally { $zip.Dispose() }
}

Copy-Item "$Root\console-app\target\vigil-console.jar" "$Out\input\"
Get-ChildItem "$Root\console-app\target\lib\*.jar" | Where-Object { $_.Name -notlike 'javafx-*' } |
  Copy-Item -Destination "$Out\input\lib\"

$JavaOptions = @('--enable-native-access=ALL-UNNAMED,javafx.graphics')
if ($Major -ge 24) { $JavaOptions += '--sun-misc-unsafe-memory-access=allow' }
foreach ($pkg in ($Shared['CONSOLE_EXPORTS'] -split ' ')) { $JavaOptions += "--add-exports=$pkg=ALL-UNNAMED" }

& "$env:JAVA_HOME\bin\jpackage.exe" --type app-image --dest $Out --name 'Vigil Console' `
  --app-version $Version --vendor $Shared['VENDOR'] --description $Shared['CONSOLE_DESCRIPTION'] `
  --icon "$Packaging\icons\vigil-console.ico" --runtime-image "$Out\runtime" --input "$Out\input" `
  --main-jar vigil-console.jar --main-class dev.vigil.console.ConsoleMain `
  --java-options ($JavaOptions -join ' ') `
  --add-launcher "vigil-console=$Here\vigil-console-cli.properties"
if ($LASTEXITCODE -ne 0) { Fail 'jpackage (app-image) failed.' }

# A fixed upgrade code: a newer installer replaces an older one instead of installing beside it.
& "$env:JAVA_HOME\bin\jpackage.exe" --type $Type --dest $Out --name 'Vigil Console' `
  --app-version $Version --vendor $Shared['VENDOR'] --app-image "$Out\Vigil Console" `
  --win-menu --win-menu-group 'Vigil' --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid 'a7c0e2a4-5b7e-4b1e-9a55-3f1f0d6a7c11'
if ($LASTEXITCODE -ne 0) { Fail "jpackage ($Type) failed." }

Get-ChildItem "$Out\*.$Type" | ForEach-Object { Write-Host "Built $($_.FullName) ($([math]::Round($_.Length / 1MB)) MB)" }
Write-Host "Headless console: & 'C:\Program Files\Vigil Console\vigil-console.exe' --headless"
