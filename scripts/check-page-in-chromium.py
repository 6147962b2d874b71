#!/usr/bin/env python3
"""Opens one HTML file in headless Chromium and checks it as a reader would see it.

Chromium is driven over its DevTools protocol on a pipe (--remote-debugging-pipe: commands on
fd 3, answers on fd 4, each a JSON text ended by NUL), so the check sees exactly what the page
did: every uncaught exception, every console.error, every error the browser logged (a resource
that failed to load included). After the page's scripts ran, it counts the charts in the DOM
(`figure.chart` and the `svg` in them) and writes a PNG of the whole page.

Exit status 0 when the page has charts and logged no error, 1 (with the reasons on stderr) when
not, 2 when Chromium could not be driven at all.

Usage: check-page-in-chromium.py CHROMIUM PAGE.html SCREENSHOT.png
"""

import base64
import json
import os
import select
import subprocess
import sys
import tempfile
import time

WIDTH = 1280
MIN_HEIGHT = 2400
MAX_HEIGHT = 16000
TIMEOUT_SECONDS = 45


class Browser:
    """A headless Chromium spoken to over its debugging pipe."""

    def __init__(self, chromium, profile):
        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()
        # The child needs them as fds 3 and 4: move them out of the way first, then into place.
        high = [os.dup(fd) for fd in (commands_read, answers_write)]
        for fd in (commands_read, answers_write):
            os.close(fd)

        def place_pipes():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                # Nothing leaves the machine: every host name fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--remote-debugging-pipe",
                "--user-data-dir=" + profile,
                "--window-size=%d,%d" % (WIDTH, MIN_HEIGHT),
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=place_pipes,
            pass_fds=(3, 4),
        )
        for fd in high:
            os.close(fd)
        self.next_id = 0
        self.buffer = b""
        self.events = []
        self.deadline = time.monotonic() + TIMEOUT_SECONDS

    def send(self, method, params=None, session=None):
        """Sends a command and returns its result, keeping the events that arrive meanwhile."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError("%s failed: %s" % (method, answer["error"].get("message")))
                return answer.get("result", {})
            if "method" in answer:
                self.events.append(answer)

    def wait_for(self, method):
        """Waits for the event `method`, keeping the others."""
        for event in self.events:
            if event["method"] == method:
                return event
        while True:
            event = self.receive()
            if "method" in event:
                self.events.append(event)
                if event["method"] == method:
                    return event

    def receive(self):
        while b"\0" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError("Chromium did not answer within %d s" % TIMEOUT_SECONDS)
            ready, _, _ = select.select([self.answers], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.answers, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its debugging pipe (did it start?)")
            self.buffer += chunk
        text, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(text)

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.answers)


def errors_in(events):
    """What the page reported as errors: exceptions, console.error/assert, browser log errors."""
    errors = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "exception")
            errors.append("uncaught exception: %s (line %s)" % (text.splitlines()[0], details.get("lineNumber", 0) + 1))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            texts = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            errors.append("console.%s: %s" % (params["type"], " ".join(texts)))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            errors.append("browser log: %s %s" % (entry.get("text", ""), entry.get("url", "")))
    return errors


def check(chromium, page, screenshot):
    with tempfile.TemporaryDirectory(prefix="llm-bench-chromium-") as profile:
        browser = Browser(chromium, profile)
        try:
            targets = browser.send("Target.getTargets")["targetInfos"]
            pages = [info["targetId"] for info in targets if info["type"] == "page"]
            target = pages[0] if pages else browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                browser.send(domain + ".enable", session=session)
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": WIDTH, "height": MIN_HEIGHT, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            browser.events.clear()
            url = "file://" + os.path.abspath(page)
            browser.send("Page.navigate", {"url": url}, session=session)
            browser.wait_for("Page.loadEventFired")
            # Let scripts that run on load and the next frame finish before the DOM is read.
            browser.send(
                "Runtime.evaluate",
                {
                    "expression": "new Promise(done => requestAnimationFrame(() => setTimeout(done, 100)))",
                    "awaitPromise": True,
                },
                session=session,
            )
            counts = browser.send(
                "Runtime.evaluate",
                {
                    "expression": "JSON.stringify({charts: document.querySelectorAll('figure.chart').length,"
                    " svgs: document.querySelectorAll('figure.chart svg').length,"
                    " height: Math.ceil(document.documentElement.scrollHeight)})",
                    "returnByValue": True,
                },
                session=session,
            )
            figures = json.loads(counts["result"]["value"])
            height = max(MIN_HEIGHT, min(MAX_HEIGHT, figures["height"]))
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
            with open(screenshot, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
            problems = errors_in(browser.events)
        finally:
            browser.close()
    if figures["charts"] == 0:
        problems.append("no chart: the DOM after scripts has no figure.chart")
    if figures["svgs"] == 0:
        problems.append("no svg inside any figure.chart")
    return figures, problems


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    chromium, page, screenshot = sys.argv[1:]
    try:
        figures, problems = check(chromium, page, screenshot)
    except (RuntimeError, OSError, KeyError, ValueError) as error:
        print("%s: could not be checked in Chromium: %s" % (page, error), file=sys.stderr)
        return 2
    if problems:
        for problem in problems:
            print("%s: %s" % (page, problem), file=sys.stderr)
        return 1
    print("%s: %d chart(s), %d svg, no errors; screenshot %s" % (page, figures["charts"], figures["svgs"], screenshot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
