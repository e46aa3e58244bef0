#!/bin/sh
# Puts moneymap in the desktop's launcher and makes it open .ron datasets, for this user
# only (no root): a desktop entry, the icon and a MIME type under $XDG_DATA_HOME
# (~/.local/share). Run it after `cargo install --locked --path .`:
#
#     sh assets/install-linux.sh
#
# It changes nothing outside $XDG_DATA_HOME and can be run again. To remove moneymap from
# the launcher, delete the three files it prints.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=${MONEYMAP_BIN:-$(command -v moneymap || true)}
if [ -z "$bin" ]; then
    echo "install-linux.sh: moneymap is not on the PATH; run 'cargo install --locked --path .' first" >&2
    echo "(or set MONEYMAP_BIN to the binary's path)" >&2
    exit 1
fi
mkdir -p "$data/applications" "$data/icons/hicolor/128x128/apps" "$data/mime/packages"
# The launcher may not share the shell's PATH (~/.cargo/bin): name the binary in full.
sed "s|^Exec=moneymap |Exec=$bin |" "$here/moneymap.desktop" > "$data/applications/moneymap.desktop"
cp "$here/icon.png" "$data/icons/hicolor/128x128/apps/moneymap.png"
cp "$here/moneymap-mime.xml" "$data/mime/packages/moneymap.xml"
# Refresh the caches when the tools are there (desktop-file-utils, shared-mime-info).
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$data/applications" >/dev/null 2>&1 || true
fi
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data/mime" >/dev/null 2>&1 || true
fi
echo "$data/applications/moneymap.desktop"
echo "$data/icons/hicolor/128x128/apps/moneymap.png"
echo "$data/mime/packages/moneymap.xml"
