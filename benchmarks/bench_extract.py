"""Speed of whole processes (not a timed test): extract vs importing pandas; audit vs extract.

Targets: `kanshousuo extract` on the seed within 2x a process that only imports pandas;
`kanshousuo audit` within 3x `kanshousuo extract`. Each pair of processes is timed in
alternation, 7 pairs, so that both see the same load on a shared machine; prints the medians
and the median of the paired ratios.
"""

import sys
import tempfile
from pathlib import Path

from timing import paired_seconds

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"


if __name__ == "__main__":
    out = tempfile.mkdtemp()
    extract_args = [sys.executable, "-m", "kanshousuo", "extract", str(SEED), "--out", out + "/x"]
    pandas_only, extract, over_pandas = paired_seconds([sys.executable, "-c", "import pandas"], extract_args)
    _, audit, over_extract = paired_seconds(extract_args, [sys.executable, "-m", "kanshousuo", "audit", str(SEED)])
    print(f"import pandas only: {pandas_only:.3f} s")
    print(f"kanshousuo extract: {extract:.3f} s  ({over_pandas:.2f}x pandas; target 2x)")
    print(f"kanshousuo audit:   {audit:.3f} s  ({over_extract:.2f}x extract; target 3x)")
