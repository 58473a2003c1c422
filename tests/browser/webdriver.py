"""A small WebDriver client (plain HTTP and JSON to chromedriver on a loopback port) for the
browser checks: check.py (the reports) and serve_check.py (the live conference pages)."""

import base64
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request


def find(*names):
    for n in names:
        p = shutil.which(n)
        if p:
            return p
    return None


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Driver:
    """One chromedriver and one headless Chromium session, its window `size` wide and high
    (CSS pixels at scale 1)."""

    def __init__(self, chromedriver, chromium, size="1100,900"):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [chromedriver, f"--port={self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                if self.req("GET", "/status")["value"].get("ready"):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.1)
        else:
            self.proc.kill()
            raise RuntimeError("chromedriver did not start")
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": chromium,
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            f"--window-size={size}",
                            "--force-device-scale-factor=1",
                            "--hide-scrollbars",
                            "--force-color-profile=srgb",
                        ],
                    },
                    "goog:loggingPrefs": {"browser": "ALL"},
                }
            }
        }
        self.sid = self.req("POST", "/session", caps)["value"]["sessionId"]

    def req(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        r = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(r, timeout=120) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.read().decode(errors='replace')[:500]}")

    def cmd(self, method, path, body=None):
        return self.req(method, f"/session/{self.sid}{path}", body)["value"]

    def script(self, js, *args):
        return self.cmd("POST", "/execute/sync", {"script": js, "args": list(args)})

    def cdp(self, cmd, params):
        """A Chrome DevTools protocol command, through chromedriver."""
        return self.cmd("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})

    def go(self, url):
        self.cmd("POST", "/url", {"url": url})

    def element(self, css):
        v = self.cmd("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(v.values()))

    def click(self, css):
        self.cmd("POST", f"/element/{self.element(css)}/click", {})

    def type(self, css, text):
        self.cmd("POST", f"/element/{self.element(css)}/value", {"text": text})

    def keys(self, css, keys):
        """Focuses an element by clicking it, then presses keys (WebDriver key codes)."""
        e = self.element(css)
        self.cmd("POST", f"/element/{e}/click", {})
        actions = [{"type": "keyDown", "value": k} for k in keys] + [
            {"type": "keyUp", "value": k} for k in reversed(keys)
        ]
        self.cmd("POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": actions}]})
        self.cmd("DELETE", "/actions")

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))

    def logs(self):
        return self.cmd("POST", "/se/log", {"type": "browser"})

    def wait(self, js, what, timeout=20.0):
        end = time.time() + timeout
        while time.time() < end:
            v = self.script(js)
            if v:
                return v
            time.sleep(0.1)
        raise RuntimeError(f"timed out waiting for {what}")

    def quit(self):
        try:
            self.req("DELETE", f"/session/{self.sid}")
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=10)
