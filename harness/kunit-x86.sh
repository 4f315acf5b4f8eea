#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the SMP suites in QEMU x86_64 (q35, 2 CPUs, TCG) through kunit.py.
# Usage: harness/kunit-x86.sh ir|no_ir|vir|bench [SUITE_GLOB]
#   ir:    with a VT-d IOMMU doing interrupt remapping: every suite built
#          in (edu end to end, stress, and the validation, fwnode and
#          fuzz suites that run on every architecture), slow cases left
#          out, the SSDT of tests/kunit/qemu/ims_x86_64_ssdt.asl loaded;
#          the fuzz suite takes 3,000 inputs per case (under KASAN and TCG
#          about 7 ms each; UML takes 100,000, arm64 10,000);
#          edu's PCI/IMS end to end, static and from ACPI, and the ACPI
#          refusals must not be skipped (its DT case and ims_desc_no_ir
#          are)
#   no_ir: the same machine without it: ims_desc_no_ir, not skipped
#   vir:   with a virtual VT-d (caching mode, as a guest's vIOMMU):
#          ims_desc_no_ir, not skipped, and the refusal must say the unit
#          is virtual
#   bench: the slow scale benchmark, ims_desc_smp_scale
# With TREE=6.12, ir runs ims_desc_smp_edu alone, in a kernel without the
# checkers (build/TREE/kunit-x86-lite).
# ir, no_ir and vir share one kernel with PROVE_LOCKING, KASAN and kmemleak
# (build/TREE/kunit-x86); any KASAN, lockdep or WARN report in its console
# fails the run.  bench has its own kernel without them
# (build/TREE/kunit-x86-bench), so that it times the code, not the checkers.
# The full log is build/TREE/logs/kunit-x86-MODE.log; the last line is
# "x86-MODE: P passed, F failed".
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: kunit-x86.sh ir|no_ir|vir|bench [SUITE_GLOB]}
args=()
mapfile -t configs < <(qemu_kunitconfigs x86_64)
filter=(--filter "speed>slow")
case $mode in
ir) suite='ims_desc_*' args=(--kernel_args=ims_fuzz_kunit.runs=3000) require=(ims_desc_smp_edu.ims_edu_end_to_end
	ims_desc_smp_edu.ims_edu_acpi_end_to_end ims_desc_smp_edu.ims_edu_acpi_rejects
	ims_desc_smp_edu.ims_edu_reset_restore ims_desc_smp_edu.ims_edu_suspend_restore
	ims_desc_lifecycle.ims_life_restore ims_desc_lifecycle.ims_life_trace) ;;
no_ir | vir) suite=ims_desc_no_ir require=(ims_desc_no_ir) ;;
bench) suite=ims_desc_smp_scale filter=() require=() ;;
*) die "unknown mode $mode" ;;
esac
# The 6.12 backport's run: the end-to-end suite through interrupt
# remapping, in a kernel without the checkers (they run on mainline), for
# the cold budget of make check
lite=
if [ "$TREE" != 7.3 ] && [ "$mode" = ir ]; then
	lite=1
	suite=ims_desc_smp_edu
	require=(ims_desc_smp_edu.ims_edu_end_to_end ims_desc_smp_edu.ims_edu_acpi_end_to_end
		 ims_desc_smp_edu.ims_edu_acpi_rejects ims_desc_smp_edu.ims_edu_reset_restore
		 ims_desc_smp_edu.ims_edu_suspend_restore)
fi
suite=${2:-$suite}
if [ "$mode" = bench ]; then
	build=$BUILD/kunit-x86-bench
elif [ -n "$lite" ]; then
	build=$BUILD/kunit-x86-lite
else
	build=$BUILD/kunit-x86
	configs+=(--kunitconfig="$REPO/tests/kunit/x86_64-debug.kunitconfig")
fi
"$REPO/harness/tree.sh"
x86_machine "$mode"

log=$LOGS/kunit-x86-$mode.log
raw=$LOGS/kunit-x86-$mode.raw
json=$LOGS/kunit-x86-$mode.json
rm -f "$json"
say "QEMU x86_64 ($mode): building (several minutes cold) and booting (log: ${log#"$REPO"/})"
rm -f "$build/test.log"
set +e
(cd "$SRC" && kunit_py 3600 run --build_dir="$build" \
	"${machine[@]}" "${args[@]}" "${configs[@]}" \
	--jobs="$JOBS" --timeout=1200 --json="$json" "${filter[@]}" "$suite") >"$log" 2>&1
rc=$?
set -e
# kunit.py's copy of the raw console: the "ims-demo:" lines live there
cp "$build/test.log" "$raw" 2>/dev/null || : >"$raw"

set +e
mapfile -t require < <(covered "$suite" "${require[@]}")
line=$(kunit_result "$log" "$rc" "x86-$mode" "$json" "$raw" "${require[@]}")
set -e
read -r p f <<<"$(counts "$line")" || true

# The checkers report in the console, from whatever thread hit the problem
reports=$(grep -acE 'BUG: |WARNING: |Oops: |general protection fault' "$raw" || true)
if [ "$mode" != bench ] && [ -s "$raw" ]; then
	if [ "$reports" -eq 0 ]; then
		p=$((p + 1))
	else
		f=$((f + 1))
		grep -aE -m 10 'BUG: |WARNING: |Oops: |general protection fault' "$raw" >&2
		say "FAIL x86-$mode: $reports KASAN/lockdep/WARN reports in the console (${raw#"$REPO"/})," \
			"the first: $(grep -aE -m 1 'BUG: |WARNING: |Oops: |general protection fault' "$raw" | tr -d '\r')"
	fi
fi
# kmemleak (kmemleak.verbose=1) prints every object it reports with its
# backtrace: the only one allowed is the canary ims_smp_no_leaks leaks on
# purpose (allocated in ims_smp_leak()); the test itself can only count
if [ "$mode" != bench ] && [ -s "$raw" ]; then
	others=$(tr -d '\r' <"$raw" | awk '
		/kmemleak: unreferenced object/ { if (n && !canary) bad++; n = 1; canary = 0; next }
		n && /kmemleak:  / { if (/ims_smp_leak/) canary = 1; next }
		n { if (!canary) bad++; n = 0 }
		END { if (n && !canary) bad++; print bad + 0 }')
	if [ "$others" -eq 0 ]; then
		p=$((p + 1))
	else
		f=$((f + 1))
		say "FAIL x86-$mode: kmemleak reported $others objects other than the tests' canary" \
			"(their backtraces: ${raw#"$REPO"/})"
	fi
fi
# Below a virtual unit the refusal must say why
if [ "$mode" = vir ]; then
	if grep -aq "interrupt remapping unit is virtual" "$raw"; then
		p=$((p + 1))
	else
		f=$((f + 1))
		say "FAIL x86-vir: no refusal naming the virtual remapping unit in ${raw#"$REPO"/}"
	fi
fi
echo "x86-$mode: $p passed, $f failed"
[ "$f" -eq 0 ]
