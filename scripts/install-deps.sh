#!/usr/bin/env bash
# Installs everything ipvs-verify needs on Debian 12, as root: the kernel
# source, the build toolchain, QEMU, the guest's tools, and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# --kernel-lines 6.1,6.12: Debian's kernel sources to install (default: 6.1,
# what the main command verifies; the test command asks for both).
# --tests: what only the tests need besides (a headless browser for the report
# check, ~100 packages): the main job does without it.
LINES=6.1
TESTS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --kernel-lines) LINES=${2:?--kernel-lines needs a list, e.g. 6.1,6.12}; shift 2 ;;
    --kernel-lines=*) LINES=${1#*=}; shift ;;
    --tests) TESTS=1; shift ;;
    *) echo "install-deps.sh: unknown argument $1 (known: --kernel-lines 6.1,6.12, --tests)" >&2; exit 2 ;;
  esac
done
SOURCES=()
IFS=, read -ra wanted <<<"$LINES"
for l in "${wanted[@]}"; do
  case "$l" in
    6.1 | 6.12) SOURCES+=("linux-source-$l") ;;
    *) echo "install-deps.sh: Debian 12 ships kernel lines 6.1 and 6.12, not $l" >&2; exit 2 ;;
  esac
done

# One line a purpose: kernel source; build; build (host side); trees and series;
# the guest machine; inside the guest; reading pcap files back (tests).
PACKAGES=(
  "${SOURCES[@]}"
  build-essential gcc make flex bison bc perl
  libelf-dev libssl-dev ccache cpio xz-utils kmod
  git patch
  qemu-system-x86
  busybox-static dash ipvsadm hping3 tcpreplay iproute2 socat
  tcpdump
)
# The tests' report check renders report.html in a headless browser.
if [ "$TESTS" = 1 ]; then PACKAGES+=(chromium); fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --prefer-offline
fi

# The CLI as JavaScript (bin/ipvs-verify.js runs the sources through tsx while
# dist/ is missing or older than them), and `ipvs-verify` on PATH.
if [ ! -f dist/.built ] || [ -n "$(find src -newer dist/.built -print -quit)" ]; then
  npm run --silent build
fi
if [ -w /usr/local/bin ]; then
  ln -sfn "$PWD/bin/ipvs-verify.js" /usr/local/bin/ipvs-verify
fi
