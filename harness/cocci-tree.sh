#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make cocci-tree [DIR=...]: run every rule of scripts/coccinelle/api/msi/
# over a kernel tree the way make coccicheck MODE=report does (spatch
# --dir at the top of the tree, files found by git grep, -j per core);
# the exemptions are in the rules.  Default: Debian's source of the tree
# as shipped (build/TREE/pristine; make cocci-tree runs it on 6.12), where
# the findings are also measured against the list of layering breaks read
# from that tree (tests/cocci/reference-TREE.txt) if there is one:
# precision and recall per class.
. "$(dirname "$0")/lib.sh"

dir=${1:-}
if [ -z "$dir" ]; then
	"$REPO/harness/deps.sh"
	"$REPO/harness/pristine.sh"
	dir=$PRISTINE
	[ -f "$REPO/tests/cocci/reference-$TREE.txt" ] && measure=1
fi
[ -d "$dir" ] || die "$dir: no such directory"
cd "$dir"
scanner=
git rev-parse --show-toplevel >/dev/null 2>&1 || scanner=--use-coccigrep

start=$(date +%s)
all=$BUILD/cocci-tree.out
: >"$all"
counts=
for rule in "$REPO"/scripts/coccinelle/api/msi/*.cocci; do
	r=$(basename "$rule" .cocci)
	t0=$(date +%s)
	out=$(spatch --very-quiet -D report --no-show-diff --no-includes --include-headers \
		$scanner -j "$JOBS" --chunksize 1 --sp-file "$rule" --dir . 2>/dev/null |
		grep -E '^[^ ]+:[0-9]+:' |
		sed -E 's|^\./||; s/^([^:]+):([0-9]+):[0-9]+-[0-9]+: /\1:\2: /' |
		sort -t: -k1,1 -k2,2n | uniq || true)
	n=0
	if [ -n "$out" ]; then
		n=$(echo "$out" | wc -l)
		echo "$out"
		echo "$out" | sed "s/^/$r /" >>"$all"
	fi
	counts="$counts$(printf '%-20s %4d findings  %3d s' "$r" "$n" "$(($(date +%s) - t0))")\n"
done
printf '\n%b' "$counts"
echo "total: $(wc -l <"$all") findings in $(($(date +%s) - start)) s"
if [ -n "${measure:-}" ]; then
	python3 "$REPO/harness/cocci_measure.py" "$REPO/tests/cocci/reference-$TREE.txt" "$all"
fi
