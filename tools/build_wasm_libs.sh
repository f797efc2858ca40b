#!/usr/bin/env bash
# Builds the C libraries the core reads .xlsx files with — zlib and expat — for
# WebAssembly from Debian's own source packages, into build/third_party/wasm-libs (the way
# tools/build_libsodium_wasm.sh builds libsodium). Each source package is the version of the
# -dev package the native build links when the archive still serves it, else the archive's
# current one (a point release newer than the installed package). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/third_party/wasm-libs"
work="$root/build/third_party/wasm-libs-src"
libs=(z expat)
done_all=1
for l in "${libs[@]}"; do [ -f "$out/lib/lib$l.a" ] || done_all=0; done
[ "$done_all" = 1 ] && exit 0
apt_dir="$work/apt"
mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$out"
. "$root/tools/lib/deb_src_apt.sh"
deb_src_apt "$apt_dir"
export NODE_PATH=/usr/share/nodejs
export NODE_OPTIONS=--no-experimental-fetch

# fetch SOURCE_PACKAGE DEV_PACKAGE: unpacks the source into $work/SOURCE_PACKAGE/src.
fetch() {
  local src=$1 dev=$2 want
  want="$(dpkg-query -W -f='${Version}' "$dev")"
  rm -rf "${work:?}/$src" && mkdir -p "$work/$src" && cd "$work/$src"
  if ! apt-get -qq "${apt_opts[@]}" source --download-only "$src=$want" >/dev/null 2>&1; then
    for v in $(apt-cache "${apt_opts[@]}" showsrc "$src" | sed -n 's/^Version: //p' | sort -rV); do
      rm -f ./*.dsc ./*.tar.* ./*.diff.*
      apt-get -qq "${apt_opts[@]}" source --download-only "$src=$v" >/dev/null 2>&1 && { want=$v; break; }
    done
  fi
  dpkg-source --no-check -x "$(ls ./*.dsc | head -1)" src >/dev/null
  { grep -v "^$src " "$out/VERSIONS" 2>/dev/null || true; echo "$src $want"; } > "$out/VERSIONS.new" && mv "$out/VERSIONS.new" "$out/VERSIONS"
  cd src
}

if [ ! -f "$out/lib/libz.a" ]; then
  fetch zlib zlib1g-dev
  # Only what inflating needs is linked; zlib's own configure understands emcc as CC.
  CC=emcc AR=emar RANLIB=emranlib CFLAGS="-Oz -flto" ./configure --static --prefix="$out" >/dev/null
  emmake make -j"$(nproc)" libz.a >/dev/null
  mkdir -p "$out/lib" "$out/include" && cp libz.a "$out/lib/" && cp zlib.h zconf.h "$out/include/"
fi

if [ ! -f "$out/lib/libexpat.a" ]; then
  fetch expat libexpat1-dev
  # Debian's source is upstream's git tree: the library is in expat/, built with its CMake.
  # Without DTD support (a DOCTYPE is refused by the core anyway) and namespaces (unused),
  # built for size (XML_MIN_SIZE).
  # No getrandom/arc4random and no /dev/urandom (no file system) in wasm: expat seeds its hash
  # salt from the clock, which only matters for hash flooding on a server; the page parses
  # the user's own file in its sandbox.
  emcmake cmake -S expat -B build-wasm -DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_C_FLAGS="-Oz -flto -DXML_POOR_ENTROPY" \
    -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
    -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_FUZZERS=OFF -DEXPAT_BUILD_PKGCONFIG=OFF -DEXPAT_DTD=OFF -DEXPAT_NS=OFF -DEXPAT_MIN_SIZE=ON -DEXPAT_DEV_URANDOM=OFF \
    -DCMAKE_INSTALL_PREFIX="$out" >/dev/null
  cmake --build build-wasm -j"$(nproc)" >/dev/null
  cmake --install build-wasm >/dev/null
  # The archive's name follows the build type (libexpatMD.a …): one name for the core's CMake.
  for a in "$out"/lib/libexpat*.a; do [ "$a" = "$out/lib/libexpat.a" ] || mv "$a" "$out/lib/libexpat.a"; done
fi

echo "wasm libraries in $out:"; cat "$out/VERSIONS"
