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
#
# --check (make check, on 7.3): over the tree as shipped, every rule must
# run to its end with no error from spatch (one check each); the findings
# and the time per rule are printed, not judged.  The result is kept
# under a key of the tree, the rules, this script and spatch's version,
# and a run with the same key takes it.
. "$(dirname "$0")/lib.sh"

check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
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

if [ "$check" -eq 1 ]; then
	key=$( (git rev-parse HEAD 2>/dev/null || echo "$dir"
		cat "$REPO"/scripts/coccinelle/api/msi/*.cocci "$REPO/harness/cocci-tree.sh"
		spatch --version) | sha256sum | cut -d' ' -f1)
	if [ "$(cat "$BUILD/cocci-tree.key" 2>/dev/null)" = "$key" ] && [ -s "$BUILD/cocci-tree.result" ]; then
		say "the rules over $TREE as shipped: the result of an earlier run of the same tree, rules and spatch"
		cat "$BUILD/cocci-tree.result"
		exit 0
	fi
fi

start=$(date +%s)
all=$BUILD/cocci-tree.out
: >"$all"
counts=
for rule in "$REPO"/scripts/coccinelle/api/msi/*.cocci; do
	r=$(basename "$rule" .cocci)
	t0=$(date +%s)
	err=$BUILD/cocci-tree-$r.err
	set +e
	out=$(spatch --very-quiet -D report --no-show-diff --no-includes --include-headers \
		$scanner -j "$JOBS" --chunksize 1 --sp-file "$rule" --dir . 2>"$err")
	rc=$?
	set -e
	# spatch says why a file could not be parsed on stderr and goes on;
	# an error of the rule or of spatch itself ends it with a status
	if [ "$rc" -ne 0 ]; then
		tail -n 5 "$err" >&2
		bad "$r: spatch exited with $rc over $TREE (${err#"$REPO"/})"
	else
		ok
	fi
	out=$(echo "$out" | grep -E '^[^ ]+:[0-9]+:' |
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
if [ "$check" -eq 1 ]; then
	line=$(summary cocci-tree) || {
		echo "$line"
		exit 1
	}
	echo "$line" >"$BUILD/cocci-tree.result"
	echo "$key" >"$BUILD/cocci-tree.key"
	echo "$line"
	exit 0
fi
if [ -n "${measure:-}" ]; then
	python3 "$REPO/harness/cocci_measure.py" "$REPO/tests/cocci/reference-$TREE.txt" "$all"
fi
