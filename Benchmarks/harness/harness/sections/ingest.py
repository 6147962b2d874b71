"""6. Ingest ceiling against a server that costs next to nothing: the C server streams max_tokens
events per request as fast as the socket takes them. Tokens/s is the client's own read rate
(`output_throughput_tps` where records carry no lag); CPU is marginal (long run − short run, a tenth of the tokens). Not in the
default sections: `--sections ingest`."""

from __future__ import annotations

from ..analysis import marginal_cpu_per_million, median
from ..processes import log
from ..report import fmt
from ..servers import CServer
from ..tools import llm_bench

# (streams, tokens per stream) unless --ingest-streams / --ingest-tokens say otherwise.
DEFAULTS = {"full": (1024, 2000), "quick": (1024, 2000), "smoke": (64, 400)}


def workload(context) -> tuple[int, int]:
    streams, tokens = context.plan(DEFAULTS)
    return context.options.ingest_streams or streams, context.options.ingest_tokens or tokens


def run(context):
    if not context.c_server:
        context.out["ingest"] = {"error": context.c_server_error or "no C server"}
        return
    streams, tokens = workload(context)
    rows = []
    for rep in range(context.reps):
        if not context.time_left():
            log("time budget spent: skipping the rest of the ingest runs")
            break
        pair = {}
        for label, count in (("long", tokens), ("short", tokens // 10)):
            folder = context.next_dir(f"ingest-c{streams}-{label}-r{rep}")
            with CServer(context.c_server, None, None, folder) as server:
                pair[label] = llm_bench.run(context, server, folder, concurrency=streams, runs=1,
                                            output_tokens=count, timeout_s=300, input_tokens=16,
                                            force_output_length=False)
            pair[label].pop("records", None)
        long = pair["long"]
        row = {"rate": long.get("client_ingest_tps"), "cpu_per_m": marginal_cpu_per_million(long, pair["short"]),
               "maxrss_mb": long["maxrss_kb"] / 1024, "rc": long["rc"], "short_rc": pair["short"]["rc"],
               "tokens": long["tokens"]}
        rows.append(row)
        log(f"repetition {rep + 1}: ingest {fmt(row['rate'], 0)} tokens/s, marginal CPU {fmt(row['cpu_per_m'])} s "
            f"per 1M tokens, peak RSS {row['maxrss_mb']:.0f} MB")
    context.out["ingest"] = {"streams": streams, "tokens": tokens, "rows": rows,
                             "rate": median([r["rate"] for r in rows]),
                             "cpu_per_m": median([r["cpu_per_m"] for r in rows])}


def render(context, out: dict) -> list[str]:
    ingest = out.get("ingest")
    if ingest is None:
        return []
    lines = ["## 6. Ingest ceiling against the C server", ""]
    if ingest.get("error"):
        return lines + [f"Skipped: {ingest['error']}", ""]
    lines += [f"`Benchmarks/harness/mock-sse-server.c` unpaced, {ingest['streams']:,} streams × "
              f"{ingest['tokens']:,} tokens (short run: {ingest['tokens'] // 10:,}), a fresh server per run. "
              "Ingest = the client's own read rate (each record's end + its last lag with kernel stamps, else `output_throughput_tps`); CPU = (CPU(long) − CPU(short)) / (tokens(long) − "
              "tokens(short)).", "",
              "| repetition | ingest tokens/s | marginal client CPU-s per 1M tokens | peak RSS MB | exit long / short |",
              "| --- | --- | --- | --- | --- |"]
    for number, row in enumerate(ingest["rows"], 1):
        lines.append(f"| {number} | {fmt(row['rate'], 0)} | {fmt(row['cpu_per_m'])} | {fmt(row['maxrss_mb'], 1)} | "
                     f"{row['rc']} / {row['short_rc']} |")
    lines += ["", f"Median: ingest **{fmt(ingest['rate'], 0)} tokens/s** at {ingest['streams']:,} streams, "
              f"**{fmt(ingest['cpu_per_m'])}** client CPU-s per 1M tokens.", ""]
    return lines
