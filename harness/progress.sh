# SPDX-License-Identifier: GPL-2.0
# Sourced: run a long command with a progress line every 20 seconds on
# stderr: elapsed time and the objects built so far in a build directory.
# The command's own output goes to OUTFILE.
# Usage: with_progress BUILD_DIR WHAT OUTFILE COMMAND...

with_progress()
{
	local dir=$1 what=$2 out=$3 start=$SECONDS pid rc n
	shift 3

	"$@" >"$out" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 20
		kill -0 "$pid" 2>/dev/null || break
		n=$(find "$dir" -name '*.o' 2>/dev/null | wc -l)
		say "$what: $((SECONDS - start)) s, $n objects built so far"
	done
	rc=0
	wait "$pid" || rc=$?
	return "$rc"
}
