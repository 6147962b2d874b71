#!/usr/bin/env bash
# Whole-process performance and accuracy harness of the llm-bench client (not part of CI):
# raises the open-file limit (10,000 streams need ~10,100 descriptors in the client and as many in
# the server), then runs the harness package, which builds, measures and reports.
#
#   Benchmarks/harness/run.sh --help            every option
#   Benchmarks/harness/run.sh --smoke --no-peer  a check of the harness end to end, about a minute
set -euo pipefail
ulimit -Hn 65536 2> /dev/null || true
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true
cd "$(dirname "${BASH_SOURCE[0]}")"
exec python3 -m harness "$@"
