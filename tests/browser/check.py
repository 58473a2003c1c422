#!/usr/bin/env python3
"""Checks pmatrix reports the way a reader sees them, in headless Chromium.

Usage: check.py OUT_DIR REPORT.html...

Talks WebDriver (plain HTTP and JSON) to chromedriver on a loopback port. For each report:
  - the page loads with no console error;
  - every chart is visible (a non-zero box) and has a <title> and a <desc>;
  - no two text labels of a chart overlap (their boxes as the browser lays them out);
  - in every sweep chart, each place where two lines cross strictly inside the plot has a
    crossing marker, and each marker sits where two lines cross;
  - at print media and the page's width, nothing is wider than the page (Chromium would
    shrink the whole page to fit it);
  - printed to PDF on A4 and on Letter, the page count is the one the print layout gives
    (print media emulated at the page's width, then the blocks that must not split packed
    onto pages, a table's header row repeated on each page it continues on), no chart is
    split across two pages, and no heading or caption is the last text on a page (read back
    from the PDF's text).
CHECK_DEBUG=1 prints the block that starts each page of the print layout.
Screenshots (the whole page, and each chart) and the PDFs are written to OUT_DIR.
Exits 1 with a list of problems if any check fails.
"""

import base64
import os
import re
import subprocess
import sys
import time

PAPERS = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
# @page margins of the report's print stylesheet, in cm (top/bottom, left/right).
MARGIN_TB, MARGIN_LR = 1.6, 1.5
PX_PER_CM = 96 / 2.54
OVERLAP_TOLERANCE = 0.5  # px of overlap in both directions before two labels collide
CROSSING_TOLERANCE = 3.0  # px between a drawn crossing and its marker
DEBUG = bool(os.environ.get('CHECK_DEBUG'))
END_TIE = 1e-6  # a crossing this close to weight 0 or 1 is a tie at the end, not a crossing


from webdriver import Driver, find  # beside this script


CHARTS_JS = r"""
const out = [];
for (const fig of document.querySelectorAll('figure.chart')) {
  const svg = fig.querySelector('svg');
  const r = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, x: b.left, y: b.top, w: b.width, h: b.height};
  });
  const plot = svg.querySelector('rect.plot');
  out.push({
    kind: fig.classList.contains('sweep') ? 'sweep' : 'smaa',
    width: r.width, height: r.height,
    scale: vb && vb.width ? r.width / vb.width : 1,
    title: (svg.querySelector(':scope > title') || {}).textContent || '',
    desc: (svg.querySelector(':scope > desc') || {}).textContent || '',
    texts,
    series: [...svg.querySelectorAll('polyline.series')].map(p => p.getAttribute('points')),
    crossings: [...svg.querySelectorAll('circle.crossing')].map(c => [+c.getAttribute('cx'), +c.getAttribute('cy')]),
    crossing_weights: [...svg.querySelectorAll('circle.crossing')].map(c => c.hasAttribute('data-weight') ? +c.getAttribute('data-weight') : null),
    plot: plot ? [+plot.getAttribute('x'), +plot.getAttribute('y'), +plot.getAttribute('width'), +plot.getAttribute('height')] : null,
  });
}
return out;
"""

# Blocks that the print stylesheet keeps whole, with their height and top in the print layout,
# and whether a break right after them is avoided (headings).
BLOCKS_JS = r"""
const sel = 'h1, h2, h3, p, li, figure, caption, thead, tbody tr, dl.glossary > div, footer';
const els = [...document.querySelectorAll(sel)].filter(e => !e.closest('figure') || e.tagName === 'FIGURE')
  .filter(e => !(e.tagName === 'P' && e.closest('.summary') === null && e.parentElement.tagName === 'FOOTER'));
const blocks = [];
for (const e of els) {
  const r = e.getBoundingClientRect();
  if (r.height === 0) continue;
  const cs = getComputedStyle(e);
  const table = e.closest('table');
  const head = table && e.tagName === 'TR' ? table.querySelector('thead') : null;
  blocks.push({tag: e.tagName, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
               avoidAfter: cs.breakAfter === 'avoid', thead: e.tagName === 'THEAD',
               text: e.textContent.trim().replace(/\s+/g, ' ').slice(0, 40),
               // A table row that starts a page is printed under its table's header row again.
               repeat: head ? head.getBoundingClientRect().height : 0});
}
const headings = [...document.querySelectorAll('h1, h2, h3, caption')]
  .map(e => e.textContent.trim().replace(/\s+/g, ' ')).filter(t => t);
return {blocks, headings, height: document.documentElement.scrollHeight};
"""

