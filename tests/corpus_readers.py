"""Helpers for the corpus tests that run in worker processes: a reader that crashes, `kanshousuo extract`."""

import os
from pathlib import Path

from kanshousuo.corpus.worker import Task, read_document


def crash_on_name(task: Task):
    """Kill the worker process (as a segfault in a native library would) for a file named crash*."""
    if Path(task.path).name.startswith("crash"):
        os._exit(3)
    return read_document(task)


def run_extract(paths: list[str], out: str) -> tuple[int, str]:
    """`kanshousuo extract PATH... --out OUT` in this process: (exit status, stderr)."""
    import contextlib
    import io

    from kanshousuo.cli import main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        status = main(["extract", *paths, "--out", out])
    return status, err.getvalue()
