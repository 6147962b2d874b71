"""The report's sections rendered from hand-made results: every table and figure README quotes."""

import unittest
from types import SimpleNamespace

from harness import analysis, report
from harness.sections import SECTIONS

MS = 1_000_000


def run(cpu_s, tokens, rss_kb=50 * 1024):
    return {"rc": 0, "cpu_s": cpu_s, "tokens": tokens, "maxrss_kb": rss_kb, "sim_cpu_s": 1.0, "wall_s": 1.0,
            "timed_cpu_s": cpu_s * 0.9, "row": {"output_throughput_tps": 1_420_000.0}}


def efficiency(tool, server, concurrency, long_cpu, short_cpu):
    pair = {"long": run(long_cpu, 1_000_000), "short": run(short_cpu, 100_000)}
    return analysis.efficiency_row(tool, server, concurrency, [pair])


def accuracy_row(concurrency, error_ms, repeat=""):
    writes = [100 + 20 * k for k in range(10)]
    truths = [{"request_id": "a", "event_nanoseconds": [w * MS for w in writes], "lateness_nanoseconds": 0}]
    arrivals = [int((w + error_ms) * MS) for w in writes]
    row = analysis.compare_with_truth([("a", 0, arrivals)], truths)
    row.update({"concurrency": concurrency, "repeat": repeat, "ok": concurrency, "rc": 0, "failures": {},
                "maxrss_mb": 43.7, "cpu_s": 1.0, "sim_cpu_s": 1.0, "wall_s": 3.0, "foreign_cores": 0.01,
                "ttft_reported_p50": 100.2, "ttft_reported_p99": 100.9, "itl_reported_p50": 20.0,
                "itl_reported_p99": 21.0, "itl_avg_reported_p99": 20.1, "clock_offset_drift_us": 3.0})
    return row


def results() -> dict:
    repeats = [accuracy_row(1000, e, f"{i + 1}/3") for i, e in enumerate((0.2, 0.3, 0.4))]
    accuracy = {100: accuracy_row(100, 0.3), 1000: dict(repeats[0], repeats=repeats)}
    memory_rows = {c: {"concurrency": c, "rc": 0, "ok": c, "requests": c, "failures": {}, "maxrss_mb": rss,
                       "rss_before_timed_mb": rss / 2, "wall_s": 3.0, "cpu_s": 1.0, "sim_max_lateness_ms": 1.0,
                       "foreign_cores": 0.01} for c, rss in ((1000, 43.7), (10000, 198.6))}
    step = dict(accuracy_row(192, 0.3), offered_rate=38_400.0, passed=True, attempt=1)
    return {
        "efficiency": {"llm-bench@64": efficiency("llm-bench", "simulator", 64, 1.5, 0.65),
                       "curl@64": efficiency("curl", "simulator", 64, 2.0, 0.55),
                       "aiperf@64": efficiency("aiperf", "simulator", 64, 30.0, 4.9),
                       "llm-bench@1024/c": efficiency("llm-bench", "c", 1024, 1.2, 0.525),
                       "curl@1024/c": efficiency("curl", "c", 1024, 1.5, 0.43)},
        "memory": {"rows": memory_rows, "per_stream_kb": 17.6, "tokens": 32, "levels": [1000, 10000]},
        "accuracy": accuracy, "accuracy_c": accuracy,
        "ceiling": {"steps": [step], "last_pass": step, "tokens": 200},
        "peer": {"accuracy": {100: accuracy_row(100, 25.0)}, "accuracy_c": {1000: {"error": "RuntimeError: boom"}}},
        "ingest": {"streams": 1024, "tokens": 2000, "rate": 1_420_000.0, "cpu_per_m": 0.75,
                   "rows": [{"rate": 1_420_000.0, "cpu_per_m": 0.75, "maxrss_mb": 56.4, "rc": 0, "short_rc": 0,
                             "tokens": 2_048_000}]},
    }


class ReportTests(unittest.TestCase):
    def render(self, out) -> str:
        context = SimpleNamespace(reps=3)
        lines = [line for name, section in SECTIONS.items() for line in section.render(context, out)]
        return "\n".join(lines + report.targets(out))

    def test_every_section_has_its_heading(self):
        text = self.render(results())
        for heading in ("## 1. Efficiency", "## 2. Memory", "## 3. Accuracy", "### 3a. Against the simulator",
                        "### 3b. Against an independent exact server", "## 4a. Ceiling against the simulator",
                        "## 5. Side by side with a peer (AIPerf)", "### Accuracy, AIPerf, against the simulator (3a)",
                        "## 6. Ingest ceiling against the C server", "## Targets from the issue"):
            self.assertIn(heading, text)

    def test_the_figures_readme_quotes_are_in_the_report(self):
        text = self.render(results())
        self.assertIn("| llm-bench | simulator | 64 | 1,000,000 / 100,000 | 0.94 |", text)  # marginal CPU
        self.assertIn("| llm-bench | C server | 1,024 | 1,000,000 / 100,000 | 0.75 |", text)
        self.assertIn("Per stream: (RSS10k − RSS1k) / 9000 = **17.6 KB**", text)
        self.assertIn("| 1,000 (run 2/3) |", text)
        self.assertIn("Last passing rate: **", text)
        self.assertIn("| CPU per 1M tokens ≤ 1.2× curl (64 streams) | 0.59× | meets |", text)
        self.assertIn("| peak RSS ≤ 256 MB at 10,000 streams | 198.6 MB | meets |", text)
        self.assertIn("AIPerf at 1000 streams against the C server (3b) failed: RuntimeError: boom", text)
        self.assertIn("Median: ingest **1,420,000 tokens/s** at 1,024 streams, **0.75** client CPU-s per 1M", text)

    def test_sections_that_did_not_run_leave_nothing(self):
        self.assertEqual(self.render({}), "")

    def test_a_skipped_server_or_peer_says_why(self):
        text = self.render({"accuracy_c": {"error": "cc is not installed"}, "peer": {"error": "skipped (--no-peer)"},
                            "ingest": {"error": "cc is not installed"}})
        self.assertIn("Skipped: cc is not installed", text)
        self.assertIn("Peer skipped: skipped (--no-peer)", text)

    def test_missing_figures_are_dashes(self):
        self.assertEqual(report.fmt(None), "–")
        self.assertEqual(report.fmt(float("nan")), "–")
        self.assertEqual(report.fmt(1234567), "1,234,567")
        self.assertEqual(report.fmt(0.12345, 3), "0.123")


if __name__ == "__main__":
    unittest.main()
