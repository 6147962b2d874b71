"""Kernel and user receive stamps side by side, from one run's request records (the burst section):
each record's arrivals on the clock its figures use, the other clock reconstructed from the
client's own lag, and the splits of the TTFT error. Pure functions over plain data, tested alone
(tests/test_stamps.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import compare_with_truth, percentile

CLOCKS = ("kernel", "user")


@dataclass
class Stamps:
    """One request's token-event arrivals (MonotonicClock ns) on each clock it can be told on."""

    request_id: str
    send: int
    source: str  # "kernel" or "user": the clock of the record's own ttft_ms / itl_ms
    kernel: list | None  # None with user stamps
    user: list | None  # None when kernel stamps came without a usable lag list
    lag_ms: list | None  # user read − kernel receive, per token event (the first included)


def record_stamps(record: dict) -> Stamps | None:
    """The arrivals of one request record: send + ttft_ms + each itl_ms on the record's clock
    (`timestamp_source`, "user" when absent); with kernel stamps, the user-space arrivals are the
    kernel ones + `client_lag_ms` when that list has one entry per token event. None without a
    first token."""
    if record.get("ttft_ms") is None or record.get("send_clock_ns") is None:
        return None
    send = int(record["send_clock_ns"])
    arrivals = [send + round(record["ttft_ms"] * 1e6)]
    for gap in record.get("itl_ms") or []:
        arrivals.append(arrivals[-1] + round(gap * 1e6))
    source = "kernel" if record.get("timestamp_source") == "kernel" else "user"
    if source == "user":
        return Stamps(record.get("request_id"), send, source, None, arrivals, None)
    lag = record.get("client_lag_ms")
    if not isinstance(lag, list) or len(lag) != len(arrivals):
        return Stamps(record.get("request_id"), send, source, arrivals, None, None)
    user = [at + round(delay * 1e6) for at, delay in zip(arrivals, lag)]
    return Stamps(record.get("request_id"), send, source, arrivals, user, lag)


def clock_of_run(stamps: list[Stamps]) -> str:
    """The clock the run's results row uses: kernel once any record had kernel stamps."""
    return "kernel" if any(s.source == "kernel" for s in stamps) else "user"


def errors_on_clock(stamps: list[Stamps], truths: list[dict], clock: str) -> dict | None:
    """`compare_with_truth` of the arrivals on `clock` (the requests that have them); None when no
    request has that clock."""
    series = [(s.request_id, s.send, getattr(s, clock)) for s in stamps if getattr(s, clock)]
    if not series:
        return None
    result = compare_with_truth(series, truths)
    result["stamped_requests"] = len(series)
    return result


REPORTED = ("itl_p50", "itl_p90", "itl_p99", "ttft_p50", "ttft_p99")


def reported_offsets(row: dict, errors: dict | None) -> dict:
    """The ITL p50/p90/p99 and TTFT p50/p99 the results row reports (`itl_p50_ms`, …) and
    reported − true, ms."""
    offsets = {}
    for name in REPORTED:
        metric, quantile = name.split("_")
        reported, true = row.get(f"{name}_ms"), (errors or {}).get(f"{metric}_true_{quantile}")
        offsets[f"{metric}_reported_{quantile}"] = reported
        offsets[f"{metric}_reported_diff_{quantile}"] = None if reported is None or true is None else reported - true
    return offsets


def recomputed_offsets(errors: dict | None) -> dict:
    """The same percentiles recomputed from the arrivals of one clock (the clock the row does not
    use) against the true ones, ms."""
    offsets, figures = {}, errors or {}
    for name in REPORTED:
        metric, quantile = name.split("_")
        client, true = figures.get(f"{metric}_client_{quantile}"), figures.get(f"{metric}_true_{quantile}")
        offsets[f"{metric}_reported_{quantile}"] = client
        offsets[f"{metric}_reported_diff_{quantile}"] = None if client is None or true is None else client - true
    return offsets


