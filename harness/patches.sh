#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make patches: write the project as one series against Debian's 7.3
# (series/plan, harness/series.py) into build/7.3/patches/, and with
# TREE=6.12 the 6.12 LTS backport series (series/plan-6.12) into
# build/6.12/patches/, then check it the
# way a reviewer takes it: git am onto the unpatched tree one patch at a
# time, checkpatch --strict on every patch, and the tree the series ends
# with must be the overlay tree harness/tree.sh builds (patches/ applied,
# our files at their kernel paths).
#
# With --build (make patches, and make check for the mainline series),
# every patch is also built before the next
# is applied, in allnoconfig builds plus tests/series/ARCH.config (under
# build/TREE/series/ARCH, W=1, through ccache in build/ccache, so that a rerun
# on the same series compiles nothing again):
#  - x86_64: the objects of the directories the patch touches (of a file
#    under kernel/ or mm/, its object), and for a change to an MSI or irq
#    header, the MSI core directories that use it;
#  - arm64: the same for what x86_64 cannot build (drivers/irqchip/ with
#    the GICv3 ITS, the SMMUv3, the other converted drivers, arch/arm64/);
#  - UML: the framework's directory, where the suites that only UML
#    builds live, and objects under kernel/;
#  - arm64 without PCI, and x86_64 with PCI but without PCI/MSI: what
#    arm64 and x86_64 build of the arch code, the irqchip drivers and the
#    drivers the series converts, and with them drivers/irqchip/ims/, so
#    that the framework and the drivers that select it build on SoCs
#    without PCI and the PCI/IMS side without PCI/MSI (a header change
#    rebuilds the MSI core only in the full configurations).
# (Three full per-patch builds do not fit the cold budget of make check;
# the KUnit runs build the whole tree the series ends with.)
# A patch that changes a Kconfig file reconfigures and also builds the
# directories of the C files no configuration could enable before.  Every
# C file the series changes must be compiled at its patch or, if nothing
# can enable it yet, at the first patch that can.  The per-patch results
# go to build/TREE/logs/series.txt.
#
# A patch whose builds all passed is recorded in build/TREE/series/done/
# under a key of everything its builds depended on: the tree it gives
# (git's tree id), the files still waiting for a configuration, the
# configurations to redo, the fragments, this script and the make
# command of lib.sh, and the compilers.  A later run that reaches the
# same key takes the recorded result instead of building again (marked
# "=" in series.txt), as make does for an unchanged object; any
# difference in those inputs builds.
# git am and checkpatch run on every patch every time.
#
# With --build-end (make check for the 6.12 backport series), the same
# configurations build the tree the series ends with, once, in every
# directory any patch touches, and every C file of the series must have
# been compiled there: the backport shown to apply and build, within the
# cold budget of make check, which a second per-patch gate does not fit
# (it cost 640 CPU-seconds cold, an eighth of the whole run).  make
# patches builds both series patch by patch.
. "$(dirname "$0")/lib.sh"

build=0
case ${1:-} in
--build) build=1 ;;
--build-end) build=2 ;;
esac

"$REPO/harness/deps.sh"
"$REPO/harness/pristine.sh"
"$REPO/harness/tree.sh" >/dev/null

out=$BUILD/patches
work=$SERIES
table=$LOGS/series.txt
python3 "$REPO/harness/series.py" "$PRISTINE" "$work" "$out" "$BUILD/overlay" ||
	die "series/plan could not be turned into a series"
