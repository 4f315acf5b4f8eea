# SPDX-License-Identifier: GPL-2.0
#
# ims-desc: descriptor-driven Interrupt Message Store support for Linux
# 7.3 (mainline), with a backport to the 6.12 LTS.
#
#   make demo   boot the 7.3 kernel in QEMU x86_64 with interrupt remapping
#               and show IMS end to end on QEMU's edu device, per
#               descriptor (and on arm64 through the GICv3 ITS)
#   make check  every test suite and static gate on both trees; ends
#               "N passed, N failed"; make check TREE=7.3 (or TREE=6.12)
#               runs one tree
#
# Also: make conformance DESC=path/to/description.yaml (or .c) runs the
# conformance suites for one descriptor and prints a table of its cases;
# make cocci-tree [DIR=...] runs the Coccinelle rules over a kernel tree
# (default: Debian's 6.12 as shipped, measured against the list of
# layering breaks read from it); make patches writes the mainline series
# against Debian's 7.3 into build/7.3/patches/ and the 6.12 backport
# series into build/6.12/patches/ and checks both, each built patch by
# patch (TREE= for one); make
# htmldocs builds the driver API book (make htmldocs SPHINXDIRS=driver-api)
# on the tree the mainline series ends with.
#
# Both install what they need (apt-get, as root) and build under build/.
# TREE (7.3 or 6.12) selects the tree of the other targets; 7.3 if unset.

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
	@TREE=$(or $(TREE),6.12) bash harness/cocci-tree.sh $(DIR)

# make patches: the mainline series against Debian's 7.3, and the 6.12
# backport series, each applied and built patch by patch (TREE=7.3 or
# TREE=6.12 for one)
patches:
	@set -e; for t in $(or $(TREE),7.3 6.12); do TREE=$$t bash harness/patches.sh --build; done

# make htmldocs: make htmldocs SPHINXDIRS=driver-api on the series' tree
htmldocs:
	@TREE=7.3 bash harness/patches.sh
	@TREE=7.3 bash harness/docs.sh --full

tree: deps
	@bash harness/tree.sh

deps:
	@bash harness/deps.sh

clean:
	rm -rf build
