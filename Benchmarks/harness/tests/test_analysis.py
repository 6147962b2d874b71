"""The arithmetic behind the report's figures, on hand-made data with hand-computed answers."""

import json
import unittest
from pathlib import Path

from harness import analysis

FIXTURES = Path(__file__).parent / "fixtures"
MS = 1_000_000


def truth(request_id, writes_ms, lateness_ms=0.0):
    return {"request_id": request_id, "is_streaming": True, "lateness_nanoseconds": int(lateness_ms * MS),
            "event_nanoseconds": [int(w * MS) for w in writes_ms]}


def run(rc=0, cpu_s=1.0, tokens=1000, **extra):
    return {"rc": rc, "cpu_s": cpu_s, "tokens": tokens, "maxrss_kb": 2048, "sim_cpu_s": 0.5, "wall_s": 2.0,
            "row": {"output_throughput_tps": 500.0}, **extra}


class PercentileTests(unittest.TestCase):
    def test_percentiles_match_the_swift_distribution_cases(self):
        cases = json.loads((FIXTURES / "percentiles.json").read_text())["cases"]
        for case in cases:
            with self.subTest(values=case["values"][:5], fraction=case["fraction"]):
                got = analysis.percentile(case["values"], case["fraction"] * 100)
                self.assertAlmostEqual(got, case["expected"], places=9)

    def test_order_of_the_values_does_not_matter(self):
        self.assertEqual(analysis.percentile([5, 1, 4, 2, 3], 25), analysis.percentile([1, 2, 3, 4, 5], 25))

    def test_no_values_have_no_percentile(self):
        self.assertIsNone(analysis.percentile([], 50))

    def test_median_leaves_out_missing_values(self):
        self.assertEqual(analysis.median([3, None, 1, 2]), 2)
        self.assertIsNone(analysis.median([None]))

    def test_ratio_of_missing_or_zero_is_none(self):
        self.assertEqual(analysis.ratio(3, 2), 1.5)
        self.assertIsNone(analysis.ratio(None, 2))
        self.assertIsNone(analysis.ratio(3, 0))


