#!/usr/bin/env bash
# Check a built Linux bundle the way a user gets it, away from the source tree:
#
#   packaging/check_bundle.sh [DIST]        (DIST defaults to the project's dist/)
#
# Takes dist/peerdesk-*-linux-*.tar.xz (or, without one, the dist/peerdesk folder), unpacks
# it into a fresh temporary folder outside the source tree and, with a clean environment
# (no venv, no PYTHONPATH, a new HOME and PEERDESK_HOME), checks:
#   - the package data (templates, DejaVu fonts) and reportlab's fonts are inside;
#   - every bundled library finds the libraries it links to;
#   - peerdesk --version, peerdesk-cli --version, QT_QPA_PLATFORM=offscreen peerdesk --smoke;
#   - a headless workflow through the bundled peerdesk-cli: new, list, check (and a wrong
#     passphrase refused), then demo, export (PDF fonts embedded, DOCX) and destroy when
#     those commands exist in `peerdesk-cli --help`.
# Credential store: PEERDESK_CHECK_KEYRING=secret-service runs the workflow against a real
# Secret Service (gnome-keyring in a private D-Bus session); =null uses keyring's null
# backend (PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring: the passphrase alone
# unlocks); =auto (the default) takes secret-service when dbus-run-session and
# gnome-keyring-daemon are installed. Any failure stops the script with a message and a
# non-zero status; the temporary folder is then kept for a look.
set -euo pipefail

PASSPHRASE="bundle check passphrase, long enough 2026"
TITLE="Bundle check engagement"
DEMO_TITLE="Bundle check demo engagement"

say() { printf '\n== %s\n' "$*"; }
fail() { printf '\ncheck_bundle: FAILED: %s\n' "$*" >&2; exit 1; }
ok() { printf '   ok: %s\n' "$*"; }

