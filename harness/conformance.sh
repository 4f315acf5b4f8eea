#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make conformance DESC=path/to/description.yaml (or a .c descriptor)
#
# The conformance run for one descriptor, the way a vendor's CI runs it:
#  1. validate it: a description through scripts/gen_ims_chip.py, a C
#     descriptor through the kernel's validator built for the host;
#  2. give it the conformance suite the way a driver does, with
#     IMS_DESC_KUNIT_SUITE() in a test file of its own, and run that on
#     UML against the software device model (suite ims_desc_user);
#  3. make it the one descriptor the SMP suites walk and run them in
#     QEMU x86_64 with interrupt remapping: end to end on QEMU's edu
#     device (ims_desc_smp_edu) and the stress suite (ims_desc_smp_stress);
#     and in QEMU arm64 with a GICv3 ITS: end to end for a DT platform
#     device whose messages edu writes (ims_desc_smp_edu);
#  4. print a table of every case with pass/fail/skip and the reason, and
#     exit non-zero on any failure.
# The runs reuse the build trees of make check (incremental builds); the
# tree is put back when it ends, with the swapped files newer than what
# was built from them.
. "$(dirname "$0")/lib.sh"

desc=${1:-}
[ -n "$desc" ] || die "usage: make conformance DESC=path/to/description.yaml|descriptor.c"
[ -f "$desc" ] || die "$desc: no such file"
desc=$(cd "$(dirname "$desc")" && pwd)/$(basename "$desc")

"$REPO/harness/deps.sh"
"$REPO/harness/tree.sh"

work=$BUILD/conformance
rm -rf "$work"
mkdir -p "$work"
tests=$SRC/drivers/irqchip/ims/tests

# 1. Validate, and get the descriptor as C with the name of its symbol
case $desc in
*.yaml)
	python3 "$REPO/scripts/gen_ims_chip.py" -c "$work/desc.c" "$desc" ||
		die "$desc: not a valid description (see above)"
	;;
*.c)
	cp "$desc" "$work/desc.c"
	;;
*)
	die "$desc: give a .yaml description or a .c descriptor"
	;;
esac
sym=$(sed -nE 's/^(static )?const struct ims_desc ([a-z0-9_]+) = \{.*/\2/p' "$work/desc.c" | head -n 1)
[ -n "$sym" ] || die "$desc: no 'const struct ims_desc NAME = {' definition found"
# A driver keeps its descriptor static and unexported; the suites that
# walk it are other objects, and on x86_64 modules: the copy under test
# is global and exported
sed -i -E 's/^static (const struct ims_desc )/\1/' "$work/desc.c"
if ! grep -qE "EXPORT_SYMBOL[A-Z_]*\([[:space:]]*$sym[[:space:]]*[,)]" "$work/desc.c"; then
	printf '\n#include <linux/export.h>\nEXPORT_SYMBOL_GPL(%s);\n' "$sym" >>"$work/desc.c"
fi

host=$work/host-check.c
cat >"$host" <<EOC
#include <stdio.h>
#include "ims-desc-internal.h"
#include "$work/desc.c"

int main(void)
{
	struct ims_desc_error err = { };

	if (!ims_desc_check(&$sym, &err))
		return 0;
	if (err.index >= 0)
		printf("%s[%d]: %s\n", err.field, err.index, err.reason);
	else if (err.flag)
		printf("%s (0x%x): %s\n", err.field, err.flag, err.reason);
	else
		printf("%s: %s\n", err.field, err.reason);
	return 1;
}
EOC
hinc=$REPO/scripts/ims-desc-host/include
if ! cc -O2 -Wall -DEXPORT_SYMBOL_GPL\(sym\)= -DEXPORT_SYMBOL\(sym\)= -D__noreturn='__attribute__((__noreturn__))' \
	-Draw_spinlock_t='struct ims_host_lock' -I "$hinc" -I "$REPO/include" \
	-I "$REPO/drivers/irqchip/ims" -o "$work/host-check" "$host" \
	"$REPO/drivers/irqchip/ims/ims-desc-validate.c" 2>"$work/host-cc.log"; then
	cat "$work/host-cc.log" >&2
	die "$desc: does not compile as a descriptor (only <linux/ims_desc.h> and <linux/export.h> are needed)"
fi
if ! why=$("$work/host-check"); then
	die "$desc: $sym is rejected by the kernel's validator: $why"
fi
say "$sym: valid"

# Put the tree back however this ends: the restored files get a new
# mtime, so the next build recompiles what was built from the swapped ones
restore()
{
	rm -f "$tests/ims_user_desc.c" "$tests/ims_user_kunit.c"
	cp "$REPO/tests/kunit/ims_test_descs.c" "$REPO/tests/kunit/Makefile" "$tests/"
	touch "$tests/ims_test_descs.c" "$tests/Makefile"
}
trap restore EXIT

