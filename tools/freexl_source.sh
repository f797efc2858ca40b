#!/usr/bin/env bash
# FreeXL's source from Debian's source package (the version of the installed libfreexl-dev when
# the archive still serves it, else the archive's current one), with the fixes of
# tools/patches/freexl/ applied, into build/third_party/freexl-src. The native and the wasm
# builds both compile this source (core/CMakeLists.txt): fuzzing found reads past buffers,
# leaks and unbounded allocations on crafted .xls files in Debian's 1.0.6 (tests/fuzz/README.md),
# so the Debian binary is not linked. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/third_party/freexl-src"
stamp="$out/.patched-$(cat "$root"/tools/patches/freexl/*.patch | sha256sum | cut -c1-16)"
[ -f "$stamp" ] && exit 0
work="$root/build/third_party/freexl-fetch"
apt_dir="$work/apt"
rm -rf "$work" && mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
. "$root/tools/lib/deb_src_apt.sh"
deb_src_apt "$apt_dir"
want="$(dpkg-query -W -f='${Version}' libfreexl-dev)"
cd "$work"
if ! apt-get -qq "${apt_opts[@]}" source --download-only "freexl=$want" >/dev/null 2>&1; then
  for v in $(apt-cache "${apt_opts[@]}" showsrc freexl | sed -n 's/^Version: //p' | sort -rV); do
    rm -f ./*.dsc ./*.tar.*
    apt-get -qq "${apt_opts[@]}" source --download-only "freexl=$v" >/dev/null 2>&1 && { want=$v; break; }
  done
fi
rm -rf "$out"
dpkg-source --no-check -x "$(ls ./*.dsc | head -1)" "$out" >/dev/null
cd "$out"
for p in "$root"/tools/patches/freexl/*.patch; do patch -s -p1 < "$p"; done
echo "freexl $want" > VERSION
touch "$stamp"
echo "FreeXL $want with $(ls "$root"/tools/patches/freexl/*.patch | wc -l) patch(es): $out"
