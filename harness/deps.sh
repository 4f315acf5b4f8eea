#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install whatever the harness needs and a fresh Debian 12 machine lacks.
. "$(dirname "$0")/lib.sh"

pkgs="linux-source-6.12 gcc make libc6-dev bc bison flex perl python3 sparse
      rsync xz-utils git ca-certificates coccinelle libpython3-dev python3-yaml
      device-tree-compiler dt-schema yamllint python3-sphinx
      qemu-system-x86 qemu-system-arm libelf-dev libssl-dev cpio gcc-aarch64-linux-gnu acpica-tools ccache"

missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root to install them)"
say "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >"$LOGS/apt.log" 2>&1 || { cat "$LOGS/apt.log" >&2; die "apt-get update failed"; }
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >>"$LOGS/apt.log" 2>&1 ||
	{ tail -n 30 "$LOGS/apt.log" >&2; die "apt-get install failed"; }
