#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Generate an IMS descriptor (C) and a DT example node from a description.

usage: gen_ims_chip.py [-c FILE.c] [-d FILE.dtsi] DESCRIPTION.yaml
       gen_ims_chip.py --shipped FILE.c DESCRIPTION.yaml...

--shipped writes the list of descriptors the KUnit suites walk
(drivers/irqchip/ims/tests/ims_test_descs.c).

The description is YAML because the device tree properties it mirrors
(Documentation/devicetree/bindings/interrupt-controller/
interrupt-message-store.yaml) are YAML: every key below but "name",
"description" and "sleeps" is a property name without its "ims-" prefix, so
a driver author and an SoC vendor use one vocabulary.  Errors name the file, line and key; nothing
is written unless the whole description is valid.

Keys (integers may be written in hex, 0x40):

  name             C identifier of the device style; the descriptor is
                   ims_desc_<name> (required)
  description      text for the header comment of the C file (required)
  storage          array | table | queue (required)
  slots            number of slots: fixed, or the cap with dynamic-slots;
                   a table's length is implied by slot-offsets
  dynamic-slots    true: the instance gives its number of slots
  stride           array: bytes from one slot to the next
  slot-offsets     table: byte offset of each slot's entry, in source
                   order (slot N is source N); entries must not overlap
  queue-offset     queue: byte offset of the entry in queue memory
  entry-size       bytes one entry occupies (required)
  address          [lo, hi] offsets of the 32-bit address words, or
                   one offset with address-64
  address-64       true: one 64-bit address field at address
  address-write64  true: the device needs the 64-bit field written with
                   one 64-bit access
  address-32       true: the storage holds address bits 0..31 only, at
                   address (one offset)
  address-hi-width address bits above bit 31 that the storage holds
                   (default 32)
  data             offset of the data word (required)
  data-width       data bits held by the data word, from bit 0 (default 32);
                   the data word may be the control word when it leaves room
  upper-reserved   true: the bits of the data word above data-width, and of
                   the high address word above address-hi-width, are
                   reserved and keep their value (read before each write);
                   otherwise they are written 0
  constant         [offset, value] of a word written with a constant when
                   the slot is programmed
  parent-mask      true: no mask bit in the storage, the MSI parent masks;
                   then there is no control word
  control          offset of the control word (required without
                   parent-mask); may be the high address word when
                   address-hi-width leaves room
  mask-bit         bit of the control word that masks the slot (required
                   without parent-mask)
  control-shared   true: the control word's other bits are the driver's;
                   the chip changes only its own bits
  mask-enables     true: the mask bit is an enable bit (set = enabled)
  posted-writes    true: writes to register storage are posted; the
                   control word is read back after writing it
  big-endian       true: storage words are big endian
  non-atomic-update  true: the device may read an entry while it is
                   rewritten; the slot is masked while its message changes
  cookie           [shift, width] of the instance cookie field (PASID)
                   in the control word
  cookie-enable-bit  bit that enables the cookie field
  sleeps           true: updates may sleep (committed under the bus lock);
                   IMS_DESC_SLEEPS, no DT property: the DT node derives it
                   from command, and storage that sleeps without command
                   has no property description (its device's compatible
                   implies the layout), so its DT output is a comment
  doorbell         true: commit written entries through a doorbell
  command          true: queue storage that sleeps; commit written entries
                   through the queue's commit operation (a command)

The DT output is a node of the test device binding
(interrupt-controller/test,ims-device.yaml): a device binding gives these
properties only when its compatible does not imply the layout.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import yaml

# How the generated files name this script (its path in the tree)
GENERATOR = os.path.join('scripts', os.path.basename(__file__))

MAX_SLOTS = 65536

