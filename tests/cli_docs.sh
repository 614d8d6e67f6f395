#!/usr/bin/env bash
# The generated references in docs/ match what the program's own tables say:
# a key or indicator added to the code without regenerating the docs (or a
# doc edited by hand) fails here. Regenerate with:
#   build/teachsim reference scenario > docs/scenario-reference.md
#   build/teachsim reference indicators > docs/indicators.md
set -u
exe=$1 src=$2
passed=0 failed=0
check() { # name, generated command, committed file
  if diff -u "$3" <($2) >/tmp/cli_docs.$$ 2>&1; then
    echo "PASS $1"; passed=$((passed + 1))
  else
    echo "FAIL $1: $3 differs from \`$2\` (regenerate it):"; head -40 /tmp/cli_docs.$$; failed=$((failed + 1))
  fi
  rm -f /tmp/cli_docs.$$
}
check scenario_reference "$exe reference scenario" "$src/docs/scenario-reference.md"
check indicator_reference "$exe reference indicators" "$src/docs/indicators.md"
# every key of the table appears in the reference, and the reference has no key the table lacks
keys_in_doc=$(grep -o '^| `[^`]*`' "$src/docs/scenario-reference.md" | sed 's/^| `//; s/`$//' | sort)
keys_in_code=$("$exe" reference scenario | grep -o '^| `[^`]*`' | sed 's/^| `//; s/`$//' | sort)
if [ "$keys_in_doc" = "$keys_in_code" ] && [ -n "$keys_in_code" ]; then
  echo "PASS same_keys"; passed=$((passed + 1))
else
  echo "FAIL same_keys:"; diff <(echo "$keys_in_doc") <(echo "$keys_in_code"); failed=$((failed + 1))
fi
echo "cli_docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
