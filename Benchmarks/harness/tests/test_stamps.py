"""Kernel and user stamps side by side (the burst section), on hand-made records with hand-computed
answers."""

import unittest
from types import SimpleNamespace

from harness import stamps
from harness.sections import burst

MS = 1_000_000


def record(request_id, ttft_ms, itl_ms, source=None, lag_ms=None, send_ns=0, status="ok"):
    line = {"request_id": request_id, "status": status, "send_clock_ns": send_ns, "ttft_ms": ttft_ms, "itl_ms": itl_ms}
    if source is not None:
        line["timestamp_source"] = source
    if lag_ms is not None:
        line["client_lag_ms"] = lag_ms
    return line


def truth(request_id, writes_ms, received_ms=None):
    line = {"request_id": request_id, "is_streaming": True, "lateness_nanoseconds": 0,
            "event_nanoseconds": [round(w * MS) for w in writes_ms]}
    if received_ms is not None:
        line["received_nanoseconds"] = round(received_ms * MS)
    return line


class RecordStampsTests(unittest.TestCase):
    def test_user_stamps_give_user_arrivals_only(self):
        got = stamps.record_stamps(record("a", 100.0, [20.0]))
        self.assertEqual(got.source, "user")
        self.assertIsNone(got.kernel)
        self.assertEqual(got.user, [100 * MS, 120 * MS])

    def test_kernel_stamps_reconstruct_user_arrivals_from_the_lag_of_every_event(self):
        got = stamps.record_stamps(record("a", 100.0, [20.0], source="kernel", lag_ms=[0.5, 0.25]))
        self.assertEqual(got.kernel, [100 * MS, 120 * MS])
        self.assertEqual(got.user, [int(100.5 * MS), int(120.25 * MS)])

    def test_a_lag_list_of_the_wrong_length_leaves_the_user_clock_unknown(self):
        got = stamps.record_stamps(record("a", 100.0, [20.0], source="kernel", lag_ms=[0.5]))
        self.assertEqual(got.kernel, [100 * MS, 120 * MS])
        self.assertIsNone(got.user)
        self.assertIsNone(got.lag_ms)

    def test_a_record_without_a_first_token_has_no_stamps(self):
        self.assertIsNone(stamps.record_stamps(record("a", None, [])))


class LagAndSplitTests(unittest.TestCase):
    def test_lag_summary_covers_every_event_and_the_first_ones_apart(self):
        series = [stamps.record_stamps(record("a", 100.0, [20.0, 20.0], source="kernel", lag_ms=[1.0, 0.0, 0.5])),
                  stamps.record_stamps(record("b", 100.0, [20.0, 20.0], source="kernel", lag_ms=[3.0, 0.0, 0.5]))]
        got = stamps.lag_summary(series)
        self.assertEqual(got["lag_events"], 6)
        self.assertAlmostEqual(got["lag_p50"], 0.5)
        self.assertAlmostEqual(got["lag_max"], 3.0)
        self.assertAlmostEqual(got["first_lag_p50"], 2.0)
        self.assertAlmostEqual(got["first_lag_max"], 3.0)

    def test_lag_summary_is_empty_with_user_stamps(self):
        got = stamps.lag_summary([stamps.record_stamps(record("a", 100.0, [20.0]))])
        self.assertEqual(got["lag_events"], 0)
        self.assertIsNone(got["lag_p99"])

    def test_ttft_split_parts_add_up_to_the_client_ttft(self):
        # Sent at 0, read by the server at 3, first write at 104; kernel receive 104.25, user read 105.
        series = [stamps.record_stamps(record("a", 104.25, [20.0], source="kernel", lag_ms=[0.75, 0.0]))]
        got = stamps.ttft_split(series, [truth("a", [104, 124], received_ms=3)], nominal_ttft_ms=100)
        self.assertAlmostEqual(got["transit_p50"], 3)
        self.assertAlmostEqual(got["server_wait_p50"], 101)
        self.assertAlmostEqual(got["server_over_nominal_p50"], 1)
        self.assertAlmostEqual(got["delivery_p50"], 0.25)
        self.assertAlmostEqual(got["user_err_p50"], 1.0)
        self.assertAlmostEqual(stamps.lag_summary(series)["first_lag_p50"], 0.75, msg="the client's own share")

    def test_ttft_split_without_the_servers_read_time_or_kernel_stamps_has_only_the_user_error(self):
        series = [stamps.record_stamps(record("a", 104.5, [20.0]))]
        got = stamps.ttft_split(series, [truth("a", [104, 124])], nominal_ttft_ms=100)
        self.assertAlmostEqual(got["user_err_p99"], 0.5)
        self.assertIsNone(got["transit_p50"])
        self.assertIsNone(got["delivery_p99"])


class BurstShapeTests(unittest.TestCase):
    def test_writes_closer_than_the_gap_form_one_burst(self):
        truths = [truth("a", [100.0, 120.0, 140.0]), truth("b", [100.5, 120.25, 140.0]), truth("c", [101.0])]
        got = stamps.bursts(truths, gap_ms=5)
        self.assertEqual(got["bursts"], 3)
        self.assertEqual(got["burst_events_p50"], 2)
        self.assertAlmostEqual(got["burst_ms_max"], 1.0)

    def test_no_writes_no_bursts(self):
        self.assertEqual(stamps.bursts([], gap_ms=5)["bursts"], 0)


