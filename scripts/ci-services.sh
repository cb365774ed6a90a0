#!/usr/bin/env bash
# What the tests need beside npm: Debian's redis-server, for the tests of the lock across
# processes (test/replicas). The tests start their own server on a free loopback port with no
# persistence, so nothing is started here; without the binary they skip with a one-line notice,
# and this makes sure CI never skips them. Run as root (CI is), before `npm test`:
#
#   bash scripts/ci-services.sh
set -euo pipefail

command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
redis-server --version
