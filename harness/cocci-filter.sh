#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Filter a list of paths (stdin, one per line, relative to the scanned
# tree) through an exceptions file: drop every path under a listed prefix.
set -eu
exc=$1
awk -v excf="$exc" '
BEGIN {
	while ((getline line < excf) > 0) {
		sub(/#.*/, "", line)
		gsub(/[ \t]+/, "", line)
		if (line != "")
			pre[n++] = line
	}
}
{
	p = $0
	sub(/^\.\//, "", p)
	for (i = 0; i < n; i++)
		if (index(p, pre[i]) == 1)
			next
	print p
}'
