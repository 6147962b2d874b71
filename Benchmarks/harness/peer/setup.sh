#!/usr/bin/env bash
# Prepares the peer (NVIDIA AIPerf from PyPI) for the harness, offline after the first time:
#
#   peer/setup.sh VENV PEER_DIR SPEC CORPUS
#
# installs SPEC (e.g. aiperf==0.13.0) into the venv VENV unless VENV/bin/aiperf exists, then trains a
# tiny WordLevel tokenizer on CORPUS into a private Hugging Face cache under PEER_DIR/hf (model id
# local/llmbench-tokenizer), so AIPerf runs with HF_HUB_OFFLINE=1. Logs go to PEER_DIR. On failure
# it exits 1 and its last line of stderr says why.
set -euo pipefail
venv="$1" peer_dir="$2" spec="$3" corpus="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$peer_dir"
if [[ ! -x "$venv/bin/aiperf" ]]; then
    echo "installing the peer ($spec) into $venv (log: $peer_dir/install.log); a few minutes the first time" >&2
    if ! { python3 -m venv "$venv" && timeout 1200 "$venv/bin/pip" install --quiet "$spec"; } \
        > "$peer_dir/install.log" 2>&1; then
        echo "pip install $spec failed: $(tail -3 "$peer_dir/install.log" | tr '\n' ' ')" >&2
        exit 1
    fi
fi
revision=0000000000000000000000000000000000000001
model="$peer_dir/hf/hub/models--local--llmbench-tokenizer"
snapshot="$model/snapshots/$revision"
if [[ ! -f "$snapshot/tokenizer.json" ]]; then
    echo "training a tiny WordLevel tokenizer on $(basename "$corpus") for the peer" >&2
    mkdir -p "$snapshot" "$model/refs"
    if ! HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$venv/bin/python" "$here/train_tokenizer.py" "$corpus" "$snapshot" \
        > "$peer_dir/tokenizer.log" 2>&1; then
        rm -rf "$snapshot"
        echo "the tokenizer could not be built: $(tail -2 "$peer_dir/tokenizer.log" | tr '\n' ' ')" >&2
        exit 1
    fi
    printf '%s' "$revision" > "$model/refs/main"
fi