# 2. and 3. The descriptor in the tree: its own test file, and the list
cp "$work/desc.c" "$tests/ims_user_desc.c"
cat >"$tests/ims_user_kunit.c" <<EOC
// SPDX-License-Identifier: GPL-2.0-only
/* make conformance: the descriptor under test, as a driver's test file has it */
#include <kunit/ims_desc.h>
#include <linux/module.h>

extern const struct ims_desc $sym;

IMS_DESC_KUNIT_SUITE(ims_desc_user, &$sym);

MODULE_DESCRIPTION("KUnit conformance of $sym");
MODULE_LICENSE("GPL");
EOC
cat >"$tests/ims_test_descs.c" <<EOC
// SPDX-License-Identifier: GPL-2.0-only
/* make conformance: the suites walk the descriptor under test alone */
#include <linux/export.h>
#include <linux/ims_desc.h>
#include <linux/kernel.h>

#include "ims_test.h"

extern const struct ims_desc $sym;

const struct ims_desc *const ims_test_descs[] = { &$sym };
EXPORT_SYMBOL_GPL(ims_test_descs);

const unsigned int ims_test_nr_descs = ARRAY_SIZE(ims_test_descs);
EXPORT_SYMBOL_GPL(ims_test_nr_descs);
EOC
cat >>"$tests/Makefile" <<'EOC'

# make conformance
ims_desc_kunit-y				+= ims_user_desc.o
obj-$(CONFIG_IMS_DESC_LOCAL_KUNIT_TEST)		+= ims_user_kunit.o
EOC


rc=0
run_kunit()
{
	local label=$1 log=$LOGS/conformance-$1.log json=$work/$1.json
	shift

	say "$label: building and running (log: ${log#"$REPO"/})"
	rm -f "$json" "$build/test.log"
	set +e
	(cd "$SRC" && kunit_py 3600 run --jobs="$JOBS" --timeout=1200 \
		--build_dir="$build" --json="$json" "$@") >"$log" 2>&1
	# kunit.py fails a run whose kernel did not build or boot, or that ran no test
	[ $? -eq 0 ] || failed+=("$label")
	set -e
	cp "$build/test.log" "$work/$label.raw" 2>/dev/null || : >"$work/$label.raw"
}

failed=()
build=$KUNIT_UML
run_kunit uml --kunitconfig=drivers/irqchip/ims/tests --filter "speed>slow" ims_desc_user

build=$BUILD/kunit-x86
x86_machine ir
mapfile -t kcfg < <(qemu_kunitconfigs x86_64)
run_kunit x86 "${machine[@]}" "${kcfg[@]}" \
	--kunitconfig="$REPO/tests/kunit/x86_64-debug.kunitconfig" \
	--filter "speed>slow" 'ims_desc_smp_*'

build=$BUILD/kunit-arm64
dtb=$("$REPO/harness/arm64-dtb.sh" el2)
mapfile -t kcfg < <(qemu_kunitconfigs arm64)
run_kunit arm64 --cross_compile=aarch64-linux-gnu- \
	--qemu_config="$REPO/tests/kunit/qemu/ims_arm64.py" --qemu_args="-dtb $(printf %q "$dtb")" \
	"${kcfg[@]}" --filter "speed>slow" ims_desc_smp_edu

# 4. The table
echo
echo "conformance of $sym ($(basename "$desc"))"
for run in uml x86 arm64; do
	case $run in
	x86) req=(--require ims_desc_smp_edu.ims_edu_end_to_end) ;;
	arm64) req=(--require ims_desc_smp_edu.ims_edu_dt_end_to_end) ;;
	*) req=() ;;
	esac
	echo
	echo "== $run"
	if [ -s "$work/$run.json" ]; then
		python3 "$REPO/harness/kunit_json.py" --table --raw "$work/$run.raw" \
			"${req[@]}" "conformance-$run" "$work/$run.json" || rc=1
	else
		tail -n 20 "$LOGS/conformance-$run.log" >&2
		echo "conformance-$run: no result (build failure or crash, see the log)"
		rc=1
	fi
	reports=$(grep -acE 'BUG: |WARNING: |Oops: |general protection fault|Unable to handle' \
		"$work/$run.raw" || true)
	if [ "$run" != uml ] && [ "$reports" -ne 0 ]; then
		grep -aE -m 10 'BUG: |WARNING: |Oops: |general protection fault|Unable to handle' \
			"$work/$run.raw" >&2
		echo "conformance-$run: $reports BUG/WARN reports in the console"
		rc=1
	fi
	if [[ " ${failed[*]} " == *" $run "* ]]; then
		echo "conformance-$run: kunit.py failed (${LOGS#"$REPO"/}/conformance-$run.log)"
		rc=1
	fi
done
echo
[ "$rc" -eq 0 ] && echo "conformance: PASS" || echo "conformance: FAIL"
exit "$rc"
