#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make patches: write the project as one series against Debian's 6.12
# (series/plan, harness/series.py) into build/patches/, then check it:
# it git am's onto the unpatched tree, checkpatch --strict is clean on
# every patch, and the tree it ends with is the overlay tree
# harness/tree.sh builds (patches/ applied, our files at their kernel
# paths).
. "$(dirname "$0")/lib.sh"

"$REPO/harness/deps.sh"
"$REPO/harness/pristine.sh"
"$REPO/harness/tree.sh" >/dev/null

out=$BUILD/patches
work=$BUILD/series/tree
python3 "$REPO/harness/series.py" "$PRISTINE" "$work" "$out" ||
	die "series/plan could not be turned into a series"

# The series as a reviewer takes it: git am onto the unpatched tree
# (the scratch tree, reset)
(cd "$work" && export GIT_CEILING_DIRECTORIES="$BUILD/series" &&
	git reset -q --hard "$(git -C "$PRISTINE" rev-parse HEAD)" &&
	git -c user.name='ims-desc developers' -c user.email=ims-desc@lists.example.org \
		am -q --whitespace=error-all $(ls "$out"/*.patch | grep -v '/0000-cover-letter.patch$')) ||
	die "the series does not git am onto $TARBALL"
n=$(ls "$out"/*.patch | grep -vc '/0000-cover-letter.patch$')

# checkpatch --strict on every patch
bad=0
for p in $(ls "$out"/*.patch | grep -v '/0000-cover-letter.patch$'); do
	if ! r=$("$work/scripts/checkpatch.pl" --strict --no-tree -q "$p" 2>&1) || [ -n "$r" ]; then
		say "checkpatch: $(basename "$p")"
		echo "$r" >&2
		bad=1
	fi
done
[ "$bad" -eq 0 ] || die "checkpatch --strict is not clean on every patch"

if diff -rq --exclude=.git "$work" "$SRC" >"$BUILD/series/diff" 2>&1; then
	say "$n patches in build/patches/ (cover letter 0000-cover-letter.patch); git am onto 6.12 gives the overlay tree"
else
	cat "$BUILD/series/diff" >&2
	die "the tree the series ends with is not the overlay tree"
fi
