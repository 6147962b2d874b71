"""The floor: curl streams the same requests and parses nothing."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from ..processes import TIME_FORMAT, ForeignLoad, kill_group, parse_time_file
from ..servers import Server
from .llm_bench import MODEL

PER_PROCESS = 256  # curl 7.88 caps --parallel-max at 300


def process_widths(concurrency: int, per_process: int = PER_PROCESS) -> list[int]:
    """How many parallel transfers each curl process runs for `concurrency` streams."""
    widths = []
    remaining = concurrency
    while remaining > 0:
        widths.append(min(per_process, remaining))
        remaining -= widths[-1]
    return widths


def count_stream(data: bytes) -> tuple[int, int]:
    """(token events with text, finished streams) in curl's raw output of SSE streams."""
    return data.count(b'"text":"') - data.count(b'"text":""'), data.count(b"data: [DONE]")


def start(folder: Path, url: str, body: Path, widths: list[int], runs: int) -> list[tuple]:
    """One curl process per width under /usr/bin/time: (process, stdout file, stderr file)."""
    processes = []
    for index, width in enumerate(widths):
        urls = folder / f"urls-{index}.cfg"
        urls.write_text("".join(f'url = "{url}"\n' for _ in range(width * runs)))
        cmd = ["/usr/bin/time", "-o", str(folder / f"time-{index}.txt"), "-f", TIME_FORMAT,
               "curl", "--no-progress-meter", "-N", "-Z", "--parallel-max", str(width),
               "--parallel-immediate", "-H", "Content-Type: application/json",
               "-H", "Accept: text/event-stream", "--data-binary", f"@{body}", "-K", str(urls)]
        out = open(folder / f"out-{index}.txt", "wb")
        err = open(folder / f"err-{index}.txt", "wb")
        processes.append((subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True), out, err))
    return processes


def wait_all(folder: Path, processes: list[tuple], deadline: float) -> tuple[float, float, int, list[int]]:
    """Waits for every curl process (killing those still running at `deadline`); their summed
    user and sys CPU, largest peak RSS and exit statuses."""
    user = system = 0.0
    maxrss = 0
    returncodes = []
    for index, (process, out, err) in enumerate(processes):
        try:
            process.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            kill_group(process)
            process.wait(timeout=10)
        except BaseException:
            for other, _, _ in processes:
                if other.poll() is None:
                    kill_group(other)
            raise
        out.close()
        err.close()
        measured = parse_time_file(str(folder / f"time-{index}.txt"))
        if measured is None:
            returncodes.append(-1)
            continue
        _, u, s_, rss, status = measured
        returncodes.append(status)
        user += u
        system += s_
        maxrss = max(maxrss, rss)
    return user, system, maxrss, returncodes


def run(context, sim: Server, folder: Path, *, concurrency: int, runs: int, output_tokens: int,
        timeout_s: float) -> dict:
    """Streams the llm-bench request bodies with `-Z` (libcurl multi, keep-alive connections
    reused), at most PER_PROCESS transfers per curl process, so concurrency N uses ceil(N/256)
    processes."""
    body = folder / "body.json"
    body.write_text(json.dumps({
        "model": MODEL, "prompt": context.prompt_text, "max_tokens": output_tokens, "stream": True,
        "stream_options": {"include_usage": True}, "ignore_eos": True, "min_tokens": output_tokens}))
    widths = process_widths(concurrency)
    sim_before = sim.stats()["tokens_generated"]
    context.quiet()
    load = ForeignLoad()
    sim_cpu_before = sim.cpu_s()
    started = time.monotonic()
    processes = start(folder, f"{sim.base_url}/v1/completions", body, widths, runs)
    user, system, maxrss, returncodes = wait_all(folder, processes, started + timeout_s)
    wall = time.monotonic() - started
    sim_cpu = (sim.cpu_s() or 0) - (sim_cpu_before or 0)
    foreign = load.finish(user + system + sim_cpu)
    counted = done = 0
    for index in range(len(widths)):
        tokens, finished = count_stream((folder / f"out-{index}.txt").read_bytes())
        counted += tokens
        done += finished
        (folder / f"out-{index}.txt").unlink()  # up to a few hundred MB; the count is kept
    sim_tokens = sim.stats()["tokens_generated"] - sim_before
    return {
        "tool": "curl", "rc": max(returncodes), "cpu_s": user + system, "user_s": user, "sys_s": system,
        "maxrss_kb": maxrss, "wall_s": wall, "tokens": counted, "tokens_sim": sim_tokens,
        "requests": concurrency * runs, "ok": done, "processes": len(widths), "sim_cpu_s": sim_cpu, **foreign,
    }
