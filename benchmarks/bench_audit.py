"""Speed of the audit on the Shanxi text: this tree against a baseline commit (not a timed test).

Target (issue #12): at least 5x faster than the audit before the edge table, with the same
findings. The baseline is checked out into a temporary git worktree and both are timed in
fresh processes, in alternation, on the same machine:

    .venv/bin/python benchmarks/bench_audit.py            # baseline 6f46562 (the commit #12 started from)
    .venv/bin/python benchmarks/bench_audit.py --baseline <commit>

Each process reads the document once, then times `audit_disclosure` on freshly built
Disclosures (reading and the performance-target parse are not counted; the claims table, which
the new audit builds from the text, is); the median of 7 runs is printed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"
BASELINE = "6f46562"

TIMER = """
import sys, time, statistics
sys.path.insert(0, sys.argv[1])
import kanshousuo
assert kanshousuo.__file__.startswith(sys.argv[1]), kanshousuo.__file__  # the tree asked for
from kanshousuo.audit import audit_disclosure
from kanshousuo.pipeline import build_disclosure
from kanshousuo.sources.text import read_text_source
from pathlib import Path
source = read_text_source(Path(sys.argv[2]))
times = []
for _ in range(int(sys.argv[3])):
    doc = build_disclosure(source)
    doc.performance
    start = time.perf_counter()
    findings = audit_disclosure(doc)
    times.append(time.perf_counter() - start)
print(statistics.median(times), len(findings))
"""


def time_tree(tree: Path, runs: int) -> tuple[float, int]:
    """Median seconds of `audit_disclosure` with the package of `tree`, and its finding count."""
    result = subprocess.run(
        [sys.executable, "-c", TIMER, str(tree), str(SEED), str(runs)], capture_output=True, text=True, check=True
    )
    seconds, count = result.stdout.split()
    return float(seconds), int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as folder:
        old = Path(folder) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.baseline], check=True)
        try:
            pairs = [(time_tree(old, args.runs), time_tree(ROOT, args.runs)) for _ in range(3)]
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=True)
    before = statistics.median(b for (b, _), _ in pairs)
    after = statistics.median(a for _, (a, _) in pairs)
    print(f"baseline {args.baseline}: {before:.3f} s per audit ({pairs[0][0][1]} findings)")
    print(f"this tree:        {after:.3f} s per audit ({pairs[0][1][1]} findings)")
    print(f"ratio: {before / after:.1f}x faster (target 5x)")


if __name__ == "__main__":
    main()
