"""Render a local HTML file in Debian's headless Chromium with the network off, and report what it drew.

How: Chromium starts with `--remote-debugging-port=0` and a fresh profile; the port is read from the
profile's `DevToolsActivePort` file and the page is driven over the DevTools protocol (websockets, already
installed with Prefect; no extra driver). Before navigating, the page is put offline
(`Network.emulateNetworkConditions`) and http(s)/ws(s) URLs are blocked; every request the page attempts
with another scheme than file/data/blob/about is still recorded, so a CDN script shows up as a request
(and as a console error), never as a silently working page.

Use: `render_page(path, screenshot=...)` → `PageRender` with the Vega marks drawn (per mark type), console
errors, uncaught exceptions, dialogs (an `alert()` from injected script), network requests, images, and the
seconds until the chart had marks. For interaction, `with ChromiumPage(path) as page:` gives `state()`,
`evaluate(js)`, `click(x, y)`, `wheel(x, y, dy)` and `screenshot(path)` on the live page.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from base64 import b64decode
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1400,1000",
)
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "devtools:")
BLOCKED_URLS = ["http://*", "https://*", "ws://*", "wss://*"]
PAGE_STATE = """(() => {
  const marks = {};
  for (const group of document.querySelectorAll('svg g.role-mark')) {
    const kind = [...group.classList].find((name) => name.startsWith('mark-'));
    if (kind) marks[kind.slice(5)] = (marks[kind.slice(5)] || 0) + group.children.length;
  }
  const images = [...document.images];
  return JSON.stringify({
    marks, svg: document.querySelectorAll('svg').length, canvas: document.querySelectorAll('canvas').length,
    chart: !!document.getElementById('chart'),
    chartError: (document.getElementById('chart-error') || {}).textContent || '',
    images: images.length,
    imagesLoaded: images.filter((image) => image.complete && image.naturalWidth > 0).length,
    text: document.body ? document.body.innerText : '', ready: document.readyState,
    svgText: [...document.querySelectorAll('svg text')].map((node) => node.textContent).join(' | '),
  });
})()"""


@dataclass
class PageRender:
    """What Chromium drew for one page."""

    url: str
    marks: dict[str, int] = field(default_factory=dict)
    svg_count: int = 0
    canvas_count: int = 0
    console_errors: list[str] = field(default_factory=list)
    network_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    images: int = 0
    images_loaded: int = 0
    chart_error: str = ""
    text: str = ""
    svg_text: str = ""
    render_seconds: float = 0.0

    @property
    def mark_count(self) -> int:
        """All drawn mark items (symbols, rects, rules, texts, …) of the Vega views on the page."""
        return sum(self.marks.values())


class DevTools:
    """A minimal DevTools-protocol client on one page target: send commands, collect events."""

    def __init__(self, websocket_url: str) -> None:
        self.socket = connect(websocket_url, max_size=None, open_timeout=30)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = 30.0) -> dict[str, Any]:
        """Send a command and return its result (events that arrive meanwhile are kept)."""
        self.next_id += 1
        command_id = self.next_id
        self.socket.send(json.dumps({"id": command_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self.socket.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            if message.get("id") == command_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.handle(message)

    def pump(self, seconds: float) -> None:
        """Collect events for `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = json.loads(self.socket.recv(timeout=left))
            except TimeoutError:
                return
            if "method" in message:
                self.handle(message)

    def handle(self, message: dict[str, Any]) -> None:
        self.events.append(message)
        if message["method"] == "Page.javascriptDialogOpening":
            self.socket.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                         "params": {"accept": True}}))

    def close(self) -> None:
        self.socket.close()


def _start_chromium(profile: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not port_file.exists() or not port_file.read_text().strip():
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError("Chromium did not open its DevTools port")
        time.sleep(0.05)
    port = port_file.read_text().split()[0]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
        targets = json.loads(response.read())
    page = next(target for target in targets if target["type"] == "page")
    return process, page["webSocketDebuggerUrl"]


def _describe_console(event: dict[str, Any]) -> str | None:
    method, params = event["method"], event["params"]
    if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
        return " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"])
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        return details.get("exception", {}).get("description") or details.get("text", "exception")
    if method == "Log.entryAdded" and params["entry"]["level"] == "error":
        return params["entry"]["text"]
    return None


class ChromiumPage:
    """One local HTML file open in headless Chromium with the network off, for several checks in a row.

    Use as a context manager: entering starts Chromium, opens the page and waits until its chart has marks
    (or the wait runs out); `state()`, `evaluate()`, `click()` and `screenshot()` then act on the live page.
    """

    def __init__(self, path: Path, *, timeout: float = 60.0) -> None:
        self.url = Path(path).resolve().as_uri()
        self.timeout = timeout
        self.render_seconds = 0.0

    def __enter__(self) -> ChromiumPage:
        self.profile = Path(tempfile.mkdtemp(prefix="dateline-chromium-"))
        self.process, websocket_url = _start_chromium(self.profile)
        try:
            self.tools = DevTools(websocket_url)
            for domain in ("Page", "Runtime", "Log", "Network"):
                self.tools.send(f"{domain}.enable")
            self.tools.send("Network.emulateNetworkConditions", {
                "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
            self.tools.send("Network.setBlockedURLs", {"urls": BLOCKED_URLS})
            started = time.monotonic()
            self.tools.send("Page.navigate", {"url": self.url})
            _wait_for_render(self.tools, started + self.timeout)
            self.render_seconds = time.monotonic() - started
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.tools.close()
        self._stop()

    def _stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def state(self, settle_seconds: float = 0.3) -> PageRender:
        """What the page shows after `settle_seconds` more of events (late console errors, redraws)."""
        self.tools.pump(settle_seconds)
        return _result(self.url, _page_state(self.tools), self.tools.events, self.render_seconds)

    def evaluate(self, expression: str) -> Any:
        """The JSON-serializable value of a JavaScript expression evaluated in the page."""
        reply = self.tools.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression!r} failed: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A real left mouse click at page coordinates (x, y)."""
        for event in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.tools.send("Input.dispatchMouseEvent", {"type": event, "x": x, "y": y, "button": "left",
                                                         "clickCount": 1})

    def wheel(self, x: float, y: float, delta_y: float) -> None:
        """A mouse-wheel turn at (x, y); negative `delta_y` scrolls up (zooms in on a Vega chart)."""
        self.tools.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": x, "y": y, "deltaX": 0,
                                                     "deltaY": delta_y})

    def screenshot(self, target: Path) -> None:
        """Write a full-page PNG to `target`."""
        _screenshot(self.tools, target)


def render_page(path: Path, *, screenshot: Path | None = None, timeout: float = 60.0,
                settle_seconds: float = 0.5) -> PageRender:
    """Open `path` in headless Chromium with the network off; wait until its chart has marks (or it failed).

    A page without a `#chart` element (the index) is done when loaded and its images are decoded. With
    `screenshot`, a full-page PNG is written there.
    """
    with ChromiumPage(path, timeout=timeout) as page:
        state = page.state(settle_seconds)
        if screenshot is not None:
            page.screenshot(screenshot)
        return state


def _page_state(tools: DevTools) -> dict[str, Any]:
    """What the page shows now; while a navigation replaces the document, an empty not-ready state."""
    try:
        reply = tools.send("Runtime.evaluate", {"expression": PAGE_STATE, "returnByValue": True})
    except RuntimeError:
        reply = {"result": {}}
    if "exceptionDetails" in reply:
        raise RuntimeError(f"page state script failed: {reply['exceptionDetails'].get('text')}")
    result = reply["result"]
    if "value" not in result:
        return {"ready": "navigating", "marks": {}, "svg": 0, "canvas": 0, "chart": False, "chartError": "",
                "images": 0, "imagesLoaded": 0, "text": "", "svgText": ""}
    return json.loads(result["value"])


def _wait_for_render(tools: DevTools, deadline: float) -> dict[str, Any]:
    while True:
        state = _page_state(tools)
        loaded = state["ready"] == "complete"
        if loaded and state["chart"] and (state["marks"] or state["chartError"]):
            return state
        if loaded and not state["chart"] and state["imagesLoaded"] == state["images"]:
            return state
        if time.monotonic() > deadline:
            return state
        tools.pump(0.1)


def _screenshot(tools: DevTools, target: Path) -> None:
    metrics = tools.send("Page.getLayoutMetrics")["cssContentSize"]
    tools.send("Emulation.setDeviceMetricsOverride", {
        "width": max(int(metrics["width"]), 800), "height": int(metrics["height"]) + 20,
        "deviceScaleFactor": 1, "mobile": False,
    })
    data = tools.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b64decode(data))


def _result(url: str, state: dict[str, Any], events: list[dict[str, Any]], seconds: float) -> PageRender:
    errors = [text for event in events if (text := _describe_console(event)) is not None]
    requests = [
        event["params"]["request"]["url"] for event in events
        if event["method"] == "Network.requestWillBeSent"
        and not event["params"]["request"]["url"].startswith(LOCAL_SCHEMES)
    ]
    dialogs = [event["params"]["message"] for event in events
               if event["method"] == "Page.javascriptDialogOpening"]
    return PageRender(
        url=url, marks=state["marks"], svg_count=state["svg"], canvas_count=state["canvas"],
        console_errors=errors, network_requests=requests, dialogs=dialogs, images=state["images"],
        images_loaded=state["imagesLoaded"], chart_error=state["chartError"], text=state["text"],
        svg_text=state["svgText"],
        render_seconds=seconds,
    )
