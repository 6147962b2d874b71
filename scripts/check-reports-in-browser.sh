#!/usr/bin/env bash
# Checks llm-bench's HTML reports in a real browser (Debian's headless chromium).
#
# Usage: scripts/check-reports-in-browser.sh [LLM_BENCH_BINARY] [--screenshots DIR]
#        scripts/check-reports-in-browser.sh --self-test [--screenshots DIR]
#
# Runs small benchmarks against the embedded simulator (a waves run, a concurrency sweep, two runs
# of servers of different speed) and one against `llm-bench simulate` with faults (HTTP 503s and
# streams closed mid-way, retried once) so that a page with failures is opened too; builds their
# reports with `llm-bench report PATH -o FILE` and the comparison's with `llm-bench compare A B
# --report FILE`, and opens each page (and any report a run wrote itself) in headless chromium:
# after the page's scripts ran, its DOM must hold charts (`figure.chart` with an `svg`), and the page must have logged no JavaScript error
# (nor any browser error, such as a resource that failed to load). Writes a PNG of every page
# into DIR (default: a new temporary folder, printed) for a person to look at.
#
# --self-test checks the checker instead: a hand-written page with a chart passes, and a page
# with a JavaScript error and one without charts fail.
#
# Exit status: 0 when every page passed; 1 when a page failed or a step could not run.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
checker="$repo/scripts/check-page-in-chromium.py"
binary=""
screenshots=""
self_test=false

