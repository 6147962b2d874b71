"""The two servers a measured run streams from, each a fresh process on a port the OS chose.

Both print their base URL (`http://127.0.0.1:<port>/v1`) once they listen, and both serve the
truth of when they wrote each token event at `GET /sim/truth` and counters at `GET /sim/stats`.
"""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path

from .processes import proc_cpu_rss, start_server, stop_server

HOST = "127.0.0.1"
READY = re.compile(r"http://127\.0\.0\.1:(\d+)/v1")


def http_get_json(port: int, path: str, timeout: float = 120.0):
    """GET `path` on 127.0.0.1:`port`, its JSON body; raises unless the status is 200."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}: {body[:200]!r}")
        return json.loads(body)
    finally:
        connection.close()


class Server:
    """A server process for exactly one measured run, so its counters and truth belong to that run."""

    def __init__(self, cmd: list[str], log_path: Path):
        self.cmd, self.log_path = cmd, log_path
        self.process = None
        self.port = None

    def __enter__(self):
        self.process, match = start_server(self.cmd, self.log_path, READY)
        self.port = int(match.group(1))
        return self

    def __exit__(self, *exc):
        stop_server(self.process)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def stats(self):
        return http_get_json(self.port, "/sim/stats")

    def cpu_s(self):
        return proc_cpu_rss(self.process.pid)[0]

    def truths(self) -> list:
        """Every truth record, paged with ?since=N (bounded: at most 1,000 pages)."""
        records: list = []
        for _ in range(1000):
            page = http_get_json(self.port, f"/sim/truth?since={len(records)}")
            if not page:
                break
            records.extend(page)
        return records


class Simulator(Server):
    """`llm-bench simulate --port 0 …`."""

    def __init__(self, binary: str, args: list[str], folder: Path):
        super().__init__([binary, "simulate", "--host", HOST, "--port", "0", *args], folder / "sim-sim.log")


def simulator_args(mode, threads: int = 1) -> list[str]:
    """`--instant`, or deterministic pacing for mode (ttft_ms, itl_ms); always seeded."""
    if mode == "instant":
        args = ["--instant"]
    else:
        ttft, itl = mode
        args = ["--deterministic", "--ttft-ms", str(ttft), "--itl-ms", str(itl)]
    return args + ["--threads", str(threads), "--seed", "7"]


class CServer(Server):
    """mock-sse-server.c: an independent exact server that costs next to nothing, paced with
    `ttft_ms` and `itl_ms` (every stream in the same step with `lockstep`, as a batching server
    writes), or as fast as the sockets take it when they are None."""

    def __init__(self, binary: str, ttft_ms, itl_ms, folder: Path, lockstep: bool = False):
        pacing = [] if ttft_ms is None else ["--ttft-ms", str(ttft_ms), "--itl-ms", str(itl_ms)]
        pacing += ["--lockstep"] if lockstep else []
        super().__init__([binary, "0", *pacing], folder / "c-server.log")
