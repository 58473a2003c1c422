#!/usr/bin/env python3
"""SMAA-O against plain SMAA on a 20 x 8 model with ordinal criteria, whole process against
whole process, in one run.

    python3 bench/ordinal.py --pmatrix target/release/pmatrix            # 5 runs each
    python3 bench/ordinal.py --pmatrix PATH --runs 9 --samples 1000000 --data /tmp/pmatrix-bench

The model, smaa-20-ordinal.toml in --data, is the smaa-20 workload of gen.py (same values,
seed 3) with four criteria turned into levels: c1 and c3 on a five-level scale, c4 and c6 on a
four-level one (a value x in [1, 101) falls in level floor((x - 1) / 100 * L)); the other four
stay numeric, with range [1, 101]. Each run: `smaa M --samples N --seed 0 --format json`, then
the same with `--ordinal`, alternately after one warm-up each; the medians of wall time and of
CPU time (user + system, from wait4) and the ratio ordinal / plain are printed. Standard
library only.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import gen  # noqa: E402

N, M, SEED = gen.WORKLOADS["smaa-20"]
LEVELS5 = ["None", "Low", "Moderate", "High", "Very high"]
LEVELS4 = ["None", "Low", "Moderate", "High"]
ORDINAL = {1: ("level5", LEVELS5), 3: ("level5", LEVELS5), 4: ("level4", LEVELS4), 6: ("level4", LEVELS4)}


def model_text() -> str:
    out = [
        'title = "Benchmark smaa-20-ordinal: 20 alternatives x 8 criteria, four of them ordinal"',
        'source = "pmatrix bench/ordinal.py (the smaa-20 values of gen.py, four criteria as levels)"',
        "",
        "[scales.level5]",
        "levels = [" + ", ".join(f'"{x}"' for x in LEVELS5) + "]",
        "",
        "[scales.level4]",
        "levels = [" + ", ".join(f'"{x}"' for x in LEVELS4) + "]",
        "",
    ]
    for j in range(M):
        out += ["[[criteria]]", f'id = "c{j}"', f'name = "Criterion {j}"',
                f'direction = "{"cost" if j % 3 == 2 else "benefit"}"', f"weight = {j + 1}"]
        out.append(f'scale = "{ORDINAL[j][0]}"' if j in ORDINAL else "range = [1, 101]")
        out.append("")
    for i in range(N):
        cells = []
        for j in range(M):
            text = gen.value_text(SEED, i, j, M)
            if j in ORDINAL:
                levels = ORDINAL[j][1]
                level = min(int((float(text) - 1) / 100 * len(levels)), len(levels) - 1)
                cells.append(f'c{j} = "{levels[level]}"')
            else:
                cells.append(f"c{j} = {text}")
        out += ["[[alternatives]]", f'id = "a{i}"', f'name = "Alternative {i}"',
                "scores = { " + ", ".join(cells) + " }", ""]
    return "\n".join(out)


def run(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process, its output discarded."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{' '.join(argv)} failed: {p.stderr.read().decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pmatrix", required=True)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "pmatrix-bench"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--samples", type=int, default=1_000_000)
    a = ap.parse_args()
    os.makedirs(a.data, exist_ok=True)
    model = os.path.join(a.data, "smaa-20-ordinal.toml")
    with open(model, "w") as fh:
        fh.write(model_text())
    base = [a.pmatrix, "smaa", model, "--samples", str(a.samples), "--seed", "0", "--format", "json"]
    cmds = {"smaa": base, "smaa --ordinal": base + ["--ordinal"]}
    times = {k: [] for k in cmds}
    for argv in cmds.values():
        run(argv)  # warm-up
    for _ in range(a.runs):
        for k, argv in cmds.items():
            times[k].append(run(argv))
    print(f"{model}, {a.samples} samples, {a.runs} runs each (medians)")
    med = {}
    for k, t in times.items():
        med[k] = (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
        print(f"  {k:<16} wall {med[k][0]:.3f} s   cpu {med[k][1]:.3f} s")
    print(f"  ordinal / plain: wall {med['smaa --ordinal'][0] / med['smaa'][0]:.2f}x, "
          f"cpu {med['smaa --ordinal'][1] / med['smaa'][1]:.2f}x")


if __name__ == "__main__":
    main()
