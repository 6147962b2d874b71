"""5. The peer (AIPerf) side by side: the accuracy workloads at 100 and 1,000 streams against both
servers (its efficiency rows are measured in section 1)."""

from __future__ import annotations

from ..analysis import median_row, ratio
from ..report import accuracy_tables, fmt
from . import accuracy

CONCURRENCIES = (100, 1000)
COMPARED = (("TTFT error p50 ms", "ttft_err_p50"), ("TTFT error p99 ms", "ttft_err_p99"),
            ("ITL abs error p50 ms", "itl_abs_err_p50"), ("ITL abs error p99 ms", "itl_abs_err_p99"),
            ("events > 1 ms late", "late_fraction"), ("client CPU-s", "cpu_s"), ("peak RSS MB", "maxrss_mb"))


def run(context):
    if not context.peer_available():
        context.out["peer"] = {"error": context.peer_error}
        return
    plan = [step for step in context.plan(accuracy.PLANS) if step[0] in CONCURRENCIES]
    servers = ["simulator"] + (["c"] if context.c_server else [])
    result = {}
    for server in servers:
        rows = {}
        for concurrency, runs, tokens, threads in plan:
            if not context.time_left():
                break
            try:
                rows[concurrency] = accuracy.measure("aiperf", context, concurrency, runs, tokens, threads,
                                                     server=server)
            except Exception as error:  # the peer must never take the llm-bench results down
                rows[concurrency] = {"error": f"{type(error).__name__}: {error}"}
        result["accuracy" if server == "simulator" else "accuracy_c"] = rows
    context.out["peer"] = result


def efficiency_table(out: dict) -> list[str]:
    """llm-bench and AIPerf at 64 instant streams, from the efficiency section."""
    efficiency = out.get("efficiency") or {}
    ours, theirs = efficiency.get("llm-bench@64"), efficiency.get("aiperf@64")
    floor = (efficiency.get("curl@64") or {}).get("marginal")
    if not (ours and theirs):
        return []
    return ["| efficiency, 64 streams, instant | llm-bench | AIPerf | AIPerf / llm-bench |",
            "| --- | --- | --- | --- |",
            f"| CPU-s per 1M tokens (marginal) | {fmt(ours['marginal'])} | {fmt(theirs['marginal'])} | "
            f"{fmt(ratio(theirs['marginal'], ours['marginal']))} |",
            f"| whole process CPU-s per 1M | {fmt(ours['gross'])} | {fmt(theirs['gross'])} | "
            f"{fmt(ratio(theirs['gross'], ours['gross']))} |",
            f"| × curl (marginal) | {fmt(ratio(ours['marginal'], floor))} | "
            f"{fmt(ratio(theirs['marginal'], floor))} | |",
            f"| ingest tokens/s | {fmt(ours['ingest'], 0)} | {fmt(theirs['ingest'], 0)} | "
            f"{fmt(ratio(theirs['ingest'], ours['ingest']))} |",
            f"| peak RSS MB (largest process) | {fmt(ours['rss_mb'], 1)} | {fmt(theirs['rss_mb'], 1)} | "
            f"{fmt(ratio(theirs['rss_mb'], ours['rss_mb']))} |", ""]


def comparison_table(good: dict, ours_rows: dict) -> list[str]:
    """AIPerf's accuracy figures next to llm-bench's (the medians of its repeated runs)."""
    lines = ["llm-bench figures at 1,000 streams are medians of its repeated runs.", "",
             "| streams | metric | llm-bench | AIPerf | AIPerf / llm-bench |",
             "| --- | --- | --- | --- | --- |"]
    for concurrency, row in good.items():
        mine = ours_rows.get(concurrency)
        if not mine or "error" in mine:
            continue
        mine = median_row(mine)
        for label, name in COMPARED:
            lines.append(f"| {concurrency:,} | {label} | {fmt(mine.get(name), 3)} | "
                         f"{fmt(row.get(name), 3)} | {fmt(ratio(row.get(name), mine.get(name)))} |")
    return lines + [""]


def render(context, out: dict) -> list[str]:
    peer = out.get("peer")
    if peer is None:
        return []
    lines = ["## 5. Side by side with a peer (AIPerf)", ""]
    if peer.get("error"):
        return lines + [f"Peer skipped: {peer['error']}", ""]
    lines += efficiency_table(out)
    for key, server in (("accuracy", "the simulator (3a)"), ("accuracy_c", "the C server (3b)")):
        rows = peer.get(key) or {}
        errors = {c: r["error"] for c, r in rows.items() if "error" in r}
        good = {c: r for c, r in rows.items() if "error" not in r}
        if good:
            lines += accuracy_tables(f"### Accuracy, AIPerf, against {server}",
                                     f"Same server settings and workloads as for llm-bench against {server}.",
                                     good, peer=True)
            lines += comparison_table(good, out.get(key) or {})
        for concurrency, error in errors.items():
            lines += [f"AIPerf at {concurrency} streams against {server} failed: {error}", ""]
    return lines
