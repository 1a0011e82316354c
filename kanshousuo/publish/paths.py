"""Where the report's inputs live in a source checkout: the numbered notebooks, the seed, the
corpus of `data/raw`; and what each notebook takes in its `parameters` cell."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
RAW_DIR = ROOT / "data" / "raw"
DEFAULT_DOC = RAW_DIR / "shanxi-kanshousuo-2026-unit-budget.txt"
DEFAULT_CORPUS = ROOT / "data" / "processed" / "corpus.duckdb"

_ASSIGNED = re.compile(r"^([A-Z][A-Z0-9_]{0,40})\s{0,4}=", re.M)
# what a notebook runs on is what its parameters cell names: one disclosure, or a corpus
_RUNS_ON = {"disclosure": "DISCLOSURE", "corpus": "CORPUS_DB"}


def declared_parameters(path: Path) -> list[str]:
    """The names the notebook's `parameters` cell assigns (DISCLOSURE, LANG, CORPUS_DB …)."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    source = "\n".join(
        "".join(cell.get("source", "")) for cell in cells if "parameters" in cell.get("metadata", {}).get("tags", [])
    )
    return _ASSIGNED.findall(source)


def notebook_paths(folder: Path = NOTEBOOKS, runs_on: str | None = None) -> list[Path]:
    """The numbered notebooks, in order (`0.0-…ipynb`, `1.0-…`): all of them, or those that run
    on one disclosure (`runs_on="disclosure"`) or on a corpus (`runs_on="corpus"`)."""
    paths = sorted(p for p in folder.glob("[0-9]*.ipynb") if not p.name.startswith("."))
    return [p for p in paths if runs_on is None or _RUNS_ON[runs_on] in declared_parameters(p)]
