#!/bin/sh
# Install the Debian/Ubuntu packages given as arguments when they are missing;
# on other systems, name what to install and carry on (nothing is fatal here:
# the app explains itself if, say, no CJK font is present).
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && exit 0
    echo "Installing system packages:$missing"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    if command -v apt-get >/dev/null 2>&1; then
        $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null \
            && exit 0
        echo "warning: could not install:$missing (install them by hand)" >&2
        exit 0
    fi
fi
echo "note: on this system, install by hand: a CJK font (Noto Sans CJK), poppler-utils," \
     "Xvfb, xdotool, desktop-file-utils, appstream, and Qt's xcb libraries" >&2
exit 0
