#!/bin/sh
# Install (or remove) Trendmark's menu entry, icons and AppStream file for the current
# user, under $XDG_DATA_HOME (~/.local/share by default). The program itself is installed
# separately: pipx install trendmark (the entry runs trendmark-gui from PATH), or the
# frozen folder, with --exec /path/to/trendmark/trendmark.
#
#   sh packaging/linux/install-desktop.sh [--exec PROGRAM] [--uninstall]
set -eu

APP_ID=io.trendmark.Trendmark
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
EXEC=""
UNINSTALL=0

while [ $# -gt 0 ]; do
    case "$1" in
        --exec) EXEC=${2:?--exec needs a program path}; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "error: unknown option $1" >&2; exit 2 ;;
    esac
done

refresh_caches() {
    # Menus and icon themes pick the change up by themselves on most desktops; these
    # caches only speed that up, so their absence is not an error.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
    fi
}

if [ "$UNINSTALL" = 1 ]; then
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    for icon in "$DATA"/icons/hicolor/*/apps/"$APP_ID".png "$DATA"/icons/hicolor/scalable/apps/"$APP_ID".svg; do
        rm -f "$icon"
    done
    refresh_caches
    echo "removed $APP_ID from $DATA"
    exit 0
fi

if [ -n "$EXEC" ]; then
    case "$EXEC" in
        /*) ;;
        *) echo "error: --exec needs an absolute path (got $EXEC)" >&2; exit 2 ;;
    esac
    [ -x "$EXEC" ] || { echo "error: $EXEC is not an executable file" >&2; exit 2; }
elif ! command -v trendmark-gui >/dev/null 2>&1; then
    echo "note: trendmark-gui is not on PATH yet; the menu entry works once it is (pipx install trendmark)" >&2
fi

mkdir -p "$DATA/applications" "$DATA/metainfo"
if [ -n "$EXEC" ]; then
    # Desktop-entry quoting: the path goes in double quotes; " ` $ take an escaping
    # backslash, written \\ in the file (string escapes are undone first), and a
    # backslash itself becomes four.
    quoted=$(printf '%s' "$EXEC" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')
    # TryExec is a plain string: only a backslash needs escaping there.
    try_exec=$(printf '%s' "$EXEC" | sed -e 's/\\/\\\\/g')
    while IFS= read -r line; do
        case "$line" in
            Exec=*) printf 'Exec="%s"\n' "$quoted" ;;
            TryExec=*) printf 'TryExec=%s\n' "$try_exec" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < "$HERE/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
else
    cp "$HERE/$APP_ID.desktop" "$DATA/applications/$APP_ID.desktop"
fi
cp "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
for source in "$HERE"/icons/hicolor/*/apps/*; do
    relative=${source#"$HERE"/icons/}
    mkdir -p "$DATA/icons/$(dirname "$relative")"
    cp "$source" "$DATA/icons/$relative"
done
refresh_caches
echo "installed $APP_ID into $DATA"
