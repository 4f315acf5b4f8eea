#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prepare build/TREE/pristine/linux-source-TREE: Debian's source of the
# tree as shipped, without patches/ or our files, as a git repository with one
# commit (make coccicheck finds files with git grep; the Coccinelle
# measurements and the conversions' drafts read the drivers as they are
# in that tree).  Reused while the tarball is unchanged.
. "$(dirname "$0")/lib.sh"

[ -f "$TARBALL" ] || die "$TARBALL missing (harness/deps.sh installs linux-source-$TREE)"
key=$(stat -c '%s %Y' "$TARBALL" | sha256sum | cut -d' ' -f1)
stamp=$BUILD/pristine/.stamp
[ "$(cat "$stamp" 2>/dev/null)" = "$key" ] && exit 0

say "extracting $TARBALL into build/$TREE/pristine"
rm -rf "$BUILD/pristine"
mkdir -p "$BUILD/pristine"
tar -C "$BUILD/pristine" -xf "$TARBALL"
# Debian's top-level .gitignore ignores the whole tree: add it by force
(cd "$PRISTINE" && git init -q && git add -f -A . &&
	git -c user.name='ims-desc developers' -c user.email=ims-desc@lists.example.org \
		commit -q -m "Debian linux-source-$TREE, as shipped")
echo "$key" >"$stamp"
