"""Speed of reading a PDF disclosure as a whole process (not a timed test).

Target: `kanshousuo extract` of the 21-page Shanghai PDF within 1.3x a process that only runs
`camelot.read_pdf(path, pages="all", flavor="lattice", engine="vector")` on the same file; the
same ratio and the time per page are printed for the largest documents in data/raw (the most
pages, 10; the largest file, 11; A3 pages with /Rotate, 13).
Also compares camelot's vector engine with its default engine on the same file (same cells?).
The two processes are timed in alternation, 7 pairs, so that both see the same load on a shared
machine; prints the medians, the median of the paired ratios, and pages per second.
"""

import sys
import tempfile
import time
from pathlib import Path

from timing import paired_seconds

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
PDF = RAW / "01_shanghai_putuo_zfbgs_2025_unit_budget.pdf"
PAGES = 21
LARGEST = {
    "10_shanghai_putuo_wanli_2025_dept_budget.pdf": 31,
    "11_shanghai_putuo_czj_2024_dept_final_accounts.pdf": 25,
    "13_jiangsu_swbgt_2019_dept_budget_table_volume.pdf": 12,
}
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
    for name, pages in LARGEST.items():
        bare, extract, ratio = paired_seconds(
            [sys.executable, "-c", BARE, str(RAW / name)],
            [sys.executable, "-m", "kanshousuo", "extract", str(RAW / name), "--out", out + "/y"],
            pairs=3,
        )
        print(
            f"{name[:2]} ({pages} pages): bare {bare:.2f} s, extract {extract:.2f} s = {ratio:.2f}x; "
            f"{extract * 1000 / pages:.0f} ms/page"
        )
    same, vector_s, default_s = engines_agree()
    print(
        f"camelot in-process: vector engine {vector_s * 1000 / PAGES:.0f} ms/page, default engine "
        f"{default_s * 1000 / PAGES:.0f} ms/page; identical tables: {same}"
    )
