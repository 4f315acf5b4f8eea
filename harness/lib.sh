# SPDX-License-Identifier: GPL-2.0
# Shared settings for the ims-desc harness scripts (sourced, not run).

set -eu

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The kernel tree: mainline (7.3, the default) or the 6.12 LTS backport.
# Everything built for a tree lives under build/TREE/; what both share
# (ccache) under build/.
TREE=${TREE:-7.3}
case $TREE in
7.3 | 6.12) ;;
*) printf '%s\n' "ims: error: TREE=$TREE: the trees are 7.3 (mainline) and 6.12 (LTS backport)" >&2
   exit 1 ;;
esac
export TREE
BUILD_ROOT=${IMS_BUILD:-$REPO/build}
BUILD=$BUILD_ROOT/$TREE
TARBALL=/usr/src/linux-source-$TREE.tar.xz
SRC=$BUILD/src/linux-source-$TREE
PRISTINE=$BUILD/pristine/linux-source-$TREE
KUNIT_UML=$BUILD/kunit-uml
LOGS=$BUILD/logs
JOBS=${JOBS:-$(nproc)}

mkdir -p "$LOGS"

say()
{
	printf '%s\n' "ims: $*" >&2
}

die()
{
	printf '%s\n' "ims: error: $*" >&2
	exit 1
}

