#!/usr/bin/env bash
# The main job: installs what ipvs-verify needs, then runs the default
# verification (Debian's linux-source-6.1, base vs patched, the default
# scenario). Extra arguments go to `ipvs-verify verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
exec node bin/ipvs-verify.js verify "$@"
