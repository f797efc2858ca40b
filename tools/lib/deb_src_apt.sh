# Sourced by the scripts that build Debian source packages (libsodium, zlib, expat, FreeXL):
# `deb_src_apt DIR` makes an apt that reads deb-src entries derived from the machine's own
# sources (deb822 and one-line), with its lists and cache in DIR, updates it, and leaves its
# options in the array `apt_opts` for `apt-get "${apt_opts[@]}" source …`. The system's apt
# configuration is not touched.
deb_src_apt() {
  local apt_dir="$1" f
  mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed 's/^Types:.*$/Types: deb-src/' "$f" > "$apt_dir/parts/$(basename "$f")"
  done
  if [ -f /etc/apt/sources.list ]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' > "$apt_dir/parts/legacy.list" || true
  fi
  apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt_dir/parts"
            -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root")
  apt-get -qq "${apt_opts[@]}" update
}
