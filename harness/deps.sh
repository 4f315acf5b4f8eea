#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install whatever the harness needs and a fresh Debian 12 machine lacks.
#
# Mainline's source comes from Debian's trixie-backports suite, which
# this adds to the same archive at pin priority 100: nothing else is
# taken from it unless asked for by name.  LINUX_73 is the version the
# project is tested with; if the archive has moved on, the newest 7.3.x
# it has is installed instead, and said so.  Another major version is
# never used.
. "$(dirname "$0")/lib.sh"

LINUX_73=7.3.4-1~bpo13+1
BPO=trixie-backports
sources=/etc/apt/sources.list.d/ims-desc-$BPO.sources
pin=/etc/apt/preferences.d/ims-desc-$BPO

pkgs="linux-source-6.12 gcc make libc6-dev bc bison flex perl python3 sparse
      rsync xz-utils git ca-certificates coccinelle libpython3-dev python3-yaml
      device-tree-compiler dt-schema yamllint python3-sphinx
      qemu-system-x86 qemu-system-arm libelf-dev libssl-dev cpio gcc-aarch64-linux-gnu acpica-tools ccache"

installed()
{
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"
}

missing=
for p in $pkgs; do
	installed "$p" || missing="$missing $p"
done
installed linux-source-7.3 || missing="$missing linux-source-7.3"
[ -z "$missing" ] && exit 0

[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root to install them)"
say "installing:$missing"
export DEBIAN_FRONTEND=noninteractive

if ! grep -qs "Suites: $BPO" /etc/apt/sources.list.d/*.sources &&
   ! grep -qs "^deb .* $BPO " /etc/apt/sources.list /etc/apt/sources.list.d/*.list; then
	cat >"$sources" <<-EOF
	Types: deb
	URIs: http://deb.debian.org/debian
	Suites: $BPO
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
fi
[ -e "$pin" ] || printf 'Package: *\nPin: release n=%s\nPin-Priority: 100\n' "$BPO" >"$pin"

apt-get update -q >"$LOGS/apt.log" 2>&1 || { cat "$LOGS/apt.log" >&2; die "apt-get update failed"; }

if [[ $missing == *linux-source-7.3* ]]; then
	missing=${missing/ linux-source-7.3/}
	ver=$LINUX_73
	if ! apt-cache madison linux-source-7.3 | awk '{ print $3 }' | grep -qxF "$LINUX_73"; then
		ver=$(apt-cache madison linux-source-7.3 | awk '{ print $3 }' | sort -V | tail -n 1)
		[ -n "$ver" ] || die "the archive has no linux-source-7.3 (suite $BPO)"
		case $ver in
		7.3.*) say "linux-source-7.3 $LINUX_73 is gone from the archive: using $ver" ;;
		*) die "linux-source-7.3 $ver is not a 7.3 kernel" ;;
		esac
	fi
	missing="$missing linux-source-7.3=$ver"
fi
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >>"$LOGS/apt.log" 2>&1 ||
	{ tail -n 30 "$LOGS/apt.log" >&2; die "apt-get install failed"; }
