"""The trace section's arithmetic: schedule lag from records, the server's lateness on the shared
clock, and the order check."""

import unittest

from harness.sections.trace import analyse_replay


def record(index, scheduled, start, send_clock_ns, send_offset, warmup=False):
    return {"request_id": f"r{index}", "index": index, "status": "ok", "warmup": warmup,
            "scheduled_offset_ms": scheduled, "start_offset_ms": start,
            "send_clock_ns": send_clock_ns, "send_offset_ms": send_offset}


class AnalyseReplayTests(unittest.TestCase):
    def test_lag_and_lateness_on_the_clients_clock(self):
        # The case started at 1e9 ns; request 0 is due at 0 ms, sent at 0.2 ms, received at 0.5 ms.
        records = [record(0, 0.0, 0.2, 1_000_200_000, 0.2), record(1, 10.0, 10.1, 1_010_100_000, 10.1)]
        truths = [{"request_id": "r0", "received_nanoseconds": 1_000_500_000},
                  {"request_id": "r1", "received_nanoseconds": 1_010_400_000}]
        row = analyse_replay(records, truths)
        self.assertAlmostEqual(row["lag_max"], 0.2)
        self.assertAlmostEqual(row["late_p50"], 0.45)
        self.assertAlmostEqual(row["late_max"], 0.5)
        self.assertTrue(row["in_order"])
        self.assertEqual(row["requests"], 2)

    def test_a_swap_at_the_server_is_counted(self):
        records = [record(0, 0.0, 0.0, 1_000_000_000, 0.0), record(1, 1.0, 1.0, 1_001_000_000, 1.0)]
        truths = [{"request_id": "r0", "received_nanoseconds": 1_002_000_000},
                  {"request_id": "r1", "received_nanoseconds": 1_001_500_000}]
        row = analyse_replay(records, truths)
        self.assertFalse(row["in_order"])
        self.assertEqual(row["out_of_order"], 1)

    def test_warm_up_records_are_left_out(self):
        records = [record(0, 0.0, 5.0, 1_005_000_000, 5.0, warmup=True), record(1, 1.0, 1.5, 1_001_500_000, 1.5)]
        row = analyse_replay(records, [])
        self.assertEqual(row["requests"], 1)
        self.assertAlmostEqual(row["lag_max"], 0.5)
        self.assertIsNone(row["late_max"])


if __name__ == "__main__":
    unittest.main()
