"""Starting servers on ports the OS chose, and knowing when they are ready without sleeping."""

import http.client
import re
import shutil
import sys
import tempfile
import unittest
from pathlib import Path

from harness import binaries, servers
from harness.processes import ReadinessTimeout, start_server, stop_server

READY = re.compile(r"ready on (\d+)")


def python(code: str) -> list[str]:
    return [sys.executable, "-u", "-c", code]


class StartServerTests(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_the_readiness_line_gives_the_port_and_the_output_goes_on_to_the_log(self):
        code = "import signal; print('starting'); print('ready on 4242'); signal.pause()"
        process, match = start_server(python(code), self.folder / "log", READY)
        self.addCleanup(stop_server, process)
        self.assertEqual(match.group(1), "4242")
        self.assertIsNone(process.poll())
        stop_server(process)
        self.assertIn("starting\nready on 4242", (self.folder / "log").read_text())

    def test_a_server_that_exits_before_it_is_ready_is_an_error_with_its_output(self):
        code = "import sys; print('port 80 is taken'); sys.exit(4)"
        with self.assertRaisesRegex(RuntimeError, "status 4 before it was ready: port 80 is taken"):
            start_server(python(code), self.folder / "log", READY)

    def test_a_server_that_never_says_it_is_ready_is_stopped_after_the_timeout(self):
        code = "import signal; print('thinking'); signal.pause()"
        with self.assertRaises(ReadinessTimeout):
            start_server(python(code), self.folder / "log", READY, timeout_s=0.2)


@unittest.skipUnless(shutil.which("cc"), "needs cc to build the C server")
class CServerTests(unittest.TestCase):
    def test_the_c_server_listens_on_a_port_the_os_chose_and_serves_its_truth(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        binary, error = binaries.c_server(folder)
        self.assertEqual(error, "")
        with servers.CServer(binary, 100, 20, folder) as server:
            self.assertGreater(server.port, 0)
            self.assertEqual(server.stats()["tokens_generated"], 0)
            self.assertEqual(server.truths(), [])
        self.assertIsNotNone(server.process.poll())

    def test_the_lockstep_c_server_keeps_when_it_read_each_request_before_its_writes(self):
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        binary, _ = binaries.c_server(folder)
        with servers.CServer(binary, 1, 1, folder, lockstep=True) as server:
            for request_id in ("a", "b"):
                connection = http.client.HTTPConnection(servers.HOST, server.port, timeout=30)
                connection.request("POST", "/v1/completions", body='{"prompt": "x y", "max_tokens": 3, "stream": true}',
                                   headers={"x-request-id": request_id, "Content-Type": "application/json"})
                self.assertIn(b"data: [DONE]", connection.getresponse().read())
                connection.close()
            truths = server.truths()
        self.assertEqual([t["request_id"] for t in truths], ["a", "b"])
        for truth in truths:
            self.assertEqual(len(truth["event_nanoseconds"]), 3)
            self.assertLess(truth["received_nanoseconds"], truth["event_nanoseconds"][0])
            self.assertEqual(truth["event_nanoseconds"], sorted(truth["event_nanoseconds"]))


if __name__ == "__main__":
    unittest.main()
