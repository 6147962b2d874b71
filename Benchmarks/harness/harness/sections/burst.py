"""Burst: 1,024 lockstep streams (TTFT 100 ms, ITL 20 ms, every stream's token in the same step, as
a batching server writes) from the C server, kernel and user receive stamps side by side against
its write times, alone and with a CPU hog on one core; the client's own lag; CPU per token against
curl on the same bursts (the efficiency section's marginal method) and peak RSS."""

from __future__ import annotations

import contextlib
import json

from .. import stamps
from ..analysis import efficiency_row, median, ratio
from ..hog import CpuHog, describe
from ..processes import FOREIGN_LIMIT_CORES, log
from ..report import fmt, verdict
from ..servers import CServer
from ..tools import curl, llm_bench

TTFT_MS, ITL_MS = 100, 20
# (streams, tokens per stream, separate runs per condition): a quick condition takes ~30 s.
PLANS = {"full": (1024, 500, 3), "quick": (1024, 200, 3), "smoke": (64, 40, 1)}
SHORT_FRACTION = 8  # the short run of a CPU pair streams 1/8 of the long run's tokens
# The limits, ms.
ITL_P50, ITL_P99, TTFT_P50, CLIENT_SHARE_P99, CPU_RATIO = 0.5, 1.0, 1.0, 1.0, 1.2


def thread_choices(context) -> list:
    """The `client_threads` values to run (None: the key left out of the config, today's binary)."""
    values = getattr(context.options, "burst_client_threads", None)
    return [int(v) for v in values.split(",") if v.strip()] if values else [None]


def condition_name(hog: bool, threads) -> str:
    return ("CPU hog on one core" if hog else "alone") + (f", client_threads {threads}" if threads else "")


def measure(context, streams, tokens, hog, threads, label):
    """One llm-bench run against a fresh lockstep C server: (analysis, the run's raw result)."""
    folder = context.next_dir(f"burst-{label}")
    with CServer(context.c_server, TTFT_MS, ITL_MS, folder, lockstep=True) as server:
        result = llm_bench.run(context, server, folder, concurrency=streams, runs=1, output_tokens=tokens,
                               timeout_s=300, extra_config=config_extra(threads), company=CpuHog if hog else contextlib.nullcontext)
        truths = [t for t in server.truths() if t.get("is_streaming", True)]
    (folder / "truth.json").write_text(json.dumps(truths))
    analysis = stamps.analyse_run(result.pop("records"), result["row"], truths, TTFT_MS, ITL_MS)
    analysis.update({key: result.get(key) for key in ("rc", "ok", "requests", "failures", "cpu_s", "wall_s",
                                                      "foreign_cores", "sim_cpu_s", "tokens")})
    analysis["maxrss_mb"] = result["maxrss_kb"] / 1024
    result["contaminated"] = (result.get("foreign_cores") or 0) > FOREIGN_LIMIT_CORES
    user, kernel = analysis["clocks"]["user"] or {}, analysis["clocks"]["kernel"] or {}
    log(f"burst {label}: {analysis['ok']}/{analysis['requests']} ok, clock {analysis['clock']}; ITL abs err p99 "
        f"user {fmt(user.get('itl_abs_err_p99'), 3)} kernel {fmt(kernel.get('itl_abs_err_p99'), 3)} ms; TTFT err "
        f"p99 user {fmt(user.get('ttft_err_p99'), 3)} ms; lag p99 {fmt(analysis['lag_p99'], 3)} ms; "
        f"{fmt(analysis['burst_events_p50'], 0)} events per burst; rc {analysis['rc']}")
    return analysis, result


def config_extra(threads) -> dict | None:
    """The config keys of a `client_threads` choice (none for today's binary)."""
    return {"client_threads": threads} if threads else None