# Tables, figures and paragraphs wider than the printed page (their right edge past it).
WIDE_JS = r"""
const right = arguments[0];
return [...document.querySelectorAll('table, figure, svg, p, pre, h1, h2, h3')]
  .filter(e => e.getBoundingClientRect().right > right)
  .map(e => `${e.tagName.toLowerCase()} ${Math.round(e.getBoundingClientRect().width)}px wide: `
    + (e.querySelector('caption') || e).textContent.trim().slice(0, 60));
"""


def overlaps(a, b):
    return (
        min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > OVERLAP_TOLERANCE
        and min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > OVERLAP_TOLERANCE
    )


def parse_points(s):
    return [tuple(map(float, p.split(","))) for p in s.split()]


def y_at(line, x):
    """A polyline's y at x, interpolated."""
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return float("inf")


def drawn_crossings(series, plot):
    """Where two polylines (on the same x positions) change order strictly inside the plot."""
    lines = [parse_points(s) for s in series]
    found = []
    left, right = plot[0], plot[0] + plot[2]
    for i in range(len(lines)):
        for k in range(i + 1, len(lines)):
            a, b = lines[i], lines[k]
            prev = None
            for v in range(len(a)):
                d = a[v][1] - b[v][1]
                if abs(d) < 0.02:  # equal to the 2 decimals written
                    continue
                s = 1 if d > 0 else -1
                # A sign change across at most one tied vertex, or a few pixels of tie, is a
                # crossing; lines tied over a longer stretch (a weighted product at 0) meet
                # there, they do not cross.
                if prev is not None and prev[1] != s and (v - prev[0] <= 2 or a[v][0] - a[prev[0]][0] <= 8):
                    u = prev[0]
                    du, dv = a[u][1] - b[u][1], d
                    f = du / (du - dv)
                    x = a[u][0] + f * (a[v][0] - a[u][0])
                    y = a[u][1] + f * (a[v][1] - a[u][1])
                    if left + 1 < x < right - 1:
                        found.append((x, y))
                prev = (v, s)
    return found


def check_chart(name, k, c, problems):
    where = f"{name}: chart {k + 1} ({c['title'][:60]})"
    if c["width"] <= 0 or c["height"] <= 0:
        problems.append(f"{where}: not visible ({c['width']} x {c['height']})")
    if not c["title"].strip() or not c["desc"].strip():
        problems.append(f"{where}: no <title> or <desc>")
    t = c["texts"]
    for i in range(len(t)):
        for j in range(i + 1, len(t)):
            if overlaps(t[i], t[j]):
                problems.append(f"{where}: labels overlap: {t[i]['text']!r} and {t[j]['text']!r}")
    if c["kind"] == "sweep" and c["plot"]:
        marks = c["crossings"]
        drawn = drawn_crossings(c["series"], c["plot"])
        for x, y in drawn:
            if not any(abs(x - mx) <= CROSSING_TOLERANCE and abs(y - my) <= CROSSING_TOLERANCE for mx, my in marks):
                problems.append(f"{where}: lines cross at ({x:.1f}, {y:.1f}) with no marker")
        lines = [parse_points(s) for s in c["series"]]
        left, right = c["plot"][0], c["plot"][0] + c["plot"][2]
        for (mx, my), wt in zip(marks, c["crossing_weights"]):
            # Within a pixel of an end, a marker is a tie there unless its weight (the
            # chart's exact crossing) is clear of the end: a real crossing may lie at 0.04%.
            near_end = wt is None or min(wt, 1 - wt) <= END_TIE
            if (mx <= left + 1 or mx >= right - 1) and near_end:
                problems.append(f"{where}: marker at an end of the plot ({mx:.1f}, {my:.1f}): a tie there is no crossing")
                continue
            # Two lines that differ by less than the drawing's precision cross unseen: the
            # marker stands if two lines pass through it.
            through = sum(1 for l in lines if abs(y_at(l, mx) - my) <= CROSSING_TOLERANCE)
            near = any(abs(x - mx) <= CROSSING_TOLERANCE and abs(y - my) <= CROSSING_TOLERANCE for x, y in drawn)
            if not near and through < 2:
                problems.append(f"{where}: marker at ({mx:.1f}, {my:.1f}) where no lines cross")


