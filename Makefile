# SPDX-License-Identifier: GPL-2.0
#
# ims-desc: descriptor-driven Interrupt Message Store support for Linux 6.12.
#
#   make demo   boot the kernel in QEMU x86_64 with interrupt remapping and
#               show IMS end to end on QEMU's edu device, per descriptor
#   make check  every test suite and static gate; ends "N passed, N failed"
#
# Also: make conformance DESC=path/to/description.yaml (or .c) runs the
# conformance suites for one descriptor and prints a table of its cases;
# make cocci-tree [DIR=...] runs the Coccinelle rules over a kernel tree
# (default: Debian's 6.12 as shipped, measured against the list of
# layering breaks read from it); make patches writes the series against
# Debian's 6.12 into build/patches/ and checks it; make htmldocs builds
# the driver API book (make htmldocs SPHINXDIRS=driver-api) on the tree
# the series ends with.
#
# Both install what they need (apt-get, as root) and build under build/.

.PHONY: all demo demo-model bench check conformance kunit static cocci cocci-tree patches htmldocs tree deps clean

all: check

demo:
	@bash harness/demo.sh

demo-model:
	@bash harness/demo-model.sh

bench:
	@bash harness/bench.sh

check:
	@bash harness/check.sh

# make conformance DESC=path/to/description.yaml|descriptor.c
conformance:
	@bash harness/conformance.sh $(DESC)

kunit: tree
	@bash harness/kunit.sh

static:
	@bash harness/static.sh

cocci: deps
	@bash harness/cocci.sh

# make cocci-tree [DIR=path/to/kernel/tree]
cocci-tree:
	@bash harness/cocci-tree.sh $(DIR)

# make patches: the whole project as one series against Debian's 6.12
patches:
	@bash harness/patches.sh

# make htmldocs: make htmldocs SPHINXDIRS=driver-api on the series' tree
htmldocs: patches
	@bash harness/docs.sh --full

tree: deps
	@bash harness/tree.sh

deps:
	@bash harness/deps.sh

clean:
	rm -rf build
