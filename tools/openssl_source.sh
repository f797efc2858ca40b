#!/usr/bin/env bash
# OpenSSL's SM3 (GB/T 32905) from Debian's source package of the installed libssl-dev (else the
# archive's current one), into build/third_party/openssl-sm3: crypto/sm3/sm3.c and the headers it
# needs. The core compiles this one file in both builds (core/CMakeLists.txt), so the SM3 of the
# 国密 profile (template hash, kid, fingerprint) is OpenSSL's code natively and in WebAssembly,
# never a hand-written hash; the CLI checks it against the installed libcrypto's EVP_sm3.
# Only SM3 is taken: the SM2 signatures themselves are libcrypto's natively and the page's
# vetted library in the browser (README, "国密 profile"). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/third_party/openssl-sm3"
stamp="$out/.done-v1"
[ -f "$stamp" ] && exit 0
work="$root/build/third_party/openssl-fetch"
apt_dir="$work/apt"
rm -rf "$work" && mkdir -p "$work"
. "$root/tools/lib/deb_src_apt.sh"
deb_src_apt "$apt_dir"
want="$(dpkg-query -W -f='${Version}' libssl-dev)"
cd "$work"
if ! apt-get -qq "${apt_opts[@]}" source --download-only "openssl=$want" >/dev/null 2>&1; then
  for v in $(apt-cache "${apt_opts[@]}" showsrc openssl | sed -n 's/^Version: //p' | sort -rV); do
    rm -f ./*.dsc ./*.tar.* ./*.asc
    apt-get -qq "${apt_opts[@]}" source --download-only "openssl=$v" >/dev/null 2>&1 && { want=$v; break; }
  done
fi
orig="$(ls ./openssl_*.orig.tar.* | head -1)"
top="$(basename "$orig" | sed -E 's/_([^_]*)\.orig\.tar\..*$/-\1/')"
tar -xf "$orig" "$top/crypto/sm3" "$top/include/internal/sm3.h" "$top/include/crypto/md32_common.h" \
  "$top/LICENSE.txt"
rm -rf "$out" && mkdir -p "$out"
cp -r "$top/crypto/sm3" "$out/"
mkdir -p "$out/include/internal" "$out/include/crypto"
cp "$top/include/internal/sm3.h" "$out/include/internal/"
cp "$top/include/crypto/md32_common.h" "$out/include/crypto/"
cp "$top/LICENSE.txt" "$out/"
echo "openssl $want" > "$out/VERSION"
rm -rf "$work"
touch "$stamp"
echo "OpenSSL $want SM3: $out"
