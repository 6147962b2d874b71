"""Trace replay: a generated trace of Poisson arrivals replayed open loop against the simulator.
How far behind its trace time each request started (the client's schedule lag, from its records)
and how far behind it the server received it (from the simulator's truth), and whether the
server saw the requests in the trace's order. Not in the default sections: `--sections trace`."""

from __future__ import annotations

import json
import random

from ..analysis import percentile
from ..processes import log
from ..report import fmt
from ..servers import Simulator, simulator_args
from ..tools import llm_bench

# (requests, mean arrivals per second) of the generated trace.
PLANS = {"full": (4000, 200.0), "quick": (2000, 100.0), "smoke": (200, 50.0)}
INPUT_TOKENS, OUTPUT_TOKENS = 32, 16


def write_trace(path, count: int, rate: float, seed: int = 7) -> None:
    """llm-bench's own JSONL trace: `count` rows, exponential gaps of mean 1/rate, fixed lengths."""
    generator = random.Random(seed)
    offset = 0.0
    with open(path, "w") as handle:
        for _ in range(count):
            handle.write(json.dumps({"offset_ms": round(offset, 3), "input_tokens": INPUT_TOKENS,
                                     "output_tokens": OUTPUT_TOKENS}) + "\n")
            offset += generator.expovariate(rate) * 1000


def analyse_replay(records: list[dict], truths: list[dict]) -> dict:
    """Schedule lag (start − scheduled, ms) per record; the server's lateness (its receipt − the
    trace time on the client's monotonic clock, ms) per request it saw; whether it saw them in
    the trace's order (request index)."""
    counted = [r for r in records if not r.get("warmup") and r.get("scheduled_offset_ms") is not None]
    lags = [r["start_offset_ms"] - r["scheduled_offset_ms"] for r in counted]
    by_id = {t["request_id"]: t for t in truths}
    late, order = [], []
    for record in counted:
        truth = by_id.get(record["request_id"])
        if truth is None:
            continue
        case_start_ns = record["send_clock_ns"] - record["send_offset_ms"] * 1e6
        late.append((truth["received_nanoseconds"] - case_start_ns) / 1e6 - record["scheduled_offset_ms"])
        order.append((truth["received_nanoseconds"], record["index"]))
    indices = [index for _, index in sorted(order)]
    return {"requests": len(counted), "ok": sum(r.get("status") == "ok" for r in counted),
            "lag_p50": percentile(lags, 50), "lag_p99": percentile(lags, 99), "lag_max": max(lags, default=None),
            "late_p50": percentile(late, 50), "late_p99": percentile(late, 99), "late_max": max(late, default=None),
            "in_order": indices == sorted(indices), "out_of_order": sum(a > b for a, b in zip(indices, indices[1:]))}


def run(context):
    count, rate = context.plan(PLANS)
    rows = []
    for rep in range(context.reps):
        if not context.time_left():
            log("time budget spent: skipping the rest of the trace runs")
            break
        folder = context.next_dir(f"trace-r{rep}")
        trace = folder / "trace.jsonl"
        write_trace(trace, count, rate, seed=7 + rep)
        with Simulator(context.binary, simulator_args((5, 2), threads=1), folder) as server:
            result = llm_bench.run(context, server, folder, concurrency=1, runs=1, output_tokens=OUTPUT_TOKENS,
                                   timeout_s=count / rate + 300, force_output_length=False,
                                   case=f"{{trace: {trace}, format: jsonl}}")
            truths = [t for t in server.truths() if t.get("is_streaming", True)]
        row = analyse_replay(result.pop("records"), truths)
        row.update(rc=result["rc"], cpu_s=result["cpu_s"], wall_s=result["wall_s"])
        rows.append(row)
        log(f"trace repetition {rep + 1}: {row['ok']}/{row['requests']} ok; schedule lag p50 {fmt(row['lag_p50'], 3)} "
            f"p99 {fmt(row['lag_p99'], 3)} max {fmt(row['lag_max'], 3)} ms; server receipt after trace time p99 "
            f"{fmt(row['late_p99'], 3)} ms; in order {row['in_order']}; rc {row['rc']}")
    context.out["trace"] = {"requests": count, "rate": rate, "rows": rows}


def render(context, out: dict) -> list[str]:
    trace = out.get("trace")
    if trace is None:
        return []
    lines = ["## Trace replay against the simulator", "",
             f"A generated JSONL trace of {trace['requests']:,} requests, Poisson arrivals at {fmt(trace['rate'], 0)}/s "
             f"({INPUT_TOKENS} in / {OUTPUT_TOKENS} out; simulator TTFT 5 ms, ITL 2 ms), replayed open loop. Schedule "
             "lag = the request's start − its trace time (the client's records); server receipt = the simulator's "
             "receive time − the trace time, on the same monotonic clock; order = the simulator's receive order "
             "against the trace's.", "",
             "| repetition | ok | schedule lag p50 / p99 / max ms | server receipt after trace time p50 / p99 / max ms | "
             "in trace order | exit |", "| --- | --- | --- | --- | --- | --- |"]
    for number, row in enumerate(trace["rows"], 1):
        order = "yes" if row["in_order"] else f"no ({row['out_of_order']} swaps)"
        lines.append(f"| {number} | {row['ok']}/{row['requests']} | {fmt(row['lag_p50'], 3)} / {fmt(row['lag_p99'], 3)} / "
                     f"{fmt(row['lag_max'], 3)} | {fmt(row['late_p50'], 3)} / {fmt(row['late_p99'], 3)} / "
                     f"{fmt(row['late_max'], 3)} | {order} | {row['rc']} |")
    return lines + [""]
