#!/usr/bin/env bash
# Whole-process performance and accuracy harness of the llm-bench client (not part of CI).
#
#   scripts/bench-client.sh [--quick] [--no-peer] [--no-build] [--report FILE] [--reps N]
#                           [--sections efficiency,memory,accuracy,ceiling,peer]
#
# Runs everything on 127.0.0.1 against `llm-bench simulate` (one fresh simulator per measured
# run): client CPU per 1M tokens vs curl (and a peer), peak RSS at 1k/10k streams, per-event
# timestamp accuracy against the simulator's truth and against an independent exact server in C
# (scripts/mock-sse-server.c, paced, built here with cc), and the ingest ceiling. Prints markdown
# tables and writes them to the report file (default /tmp/bench-client-report.md).
#
# The peer (NVIDIA AIPerf from PyPI) goes into a venv: $BENCH_VENV, default <repo>/.bench-venv
# (gitignored). It needs a tokenizer; a tiny WordLevel one is trained on input.txt and placed in
# a private Hugging Face cache, so AIPerf runs with HF_HUB_OFFLINE=1. If the peer cannot be
# installed or prepared, its parts are skipped with the reason in the report.
#
# Environment: BENCH_VENV, BENCH_WORKDIR (default /tmp/bench-client), BENCH_PEER_SPEC
# (default aiperf==0.13.0), BENCH_MAX_MINUTES (no new run starts after this; default 40),
# BENCH_QUIET_BUDGET (total seconds to wait for other load on the machine to stop; default 600).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workdir="${BENCH_WORKDIR:-/tmp/bench-client}"
peer_dir="${workdir}-peer"          # tokenizer, HF cache, install log (kept between runs)
venv="${BENCH_VENV:-$repo/.bench-venv}"
peer_spec="${BENCH_PEER_SPEC:-aiperf==0.13.0}"
report="/tmp/bench-client-report.md"
command_line="scripts/bench-client.sh $*"
quick="" peer="auto" build=1 sections="efficiency,memory,accuracy,ceiling,peer" extra=()

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick="--quick" ;;
        --no-peer) peer="off" ;;
        --no-build) build=0 ;;
        --report) report="$2"; shift ;;
        --sections) sections="$2"; shift ;;
        --reps) extra+=(--reps "$2"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench-client.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
say() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# 10,000 streams need ~10,100 descriptors in the client (and as many in the simulator).
ulimit -Hn 65536 2>/dev/null || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [[ "$(ulimit -n)" -lt 10500 ]]; then
    say "warning: ulimit -n is $(ulimit -n); the 10,000-stream runs will fail"
fi

if [[ $build -eq 1 ]]; then
    say "swift build -c release (in $repo)"
    if ! (cd "$repo" && swift build -c release >"${workdir}-build.log" 2>&1); then
        say "warning: swift build -c release failed (see ${workdir}-build.log); measuring the existing binary"
    fi
fi
built="$repo/.build/release/llm-bench"
[[ -x "$built" ]] || { echo "bench-client.sh: $built is missing; run swift build -c release" >&2; exit 3; }
# A private copy, so that a rebuild during the run cannot swap the binary under the measurements.
mkdir -p "${workdir}-bin"
binary="${workdir}-bin/llm-bench"
cp "$built" "$binary"
touch -r "$built" "$binary"
command -v curl >/dev/null || { echo "bench-client.sh: curl is needed (apt-get install curl)" >&2; exit 3; }
c_server="${workdir}-bin/mock-sse-server" c_server_error=""
if ! cc -O2 -o "$c_server" "$repo/scripts/mock-sse-server.c" 2>"${workdir}-cc.log"; then
    c_server="" c_server_error="cc could not build scripts/mock-sse-server.c: $(tail -2 "${workdir}-cc.log" | tr '\n' ' ')"
    say "C server skipped: $c_server_error"
fi

peer_error=""
tokenizer=""
if [[ "$peer" == "auto" && ",$sections," == *",peer,"* ]]; then
    mkdir -p "$peer_dir"
    if [[ ! -x "$venv/bin/aiperf" ]]; then
        say "installing the peer ($peer_spec) into $venv (log: $peer_dir/install.log); a few minutes the first time"
        if ! { python3 -m venv "$venv" && timeout 1200 "$venv/bin/pip" install --quiet "$peer_spec"; } \
            >"$peer_dir/install.log" 2>&1; then
            peer_error="pip install $peer_spec failed: $(tail -3 "$peer_dir/install.log" | tr '\n' ' ')"
        fi
    fi
    if [[ -z "$peer_error" ]]; then
        revision=0000000000000000000000000000000000000001
        snapshot="$peer_dir/hf/hub/models--local--llmbench-tokenizer/snapshots/$revision"
        if [[ ! -f "$snapshot/tokenizer.json" ]]; then
            say "training a tiny WordLevel tokenizer on input.txt for the peer"
            mkdir -p "$snapshot" "$peer_dir/hf/hub/models--local--llmbench-tokenizer/refs"
            if HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$venv/bin/python" - "$repo/input.txt" "$snapshot" \
                >"$peer_dir/tokenizer.log" 2>&1 <<'PY'
import sys
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

corpus, folder = sys.argv[1], sys.argv[2]
core = Tokenizer(models.WordLevel(unk_token="[UNK]"))
core.pre_tokenizer = pre_tokenizers.Whitespace()
core.train([corpus], trainers.WordLevelTrainer(special_tokens=["[UNK]", "[PAD]", "<s>", "</s>"]))
core.decoder = decoders.WordPiece(prefix="##")  # words joined with spaces
fast = PreTrainedTokenizerFast(tokenizer_object=core, unk_token="[UNK]", pad_token="[PAD]",
                               bos_token="<s>", eos_token="</s>")
fast.save_pretrained(folder)  # tokenizer.json + tokenizer_config.json
print(f"vocabulary {len(fast)}")
PY
            then
                printf '%s' "$revision" >"$peer_dir/hf/hub/models--local--llmbench-tokenizer/refs/main"
            else
                peer_error="the tokenizer could not be built: $(tail -2 "$peer_dir/tokenizer.log" | tr '\n' ' ')"
                rm -rf "$snapshot"
            fi
        fi
        [[ -z "$peer_error" ]] && tokenizer="local/llmbench-tokenizer"
    fi
    [[ -n "$peer_error" ]] && say "peer skipped: $peer_error"
fi

exec python3 "$repo/scripts/bench_client.py" $quick --binary "$binary" --repo "$repo" \
    --workdir "$workdir" --report "$report" --sections "$sections" --peer "$peer" \
    --peer-venv "$venv" --peer-tokenizer "$tokenizer" --peer-hf-home "$peer_dir/hf" \
    --peer-error "$peer_error" --c-server "$c_server" --c-server-error "$c_server_error" --max-minutes "${BENCH_MAX_MINUTES:-40}" --quiet-budget "${BENCH_QUIET_BUDGET:-600}" \
    --command "$command_line" "${extra[@]}"
