#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prepare build/src/linux-source-6.12: Debian's 6.12 source with patches/
# applied and this repository's kernel-path files placed into it.  The
# extracted tree is reused while the tarball and patches/ are unchanged;
# our files are synced on every run by content (a changed file gets a new
# mtime and an unchanged one keeps its own, so kbuild rebuilds exactly what
# changed, also after make conformance swapped files in).
. "$(dirname "$0")/lib.sh"

[ -f "$TARBALL" ] || die "$TARBALL missing (harness/deps.sh installs linux-source-6.12)"

key=$( (stat -c '%s %Y' "$TARBALL"; cat "$REPO"/patches/*.patch 2>/dev/null) | sha256sum | cut -d' ' -f1)
stamp=$BUILD/src/.stamp

if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
	say "extracting $TARBALL into build/src"
	rm -rf "$BUILD/src" "$KUNIT_UML"
	mkdir -p "$BUILD/src"
	tar -C "$BUILD/src" -xf "$TARBALL"
	for p in "$REPO"/patches/*.patch; do
		[ -e "$p" ] || continue
		say "applying patches/$(basename "$p")"
		(cd "$SRC" && GIT_CEILING_DIRECTORIES="$BUILD/src" git apply --whitespace=error-all "$p") ||
			die "patches/$(basename "$p") does not apply"
	done
	echo "$key" >"$stamp"
fi

rsync -rlpD --checksum --delete --exclude=/tests/ "$REPO/drivers/irqchip/ims/" "$SRC/drivers/irqchip/ims/"
rsync -rlpD --checksum --delete --exclude=/qemu/ --exclude='?*.kunitconfig' \
	"$REPO/tests/kunit/" "$SRC/drivers/irqchip/ims/tests/"
rsync -rlpD --checksum --delete "$REPO/samples/ims/" "$SRC/samples/ims/"
rsync -rlpD --checksum --delete "$REPO/scripts/coccinelle/api/msi/" "$SRC/scripts/coccinelle/api/msi/"
rsync -rlpD --checksum "$REPO/include/linux/ims_desc.h" "$SRC/include/linux/ims_desc.h"
rsync -rlpD --checksum "$REPO/scripts/gen_ims_chip.py" "$SRC/scripts/gen_ims_chip.py"
rsync -rlpD --checksum "$REPO/include/kunit/ims_desc.h" "$SRC/include/kunit/ims_desc.h"
rsync -rlpD --checksum "$REPO/include/trace/events/ims_desc.h" "$SRC/include/trace/events/ims_desc.h"
rsync -rlpD --checksum --delete "$REPO/Documentation/driver-api/ims/" "$SRC/Documentation/driver-api/ims/"
# The binding schemas: the common properties and the test devices' bindings
rm -f "$SRC/Documentation/devicetree/bindings/ims.yaml"
for f in "$REPO"/Documentation/devicetree/bindings/interrupt-controller/*.yaml; do
	rsync -rlpD --checksum "$f" "$SRC/Documentation/devicetree/bindings/interrupt-controller/"
done
