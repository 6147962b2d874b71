"""A CPU hog on one core, for the runs that measure the client with company: stress-ng when it is
installed, else a shell busy loop, pinned with taskset either way."""

from __future__ import annotations

import os
import shutil
import subprocess

from .processes import kill_group, log


def hog_command(core: int) -> list[str]:
    """The command that keeps `core` busy until it is killed."""
    if shutil.which("stress-ng"):
        return ["taskset", "-c", str(core), "stress-ng", "--cpu", "1", "--cpu-method", "loop", "--quiet"]
    return ["taskset", "-c", str(core), "sh", "-c", "while :; do :; done"]


def describe(core: int) -> str:
    """The hog's command line for the report."""
    return " ".join(hog_command(core))


class CpuHog:
    """Keeps one core busy while the `with` block runs; the hog's process group is killed on exit."""

    def __init__(self, core: int | None = None):
        self.core = (os.cpu_count() or 1) - 1 if core is None else core
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(hog_command(self.core), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        return self

    def __exit__(self, *exc):
        if self.process is None:
            return
        if self.process.poll() is not None:
            log(f"warning: the CPU hog ({describe(self.core)}) stopped early with status {self.process.returncode}")
        kill_group(self.process)
        self.process.wait(timeout=10)
        self.process = None
