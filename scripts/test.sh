#!/usr/bin/env bash
# The whole test suite: sets the machine up (root), then unit, parser, CLI and real-tracer integration tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh
# One test compiles the LaTeX tables report writes to check they fit an article's text width; it needs pdflatex and
# booktabs (about 35 s to install), which running tracebench itself does not.
if ! command -v pdflatex >/dev/null && [[ $(id -u) -eq 0 ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends texlive-latex-recommended >&2
fi
exec mvn -B -ntp verify "$@"