mapfile -t series < <(ls "$out"/*.patch | grep -v '/0000-cover-letter.patch$')

wgit()
{
	GIT_CEILING_DIRECTORIES=$BUILD/series git -C "$work" \
		-c user.name='ims-desc developers' -c user.email=ims-desc@lists.example.org "$@"
}

# The gate's configurations: tests/series/CONFIG.config, for the
# architecture its name begins with
arches=(x86_64 arm64 um arm64-nopci x86_64-nomsi)

# allnoconfig plus the fragment; succeeds if the .config changed
configure()
{
	local arch=$1 cfg=$BUILD/series/$1/.config

	mkdir -p "$BUILD/series/$arch"
	cp "$cfg" "$cfg.gate" 2>/dev/null || : >"$cfg.gate"
	KCONFIG_ALLCONFIG="$REPO/tests/series/$arch.config" \
		series_make "$arch" allnoconfig >>"$BUILD/series/$arch.log" 2>&1 ||
		die "$arch: allnoconfig with tests/series/$arch.config failed"
	! cmp -s "$cfg" "$cfg.gate"
}

# What a change of FILE asks to build on ARCH: directories, or objects
targets()
{
	local cfg=$1 arch=${1%%-*} f
	shift
	for f in "$@"; do
		# The variants build the framework, the drivers that select it
		# and the arch and irqchip code beside PCI/IMS; the core code of
		# a header change is the full configurations' (an object named
		# explicitly is built whatever the .config says)
		if [ "$cfg" != "$arch" ]; then
			case $f in
			include/* | kernel/* | mm/* | drivers/pci/* | drivers/iommu/intel/* | \
			drivers/iommu/amd/*) continue ;;
			esac
		fi
		case $arch:$f in
		*:Documentation/* | *:scripts/* | *:MAINTAINERS | *.yaml | *.rst) ;;
		x86_64:include/linux/msi*.h | x86_64:include/linux/irq*.h | x86_64:include/linux/ims_desc.h)
			printf '%s\n' kernel/irq/ drivers/pci/msi/ drivers/irqchip/ arch/x86/kernel/apic/ ;;
		arm64:include/linux/msi*.h | arm64:include/linux/irq*.h | arm64:include/linux/ims_desc.h)
			echo drivers/irqchip/ ;;
		um:include/linux/msi*.h | um:include/linux/irq*.h | um:include/linux/ims_desc.h)
			[ -d "$SERIES/drivers/irqchip/ims" ] && echo drivers/irqchip/ims/ ;;
		*:include/*) ;;
		x86_64:arch/x86/* | arm64:arch/arm64/*) echo "$(dirname "$f")/" ;;
		*:arch/*) ;;
		x86_64:kernel/*.c | x86_64:mm/*.c | um:kernel/*.c) echo "${f%.c}.o" ;;
		um:drivers/irqchip/ims/*) echo "$(dirname "$f")/" ;;
		um:*) ;;
		x86_64:drivers/dma/* | x86_64:drivers/mailbox/* | x86_64:drivers/iommu/arm/* | \
		x86_64:drivers/irqchip/irq-gic*) ;;
		x86_64:*) echo "$(dirname "$f")/" ;;
		arm64:drivers/irqchip/* | arm64:drivers/iommu/arm/* | arm64:drivers/perf/* | \
		arm64:drivers/dma/* | arm64:drivers/mailbox/*)
			echo "$(dirname "$f")/" ;;
		esac
	done | {
		mapfile -t d
		[ "${#d[@]}" -gt 0 ] || exit 0
		printf '%s\n' "${d[@]}"
		# The variants exist to build the framework without PCI or
		# PCI/MSI: with whatever else they build, once it is there
		if [ "$cfg" != "$arch" ] && [ -d "$SERIES/drivers/irqchip/ims" ]; then
			echo drivers/irqchip/ims/
		fi
	} | sort -u |
		# a directory's build covers its subdirectories: building
		# both at once races on the parent's modules.order
		awk '{ for (i = 0; i < n; i++) if (index($0, k[i]) == 1) next; k[n++] = $0; print }'
}

base=$(git -C "$PRISTINE" rev-parse HEAD)
wgit reset -q --hard "$base"
if [ "$build" -ge 1 ]; then
	for arch in "${arches[@]}"; do
		: >"$BUILD/series/$arch.log"
		configure "$arch" || true
	done
	printf '%-4s %-60s %7s %7s %7s %7s %7s %10s %5s\n' patch subject x86_64 arm64 um \
		arm64-n x86-n checkpatch secs >"$table"
fi

# The backport's first patches are parts of mainline commits: their ids
# are not in the tree's history, and the header they move is not named in
# MAINTAINERS (mainline does not name it either)
cp_ignore=()
[ "$TREE" = 7.3 ] || cp_ignore=(--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES)

declare -A pending=() stale=()
# The result cache: what every key of a patch shares
done_dir=$BUILD/series/done
mkdir -p "$done_dir"
gate_inputs=$({
	cat "$REPO/harness/patches.sh"
	declare -f series_make
	for arch in "${arches[@]}"; do cat "$REPO/tests/series/$arch.config"; done
	gcc --version
	aarch64-linux-gnu-gcc --version
} | sha256sum)
# Set after a patch taken from the cache: the .config files are then the
# last build's, so the next patch built reconfigures first
from_cache=0

# The key of the patch at HEAD, given the state it starts from
done_key()
{
	{
		echo "$gate_inputs"
		wgit rev-parse 'HEAD^{tree}'
		for f in "${!pending[@]}"; do echo "pending $f"; done | sort
		for a in "${!stale[@]}"; do echo "stale $a"; done | sort
	} | sha256sum | cut -d' ' -f1
}

# Record what the patch at HEAD left: its columns, checks passed and the
# state the next patch starts from
done_save()
{
	local f a

	{
		echo "cols ${cols[*]}"
		echo "passed $1"
		for f in "${!pending[@]}"; do echo "pending ${pending[$f]} $f"; done
		for a in "${!stale[@]}"; do echo "stale $a"; done
	} >"$done_dir/$key.tmp" && mv "$done_dir/$key.tmp" "$done_dir/$key"
}

# Take the record of KEY: sets cols, counts its checks, restores the state
done_load()
{
	local what a b i

	pending=()
	stale=()
	while read -r what a b; do
		case $what in
		cols) read -r -a cols <<<"$a${b:+ $b}" ;;
		passed) for ((i = 0; i < a; i++)); do ok; done ;;
		pending) pending[$b]=$a ;;
		stale) stale[$a]=1 ;;
		esac
	done <"$done_dir/$1"
}

# The patch's line of series.txt
row()
{
	printf '%04d %-60.60s %7s %7s %7s %7s %7s %10s %5s\n' "$n" \
		"$(sed -nE 's/^Subject: \[PATCH[^]]*\] //p' "$p" | head -n 1)" \
		"${cols[@]}" "$cp_result" $((SECONDS - start)) >>"$table"
}

n=0
for p in "${series[@]}"; do
	n=$((n + 1))
	start=$SECONDS
	name=$(basename "$p")
	if ! wgit am -q --whitespace=error-all "$p" >"$BUILD/series/am.log" 2>&1; then
		cat "$BUILD/series/am.log" >&2
		wgit am --abort >/dev/null 2>&1 || true
		bad "$name does not git am onto the series before it"
		break
	fi
	ok

	cp_result=clean
	if ! r=$("$work/scripts/checkpatch.pl" --strict --no-tree -q "${cp_ignore[@]}" "$p" 2>&1) ||
	   [ -n "$r" ]; then
		echo "$r" >&2
		bad "checkpatch --strict: $name"
		cp_result=FAIL
	else
		ok
	fi

	if [ "$build" -eq 2 ]; then
		cols=(- - - - -)
		row
	fi
	[ "$build" -eq 1 ] || continue
	key=$(done_key)
	if [ -f "$done_dir/$key" ]; then
		done_load "$key"
		cols=("${cols[@]/%/=}")
		cols=("${cols[@]/#-=/-}")
		from_cache=1
		row
		continue
	fi
	if [ "$from_cache" -eq 1 ]; then
		for arch in "${arches[@]}"; do stale[$arch]=1; done
		from_cache=0
	fi
	passed_before=$pass fail_before=$fail
	mapfile -t files < <(wgit diff-tree --no-commit-id --name-only -r HEAD)
	kconfig=0
	printf '%s\n' "${files[@]}" | grep -qE '(^|/)Kconfig[^/]*$' && kconfig=1
	for f in "${files[@]}"; do
		[[ $f == *.c ]] && [ -f "$work/$f" ] && pending[$f]=$n
	done
	cols=()
	# The files no configuration could enable before this patch
	waiting=("${!pending[@]}")
	for arch in "${arches[@]}"; do
		# Nothing for this architecture: no reconfiguration either
		mapfile -t dirs < <(targets "$arch" "${files[@]}" "${waiting[@]}")
		if [ "${#dirs[@]}" -eq 0 ]; then
			[ "$kconfig" -eq 1 ] && stale[$arch]=1
			cols+=(-)
			continue
		fi
		if [ "$kconfig" -eq 0 ] && [ -z "${stale[$arch]:-}" ] || ! configure "$arch"; then
			mapfile -t dirs < <(targets "$arch" "${files[@]}")
		fi
		unset "stale[$arch]"
		log=$BUILD/series/$arch-$n.log
		: >"$log"
		if [ "${#dirs[@]}" -eq 0 ]; then
			cols+=(-)
			continue
		fi
		if series_make "$arch" W=1 "${dirs[@]}" >"$log" 2>&1; then
			ok
			cc=$(grep -cE '^ +CC +' "$log" || true)
			cols+=("$cc")
		else
			grep -E 'error|Error' "$log" | head -n 20 >&2
			bad "$name does not build on $arch (${log#"$REPO"/})"
			cols+=(FAIL)
		fi
		# The C files compiled here, by path in the tree
		while read -r o; do
			unset "pending[${o%.o}.c]"
		done < <(sed -nE 's/^ +CC +(\[M\] +)?([^ ]+\.o)$/\2/p' "$log")
	done
	late=()
	for f in "${!pending[@]}"; do
		[ "${pending[$f]}" -eq "$n" ] && late+=("$f")
	done
	[ "${#late[@]}" -gt 0 ] &&
		say "$name: not compiled yet (nothing enables it at this patch): ${late[*]}"
	[ "$fail" -eq "$fail_before" ] && done_save $((pass - passed_before))
	row
done

# --build-end: the tree the series ends with, once in each configuration,
# every directory any patch touches; each C file of the series must have
# been compiled by one of them (its object at least as new as it: git am
# wrote the file, so make compiled it again, through ccache)
if [ "$build" -eq 2 ] && [ "$n" -eq "${#series[@]}" ]; then
	start=$SECONDS
	mapfile -t files < <(wgit diff --name-only "$base" HEAD)
	cols=()
	for arch in "${arches[@]}"; do
		configure "$arch" || true
		mapfile -t dirs < <(targets "$arch" "${files[@]}")
		log=$BUILD/series/$arch-end.log
		: >"$log"
		if [ "${#dirs[@]}" -eq 0 ]; then
			cols+=(-)
		elif series_make "$arch" W=1 "${dirs[@]}" >"$log" 2>&1; then
			ok
			cols+=("$(grep -cE '^ +CC +' "$log" || true)")
		else
			grep -E 'error|Error' "$log" | head -n 20 >&2
			bad "the series does not build on $arch (${log#"$REPO"/})"
			cols+=(FAIL)
		fi
	done
	for f in "${files[@]}"; do
		[[ $f == *.c ]] && [ -f "$work/$f" ] || continue
		for arch in "${arches[@]}"; do
			o=$BUILD/series/$arch/${f%.c}.o
			[ -f "$o" ] && [ ! "$o" -ot "$work/$f" ] && continue 2
		done
		pending[$f]=end
	done
	printf '%-4s %-60.60s %7s %7s %7s %7s %7s %10s %5s\n' end \
		"the tree the series ends with, once in each configuration" \
		"${cols[@]}" - $((SECONDS - start)) >>"$table"
fi

if [ "$build" -ge 1 ]; then
	if [ "${#pending[@]}" -gt 0 ]; then
		bad "C files of the series no build of the gate compiled: ${!pending[*]}"
	else
		ok
	fi
	# The last patches came from the cache: configure the tree they give
	if [ "$from_cache" -eq 1 ]; then
		for arch in "${arches[@]}"; do configure "$arch" || true; done
	fi
	# Every option of a fragment must have survived its dependencies, and
	# what it turns off must have stayed off
	for arch in "${arches[@]}"; do
		missing=$(grep -E '^CONFIG_' "$REPO/tests/series/$arch.config" |
			grep -vxFf "$BUILD/series/$arch/.config" || true)
		on=$(sed -nE 's/^# (CONFIG_[A-Z0-9_]+) is not set$/^\1=/p' \
			"$REPO/tests/series/$arch.config" |
			grep -f - "$BUILD/series/$arch/.config" || true)
		if [ -n "$missing" ]; then
			bad "$arch: the gate's .config lacks $(echo "$missing" | tr '\n' ' ')"
		elif [ -n "$on" ]; then
			bad "$arch: the gate's .config has $(echo "$on" | tr '\n' ' '), which tests/series/$arch.config turns off"
		else
			ok
		fi
	done
	say "per-patch results: ${table#"$REPO"/}"
fi

if [ "$n" -eq "${#series[@]}" ] && diff -rq --exclude=.git "$work" "$SRC" >"$BUILD/series/diff" 2>&1; then
	ok
	say "${#series[@]} patches in ${out#"$REPO"/}/ (cover letter 0000-cover-letter.patch); git am onto $TREE gives the overlay tree"
else
	cat "$BUILD/series/diff" >&2
	bad "the tree the series ends with is not the overlay tree"
fi
summary series
