"""The client under test: `llm-bench run` on a generated config, measured from outside."""

from __future__ import annotations

import contextlib
import glob
import json
from pathlib import Path

from ..analysis import client_ingest_tps
from ..processes import ForeignLoad, run_measured
from ..servers import Server

MODEL = "llm-bench-sim"


def timed_phase_started(stderr_line: str) -> bool:
    """Whether a line of the client's `--progress jsonl` stream is the event that starts a case's
    timed phase (`case_started`)."""
    try:
        event = json.loads(stderr_line)
    except ValueError:
        return False
    return isinstance(event, dict) and event.get("event") == "case_started"


def config_text(base_url: str, output_dir: Path, input_file: str, *, concurrency: int, runs: int,
                output_tokens: int, input_tokens: int = 32, force_output_length: bool = True,
                extra: dict | None = None, case: str | None = None) -> str:
    """A config for one case streamed from `base_url` (the server's root, without /v1); `extra`
    adds top-level keys (only keys the binary under test knows); `case` replaces the fixed case
    (a flow mapping, e.g. a trace case)."""
    return (
        f'base_url: "{base_url}/v1"\n'
        f"model: {MODEL}\n"
        "output_prefix_name: bench\n"
        f"output_dir: {output_dir}\n"
        "save_format: jsonl\n"
        "stream_writing: true\n"
        f"runs: {runs}\n"
        f"num_concurrent_requests: {concurrency}\n"
        f"input_file: {input_file}\n"
        "prompt_source: corpus\n"
        "prompt_reuse: shared\n"
        'prompt_cache_dir: "off"\n'
        f"force_output_length: {'true' if force_output_length else 'false'}\n"
        "seed: 1\n"
        # the HTML report is made after the timed phase, from the files: its cost is not the
        # client's per streamed token (README "Performance" gives it apart)
        "report: false\n"
        # the server's /metrics are read off the timed path once a second; the A/B of the timed
        # path leaves them out (README "Performance" gives their cost apart)
        "server_metrics: off\n"
        "retry: {max_retries: 0}\n"
        "timeouts: {connect_ms: 30000, idle_ms: 60000}\n"
        # exactly runs x concurrency requests, as curl and AIPerf send: no warm-up requests
        "load: {warmup: 0}\n"
        + "".join(f"{key}: {value}\n" for key, value in (extra or {}).items())
        + "cases:\n"
        + (f"  - {case}\n" if case else f"  - {{input_tokens: {input_tokens}, output_tokens: {output_tokens}}}\n"))


def read_jsonl(paths) -> list[dict]:
    """Every JSON line of the files at `paths`."""
    rows = []
    for path in paths:
        with open(path) as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def tally(records: list[dict]) -> tuple[list[dict], dict, int]:
    """(successful records, failures by kind, tokens streamed by the successful ones)."""
    ok = [r for r in records if r.get("status") == "ok"]
    failures: dict = {}
    for r in records:
        if r.get("status") != "ok":
            kind = r.get("error_kind") or r.get("status")
            failures[kind] = failures.get(kind, 0) + 1
    tokens = sum((r.get("output_tokens_server") or r.get("output_tokens_counted") or 0) for r in ok)
    return ok, failures, tokens


def run(context, sim: Server, folder: Path, *, concurrency: int, runs: int, output_tokens: int,
        timeout_s: float, input_tokens: int = 32, force_output_length: bool = True,
        extra_config: dict | None = None, company=contextlib.nullcontext, case: str | None = None) -> dict:
    """One measured `llm-bench run` against `sim`: CPU, peak RSS, its records and results row.
    `company()` is entered after the wait for an idle machine and left when the client exited
    (the burst section's CPU hog); its CPU counts as others'."""
    config = folder / "config.yaml"
    config.write_text(config_text(sim.base_url, folder / "out", context.input_file, concurrency=concurrency,
                                  runs=runs, output_tokens=output_tokens, input_tokens=input_tokens,
                                  force_output_length=force_output_length, extra=extra_config, case=case))
    context.quiet()
    with company():
        load = ForeignLoad()
        sim_cpu_before = sim.cpu_s()
        result = run_measured(
            [context.binary, "run", str(config), "--progress", "jsonl"], timeout_s=timeout_s,
            stdout_path=str(folder / "stdout.txt"), stderr_path=str(folder / "stderr.txt"),
            marks={"timed": timed_phase_started})
        sim_cpu = (sim.cpu_s() or 0) - (sim_cpu_before or 0)
        foreign = load.finish(result.cpu_s + sim_cpu)
    records = read_jsonl(glob.glob(str(folder / "out" / "*_requests.jsonl")))
    rows = read_jsonl(p for p in glob.glob(str(folder / "out" / "*.jsonl"))
                      if not p.endswith(("_requests.jsonl", "_server_metrics.jsonl", "_turns.jsonl")))
    ok, failures, tokens = tally(records)
    timed_cpu = None
    rss_before_timed = None
    if "timed" in result.marks and result.marks["timed"][0] is not None:
        timed_cpu = result.cpu_s - result.marks["timed"][0]
        rss_before_timed = result.marks["timed"][1]
    run = {
        "tool": "llm-bench", "rc": result.returncode, "timed_out": result.timed_out,
        "cpu_s": result.cpu_s, "user_s": result.user_s, "sys_s": result.sys_s,
        "timed_cpu_s": timed_cpu, "rss_before_timed_kb": rss_before_timed,
        "maxrss_kb": result.maxrss_kb, "wall_s": result.wall_s, "tokens": tokens,
        "requests": len(records), "ok": len(ok), "failures": failures,
        "row": rows[0] if rows else {}, "records": records, "sim_cpu_s": sim_cpu, **foreign,
    }
    # Kept beside the records, which the sections drop once a run is measured.
    run["client_ingest_tps"] = client_ingest_tps(run)
    return run