# ---------------------------------------------------------------- inner part
# Runs with a clean environment, possibly inside dbus-run-session.
if [ "${1:-}" = "--inner" ]; then
    APPDIR="$2"; WORK="$3"; MODE="$4"
    cd "$WORK"
    GUI="$APPDIR/peerdesk"
    CLI="$APPDIR/peerdesk-cli"
    KEYRING_PID=""
    cleanup() { [ -z "$KEYRING_PID" ] || kill "$KEYRING_PID" 2>/dev/null || true; }
    trap cleanup EXIT

    if [ "$MODE" = secret-service ]; then
        say "Starting a private Secret Service (gnome-keyring)"
        printf 'bundle-check-keyring' | gnome-keyring-daemon --foreground --unlock \
            --components=secrets >"$WORK/keyring.log" 2>&1 &
        KEYRING_PID=$!
        for _ in $(seq 50); do
            if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
                grep 'boolean true' >/dev/null; then
                break
            fi
            sleep 0.2
        done
        dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep 'boolean true' >/dev/null ||
            fail "the Secret Service did not start (see $WORK/keyring.log)"
        ok "org.freedesktop.secrets is on the session bus"
    else
        export PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
    fi

    # run NAME EXPECTED_STATUS STDIN CMD...: output in $WORK/out/NAME.{out,err}
    mkdir -p "$WORK/out"
    run() {
        local name="$1" expected="$2" input="$3" status=0
        shift 3
        printf '%s' "$input" | "$@" >"$WORK/out/$name.out" 2>"$WORK/out/$name.err" || status=$?
        if grep -q "Traceback (most recent call last)" "$WORK/out/$name.err"; then
            cat "$WORK/out/$name.err" >&2
            fail "$name: the program crashed"
        fi
        if { [ "$expected" = nonzero ] && [ "$status" -ne 0 ]; } ||
            { [ "$expected" = 0or1 ] && [ "$status" -le 1 ]; }; then
            return 0
        fi
        if [ "$expected" != "$status" ]; then
            cat "$WORK/out/$name.out" "$WORK/out/$name.err" >&2
            fail "$name: exit status $status, expected $expected: $*"
        fi
    }
    contains() { grep -qF -- "$2" "$WORK/out/$1.out" || { cat "$WORK/out/$1.out" >&2;
        fail "$1: the output does not say: $2"; }; }
    pdf_fonts_embedded() {  # every font embedded, and it is DejaVu (the package's font)
        local pdf="$1"
        [ "$(head -c 5 "$pdf")" = "%PDF-" ] || fail "$pdf is not a PDF"
        if command -v pdffonts >/dev/null; then
            pdffonts "$pdf" >"$WORK/out/fonts.txt"
            grep -q "DejaVu" "$WORK/out/fonts.txt" || { cat "$WORK/out/fonts.txt" >&2;
                fail "$pdf: no DejaVu font (the bundled peerdesk/assets/fonts)"; }
            # columns: name type encoding emb sub uni object ID; "emb" is 4th from the end
            if awk 'NR > 2 && $(NF-4) != "yes"' "$WORK/out/fonts.txt" | grep . >/dev/null; then
                cat "$WORK/out/fonts.txt" >&2
                fail "$pdf: a font is not embedded"
            fi
            ok "$(basename "$pdf"): every font embedded ($(awk 'NR > 2 {print $1}' \
                "$WORK/out/fonts.txt" | sort -u | tr '\n' ' '))"
        else
            grep -aq "FontFile2" "$pdf" || fail "$pdf: no embedded TrueType font"
            ok "$(basename "$pdf"): has an embedded TrueType font (pdffonts not installed)"
        fi
    }

    say "Versions"
    run gui-version 0 "" "$GUI" --version
    contains gui-version "peerdesk "
    run cli-version 0 "" "$CLI" --version
    contains cli-version "peerdesk "
    cmp -s "$WORK/out/gui-version.out" "$WORK/out/cli-version.out" ||
        fail "peerdesk and peerdesk-cli report different versions"
    ok "$(cat "$WORK/out/cli-version.out")"

    say "Desktop app: QT_QPA_PLATFORM=offscreen peerdesk --smoke"
    run smoke 0 "" env QT_QPA_PLATFORM=offscreen timeout 120 "$GUI" --smoke
    ok "the main window opened and the app exited cleanly"

    say "Headless workflow through peerdesk-cli (credential store: $MODE)"
    run help 0 "" "$CLI" --help
    has() { grep -qE "^ +$1( |$)" "$WORK/out/help.out"; }
    run new 0 "$PASSPHRASE"$'\n' "$CLI" new --title "$TITLE" --client "Bundle check ICS" \
        --my-name "Alex Morgan" --my-initials AM --manager-name "Priya Shah" \
        --manager-email priya.shah@example.org --passphrase-stdin
    ID="$(tail -n 1 "$WORK/out/new.out")"
    [[ "$ID" =~ ^[0-9a-f]{16,64}$ ]] || fail "new: no notebook id printed (got '$ID')"
    ok "new: notebook $ID"
    run list 0 "" "$CLI" list
    contains list "$ID"
    [ "$MODE" != secret-service ] || contains list "$TITLE"
    ok "list: shows the notebook"
    run check 0 "$PASSPHRASE"$'\n' "$CLI" check "$ID" --passphrase-stdin
    contains check "encryption check (every page's HMAC): passed"
    contains check "database check: passed"
    ok "check with the passphrase: passed"
    if [ "$MODE" = secret-service ]; then
        run check-keyring 0 "" "$CLI" check "$ID"
        contains check-keyring "database check: passed"
        ok "check with the key from the Secret Service: passed"
    fi
    run check-wrong nonzero "not the passphrase"$'\n' "$CLI" check "$ID" --passphrase-stdin
    ok "check with a wrong passphrase: refused ($(head -n 1 "$WORK/out/check-wrong.err"))"

    TARGET="$ID"; TARGET_TITLE="$TITLE"
    if has demo; then
        run demo 0 "$PASSPHRASE"$'\n' "$CLI" demo "$DEMO_TITLE" --passphrase-stdin
        TARGET="$(tail -n 1 "$WORK/out/demo.out")"; TARGET_TITLE="$DEMO_TITLE"
        [[ "$TARGET" =~ ^[0-9a-f]{16,64}$ ]] || fail "demo: no notebook id printed"
        run demo-check 0 "$PASSPHRASE"$'\n' "$CLI" check "$TARGET" --passphrase-stdin
        ok "demo: notebook $TARGET made and checked"
    else
        echo "   (no demo command yet: skipped)"
    fi

    EXPORTS=()
    if has export; then
        mkdir -p "$WORK/exports"
        run export-pdf 0 "$PASSPHRASE"$'\n' "$CLI" export "$TARGET" --format pdf \
            -o "$WORK/exports/summary.pdf" --passphrase-stdin
        [ -s "$WORK/exports/summary.pdf" ] || fail "export: no PDF written"
        pdf_fonts_embedded "$WORK/exports/summary.pdf"
        EXPORTS+=("$WORK/exports/summary.pdf")
        if "$CLI" export --help | grep docx >/dev/null; then
            run export-docx 0 "$PASSPHRASE"$'\n' "$CLI" export "$TARGET" --format docx \
                -o "$WORK/exports/summary.docx" --passphrase-stdin
            [ "$(head -c 2 "$WORK/exports/summary.docx")" = "PK" ] || fail "export: bad DOCX"
            EXPORTS+=("$WORK/exports/summary.docx")
            ok "export: DOCX written ($(stat -c %s "$WORK/exports/summary.docx") bytes)"
        fi
    else
        echo "   (no export command yet: skipped)"
    fi

    if has check-text; then
        # The attribution check's data (forenames, word frequencies, phone metadata,
        # roles) must be in the bundle: a name and a number are found, exit status 3.
        run check-text 3 "$PASSPHRASE"$'\nThe ICP chair, John Barker, is on 07700 900123.\n' \
            "$CLI" check-text "$TARGET" - --passphrase-stdin
        grep -q "John Barker" "$WORK/out/check-text.out" || fail "check-text: no name found"
        grep -q "07700 900123" "$WORK/out/check-text.out" || fail "check-text: no phone found"
        ok "check-text: a name, a role and a phone number found in the bundle"
    fi

    if has destroy; then
        args=("$CLI" destroy "$TARGET" --confirm-title "$TARGET_TITLE" --passphrase-stdin)
        for flag in --attest-notes --attest-printed --attest-copies; do
            if "$CLI" destroy --help | grep -- "$flag" >/dev/null; then args+=("$flag"); fi
        done
        if [ "$MODE" = secret-service ]; then
            run destroy 0 "$PASSPHRASE"$'\n' "${args[@]}"
        else
            # The null backend cannot confirm that the key is gone from a credential
            # store, and destroy says so (status 1); everything else must be done.
            run destroy 0or1 "$PASSPHRASE"$'\n' "${args[@]}"
            if grep -q "FAILED" "$WORK/out/destroy.out" &&
                grep "FAILED" "$WORK/out/destroy.out" | grep -vq "credential store"; then
                cat "$WORK/out/destroy.out" >&2
                fail "destroy: a step other than the credential store failed"
            fi
        fi
        grep -q "Certificate (PDF):" "$WORK/out/destroy.out" ||
            { cat "$WORK/out/destroy.out" >&2; fail "destroy: no certificate"; }
        CERT="$(sed -n 's/^Certificate (PDF): //p' "$WORK/out/destroy.out" | tail -n 1)"
        [ -s "$CERT" ] || fail "destroy: the certificate $CERT is missing"
        pdf_fonts_embedded "$CERT"
        run list-after 0 "" "$CLI" list
        if grep -qF "$TARGET" "$WORK/out/list-after.out"; then fail "destroy: still listed"; fi
        if find "$WORK/home" -name "$TARGET*" | grep . >/dev/null; then
            fail "destroy: files of the notebook are left: $(find "$WORK/home" -name "$TARGET*")"
        fi
        for copy in "${EXPORTS[@]}"; do
            [ ! -e "$copy" ] || fail "destroy: the recorded copy $copy is still there"
        done
        ok "destroy: notebook files and ${#EXPORTS[@]} recorded copies gone, certificate written"
    else
        echo "   (no destroy command yet: skipped)"
    fi
    say "All checks passed"
    exit 0
