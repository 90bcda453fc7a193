#!/usr/bin/env bash
# Inside a D-Bus session: start an unlocked gnome-keyring and Xvfb, run "$@", stop them.
set -euo pipefail

export PIP_CACHE_DIR="${PIP_CACHE_DIR:-$HOME/.cache/pip}"
export HOME="$(mktemp -d)"
printf 'ci-keyring-pass' | gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$HOME/keyring.log" 2>&1 &
keyring_pid=$!

display_file="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" 2>"$HOME/xvfb.log" &
xvfb_pid=$!

cleanup() { kill "$keyring_pid" "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT

for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep 'boolean true' >/dev/null; then
        break
    fi
    sleep 0.1
done
for _ in $(seq 1 100); do
    [ -s "$display_file" ] && break
    sleep 0.1
done
export DISPLAY=":$(cat "$display_file")"
echo "Secret Service on the session bus; Xvfb on $DISPLAY"
"$@"
