#!/usr/bin/env bash
# Renders the Kubernetes manifests of sharded runs with `llm-bench k8s render` and validates every
# one offline against the Kubernetes API schemas with kubernetes-validate (strict: an unknown field
# is an error), for several worker counts and for a config reading its secrets from variables.
# No cluster is needed. kubernetes-validate (PyPI) is installed into a venv under .build/ if missing.
#
#   scripts/check-kubernetes-manifests.sh [LLM_BENCH_BINARY]   (default .build/debug/llm-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/debug/llm-bench}")
kubernetes_version=1.30.0

validator=$(command -v kubernetes-validate || true)
if [ -z "$validator" ]; then
    venv=.build/kubernetes-validate-venv
    if [ ! -x "$venv/bin/kubernetes-validate" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet kubernetes-validate
    fi
    validator=$venv/bin/kubernetes-validate
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A value that must appear in no manifest and no printed line.
export OPENAI_API_KEY="sk-check-$$-never-written"
export VLLM_TOKEN="$OPENAI_API_KEY"

render() { # OUTPUT_FOLDER ARGUMENTS…
    local output=$1
    shift
    "$binary" k8s render "$@" --output "$output" > "$output.txt"
    if grep -rq -- "$OPENAI_API_KEY" "$output" "$output.txt"; then
        echo "FAIL: a secret from the environment is in the manifests of $*" >&2
        exit 1
    fi
}

render "$work/n1" configs/kubernetes.yaml --workers 1
render "$work/n4" configs/kubernetes.yaml --workers 4
render "$work/n16" configs/kubernetes.yaml --workers 16 --name many-shards --namespace bench \
    --storage-class nfs-client --storage-size 20Gi --cpu 500m --memory 1Gi --image registry.example.com/llm-bench:0.1.0

# A config whose key and a header come from variables of the Secret, reading a dataset beside it.
mkdir -p "$work/secret-config/data"
printf '{"prompt": "Hello there", "output_tokens": 16}\n' > "$work/secret-config/data/prompts.jsonl"
cp input.txt "$work/secret-config/input.txt"
cat > "$work/secret-config/bench.yaml" <<'YAML'
base_url: "https://inference.example.com/v1"
api_key: "${VLLM_TOKEN}"
headers:
  X-Tenant-Token: "${TENANT_TOKEN}"
model: "some/model"
seed: 1
runs: 2
num_concurrent_requests: 8
cases:
  - {input_tokens: 64, output_tokens: 32}
  - {dataset: data/prompts.jsonl}
YAML
render "$work/variables" "$work/secret-config/bench.yaml" --workers 4 --name with-secrets
grep -q -- "--from-literal=VLLM_TOKEN='<value of VLLM_TOKEN>' --from-literal=TENANT_TOKEN='<value of TENANT_TOKEN>'" \
    "$work/variables.txt" || { echo "FAIL: the kubectl create secret command is not printed" >&2; exit 1; }

# Refusals write nothing and exit 2: a key written into the config, and an embedded simulator.
sed 's/"${VLLM_TOKEN}"/sk-written-into-the-file/' "$work/secret-config/bench.yaml" > "$work/secret-config/literal.yaml"
for refused in "$work/secret-config/literal.yaml" configs/demo.yaml; do
    status=0
    "$binary" k8s render "$refused" --workers 2 --name refused --output "$work/refused" 2> "$work/refused.err" || status=$?
    if [ "$status" != 2 ] || [ -e "$work/refused" ] || grep -q sk-written-into-the-file "$work/refused.err"; then
        echo "FAIL: render of $refused exited $status (expected 2, nothing written, no key shown)" >&2
        exit 1
    fi
done

manifests=$(find "$work" -name '*.yaml' -path "$work/n*" -o -name '*.yaml' -path "$work/variables/*" | sort)
count=$(echo "$manifests" | wc -l)
# shellcheck disable=SC2086
"$validator" --kubernetes-version "$kubernetes_version" --strict --quiet $manifests
echo "kubernetes manifests: $count files of 4 renders valid against Kubernetes $kubernetes_version (strict)"
