#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compile test for arm64 of the in-tree drivers converted to ims-desc
# (patches/) and of the framework itself: W=1 and sparse (C=2), no
# warning allowed in the converted files or in drivers/irqchip/ims/.
# The build is the series gate's arm64 one (an allnoconfig plus
# tests/series/arm64.config, in build/TREE/series/arm64; harness/patches.sh
# --build, which make check runs first, compiled these objects with W=1
# at their patches); this adds sparse and reads the warnings.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"

log=$LOGS/arm64.log
objs=(drivers/perf/arm_smmuv3_pmu.o drivers/dma/mv_xor_v2.o
      drivers/mailbox/bcm-flexrm-mailbox.o
      drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.o)

say "arm64 W=1 and sparse of the converted drivers (log: ${log#"$REPO"/})"
series_current drivers/irqchip/ims "${objs[@]%/*}"
mapfile -t cf < <(sparse_cf)
if ! series_make arm64 C=2 W=1 "${cf[@]}" drivers/irqchip/ims/ "${objs[@]}" >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	bad "arm64 build"
fi
sparse_check_ran "$log"

# Lines of a file that the tree's patches added, against the tree as
# shipped: the new side of diff -U0
added_lines()
{
	diff -U0 "$PRISTINE/$1" "$SRC/$1" |
		awk '/^@@/ { split($3, a, ","); n = substr(a[1], 2); next }
		     /^\+/ && !/^\+\+\+/ { print n++ }'
}

# Our files: no warning at all.  Converted drivers: none on a line our
# patches wrote; what the tree already warns about is reported, not failed.
check_file()
{
	local f=$1 lines=${2:-} w line old=0

	if ! grep -qE "CHECK +(.*/)?$f\$" "$log"; then
		bad "arm64 W=1/sparse $f: not compiled"
		return
	fi
	w=$(grep -E "(^|/)$f:[0-9]+(:[0-9]+)?: (warning|error)" "$log" || true)
	if [ -n "$lines" ] && [ -n "$w" ]; then
		while IFS= read -r line; do
			if echo "$lines" | grep -qx "$(echo "$line" | sed -E "s|.*$f:([0-9]+).*|\1|")"; then
				echo "$line" >&2
				old=-1
			elif [ "$old" -ge 0 ]; then
				old=$((old + 1))
			fi
		done <<<"$w"
		[ "$old" -gt 0 ] && say "arm64 $f: $old warnings $TREE already has (not on our lines)"
		[ "$old" -ge 0 ] && w=
	fi
	if [ -n "$w" ]; then
		[ -z "$lines" ] && echo "$w" >&2
		bad "arm64 W=1/sparse $f"
	else
		ok
	fi
}
for o in "${objs[@]}"; do
	f=${o%.o}.c
	check_file "$f" "$(added_lines "$f")"
done
for f in "$REPO"/drivers/irqchip/ims/*.c "$REPO"/drivers/irqchip/ims/descriptors/*.c; do
	check_file "${f#"$REPO"/}"
done

summary arm64
