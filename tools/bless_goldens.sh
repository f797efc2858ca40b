#!/usr/bin/env bash
# Re-blesses the golden results: runs the native CLI on every tests/golden/<case>/ and
# writes expected.json. Run it on purpose (make bless), then review `git diff tests/golden`.
# Nothing in the test suite ever rewrites an expectation.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/build/native/selfeval"
for dir in "$root"/tests/golden/*/; do
  case_json="$dir/case.json"
  [ -f "$case_json" ] || continue
  tmpl=$(node -e "console.log(require('$case_json').template)")
  decl=$(node -e "console.log(require('$case_json').declaration || '')")
  args=(score --template "$root/$tmpl" --answers "$dir/answers.json")
  [ -n "$decl" ] && args+=(--declaration "$dir/$decl")
  "$cli" "${args[@]}" > "$dir/expected.json"
  echo "blessed $(basename "$dir")"
done
