#!/usr/bin/env bash
# `npm run release:check`: everything a release needs, checked and built, nothing published.
#   1. the version agrees everywhere: package.json (semver), src/version.ts, a dated CHANGELOG.md
#      section, and no tag v<version> yet (unless RELEASE_ALLOW_TAG=1);
#   2. a clean install and the whole test suite (skip with RELEASE_SKIP_TESTS=1), the third-party
#      notices current, and the committed action bundle identical to a fresh build;
#   3. the npm tarball in release/ (deferbot-<version>.tgz);
#   4. the container image deferbot:<version> (IMAGE=name to change the name), and its
#      `--version` run once. It needs a Docker engine: without one the step is skipped with a
#      notice, or fails when RELEASE_IMAGE=required.
# Publishing the two (npm publish, docker push) is docs/operator-guide.md, "Releases".
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "release: $*" >&2
  exit 1
}

version=$(node -p 'require("./package.json").version')
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "package.json's version $version is not semver"
grep -qx "export const VERSION = \"$version\";" src/version.ts ||
  fail "src/version.ts does not say $version (npm version runs scripts/sync-version.mjs)"
grep -Eq "^## \[$version\] - [0-9]{4}-[0-9]{2}-[0-9]{2}$" CHANGELOG.md ||
  fail "CHANGELOG.md has no dated section ## [$version] - YYYY-MM-DD"
if [[ ${RELEASE_ALLOW_TAG:-0} != 1 ]] && git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
  fail "the tag v$version exists already: bump the version first"
fi
echo "release: version $version"

if [[ ${RELEASE_SKIP_TESTS:-0} != 1 ]]; then
  npm ci --no-audit --no-fund
  npm test
fi
node scripts/notices.mjs --check
node scripts/build.mjs action --outdir release/action-check
diff -r action release/action-check >/dev/null ||
  fail "action/ differs from a fresh build: run npm run build:action and commit action/"
rm -rf release/action-check

npm run build
tarball=$(npm pack --ignore-scripts --pack-destination release | tail -n 1)
echo "release: release/$tarball"

image="${IMAGE:-deferbot}:$version"
if docker info >/dev/null 2>&1; then
  docker build -t "$image" .
  [[ $(docker run --rm "$image" --version) == "$version" ]] || fail "$image does not say $version"
  echo "release: image $image"
elif [[ ${RELEASE_IMAGE:-} == required ]]; then
  fail "no Docker engine reachable (docker info failed) and RELEASE_IMAGE=required"
else
  echo "release: skipped the image $image: no Docker engine reachable (docker info failed)" >&2
fi
