#!/usr/bin/env python3
"""Checks `pmatrix serve` the way a facilitator and a participant use it, in headless Chromium.

Usage: serve_check.py OUT_DIR PMATRIX MODEL BASE_URL JOIN_URL

Talks WebDriver (plain HTTP and JSON) to chromedriver on a loopback port, with two browser
sessions:
  - the facilitator opens BASE_URL: the page loads with no console error and shows the model's
    ranking; the slider of `uncertainty` is moved to its end with the keyboard, and the
    ranking shown becomes the one `pmatrix rank MODEL --weights` gives at those weights
    (names in order, scores to the digits shown);
  - a participant opens JOIN_URL, gives a name (with markup in it, which must show as text),
    keeps the even split of 100 points, sees their own ranking and submits;
  - the facilitator's page counts one submission, live, and shows the group ranking.
Screenshots go to OUT_DIR. Exits 1 with a list of problems if any check fails.
"""

import json
import os
import subprocess
import sys
import time

HOSTILE = "<b>Zoë</b> & co"


from webdriver import Driver, find  # beside this script


RANKING_JS = r"""
return [...document.querySelectorAll('#ranking li')].map(li => ({
  id: li.dataset.id,
  rank: li.querySelector('.rank').textContent,
  name: li.querySelector('.name').textContent,
  score: li.querySelector('.score').textContent,
}));
"""

WEIGHTS_JS = r"""
const out = {};
for (const s of document.querySelectorAll('.slider')) {
  out[s.dataset.criterion] = document.getElementById('w-' + s.dataset.criterion).textContent;
}
return out;
"""


def shown(x):
    """A score as the page shows it: 4 significant digits, trailing zeros dropped."""
    a = abs(x)
    if a != 0 and (a < 1e-3 or a >= 1e6):
        return None
    return repr(float(f"{x:.4g}")).removesuffix(".0")


def expected_ranking(pmatrix, model, weights):
    arg = ",".join(f"{k}={v}" for k, v in weights.items())
    out = subprocess.run(
        [pmatrix, "rank", model, "--weights", arg, "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def console_errors(d, who, problems):
    for entry in d.logs():
        if entry.get("level") == "SEVERE":
            problems.append(f"{who}: console error: {entry.get('message')}")


def compare(page, cli, what, problems):
    got = [(r["id"], r["rank"], r["name"], r["score"]) for r in page]
    want = [
        (a["id"], str(a["rank"]), a["name"], shown(a["score"])) for a in cli["alternatives"]
    ]
    if got != want:
        problems.append(f"{what}: the page shows {got}, rank gives {want}")


def main():
    if len(sys.argv) != 6:
        print(__doc__)
        return 2
    out_dir, pmatrix, model, base, join = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    chromium = find("chromium", "chromium-browser", "google-chrome")
    chromedriver = find("chromedriver")
    if not chromium or not chromedriver:
        print("chromium or chromedriver not found (Debian: apt-get install chromium chromium-driver)")
        return 3
    problems = []
    fac = Driver(chromedriver, chromium, size="1280,1000")
    part = None
    try:
        fac.go(base)
        fac.wait("return document.querySelectorAll('#ranking li').length > 0", "the first ranking")
        fac.wait("return document.getElementById('group-count').textContent === '0'", "the group panel")
        cli = expected_ranking(pmatrix, model, {k: 1 for k in fac.script(WEIGHTS_JS)})
        compare(fac.script(RANKING_JS), cli, "at the model's weights", problems)
        fac.screenshot(os.path.join(out_dir, "facilitator-start.png"))

        # The facilitator drags `uncertainty` to 100%: End on the focused slider.
        before = fac.script(RANKING_JS)
        fac.keys("#slider-uncertainty", ["\ue010"])
        fac.wait(
            "return document.getElementById('w-uncertainty').textContent === '100.0%'",
            "the uncertainty weight at 100%",
        )
        fac.wait(
            "return !document.getElementById('status').textContent",
            "the ranking after the move",
        )
        time.sleep(0.3)
        weights = {k: (1 if k == "uncertainty" else 0) for k in fac.script(WEIGHTS_JS)}
        cli = expected_ranking(pmatrix, model, weights)
        after = fac.script(RANKING_JS)
        compare(after, cli, "with uncertainty at 100%", problems)
        if [r["id"] for r in after] == [r["id"] for r in before]:
            problems.append("moving the slider did not change the ranking")
        bands = fac.script(
            "return [...document.querySelectorAll('.band')].filter(b => !b.hidden && b.getBoundingClientRect().width > 0).length"
        )
        if bands != len(weights):
            problems.append(f"{bands} stability bands drawn for {len(weights)} weights")
        if not fac.script("return document.getElementById('runner-up').textContent.length > 10"):
            problems.append("no sentence for the runner-up")
        fac.screenshot(os.path.join(out_dir, "facilitator-moved.png"))

        # A participant joins and submits.
        part = Driver(chromedriver, chromium, size="420,900")
        part.go(join)
        part.wait("return document.getElementById('title').textContent !== 'Loading…'", "the join page")
        part.type("#name", HOSTILE)
        part.click("#join")
        part.wait("return !document.getElementById('weights-step').hidden", "the weights step")
        hello = part.script("return document.getElementById('hello').textContent")
        if HOSTILE not in hello:
            problems.append(f"the name is not shown as text: {hello!r}")
        if part.script("return document.querySelectorAll('b').length") != 0:
            problems.append("the name's markup became HTML")
        part.wait("return document.querySelectorAll('#own-ranking li').length > 0", "the own ranking")
        part.screenshot(os.path.join(out_dir, "participant-weights.png"))
        part.click("#submit")
        part.wait(
            "return document.getElementById('status').textContent.startsWith('Submitted')",
            "the submission",
        )
        part.screenshot(os.path.join(out_dir, "participant-submitted.png"))
        console_errors(part, "participant", problems)

        # The facilitator sees the count rise, live.
        fac.wait("return document.getElementById('group-count').textContent === '1'", "the count at 1")
        fac.wait("return document.querySelectorAll('#group-ranking tr').length > 0", "the group ranking")
        fac.script("document.querySelector('.group-panel').scrollIntoView()")
        fac.screenshot(os.path.join(out_dir, "facilitator-group.png"))
        console_errors(fac, "facilitator", problems)
    except RuntimeError as e:
        problems.append(str(e))
    finally:
        fac.quit()
        if part:
            part.quit()
    for p in problems:
        print("FAIL " + p)
    print(f"serve checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
