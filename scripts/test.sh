#!/usr/bin/env bash
# The whole test suite: sets the machine up (root), then unit, parser, CLI and real-tracer integration tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh
exec mvn -B -ntp verify "$@"
