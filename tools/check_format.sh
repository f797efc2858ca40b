#!/usr/bin/env bash
# Every C++ source of the project is formatted as .clang-format says (clang-format 14, Debian's):
# exits 1 naming each file that is not. `tools/check_format.sh --fix` formats them in place.
#   tools/check_format.sh [--fix] [FILE...]   (default: every tracked .cpp/.hpp/.h)
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
if [ "${1:-}" = "--fix" ]; then fix=1; shift; fi
if [ "$#" -gt 0 ]; then files=("$@"); else mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h'); fi
if [ "$fix" = 1 ]; then clang-format -i "${files[@]}"; exit 0; fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ "${#bad[@]}" -gt 0 ]; then
  printf 'not formatted as .clang-format says (run tools/check_format.sh --fix):\n' >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format: ${#files[@]} files clean"
