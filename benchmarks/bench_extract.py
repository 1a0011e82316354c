"""Speed of whole processes (not a timed test): extract vs importing pandas; audit vs extract.

Targets: `kanshousuo extract` on the seed within 2x a process that only imports pandas;
`kanshousuo audit` within 3x `kanshousuo extract`. Prints the medians of 5 runs each.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"


def median_seconds(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    out = tempfile.mkdtemp()
    pandas_only = median_seconds([sys.executable, "-c", "import pandas"])
    extract = median_seconds([sys.executable, "-m", "kanshousuo", "extract", str(SEED), "--out", out + "/x"])
    audit = median_seconds([sys.executable, "-m", "kanshousuo", "audit", str(SEED)])
    print(f"import pandas only: {pandas_only:.3f} s")
    print(f"kanshousuo extract: {extract:.3f} s  ({extract / pandas_only:.2f}x pandas; target 2x)")
    print(f"kanshousuo audit:   {audit:.3f} s  ({audit / extract:.2f}x extract; target 3x)")
