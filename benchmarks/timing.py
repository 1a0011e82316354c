"""Timing whole processes on a shared machine: two commands timed in alternation."""

import statistics
import subprocess
import time


def seconds(args: list[str]) -> float:
    """Wall seconds of one process; a failing command stops the benchmark with its stderr."""
    start = time.perf_counter()
    result = subprocess.run(args, check=False, capture_output=True)
    if result.returncode not in (0, 1):  # `kanshousuo audit` exits 1 when it finds an error
        raise SystemExit(f"{args} failed: {result.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def paired_seconds(first: list[str], second: list[str], pairs: int = 7) -> tuple[float, float, float]:
    """Median seconds of each command and the median of their per-pair ratio (second / first).

    Alternating the two makes both see the same load, so the ratio is steadier than the ratio of
    two medians taken minutes apart.
    """
    times = [(seconds(first), seconds(second)) for _ in range(pairs)]
    return (
        statistics.median(a for a, _ in times),
        statistics.median(b for _, b in times),
        statistics.median(b / a for a, b in times),
    )
