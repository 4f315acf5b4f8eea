#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: the benchmark suite on UML (hot path of the generic chip
# next to the hand-written reference, device accesses per operation).
# Prints one table and writes it, with the machine it ran on, to
# Documentation/ims-bench.txt.  Numbers only: it never fails on a time.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/deps.sh"
say "running the benchmark suite on UML (a kernel build first if needed)"
set +e
"$REPO/harness/kunit.sh" 'ims_desc_bench' >/dev/null
rc=$?
set -e
raw=$LOGS/kunit-ims_desc_bench.raw
out=$REPO/Documentation/ims-bench.txt
{
	echo "ims-desc benchmark, $(date -u +%Y-%m-%d)"
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'),"
	echo "         UML KUnit kernel (Linux 6.12, gcc $(gcc -dumpfullversion))"
	echo
	echo "Hot path, host-memory storage, interleaved batches, $(grep -c 'ims-bench:' "$raw") lines;"
	echo "ratio = generic / hand-written IDXD reference chip, median (min..max) of 31 rounds."
	echo "Storage that sleeps (mlx5) is timed inside irq_bus_lock()/irq_bus_sync_unlock()"
	echo "with its doorbell, so its ratio is not a like-for-like comparison."
	grep -aoE "ims-bench: .*" "$raw" | sed -E 's/^ims-bench: //'
	echo
	echo "Device accesses per operation on MMIO storage (queue storage: doorbells):"
	grep -aoE "ims-access: .*" "$raw" | sed -E 's/^ims-access: //'
} >"$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
[ "$rc" -eq 0 ] || die "the benchmark suite failed to run (log: ${raw#"$REPO"/})"
