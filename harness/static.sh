#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Static gates on our files: checkpatch --strict, kernel-doc, and sparse
# (C=2) and W=1 on drivers/irqchip/ims/ and samples/ims/ for UML, x86_64
# and arm64.  Each file (and each patch) is one check per gate.  The
# builds are those of the series gate (harness/patches.sh --build, which
# make check runs first): their objects were compiled with W=1 there, so
# this adds sparse without compiling them again.
. "$(dirname "$0")/lib.sh"

"$REPO/harness/tree.sh"
mapfile -t files < <(our_c_files)

# checkpatch --strict: every source file, and every patch as a patch
for f in "${files[@]}"; do
	out=$(cd "$SRC" && perl scripts/checkpatch.pl --strict --no-tree --terse --no-summary \
		--show-types -f "$REPO/$f" 2>&1) || true
	if [ -n "$out" ]; then
		bad "checkpatch $f"
		echo "$out" >&2
	else
		ok
	fi
done
cp_ignore=()
[ "$TREE" = 7.3 ] || cp_ignore=(--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES)
while read -r p; do
	out=$(cd "$SRC" && perl scripts/checkpatch.pl --strict --no-tree --terse --no-summary \
		--show-types "${cp_ignore[@]}" "$p" 2>&1) || true
	if [ -n "$out" ]; then
		bad "checkpatch ${p#"$REPO"/}"
		echo "$out" >&2
	else
		ok
	fi
done < <(tree_patches)

# kernel-doc: no warnings
for f in "${files[@]}"; do
	out=$(cd "$SRC" && scripts/kernel-doc -none -Wall "$REPO/$f" 2>&1) || true
	if [ -n "$out" ]; then
		bad "kernel-doc $f"
		echo "$out" >&2
	else
		ok
	fi
done

# sparse (C=2, all files rechecked) and W=1 on the builds of our directories:
# UML (the framework and the model suites), x86_64 (the framework, the
# edu sample and its suites) and arm64 (the same, and the GICv3 ITS suite).
# Each file must have been compiled in one of them, without warnings in
# any.
series_current drivers/irqchip/ims samples/ims include/linux include/kunit
log=$LOGS/static-build.log
: >"$log"
mapfile -t cf < <(sparse_cf)
for arch in um x86_64 arm64; do
	if ! series_make "$arch" C=2 W=1 "${cf[@]}" drivers/irqchip/ims/ samples/ims/ >>"$log" 2>&1; then
		tail -n 30 "$log" >&2
		bad "sparse/W=1 build for $arch"
	fi
done
sparse_check_ran "$log"
for f in "${files[@]}"; do
	# Our files sit at drivers/irqchip/ims/ (tests at .../ims/tests/) in the tree
	case $f in
	tests/kunit/*) tf=drivers/irqchip/ims/tests/${f#tests/kunit/} ;;
	*) tf=$f ;;
	esac
	if grep -E "(^|/)$tf:[0-9]+(:[0-9]+)?: (warning|error)" "$log" >&2; then
		bad "sparse/W=1 $f"
	elif [[ $f == *.c ]] && ! grep -qE "CHECK +(.*/)?$tf\$" "$log"; then
		bad "sparse/W=1 $f: not compiled in any build"
	else
		ok
	fi
done

summary static