# The patches of patches/ the tree takes, in order: mainline's are
# patches/*.patch; the 6.12 backport's are listed, one per line, in
# patches/6.12/series (quilt's format, relative to patches/6.12/)
tree_patches()
{
	local p

	if [ "$TREE" = 7.3 ]; then
		ls "$REPO"/patches/*.patch
		return
	fi
	while read -r p; do
		case $p in '' | '#'*) continue ;; esac
		echo "$REPO/patches/6.12/$p"
	done <"$REPO/patches/6.12/series"
}

# Check counting shared by the gate scripts: ok, bad "what", then
# summary LABEL prints "LABEL: P passed, F failed" and fails if F > 0.
pass=0
fail=0
ok()
{
	pass=$((pass + 1))
}

bad()
{
	fail=$((fail + 1))
	say "FAIL $*"
}

# The counts of a "LABEL: P passed, F failed" line as "P F"; nothing if
# the line is not one.
counts()
{
	echo "$1" | sed -nE 's/.*: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p'
}

summary()
{
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# Our files that the static gates (checkpatch, sparse, W=1, kernel-doc) cover.
our_c_files()
{
	(cd "$REPO" && git ls-files -co --exclude-standard -- \
		'drivers/irqchip/ims/*.c' 'drivers/irqchip/ims/*.h' \
		'include/linux/ims_desc.h' 'include/kunit/ims_desc.h' 'include/trace/events/ims_desc.h' 'tests/kunit/*.c' 'tests/kunit/*.h' \
		'samples/ims/*.c' 'samples/ims/*.h')
}

# Turn a kunit.py run into "LABEL: P passed, F failed" on stdout and
# succeed only if nothing failed.  RC is kunit.py's exit code, JSON what
# it wrote with --json, RAW its copy of the console (for the reasons of
# failed and skipped cases).  Further arguments are suites whose cases
# must not be skipped in this run.  A run that ran no test at all (a
# filtered-out or missing suite) is a failure; so is a non-zero RC.
# The SUITE or SUITE.CASE arguments whose suite the kunit.py glob GLOB
# selects: a run limited to some suites needs only their cases.
covered()
{
	local glob=$1 r
	shift
	for r in "$@"; do
		# shellcheck disable=SC2053
		[[ ${r%%.*} == $glob ]] && echo "$r"
	done
	return 0
}

# kunit.py, bounded in wall-clock time and memory: its --timeout bounds the
# kernel's run, not kunit.py itself, whose parser once looped on a crashed
# UML kernel's console past it, to 14 GB in 10 minutes.  SECS bounds the
# whole run, the build included; every process of it (kunit.py, make, the
# compilers, QEMU, UML) gets KUNIT_AS of address space.  A run killed at
# the bound exits 124 (or 137 when it had to be killed hard), which
# kunit_result() reports with the console's last lines.  Run in $SRC.
KUNIT_AS=${KUNIT_AS:-$((12 << 30))}
kunit_py()
{
	local secs=$1
	shift
	timeout --kill-after=30 "$secs" prlimit --as="$KUNIT_AS" \
		python3 tools/testing/kunit/kunit.py "$@"
}

kunit_result()
{
	local log=$1 rc=$2 label=$3 json=$4 raw=$5 line p f
	shift 5
	local req=()
	for s in "$@"; do
		req+=(--require "$s")
	done

	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		tail -n 20 "$raw" >&2
		say "FAIL $label: kunit.py killed at its wall-clock bound (rc=$rc); the console's last lines are above"
		echo "$label: 0 passed, 1 failed"
		return 1
	fi
	if [ ! -s "$json" ]; then
		tail -n 40 "$log" >&2
		say "kunit.py produced no result for $label (build failure or crash), rc=$rc"
		echo "$label: 0 passed, 1 failed"
		return 1
	fi
	line=$(python3 "$REPO/harness/kunit_json.py" "$label" "$json" --raw "$raw" "${req[@]}" | tail -n 1)
	read -r p f <<<"$(counts "$line")"
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "$label: $p passed, $f failed"
	[ "$f" -eq 0 ]
}

# Run one UML KUnit suite for the lines it reports, not for a verdict:
# prints the lines tagged "TAG: " in its raw console (tag removed) and
# returns kunit.sh's status.
suite_lines()
{
	local suite=$1 tag=$2 rc=0

	"$REPO/harness/kunit.sh" "$suite" >/dev/null || rc=$?
	raw_lines "$LOGS/kunit-$suite.raw" "$tag"
	return "$rc"
}

# The lines tagged "TAG: " in a raw console log, tag removed
raw_lines()
{
	grep -aoE "$2: .*" "$1" 2>/dev/null | sed -E "s/^$2: //"
}

# Compile the SSDT of the x86_64 machine with interrupt remapping
# (tests/kunit/qemu/ims_x86_64_ssdt.asl) and print its path.
x86_ssdt()
{
	local out=$BUILD/acpi

	mkdir -p "$out"
	iasl -p "$out/ims_x86_64_ssdt" "$REPO/tests/kunit/qemu/ims_x86_64_ssdt.asl" \
		>"$out/iasl.log" 2>&1 || { cat "$out/iasl.log" >&2; die "iasl failed"; }
	grep -q ' 0 Errors, 0 Warnings' "$out/iasl.log" ||
		{ cat "$out/iasl.log" >&2; die "iasl warned"; }
	echo "$out/ims_x86_64_ssdt.aml"
}

# The kunit.py options of the x86_64 machine MODE (ir, no_ir, vir, bench),
# in the array machine: one QEMU config (tests/kunit/qemu/ims_x86_64.py),
# the rest through --qemu_args and --kernel_args.  512 MiB is plenty for
# the suites and halves what a kmemleak scan walks.
x86_machine()
{
	local edu=edu,dma_mask=0xffffffffffffffff ssdt

	qemu_tcg_only
	machine=(--qemu_config="$REPO/tests/kunit/qemu/ims_x86_64.py")
	[ "$1" = bench ] && return 0
	machine+=(--kernel_args=kmemleak.verbose=1 --qemu_args="-m 512")
	case $1 in
	ir)
		ssdt=$(x86_ssdt) || die "the SSDT of the ir machine did not compile"
		machine+=(--kernel_args=intel_iommu=on
			  --qemu_args="-device intel-iommu,intremap=on -device $edu,addr=04.0"
			  --qemu_args="-acpitable file=$(printf %q "$ssdt")") ;;
	no_ir) machine+=(--qemu_args="-device $edu") ;;
	vir) machine+=(--kernel_args=intel_iommu=on
		       --qemu_args="-device intel-iommu,intremap=on,caching-mode=on -device $edu") ;;
	*) die "unknown x86_64 machine $1" ;;
	esac
}

# QEMU for kunit.py, TCG only.  Mainline's kunit.py asks QEMU for KVM
# first ("-accel kvm -accel hvf -accel tcg"), and nested KVM on the hosts
# this runs on boots the kernel into silence.  kunit.py finds QEMU on
# PATH: build/bin holds wrappers that drop every accelerator but TCG.
qemu_tcg_only()
{
	local bin=$BUILD_ROOT/bin arch real

	mkdir -p "$bin"
	for arch in x86_64 aarch64; do
		real=$(PATH=${PATH//"$bin:"/} command -v "qemu-system-$arch") || continue
		cat >"$bin/qemu-system-$arch.$$" <<-EOF
		#!/usr/bin/env bash
		# Made by harness/lib.sh (qemu_tcg_only): $real without KVM or HVF
		a=()
		while [ \$# -gt 0 ]; do
			if [ "\$1" = -accel ] && [ "\${2:-}" != tcg ]; then
				shift 2
				continue
			fi
			a+=("\$1")
			shift
		done
		exec $real "\${a[@]}"
		EOF
		chmod 755 "$bin/qemu-system-$arch.$$"
		mv "$bin/qemu-system-$arch.$$" "$bin/qemu-system-$arch"
	done
	case :$PATH: in *":$bin:"*) ;; *) PATH=$bin:$PATH ;; esac
	export PATH
}

# The kunitconfig fragments of the QEMU kernels: what x86_64 and arm64
# share, then the architecture's own
qemu_kunitconfigs()
{
	echo --kunitconfig="$REPO/tests/kunit/qemu.kunitconfig"
	echo --kunitconfig="$REPO/tests/kunit/$1.kunitconfig"
}

# The tree the series ends with (harness/patches.sh) and its per-patch
# builds, one allnoconfig build per architecture with
# tests/series/ARCH.config, through ccache
SERIES=$BUILD/series/tree
export CCACHE_DIR=$BUILD_ROOT/ccache CCACHE_BASEDIR=$BUILD/series CCACHE_NOHASHDIR=1

# make in the series tree for a gate configuration (x86_64, arm64, um, or
# one of tests/series/ named after its architecture: arm64-nopci), in its build
series_make()
{
	local cfg=$1 arch=${1%%-*}
	shift
	local args=(-C "$SERIES" O="$BUILD/series/$cfg" -j"$JOBS")

	case $arch in
	arm64) args+=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-
		      CC="ccache aarch64-linux-gnu-gcc") ;;
	*) args+=(ARCH="$arch" CC="ccache gcc") ;;
	esac
	make "${args[@]}" "$@"
}

# The CF= argument sparse needs on the tree: Debian 12's sparse needs two
# definitions for mainline's headers (harness/sparse-compat.h says which
# and why)
sparse_cf()
{
	[ "$TREE" = 7.3 ] && echo "CF=-include $REPO/harness/sparse-compat.h"
	return 0
}

# kbuild drops C=2 with a warning when the checker fails its own test
# (scripts/checker-valid.sh): count a build LOG that says so as a failure
sparse_check_ran()
{
	if grep -q 'is not available or not up to date' "$1"; then
		grep -m 1 'is not available or not up to date' "$1" >&2
		bad "sparse: kbuild found the checker unusable, nothing was checked"
	else
		ok
	fi
}

# Fail unless the series tree holds what the overlay tree holds in DIRS
# (harness/patches.sh --build, which make check runs first, made it)
series_current()
{
	local d

	[ -d "$SERIES/.git" ] || die "no series tree: run harness/patches.sh --build first"
	for d in "$@"; do
		diff -rq "$SRC/$d" "$SERIES/$d" >/dev/null 2>&1 ||
			die "the series tree's $d is not the overlay tree's: run harness/patches.sh --build first"
	done
}
