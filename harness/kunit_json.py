#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the results of a kunit.py run from its --json output.

usage: kunit_json.py LABEL JSON [--raw RAW] [--require SUITE]... [--table]

Prints the failed and skipped cases (with the reason KTAP gives, read
from RAW, kunit.py's copy of the console), then "LABEL: P passed, F
failed".  A --require suite (SUITE, or SUITE.CASE for one case or the
cases of one parameterised case) that did not run, or a skipped case of
it, counts as failed: that environment must be there.  --table prints every case as a table.
Exit status: 0 if nothing failed.
"""
import argparse
import json
import re
import sys


def leaves(group, path):
    """(suite, case, status) for every leaf of the JSON result tree."""
    name = group.get('name', '')
    here = path + [name] if name and name != 'KUnit Test Group' else path
    for case in group.get('test_cases', []):
        yield here, case['name'], case['status']
    for sub in group.get('sub_groups', []):
        yield from leaves(sub, here)


def reasons(raw):
    """KTAP directive and diagnostic per case name: {(parent, case): text}."""
    out = {}
    if not raw:
        return out
    try:
        lines = open(raw, encoding='utf-8', errors='replace').read().splitlines()
    except OSError:
        return out
    stack = []
    diag = []
    for line in lines:
        m = re.search(r'# Subtest: (\S+)', line)
        if m:
            stack.append(m.group(1))
            diag = []
            continue
        m = re.search(r'^\s*(not ok|ok) \d+ (.*?)(?: # (SKIP.*))?$', line)
        if m:
            name = m.group(2).strip()
            parent = stack[-1] if stack else ''
            if stack and stack[-1] == name:
                stack.pop()
                parent = stack[-1] if stack else ''
            why = re.sub(r'^SKIP\s*', '', m.group(3) or '') or '; '.join(
                d.split(': ', 1)[-1] for d in diag if 'scaled' in d)[:200]
            if m.group(1) == 'not ok':
                why = '; '.join(d for d in diag if 'EXPECTATION' in d or 'ASSERTION' in d
                                or 'Expected' in d)[:200] or 'failed'
            out[(parent, name)] = why
            diag = []
            continue
        m = re.search(r'#\s*(.*)$', line)
        if m:
            diag.append(m.group(1))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('label')
    ap.add_argument('json')
    ap.add_argument('--raw')
    ap.add_argument('--require', action='append', default=[])
    ap.add_argument('--table', action='store_true')
    args = ap.parse_args()

    try:
        with open(args.json, encoding='utf-8') as f:
            tree = json.load(f)
    except (OSError, ValueError) as e:
        print('ims: no kunit.py JSON result for %s: %s' % (args.label, e), file=sys.stderr)
        print('%s: 0 passed, 1 failed' % args.label)
        return 1

    why = reasons(args.raw)
    passed = failed = skipped = 0
    rows = []
    seen = set()
    for path, case, status in leaves(tree, []):
        suite = path[0] if path else ''
        parent = path[-1] if path else ''
        reason = why.get((parent, case), '')
        top = '.'.join(path[:2] if len(path) > 1 else path + [case])
        seen.update((suite, top))
        if status == 'SKIP' and (suite in args.require or top in args.require):
            status = 'FAIL'
            reason = 'skipped, but this run needs it: ' + reason
        if status == 'PASS':
            passed += 1
        elif status == 'SKIP':
            skipped += 1
        else:
            failed += 1
        rows.append(('.'.join(path[1:] + [case]) if len(path) > 1 else case, suite,
                     status, reason))
        if status != 'PASS' and not args.table:
            print('ims: %s %s.%s %s' % (status, '.'.join(path), case, reason), file=sys.stderr)
    if args.table:
        width = max([len(r[0]) for r in rows] + [4])
        print('%-24s %-*s %-6s %s' % ('suite', width, 'case', 'result', 'reason'))
        for case, suite, status, reason in rows:
            print('%-24s %-*s %-6s %s' % (suite, width, case, status, reason))
    if not rows:
        print('ims: %s ran no test' % args.label, file=sys.stderr)
        failed += 1
    for need in args.require:
        if need not in seen:
            print('ims: FAIL %s did not run, but this run needs it' % need, file=sys.stderr)
            failed += 1
    if skipped:
        print('ims: %s: %d skipped' % (args.label, skipped), file=sys.stderr)
    print('%s: %d passed, %d failed' % (args.label, passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
