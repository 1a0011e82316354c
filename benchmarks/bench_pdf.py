"""Speed of reading a PDF disclosure as a whole process (not a timed test).

Target: `kanshousuo extract` of the 21-page Shanghai PDF within 1.3x a process that only runs
`camelot.read_pdf(path, pages="all", flavor="lattice", engine="vector")` on the same file.
Also compares camelot's vector engine with its default engine on the same file (same cells?).
The two processes are timed in alternation, 7 pairs, so that both see the same load on a shared
machine; prints the medians, the median of the paired ratios, and pages per second.
"""

import sys
import tempfile
import time
from pathlib import Path

from timing import paired_seconds

PDF = Path(__file__).resolve().parents[1] / "data" / "raw" / "01_shanghai_putuo_zfbgs_2025_unit_budget.pdf"
PAGES = 21
BARE = "import camelot, sys; camelot.read_pdf(sys.argv[1], pages='all', flavor='lattice', engine='vector')"


def engines_agree() -> tuple[bool, float, float]:
    import camelot

    start = time.perf_counter()
    vector = camelot.read_pdf(str(PDF), pages="all", flavor="lattice", engine="vector")
    vector_s = time.perf_counter() - start
    start = time.perf_counter()
    default = camelot.read_pdf(str(PDF), pages="all", flavor="lattice")
    default_s = time.perf_counter() - start
    same = len(vector) == len(default) and all(a.df.equals(b.df) for a, b in zip(vector, default, strict=True))
    return same, vector_s, default_s


if __name__ == "__main__":
    out = tempfile.mkdtemp()
    bare, extract, ratio = paired_seconds(
        [sys.executable, "-c", BARE, str(PDF)],
        [sys.executable, "-m", "kanshousuo", "extract", str(PDF), "--out", out + "/x"],
    )
    print(f"bare camelot.read_pdf (process): {bare:.3f} s  ({PAGES / bare:.1f} pages/s)")
    print(f"kanshousuo extract (process):    {extract:.3f} s  ({PAGES / extract:.1f} pages/s)")
    print(f"ratio (median of 7 paired runs): {ratio:.2f}x  (target 1.3x)")
    same, vector_s, default_s = engines_agree()
    print(
        f"camelot in-process: vector engine {vector_s * 1000 / PAGES:.0f} ms/page, default engine "
        f"{default_s * 1000 / PAGES:.0f} ms/page; identical tables: {same}"
    )
