"""2. Memory: peak RSS of the client (wait4 ru_maxrss) at 1,000 and 10,000 paced streams."""

from __future__ import annotations

from ..analysis import per_stream_kb
from ..processes import log
from ..report import fmt
from ..servers import Simulator, simulator_args
from ..tools import llm_bench

LEVELS = {"full": [1000, 10000], "quick": [1000, 10000], "smoke": [100, 1000]}
TOKENS = {"full": 32, "quick": 32, "smoke": 8}


def run(context):
    levels = context.plan(LEVELS)
    tokens = context.plan(TOKENS)
    rows = {}
    for concurrency in levels:
        if not context.time_left():
            break
        folder = context.next_dir(f"mem-c{concurrency}")
        with Simulator(context.binary, simulator_args((100, 100), threads=2), folder) as sim:
            result = llm_bench.run(context, sim, folder, concurrency=concurrency, runs=1,
                                   output_tokens=tokens, timeout_s=240)
            stats = sim.stats()
        rows[concurrency] = {
            "concurrency": concurrency, "rc": result["rc"], "ok": result["ok"], "requests": result["requests"],
            "failures": result["failures"], "maxrss_mb": result["maxrss_kb"] / 1024,
            "rss_before_timed_mb": (result["rss_before_timed_kb"] or 0) / 1024,
            "wall_s": result["wall_s"], "cpu_s": result["cpu_s"],
            "sim_max_lateness_ms": stats.get("max_lateness_nanoseconds", 0) / 1e6,
            "foreign_cores": result.get("foreign_cores"),
        }
        log(f"memory c={concurrency}: peak RSS {rows[concurrency]['maxrss_mb']:.1f} MB, "
            f"{result['ok']}/{result['requests']} ok, rc {result['rc']}")
    low, high = levels
    per_stream = None
    if low in rows and high in rows:
        per_stream = per_stream_kb(rows[low]["maxrss_mb"], rows[high]["maxrss_mb"], low, high)
    context.out["memory"] = {"rows": rows, "per_stream_kb": per_stream, "tokens": tokens, "levels": levels}


def render(context, out: dict) -> list[str]:
    memory = out.get("memory")
    if not memory:
        return []
    low, high = memory.get("levels") or (1000, 10000)
    lines = ["## 2. Memory: peak RSS of the client",
             "", f"Simulator --deterministic --ttft-ms 100 --itl-ms 100 --threads 2, {memory['tokens']} tokens "
             "per request, one wave (runs: 1). Peak RSS from wait4 (ru_maxrss); 'before timing' sampled when "
             "the client emitted its `case_started` event (connections open, prompts ready).", "",
             "| streams | peak RSS MB | RSS before timing MB | requests ok | failures | exit | wall s | "
             "simulator max lateness ms | others' CPU (cores) |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in memory["rows"].values():
        failures = ", ".join(f"{k}={v}" for k, v in row["failures"].items()) or "none"
        lines.append(f"| {row['concurrency']:,} | {fmt(row['maxrss_mb'], 1)} | {fmt(row['rss_before_timed_mb'], 1)} | "
                     f"{row['ok']:,}/{row['requests']:,} | {failures} | {row['rc']} | {fmt(row['wall_s'], 1)} | "
                     f"{fmt(row['sim_max_lateness_ms'], 1)} | {fmt(row['foreign_cores'])} |")
    lines += ["", f"Per stream: (RSS{short(high)} − RSS{short(low)}) / {high - low} = "
              f"**{fmt(memory['per_stream_kb'], 1)} KB**", ""]
    efficiency = out.get("efficiency") or {}
    if "llm-bench@1024" in efficiency:
        lines += [f"Peak RSS at 1,024 instant streams (efficiency runs, 500 tokens each): "
                  f"{fmt(efficiency['llm-bench@1024']['rss_mb'], 1)} MB.", ""]
    return lines


def short(streams: int) -> str:
    """10000 → `10k`, 1000 → `1k`, 100 → `100`."""
    return f"{streams // 1000}k" if streams >= 1000 and streams % 1000 == 0 else str(streams)
