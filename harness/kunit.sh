#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the KUnit suites on UML through the kernel's own kunit.py.
# Usage: harness/kunit.sh [FILTER_GLOB]
# The full log is build/logs/kunit.log; the result line of kunit.py is
# turned into "kunit: P passed, F failed" on stdout.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"

filter=${1:-}
log=$LOGS/kunit${filter:+-$(echo "$filter" | tr -c 'a-zA-Z0-9_\n' _)}.log
args=(run --build_dir="$KUNIT_UML" --kunitconfig="$REPO/tests/kunit/.kunitconfig"
      --jobs="$JOBS" --timeout=600)
[ -n "$filter" ] && args+=("$filter")

say "building and running KUnit on UML (log: ${log#"$REPO"/})"
set +e
(cd "$SRC" && python3 tools/testing/kunit/kunit.py "${args[@]}") >"$log" 2>&1
rc=$?
set -e
# kunit.py's copy of the raw console: the "ims-demo:" lines live there
cp "$KUNIT_UML/test.log" "${log%.log}.raw" 2>/dev/null || : >"${log%.log}.raw"

line=$(grep -E "Testing complete\. Ran [0-9]+ tests" "$log" | tail -n 1)
if [ -z "$line" ]; then
	tail -n 40 "$log" >&2
	say "kunit.py produced no result (build failure or crash), rc=$rc"
	echo "kunit: 0 passed, 1 failed"
	exit 1
fi

ran=$(echo "$line" | sed -E 's/.*Ran ([0-9]+) tests.*/\1/')
passed=$(echo "$line" | grep -oE "passed: [0-9]+" | grep -oE "[0-9]+" || echo 0)
failed=$((ran - passed))
# kunit.py counts a crash or a missing suite as an error, not as a test
errors=$(echo "$line" | grep -oE "errors: [0-9]+" | grep -oE "[0-9]+" || echo 0)
failed=$((failed + errors))
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1

grep -E "^\[[0-9:]+\] +(\[(FAILED|CRASHED|SKIPPED)\]|# )" "$log" | grep -vE "# (Subtest|ims-demo)" >&2 || true
echo "kunit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
