#!/usr/bin/env bash
# Build peerdesk.app and a disk image on macOS:
#   dist/peerdesk.app                         (peerdesk and peerdesk-cli in Contents/MacOS)
#   dist/peerdesk-<version>-macos-<arch>.dmg
#
#   packaging/macos/build_dmg.sh
#
# Environment (see packaging/README.md, "Signing and notarisation on macOS"):
#   PYTHON                      interpreter for a new build venv (default python3)
#   PEERDESK_BUILD_VENV         the build venv (default build/venv-macos)
#   PEERDESK_CODESIGN_IDENTITY  "Developer ID Application: NAME (TEAMID)"; without it the
#                               app is only ad-hoc signed, and the keychain will ask for
#                               access again after every update
#   PEERDESK_ENTITLEMENTS       an entitlements .plist for the hardened runtime (optional)
#   PEERDESK_NOTARY_PROFILE     a `xcrun notarytool store-credentials` profile: when set,
#                               the dmg is notarised and the ticket stapled
set -euo pipefail

[ "$(uname -s)" = Darwin ] || { echo "build_dmg: run this on macOS" >&2; exit 1; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="${PEERDESK_BUILD_VENV:-$ROOT/build/venv-macos}"
PY="$VENV/bin/python"
IDENTITY="${PEERDESK_CODESIGN_IDENTITY:-}"

if [ ! -x "$PY" ]; then
    "${PYTHON:-python3}" -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
fi
"$PY" -m pip install --quiet -e "$ROOT[bundle]"
"$PY" packaging/compile_assets.py --check

VERSION="$("$PY" -c 'import peerdesk; print(peerdesk.__version__)')"
ARCH="$(uname -m)"
DMG="$ROOT/dist/peerdesk-$VERSION-macos-$ARCH.dmg"

echo "== PyInstaller (packaging/peerdesk.spec), signing identity: ${IDENTITY:-ad-hoc}"
rm -rf "$ROOT/dist/peerdesk" "$ROOT/dist/peerdesk.app" "$DMG"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller-macos" packaging/peerdesk.spec

APP="$ROOT/dist/peerdesk.app"
[ -x "$APP/Contents/MacOS/peerdesk" ] && [ -x "$APP/Contents/MacOS/peerdesk-cli" ] ||
    { echo "build_dmg: the app lacks one of its programs" >&2; exit 1; }
if [ -n "$IDENTITY" ]; then
    codesign --verify --deep --strict --verbose=2 "$APP"
    codesign -dv "$APP" 2>&1 | grep -E "^(Identifier|TeamIdentifier|Authority)=" || true
fi
"$APP/Contents/MacOS/peerdesk-cli" --version
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/peerdesk" --smoke

echo "== Disk image"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "peerdesk $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ -n "$IDENTITY" ]; then
    codesign --sign "$IDENTITY" --timestamp "$DMG"
    if [ -n "${PEERDESK_NOTARY_PROFILE:-}" ]; then
        echo "== Notarisation"
        xcrun notarytool submit "$DMG" --keychain-profile "$PEERDESK_NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
        spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
    fi
fi
du -sh "$APP" "$DMG"