def expected_pages(d, paper):
    """The page counts the print layout allows: its blocks packed onto pages, a block that
    does not fit on what is left of a page starting the next one, and a heading going with
    the block after it; once with a table's header row kept with its first row, and once
    without (Chromium does either, depending on the table). Returns (fewest, most)."""
    w, h = PAPERS[paper]
    page_h = (h - 2 * MARGIN_TB) * PX_PER_CM
    d.cdp("Emulation.setEmulatedMedia", {"media": "print"})
    d.cdp(
        "Emulation.setDeviceMetricsOverride",
        {"width": round((w - 2 * MARGIN_LR) * PX_PER_CM), "height": round(page_h), "deviceScaleFactor": 1, "mobile": False},
    )
    layout = d.script(BLOCKS_JS)
    # Printing shrinks a page wider than the paper to fit: the same blocks then fill more of
    # each page.
    width = d.script("return document.documentElement.scrollWidth")
    page_h /= min(1.0, (w - 2 * MARGIN_LR) * PX_PER_CM / width)
    # Nothing may be wider than the page: Chromium would shrink the whole page to fit it.
    wide = d.script(WIDE_JS, (w - 2 * MARGIN_LR) * PX_PER_CM + 1)
    d.cdp("Emulation.clearDeviceMetricsOverride", {})
    d.cdp("Emulation.setEmulatedMedia", {"media": ""})
    counts = [pack(layout["blocks"], page_h, glue_thead) for glue_thead in (False, True)]
    return min(counts), max(counts), wide, layout["headings"]


def pack(blocks, page_h, glue_thead):
    pages, start = 1, 0.0  # the layout's y at the top of the current page
    glued = lambda b: b["avoidAfter"] or (glue_thead and b["thead"])
    i = 0
    while i < len(blocks):
        b = blocks[i]
        # A heading and what follows it move together.
        group_end = i
        while group_end + 1 < len(blocks) and glued(blocks[group_end]):
            group_end += 1
        top, bottom = b["top"], blocks[group_end]["bottom"]
        if bottom - start > page_h + 0.5 and top > start + 0.5:
            pages += 1
            start = top - b.get("repeat", 0)
            if DEBUG:
                print(f"    page {pages}: {b['tag']} {b.get('text', '')!r}")
        i = group_end + 1
    return pages