KEYS = {
    'name': str, 'description': str, 'storage': str, 'slots': int,
    'dynamic-slots': bool, 'stride': int, 'slot-offsets': list,
    'queue-offset': int, 'entry-size': int, 'address': (list, int),
    'address-64': bool, 'address-hi-width': int, 'data': int,
    'control': int, 'mask-bit': int, 'mask-enables': bool, 'posted-writes': bool,
    'address-write64': bool, 'address-32': bool, 'constant': list,
    'parent-mask': bool, 'data-width': int, 'control-shared': bool, 'command': bool,
    'upper-reserved': bool,
    'big-endian': bool, 'non-atomic-update': bool, 'cookie': list,
    'cookie-enable-bit': int, 'sleeps': bool, 'doorbell': bool,
}
REQUIRED = ('name', 'description', 'storage', 'entry-size', 'address',
            'data')
KINDS = {'array': 'IMS_STORAGE_ARRAY', 'table': 'IMS_STORAGE_TABLE',
         'queue': 'IMS_STORAGE_QUEUE'}


class DescError(Exception):
    """A description error: file, line, key and what is wrong."""

    def __init__(self, path, line, key, msg):
        super().__init__('%s:%d: %s: %s' % (path, line, key, msg))


class Description:
    """A parsed description: values plus the line of each key."""

    def __init__(self, path):
        self.path = path
        self.values = {}
        self.lines = {}

    def fail(self, key, msg):
        raise DescError(self.path, self.lines.get(key, 1), key, msg)

    def get(self, key, default=None):
        return self.values.get(key, default)


def _scalar(loader, node):
    return loader.construct_object(node, deep=True)


