"""What every section shares during one harness run: the binaries, the work folder, the time
budget, the waiting for an idle machine, and the results measured so far."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .processes import log, wait_until_quiet

PROFILES = ("full", "quick", "smoke")


@dataclass
class Binaries:
    """The programs a run measures or serves from; an error says why one is missing."""

    llm_bench: str
    c_server: str | None
    c_server_error: str = ""
    peer_error: str = ""


class Context:
    """One harness run's shared state; sections read their workloads with `plan`."""

    def __init__(self, options, binaries: Binaries):
        self.options = options
        self.profile = options.profile
        self.reps = options.reps
        self.binary = binaries.llm_bench
        self.c_server = binaries.c_server
        self.c_server_error = binaries.c_server_error
        self.peer_error = binaries.peer_error
        self.peer_venv = Path(options.peer_venv)
        self.peer_dir = Path(options.peer_dir)
        self.work = Path(options.workdir)
        self.work.mkdir(parents=True, exist_ok=True)
        self.input_file = str(Path(options.repo) / "input.txt")
        self.prompt_text = " ".join(Path(self.input_file).read_text().split()[:24])
        self.counter = 0
        self.waited_s = 0.0
        self.deadline = time.monotonic() + options.max_minutes * 60
        self.out: dict = {}

    @property
    def quick(self) -> bool:
        """Smaller workloads than the full run (quick and smoke)."""
        return self.profile != "full"

    def plan(self, plans: dict):
        """The entry of `plans` (keyed by profile) for this run's profile."""
        return plans[self.profile]

    def time_left(self) -> bool:
        return time.monotonic() < self.deadline

    def quiet(self):
        """Waits for other work on the machine to stop before a measured run (bounded)."""
        budget = max(0.0, min(self.options.quiet_wait, self.options.quiet_budget - self.waited_s))
        waited, busy = wait_until_quiet(budget)
        if waited >= 1:
            log(f"waited {waited:.0f} s for the machine to be idle (others used {busy:.2f} cores at the end)")
        self.waited_s += waited

    def next_dir(self, name: str) -> Path:
        """A new numbered folder for one measured run's files."""
        self.counter += 1
        folder = self.work / f"{self.counter:03d}-{name}"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def peer_available(self) -> bool:
        """Whether AIPerf can run; when not, `peer_error` says why."""
        if self.options.no_peer:
            self.peer_error = "skipped (--no-peer)"
            return False
        if self.peer_error:
            return False
        aiperf = self.peer_venv / "bin" / "aiperf"
        if not aiperf.exists():
            self.peer_error = f"not installed: {aiperf} is missing (see the install log in {self.peer_dir})"
            return False
        return True