def cpu_pair(context, tool, streams, tokens, threads, long=None, label=""):
    """A (long, short) pair of `tool` against the lockstep C server; `long` reuses a measured run."""
    pair = {}
    for name, count in (("long", tokens), ("short", max(tokens // SHORT_FRACTION, 1))):
        if name == "long" and long is not None:
            pair[name] = long
            continue
        folder = context.next_dir(f"burst-cpu-{tool}-{name}-{label}")
        with CServer(context.c_server, TTFT_MS, ITL_MS, folder, lockstep=True) as server:
            if tool == "llm-bench":
                result = llm_bench.run(context, server, folder, concurrency=streams, runs=1, output_tokens=count,
                                       timeout_s=300, extra_config=config_extra(threads))
            else:
                result = curl.run(context, server, folder, concurrency=streams, runs=1, output_tokens=count,
                                  timeout_s=300)
        result.pop("records", None)
        result["contaminated"] = (result.get("foreign_cores") or 0) > FOREIGN_LIMIT_CORES
        pair[name] = result
    return pair


def run(context):
    if not context.c_server:
        context.out["burst"] = {"error": context.c_server_error or "no C server"}
        return
    streams, tokens, runs = context.plan(PLANS)
    out = {"streams": streams, "tokens": tokens, "runs": runs, "hog": describe(CpuHog().core), "conditions": []}
    context.out["burst"] = out
    pairs: dict = {"llm-bench": [], "curl": []}
    for threads in thread_choices(context):
        for hog in (False, True):
            condition = {"name": condition_name(hog, threads), "hog": hog, "threads": threads, "runs": []}
            out["conditions"].append(condition)
            for number in range(1, runs + 1):
                if not context.time_left():
                    log("time budget spent: skipping the rest of the burst runs")
                    break
                label = f"{'hog' if hog else 'alone'}-t{threads or 'default'}-r{number}"
                analysis, raw = measure(context, streams, tokens, hog, threads, label)
                condition["runs"].append(analysis)
                if hog or threads != thread_choices(context)[0] or not context.time_left():
                    continue
                # CPU against curl on the same bursts: this run is the long one of llm-bench's pair.
                pairs["llm-bench"].append(cpu_pair(context, "llm-bench", streams, tokens, threads, long=raw, label=label))
                pairs["curl"].append(cpu_pair(context, "curl", streams, tokens, threads, label=label))
    out["cpu"] = {tool: efficiency_row(tool, "c", streams, tool_pairs) for tool, tool_pairs in pairs.items()
                  if tool_pairs}


def within(*checks) -> bool | None:
    """Whether every (value, limit) pair has abs(value) ≤ limit; None when a value is missing."""
    if any(value is None for value, _ in checks):
        return None
    return all(abs(value) <= limit for value, limit in checks)


TARGETS = ("ITL abs(reported − true) per event ≤ 0.5 ms p50, ≤ 1 ms p99",
           "reported ITL p50 within 0.5 ms, p90 and p99 within 1 ms", "TTFT reported − true ≤ 1 ms at p50",
           "client's own share of TTFT p99 ≤ 1 ms")


def run_checks(run: dict, clock: str) -> dict:
    """Whether one run meets each per-run target on `clock`: True, False, or None when not
    measurable (no such stamps, a missing figure); the client's share is a user-clock target."""
    figures = run["clocks"].get(clock) or {}
    checks = dict.fromkeys(TARGETS if clock == "user" else TARGETS[:3])
    if not figures:
        return checks
    get = figures.get
    checks[TARGETS[0]] = within((get("itl_abs_err_p50"), ITL_P50), (get("itl_abs_err_p99"), ITL_P99))
    checks[TARGETS[1]] = within((get("itl_reported_diff_p50"), ITL_P50), (get("itl_reported_diff_p90"), ITL_P99),
                                (get("itl_reported_diff_p99"), ITL_P99))
    checks[TARGETS[2]] = within((get("ttft_err_p50"), TTFT_P50))
    if clock == "user":
        checks[TARGETS[3]] = within((run.get("first_lag_p99"), CLIENT_SHARE_P99))
    return checks


def tally(oks: list) -> tuple[str, str]:
    """(measured, verdict) of one target over the runs: None entries were not measured."""
    measured = [ok for ok in oks if ok is not None]
    text = f"{sum(measured)}/{len(oks)} runs meet"
    if len(measured) < len(oks):
        text += f"; {len(oks) - len(measured)} not measured (no kernel stamps or a missing figure)"
    if not measured:
        return "not measured (no kernel stamps or a missing figure)", "not measured"
    if not all(measured):
        return text, "**misses**"
    return text, "meets" if len(measured) == len(oks) else "meets where measured"


def cell(figures, key, digits=3) -> str:
    """A figure of one clock, or why that clock has none."""
    return "no kernel stamps" if figures is None else fmt(figures.get(key), digits)


def pair_cells(run: dict, key: str, digits=3) -> str:
    clocks = run["clocks"]
    return f"{cell(clocks.get('kernel'), key, digits)} | {cell(clocks.get('user'), key, digits)}"


def render_errors(condition: dict) -> list[str]:
    lines = [f"#### {condition['name']}", "",
             "Per event against the server's write times, ms (kernel | user stamps; user = kernel + the client's "
             "measured lag when the records carry kernel stamps):", "",
             "| run | clock of the records | requests ok | ITL abs err p50, kernel | user | ITL abs err p99, kernel | "
             "user | TTFT err p50, kernel | user | TTFT err p99, kernel | user | events per burst, burst ms p50 / max | "
             "server lateness p99 / max | peak RSS MB | others' CPU (cores) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for number, run in enumerate(condition["runs"], 1):
        lines.append(f"| {number} | {run['clock']} | {run['ok']}/{run['requests']} | "
                     f"{pair_cells(run, 'itl_abs_err_p50')} | {pair_cells(run, 'itl_abs_err_p99')} | "
                     f"{pair_cells(run, 'ttft_err_p50')} | {pair_cells(run, 'ttft_err_p99')} | "
                     f"{fmt(run['burst_events_p50'], 0)}, {fmt(run['burst_ms_p50'])} / {fmt(run['burst_ms_max'])} | "
                     f"{fmt(run.get('server_lateness_p99'))} / {fmt(run.get('server_lateness_max'))} | "
                     f"{fmt(run['maxrss_mb'], 1)} | {fmt(run['foreign_cores'])} |")
    lines += ["", "Reported percentiles against the true ones, ms: reported / true (reported − true). The clock "
              "the records use shows the results row's own figures; the other clock's are recomputed from the "
              "records.", "",
              "| run | clock | from | ITL p50 | ITL p90 | ITL p99 | TTFT p50 | TTFT p99 |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for number, run in enumerate(condition["runs"], 1):
        for clock in stamps.CLOCKS:
            figures = run["clocks"].get(clock)
            if figures is None:
                lines.append(f"| {number} | {clock} | – | no kernel stamps | | | | |")
                continue
            cells = []
            for name in stamps.REPORTED:
                metric, quantile = name.split("_")
                cells.append(f"{fmt(figures.get(f'{metric}_reported_{quantile}'), 2)} / "
                             f"{fmt(figures.get(f'{metric}_true_{quantile}'), 2)} "
                             f"({fmt(figures.get(f'{metric}_reported_diff_{quantile}'), 3)})")
            lines.append(f"| {number} | {clock} | {figures['reported_from']} | {' | '.join(cells)} |")
    lines += ["", "Where the client's TTFT went, ms, p50 / p99 per part. Transit = server read − client send (the "
              "client writing, the server reading 1,024 requests in turn, which a real client also waits for); "
              "server = first write − server read (TTFT 100 ms + the wait for the step); delivery = kernel receive − "
              "first write (send side, loopback); client's own share = user read − kernel receive at the first "
              "token event. TTFT reported (user) − true = delivery + the client's share. Client lag over every token "
              "event, p50 / p99 / max:", "",
              "| run | transit | server (− 100 ms) | TTFT reported (user) − true | delivery | client's own share | "
              "client lag, every event p50 / p99 / max |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for number, run in enumerate(condition["runs"], 1):
        no_kernel = run["clocks"].get("kernel") is None
        lag = ("no kernel stamps" if run["lag_p50"] is None
               else f"{fmt(run['lag_p50'], 3)} / {fmt(run['lag_p99'], 3)} / {fmt(run['lag_max'], 3)}")
        lines.append(
            f"| {number} | {fmt(run['transit_p50'])} / {fmt(run['transit_p99'])} | "
            f"{fmt(run['server_over_nominal_p50'])} / {fmt(run['server_over_nominal_p99'])} | "
            f"{fmt(run['user_err_p50'], 3)} / {fmt(run['user_err_p99'], 3)} | "
            + ("no kernel stamps" if no_kernel else f"{fmt(run['delivery_p50'], 3)} / {fmt(run['delivery_p99'], 3)}")
            + " | " + ("no kernel stamps" if run["lag_p50"] is None
                       else f"{fmt(run['first_lag_p50'], 3)} / {fmt(run['first_lag_p99'], 3)}")
            + f" | {lag} |")
    return lines + [""]


def render_cpu(out: dict) -> list[str]:
    cpu = out.get("cpu") or {}
    if not cpu:
        return []
    floor = (cpu.get("curl") or {}).get("marginal")
    lines = ["#### CPU per streamed token on the same bursts (alone)", "",
             f"The efficiency section's marginal method: (CPU(long) − CPU(short)) / (tokens(long) − tokens(short)), "
             f"long = {out['tokens']} tokens per stream (llm-bench's long runs are the runs above), short = "
             f"1/{SHORT_FRACTION} of that, each against a fresh lockstep C server; medians over the runs.", "",
             "| tool | CPU-s per 1M (marginal) | whole process | timed phase | × curl (marginal) | peak RSS MB | "
             "reps ok, quiet |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for tool, row in cpu.items():
        lines.append(f"| {tool} | {fmt(row['marginal'])} | {fmt(row['gross'])} | {fmt(row['timed'])} | "
                     f"{fmt(ratio(row['marginal'], floor))} | {fmt(row['rss_mb'], 1)} | "
                     f"{row['ok_reps']}/{row['all_reps']}, {row['clean_reps']} |")
    return lines + [""]


def targets(out: dict) -> list[str]:
    """The issue's burst targets next to what each run measured, kernel and user side by side."""
    rows = []
    for condition in out.get("conditions") or []:
        for clock in stamps.CLOCKS:
            results: dict = {}
            for run in condition["runs"]:
                for target, ok in run_checks(run, clock).items():
                    results.setdefault(target, []).append(ok)
            if clock == "kernel" and not any(run["clocks"].get("kernel") for run in condition["runs"]):
                rows.append((f"every target ({condition['name']}, kernel stamps)", "no kernel stamps", "not measured"))
                continue
            for target, oks in results.items():
                rows.append((f"{target} ({condition['name']}, {clock} stamps), in each run", *tally(oks)))
    cpu = out.get("cpu") or {}
    value = ratio((cpu.get("llm-bench") or {}).get("marginal"), (cpu.get("curl") or {}).get("marginal"))
    if cpu:
        rows.append(("CPU per streamed token ≤ 1.2 × curl (lockstep bursts, marginal)",
                     fmt(value) + "×" if value else "–", verdict(value, CPU_RATIO)))
    rss = median([run["maxrss_mb"] for c in out.get("conditions") or [] for run in c["runs"]])
    if rss is not None:
        rows.append(("peak RSS no worse than today's", f"{fmt(rss, 1)} MB (median of the burst runs)",
                     "compare with the README's figure"))
    lines = ["#### Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    return lines + [f"| {a} | {b} | {c} |" for a, b, c in rows] + [""]


def render(context, out: dict) -> list[str]:
    burst = out.get("burst")
    if burst is None:
        return []
    streams = f"{burst['streams']:,}" if burst.get("streams") else "1,024"
    title = f"## 7. Burst: {streams} lockstep streams, kernel and user receive stamps"
    if burst.get("error"):
        return [title, "", f"Skipped: {burst['error']}", ""]
    lines = [title, "",
             f"`Benchmarks/harness/mock-sse-server.c --ttft-ms {TTFT_MS} --itl-ms {ITL_MS} --lockstep`: every "
             f"stream's first token at the first {ITL_MS} ms step at least {TTFT_MS} ms after its request, then one "
             f"event per step, all streams in the same step (truth = CLOCK_MONOTONIC just before each write; a "
             f"request that arrives between steps waits for the next, as in a batching server, so the true TTFT is "
             f"{TTFT_MS}–{TTFT_MS + ITL_MS} ms). "
             f"{burst['streams']:,} streams × {burst['tokens']} tokens, one fresh server and client per run; the "
             f"hog: `{burst['hog']}`, started after the wait for an idle machine and stopped when the client exited.",
             ""]
    for condition in burst["conditions"]:
        lines += render_errors(condition)
    return lines + render_cpu(burst) + targets(burst)
