"""The programs a harness run needs, prepared before anything is measured: the release build of
llm-bench (a private copy), the C server (compiled with cc) and the peer (peer/setup.sh)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .context import Binaries
from .processes import log
from .tools import aiperf

C_SERVER_SOURCE = Path(__file__).resolve().parents[1] / "mock-sse-server.c"


class SetupError(RuntimeError):
    """Something the harness cannot run without is missing; the message says what to do."""


def tail(path: Path, lines: int) -> str:
    """The last `lines` lines of a log, on one line."""
    return " ".join(path.read_text(errors="replace").splitlines()[-lines:])


def release_binary(repo: Path, scratch: Path, build: bool) -> str:
    """Builds `llm-bench` in release mode (unless `build` is False) and returns a private copy, so
    that a rebuild during the run cannot swap the binary under the measurements."""
    built = repo / ".build" / "release" / "llm-bench"
    if build:
        log(f"swift build -c release (in {repo})")
        build_log = scratch / "build.log"
        with open(build_log, "wb") as handle:
            status = subprocess.run(["swift", "build", "-c", "release"], cwd=repo, stdout=handle,
                                    stderr=subprocess.STDOUT).returncode
        if status != 0:
            log(f"warning: swift build -c release failed (see {build_log}); measuring the existing binary")
    if not built.exists():
        raise SetupError(f"{built} is missing; run swift build -c release")
    copy = scratch / "llm-bench"
    shutil.copy2(built, copy)  # keeps the build's modification time, which the report shows
    return str(copy)


def c_server(scratch: Path) -> tuple[str | None, str]:
    """(path of the compiled C server, "") or (None, why it could not be built)."""
    binary, compile_log = scratch / "mock-sse-server", scratch / "cc.log"
    with open(compile_log, "wb") as handle:
        status = subprocess.run(["cc", "-O2", "-o", str(binary), str(C_SERVER_SOURCE)], stderr=handle).returncode \
            if shutil.which("cc") else None
    if status == 0:
        return str(binary), ""
    reason = ("cc is not installed" if status is None
              else f"cc could not build {C_SERVER_SOURCE.name}: {tail(compile_log, 2)}")
    log(f"C server skipped: {reason}")
    return None, reason


def prepare(options) -> Binaries:
    """Everything the chosen sections need; raises SetupError when the run cannot start."""
    if not shutil.which("curl") and "efficiency" in options.sections:
        raise SetupError("curl is needed for the efficiency section (apt-get install curl)")
    scratch = Path(options.workdir + "-bin")
    scratch.mkdir(parents=True, exist_ok=True)
    binary = release_binary(Path(options.repo), scratch, build=not options.no_build)
    server, server_error = c_server(scratch)
    peer_error = ""
    if options.no_peer:
        peer_error = "skipped (--no-peer)"
    elif "peer" in options.sections:
        peer_error = aiperf.prepare(Path(options.peer_venv), Path(options.peer_dir), options.peer_spec,
                                    Path(options.repo) / "input.txt") or ""
        if peer_error:
            log(f"peer skipped: {peer_error}")
    return Binaries(llm_bench=binary, c_server=server, c_server_error=server_error, peer_error=peer_error)
