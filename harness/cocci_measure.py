#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Measure the Coccinelle rules' findings against a reference list.

usage: cocci_measure.py REFERENCE FINDINGS

REFERENCE: tests/cocci/reference-6.12.txt.  FINDINGS: lines "RULE
file:line: [X] message" (harness/cocci-tree.sh).  A finding inside a
"true" entry is right, inside a "legit" one a false positive, inside a
"border" one not counted; outside every entry it is unjudged, listed,
and counted as wrong until someone judges it.  Prints per class: the
findings tagged with the class, how many are right, precision, and how
many of the class's true entries some finding (of any class) hits.
"""
import re
import sys

CLASSES = 'ABCDEFGS'


def load(path):
    entries = []
    with open(path) as f:
        for line in f:
            line = line.split('|')[0].strip()
            if not line or line.startswith('#'):
                continue
            ident, cls, verdict, locs = line.split()
            spans = []
            for loc in locs.split(','):
                path_, rng = loc.rsplit(':', 1)
                first, last = (int(x) for x in rng.split('-'))
                spans.append((path_, first, last))
            entries.append((ident, cls, verdict, spans))
    return entries


def main(ref, findings_path):
    entries = load(ref)
    findings = []
    with open(findings_path) as f:
        for line in f:
            m = re.match(r'(\S+) ([^:]+):(\d+): \[([A-Z])\]', line)
            if m:
                findings.append((m.group(1), m.group(2), int(m.group(3)), m.group(4)))
    hit = set()
    stats = {c: [0, 0, 0, 0] for c in CLASSES}   # findings, right, wrong, border
    unjudged = []
    for rule, path, line, tag in findings:
        where = [e for e in entries
                 if any(p == path and a <= line <= b for p, a, b in e[3])]
        for e in where:
            hit.add(e[0])
        s = stats.setdefault(tag, [0, 0, 0, 0])
        s[0] += 1
        verdicts = {e[2] for e in where}
        if 'true' in verdicts:
            s[1] += 1
        elif 'border' in verdicts:
            s[3] += 1
        else:
            s[2] += 1
            if not where:
                unjudged.append('%s %s:%d: [%s]' % (rule, path, line, tag))
    print('\nclass  findings  right  wrong  border  precision   true entries found  recall')
    tot = [0, 0, 0, 0, 0, 0]
    for c in CLASSES:
        n, right, wrong, border = stats[c]
        true = [e for e in entries if e[1] == c and e[2] == 'true']
        found = [e for e in true if e[0] in hit]
        prec = '%5.0f%%' % (100.0 * right / (right + wrong)) if right + wrong else '    -'
        rec = '%5.0f%%' % (100.0 * len(found) / len(true)) if true else '    -'
        missed = ' '.join(e[0] for e in true if e[0] not in hit)
        print('  %s    %6d  %5d  %5d  %6d     %s   %8d of %-8d %s%s'
              % (c, n, right, wrong, border, prec, len(found), len(true), rec,
                 ('  missed: ' + missed) if missed else ''))
        for i, v in enumerate((n, right, wrong, border, len(found), len(true))):
            tot[i] += v
    print('  all  %6d  %5d  %5d  %6d     %5.0f%%   %8d of %-8d %5.0f%%'
          % (tot[0], tot[1], tot[2], tot[3],
             100.0 * tot[1] / max(1, tot[1] + tot[2]), tot[4], tot[5],
             100.0 * tot[4] / max(1, tot[5])))
    legit_hit = [e[0] for e in entries if e[2] == 'legit' and e[0] in hit]
    if legit_hit:
        print('false positives on entries judged legitimate: ' + ' '.join(legit_hit))
    if unjudged:
        print('unjudged findings (not in the list; counted as wrong):')
        for u in unjudged:
            print('  ' + u)
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
