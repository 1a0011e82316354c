"""Time of `python -m kanshousuo.publish.report` on the seed once installed (target: under 90 s).

The report executes every notebook (in parallel, one kernel per core), renders the pages, cuts the
font subset and writes the data package and the student edition."""

import subprocess
import sys
import tempfile
import time

if __name__ == "__main__":
    out = tempfile.mkdtemp()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kanshousuo.publish.report", "--out", out + "/reports"], capture_output=True, check=False
    )
    seconds = time.perf_counter() - start
    status = "ok" if result.returncode == 0 else f"FAILED: {result.stderr.decode()[-300:]}"
    from kanshousuo.publish.report import notebook_paths

    count = len(notebook_paths())
    print(f"report ({count} notebooks, pages, figures, data, student edition): {seconds:.1f} s (target 90 s) {status}")
