#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prepare build/TREE/src/linux-source-TREE: Debian's source of the tree
# (7.3, or 6.12 with TREE=6.12) with the tree's patches applied (lib.sh's
# tree_patches: patches/ for 7.3, the backport of patches/6.12/series for
# 6.12) and this repository's kernel-path files placed into it.  The
# extracted tree is reused while the tarball and the patches are unchanged;
# our files are synced on every run by content (a changed file gets a new
# mtime and an unchanged one keeps its own, so kbuild rebuilds exactly what
# changed, also after make conformance swapped files in).
. "$(dirname "$0")/lib.sh"

[ -f "$TARBALL" ] || die "$TARBALL missing (harness/deps.sh installs linux-source-$TREE)"

# The backport's patches to our files (patches/6.12/ims/) apply to the
# staged overlay, the others to the extracted tree
patches=()
overlay_patches=()
while read -r p; do
	case $p in
	*/patches/6.12/ims/*) overlay_patches+=("$p") ;;
	*) patches+=("$p") ;;
	esac
done < <(tree_patches)
key=$( (stat -c '%s %Y' "$TARBALL"; cat "${patches[@]}") | sha256sum | cut -d' ' -f1)
stamp=$BUILD/src/.stamp

if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
	say "extracting $TARBALL into build/$TREE/src"
	rm -rf "$BUILD/src" "$KUNIT_UML"
	mkdir -p "$BUILD/src"
	tar -C "$BUILD/src" -xf "$TARBALL"
	for p in "${patches[@]}"; do
		(cd "$SRC" && GIT_CEILING_DIRECTORIES="$BUILD/src" git apply --whitespace=error-all "$p") ||
			die "${p#"$REPO"/} does not apply to $TREE"
	done
	say "applied ${#patches[@]} patches to $TREE"
	echo "$key" >"$stamp"
fi

# Our files at their kernel paths, staged in build/TREE/overlay: the 6.12
# backport's patches to them (patches/6.12/series, under ims/) apply
# there, and what reaches the tree is synced by content.  Steps of make
# check run this at the same time as the series gate reads the stage:
# it is rebuilt only when our files or those patches changed, aside, and
# then renamed into place.
ours=(drivers/irqchip/ims tests/kunit samples/ims scripts/coccinelle/api/msi
      scripts/gen_ims_chip.py include/linux/ims_desc.h include/kunit/ims_desc.h
      include/trace/events/ims_desc.h Documentation/driver-api/ims
      Documentation/devicetree/bindings/interrupt-controller)
okey=$( (cd "$REPO" && find "${ours[@]}" -type f -print0 | sort -z | xargs -0 sha256sum
	 cat "${overlay_patches[@]}" /dev/null) | sha256sum | cut -d' ' -f1)
if [ "$(cat "$BUILD/overlay.stamp" 2>/dev/null)" != "$okey" ] || [ ! -d "$BUILD/overlay" ]; then
	stage=$BUILD/overlay.$$
	rm -rf "$stage"
	mkdir -p "$stage/drivers/irqchip" "$stage/samples" "$stage/scripts/coccinelle/api" \
		"$stage/include/linux" "$stage/include/kunit" "$stage/include/trace/events" \
		"$stage/Documentation/driver-api" "$stage/Documentation/devicetree/bindings/interrupt-controller"
	cp -a "$REPO/drivers/irqchip/ims" "$stage/drivers/irqchip/"
	rm -rf "$stage/drivers/irqchip/ims/tests"
	rsync -rlpD --exclude=/qemu/ --exclude='?*.kunitconfig' "$REPO/tests/kunit/" \
		"$stage/drivers/irqchip/ims/tests/"
	cp -a "$REPO/samples/ims" "$stage/samples/"
	cp -a "$REPO/scripts/coccinelle/api/msi" "$stage/scripts/coccinelle/api/"
	cp -a "$REPO/scripts/gen_ims_chip.py" "$stage/scripts/"
	cp -a "$REPO/include/linux/ims_desc.h" "$stage/include/linux/"
	cp -a "$REPO/include/kunit/ims_desc.h" "$stage/include/kunit/"
	cp -a "$REPO/include/trace/events/ims_desc.h" "$stage/include/trace/events/"
	cp -a "$REPO/Documentation/driver-api/ims" "$stage/Documentation/driver-api/"
	cp -a "$REPO"/Documentation/devicetree/bindings/interrupt-controller/*.yaml \
		"$stage/Documentation/devicetree/bindings/interrupt-controller/"
	for p in "${overlay_patches[@]}"; do
		(cd "$stage" && GIT_CEILING_DIRECTORIES="$BUILD" git apply --whitespace=error-all "$p") ||
			die "${p#"$REPO"/} does not apply to our files"
	done
	rm -rf "$BUILD/overlay.old.$$"
	[ -d "$BUILD/overlay" ] && mv "$BUILD/overlay" "$BUILD/overlay.old.$$"
	mv "$stage" "$BUILD/overlay"
	rm -rf "$BUILD/overlay.old.$$"
	echo "$okey" >"$BUILD/overlay.stamp"
fi
stage=$BUILD/overlay

for d in drivers/irqchip/ims samples/ims scripts/coccinelle/api/msi Documentation/driver-api/ims; do
	rsync -rlpD --checksum --delete "$stage/$d/" "$SRC/$d/"
done
for f in include/linux/ims_desc.h scripts/gen_ims_chip.py include/kunit/ims_desc.h \
	 include/trace/events/ims_desc.h; do
	rsync -rlpD --checksum "$stage/$f" "$SRC/$f"
done
# The binding schemas: the common properties and the test devices' bindings
rsync -rlpD --checksum "$stage/Documentation/devicetree/bindings/interrupt-controller/" \
	"$SRC/Documentation/devicetree/bindings/interrupt-controller/"
