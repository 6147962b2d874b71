"""4. Ceiling: rising concurrency at 5 ms per token until more than 1 % of the events arrive more
than 1 ms late, against the simulator (4a) and the C server (4b)."""

from __future__ import annotations

from ..analysis import ceiling_step_passed
from ..report import fmt
from . import accuracy

LADDER = {
    "full": [64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048],
    "quick": [64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048],
    "smoke": [8, 16],
}
TOKENS = {"full": 200, "quick": 100, "smoke": 20}
ITL_MS = 5


def run(context):
    context.out["ceiling"] = against(context, "simulator")
    if context.c_server:
        context.out["ceiling_c"] = against(context, "c")


def against(context, server: str) -> dict:
    """The ladder against one server, up to its first step that fails twice."""
    tokens = context.plan(TOKENS)
    steps = []
    last_pass = None
    for concurrency in context.plan(LADDER):
        if not context.time_left():
            break
        threads = 2 if concurrency >= 512 else 1
        # A failing step is run once more (a single hiccup of a 2-core VM should not end the
        # ladder); it fails only when both runs fail.
        for attempt in (1, 2):
            analysis = accuracy.measure("llm-bench", context, concurrency, 1, tokens, threads, itl_ms=ITL_MS,
                                        server=server)
            analysis["offered_rate"] = concurrency / (ITL_MS / 1000)
            analysis["passed"] = ceiling_step_passed(analysis)
            analysis["attempt"] = attempt
            steps.append(analysis)
            if analysis["passed"] or not context.time_left():
                break
        if not analysis["passed"]:
            break
        last_pass = analysis
    return {"steps": steps, "last_pass": last_pass, "tokens": tokens}


def render(context, out: dict) -> list[str]:
    lines = []
    for key, server in (("ceiling", "simulator"), ("ceiling_c", "C server")):
        ceiling = out.get(key)
        if not ceiling:
            continue
        source = ("`llm-bench simulate --deterministic --ttft-ms 100 --itl-ms 5`" if server == "simulator"
                  else "`Benchmarks/harness/mock-sse-server.c --ttft-ms 100 --itl-ms 5`")
        lines += [f"## 4{'a' if server == 'simulator' else 'b'}. Ceiling against the {server}: stream events per "
                  "second ingested with < 1 % of events > 1 ms late", "",
                  f"{source}, {ceiling['tokens']} tokens per request, one "
                  "wave (a failing step is run twice); an event is late when client arrival − server write > 1 ms. "
                  "Achieved rate = token events / (last write − first write). Server lateness = how far the server "
                  "itself fell behind its schedule (per request max).", "",
                  "| streams | offered events/s | achieved events/s | late > 1 ms (distinct ms) | delivery p50 / p99 / "
                  "max ms | late events in first 3 / middle / last 3 | server lateness p99 / max ms | requests ok | "
                  "others' CPU (cores) | pass |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for step in ceiling["steps"]:
            lines.append(
                f"| {step['concurrency']:,} | {fmt(step['offered_rate'], 0)} | {fmt(step['event_rate'], 0)} | "
                f"{fmt((step['late_fraction'] or 0) * 100, 2)} % ({step['late_bursts']}) | "
                f"{fmt(step['delivery_p50'], 3)} / {fmt(step['delivery_p99'], 3)} / {fmt(step['delivery_max'], 1)} | "
                f"{step['late_where']['first 3']:,} / {step['late_where']['middle']:,} / "
                f"{step['late_where']['last 3']:,} | "
                f"{fmt(step['sim_lateness_p99'], 2)} / {fmt(step['sim_lateness_max'], 2)} | {step['ok']:,} | "
                f"{fmt(step['foreign_cores'])} | {'yes' if step['passed'] else 'no'} |")
        last = ceiling["last_pass"]
        lines += ["", "Last passing rate: " + (f"**{fmt(last['event_rate'], 0)} events/s** at {last['concurrency']:,} "
                  "streams" if last else "none passed") + ".", ""]
    return lines
