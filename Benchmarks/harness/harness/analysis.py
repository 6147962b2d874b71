"""The arithmetic behind every figure of the report: pure functions over plain data, tested alone
(tests/test_analysis.py)."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field


def percentile(values, q: float):
    """The q-th percentile (0…100): linear interpolation between the two nearest ranks, numpy's
    default and the definition of `Distribution.percentile` in Sources/LLMBench/Metrics; None when
    there are no values."""
    if not values:
        return None
    data = sorted(values)
    position = (len(data) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (position - low)


def median(values):
    """The median of the values that are not None; None when there are none."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    """a / b; None when either is missing or b is 0."""
    if a is None or b is None or b == 0:
        return None
    return a / b


def arrival_series_llm_bench(record):
    """(request id, send ns, [arrival ns of every token event]) from one llm-bench request record;
    None when it has no first token."""
    if record.get("ttft_ms") is None:
        return None
    send = int(record["send_clock_ns"])
    arrivals = [send + round(record["ttft_ms"] * 1e6)]
    for gap in record.get("itl_ms") or []:
        arrivals.append(arrivals[-1] + round(gap * 1e6))
    return record["request_id"], send, arrivals


def arrival_series_peer(record, offset_ns: int):
    """The same from one AIPerf record; its wall-clock request start is moved onto CLOCK_MONOTONIC
    with the offset time_ns() - monotonic_ns() measured around the run."""
    metadata, metrics = record.get("metadata", {}), record.get("metrics", {})
    if "time_to_first_token" not in metrics:
        return None
    send = int(metadata["request_start_ns"]) - offset_ns
    arrivals = [send + round(metrics["time_to_first_token"]["value"] * 1e6)]
    for gap in (metrics.get("inter_chunk_latency") or {}).get("value") or []:
        arrivals.append(arrivals[-1] + round(gap * 1e6))
    return metadata.get("x_request_id"), send, arrivals


def stream_position(k: int, count: int) -> str:
    """Where the k-th of `count` events sits in its stream: `first 3`, `middle` or `last 3`."""
    return "first 3" if k < 3 else "last 3" if k >= count - 3 else "middle"


@dataclass
class TruthErrors:
    """Client arrivals against server writes, collected request by request (ms)."""

    ttft_err: list = field(default_factory=list)
    itl_err: list = field(default_factory=list)
    delivery: list = field(default_factory=list)
    ttft_client: list = field(default_factory=list)
    ttft_true: list = field(default_factory=list)
    itl_client: list = field(default_factory=list)
    itl_true: list = field(default_factory=list)
    events: int = 0
    first_write: int | None = None
    last_write: int | None = None
    late_buckets: set = field(default_factory=set)
    late_where: dict = field(default_factory=lambda: {"first 3": 0, "middle": 0, "last 3": 0})

    def add(self, send: int, arrivals: list[int], writes: list[int]) -> None:
        """One request's events, as many as both sides have."""
        count = min(len(writes), len(arrivals))
        if count == 0:
            return
        self.ttft_err.append((arrivals[0] - writes[0]) / 1e6)
        self.ttft_client.append((arrivals[0] - send) / 1e6)
        self.ttft_true.append((writes[0] - send) / 1e6)
        for k in range(count):
            delay = (arrivals[k] - writes[k]) / 1e6
            self.delivery.append(delay)
            if delay > 1.0:
                self.late_buckets.add(writes[k] // 1_000_000)
                self.late_where[stream_position(k, count)] += 1
        for k in range(1, count):
            client_gap = (arrivals[k] - arrivals[k - 1]) / 1e6
            true_gap = (writes[k] - writes[k - 1]) / 1e6
            self.itl_client.append(client_gap)
            self.itl_true.append(true_gap)
            self.itl_err.append(client_gap - true_gap)
        self.events += count
        self.first_write = writes[0] if self.first_write is None else min(self.first_write, writes[0])
        self.last_write = writes[count - 1] if self.last_write is None else max(self.last_write, writes[count - 1])


def compare_with_truth(series, truths) -> dict:
    """Per request and per token event: client arrival vs the server's write time, in ms. An event
    is late when it arrived more than 1 ms after it was written."""
    by_id = {t["request_id"]: t for t in truths}
    e = TruthErrors()
    unmatched = mismatched = 0
    for item in series:
        if item is None:
            continue
        request_id, send, arrivals = item
        truth = by_id.get(request_id)
        if truth is None:
            unmatched += 1
            continue
        if len(truth["event_nanoseconds"]) != len(arrivals):
            mismatched += 1
        e.add(send, arrivals, truth["event_nanoseconds"])
    lateness = [t.get("lateness_nanoseconds", 0) / 1e6 for t in truths if t.get("is_streaming", True)]
    span_s = (e.last_write - e.first_write) / 1e9 if e.first_write is not None and e.last_write > e.first_write else None
    abs_ttft = [abs(v) for v in e.ttft_err]
    abs_itl = [abs(v) for v in e.itl_err]
    late = sum(1 for d in e.delivery if d > 1.0)
    return {
        "requests": len(series), "unmatched": unmatched, "event_count_mismatch": mismatched, "events": e.events,
        "ttft_err_p50": percentile(e.ttft_err, 50), "ttft_err_p99": percentile(e.ttft_err, 99),
        "ttft_err_max": max(abs_ttft) if abs_ttft else None,
        "ttft_abs_err_p50": percentile(abs_ttft, 50), "ttft_abs_err_p99": percentile(abs_ttft, 99),
        "itl_err_p50": percentile(e.itl_err, 50), "itl_err_p1": percentile(e.itl_err, 1),
        "itl_err_p99": percentile(e.itl_err, 99), "itl_err_max": max(abs_itl) if abs_itl else None,
        "itl_abs_err_p50": percentile(abs_itl, 50), "itl_abs_err_p99": percentile(abs_itl, 99),
        "ttft_client_p50": percentile(e.ttft_client, 50), "ttft_client_p99": percentile(e.ttft_client, 99),
        "ttft_true_p50": percentile(e.ttft_true, 50),
        "ttft_true_p99": percentile(e.ttft_true, 99), "itl_true_p50": percentile(e.itl_true, 50),
        "itl_true_p90": percentile(e.itl_true, 90), "itl_client_p50": percentile(e.itl_client, 50),
        "itl_client_p90": percentile(e.itl_client, 90),
        "itl_client_p99": percentile(e.itl_client, 99), "itl_true_p99": percentile(e.itl_true, 99),
        "delivery_p50": percentile(e.delivery, 50), "delivery_p99": percentile(e.delivery, 99),
        "delivery_max": max(e.delivery) if e.delivery else None,
        "late_fraction": late / len(e.delivery) if e.delivery else None, "late_events": late,
        "late_bursts": len(e.late_buckets), "late_where": e.late_where,
        "sim_lateness_p99": percentile(lateness, 99), "sim_lateness_max": max(lateness) if lateness else None,
        "event_rate": e.events / span_s if span_s else None,
    }


def median_row(row: dict) -> dict:
    """An accuracy row whose numbers are the medians over its repeated runs."""
    repeats = row.get("repeats") or [row]
    return {key: median([r.get(key) for r in repeats])
            if isinstance(value, (int, float)) and not isinstance(value, bool) else value
            for key, value in row.items()}


def reported_offset(row: dict, name: str):
    """Reported − true of one percentile (`ttft_p50`, `itl_p99`, …), ms; None when either is missing."""
    metric, quantile = name.split("_")
    reported, true = row.get(f"{metric}_reported_{quantile}"), row.get(f"{metric}_true_{quantile}")
    return None if reported is None or true is None else reported - true


def marginal_cpu_per_million(long: dict, short: dict):
    """(CPU(long) − CPU(short)) / (tokens(long) − tokens(short)) × 10⁶: client CPU-s per 1M tokens
    with start-up, prompt preparation and connects cancelled; None unless both runs succeeded and
    the long one streamed more tokens."""
    if long["rc"] != 0 or short["rc"] != 0 or long["tokens"] <= short["tokens"]:
        return None
    return (long["cpu_s"] - short["cpu_s"]) / (long["tokens"] - short["tokens"]) * 1e6


def client_ingest_tps(run: dict):
    """Tokens per second the client itself took in: with kernel receive stamps the results row's
    throughput runs to the kernel's receive time of the last bytes, which an unpaced server reaches
    long before the client has read them, so the end is each record's end plus the client's lag at
    its last token event (its read time). The row's figure where the records carry no lag."""
    ends = []
    for record in run.get("records") or []:
        lag = record.get("client_lag_ms")
        if record.get("status") != "ok" or not isinstance(lag, list) or not lag:
            continue
        ends.append(record["end_offset_ms"] + lag[-1])
    if not ends or not run.get("tokens"):
        return (run.get("row") or {}).get("output_throughput_tps")
    return run["tokens"] / (max(ends) / 1000)


def efficiency_row(tool: str, server: str, concurrency: int, pairs: list[dict]) -> dict:
    """One efficiency row from the (long, short) run pairs of its repetitions. Medians use the
    repetitions no other process competed in (`contaminated` runs), or all when there are none."""
    marginal, gross, timed, ingest, rss, sim_cpu, bad = [], [], [], [], [], [], 0
    clean = [p for p in pairs if not any(run.get("contaminated") for run in p.values())]
    used = clean or pairs  # every repetition had company: keep them all, the column says so
    foreign = max((run.get("foreign_cores", 0) for pair in used for run in pair.values()), default=0)
    ok_reps = sum(1 for p in pairs if p["long"]["rc"] == 0 and p["short"]["rc"] == 0)
    for pair in used:
        long = pair["long"]
        value = marginal_cpu_per_million(long, pair["short"])
        if value is None:
            bad += 1
            continue
        marginal.append(value)
        gross.append(long["cpu_s"] / long["tokens"] * 1e6)
        if long.get("timed_cpu_s") is not None:
            timed.append(long["timed_cpu_s"] / long["tokens"] * 1e6)
        if tool == "llm-bench":
            ingest.append(long.get("client_ingest_tps") or client_ingest_tps(long))
        elif tool == "aiperf" and long.get("ingest_tps"):
            ingest.append(long["ingest_tps"])
        else:
            ingest.append(long["tokens"] / long["wall_s"])
        rss.append(long["maxrss_kb"] / 1024)
        sim_cpu.append(long["sim_cpu_s"] / max(long.get("tokens_sim", long["tokens"]), 1) * 1e6)
    return {
        "tool": tool, "server": "C server" if server == "c" else "simulator", "concurrency": concurrency,
        "reps": len(used), "failed_reps": bad, "clean_reps": len(clean), "all_reps": len(pairs), "ok_reps": ok_reps,
        "marginal": median(marginal), "marginal_all": marginal, "gross": median(gross),
        "timed": median(timed), "ingest": median(ingest), "rss_mb": median(rss),
        "sim_cpu_per_m": median(sim_cpu), "foreign_cores_max": foreign,
        "long_tokens": pairs[0]["long"]["tokens"], "short_tokens": pairs[0]["short"]["tokens"],
        "pairs": pairs,
    }


def per_stream_kb(rss_mb_low: float, rss_mb_high: float, streams_low: int, streams_high: int):
    """Peak RSS per extra stream, KB: (RSS_high − RSS_low) / (streams_high − streams_low)."""
    return (rss_mb_high - rss_mb_low) * 1024 / (streams_high - streams_low)


def ceiling_step_passed(analysis: dict) -> bool:
    """A ceiling step passes when the run succeeded and < 1 % of its events arrived > 1 ms late."""
    return analysis["late_fraction"] is not None and analysis["late_fraction"] < 0.01 and analysis["rc"] == 0


def meets_accuracy_target(p50, p99) -> bool:
    """|reported − true| ≤ 1 ms at p50 and ≤ 2 ms at p99."""
    return p50 is not None and p99 is not None and p50 <= 1 and p99 <= 2
