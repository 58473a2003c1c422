#!/usr/bin/env python3
"""Two or more pmatrix binaries on one command, alternately, with another command before each
run if asked.

    python3 bench/ab.py --runs 10 OLD NEW -- rank DATA/rank-1m.toml --method wsm --format json
    python3 bench/ab.py --between "PY bench/peer.py rank DATA/rank-1m.csv --method wsm" OLD NEW -- ...

Prints, per binary, the median and least wall time, the median user and system CPU time (of
the child alone, from getrusage) and every wall time. Without --between, each run follows
the other binary's, so the pages it takes were freed a moment ago; with it (the numpy peer,
as compare.py runs it), each run follows a process that used and freed much more memory, and
on a virtual machine that hands free memory back to its host, the pages a run takes can cost
several times as much to fault in. Standard library only.
"""

import argparse
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{argv[0]} exited with {done.returncode}: {done.stderr.decode()[-500:]}")
    return wall, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=10, help="runs of each binary (default 10)")
    ap.add_argument("--between", help="a command run before every run (split as a shell would)")
    ap.add_argument("binaries", nargs="+", help="the binaries, then -- and the arguments")
    argv = sys.argv[1:]
    if "--" not in argv:
        ap.error("give the binaries, then -- and the command's arguments")
    cut = argv.index("--")
    args, rest = ap.parse_args(argv[:cut]), argv[cut + 1 :]
    if not rest:
        ap.error("give the command's arguments after --")
    between = shlex.split(args.between) if args.between else None
    times = {b: [] for b in args.binaries}
    for _ in range(args.runs):
        for b in args.binaries:
            if between:
                subprocess.run(between, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[b].append(run([b] + rest))
    for b, ts in times.items():
        wall = sorted(t[0] for t in ts)
        user = statistics.median(t[1] for t in ts)
        system = statistics.median(t[2] for t in ts)
        print(
            f"{b}: wall median {statistics.median(wall) * 1000:.1f} ms, least {wall[0] * 1000:.1f} ms;"
            f" user {user * 1000:.1f} ms, system {system * 1000:.1f} ms (medians);"
            f" walls {' '.join(f'{w * 1000:.0f}' for w in wall)}"
        )


if __name__ == "__main__":
    main()
