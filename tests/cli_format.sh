#!/usr/bin/env bash
# Every C source and header is formatted as .clang-format says (docs/conventions.md,
# rule 10). Fix with: clang-format -i $(git ls-files '*.c' '*.h')
set -u
src=$2
cd "$src" || exit 1
if ! command -v clang-format >/dev/null; then
  echo "cli_format: clang-format is not installed (scripts/setup.sh installs it)"; exit 1
fi
passed=0 failed=0
files=$(find sim include tests bench fuzz -name '*.[ch]' -not -path 'fuzz/corpus/*' | sort)
for f in $files; do
  if clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
    passed=$((passed + 1))
  else
    echo "FAIL $f is not formatted (clang-format -i $f)"; failed=$((failed + 1))
  fi
done
echo "cli_format: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
