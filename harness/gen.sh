#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Generator checks of make check:
#  - every description in drivers/irqchip/ims/descriptors/ regenerates its
#    committed C file exactly, and the list the KUnit suites walk (one check each);
#  - every DT example node the generator writes compiles with dtc;
#  - every bad description in tests/gen/bad/ fails with the message its
#    first line expects and writes nothing (one check each).
. "$(dirname "$0")/lib.sh"

gen="python3 $REPO/scripts/gen_ims_chip.py"
dir=$REPO/drivers/irqchip/ims/descriptors
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t descs < <(cd "$dir" && ls ./*.yaml | sed 's|^\./||' | sort)
for y in "${descs[@]}"; do
	n=${y%.yaml}
	if ! (cd "$dir" && $gen -c "$tmp/$n.c" -d "$tmp/$n.dtsi" "$y"); then
		bad "gen $y"
		continue
	fi
	if cmp -s "$tmp/$n.c" "$dir/$n.c"; then
		ok
	else
		bad "descriptors/$n.c differs from what $y generates"
		diff -u "$dir/$n.c" "$tmp/$n.c" >&2 || true
	fi
	{
		echo '/dts-v1/;'
		echo '/ { #address-cells = <2>; #size-cells = <2>;'
		echo 'msi: msi-controller { msi-controller; #msi-cells = <1>; };'
		cat "$tmp/$n.dtsi"
		echo '};'
	} >"$tmp/$n.dts"
	if dtc -q -I dts -O dtb -o "$tmp/$n.dtb" "$tmp/$n.dts" 2>"$tmp/dtc.err"; then
		ok
	else
		bad "DT example of $y does not compile"
		cat "$tmp/dtc.err" >&2
	fi
done
if (cd "$dir" && $gen --shipped "$tmp/ims_test_descs.c" "${descs[@]}") &&
   cmp -s "$tmp/ims_test_descs.c" "$REPO/tests/kunit/ims_test_descs.c"; then
	ok
else
	bad "tests/kunit/ims_test_descs.c differs from what the descriptions generate"
fi
for n in "${descs[@]%.yaml}"; do
	grep -q "extern const struct ims_desc ims_desc_$n;" "$REPO/include/linux/ims_desc.h" ||
		bad "include/linux/ims_desc.h does not declare ims_desc_$n"
done

for y in "$REPO"/tests/gen/bad/*.yaml; do
	f=$(basename "$y")
	exp=$(sed -n '1s/^# expect: //p' "$y")
	rc=0
	out=$(cd "$(dirname "$y")" && $gen -c "$tmp/bad.c" -d "$tmp/bad.dtsi" "$f" 2>&1) || rc=$?
	if [ "$rc" -ne 1 ]; then
		bad "gen $f: exit $rc, expected 1"
	elif [ -e "$tmp/bad.c" ] || [ -e "$tmp/bad.dtsi" ]; then
		bad "gen $f: wrote output for a bad description"
	elif [[ "$out" != "gen_ims_chip: $exp"* ]]; then
		bad "gen $f: said '$out', expected 'gen_ims_chip: $exp'"
	else
		ok
	fi
	rm -f "$tmp/bad.c" "$tmp/bad.dtsi"
done

summary gen
