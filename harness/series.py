#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the project as one patch series against Debian's 7.3 (mainline),
or with TREE=6.12 as the 6.12 LTS backport series.

usage: series.py PRISTINE WORKTREE OUTDIR OVERLAY

PRISTINE is the git tree of the unpatched source (harness/pristine.sh),
WORKTREE a scratch clone (made here, or reset to PRISTINE's commit if it
exists), OUTDIR where the series goes
(git format-patch, with a cover letter), OVERLAY our files at their
kernel paths as harness/tree.sh stages them for the tree (for 6.12 with
the backport's patches to them applied).  series/plan says what each
commit carries; see its header; series/plan-6.12 the backport's, which
includes it with the 6.12 form of each patch (patches/6.12/NAME for
patches/NAME).  A commit that adds files the backport changes
(patches/6.12/ims/) adds them in their 6.12 form and says so, as stable
backports do.  Commits carry the project's own identity and fixed dates,
so the same sources give the same series.

The MAINTAINERS entry (patches/ keeps the final one) grows with the
series: each block that adds files adds the entry's F: lines that cover
them, so that no commit adds files the entry does not name.
"""
import os
import re
import subprocess
import sys
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IDENT = ('ims-desc developers', 'ims-desc@lists.example.org')
DATE = '2026-11-26T00:00:00+00:00'


def git(tree, *args, stdin=None):
    env = dict(os.environ, GIT_AUTHOR_NAME=IDENT[0], GIT_AUTHOR_EMAIL=IDENT[1],
               GIT_COMMITTER_NAME=IDENT[0], GIT_COMMITTER_EMAIL=IDENT[1],
               GIT_AUTHOR_DATE=DATE, GIT_COMMITTER_DATE=DATE,
               GIT_CEILING_DIRECTORIES=os.path.dirname(tree))
    return subprocess.run(['git', '-C', tree] + list(args), input=stdin, env=env,
                          check=True, capture_output=True, text=True).stdout


def kernel_path(path):
    if path.startswith('tests/kunit/'):
        return 'drivers/irqchip/ims/tests/' + path[len('tests/kunit/'):]
    return path


TREE = os.environ.get('TREE', '7.3')


def resolve(arg):
    """A patch of the plan in the tree's form: patches/6.12/NAME for 6.12."""
    if TREE != '7.3' and arg.startswith('patches/'):
        alt = os.path.join('patches', TREE, arg[len('patches/'):])
        if os.path.exists(os.path.join(REPO, alt)):
            return alt
    return arg


def parse_plan(path, tail=False):
    blocks = []
    with open(path) as f:
        text = f.read()
    for chunk in re.split(r'\n\s*\n', text):
        lines = [l for l in chunk.split('\n') if l.strip() and not l.startswith('#')]
        if not lines:
            continue
        if lines == ['tail']:
            tail = True
            continue
        if len(lines) == 1 and lines[0].startswith('include '):
            blocks += parse_plan(os.path.join(REPO, lines[0].split(None, 1)[1]), tail)
            tail = blocks[-1]['tail'] if blocks else tail
            continue
        block = {'ops': [], 'msg': None, 'tail': tail}
        for line in lines:
            word, rest = line.split(None, 1)
            if word == 'msg':
                block['msg'] = rest.strip()
            elif word == 'patch':
                block['ops'].append((word, resolve(rest.strip())))
            elif word in ('add', 'stage'):
                block['ops'].append((word, rest.strip()))
            else:
                sys.exit('series/plan: unknown line: %s' % line)
        blocks.append(block)
    return blocks


def patch_message(path):
    """Subject and body of a patches/ file, as git am would take them."""
    with open(path) as f:
        text = f.read()
    head, _, rest = text.partition('\n\n')
    subject = re.search(r'^Subject: (.*(?:\n .*)*)', head, re.M).group(1)
    subject = re.sub(r'^\[PATCH[^\]]*\]\s*', '', ' '.join(subject.split('\n ')))
    body = rest.split('\n---\n', 1)[0]
    return subject, body.strip('\n')


class Maintainers:
    """The project's MAINTAINERS entry, from the patch that adds it."""

    def __init__(self, patch):
        with open(patch) as f:
            text = f.read()
        added = [l[1:] for l in text.split('\n') if l.startswith('+') and not l.startswith('+++')]
        self.header = [l for l in added if not l.startswith('F:') and l]
        self.files = [l for l in added if l.startswith('F:')]
        self.before = re.search(r'^@@.*\n((?: .*\n)*)', text, re.M).group(1).split('\n')
        self.patch = patch
        self.named = []

    @staticmethod
    def _names(line, kpath):
        pat = line[3:].strip()
        if pat.endswith('/'):
            return kpath.startswith(pat)
        return re.fullmatch(re.escape(pat).replace(r'\*', '[^/]*'), kpath) is not None

    def covers(self, kpath):
        return any(self._names(f, kpath) for f in self.files)

    def add(self, kpath):
        """Name kpath in the entry; True if that adds a line."""
        for f in self.files:
            if self._names(f, kpath) and f not in self.named:
                self.named.append(f)
                return True
        return False

    def write(self, tree):
        """Write the entry with the F: lines named so far."""
        path = os.path.join(tree, 'MAINTAINERS')
        with open(path) as f:
            lines = f.read().split('\n')
        if self.header[0] in lines:
            i = lines.index(self.header[0])
            j = lines.index('', i)
            del lines[i:j + 1]
        anchor = [l[1:] for l in self.before if l.startswith(' ') and l[1:]][-1]
        k = lines.index('', lines.index(anchor))
        lines[k + 1:k + 1] = self.header + [f for f in self.files if f in self.named] + ['']
        with open(path, 'w') as f:
            f.write('\n'.join(lines))


def backport_notes():
    """The backport's changes to our files: (the kernel paths, the note)."""
    notes = []
    d = os.path.join(REPO, 'patches', TREE, 'ims')
    if TREE == '7.3' or not os.path.isdir(d):
        return notes
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        with open(path) as f:
            files = set(re.findall(r'^\+\+\+ b/(\S+)$', f.read(), re.M))
        subject, body = patch_message(path)
        body = body.split('\nSigned-off-by:')[0].strip('\n')
        notes.append((files, '[ %s: %s\n\n%s ]' % (TREE, subject, body)))
    return notes


def main(pristine, work, out, overlay):
    plan = 'plan' if TREE == '7.3' else 'plan-' + TREE
    blocks = parse_plan(os.path.join(REPO, 'series', plan))
    notes = backport_notes()
    pdir = os.path.join(REPO, 'patches') if TREE == '7.3' else os.path.join(REPO, 'patches', TREE)
    maint = Maintainers(next(os.path.join(pdir, p) for p in sorted(os.listdir(pdir))
                             if 'MAINTAINERS' in p))
    base = git(pristine, 'rev-parse', 'HEAD').strip()
    if os.path.isdir(os.path.join(work, '.git')):
        # Reuse the scratch tree: only the files the series touched change
        subprocess.run(['git', '-C', work, 'am', '--abort'], capture_output=True)
        git(work, 'reset', '-q', '--hard', base)
        git(work, 'clean', '-fdxq')
    else:
        subprocess.run(['rm', '-rf', work], check=True)
        subprocess.run(['git', 'clone', '-q', '--shared', pristine, work], check=True)
    tail_from = None
    noted = {}
    for n, block in enumerate(blocks, 1):
        subject = body = None
        staged = {}
        added = set()
        for op, arg in block['ops']:
            if op == 'patch':
                path = os.path.join(REPO, arg)
                git(work, 'apply', '--index', '--whitespace=error-all', path)
                if subject is None:
                    subject, body = patch_message(path)
                continue
            parts = arg.split()
            src = parts[0]
            dst = kernel_path(src)
            added.add(dst)
            if op == 'stage' and src in staged:
                lines = staged[src]
            else:
                with open(os.path.join(overlay, dst)) as f:
                    lines = f.read().split('\n')
            if op == 'stage':
                how, rest = parts[1], arg.split(None, 2)[2]
                if how == 'without':
                    lines = [l for l in lines if not re.search(rest, l)]
                elif how == 'until':
                    cut = next(i for i, l in enumerate(lines) if re.search(rest, l))
                    lines = lines[:cut]
                    while lines and not lines[-1].strip():
                        lines.pop()
                    lines.append('')
                elif how == 'cut':
                    first, last = rest.split(' .. ')
                    a = next(i for i, l in enumerate(lines) if re.search(first, l))
                    b = next(i for i in range(a, len(lines)) if re.search(last, lines[i]))
                    lines = lines[:a] + lines[b:]
                else:
                    sys.exit('series/plan: stage %s: without, until or cut' % src)
                staged[src] = lines
            full = os.path.join(work, dst)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, 'w') as f:
                f.write('\n'.join(lines))
            os.chmod(full, os.stat(os.path.join(overlay, dst)).st_mode & 0o777)
            git(work, 'add', '-f', dst)
            if not maint.covers(dst):
                sys.exit('series: %s is not named by the MAINTAINERS entry' % dst)
            if maint.add(dst):
                maint.write(work)
                git(work, 'add', 'MAINTAINERS')
        if block['msg']:
            with open(os.path.join(REPO, block['msg'])) as f:
                subject, _, body = f.read().partition('\n')
            body = body.strip('\n')
        if subject is None:
            sys.exit('series/plan: block %d has no message' % n)
        for k, (files, note) in enumerate(notes):
            if not files & added:
                continue
            # In full in the first commit it concerns, named in the others
            if k in noted:
                note = textwrap.fill('[ %s: the files this commit adds take the forms %s has '
                                     'of interfaces mainline changed, as listed in "%s". ]'
                                     % (TREE, TREE, noted[k]), width=72)
            else:
                noted[k] = subject
            body = body.split('\nSigned-off-by:')[0].rstrip('\n') + '\n\n' + note
        message = subject + '\n\n' + body + '\n\nSigned-off-by: %s <%s>\n' % IDENT
        if 'Signed-off-by:' in body:
            message = subject + '\n\n' + body + '\n'
        git(work, 'commit', '-q', '-F', '-', stdin=message)
        if block['tail'] and tail_from is None:
            tail_from = n
    missing = [f for f in maint.files if f not in maint.named]
    if missing:
        sys.exit('series: MAINTAINERS lines no block adds a file for: %s' % ', '.join(missing))
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        if old.endswith('.patch'):
            os.unlink(os.path.join(out, old))
    # -C: a file a commit copies and keeps (the 6.12 backport's forwarding
    # header) is shown as the copy it is
    git(work, 'format-patch', '-q', '-C', '--cover-letter', '--no-signature',
        '--thread=shallow', '--zero-commit', '-o', out, base + '..HEAD')
    cover(work, out, base, len(blocks), tail_from)
    return 0


def cover(work, out, base, count, tail_from):
    path = [os.path.join(out, f) for f in sorted(os.listdir(out)) if f.startswith('0000-')][0]
    with open(path) as f:
        text = f.read()
    name = 'cover.txt' if TREE == '7.3' else 'cover-%s.txt' % TREE
    with open(os.path.join(REPO, 'series', name)) as f:
        subject, _, blurb = f.read().partition('\n')
    blurb = blurb.strip('\n')
    if tail_from:
        blurb += ('\n\nPatches %d-%d are test-only: they are not meant for merging '
                  'with the rest.' % (tail_from, count))
    text = text.replace('*** SUBJECT HERE ***', subject.strip())
    text = text.replace('*** BLURB HERE ***', blurb)
    with open(path, 'w') as f:
        f.write(text)


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
