#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the IMS end-to-end suites in QEMU x86_64 through kunit.py.
# Usage: harness/kunit-x86.sh ir|no_ir
#   ir:    q35 with a VT-d IOMMU doing interrupt remapping; suite ims_desc_edu
#   no_ir: the same machine without it; suite ims_desc_edu_no_ir
# Both use one kernel, built in build/kunit-x86.  The full log is
# build/logs/kunit-x86-MODE.log; the last line is "MODE: P passed, F failed".
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: kunit-x86.sh ir|no_ir}
case $mode in
ir) suite=ims_desc_edu ;;
no_ir) suite=ims_desc_edu_no_ir ;;
*) die "unknown mode $mode" ;;
esac
"$REPO/harness/tree.sh"

log=$LOGS/kunit-x86-$mode.log
KUNIT_X86=$BUILD/kunit-x86
say "QEMU x86_64 ($mode): building (a few minutes cold) and booting (log: ${log#"$REPO"/})"
set +e
(cd "$SRC" && python3 tools/testing/kunit/kunit.py run --build_dir="$KUNIT_X86" \
	--qemu_config="$REPO/tests/kunit/qemu/ims_x86_64_$mode.py" \
	--kunitconfig="$REPO/tests/kunit/x86_64.kunitconfig" \
	--jobs="$JOBS" --timeout=900 "$suite") >"$log" 2>&1
rc=$?
set -e
# kunit.py's copy of the raw console: the "ims-demo:" lines live there
cp "$KUNIT_X86/test.log" "$LOGS/kunit-x86-$mode.raw" 2>/dev/null || : >"$LOGS/kunit-x86-$mode.raw"

line=$(grep -E "Testing complete\. Ran [0-9]+ tests" "$log" | tail -n 1)
if [ -z "$line" ]; then
	tail -n 40 "$log" >&2
	say "kunit.py produced no result for $mode (build failure or crash), rc=$rc"
	echo "x86-$mode: 0 passed, 1 failed"
	exit 1
fi
ran=$(echo "$line" | sed -E 's/.*Ran ([0-9]+) tests.*/\1/')
passed=$(echo "$line" | grep -oE "passed: [0-9]+" | grep -oE "[0-9]+" || echo 0)
errors=$(echo "$line" | grep -oE "errors: [0-9]+" | grep -oE "[0-9]+" || echo 0)
failed=$((ran - passed + errors))
# The suite must have run: a filtered-out or missing suite is a failure
[ "$ran" -gt 0 ] || failed=$((failed + 1))
[ "$rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
grep -E "^\[[0-9:]+\] +(\[(FAILED|CRASHED|SKIPPED)\]|# )" "$log" | grep -vE "# (Subtest|ims-demo)" >&2 || true
echo "x86-$mode: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
