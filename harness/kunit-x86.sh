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

kunit_result "$log" "$rc" "x86-$mode"
