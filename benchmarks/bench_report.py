"""Time of `python -m kanshousuo.publish.report` on the seed once installed (target: under 90 s)."""

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
    print(f"report (6 notebooks executed, HTML + PNG): {seconds:.1f} s (target 90 s) {status}")
