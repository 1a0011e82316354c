"""Speed of the audit on the Shanxi text: this tree against a baseline commit (not a timed test).

Target (issue #12): at least 5x faster than the audit before the edge table, with the same
findings. Two ratios are printed: the whole audit (this tree also reads and checks the claims of
the explanatory text, which the baseline did not), and the accounting identities alone (the old
rules row_totals … across_tables against the one edge-table pass: the same findings). The
baseline is checked out into a temporary git worktree and both are timed in fresh processes, in
alternation, on the same machine:

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
from kanshousuo.audit.registry import ordered_rules
from kanshousuo.audit.rules import load_rules
from kanshousuo.pipeline import build_disclosure
from kanshousuo.sources.text import read_text_source
from pathlib import Path
IDENTITY_RULES = {"check_row_totals", "check_code_hierarchy", "check_summary_tables", "check_income_sources",
                  "check_procurement", "check_three_public", "check_project_hierarchy", "check_across_tables",
                  "check_accounting_identities"}
source = read_text_source(Path(sys.argv[2]))
load_rules()
times, identity_times = [], []
for _ in range(int(sys.argv[3])):
    doc = build_disclosure(source)
    doc.performance
    start = time.perf_counter()
    findings = audit_disclosure(doc)
    times.append(time.perf_counter() - start)
    start = time.perf_counter()
    identities = [f for r in ordered_rules() if r.name in IDENTITY_RULES for f in r.check(doc)]
    identity_times.append(time.perf_counter() - start)
print(statistics.median(times), len(findings), statistics.median(identity_times), len(identities))
"""


def time_tree(tree: Path, runs: int) -> tuple[float, int, float, int]:
    """Median seconds of `audit_disclosure` with the package of `tree` and its finding count; the
    same for the identity rules alone."""
    result = subprocess.run(
        [sys.executable, "-c", TIMER, str(tree), str(SEED), str(runs)], capture_output=True, text=True, check=True
    )
    seconds, count, identity_seconds, identity_count = result.stdout.split()
    return float(seconds), int(count), float(identity_seconds), int(identity_count)


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
    old, new = pairs[0]
    before, after = (statistics.median(p[i][0] for p in pairs) for i in (0, 1))
    before_id, after_id = (statistics.median(p[i][2] for p in pairs) for i in (0, 1))
    print(f"whole audit   baseline {args.baseline}: {before:.3f} s ({old[1]} findings); this tree: {after:.3f} s")
    print(f"              ({new[1]} findings, the claims included): {before / after:.1f}x faster (target 5x)")
    print(f"identities    baseline: {before_id:.3f} s ({old[3]} findings); this tree: {after_id:.3f} s ({new[3]})")
    print(f"              {before_id / after_id:.1f}x faster")


if __name__ == "__main__":
    main()
