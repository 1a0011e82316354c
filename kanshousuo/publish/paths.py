"""Where the report's inputs live in a source checkout: the numbered notebooks and the seed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_DOC = ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order (`0.0-…ipynb`, `1.0-…`)."""
    return sorted(p for p in folder.glob("[0-9]*.ipynb") if not p.name.startswith("."))