class AnalyseRunTests(unittest.TestCase):
    truths = [truth("a", [100, 120, 140], received_ms=0), truth("b", [100, 120, 140], received_ms=0)]

    def test_kernel_run_reports_the_rows_figures_for_kernel_and_recomputes_user(self):
        records = [record("a", 100.25, [20.0, 20.0], source="kernel", lag_ms=[0.5, 1.5, 0.5]),
                   record("b", 100.25, [20.0, 20.0], source="kernel", lag_ms=[0.5, 1.5, 0.5]),
                   record("c", None, [], status="failed")]
        row = {"itl_p50_ms": 20.0, "itl_p90_ms": 20.0, "itl_p99_ms": 20.1, "ttft_p50_ms": 100.25}
        got = stamps.analyse_run(records, row, self.truths, nominal_ttft_ms=100, itl_ms=20)
        self.assertEqual(got["clock"], "kernel")
        self.assertEqual(got["requests_ok"], 2)
        kernel, user = got["clocks"]["kernel"], got["clocks"]["user"]
        self.assertEqual(kernel["reported_from"], "results row")
        self.assertAlmostEqual(kernel["itl_abs_err_p99"], 0.0)
        self.assertAlmostEqual(kernel["ttft_err_p50"], 0.25)
        self.assertAlmostEqual(kernel["itl_reported_diff_p99"], 0.1)
        self.assertIsNone(kernel["ttft_reported_diff_p99"])  # the row gave no TTFT p99
        self.assertEqual(user["reported_from"], "records")
        self.assertAlmostEqual(user["ttft_err_p50"], 0.75)
        self.assertAlmostEqual(user["itl_abs_err_p50"], 1.0)  # user gaps 21 and 19 against 20 and 20
        self.assertAlmostEqual(user["itl_reported_diff_p50"], 0.0)
        self.assertAlmostEqual(got["first_lag_p99"], 0.5)
        self.assertAlmostEqual(got["lag_max"], 1.5, msg="every event's lag, not the first's alone")
        self.assertAlmostEqual(got["lag_p99"], 1.5, msg="every event's, where the first events' is 0.5")
        self.assertEqual(got["server_lateness_max"], 0.0)

    def test_user_run_has_no_kernel_clock_and_tolerates_missing_row_fields(self):
        records = [record("a", 100.5, [20.0, 20.0]), record("b", 100.5, [20.0, 21.0])]
        got = stamps.analyse_run(records, {}, self.truths, nominal_ttft_ms=100, itl_ms=20)
        self.assertEqual(got["clock"], "user")
        self.assertIsNone(got["clocks"]["kernel"])
        user = got["clocks"]["user"]
        self.assertAlmostEqual(user["ttft_err_p50"], 0.5)
        self.assertIsNone(user["itl_reported_diff_p50"])
        self.assertIsNone(got["lag_p50"])


class BurstRenderTests(unittest.TestCase):
    def analysed(self, records):
        run = stamps.analyse_run(records, {"itl_p50_ms": 20.0, "itl_p90_ms": 20.0, "itl_p99_ms": 20.0},
                                 AnalyseRunTests.truths, nominal_ttft_ms=100, itl_ms=20)
        run.update({"ok": 2, "requests": 2, "maxrss_mb": 40.0, "foreign_cores": 0.01})
        return run

    def test_user_stamps_say_no_kernel_stamps_and_leave_the_client_share_unmeasured(self):
        run = self.analysed([record("a", 100.25, [20.0, 20.0]), record("b", 100.25, [20.0, 20.0])])
        out = {"burst": {"streams": 2, "tokens": 3, "runs": 1, "hog": "taskset -c 1 stress-ng",
                         "conditions": [{"name": "alone", "hog": False, "threads": None, "runs": [run]}]}}
        text = "\n".join(burst.render(SimpleNamespace(), out))
        self.assertIn("| every target (alone, kernel stamps) | no kernel stamps | not measured |", text)
        self.assertIn("| ITL abs(reported − true) per event ≤ 0.5 ms p50, ≤ 1 ms p99 (alone, user stamps), in each "
                      "run | 1/1 runs meet | meets |", text)
        self.assertIn("| client's own share of TTFT p99 ≤ 1 ms (alone, user stamps), in each run | not measured (no "
                      "kernel stamps or a missing figure) | not measured |", text)

    def test_kernel_stamps_check_the_client_share_against_its_limit(self):
        late = [2.0, 0.0, 0.0]
        run = self.analysed([record("a", 100.0, [20.0, 20.0], source="kernel", lag_ms=late),
                             record("b", 100.0, [20.0, 20.0], source="kernel", lag_ms=late)])
        out = {"burst": {"streams": 2, "tokens": 3, "runs": 1, "hog": "sh",
                         "conditions": [{"name": "alone", "hog": False, "threads": None, "runs": [run]}]}}
        text = "\n".join(burst.render(SimpleNamespace(), out))
        self.assertIn("| client's own share of TTFT p99 ≤ 1 ms (alone, user stamps), in each run | 0/1 runs meet | "
                      "**misses** |", text)
        self.assertIn("| ITL abs(reported − true) per event ≤ 0.5 ms p50, ≤ 1 ms p99 (alone, kernel stamps), in each "
                      "run | 1/1 runs meet | meets |", text)

    def test_a_target_missing_in_some_runs_is_met_only_where_measured(self):
        self.assertEqual(burst.tally([True, None]), ("1/2 runs meet; 1 not measured (no kernel stamps or a missing "
                                                     "figure)", "meets where measured"))
        self.assertEqual(burst.tally([True, False])[1], "**misses**")
        self.assertEqual(burst.tally([None])[1], "not measured")

    def test_a_skipped_section_says_why(self):
        text = "\n".join(burst.render(SimpleNamespace(), {"burst": {"error": "cc is not installed"}}))
        self.assertIn("Skipped: cc is not installed", text)


if __name__ == "__main__":
    unittest.main()
