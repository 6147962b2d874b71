#!/usr/bin/env bash
# Ingest ceiling of the llm-bench client against a server that costs next to nothing: a small C
# server (scripts/mock-sse-server.c) streams max_tokens events per request as fast as the socket
# takes them. Reports tokens/s (the client's own output_throughput_tps) and marginal client CPU
# per 1M tokens (long run minus short run), medians of 3. Not part of CI; loopback only.
#
#   scripts/bench-ingest.sh [STREAMS] [TOKENS]      defaults: 1024 streams, 2000 tokens each
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
streams="${1:-1024}"
tokens="${2:-2000}"
work="$(mktemp -d /tmp/bench-ingest.XXXXXX)"
port=18190
ulimit -n "$(ulimit -Hn)"
cc -O2 -o "$work/mock-sse-server" "$repo/scripts/mock-sse-server.c"
(cd "$repo" && swift build -c release > /dev/null)
binary="$repo/.build/release/llm-bench"
cp "$repo/input.txt" "$work/"
"$work/mock-sse-server" "$port" 2> "$work/server.log" &
server=$!
trap 'kill $server 2> /dev/null; rm -rf "$work"' EXIT
sleep 0.5
config() {
    cat > "$work/$1.yaml" <<YAML
base_url: http://127.0.0.1:$port/v1
model: mock
output_dir: $work/out-$1
runs: 1
num_concurrent_requests: $streams
prompt_source: corpus
prompt_reuse: shared
force_output_length: false
prompt_cache_dir: "off"
cases: [{input_tokens: 16, output_tokens: $2}]
YAML
}
config long "$tokens"
config short "$((tokens / 10))"
results=()
for repetition in 1 2 3; do
    /usr/bin/time -f "%U %S %M" -o "$work/long.time" "$binary" "$work/long.yaml" -q > "$work/long.out" 2> /dev/null
    /usr/bin/time -f "%U %S %M" -o "$work/short.time" "$binary" "$work/short.yaml" -q > /dev/null 2>&1
    rate=$(python3 -c "import csv,glob; print(list(csv.DictReader(open(sorted(glob.glob('$work/out-long/*.csv'))[-1])))[-1]['output_throughput_tps'])")
    read -r lu ls lrss < "$work/long.time"
    read -r su ss _ < "$work/short.time"
    cpu=$(python3 -c "print(round(($lu + $ls - $su - $ss) / ($streams * ($tokens - $tokens // 10)) * 1e6, 2))")
    echo "repetition $repetition: ingest $rate tokens/s, marginal CPU $cpu s per 1M tokens, peak RSS $((lrss / 1024)) MB"
    results+=("$rate $cpu")
done
printf '%s\n' "${results[@]}" | python3 -c "
import sys, statistics
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
print(f'median: ingest {statistics.median(r[0] for r in rows):,.0f} tokens/s at $streams streams, '
      f'{statistics.median(r[1] for r in rows):.2f} client CPU-s per 1M tokens')"