class ArrivalSeriesTests(unittest.TestCase):
    def test_llm_bench_arrivals_are_send_plus_ttft_plus_each_gap(self):
        record = {"request_id": "r1", "send_clock_ns": 1_000, "ttft_ms": 2.0, "itl_ms": [1.0, 0.5]}
        self.assertEqual(analysis.arrival_series_llm_bench(record),
                         ("r1", 1_000, [1_000 + 2 * MS, 1_000 + 3 * MS, 1_000 + 3 * MS + MS // 2]))

    def test_a_record_without_a_first_token_has_no_series(self):
        self.assertIsNone(analysis.arrival_series_llm_bench({"request_id": "r", "send_clock_ns": 1, "ttft_ms": None}))

    def test_peer_arrivals_move_the_wall_clock_start_onto_the_monotonic_clock(self):
        record = {"metadata": {"x_request_id": "p", "request_start_ns": 10 * MS},
                  "metrics": {"time_to_first_token": {"value": 1.0}, "inter_chunk_latency": {"value": [2.0]}}}
        self.assertEqual(analysis.arrival_series_peer(record, offset_ns=4 * MS), ("p", 6 * MS, [7 * MS, 9 * MS]))


class CompareWithTruthTests(unittest.TestCase):
    def test_errors_are_client_arrival_minus_server_write(self):
        # Written at 100, 120, 140 ms after a send at 0; arrived 0.5, 0.5 and 2.5 ms after each write.
        series = [("a", 0, [int(100.5 * MS), int(120.5 * MS), int(142.5 * MS)])]
        result = analysis.compare_with_truth(series, [truth("a", [100, 120, 140], lateness_ms=0.25)])
        self.assertAlmostEqual(result["ttft_err_p50"], 0.5)
        self.assertAlmostEqual(result["ttft_true_p50"], 100)
        self.assertAlmostEqual(result["ttft_client_p50"], 100.5)
        self.assertAlmostEqual(result["itl_err_p50"], 1.0)  # gaps: client 20, 22; true 20, 20
        self.assertAlmostEqual(result["itl_err_max"], 2.0)
        self.assertAlmostEqual(result["delivery_max"], 2.5)
        self.assertEqual(result["late_events"], 1)
        self.assertAlmostEqual(result["late_fraction"], 1 / 3)
        self.assertEqual(result["late_bursts"], 1)
        self.assertEqual(result["events"], 3)
        self.assertAlmostEqual(result["event_rate"], 3 / 0.040)
        self.assertAlmostEqual(result["sim_lateness_max"], 0.25)

    def test_late_events_are_counted_where_they_sit_in_their_stream(self):
        writes = list(range(0, 80, 10))  # eight events
        arrivals = [int((w + 2) * MS) for w in writes]  # every one 2 ms late
        result = analysis.compare_with_truth([("a", 0, arrivals)], [truth("a", writes)])
        self.assertEqual(result["late_where"], {"first 3": 3, "middle": 2, "last 3": 3})
        self.assertEqual(result["late_bursts"], 8)

    def test_requests_without_truth_and_count_mismatches_are_counted(self):
        series = [("a", 0, [MS, 2 * MS]), ("ghost", 0, [MS]), None]
        result = analysis.compare_with_truth(series, [truth("a", [1, 2, 3])])
        self.assertEqual(result["unmatched"], 1)
        self.assertEqual(result["event_count_mismatch"], 1)
        self.assertEqual(result["events"], 2)

    def test_nothing_matched_gives_no_figures(self):
        result = analysis.compare_with_truth([], [])
        self.assertIsNone(result["ttft_err_p50"])
        self.assertIsNone(result["late_fraction"])
        self.assertIsNone(result["event_rate"])


class RowTests(unittest.TestCase):
    def test_median_row_takes_the_median_of_each_number_over_the_repeats(self):
        repeats = [{"cpu_s": 1.0, "tool": "x", "ok": 3}, {"cpu_s": 5.0, "tool": "x", "ok": 1},
                   {"cpu_s": 2.0, "tool": "x", "ok": 2}]
        row = analysis.median_row(dict(repeats[0], repeats=repeats))
        self.assertEqual((row["cpu_s"], row["ok"], row["tool"]), (2.0, 2, "x"))

    def test_reported_offset_is_reported_minus_true(self):
        row = {"ttft_reported_p99": 10.5, "ttft_true_p99": 10.0, "itl_reported_p50": 1.0}
        self.assertAlmostEqual(analysis.reported_offset(row, "ttft_p99"), 0.5)
        self.assertIsNone(analysis.reported_offset(row, "itl_p50"))

    def test_marginal_cpu_cancels_what_both_runs_share(self):
        long, short = run(cpu_s=3.0, tokens=1_000_000), run(cpu_s=1.0, tokens=200_000)
        self.assertAlmostEqual(analysis.marginal_cpu_per_million(long, short), 2.5)

    def test_marginal_cpu_of_a_failed_or_shorter_run_is_none(self):
        self.assertIsNone(analysis.marginal_cpu_per_million(run(rc=1), run()))
        self.assertIsNone(analysis.marginal_cpu_per_million(run(tokens=10), run(tokens=10)))

    def test_efficiency_row_prefers_the_quiet_repetitions(self):
        quiet = {"long": run(cpu_s=3.0, tokens=2000), "short": run(cpu_s=1.0, tokens=1000)}
        noisy = {"long": run(cpu_s=9.0, tokens=2000, contaminated=True, foreign_cores=1.0),
                 "short": run(cpu_s=1.0, tokens=1000)}
        row = analysis.efficiency_row("llm-bench", "c", 64, [quiet, noisy])
        self.assertEqual(row["marginal_all"], [2000.0])
        self.assertEqual((row["reps"], row["clean_reps"], row["all_reps"], row["ok_reps"]), (1, 1, 2, 2))
        self.assertEqual(row["server"], "C server")
        self.assertEqual(row["ingest"], 500.0)  # llm-bench's own output_throughput_tps
        self.assertAlmostEqual(row["gross"], 1500.0)

    def test_curl_ingest_is_tokens_over_wall_time(self):
        pair = {"long": run(cpu_s=3.0, tokens=2000), "short": run(cpu_s=1.0, tokens=1000)}
        self.assertEqual(analysis.efficiency_row("curl", "simulator", 64, [pair])["ingest"], 1000.0)

    def test_per_stream_memory_is_the_slope_between_two_levels(self):
        self.assertAlmostEqual(analysis.per_stream_kb(40.0, 200.0, 1000, 10000), 160 * 1024 / 9000)

    def test_a_ceiling_step_passes_under_one_percent_late_and_exit_zero(self):
        self.assertTrue(analysis.ceiling_step_passed({"late_fraction": 0.009, "rc": 0}))
        self.assertFalse(analysis.ceiling_step_passed({"late_fraction": 0.01, "rc": 0}))
        self.assertFalse(analysis.ceiling_step_passed({"late_fraction": 0.0, "rc": 1}))
        self.assertFalse(analysis.ceiling_step_passed({"late_fraction": None, "rc": 0}))

    def test_accuracy_target_is_one_ms_at_p50_and_two_at_p99(self):
        self.assertTrue(analysis.meets_accuracy_target(1.0, 2.0))
        self.assertFalse(analysis.meets_accuracy_target(1.01, 0.5))
        self.assertFalse(analysis.meets_accuracy_target(None, 0.5))


if __name__ == "__main__":
    unittest.main()


class ClientIngestTests(unittest.TestCase):
    def test_kernel_stamped_runs_end_at_the_clients_last_read(self):
        run = {"tokens": 1000, "row": {"output_throughput_tps": 10_000},
               "records": [{"status": "ok", "end_offset_ms": 100.0, "client_lag_ms": [0.1, 400.0]},
                           {"status": "ok", "end_offset_ms": 90.0, "client_lag_ms": [0.1, 10.0]},
                           {"status": "failed", "end_offset_ms": 900.0}]}
        self.assertAlmostEqual(analysis.client_ingest_tps(run), 1000 / 0.5)

    def test_user_stamped_runs_keep_the_rows_throughput(self):
        run = {"tokens": 1000, "row": {"output_throughput_tps": 1234.0},
               "records": [{"status": "ok", "end_offset_ms": 100.0}]}
        self.assertEqual(analysis.client_ingest_tps(run), 1234.0)
