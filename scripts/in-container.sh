#!/usr/bin/env bash
# Runs one command in a Debian 12 container with Node 20 (node:20-bookworm), this
# checkout as /work, the host's caches, and /dev/kvm when the host has it. The
# nightly workflow runs every step through it on hosted runners (not Debian);
# it runs the same way on any machine with docker:
#   bash scripts/in-container.sh node bin/ipvs-verify.js matrix --shard 1/3 --out runs/shard-1 --accel kvm
set -euo pipefail
cd "$(dirname "$0")/.."
kvm=()
[ -e /dev/kvm ] && kvm=(--device /dev/kvm)
mkdir -p "$HOME/.cache/ipvs-verify" "$HOME/.cache/ccache"
exec docker run --rm "${kvm[@]}" \
  -v "$PWD:/work" -w /work \
  -v "$HOME/.cache/ipvs-verify:/root/.cache/ipvs-verify" \
  -v "$HOME/.cache/ccache:/root/.cache/ccache" \
  node:20-bookworm bash -c 'bash scripts/install-deps.sh >/dev/null && "$@"' in-container "$@"