fi

# ---------------------------------------------------------------- outer part
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$(cd "${1:-$ROOT/dist}" && pwd)" || fail "no dist folder"
SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/peerdesk-bundle-check.XXXXXX")"
case "$WORK/" in "$ROOT"/*) fail "the temporary folder $WORK is inside the source tree";; esac
finish() {
    local status=$?
    if [ "$status" -eq 0 ]; then rm -rf "$WORK"; else echo "check_bundle: kept $WORK" >&2; fi
}
trap finish EXIT

ARCHIVE="$(find "$DIST" -maxdepth 1 -name 'peerdesk-*-linux-*.tar.xz' | sort | tail -n 1)"
if [ -n "$ARCHIVE" ]; then
    say "Unpacking $(basename "$ARCHIVE") into $WORK"
    tar -C "$WORK" -xJf "$ARCHIVE"
    APPDIR="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'peerdesk-*')"
    for f in share/applications/org.peerdesk.Peerdesk.desktop \
        share/metainfo/org.peerdesk.Peerdesk.metainfo.xml \
        share/icons/hicolor/256x256/apps/org.peerdesk.Peerdesk.png install.sh; do
        [ -e "$APPDIR/$f" ] || fail "the archive has no $f"
    done
elif [ -d "$DIST/peerdesk" ]; then
    say "Copying $DIST/peerdesk into $WORK"
    cp -a "$DIST/peerdesk" "$WORK/"
    APPDIR="$WORK/peerdesk"
else
    fail "no bundle in $DIST: run packaging/build_linux.sh first"
fi
mkdir -p "$WORK/home"

say "Contents"
INTERNAL="$APPDIR/_internal"
for f in peerdesk peerdesk-cli; do [ -x "$APPDIR/$f" ] || fail "no executable $f"; done
for f in peerdesk/assets/fonts/DejaVuSans.ttf peerdesk/assets/fonts/DejaVuSans-Bold.ttf \
    peerdesk/assets/templates/standard.json; do
    [ -s "$INTERNAL/$f" ] || fail "the bundle has no $f"
done
ok "package data: $(cd "$INTERNAL" && find peerdesk/assets -type f | sort | tr '\n' ' ')"
ls "$INTERNAL"/reportlab/fonts/*.afm >/dev/null 2>&1 || fail "reportlab's fonts are missing"
ok "reportlab data: $(ls "$INTERNAL"/reportlab/fonts | wc -l) files in reportlab/fonts"
if find "$APPDIR" -name '*.py' -path '*/peerdesk/*' | grep . >/dev/null; then
    echo "   note: .py sources of peerdesk found in the bundle"
fi
if find "$APPDIR" -xtype l | grep . >/dev/null; then
    fail "broken symbolic links: $(find "$APPDIR" -xtype l | awk 'NR <= 5' | tr '\n' ' ')"
fi

say "Shared libraries (ldd, with the bundle's library folder first)"
missing=0; outside=""
while IFS= read -r -d '' f; do
    readelf -h "$f" >/dev/null 2>&1 || continue
    deps="$(LD_LIBRARY_PATH="$INTERNAL" ldd "$f" 2>/dev/null || true)"
    if grep -q "not found" <<<"$deps"; then
        echo "   ${f#"$APPDIR"/}: $(grep "not found" <<<"$deps" | tr -s ' \t' ' ' | tr '\n' ';')" >&2
        missing=1
    fi
    outside+="$(awk '$2 == "=>" && $3 ~ /^\// {print $3}' <<<"$deps" | grep -v "^$APPDIR/" || true)"$'\n'
done < <(find "$APPDIR" -type f \( -name '*.so*' -o -name peerdesk -o -name peerdesk-cli \) -print0)
[ "$missing" -eq 0 ] || fail "some bundled libraries need libraries that are not there"
ok "every bundled library resolves its dependencies"
echo "   taken from the system: $(grep -v '^$' <<<"$outside" | xargs -r -n1 basename | sort -u | tr '\n' ' ')"

MODE="${PEERDESK_CHECK_KEYRING:-auto}"
if [ "$MODE" = auto ]; then
    if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
        MODE=secret-service
    else
        MODE=null
    fi
fi
ENV=(env -i "HOME=$WORK/home" "PATH=/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8"
     "PEERDESK_HOME=$WORK/home/peerdesk" "TMPDIR=$WORK")
case "$MODE" in
    secret-service) "${ENV[@]}" dbus-run-session -- bash "$SELF" --inner "$APPDIR" "$WORK" "$MODE" ;;
    null) "${ENV[@]}" bash "$SELF" --inner "$APPDIR" "$WORK" "$MODE" ;;
    *) fail "PEERDESK_CHECK_KEYRING must be auto, secret-service or null" ;;
esac