def load(path):
    """Read a description, checking keys and value types."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    desc = Description(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        line = e.problem_mark.line + 1 if getattr(e, 'problem_mark', None) else 1
        raise DescError(path, line, '(yaml)', str(getattr(e, 'problem', e)))
    if not isinstance(root, yaml.MappingNode):
        raise DescError(path, 1, '(top level)', 'a mapping of keys is required')

    loader = yaml.SafeLoader('')
    for knode, vnode in root.value:
        key = knode.value
        line = knode.start_mark.line + 1
        if key in desc.values:
            raise DescError(path, line, key, 'given twice')
        if key not in KEYS:
            raise DescError(path, line, key, 'unknown key')
        value = _scalar(loader, vnode)
        want = KEYS[key]
        types = want if isinstance(want, tuple) else (want,)
        ok = any(isinstance(value, t) and not (t is int and isinstance(value, bool))
                 for t in types)
        if not ok:
            names = ' or '.join({int: 'an integer', bool: 'true or false',
                                 str: 'a string', list: 'a list'}[t] for t in types)
            raise DescError(path, line, key, 'must be %s' % names)
        if isinstance(value, list) and not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise DescError(path, line, key, 'list elements must be integers')
        desc.values[key] = value
        desc.lines[key] = line

    for key in REQUIRED:
        if key not in desc.values:
            raise DescError(path, root.start_mark.line + 1, key, 'missing')
    if not desc.values.get('parent-mask', False):
        for key in ('control', 'mask-bit'):
            if key not in desc.values:
                raise DescError(path, root.start_mark.line + 1, key,
                                'missing (required without parent-mask)')
    return desc


# The kernel's validator, built from drivers/irqchip/ims/ims-desc-validate.c
# as a host program: the generator applies the kernel's rules, not a copy.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST_DIR = os.path.join(ROOT, 'scripts', 'ims-desc-host')
HOST_SOURCES = (os.path.join(HOST_DIR, 'ims_desc_check.c'),
                os.path.join(ROOT, 'drivers', 'irqchip', 'ims', 'ims-desc-validate.c'),
                os.path.join(ROOT, 'drivers', 'irqchip', 'ims', 'ims-desc-internal.h'),
                os.path.join(ROOT, 'include', 'linux', 'ims_desc.h'))

# The key of the description that sets each field and flag of struct ims_desc
FIELD_KEYS = {
    'name': 'name', 'kind': 'storage', 'nr_slots': 'slots', 'stride': 'stride',
    'slot_offsets': 'slot-offsets', 'queue_offset': 'queue-offset',
    'entry_size': 'entry-size', 'addr_lo': 'address', 'addr_hi': 'address',
    'addr_hi_width': 'address-hi-width', 'data': 'data', 'data_width': 'data-width',
    'ctrl': 'control',
    'mask_bit': 'mask-bit', 'cookie_shift': 'cookie', 'cookie_width': 'cookie',
    'cookie_enable_bit': 'cookie-enable-bit', 'const_off': 'constant',
    'const_val': 'constant',
}
FLAG_KEYS = {
    'IMS_DESC_FLUSH': 'posted-writes', 'IMS_DESC_BIG_ENDIAN': 'big-endian',
    'IMS_DESC_ADDR64': 'address-64', 'IMS_DESC_MASK_ENABLES': 'mask-enables',
    'IMS_DESC_MASK_ON_UPDATE': 'non-atomic-update', 'IMS_DESC_COOKIE': 'cookie',
    'IMS_DESC_COOKIE_ENABLE': 'cookie-enable-bit', 'IMS_DESC_SLEEPS': 'sleeps',
    'IMS_DESC_DOORBELL': 'doorbell', 'IMS_DESC_DYNAMIC_SLOTS': 'dynamic-slots',
    'IMS_DESC_PARENT_MASK': 'parent-mask', 'IMS_DESC_WRITE64': 'address-write64',
    'IMS_DESC_ADDR32': 'address-32', 'IMS_DESC_CONST': 'constant',
    'IMS_DESC_CTRL_SHARED': 'control-shared', 'IMS_DESC_COMMAND': 'command',
    'IMS_DESC_UPPER_RESERVED': 'upper-reserved',
}
# C type limits of the fields, so nothing is truncated on the way
FIELD_MAX = {'addr_lo': 0xffff, 'addr_hi': 0xffff, 'data': 0xffff, 'ctrl': 0xffff,
             'const_off': 0xffff, 'addr_hi_width': 0xff, 'data_width': 0xff,
             'mask_bit': 0xff,
             'cookie_shift': 0xff, 'cookie_width': 0xff, 'cookie_enable_bit': 0xff}


def host_validator():
    """Path of the host build of the kernel's validator, built when stale."""
    out_dir = os.environ.get('IMS_BUILD', os.path.join(ROOT, 'build'))
    exe = os.path.join(out_dir, 'host', 'ims_desc_check')
    if os.path.exists(exe) and all(os.path.getmtime(exe) >= os.path.getmtime(f)
                                   for f in HOST_SOURCES):
        return exe
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    cmd = [os.environ.get('HOSTCC', 'cc'), '-O2', '-Wall', '-Werror',
           '-DEXPORT_SYMBOL_GPL(sym)=', '-D__noreturn=__attribute__((__noreturn__))',
           '-Draw_spinlock_t=struct ims_host_lock',
           '-I', os.path.join(HOST_DIR, 'include'), '-I', os.path.join(ROOT, 'include'),
           '-I', os.path.join(ROOT, 'drivers', 'irqchip', 'ims'),
           '-o', exe + '.tmp', HOST_SOURCES[0], HOST_SOURCES[1]]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode:
        raise OSError('cannot build the host validator: %s' % res.stderr.strip())
    os.replace(exe + '.tmp', exe)
    return exe


def kernel_check(d, fields, flags):
    """Run the kernel's ims_desc_check() on the fields; fail like the kernel."""
    lines = ['flags %s' % ' '.join(flags)] if flags else []
    for key, val in fields.items():
        if isinstance(val, list):
            lines.append('%s %s' % (key, ' '.join(str(v) for v in val)))
        else:
            lines.append('%s %s' % (key, val))
    res = subprocess.run([host_validator()], input='\n'.join(lines) + '\n',
                         capture_output=True, text=True, check=False)
    if res.returncode == 0:
        return
    if res.returncode != 1:
        raise OSError('host validator: %s' % res.stderr.strip())
    field, index, flag, reason = res.stdout.rstrip('\n').split('\t', 3)
    key = FLAG_KEYS.get(flag) if field == 'flags' else FIELD_KEYS.get(field)
    if not key or key not in d.values:
        key = next((k for k in (FIELD_KEYS.get(field), FLAG_KEYS.get(flag))
                    if k and k in d.values), 'storage')
    if int(index) >= 0:
        reason = 'element %s: %s' % (index, reason)
    d.fail(key, reason)


