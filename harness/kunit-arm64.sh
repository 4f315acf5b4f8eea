#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run the arm64 suites in QEMU (virt, gic-version=3, 2 CPUs, TCG) through
# kunit.py: the end-to-end suite, whose DT case proves IMS for a DT
# platform device behind the GICv3 ITS with QEMU's edu writing the
# messages by DMA (it must not be skipped), and the suites that run on
# every architecture (the fuzz suite with 10,000 inputs per case: TCG
# emulates arm64 several times slower than native).  The machine boots
# QEMU's own DTB for its options with one node added (harness/arm64-dtb.sh).
# The kernel boots at EL2, as on a machine of its own; booted again at EL1,
# as a guest's kernel, the ITS must refuse PCI/IMS and say why (the suite
# ims_desc_no_ir, which is skipped at EL2).
# Any BUG, WARN or Oops in the console fails the run.
# Usage: harness/kunit-arm64.sh [SUITE_GLOB]
# The full log is build/TREE/logs/kunit-arm64.log; the last line is
# "arm64-qemu: P passed, F failed".
. "$(dirname "$0")/lib.sh"

suite=${1:-'ims_desc_*'}
build=$BUILD/kunit-arm64
log=$LOGS/kunit-arm64.log
raw=$LOGS/kunit-arm64.raw
json=$LOGS/kunit-arm64.json
"$REPO/harness/tree.sh"

dtb=$("$REPO/harness/arm64-dtb.sh" el2)
mapfile -t kcfg < <(qemu_kunitconfigs arm64)
qemu_tcg_only

say "QEMU arm64: building (several minutes cold) and booting (log: ${log#"$REPO"/})"
rm -f "$build/test.log" "$json"
set +e
(cd "$SRC" && kunit_py 3600 run \
	--cross_compile=aarch64-linux-gnu- --build_dir="$build" \
	--qemu_config="$REPO/tests/kunit/qemu/ims_arm64.py" --qemu_args="-dtb $(printf %q "$dtb")" \
	"${kcfg[@]}" \
	--jobs="$JOBS" --timeout=1200 --json="$json" --filter "speed>slow" \
	--kernel_args=ims_fuzz_kunit.runs=10000 "$suite") >"$log" 2>&1
rc=$?
set -e
cp "$build/test.log" "$raw" 2>/dev/null || : >"$raw"

set +e
mapfile -t require < <(covered "$suite" ims_desc_smp_edu.ims_edu_dt_end_to_end \
	ims_desc_smp_edu.ims_edu_dt_resized ims_desc_smp_edu.ims_edu_dt_compatible ims_desc_its)
line=$(kunit_result "$log" "$rc" arm64-qemu "$json" "$raw" "${require[@]}")
set -e
read -r p f <<<"$(counts "$line")" || true
if [ -s "$raw" ]; then
	if grep -aqE 'BUG: |WARNING: |Oops: |Unable to handle' "$raw"; then
		f=$((f + 1))
		grep -aE -m 10 'BUG: |WARNING: |Oops: |Unable to handle' "$raw" >&2
		say "FAIL arm64-qemu: BUG/WARN reports in the console (${raw#"$REPO"/}), the first:" \
			"$(grep -aE -m 1 'BUG: |WARNING: |Oops: |Unable to handle' "$raw" | tr -d '\r')"
	else
		p=$((p + 1))
	fi
fi

# At EL1, as a guest's kernel: the same kernel, the refusal suite alone
if [ -n "$(covered "$suite" ims_desc_no_ir)" ]; then
	dtb=$("$REPO/harness/arm64-dtb.sh" el1)
	log=$LOGS/kunit-arm64-el1.log raw=$LOGS/kunit-arm64-el1.raw json=$LOGS/kunit-arm64-el1.json
	say "QEMU arm64 at EL1: booting (log: ${log#"$REPO"/})"
	rm -f "$build/test.log" "$json"
	set +e
	(cd "$SRC" && kunit_py 1200 exec --build_dir="$build" \
		--qemu_config="$REPO/tests/kunit/qemu/ims_arm64.py" \
		--qemu_args="-dtb $(printf %q "$dtb") -machine virtualization=off" \
		--timeout=600 --json="$json" ims_desc_no_ir) >"$log" 2>&1
	rc=$?
	cp "$build/test.log" "$raw" 2>/dev/null || : >"$raw"
	line=$(kunit_result "$log" "$rc" arm64-el1 "$json" "$raw" ims_desc_no_ir.ims_edu_refused)
	set -e
	read -r p1 f1 <<<"$(counts "$line")" || true
	p=$((p + ${p1:-0})) f=$((f + ${f1:-1}))
	if grep -aq "no PCI/IMS: the kernel did not boot at EL2" "$raw"; then
		p=$((p + 1))
	else
		f=$((f + 1))
		say "FAIL arm64-el1: no refusal naming the EL in ${raw#"$REPO"/}"
	fi
	if grep -aqE 'BUG: |WARNING: |Oops: |Unable to handle' "$raw"; then
		f=$((f + 1))
		say "FAIL arm64-el1: BUG/WARN reports in the console (${raw#"$REPO"/}), the first:" \
			"$(grep -aE -m 1 'BUG: |WARNING: |Oops: |Unable to handle' "$raw" | tr -d '\r')"
	else
		p=$((p + 1))
	fi
fi
echo "arm64-qemu: $p passed, $f failed"
[ "$f" -eq 0 ]
