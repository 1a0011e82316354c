"""Speed and memory of `kanshousuo corpus build` on many documents (not a timed test).

Targets, on a corpus of 200 documents (copies of the real ones in data/raw, each made distinct
by a unique trailing comment: a `#` line after a text, a `%` line after a PDF's %%EOF):

- 2 workers build it at least 1.7x faster than one process (`--workers 1`);
- the parent's peak memory (its own ru_maxrss, workers not counted) at 200 documents is within
  1.2x of that at 20: results are streamed, never held.

Each configuration runs as its own process; the two timed builds alternate (`--pairs`, default 3)
so that both see the same load on a shared machine, and each prints the 1-minute load average and
the CPU seconds its documents took (`documents.cpu_seconds`): on a machine that other work keeps
busy, the wall-clock ratio says more about that work than about the build. Also compares the pool's start methods
(fork, forkserver, spawn) on a smaller corpus. Prints documents per minute.

    python benchmarks/bench_corpus.py [--documents 200] [--pairs 3] [--no-start-methods]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
RUN = """
import json, os, resource, sys, time
import duckdb
from kanshousuo.corpus.build import build_corpus
start = time.perf_counter()
summary = build_corpus([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), start_method=sys.argv[4])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
load = os.getloadavg()[0]
con = duckdb.connect(sys.argv[2], read_only=True)
cpu = con.execute("SELECT sum(cpu_seconds) FROM documents").fetchone()[0]
print(json.dumps({"seconds": seconds, "maxrss_kb": peak, "read": summary.read, "failed": summary.failed, "load": load,
                  "cpu": cpu}))
"""


def make_corpus(folder: Path, count: int) -> Path:
    """`count` distinct copies of the documents in data/raw, cycled in name order."""
    originals = sorted(p for p in RAW.iterdir() if p.suffix in (".pdf", ".txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        original = originals[i % len(originals)]
        data = original.read_bytes()
        mark = f"copy {i} for bench_corpus.py"
        data += (f"\n%{mark}\n" if original.suffix == ".pdf" else f"\n# {mark}\n").encode()
        (folder / f"{i:03d}-{original.name}").write_bytes(data)
    return folder


def build(folder: Path, workers: int, start_method: str = "forkserver") -> dict:
    """One build in its own process, into a fresh database: seconds, the parent's peak RSS, counts."""
    db = Path(tempfile.mkdtemp(prefix="bench-corpus-db-")) / "corpus.duckdb"
    try:
        args = [sys.executable, "-c", RUN, str(folder), str(db), str(workers), start_method]
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"build failed: {result.stderr[-800:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--small", type=int, default=20, help="the smaller corpus for the memory ratio")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--no-start-methods", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    try:
        big = make_corpus(root / "big", args.documents)
        small = make_corpus(root / "small", args.small)
        if not args.no_start_methods:
            medium = make_corpus(root / "medium", 26)
            rounds = {m: [] for m in ("fork", "forkserver", "spawn")}
            for _ in range(2):
                for method in rounds:
                    rounds[method].append(build(medium, 2, method)["seconds"])
            for method, times in rounds.items():
                seconds = ", ".join(f"{t:.1f}" for t in times)
                print(f"start method {method:<10}: 26 documents, 2 workers: {seconds} s", flush=True)
        pairs = []
        for i in range(args.pairs):
            one, two = build(big, 1), build(big, 2)
            pairs.append((one, two))
            print(
                f"pair {i + 1}: 1 process {one['seconds']:.1f} s, 2 workers {two['seconds']:.1f} s "
                f"({one['seconds'] / two['seconds']:.2f}x; 1-minute load average at the ends "
                f"{one['load']:.1f}, {two['load']:.1f}; CPU seconds reading: {one['cpu']:.0f}, {two['cpu']:.0f})",
                flush=True,
            )
        one_s = statistics.median(a["seconds"] for a, _ in pairs)
        two_s = statistics.median(b["seconds"] for _, b in pairs)
        ratio = statistics.median(a["seconds"] / b["seconds"] for a, b in pairs)
        counts = pairs[0][1]
        print(f"{args.documents} documents ({counts['read']} read, {counts['failed']} failed):")
        print(f"  1 process: {one_s:.1f} s ({60 * args.documents / one_s:.0f} documents/minute)")
        print(f"  2 workers: {two_s:.1f} s ({60 * args.documents / two_s:.0f} documents/minute)")
        print(f"  speed-up (median of {args.pairs} paired ratios): {ratio:.2f}x  (target 1.7x)")
        one_cpu = statistics.median(a["cpu"] for a, _ in pairs)
        two_cpu = statistics.median(b["cpu"] for _, b in pairs)
        print(
            f"  CPU per document: 1 process {one_cpu / args.documents:.2f} s, "
            f"2 workers {two_cpu / args.documents:.2f} s; "
            f"with two cores to themselves 2 workers would take about {two_cpu / 2:.0f} s"
        )
        small_rss = build(small, 2)["maxrss_kb"]
        big_rss = statistics.median(b["maxrss_kb"] for _, b in pairs)
        print(
            f"parent peak RSS, 2 workers: {args.small} documents {small_rss / 1024:.0f} MiB, {args.documents} "
            f"documents {big_rss / 1024:.0f} MiB ({big_rss / small_rss:.2f}x; target within 1.2x)"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
