#!/usr/bin/env bash
# Install check: packs mtfs as `npm pack` would for a user, installs the tarball globally into a
# scratch prefix, and runs `mtfs` from the prefix's bin folder in another (empty) folder: the
# version, and a projection of the scenario that ships inside the package. Exit 0 when all pass.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/mtfs-install-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

# dist/ is built by `npm ci`/`npm install` (the prepare script); pack what is there.
test -f "$root/dist/mtfs.cjs" || { echo "install check: dist/ is not built (run npm install first)"; exit 1; }
(cd "$root" && npm pack --ignore-scripts --silent --pack-destination "$scratch" >/dev/null)
tarball="$(ls "$scratch"/mtfs-*.tgz)"
listing="$(tar -tzf "$tarball")"
grep -qx 'package/dist/mtfs.cjs' <<<"$listing" || { echo "install check: the package has no dist/mtfs.cjs"; exit 1; }
grep -qx 'package/scenarios/2018.yaml' <<<"$listing" || { echo "install check: the package has no scenarios"; exit 1; }

npm install --prefix "$scratch/prefix" -g "$tarball" --no-audit --no-fund --loglevel=error >/dev/null
mtfs="$scratch/prefix/bin/mtfs"
elsewhere="$scratch/elsewhere"
mkdir -p "$elsewhere"
cd "$elsewhere"
version="$("$mtfs" --version)"
expected="$(node -p "require('$root/package.json').version")"
[ "$version" = "$expected" ] || { echo "install check: mtfs --version printed '$version', expected '$expected'"; exit 1; }
shipped="$scratch/prefix/lib/node_modules/mtfs/scenarios/2018.yaml"
table="$("$mtfs" project "$shipped")"
grep -q 'Proposed/Provisional net budget     132,831   133,701   134,761   136,881' <<<"$table" || { echo "install check: the installed mtfs did not print the 2018 net budget"; exit 1; }
"$mtfs" check "$shipped" >/dev/null
echo "install check: mtfs $version installed from $(basename "$tarball"), ran from another folder"
