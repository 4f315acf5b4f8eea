#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare a draft description (ims_chip_candidate.cocci -D draft) with a
shipped one.

usage: cocci_draft.py DRAFT.yaml SHIPPED.yaml

Every key of the draft must have the shipped value, and every key the
shipped description has and the draft lacks must be one the draft lists
under "Not inferred" (a "#  - KEY: ..." line).  name and description are
not compared.  Prints the comparison; exits 1 on a difference.
"""
import re
import sys

import yaml


def main(draft_path, shipped_path):
    with open(draft_path) as f:
        text = f.read()
    print(text.rstrip())
    if not text.strip():
        print('no draft')
        return 1
    draft = yaml.safe_load(text) or {}
    with open(shipped_path) as f:
        shipped = yaml.safe_load(f)
    not_inferred = set(re.findall(r'^#  - ([\w-]+):', text, re.M))
    bad = 0
    for key in sorted(set(draft) | set(shipped)):
        if key in ('name', 'description'):
            continue
        if key not in draft:
            if key in not_inferred:
                print('%s: not inferred, as the draft says (shipped: %s)' % (key, shipped[key]))
            else:
                print('%s: missing from the draft (shipped: %s)' % (key, shipped[key]))
                bad = 1
        elif key not in shipped or draft[key] != shipped[key]:
            print('%s: draft %s, shipped %s' % (key, draft[key], shipped.get(key)))
            bad = 1
    print('%s: %s' % (shipped_path.split('/')[-1], 'different' if bad else 'equivalent'))
    return bad


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