while [[ $# -gt 0 ]]; do
    case "$1" in
        --screenshots)
            [[ $# -ge 2 ]] || { echo "error: --screenshots needs a folder." >&2; exit 1; }
            screenshots="$2"
            shift 2
            ;;
        --self-test) self_test=true; shift ;;
        -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "error: unknown option '$1' (see --help)." >&2; exit 1 ;;
        *)
            [[ -z "$binary" ]] || { echo "error: one llm-bench binary only, got '$binary' and '$1'." >&2; exit 1; }
            binary="$1"
            shift
            ;;
    esac
done

fail() {
    echo "error: $*" >&2
    exit 1
}

chromium="$(command -v chromium || command -v chromium-browser || true)"
[[ -n "$chromium" ]] || fail "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)."
command -v python3 > /dev/null || fail "python3 is not installed (it drives chromium; apt-get install python3)."

if [[ -z "$screenshots" ]]; then
    screenshots="$(mktemp -d "${TMPDIR:-/tmp}/llm-bench-screenshots.XXXXXX")"
fi
mkdir -p "$screenshots" || fail "cannot create the screenshot folder $screenshots."
screenshots="$(cd "$screenshots" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/llm-bench-browser-check.XXXXXX")"
simulator_pid=""
# On exit: stops the faulty simulator if it still runs (by its process id) and removes the work folder.
cleanup() {
    if [[ -n "$simulator_pid" ]]; then kill "$simulator_pid" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

failures=0

# check_page NAME PAGE: opens PAGE in chromium; counts a failure unless it passes.
check_page() {
    local name="$1" page="$2" status=0
    python3 "$checker" "$chromium" "$page" "$screenshots/$name.png" || status=$?
    if [[ $status -ne 0 ]]; then
        failures=$((failures + 1))
    fi
    return 0
}

# expect_failure NAME PAGE: the checker must refuse PAGE.
expect_failure() {
    local name="$1" page="$2" status=0
    python3 "$checker" "$chromium" "$page" "$screenshots/$name.png" 2> "$work/$name.err" || status=$?
    if [[ $status -eq 1 ]]; then
        echo "$page: refused as it should be: $(head -n 1 "$work/$name.err")"
    else
        echo "$page: the check did not fail (status $status), though the page is broken:" >&2
        cat "$work/$name.err" >&2
        failures=$((failures + 1))
    fi
}

if $self_test; then
    cat > "$work/chart.html" << 'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Self-test: a chart</title></head>
<body>
<figure class="chart" id="ttft-cdf"><figcaption>TTFT</figcaption>
<svg role="img" viewBox="0 0 200 100" width="400" height="200"><title>TTFT CDF</title>
<g class="series" data-series="case 1"><circle cx="20" cy="80" r="4" data-x="12.5" data-y="0.5"></circle>
<circle cx="180" cy="20" r="4" data-x="40" data-y="1"></circle></g></svg></figure>
<script>document.querySelectorAll("circle").forEach(c => c.setAttribute("data-checked", "1"));</script>
</body></html>
HTML
    sed 's|<script>.*</script>|<script>document.querySelector("figure").undefinedMethod();</script>|' \
        "$work/chart.html" > "$work/script-error.html"
    sed 's|figure class="chart"|figure class="table"|' "$work/chart.html" > "$work/no-chart.html"
    check_page self-test-chart "$work/chart.html"
    expect_failure self-test-script-error "$work/script-error.html"
    expect_failure self-test-no-chart "$work/no-chart.html"
    [[ $failures -eq 0 ]] || fail "the browser check's self-test failed ($failures case(s)); screenshots in $screenshots."
    echo "self-test passed; screenshots in $screenshots"
    exit 0
fi

binary="${binary:-$repo/.build/debug/llm-bench}"
[[ -x "$binary" ]] || fail "$binary is not an executable llm-bench (build it with 'swift build', or name it)."
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
for command in report compare; do
    "$binary" help "$command" > /dev/null 2>&1 \
        || fail "$binary has no '$command' subcommand ('llm-bench help $command' fails): build one that has it."
done

cd "$work"
cp "$repo/input.txt" input.txt
mkdir pages

cat > waves.yaml << 'YAML'
output_prefix_name: waves
runs: 2
num_concurrent_requests: 4
simulator: {ttft_ms: 20, itl_ms: 2, seed: 1}
cases:
  - {input_tokens: 64, output_tokens: 32}
  - {input_tokens: 256, output_tokens: 48}
YAML
cat > sweep.yaml << 'YAML'
output_prefix_name: sweep
runs: 1
num_concurrent_requests: 1
load: {mode: sweep, requests: 16, sweep: {concurrency: [1, 2, 4, 8, 16]}}
simulator: {ttft_ms: 20, itl_ms: 2, max_sequences: 4, seed: 1}
slo: {ttft_ms: 300, e2e_ms: 1500, percentile: 99}
cases:
  - {input_tokens: 64, output_tokens: 32}
YAML
cat > baseline.yaml << 'YAML'
output_prefix_name: baseline
runs: 4
num_concurrent_requests: 4
simulator: {ttft_ms: 20, itl_ms: 2, seed: 1}
cases:
  - {input_tokens: 64, output_tokens: 32}
YAML
cat > sessions.yaml << 'YAML'
output_prefix_name: sessions
api: chat
runs: 1
num_concurrent_requests: 3
simulator: {ttft_ms: 20, itl_ms: 2, seed: 1}
cases:
  - sessions: {turns: 3, user_tokens: 32, output_tokens: 16}
YAML
sed -e 's/^output_prefix_name: baseline/output_prefix_name: candidate/' -e 's/itl_ms: 2/itl_ms: 4/' \
    baseline.yaml > candidate.yaml

# run NAME: runs NAME.yaml into out-NAME.
run() {
    local name="$1"
    echo "running $name.yaml"
    "$binary" run "$name.yaml" --output-dir "out-$name" --seed 1 --quiet > "$name.out" 2> "$name.err" \
        || { cat "$name.err" >&2; fail "'llm-bench run $name.yaml' failed (output above)."; }
}

# build WHAT...: runs an llm-bench command that writes a page.
build() {
    "$binary" "$@" > build.out 2> build.err \
        || { cat build.out build.err >&2; fail "'llm-bench $*' failed (output above)."; }
}

# start_faulty_simulator: starts `llm-bench simulate` on a free loopback port with faults and
# writes its base URL into faults.yaml.
start_faulty_simulator() {
    "$binary" simulate --host 127.0.0.1 --port 0 --ttft-ms 20 --itl-ms 2 --seed 1 \
        --fault http503=0.3 --fault close_mid_stream=0.1 > simulator.out 2> simulator.err &
    simulator_pid=$!
    local url="" attempt
    for attempt in $(seq 1 100); do
        url="$(sed -n 's|^Simulated OpenAI-compatible server on \([^ ]*\) .*|\1|p' simulator.err)"
        [[ -n "$url" ]] && break
        kill -0 "$simulator_pid" 2> /dev/null || { cat simulator.err >&2; fail "'llm-bench simulate' did not start."; }
        sleep 0.1
    done
    [[ -n "$url" ]] || fail "'llm-bench simulate' did not say where it listens within 10 s."
    cat > faults.yaml << YAML
output_prefix_name: faults
base_url: "${url}"
model: llm-bench-sim
runs: 6
num_concurrent_requests: 4
retry: {max_retries: 1, backoff_ms: [20]}
cases:
  - {input_tokens: 64, output_tokens: 32}
YAML
}

for name in waves sweep baseline candidate sessions; do run "$name"; done
# The multi-turn run's report has its table per turn.
grep -q "Per turn of the sessions" out-sessions/*_report.html \
    || fail "the sessions run's report has no table per turn."
start_faulty_simulator
echo "running faults.yaml"
status=0
"$binary" run faults.yaml --output-dir out-faults --seed 1 --quiet > faults.out 2> faults.err || status=$?
# A run with failed requests exits with 1 by design; anything else is a failure of the check.
[[ $status -le 1 ]] || { cat faults.err >&2; fail "'llm-bench run faults.yaml' failed (status $status, output above)."; }
kill "$simulator_pid" 2> /dev/null || true
wait "$simulator_pid" 2> /dev/null || true
simulator_pid=""
build report out-waves -o pages/waves.html
build report out-faults -o pages/faults.html
build report out-sweep -o pages/sweep.html
build report out-baseline out-candidate -o pages/overlay.html
build compare out-baseline out-candidate --report pages/compare.html

for page in pages/*.html out-*/*_report.html; do
    [[ -e "$page" ]] || continue
    name="$(basename "$page" .html)"
    check_page "$name" "$work/$page"
done
[[ -e pages/waves.html && -e pages/sweep.html && -e pages/faults.html && -e pages/compare.html ]] \
    || fail "a report command succeeded but wrote no page (expected waves, sweep, faults and compare in pages/)."
grep -q 'id="failures-over-time"' pages/faults.html \
    || fail "the faults run's page shows no failures over time: did the simulator inject no fault?"

[[ $failures -eq 0 ]] || fail "$failures page(s) failed in the browser (above); screenshots in $screenshots."
echo "every report passed in chromium; screenshots in $screenshots"
