"""The slow variant of tests/test_fuzz.py (issue #16): more cases, bigger inputs (not a timed test).

Runs every named hostile case and its controls, a larger seeded sample, a ~50 MB text with one
table of ~860,000 rows, audits of 10,000 project rows and 4,000 coded rows, the kill-during-
replace and terminate-mid-run checks, all through `python -m kanshousuo` (black box), and prints
per class: cases tried / passed / failed, wall and CPU seconds, and peak memory (the largest
resident set of one run, from wait4; and `resource.getrusage(RUSAGE_CHILDREN)` over the whole
benchmark). Then every failure, one paragraph each.

    .venv/bin/python benchmarks/bench_fuzz.py                 # everything (several minutes)
    .venv/bin/python benchmarks/bench_fuzz.py --only size     # one class
    .venv/bin/python benchmarks/bench_fuzz.py --big-mb 5 --seed 7 --texts 100 --keep   # keep the workspaces

Limits are CPU seconds per process (a run the kernel stops at its limit counts as a failure):
20 s for the long runs in a line, 12 s for the big audits (the fast test's rate, 2 ms per coded
row), 90 s for the ~50 MB text (the fast test's rate, about 70 µs per row). Memory is capped per
run (--memory-gb) so /dev/zero or a huge table cannot take the machine; peak memory is reported,
not judged.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402
from tests.fuzzing import (  # noqa: E402
    describe,
    kill_during_replace,
    make_baselines,
    run_all,
    terminate_mid_run,
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=16, help="seed of the random sample (default 16)")
    parser.add_argument("--texts", type=int, default=48, help="random text mutations (default 48)")
    parser.add_argument("--pdfs", type=int, default=24, help="random PDF corruptions (default 24)")
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the one-table text (default 50 MB)")
    parser.add_argument("--audit-rows", type=int, default=10_000, help="project rows for the audit (default 10,000)")
    parser.add_argument("--coded-rows", type=int, default=4_000, help="coded rows for the audit (default 4,000)")
    parser.add_argument("--limit", type=float, default=20.0, help="CPU seconds for the long-run cases (default 20)")
    parser.add_argument("--big-limit", type=float, default=12.0, help="CPU seconds for the big audits (default 12)")
    parser.add_argument("--huge-limit", type=float, default=90.0, help="CPU seconds for the big text (default 90)")
    parser.add_argument("--memory-gb", type=float, default=6.0, help="address space per run (default 6 GB)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", action="append", choices=hostile.CLASSES, help="run only this class (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the workspaces (default: removed at the end)")
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    tmp = Path(tempfile.mkdtemp(prefix="bench-fuzz-"))
    try:
        return run(args, tmp)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> int:
    """Run the cases in `tmp` and print the tables."""
    sizes = {
        "extract_rows": hostile.rows_for_megabytes(args.big_mb),
        "coded_rows": args.coded_rows,
        "audit_rows": args.audit_rows,
        "limit": args.limit,
        "big_limit": args.big_limit,
        "huge_limit": args.huge_limit,
    }
    cases = [*hostile.named_cases(scale=2, **sizes), *hostile.random_cases(args.seed, args.texts, args.pdfs)]
    if args.only:
        cases = [case for case in cases if case.klass in args.only]
    memory = int(args.memory_gb * (1 << 30))
    print(f"{len(cases)} cases, seed {args.seed}, {args.workers} workers, workspaces in {tmp}", flush=True)
    if not cases:
        return 0
    start = time.monotonic()
    baselines = make_baselines(tmp, args.workers)
    results = run_all(cases, tmp, workers=args.workers, memory=memory, baselines=baselines)
    extra = {}
    if not args.only or "out_folder" in args.only:
        extra["kill during the replace (out_folder)"] = kill_during_replace(tmp, baselines)
    if not args.only or "pdf" in args.only:
        pdf = hostile.SHANGHAI_PDF.read_bytes()  # reads for seconds, camelot in a child
        extra["terminate mid-run, orphans (pdf)"] = terminate_mid_run(tmp, pdf)
    wall = time.monotonic() - start

    header = ("class", "tried", "pass", "fail", "wall s", "CPU s", "max CPU s", "peak MB")
    print("\n{:12} {:>5} {:>5} {:>5} {:>8} {:>8} {:>9} {:>8}".format(*header))
    by_class: dict[str, list] = {}
    for result in results.values():
        by_class.setdefault(result.case.klass, []).append(result)
    for klass in hostile.CLASSES:
        group = by_class.get(klass, [])
        if not group:
            continue
        runs = [run for result in group for run in result.runs]
        passed = sum(result.passed for result in group)
        print(
            f"{klass:12} {len(group):5} {passed:5} {len(group) - passed:5} "
            f"{sum(r.seconds for r in runs):8.1f} {sum(r.cpu_seconds for r in runs):8.1f} "
            f"{max(r.cpu_seconds for r in runs):9.1f} {max(r.max_rss_mb for r in runs):8.0f}"
        )
    total = list(results.values())
    print(f"{'all':12} {len(total):5} {sum(r.passed for r in total):5} {sum(not r.passed for r in total):5}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"\nwall {wall:.0f} s; all child processes: {children.ru_utime + children.ru_stime:.0f} CPU s, "
        f"largest resident set {children.ru_maxrss / 1024:.0f} MB (getrusage RUSAGE_CHILDREN)"
    )

    print("\nsize cases (one line per run):")
    for result in by_class.get("size", []):
        for run in result.runs:
            size = sum(p.stat().st_size for p in (tmp / result.case.id / "ws" / "docs").glob("*.txt"))
            verdict = "ok" if result.passed else "FAIL"
            print(
                f"  {result.case.id:20} {run.run.kind:7} input {size / 1e6:6.1f} MB  exit {run.returncode:3}  "
                f"{run.seconds:6.1f} s wall  {run.cpu_seconds:6.1f} s CPU  {run.max_rss_mb:6.0f} MB  {verdict}"
            )
    for what, problems in extra.items():
        print(f"{what}: {'ok' if not problems else 'FAIL: ' + '; '.join(problems)}")

    failed = [result for result in total if not result.passed]
    if failed:
        print(f"\n{len(failed)} failed:")
        for result in sorted(failed, key=lambda r: (r.case.klass, r.case.id)):
            print(describe(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
