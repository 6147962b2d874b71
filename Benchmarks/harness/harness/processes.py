"""Measured processes: CPU and peak RSS from the OS, and the CPU that others used meanwhile."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
# GNU time's output: wall, user, sys, peak RSS (kB), exit status.
TIME_FORMAT = "%e %U %S %M %x"
# A run during which other processes used more than this many cores is repeated once: on an
# event-driven client, competing load changes the CPU per token (more events per read) as well as
# the timing, so such a run measures the neighbours too.
FOREIGN_LIMIT_CORES = 0.25  # an idle machine here shows ~0.01; kernel threads serving 1,000 sockets ~0.1–0.2


def log(message: str) -> None:
    """Progress on stderr (results go to stdout and the report file)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class ProcessResult:
    """What the OS says about one finished command (and its waited-for descendants)."""

    returncode: int | None
    user_s: float
    sys_s: float
    maxrss_kb: int
    wall_s: float
    timed_out: bool = False
    marks: dict = field(default_factory=dict)  # label -> (cpu_s, rss_kb, monotonic_s)

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


def proc_cpu_rss(pid: int):
    """(user+sys CPU seconds, VmRSS kB) of a live process, or (None, None)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)
        rss = int(fields[21]) * PAGE_KB  # rss pages (field 24)
        return cpu, rss
    except (OSError, IndexError, ValueError):
        return None, None


def machine_busy_s() -> float:
    """CPU-seconds the whole machine has been busy (all cores, /proc/stat: everything but idle and iowait)."""
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def wait_until_quiet(max_wait_s: float, threshold_cores: float = 0.2) -> tuple[float, float]:
    """Waits (at most `max_wait_s`) until the machine is idle: less than `threshold_cores` busy over
    0.5 s. Other people's builds on a 2-core machine would otherwise be measured as ours.
    Returns (seconds waited, last busy cores); returns at once when `max_wait_s` is 0."""
    started = time.monotonic()
    busy = 0.0
    while max_wait_s > 0:
        before = machine_busy_s()
        time.sleep(0.5)  # the interval the load is measured over, not a wait for another process
        busy = (machine_busy_s() - before) / 0.5
        waited = time.monotonic() - started
        if busy < threshold_cores or waited >= max_wait_s:
            return waited, busy
    return 0.0, busy


class ForeignLoad:
    """CPU used on the machine during a run by processes that are not part of the measurement."""

    def __init__(self):
        self.busy_before = machine_busy_s()
        self.started = time.monotonic()

    def finish(self, ours_s: float) -> dict:
        busy = machine_busy_s() - self.busy_before
        wall = max(time.monotonic() - self.started, 1e-6)
        foreign = max(busy - ours_s, 0.0)
        return {"machine_busy_s": busy, "foreign_cpu_s": foreign, "foreign_cores": foreign / wall}


def child_pid(pid: int):
    """The first child of `pid` (the command that /usr/bin/time runs)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = handle.read().split()
        return int(children[0]) if children else None
    except (OSError, ValueError):
        return None


def parse_time_file(path: str):
    """The last line of GNU time's TIME_FORMAT output (earlier lines say how it died), or None."""
    try:
        lines = [line for line in Path(path).read_text().splitlines() if line.strip()]
        wall, user, system, maxrss, status = lines[-1].split()
        return float(wall), float(user), float(system), int(maxrss), int(status)
    except (OSError, ValueError, IndexError):
        return None


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL to the process group of `process` (started with start_new_session)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_measured(cmd, *, timeout_s: float, stdout_path: str, stderr_path: str, cwd=None, env=None,
                 marks: dict[str, Callable[[str], bool]] | None = None) -> ProcessResult:
    """Runs `cmd` under /usr/bin/time (user, sys and peak RSS of the command and its waited-for
    descendants; a fork of this Python process would report Python's own RSS as the child's peak),
    kills the process group after `timeout_s`. The first time a stderr line satisfies one of
    `marks` (label -> predicate), the command's CPU and RSS are sampled from /proc at that moment."""
    marks = marks or {}
    time_path = stdout_path + ".time"
    started = time.monotonic()
    with open(stdout_path, "wb") as out:
        process = subprocess.Popen(
            ["/usr/bin/time", "-o", time_path, "-f", TIME_FORMAT, *cmd], stdout=out, stderr=subprocess.PIPE,
            cwd=cwd, env=env, start_new_session=True)
    sampled: dict = {}
    timed_out = threading.Event()

    def pump():
        with open(stderr_path, "wb") as err:
            for line in process.stderr:
                text = line.decode("utf-8", "replace")
                for label, matches in marks.items():
                    if label not in sampled and matches(text):
                        pid = child_pid(process.pid)
                        cpu, rss = proc_cpu_rss(pid) if pid else (None, None)
                        sampled[label] = (cpu, rss, time.monotonic())
                err.write(line)

    def watchdog():
        timed_out.set()
        kill_group(process)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    timer = threading.Timer(timeout_s, watchdog)
    timer.start()
    try:
        process.wait()
    except BaseException:  # interrupted: take the command down with us
        kill_group(process)
        process.wait(timeout=10)
        raise
    finally:
        timer.cancel()
    reader.join(timeout=10)
    wall = time.monotonic() - started
    measured = parse_time_file(time_path)
    if measured is None:
        return ProcessResult(returncode=process.returncode or -1, user_s=0.0, sys_s=0.0, maxrss_kb=0, wall_s=wall,
                             timed_out=timed_out.is_set(), marks=sampled)
    _, user, system, maxrss, status = measured
    return ProcessResult(returncode=status, user_s=user, sys_s=system, maxrss_kb=maxrss, wall_s=wall,
                         timed_out=timed_out.is_set(), marks=sampled)


class ReadinessTimeout(RuntimeError):
    """A server neither printed its readiness line nor exited in time."""


def start_server(cmd: list[str], log_path: Path, ready: re.Pattern, timeout_s: float = 20.0):
    """Starts a server whose stderr (and stdout) announce readiness with a line matching `ready`;
    returns (process, match). Its output keeps being copied to `log_path` until it exits. Waits for
    that line, the server's exit or `timeout_s`, whichever comes first (no polling)."""
    process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    found: dict = {}
    announced = threading.Event()

    def copy():
        with open(log_path, "wb") as handle:
            for line in process.stdout:
                handle.write(line)
                handle.flush()
                if not announced.is_set():
                    match = ready.search(line.decode("utf-8", "replace"))
                    if match:
                        found["match"] = match
                        announced.set()
        process.stdout.close()
        announced.set()  # end of output: the server exited

    process.log_copier = threading.Thread(target=copy, daemon=True)
    process.log_copier.start()
    if not announced.wait(timeout_s):
        stop_server(process)
        raise ReadinessTimeout(f"{cmd[0]} did not say it was ready within {timeout_s:.0f} s (log: {log_path})")
    if "match" not in found:
        stop_server(process)
        raise RuntimeError(f"{cmd[0]} exited with status {process.returncode} before it was ready: "
                           f"{log_path.read_text(errors='replace').strip()}")
    return process, found["match"]


def stop_server(process: subprocess.Popen | None) -> None:
    """SIGINT (the servers shut down cleanly on it), then SIGKILL after 10 s; returns once its
    output is in the log."""
    if process is None:
        return
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill_group(process)
            process.wait(timeout=10)
    process.log_copier.join(timeout=10)
