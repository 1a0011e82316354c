"""What the toolkit publishes for one document, as bytes: the guard of a behaviour-free change.

`snapshot(path)` runs `kanshousuo extract` and `kanshousuo audit --json` in this process and
returns every file of the data package, the audit's JSON and what the command line printed,
keyed by name. `tests/snapshots/<document>/` holds the committed copies; the test compares them
byte for byte, so a refactoring that moves code changes nothing a user sees.

The snapshots pin *behaviour*, not correctness (correct figures are pinned by the tests typed
from the printed pages). When a change is meant to alter an output, regenerate them with
`make snapshots` (`python -m tests.snapshot --update`) and read the diff in the same commit.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SNAPSHOTS = ROOT / "tests" / "snapshots"


FIXTURES = ROOT / "tests" / "fixtures"


# disclosures published in several files, read together as well as one by one
VOLUMES = [("12_jiangsu_swbgt_2019_dept_budget_text_volume.pdf", "13_jiangsu_swbgt_2019_dept_budget_table_volume.pdf")]


def documents() -> list[tuple[Path, ...]]:
    """Every document in data/raw (text and PDF), each multi-file disclosure, and the two
    readable fixtures, in name order."""
    raw = sorted(p for p in RAW.iterdir() if p.suffix.lower() in {".pdf", ".txt"})
    return [
        *((p,) for p in raw),
        *(tuple(RAW / name for name in names) for names in VOLUMES),
        (FIXTURES / "jiangnan-ecology-2025-dept-budget.gb18030.txt",),
        (FIXTURES / "FACSIMILE-shanxi-kanshousuo-2026-tables.pdf",),
    ]


def name_of(paths: tuple[Path, ...]) -> str:
    """The snapshot folder of a document: its stem, or the stems of its files joined by +."""
    return "+".join(p.stem[:2] if len(paths) > 1 else p.stem for p in paths)


def _run(argv: list[str]) -> tuple[int, str, str]:
    from kanshousuo.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def snapshot(paths: tuple[Path, ...]) -> dict[str, bytes]:
    """name -> bytes of everything the command line publishes for one document."""
    folder = Path(tempfile.mkdtemp(prefix="snapshot-"))
    try:
        out = folder / "package"
        status, stdout, stderr = _run(["extract", *map(str, paths), "--out", str(out)])
        files: dict[str, bytes] = {}
        stdout = stdout.replace(str(out), "<out>")
        files["extract.txt"] = f"exit {status}\n{stdout}{stderr}".encode()
        if out.is_dir():
            for file in sorted(out.iterdir()):
                files[f"package/{file.name}"] = file.read_bytes()
        status, stdout, stderr = _run(["audit", *map(str, paths), "--json"])
        files["audit.json"] = f"exit {status}\n{stdout}{stderr}".encode()
        return files
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def stored(paths: tuple[Path, ...]) -> dict[str, bytes]:
    """The committed snapshot of one document."""
    folder = SNAPSHOTS / name_of(paths)
    return {str(f.relative_to(folder)): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def update() -> None:
    """Rewrite every committed snapshot from the current code."""
    for paths in documents():
        folder = SNAPSHOTS / name_of(paths)
        shutil.rmtree(folder, ignore_errors=True)
        for name, data in snapshot(paths).items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        print(f"{name_of(paths)}: {len(list(folder.rglob('*')))} files", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.snapshot --update")
    update()
