#!/bin/sh
# Install this peerdesk bundle for the current user (no administrator rights needed):
#   ./install.sh            copy to ~/.local/opt/peerdesk, add the menu entry and icons,
#                           and put peerdesk and peerdesk-cli in ~/.local/bin
#   ./install.sh --remove   take the program away again
# Notebooks are never touched: they live in peerdesk's data folder, and are destroyed
# from inside the app, on purpose.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
PREFIX="$HOME/.local/opt/peerdesk"
BIN="$HOME/.local/bin"
APP_ID=org.peerdesk.Peerdesk

remove() {
    rm -f "$BIN/peerdesk" "$BIN/peerdesk-cli" "$DATA/applications/$APP_ID.desktop" \
        "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
    rm -rf "$PREFIX"
}

if [ "${1:-}" = "--remove" ]; then
    remove
    echo "peerdesk is removed. Your notebooks are still in peerdesk's data folder."
    exit 0
fi

remove
mkdir -p "$PREFIX" "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/icons"
cp -a "$HERE/peerdesk" "$HERE/peerdesk-cli" "$HERE/_internal" "$PREFIX/"
ln -s "$PREFIX/peerdesk" "$BIN/peerdesk"
ln -s "$PREFIX/peerdesk-cli" "$BIN/peerdesk-cli"
sed -e "s|^Exec=peerdesk|Exec=$PREFIX/peerdesk|" -e "s|^TryExec=peerdesk|TryExec=$PREFIX/peerdesk|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
cp -R "$HERE/share/icons/hicolor" "$DATA/icons/"
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
echo "peerdesk is installed in $PREFIX and on the applications menu."