def check(d):
    """Map a description onto struct ims_desc and apply the kernel's rules.

    What is checked here is only what the mapping needs (the shape of the
    values, a C identifier for the name); every rule on the layout is the
    kernel's own ims_desc_check(), run as a host program.
    """
    v = d.get
    name = v('name')
    if not re.fullmatch(r'[a-z][a-z0-9_]*', name):
        d.fail('name', 'must be a lower-case C identifier')
    kind = v('storage')
    if kind not in KINDS:
        d.fail('storage', 'must be array, table or queue')

    fields = {'name': name, 'kind': list(KINDS).index(kind), 'entry_size': v('entry-size')}
    for key, field in (('slots', 'nr_slots'), ('stride', 'stride'),
                       ('queue-offset', 'queue_offset'), ('data', 'data'),
                       ('address-hi-width', 'addr_hi_width'), ('control', 'ctrl'),
                       ('data-width', 'data_width'),
                       ('mask-bit', 'mask_bit'), ('cookie-enable-bit', 'cookie_enable_bit')):
        if key in d.values:
            fields[field] = v(key)
    offsets = []
    if 'slot-offsets' in d.values:
        offsets = v('slot-offsets')
        if not offsets or len(offsets) > MAX_SLOTS:
            d.fail('slot-offsets', 'must have 1 to %d elements' % MAX_SLOTS)
        if 'slots' in d.values and v('slots') != len(offsets):
            d.fail('slots', 'differs from the %d slot-offsets' % len(offsets))
        fields['slot_offsets'] = offsets
        fields['nr_slots'] = len(offsets)
    one_word = v('address-64', False) or v('address-32', False)
    addr = v('address')
    if one_word:
        if not isinstance(addr, int):
            d.fail('address', 'one offset with %s'
                   % ('address-64' if v('address-64', False) else 'address-32'))
        fields['addr_lo'] = addr
    else:
        if not isinstance(addr, list) or len(addr) != 2:
            d.fail('address', '[lo, hi] offsets are required without address-64 or address-32')
        fields['addr_lo'], fields['addr_hi'] = addr
    for key, names in (('cookie', ('cookie_shift', 'cookie_width')),
                       ('constant', ('const_off', 'const_val'))):
        if key in d.values:
            pair = v(key)
            if len(pair) != 2:
                d.fail(key, '%s is required' % {'cookie': '[shift, width]',
                                                'constant': '[offset, value]'}[key])
            fields.update(zip(names, pair))

    for field, val in fields.items():
        vals = val if isinstance(val, list) else [val]
        top = FIELD_MAX.get(field, 0xffffffff)
        if field != 'name' and any(not 0 <= x <= top for x in vals):
            d.fail(FIELD_KEYS.get(field, 'storage'), 'out of range (0 to %#x)' % top)

    flags = []
    for key, flag in (('posted-writes', 'IMS_DESC_FLUSH'), ('big-endian', 'IMS_DESC_BIG_ENDIAN'),
                      ('address-64', 'IMS_DESC_ADDR64'),
                      ('address-write64', 'IMS_DESC_WRITE64'),
                      ('address-32', 'IMS_DESC_ADDR32'),
                      ('parent-mask', 'IMS_DESC_PARENT_MASK'),
                      ('mask-enables', 'IMS_DESC_MASK_ENABLES'),
                      ('non-atomic-update', 'IMS_DESC_MASK_ON_UPDATE'),
                      ('control-shared', 'IMS_DESC_CTRL_SHARED'),
                      ('upper-reserved', 'IMS_DESC_UPPER_RESERVED')):
        if v(key, False):
            flags.append(flag)
    if 'cookie' in d.values:
        flags.append('IMS_DESC_COOKIE')
    if 'cookie-enable-bit' in d.values:
        flags.append('IMS_DESC_COOKIE_ENABLE')
    for key, flag in (('sleeps', 'IMS_DESC_SLEEPS'), ('doorbell', 'IMS_DESC_DOORBELL'),
                      ('command', 'IMS_DESC_COMMAND'),
                      ('dynamic-slots', 'IMS_DESC_DYNAMIC_SLOTS')):
        if v(key, False):
            flags.append(flag)
    if 'constant' in d.values:
        flags.append('IMS_DESC_CONST')

    kernel_check(d, fields, flags)

    out = {'addr_hi_width': fields.get('addr_hi_width', 0), 'data': fields['data'],
           'data_width': fields.get('data_width', 0), 'addr_lo': fields['addr_lo']}
    for field in ('addr_hi', 'ctrl', 'mask_bit', 'cookie_shift', 'cookie_width',
                  'cookie_enable_bit', 'const_off', 'const_val', 'stride', 'queue_offset'):
        if field in fields:
            out[field] = fields[field]
    if kind == 'queue':
        out.setdefault('queue_offset', 0)
    out.update(name=name, kind=kind, flags=flags, slots=fields.get('nr_slots', 0),
               offsets=offsets, entry_size=fields['entry_size'],
               description=v('description').strip())
    return out


