"""What the harness hands to the measured tools and reads back from them."""

import contextlib
import io
import unittest
from pathlib import Path
from types import SimpleNamespace

from harness import __main__ as harness_main
from harness.sections import burst
from harness.tools import curl, llm_bench


class LLMBenchToolTests(unittest.TestCase):
    def test_the_timed_phase_begins_at_the_running_case_line(self):
        self.assertTrue(llm_bench.timed_phase_started('{"event":"case_started","case":"1","load":"concurrency 4"}\n'))
        self.assertFalse(llm_bench.timed_phase_started('{"event":"phase_started","phase":"measuring"}\n'))
        self.assertFalse(llm_bench.timed_phase_started("Running case 1/1 (32 in, 50 out, concurrency 4): 8 requests.\n"))

    def test_the_config_streams_one_case_from_the_servers_v1(self):
        text = llm_bench.config_text("http://127.0.0.1:5000", Path("/tmp/out"), "/repo/input.txt", concurrency=8,
                                     runs=2, output_tokens=50, input_tokens=16, force_output_length=False)
        self.assertIn('base_url: "http://127.0.0.1:5000/v1"\n', text)
        self.assertIn("runs: 2\nnum_concurrent_requests: 8\n", text)
        self.assertIn("force_output_length: false\n", text)
        self.assertIn("load: {warmup: 0}\n", text)
        self.assertIn("report: false\n", text)
        self.assertIn("server_metrics: off\n", text)
        self.assertTrue(text.endswith("  - {input_tokens: 16, output_tokens: 50}\n"))

    def test_extra_keys_go_into_the_config_only_when_asked_for(self):
        def config(extra):
            return llm_bench.config_text("http://h", Path("/o"), "/i", concurrency=1, runs=1, output_tokens=1,
                                         extra=extra)

        self.assertIn("client_threads: 2\ncases:\n", config({"client_threads": 2}))
        self.assertNotIn("client_threads", config(None))

    def test_tally_counts_tokens_of_successes_and_failures_by_kind(self):
        records = [{"status": "ok", "output_tokens_server": 5}, {"status": "ok", "output_tokens_counted": 3},
                   {"status": "error", "error_kind": "connect"}, {"status": "error", "error_kind": "connect"},
                   {"status": "cancelled"}]
        ok, failures, tokens = llm_bench.tally(records)
        self.assertEqual((len(ok), failures, tokens), (2, {"connect": 2, "cancelled": 1}, 8))


class CurlToolTests(unittest.TestCase):
    def test_at_most_256_transfers_go_to_one_curl_process(self):
        self.assertEqual(curl.process_widths(64), [64])
        self.assertEqual(curl.process_widths(1024), [256, 256, 256, 256])
        self.assertEqual(curl.process_widths(300), [256, 44])

    def test_token_events_with_text_and_finished_streams_are_counted(self):
        data = b'data: {"text":"a"}\n\ndata: {"text":""}\n\ndata: {"text":"b"}\n\ndata: [DONE]\n\n'
        self.assertEqual(curl.count_stream(data), (2, 1))


class OptionTests(unittest.TestCase):
    def test_smoke_runs_once_without_waiting_for_an_idle_machine(self):
        options = harness_main.parse_options(["--smoke", "--sections", "accuracy,ingest"])
        self.assertEqual((options.profile, options.reps, options.quiet_budget), ("smoke", 1, 0.0))
        self.assertEqual(options.sections, ["accuracy", "ingest"])

    def test_the_full_run_repeats_three_times(self):
        options = harness_main.parse_options([])
        self.assertEqual((options.profile, options.reps), ("full", 3))
        self.assertEqual(options.sections, ["efficiency", "memory", "accuracy", "ceiling", "peer", "burst"])

    def test_burst_client_threads_are_a_comma_separated_list_left_out_by_default(self):
        def choices(argv):
            return burst.thread_choices(SimpleNamespace(options=harness_main.parse_options(argv)))

        self.assertEqual(choices(["--burst-client-threads", "1,2"]), [1, 2])
        self.assertEqual(choices([]), [None])

    def test_an_unknown_section_is_a_usage_error(self):
        with self.assertRaises(SystemExit) as exit_status, contextlib.redirect_stderr(io.StringIO()):
            harness_main.parse_options(["--sections", "speed"])
        self.assertEqual(exit_status.exception.code, 2)


if __name__ == "__main__":
    unittest.main()
