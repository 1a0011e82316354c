"""camelot's pass over a PDF: the ruled tables with their cell texts and cell boxes, as plain data
(so that it can run in a child process and send them back)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from kanshousuo.errors import DisclosureError

CAMELOT_OPTIONS = {"flavor": "lattice", "engine": "vector", "split_text": True}


@dataclass(frozen=True)
class RuledTable:
    """What the reader keeps of one camelot table: where it is, its cell texts and cell boxes.

    Plain data, so that camelot can run in a child process and send its tables back.
    """

    page: int
    top: float
    texts: list[list[str]]
    boxes: list[list[tuple[float, float, float, float]]]  # (x1, y1, x2, y2) per cell


def read_tables(path: Path) -> tuple[list[RuledTable], list[str]]:
    """camelot's tables, and its warnings (an image-based page…) as notes for the reader."""
    import camelot

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = camelot.read_pdf(str(path), pages="all", **CAMELOT_OPTIONS)
    except Exception as error:  # camelot wraps parser errors in many types
        raise DisclosureError(
            f"{path.name}: camelot could not read the tables ({type(error).__name__}: {error})"
        ) from None
    tables = [
        RuledTable(
            page=int(table.page),
            top=float(table._bbox[3]),
            texts=[[str(text) for text in row] for row in table.df.values.tolist()],
            boxes=[[(cell.x1, cell.y1, cell.x2, cell.y2) for cell in row] for row in table.cells],
        )
        for table in found
    ]
    return tables, [f"camelot: {warning.message}" for warning in caught]
