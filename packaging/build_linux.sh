#!/usr/bin/env bash
# Build the Linux bundle of peerdesk:
#   dist/peerdesk/                                  the one-folder bundle (peerdesk, peerdesk-cli)
#   dist/peerdesk-<version>-linux-<arch>.tar.xz     what is shipped (adds share/ and install.sh)
#
#   packaging/build_linux.sh                  (from anywhere; works on a clean checkout)
#
# Environment:
#   PYTHON               interpreter for a new build venv (default python3; needs a shared libpython)
#   PEERDESK_BUILD_VENV  the build venv (default build/venv; made if missing, reused otherwise)
#   PEERDESK_NO_INSTALL  1 = do not pip install into the venv (offline rebuilds)
# Then check the result from outside the source tree: packaging/check_bundle.sh dist
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${PEERDESK_BUILD_VENV:-$ROOT/build/venv}"
PY="$VENV/bin/python"

say() { printf '\n== %s\n' "$*"; }

if [ ! -x "$PY" ]; then
    say "Making the build venv $VENV"
    "${PYTHON:-python3}" -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
fi
if [ "${PEERDESK_NO_INSTALL:-0}" != 1 ]; then
    say "Installing peerdesk with the 'bundle' extra into the build venv"
    "$PY" -m pip install --quiet -e "$ROOT[bundle]"
fi

say "Checking that the compiled forms and resources are current"
QT_QPA_PLATFORM=offscreen "$PY" packaging/compile_assets.py --check

VERSION="$("$PY" -c 'import peerdesk; print(peerdesk.__version__)')"
ARCH="$(uname -m)"
NAME="peerdesk-$VERSION-linux-$ARCH"

say "Running PyInstaller (packaging/peerdesk.spec)"
rm -rf "$ROOT/dist/peerdesk" "$ROOT/dist/$NAME" "$ROOT/dist/$NAME.tar.xz"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" packaging/peerdesk.spec

say "Assembling $NAME"
STAGE="$ROOT/dist/$NAME"
cp -a "$ROOT/dist/peerdesk" "$STAGE"
install -D -m 0644 packaging/linux/org.peerdesk.Peerdesk.desktop \
    "$STAGE/share/applications/org.peerdesk.Peerdesk.desktop"
install -D -m 0644 packaging/linux/org.peerdesk.Peerdesk.metainfo.xml \
    "$STAGE/share/metainfo/org.peerdesk.Peerdesk.metainfo.xml"
mkdir -p "$STAGE/share/icons"
cp -a packaging/icons/hicolor "$STAGE/share/icons/"
install -m 0755 packaging/linux/install.sh "$STAGE/install.sh"

say "Compressing dist/$NAME.tar.xz"
# PEERDESK_XZ_LEVEL: the test suite packs with a quicker level; what is shipped uses -9.
# Fixed owner, order and times, so the same input gives the same archive.
EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"
tar -C "$ROOT/dist" --sort=name --owner=0 --group=0 --numeric-owner \
    --mtime="@$EPOCH" -cf - "$NAME" | xz "-${PEERDESK_XZ_LEVEL:-9}" -T0 > "$ROOT/dist/$NAME.tar.xz"
rm -rf "$STAGE"

UNPACKED=$(du -sb "$ROOT/dist/peerdesk" | cut -f1)
PACKED=$(stat -c %s "$ROOT/dist/$NAME.tar.xz")
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
say "Sizes"
echo "unpacked  dist/peerdesk            $(mb "$UNPACKED")  (goal: under 200 MB)"
echo "archive   dist/$NAME.tar.xz  $(mb "$PACKED")  (goal: under 100 MB)"
echo "largest parts:"
# awk, not head: head would stop reading early and, under pipefail, fail the build on SIGPIPE.
du -sb "$ROOT"/dist/peerdesk/_internal/* | sort -rn | awk 'NR <= 8' |
    while read -r bytes path; do printf '  %-10s %s\n' "$(mb "$bytes")" "${path#"$ROOT"/dist/}"; done
[ "$UNPACKED" -lt 200000000 ] || { echo "build_linux: the bundle is over 200 MB" >&2; exit 1; }
[ "$PACKED" -lt 100000000 ] || { echo "build_linux: the archive is over 100 MB" >&2; exit 1; }
echo
echo "Next: packaging/check_bundle.sh dist"