def lag_summary(stamps: list[Stamps]) -> dict:
    """The client's own lag (user read − kernel receive), ms: p50, p99 and max over every token
    event, and over the first token events alone; None values with user stamps."""
    every = [v for s in stamps if s.lag_ms for v in s.lag_ms]
    first = [s.lag_ms[0] for s in stamps if s.lag_ms]
    return {"lag_events": len(every), "lag_p50": percentile(every, 50), "lag_p99": percentile(every, 99),
            "lag_max": max(every) if every else None, "first_lag_p50": percentile(first, 50),
            "first_lag_p99": percentile(first, 99), "first_lag_max": max(first) if first else None}


def ttft_split(stamps: list[Stamps], truths: list[dict], nominal_ttft_ms: float) -> dict:
    """Where each request's client TTFT went, ms, p50 and p99 of each part:
    `transit` = server read − client send (the client writing, the server reading 1,024 requests in
    turn); `server` = first write − server read (TTFT and the server's own lateness); `delivery` =
    kernel receive − first write (the send side and loopback). The client's own share, user read −
    kernel receive at the first event, is `lag_summary`'s `first_lag_*`: TTFT reported (user) − true
    = delivery + that share."""
    by_id = {t["request_id"]: t for t in truths}
    parts: dict = {"transit": [], "server_wait": [], "server_over_nominal": [], "user_err": [], "delivery": []}
    for s in stamps:
        truth = by_id.get(s.request_id)
        if truth is None or not truth.get("event_nanoseconds"):
            continue
        write = truth["event_nanoseconds"][0]
        received = truth.get("received_nanoseconds")
        if received is not None:
            parts["transit"].append((received - s.send) / 1e6)
            parts["server_wait"].append((write - received) / 1e6)
            parts["server_over_nominal"].append((write - received) / 1e6 - nominal_ttft_ms)
        if s.user:
            parts["user_err"].append((s.user[0] - write) / 1e6)
        if s.kernel:
            parts["delivery"].append((s.kernel[0] - write) / 1e6)
    split = {}
    for name, values in parts.items():
        split[f"{name}_p50"] = percentile(values, 50)
        split[f"{name}_p99"] = percentile(values, 99)
    return split


def bursts(truths: list[dict], gap_ms: float) -> dict:
    """How lockstep the server's writes were: writes less than `gap_ms` apart form one burst;
    the median events per burst and the median and largest burst duration, ms."""
    writes = sorted(w for t in truths for w in t.get("event_nanoseconds") or [])
    if not writes:
        return {"bursts": 0, "burst_events_p50": None, "burst_ms_p50": None, "burst_ms_max": None}
    sizes, spans = [], []
    start = previous = writes[0]
    count = 1
    for w in writes[1:]:
        if (w - previous) / 1e6 >= gap_ms:
            sizes.append(count)
            spans.append((previous - start) / 1e6)
            start, count = w, 0
        count += 1
        previous = w
    sizes.append(count)
    spans.append((previous - start) / 1e6)
    return {"bursts": len(sizes), "burst_events_p50": percentile(sizes, 50), "burst_ms_p50": percentile(spans, 50),
            "burst_ms_max": max(spans)}


def analyse_run(records: list[dict], row: dict, truths: list[dict], nominal_ttft_ms: float, itl_ms: float) -> dict:
    """Every figure of one burst run: per clock (`kernel`, `user`) the errors against the truth and
    the ITL percentiles (the row's for the clock it uses, recomputed for the other), the client's
    lag, the TTFT split, the burst shape and the server's own lateness (worst write − due per
    stream, ms)."""
    stamps = [s for s in (record_stamps(r) for r in records if r.get("status") == "ok") if s is not None]
    clock = clock_of_run(stamps)
    result: dict = {"clock": clock, "requests_ok": len(stamps), "clocks": {}}
    for name in CLOCKS:
        errors = errors_on_clock(stamps, truths, name)
        offsets = reported_offsets(row, errors) if name == clock else recomputed_offsets(errors)
        result["clocks"][name] = None if errors is None else {
            **errors, **offsets, "reported_from": "results row" if name == clock else "records"}
    result.update(lag_summary(stamps))
    result.update(ttft_split(stamps, truths, nominal_ttft_ms))
    result.update(bursts(truths, gap_ms=itl_ms / 4))
    lateness = [t.get("lateness_nanoseconds", 0) / 1e6 for t in truths]
    result.update({"server_lateness_p99": percentile(lateness, 99), "server_lateness_max": max(lateness, default=None)})
    return result
