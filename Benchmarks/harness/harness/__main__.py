"""Whole-process performance and accuracy harness of the llm-bench client (not part of CI).

  Benchmarks/harness/run.sh [--quick | --smoke] [--no-peer] [--no-build] [--report FILE] [--reps N]
                            [--sections efficiency,memory,accuracy,ceiling,peer,ingest,burst,trace]
                            [--burst-client-threads 1,2]

Runs everything on 127.0.0.1, each measured run against a fresh server on a port the OS chose:
`llm-bench simulate`, or an independent exact server in C (mock-sse-server.c, built here with cc).
Sections: client CPU per 1M tokens vs curl and a peer (efficiency), peak RSS at 1k/10k streams
(memory), per-event timestamp accuracy against both servers' truth (accuracy), the rate the client
keeps up with (ceiling), AIPerf on the same workloads (peer), and, when asked for, the ingest
ceiling against the C server alone (ingest), and 1,024 lockstep streams from the C server with kernel
and user receive stamps side by side, alone and with a CPU hog on one core (burst). Prints markdown tables and writes them to the report.

The peer (NVIDIA AIPerf from PyPI) goes into a venv (--peer-venv, default <repo>/.bench-venv) with a
tiny tokenizer trained on input.txt (peer/setup.sh), so it runs offline; if it cannot be prepared,
its parts are skipped with the reason in the report.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

from . import binaries, report
from .context import Context
from .processes import log
from .sections import AFTER_TARGETS, DEFAULT, SECTIONS
from .tools import aiperf

REPO = Path(__file__).resolve().parents[3]


def parse_options(argv):
    """The harness's options, with the defaults of the chosen profile filled in."""
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="Benchmarks/harness/run.sh", description=__doc__.split("\n\n")[0],
                                     epilog="Environment: BENCH_WORKDIR, BENCH_VENV, BENCH_PEER_SPEC, "
                                     "BENCH_MAX_MINUTES, BENCH_QUIET_BUDGET set the defaults of the matching options.")
    profile = parser.add_mutually_exclusive_group()
    profile.add_argument("--quick", dest="profile", action="store_const", const="quick",
                         help="one repetition, smaller workloads, no 10k accuracy run (~1 min)")
    profile.add_argument("--smoke", dest="profile", action="store_const", const="smoke",
                         help="tiny workloads, no waiting for an idle machine: checks the harness end to end")
    parser.set_defaults(profile="full")
    parser.add_argument("--sections", default=",".join(DEFAULT),
                        help=f"comma-separated, of {', '.join(SECTIONS)} (default: {','.join(DEFAULT)})")
    parser.add_argument("--reps", type=int, default=None, help="repetitions (default 3, 1 with --quick or --smoke)")
    parser.add_argument("--no-peer", action="store_true", help="skip AIPerf")
    parser.add_argument("--no-build", action="store_true", help="measure the existing release binary")
    parser.add_argument("--report", default="/tmp/bench-client-report.md")
    parser.add_argument("--repo", default=str(REPO), help="the llm-bench checkout (default: this one)")
    parser.add_argument("--workdir", default=env("BENCH_WORKDIR", "/tmp/bench-client"),
                        help="raw data of every run (emptied first)")
    parser.add_argument("--peer-venv", default=env("BENCH_VENV", str(REPO / ".bench-venv")))
    parser.add_argument("--peer-spec", default=env("BENCH_PEER_SPEC", "aiperf==0.13.0"))
    parser.add_argument("--peer-dir", default=None, help="tokenizer, HF cache, install log (default <workdir>-peer)")
    parser.add_argument("--ingest-streams", type=int, default=None, help="ingest section (default 1024; 64 with --smoke)")
    parser.add_argument("--ingest-tokens", type=int, default=None, help="ingest section, per stream (default 2000; 400 with --smoke)")
    parser.add_argument("--burst-client-threads", default=None,
                        help="burst section: run each condition with these `client_threads` values, e.g. 1,2 "
                        "(default: the key left out of the config)")
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="no new run starts after this (default 40, 5 with --smoke; env BENCH_MAX_MINUTES)")
    parser.add_argument("--quiet-wait", type=float, default=120.0,
                        help="longest wait for an idle machine before each measured run, seconds")
    parser.add_argument("--quiet-budget", type=float, default=None,
                        help="total waiting for an idle machine, seconds (default 600, 0 with --smoke)")
    options = parser.parse_args(argv)
    options.sections = [s.strip() for s in options.sections.split(",") if s.strip()]
    unknown = [s for s in options.sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; the sections are {', '.join(SECTIONS)}")
    smoke = options.profile == "smoke"
    if options.reps is None:
        options.reps = 3 if options.profile == "full" else 1
    if options.max_minutes is None:
        options.max_minutes = float(env("BENCH_MAX_MINUTES", "5" if smoke else "40"))
    if options.quiet_budget is None:
        options.quiet_budget = float(env("BENCH_QUIET_BUDGET", "0" if smoke else "600"))
    options.peer_dir = options.peer_dir or options.workdir + "-peer"
    return options


def raise_file_limit(sections) -> None:
    """The soft limit of open files up to the hard one: 10,000 streams need ~10,100."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if resource.getrlimit(resource.RLIMIT_NOFILE)[0] < 10500 and "memory" in sections:
        log(f"warning: RLIMIT_NOFILE is {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}; 10,000 streams need ~10,100")


def run_sections(context: Context) -> None:
    """Each chosen section in report order; one that fails keeps what it measured and says what broke."""
    for name, section in SECTIONS.items():
        if name not in context.options.sections:
            continue
        log(f"section {name}")
        try:
            section.run(context)
        except Exception as error:
            traceback.print_exc()
            context.out[name] = context.out.get(name) or {}
            context.out.setdefault("errors", {})[name] = f"{type(error).__name__}: {error}"
    if "peer" in context.options.sections and "peer" not in context.out:
        context.out["peer"] = {"error": context.peer_error or "not run"}


def render(context: Context, started: float, command: str) -> str:
    """The whole report: header, every section's part in order, the targets, the sections' errors."""
    machine = report.machine_info(context.binary, aiperf.version(context.peer_venv))
    lines = report.header(context.profile, command, machine, started, context.options.workdir)
    for name, section in SECTIONS.items():
        if name not in AFTER_TARGETS:
            lines += section.render(context, context.out)
    lines += report.targets(context.out)
    for name in AFTER_TARGETS:
        lines += SECTIONS[name].render(context, context.out)
    text = "\n".join(lines) + "\n"
    for name, error in (context.out.get("errors") or {}).items():
        text += f"\nSection {name} stopped with an error: {error}\n"
    return text


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    options = parse_options(argv)

    def interrupt(*_):  # SIGTERM unwinds like Ctrl-C, so every server and client started here is stopped
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    raise_file_limit(options.sections)
    started = time.time()
    workdir = Path(options.workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    try:
        prepared = binaries.prepare(options)
    except binaries.SetupError as error:
        print(f"run.sh: {error}", file=sys.stderr)
        return 3
    context = Context(options, prepared)
    run_sections(context)
    text = render(context, started, shlex.join(["Benchmarks/harness/run.sh", *argv]))
    Path(options.report).write_text(text)
    (workdir / "results.json").write_text(json.dumps(context.out, indent=1, default=str))
    print(text)
    log(f"report written to {options.report} ({(time.time() - started) / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
