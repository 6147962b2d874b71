"""1. Efficiency: client CPU-seconds per million streamed tokens (server at full speed), llm-bench
vs curl (the floor) vs the peer. Marginal CPU = CPU(long run) − CPU(short run) over the difference
in tokens, which cancels start-up, prompt preparation and connection set-up; the timed-phase CPU
(sampled when the client's timed phase began) is a cross-check."""

from __future__ import annotations

from ..analysis import efficiency_row, ratio
from ..processes import FOREIGN_LIMIT_CORES, log
from ..report import fmt
from ..servers import CServer, Simulator, simulator_args
from ..tools import aiperf, curl, llm_bench

# (concurrency, runs, long tokens, short tokens): ~0.5 M tokens per long run in the full profile.
PLANS = {
    "full": [(64, 2, 4000, 500), (1024, 1, 500, 62)],
    "quick": [(64, 1, 4000, 500), (1024, 1, 250, 31)],
    "smoke": [(64, 1, 400, 50)],
}
# The ingest target against a source that costs next to nothing: the C server at full speed.
C_SERVER_PLANS = {"full": (1024, 1, 2000, 250), "quick": (1024, 1, 500, 250), "smoke": (64, 1, 400, 50)}
RUNNERS = {"llm-bench": llm_bench.run, "curl": curl.run, "aiperf": aiperf.run}


def work_list(context) -> list[tuple]:
    """(tool, server, concurrency, runs, long tokens, short tokens) of every measured pair."""
    plans = context.plan(PLANS)
    tools = ["llm-bench", "curl"]
    peer_at = {64} if "peer" in context.options.sections and context.peer_available() else set()
    work = [(tool, "simulator", *plan) for plan in plans
            for tool in tools + (["aiperf"] if plan[0] in peer_at else [])]
    if context.c_server:
        work += [(tool, "c", *context.plan(C_SERVER_PLANS)) for tool in tools]
    return work


def measure_once(context, tool, server, concurrency, runs, tokens, name) -> dict:
    """One run of `tool` against a fresh server, repeated once when others competed for the CPU."""
    for attempt in (1, 2):
        folder = context.next_dir(f"{name}-a{attempt}")
        source = (CServer(context.c_server, None, None, folder) if server == "c"
                  else Simulator(context.binary, simulator_args("instant"), folder))
        with source as sim:
            result = RUNNERS[tool](context, sim, folder, concurrency=concurrency, runs=runs,
                                   output_tokens=tokens, timeout_s=300)
        result.pop("records", None)
        result["contaminated"] = result.get("foreign_cores", 0) > FOREIGN_LIMIT_CORES
        if not result["contaminated"] or attempt == 2:
            return result
        log(f"others used {result['foreign_cores']:.2f} cores during that run: repeating it")


def run(context):
    table: dict = {}
    work = work_list(context)
    for rep in range(context.reps):
        for tool, server, concurrency, runs, long_tokens, short_tokens in work:
            if not context.time_left():
                log("time budget spent: skipping the rest of the efficiency runs")
                break
            pair = {}
            for label, tokens in (("long", long_tokens), ("short", short_tokens)):
                result = measure_once(context, tool, server, concurrency, runs, tokens,
                                      f"eff-{server}-{tool}-c{concurrency}-{label}-r{rep}")
                pair[label] = result
                log(f"efficiency {tool} vs {server} c={concurrency} {label} rep {rep + 1}: "
                    f"{result['cpu_s']:.2f} CPU-s, {result['tokens']:,} tokens, "
                    f"{result['wall_s']:.1f} s wall, rc {result['rc']}, RSS {result['maxrss_kb'] / 1024:.0f} MB")
            table.setdefault((tool, concurrency, server), []).append(pair)
    context.out["efficiency"] = {
        f"{tool}@{concurrency}" + ("/c" if server == "c" else ""): efficiency_row(tool, server, concurrency, pairs)
        for (tool, concurrency, server), pairs in table.items()}


def render(context, out: dict) -> list[str]:
    efficiency = out.get("efficiency")
    if not efficiency:
        return []
    lines = ["## 1. Efficiency: client CPU per 1M streamed tokens (server at full speed, 1 token/event)", "",
             "Servers: `llm-bench simulate --instant` and, for the ingest target, the C server "
             "(`Benchmarks/harness/mock-sse-server.c`, unpaced), which costs a fraction of the simulator's CPU.", "",
             f"Medians of {context.reps} repetition(s). *Marginal* = (CPU(long) − CPU(short)) / (tokens(long) − "
             "tokens(short)), fresh simulator per run; it excludes start-up, prompt preparation and connects. "
             "*Whole process* = CPU(long)/tokens(long). *Timed phase* = CPU after the client printed "
             "the `case_started` event (from /proc/<pid>/stat) / tokens. Ingest = tokens / wall time of the long run "
             "(llm-bench: its own read rate, each record's end + its last lag with kernel stamps; AIPerf: its `output_token_throughput`; curl: whole "
             "process). CPU of AIPerf = all its processes (they are waited for, so /usr/bin/time counts them); "
             "its RSS is that of its largest process.", "",
             f"Runs during which other processes used > {FOREIGN_LIMIT_CORES} cores were repeated once; medians "
             "use the quiet repetitions when there are any.", "",
             "| tool | server | streams | tokens long / short | CPU-s per 1M (marginal) | whole process | timed phase | "
             "× curl (marginal) | ingest tokens/s | peak RSS MB | server CPU-s per 1M | reps ok | "
             "others' CPU (cores, max)¹ | tokens/s one core could ingest (10⁶ / marginal) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key, row in efficiency.items():
        suffix = "/c" if key.endswith("/c") else ""
        floor = efficiency.get(f"curl@{row['concurrency']}{suffix}", {}).get("marginal")
        lines.append(
            f"| {row['tool']} | {row.get('server', 'simulator')} | {row['concurrency']:,} | "
            f"{row['long_tokens']:,} / {row['short_tokens']:,} | "
            f"{fmt(row['marginal'])} | {fmt(row['gross'])} | {fmt(row['timed'])} | "
            f"{fmt(ratio(row['marginal'], floor))} | {fmt(row['ingest'], 0)} | {fmt(row['rss_mb'], 1)} | "
            f"{fmt(row['sim_cpu_per_m'])} | {row['ok_reps']}/{row['all_reps']} ok, {row['clean_reps']} quiet | "
            f"{fmt(row['foreign_cores_max'])} | {fmt(1e6 / row['marginal'] if row['marginal'] else None, 0)} |")
    lines += ["", "¹ CPU the machine spent beyond the measured client(s) and the simulator: other programs, and "
              "kernel threads (an idle machine shows ~0.01 cores).", "",
              "Marginal CPU-s per 1M of each repetition used: " + "; ".join(
                  f"{row['tool']}@{row['concurrency']} ({row.get('server', 'simulator')}): "
                  + ", ".join(f"{v:.2f}" for v in row["marginal_all"])
                  for row in efficiency.values()), ""]
    return lines
