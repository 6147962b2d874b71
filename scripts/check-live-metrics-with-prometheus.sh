#!/usr/bin/env bash
# Checks llm-bench's live metrics with a real Prometheus (Debian's prometheus package).
#
# Usage: scripts/check-live-metrics-with-prometheus.sh [LLM_BENCH_BINARY]
#
# Starts Prometheus on 127.0.0.1 with a temporary config and storage folder (scrape_interval 1s,
# its target found through a file), runs `llm-bench run --metrics-port 0 --progress jsonl` of a
# small rate-mode config of two cases against the embedded simulator (about 12 s; each request
# lasts about 1.5 s, longer than the scrape interval), reads the bound port from the run's
# `live_metrics_started` event and hands it to Prometheus; checks the page with `promtool check
# metrics` while the run lasts. After the run it asks Prometheus' HTTP API for the run's series
# and checks them against the run's requests file:
#   - requests finished when the second case began (the first scrape with llm_bench_case_index 1,
#     before any of its requests can end) = the first case's requests in the file;
#   - requests started = all requests in the file;
#   - finished + in flight at the last scrape = all requests in the file (the endpoint stops
#     with the run, so the last scrape may come before the last requests end).
# Everything it starts is stopped, by process id, however it exits.
#
# Exit status: 0 when every check passed; 1 when one failed or a step could not run.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
binary="${1:-$repo/.build/debug/llm-bench}"
# The checks run in a temporary folder: a binary named relative to here is made absolute first.
case "$binary" in
    /*) ;;
    *) binary="$PWD/$binary" ;;
esac

fail() {
    echo "error: $*" >&2
    exit 1
}

[[ -x "$binary" ]] || fail "$binary is not an executable llm-bench (build it with 'swift build', or name it)."
command -v prometheus > /dev/null || fail "prometheus is not installed (Debian: apt-get install prometheus; .ci/run installs it)."
command -v promtool > /dev/null || fail "promtool is not installed (it comes with Debian's prometheus package)."
command -v curl > /dev/null || fail "curl is not installed (apt-get install curl)."
command -v python3 > /dev/null || fail "python3 is not installed (it reads the JSON answers; apt-get install python3)."

work="$(mktemp -d "${TMPDIR:-/tmp}/llm-bench-prometheus-check.XXXXXX")"
prometheus_pid=""
bench_pid=""
# On exit: stops Prometheus and the run if they still run (by their process ids), removes the folder.
cleanup() {
    if [[ -n "$bench_pid" ]]; then kill "$bench_pid" 2> /dev/null || true; fi
    if [[ -n "$prometheus_pid" ]]; then
        kill "$prometheus_pid" 2> /dev/null || true
        wait "$prometheus_pid" 2> /dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# A free TCP port on 127.0.0.1 for Prometheus' own web API.
prometheus_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
api="http://127.0.0.1:$prometheus_port/api/v1"

echo '[]' > "$work/targets.json"
cat > "$work/prometheus.yml" << YAML
global:
  scrape_interval: 1s
  scrape_timeout: 900ms
scrape_configs:
  - job_name: llm-bench
    file_sd_configs:
      - files: ["$work/targets.json"]
        refresh_interval: 1s
YAML
promtool check config "$work/prometheus.yml" > /dev/null || fail "promtool refused the temporary Prometheus config."

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn > "$work/prometheus.log" 2>&1 &
prometheus_pid=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$prometheus_port/-/ready" > /dev/null 2>&1 && break
    kill -0 "$prometheus_pid" 2> /dev/null || { cat "$work/prometheus.log" >&2; fail "Prometheus exited at start."; }
    sleep 0.1
done
curl -fsS "http://127.0.0.1:$prometheus_port/-/ready" > /dev/null || fail "Prometheus was not ready within 10 s."

cd "$work"
cp "$repo/input.txt" input.txt
cat > live.yaml << 'YAML'
output_prefix_name: live
output_dir: out
report: false
seed: 1
runs: 1
num_concurrent_requests: 8
load: {mode: rate, rate: 5, requests: 20}
simulator: {ttft_ms: 50, itl_ms: 50, seed: 1}
cases:
  - {input_tokens: 32, output_tokens: 30}
  - {input_tokens: 16, output_tokens: 30}
YAML

"$binary" run live.yaml --metrics-port 0 --progress jsonl > run.out 2> events.jsonl &
bench_pid=$!

# The bound port, from the run's event (up to 60 s: the prompts are prepared first).
metrics_port=""
for _ in $(seq 1 600); do
    metrics_port="$(python3 - events.jsonl << 'PY'
import json, sys
for line in open(sys.argv[1]):
    try:
        event = json.loads(line)
    except ValueError:
        continue
    if event.get("event") == "live_metrics_started":
        print(event["port"])
        break
PY
)"
    [[ -n "$metrics_port" ]] && break
    kill -0 "$bench_pid" 2> /dev/null || { cat events.jsonl >&2; fail "the run ended before it served its metrics."; }
    sleep 0.1
done
[[ -n "$metrics_port" ]] || fail "the run told no live_metrics_started event within 60 s."
echo "llm-bench serves its live metrics on 127.0.0.1:$metrics_port"
echo "[{\"targets\": [\"127.0.0.1:$metrics_port\"]}]" > targets.tmp && mv targets.tmp targets.json

# The page as Prometheus reads it, checked by Prometheus' own linter while the run lasts.
curl -fsS "http://127.0.0.1:$metrics_port/metrics" > page.txt || fail "GET /metrics failed during the run."
promtool check metrics < page.txt || fail "promtool check metrics refused the live metrics page (above)."
grep -q '^llm_bench_requests_started_total{' page.txt || fail "the page has no llm_bench_requests_started_total."
echo "promtool check metrics: the page passes"

status=0
wait "$bench_pid" || status=$?
bench_pid=""
[[ $status -eq 0 ]] || { cat events.jsonl >&2; fail "llm-bench run exited with $status."; }
if curl -fsS "http://127.0.0.1:$metrics_port/metrics" > /dev/null 2>&1; then
    fail "the live metrics endpoint still answers after the run ended."
fi

requests_file="$(ls out/live_*_requests.jsonl)"
# measured [CASE]: the requests the file holds (of case CASE only, when given), warm-up aside.
measured() {
    python3 -c '
import json, sys
records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print(sum(1 for r in records if not r["warmup"] and (len(sys.argv) < 3 or r["case"] == int(sys.argv[2]))))
' "$requests_file" "$@"
}
measured_all="$(measured)"
measured_first="$(measured 0)"

# query PROMQL: the value of an instant query's single result (empty when it has none).
query() {
    curl -fsS --get "$api/query" --data-urlencode "query=$1" | python3 -c '
import json, sys
answer = json.load(sys.stdin)
if answer.get("status") != "success":
    sys.exit("query failed: " + json.dumps(answer))
results = answer["data"]["result"]
if len(results) > 1:
    sys.exit("more than one series: " + json.dumps(results))
print(results[0]["value"][1] if results else "")
'
}

window="10m"
scrapes="$(query "count_over_time(llm_bench_requests_started_total[$window])")"
runs="$(query "count(count by (run_id) (last_over_time(llm_bench_requests_started_total[$window])))")"
first_case="$(query "min_over_time((sum(llm_bench_requests_finished_total) and on() (max(llm_bench_case_index) == 1))[$window:1s])")"
started="$(query "sum(last_over_time(llm_bench_requests_started_total[$window]))")"
finished="$(query "sum(last_over_time(llm_bench_requests_finished_total[$window]))")"
in_flight="$(query "sum(last_over_time(llm_bench_requests_in_flight[$window]))")"
echo "Prometheus scraped the run $scrapes time(s): $first_case request(s) finished as case 2 began;" \
    "at the last scrape started $started, finished $finished, in flight $in_flight." \
    "The requests file: $measured_first of case 1, $measured_all in all."

[[ -n "$scrapes" && "$scrapes" -ge 3 ]] || fail "Prometheus scraped the run only ${scrapes:-0} time(s)."
[[ "$runs" == "1" ]] || fail "expected the series of one run_id, found ${runs:-none}."
[[ "$first_case" == "$measured_first" ]] \
    || fail "llm_bench_requests_finished_total was ${first_case:-absent} as case 2 began; case 1 measured $measured_first."
[[ "$started" == "$measured_all" ]] \
    || fail "llm_bench_requests_started_total is $started; the run measured $measured_all requests."
[[ $((finished + in_flight)) -eq $measured_all ]] \
    || fail "finished + in flight at the last scrape is $((finished + in_flight)); the run measured $measured_all."
echo "live metrics check passed"
