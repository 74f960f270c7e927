#!/usr/bin/env bash
# A git history of Debian's kernel source: one commit a version of one line,
# tagged debian/<version>, for `ipvs-verify bisect-run` between two Debian
# releases ("it worked on 6.1.187-1, does it still on 6.1.192-2?").
#   bash scripts/debian-versions-history.sh 6.1 DIR 6.1.187-1 6.1.192-2 [...]
# Versions go in the order given; the archive must still carry them
# (`apt-cache madison linux-source-6.1` lists those it does). An existing
# history in DIR is extended with the versions it lacks.
set -euo pipefail
line=${1:?usage: debian-versions-history.sh LINE DIR VERSION...}
dir=${2:?usage: debian-versions-history.sh LINE DIR VERSION...}
shift 2
[ $# -ge 1 ] || { echo "give at least one version of linux-source-$line" >&2; exit 2; }
case "$line" in 6.1 | 6.12) ;; *) echo "Debian 12 ships kernel lines 6.1 and 6.12, not $line" >&2; exit 2 ;; esac
git_() { git -C "$dir" -c user.name=ipvs-verify -c user.email=history@ipvs-verify.invalid "$@"; }
mkdir -p "$dir"
[ -d "$dir/.git" ] || git -C "$dir" init -q
downloads=$(mktemp -d)
chmod 755 "$downloads" # apt downloads as _apt where it can
trap 'rm -rf "$downloads"' EXIT
for version in "$@"; do
  if git_ rev-parse -q --verify "refs/tags/debian/$version" >/dev/null; then
    echo "debian/$version: already in $dir"
    continue
  fi
  (cd "$downloads" && apt-get download -qq "linux-source-$line=$version")
  deb=$(ls "$downloads"/linux-source-"$line"_*.deb)
  # The tree replaces the previous one whole: files a version dropped go too.
  git_ rm -rqf --ignore-unmatch . >/dev/null
  find "$dir" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/linux-source-$line.tar.xz" | tar -xJ -C "$dir" --strip-components=1
  # -f: Debian's top-level .gitignore ignores everything (its packaging lives apart).
  git_ add -A -f
  git_ commit -qm "Debian linux-source-$line $version"
  git_ tag "debian/$version"
  rm -f "$deb"
  echo "debian/$version: $(git_ rev-parse --short HEAD)"
done
