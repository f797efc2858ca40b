#!/usr/bin/env bash
# Builds libsodium for WebAssembly from Debian's own source package (the version the
# native build links), into build/third_party/libsodium-wasm. The source comes through
# apt with deb-src entries derived from the machine's apt configuration, kept in a
# private directory so the system's apt setup is not touched. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/third_party/libsodium-wasm"
[ -f "$out/lib/libsodium.a" ] && exit 0
work="$root/build/third_party/libsodium-src"
apt_dir="$work/apt"
mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
. "$root/tools/lib/deb_src_apt.sh"
deb_src_apt "$apt_dir"
version="$(dpkg-query -W -f='${Version}' libsodium-dev)"
cd "$work"
rm -rf src libsodium_*
apt-get -qq "${apt_opts[@]}" source --download-only "libsodium=$version"
dpkg-source --no-check -x libsodium_*.dsc src >/dev/null
cd src
# The orig tarball is a source snapshot: generate configure first (autoconf, automake, libtool).
[ -x ./configure ] || ./autogen.sh -s >/dev/null 2>&1 || ./autogen.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
# configure runs the programs it compiles; Node 20 runs Emscripten 3.1.6 output only without fetch.
export NODE_OPTIONS=--no-experimental-fetch
# Minimal build: Ed25519, SHA-2, Argon2id, XChaCha20-Poly1305 and randombytes are in it.
emconfigure ./configure --enable-minimal --disable-ssp --disable-asm --without-pthreads \
  --disable-shared --enable-static --prefix="$out" >/dev/null
emmake make -j"$(nproc)" >/dev/null
emmake make install >/dev/null
echo "libsodium $version for wasm: $out/lib/libsodium.a"
