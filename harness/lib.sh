# SPDX-License-Identifier: GPL-2.0
# Shared settings for the ims-desc harness scripts (sourced, not run).

set -eu

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${IMS_BUILD:-$REPO/build}
TARBALL=/usr/src/linux-source-6.12.tar.xz
SRC=$BUILD/src/linux-source-6.12
KUNIT_UML=$BUILD/kunit-uml
LOGS=$BUILD/logs
JOBS=${JOBS:-$(nproc)}

mkdir -p "$LOGS"

say()
{
	printf '%s\n' "ims: $*" >&2
}

die()
{
	printf '%s\n' "ims: error: $*" >&2
	exit 1
}

# Our files that the static gates (checkpatch, sparse, W=1, kernel-doc) cover.
our_c_files()
{
	(cd "$REPO" && git ls-files -co --exclude-standard -- \
		'drivers/irqchip/ims/*.c' 'drivers/irqchip/ims/*.h' \
		'include/linux/ims_desc.h' 'tests/kunit/*.c' 'tests/kunit/*.h' \
		'samples/ims/*.c' 'samples/ims/*.h')
}