def _member(name, value):
    """One initialiser line, '=' aligned at column 32 as in the kernel."""
    col, tabs = 8 + 1 + len(name), 0
    while col < 32 or not tabs:
        col = (col // 8 + 1) * 8
        tabs += 1
    return '\t.%s%s= %s,\n' % (name, '\t' * tabs, value)


def _flags(flags):
    """Flags joined with |, wrapped at 80 columns under the first one."""
    if not flags:
        return '0'
    lines, cur = [], ''
    for f in flags:
        piece = cur + ' | ' + f if cur else f
        if cur and 34 + len(piece) + 2 > 80:
            lines.append(cur + ' |')
            cur = f
        else:
            cur = piece
    lines.append(cur)
    return '\n\t\t\t\t  '.join(lines)


def emit_c(lay, source):
    """The descriptor C file: data only."""
    name = lay['name']
    out = ['// SPDX-License-Identifier: GPL-2.0-only\n', '/*\n']
    for line in lay['description'].splitlines():
        out.append((' * ' + line).rstrip() + '\n')
    out.append(' *\n * Generated by %s from %s; do not edit.\n */\n'
               % (GENERATOR, source))
    out.append('#include <linux/export.h>\n#include <linux/ims_desc.h>\n')
    if lay['kind'] == 'table':
        out.append('#include <linux/kernel.h>\n')
    out.append('\n')
    if lay['kind'] == 'table':
        out.append('static const u32 ims_%s_slot_offsets[] = {\n' % name)
        offs = lay['offsets']
        for i in range(0, len(offs), 8):
            out.append('\t' + ' '.join('0x%04x,' % o for o in offs[i:i + 8]) + '\n')
        out.append('};\n\n')
    out.append('const struct ims_desc ims_desc_%s = {\n' % name)
    out.append(_member('name', '"%s"' % name))
    out.append(_member('kind', KINDS[lay['kind']]))
    out.append(_member('flags', _flags(lay['flags'])))
    if lay['kind'] == 'table':
        out.append(_member('nr_slots', 'ARRAY_SIZE(ims_%s_slot_offsets)' % name))
        out.append(_member('slot_offsets', 'ims_%s_slot_offsets' % name))
    elif lay['slots']:
        out.append(_member('nr_slots', str(lay['slots'])))
    if 'stride' in lay:
        out.append(_member('stride', str(lay['stride'])))
    if 'queue_offset' in lay:
        out.append(_member('queue_offset', '0x%x' % lay['queue_offset']))
    out.append(_member('entry_size', str(lay['entry_size'])))
    out.append(_member('addr_lo', str(lay['addr_lo'])))
    if 'addr_hi' in lay:
        out.append(_member('addr_hi', str(lay['addr_hi'])))
    if lay['addr_hi_width']:
        out.append(_member('addr_hi_width', str(lay['addr_hi_width'])))
    out.append(_member('data', str(lay['data'])))
    if lay['data_width']:
        out.append(_member('data_width', str(lay['data_width'])))
    for key in ('ctrl', 'mask_bit', 'cookie_shift', 'cookie_width', 'cookie_enable_bit'):
        if key in lay:
            out.append(_member(key, str(lay[key])))
    if 'const_off' in lay:
        out.append(_member('const_off', '0x%x' % lay['const_off']))
        out.append(_member('const_val', '0x%x' % lay['const_val']))
    out.append('};\nEXPORT_SYMBOL_GPL(ims_desc_%s);\n' % name)
    return ''.join(out)


def emit_dts(lay, source):
    """A DT node of a device with this storage, described by properties."""
    head = '/* Generated by %s from %s; do not edit. */\n' % (GENERATOR, source)
    if 'IMS_DESC_SLEEPS' in lay['flags'] and 'IMS_DESC_COMMAND' not in lay['flags']:
        # No hardware fact of the properties says that updates sleep
        return head + ('/*\n * ims_desc_%s: updates that sleep without a device command\n'
                       ' * have no property description; the binding of such a device\n'
                       ' * gives only its compatible, which implies the layout.\n */\n'
                       % lay['name'])
    p = []

    def prop(key, value=None):
        p.append('\tims-%s%s;\n' % (key, '' if value is None else ' = ' + value))

    regs = ['<0x0 0x10000000 0x0 0x10000>']
    names = ['"ims"'] if lay['kind'] != 'queue' else []
    if lay['kind'] == 'queue':
        regs = []
    if 'IMS_DESC_DOORBELL' in lay['flags']:
        regs.append('<0x0 0x10010000 0x0 0x4>')
        names.append('"ims-doorbell"')
    prop('storage', '"%s"' % lay['kind'])
    if lay['kind'] == 'table':
        prop('slot-offsets', '<' + ' '.join('0x%x' % o for o in lay['offsets']) + '>')
    elif lay['slots']:
        prop('slots', '<%d>' % lay['slots'])
    if 'IMS_DESC_DYNAMIC_SLOTS' in lay['flags']:
        prop('dynamic-slots')
    if 'stride' in lay:
        prop('stride', '<%d>' % lay['stride'])
    if 'queue_offset' in lay:
        prop('queue-offset', '<0x%x>' % lay['queue_offset'])
    prop('entry-size', '<%d>' % lay['entry_size'])
    if 'addr_hi' in lay:
        prop('address', '<%d %d>' % (lay['addr_lo'], lay['addr_hi']))
    else:
        prop('address', '<%d>' % lay['addr_lo'])
    for key, flag in (('address-64', 'IMS_DESC_ADDR64'), ('address-write64', 'IMS_DESC_WRITE64'),
                      ('address-32', 'IMS_DESC_ADDR32')):
        if flag in lay['flags']:
            prop(key)
    if lay['addr_hi_width']:
        prop('address-hi-width', '<%d>' % lay['addr_hi_width'])
    prop('data', '<%d>' % lay['data'])
    if lay['data_width']:
        prop('data-width', '<%d>' % lay['data_width'])
    if 'const_off' in lay:
        prop('constant', '<%d 0x%x>' % (lay['const_off'], lay['const_val']))
    if 'IMS_DESC_PARENT_MASK' in lay['flags']:
        prop('parent-mask')
    else:
        prop('control', '<%d>' % lay['ctrl'])
        prop('mask-bit', '<%d>' % lay['mask_bit'])
    # IMS_DESC_SLEEPS is not a property: ims-command implies it
    for key, flag in (('mask-enables', 'IMS_DESC_MASK_ENABLES'),
                      ('posted-writes', 'IMS_DESC_FLUSH'),
                      ('big-endian', 'IMS_DESC_BIG_ENDIAN'),
                      ('non-atomic-update', 'IMS_DESC_MASK_ON_UPDATE'),
                      ('control-shared', 'IMS_DESC_CTRL_SHARED'),
                      ('upper-reserved', 'IMS_DESC_UPPER_RESERVED'),
                      ('doorbell', 'IMS_DESC_DOORBELL'), ('command', 'IMS_DESC_COMMAND')):
        if flag in lay['flags']:
            prop(key)
    if 'cookie_shift' in lay:
        prop('cookie', '<%d %d>' % (lay['cookie_shift'], lay['cookie_width']))
    if 'cookie_enable_bit' in lay:
        prop('cookie-enable-bit', '<%d>' % lay['cookie_enable_bit'])

    body = ['device@10000000 {\n' if regs else 'device {\n',
            '\t/* %s storage */\n' % lay['name'],
            '\tcompatible = "test,ims-device";\n']
    if regs:
        body.append('\treg = %s;\n' % ', '.join(regs))
        body.append('\treg-names = %s;\n' % ', '.join(names))
    body.append('\tmsi-parent = <&msi 0x0>;\n')
    return ''.join([head] + body + p + ['};\n'])


def emit_shipped(names):
    """The list of descriptors the KUnit suites walk (test code only)."""
    out = ['// SPDX-License-Identifier: GPL-2.0-only\n', '/*\n',
           ' * The descriptors the KUnit suites walk: the conformance, end-to-end,\n',
           ' * stress and demo suites run their cases over every entry.  Test code\n',
           ' * only; a driver gives its own descriptor the conformance suite with\n',
           ' * IMS_DESC_KUNIT_SUITE() instead.\n',
           ' *\n',
           ' * Generated by %s from the descriptions in\n' % GENERATOR,
           ' * drivers/irqchip/ims/descriptors/; do not edit.\n',
           ' */\n',
           '#include <linux/export.h>\n#include <linux/ims_desc.h>\n#include <linux/kernel.h>\n\n',
           '#include "ims_test.h"\n\n',
           'const struct ims_desc *const ims_test_descs[] = {\n']
    out += ['\t&ims_desc_%s,\n' % n for n in names]
    out += ['};\nEXPORT_SYMBOL_GPL(ims_test_descs);\n\n',
            'const unsigned int ims_test_nr_descs = ARRAY_SIZE(ims_test_descs);\n',
            'EXPORT_SYMBOL_GPL(ims_test_nr_descs);\n']
    return ''.join(out)


def write_all(outputs):
    """Write every (path, text) or none: temporary files renamed at the end."""
    tmps = []
    try:
        for path, text in outputs:
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)),
                                       prefix='.gen_ims_chip.')
            tmps.append(tmp)
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                f.write(text)
        for (path, _), tmp in zip(outputs, tmps):
            os.replace(tmp, path)
    finally:
        for tmp in tmps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def main(argv):
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog=__doc__.split('\n\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('descriptions', nargs='+', metavar='DESCRIPTION.yaml')
    ap.add_argument('-c', '--c-out', metavar='FILE.c',
                    help='write the descriptor C file here (default: stdout)')
    ap.add_argument('-d', '--dts-out', metavar='FILE.dtsi',
                    help='write the DT example node here')
    ap.add_argument('--shipped', metavar='FILE.c',
                    help='write the list the KUnit suites walk, of all DESCRIPTIONs')
    args = ap.parse_args(argv)

    try:
        lays = [(p, check(load(p))) for p in args.descriptions]
    except DescError as e:
        print('gen_ims_chip: %s' % e, file=sys.stderr)
        return 1
    except OSError as e:
        print('gen_ims_chip: %s' % e, file=sys.stderr)
        return 1

    if args.shipped:
        names = [lay['name'] for _, lay in lays]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            print('gen_ims_chip: name: %s given by more than one description'
                  % ', '.join(sorted(dup)), file=sys.stderr)
            return 1
        write_all([(args.shipped, emit_shipped(names))])
        return 0

    if len(lays) != 1:
        print('gen_ims_chip: one DESCRIPTION at a time without --shipped', file=sys.stderr)
        return 2
    path, lay = lays[0]
    source = os.path.basename(path)
    c_text = emit_c(lay, source)
    dts_text = emit_dts(lay, source)
    if not args.c_out:
        sys.stdout.write(c_text)
    outputs = [(f, t) for f, t in ((args.c_out, c_text), (args.dts_out, dts_text)) if f]
    write_all(outputs)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
