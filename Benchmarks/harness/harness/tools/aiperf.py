"""The peer: NVIDIA AIPerf from PyPI, in its own venv, with a tiny local tokenizer (peer/setup.sh)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

from ..processes import ForeignLoad, log, run_measured
from ..servers import Server
from .llm_bench import MODEL

TOKENIZER = "local/llmbench-tokenizer"
SETUP = Path(__file__).resolve().parents[2] / "peer" / "setup.sh"


def prepare(venv: Path, peer_dir: Path, spec: str, corpus: Path) -> str | None:
    """Installs the peer and its tokenizer when missing; None when ready, else why not."""
    process = subprocess.run([str(SETUP), str(venv), str(peer_dir), spec, str(corpus)],
                             stderr=subprocess.PIPE, text=True)
    lines = [line for line in process.stderr.splitlines() if line.strip()]
    for line in lines[:-1] if process.returncode else lines:
        log(line)
    if process.returncode == 0:
        return None
    return lines[-1] if lines else f"peer/setup.sh exited with status {process.returncode}"


def version(venv: Path) -> str:
    """`AIPerf <version> (<venv>)`, or why it is not there."""
    python = venv / "bin" / "python"
    if not python.exists():
        return "not used"
    probe = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('aiperf'))"],
                           capture_output=True, text=True)
    return f"AIPerf {probe.stdout.strip()} ({venv})" if probe.returncode == 0 else f"not installed in {venv}"


def tokens_of(record: dict) -> int:
    """Output tokens of one AIPerf record (the server's count when it gave one)."""
    metrics = record["metrics"]
    value = (metrics.get("usage_completion_tokens") or metrics.get("output_token_count") or {}).get("value")
    return int(value or 0)


def run(context, sim: Server, folder: Path, *, concurrency: int, runs: int, output_tokens: int,
        timeout_s: float) -> dict:
    """One measured `aiperf profile` of the llm-bench workload against `sim`."""
    aiperf = str(context.peer_venv / "bin" / "aiperf")
    env = dict(os.environ)
    env.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HOME": str(context.peer_dir / "hf"),
                "HF_HUB_DISABLE_TELEMETRY": "1", "AIPERF_NO_COLOR": "1", "NO_COLOR": "1",
                "COLUMNS": "160"})
    artifacts = folder / "aiperf"
    cmd = [aiperf, "profile", "--model", MODEL, "--url", sim.base_url, "--endpoint-type", "completions",
           "--streaming", "--concurrency", str(concurrency), "--request-count", str(concurrency * runs),
           "--prompt-input-tokens-mean", "32", "--prompt-input-tokens-stddev", "0",
           "--prompt-output-tokens-mean", str(output_tokens), "--prompt-output-tokens-stddev", "0",
           "--extra-inputs", "ignore_eos:true", "--extra-inputs", f"min_tokens:{output_tokens}",
           "--use-server-token-count", "--tokenizer", TOKENIZER,
           "--ui-type", "none", "--output-artifact-dir", str(artifacts),
           "--no-server-metrics", "--no-gpu-telemetry", "--random-seed", "1",
           "--request-timeout-seconds", "120"]
    offset_before = time.time_ns() - time.monotonic_ns()
    sim_before = sim.stats()["tokens_generated"]
    context.quiet()
    load = ForeignLoad()
    sim_cpu_before = sim.cpu_s()
    result = run_measured(cmd, timeout_s=timeout_s, stdout_path=str(folder / "stdout.txt"),
                          stderr_path=str(folder / "stderr.txt"), env=env)
    sim_cpu = (sim.cpu_s() or 0) - (sim_cpu_before or 0)
    foreign = load.finish(result.cpu_s + sim_cpu)
    offset_after = time.time_ns() - time.monotonic_ns()
    records = []
    export = artifacts / "profile_export.jsonl"
    if export.exists():
        with open(export) as handle:
            records = [json.loads(line) for line in handle if line.strip()]
    summary = {}
    summary_path = artifacts / "profile_export_aiperf.json"
    if summary_path.exists():
        summary = json.loads(summary_path.read_text())
    ok = [r for r in records if not r.get("error") and "time_to_first_token" in r.get("metrics", {})]
    sim_tokens = sim.stats()["tokens_generated"] - sim_before
    return {
        "tool": "aiperf", "rc": result.returncode, "timed_out": result.timed_out, "cpu_s": result.cpu_s,
        "user_s": result.user_s, "sys_s": result.sys_s, "maxrss_kb": result.maxrss_kb,
        "wall_s": result.wall_s, "tokens": sum(tokens_of(r) for r in ok), "tokens_sim": sim_tokens,
        "requests": len(records), "ok": len(ok), "records": records, "summary": summary, "sim_cpu_s": sim_cpu,
        "ingest_tps": (summary.get("output_token_throughput") or {}).get("avg"),
        "clock_offset_ns": (offset_before + offset_after) // 2,
        "clock_offset_drift_ns": abs(offset_after - offset_before), **foreign,
    }