def pdf_pages_text(path):
    """The text of each page of a PDF (pdftotext), or None without poppler."""
    if not find("pdftotext"):
        return None
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    return [re.sub(r"\s+", " ", p) for p in pages]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def check_print(d, name, out_dir, charts, problems):
    for paper, (w, h) in PAPERS.items():
        fewest, most, wide, headings = expected_pages(d, paper)
        for e in wide:
            problems.append(f"{name} ({paper}): wider than the page, so printing shrinks it: {e}")
        pdf = d.cmd("POST", "/print", {"page": {"width": w, "height": h}, "background": True})
        path = os.path.join(out_dir, f"{name}.{paper}.pdf")
        with open(path, "wb") as f:
            f.write(base64.b64decode(pdf))
        pages = pdf_pages_text(path)
        if pages is None:
            data = open(path, "rb").read()
            count = len(re.findall(rb"/Type\s*/Page[^s]", data))
        else:
            count = len(pages)
        want = f"{fewest}" if fewest == most else f"{fewest}-{most}"
        print(f"  {paper}: {count} pages (print layout: {want})")
        if not fewest <= count <= most:
            problems.append(f"{name}: printed on {paper}, {count} pages instead of {want}")
        if pages is None:
            continue
        # A heading (or a table's caption) is never the last thing on a page: it goes with
        # what it introduces.
        for p, text in enumerate(pages[:-1]):
            tail = text.rstrip()
            for h in headings:
                if tail.endswith(norm(h)):
                    problems.append(f"{name} ({paper}): heading {h[:60]!r} is left alone at the foot of page {p + 1}")
        # A chart is whole when its last text follows its title on the same page, before the
        # title of the next chart.
        titles = [norm(c["texts"][0]["text"]) for c in charts]
        for k, c in enumerate(charts):
            first, last = titles[k], norm(c["texts"][-1]["text"])
            on = [p for p, text in enumerate(pages) if first in text]
            if not on:
                problems.append(f"{name} ({paper}): chart title {first!r} not found in the PDF")
                continue
            text = pages[on[0]]
            after = text[text.index(first) + len(first):]
            nxt = [after.index(t) for t in titles[k + 1:] if t in after]
            window = after[: min(nxt)] if nxt else after
            if last not in window:
                problems.append(f"{name} ({paper}): chart {k + 1} ({first[:50]}) is split across pages {on[0] + 1} and {on[0] + 2}")
        if find("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "40", "-png", path, os.path.join(out_dir, f"{name}.{paper}")], check=False)


def check_report(d, path, out_dir, problems):
    name = os.path.splitext(os.path.basename(path))[0]
    print(f"{name}")
    d.logs()  # drop what came before
    d.cmd("POST", "/url", {"url": "file://" + os.path.abspath(path)})
    for _ in range(100):
        if d.script("return document.readyState") == "complete":
            break
        time.sleep(0.05)
    for entry in d.logs():
        if entry.get("level") in ("SEVERE", "ERROR"):
            problems.append(f"{name}: console error: {entry.get('message')}")
    charts = d.script(CHARTS_JS)
    if not charts:
        problems.append(f"{name}: no chart")
    for k, c in enumerate(charts):
        check_chart(name, k, c, problems)
    print(f"  {len(charts)} charts, {sum(len(c['texts']) for c in charts)} labels, "
          f"{sum(len(c['crossings']) for c in charts)} crossings")
    shot = d.cdp("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    with open(os.path.join(out_dir, f"{name}.png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    for k, el in enumerate(d.cmd("POST", "/elements", {"using": "css selector", "value": "figure.chart"})):
        eid = list(el.values())[0]
        png = d.cmd("GET", f"/element/{eid}/screenshot")
        with open(os.path.join(out_dir, f"{name}.chart{k + 1}.png"), "wb") as f:
            f.write(base64.b64decode(png))
    check_print(d, name, out_dir, charts, problems)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    out_dir, reports = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    chromium = find("chromium", "chromium-browser", "google-chrome")
    chromedriver = find("chromedriver")
    if not chromium or not chromedriver:
        print("chromium or chromedriver not found (Debian: apt-get install chromium chromium-driver)")
        return 3
    d = Driver(chromedriver, chromium)
    problems = []
    try:
        for r in reports:
            check_report(d, r, out_dir, problems)
    finally:
        d.quit()
    for p in problems:
        print("FAIL " + p)
    print(f"{len(reports)} reports checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
