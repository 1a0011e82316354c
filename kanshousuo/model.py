"""The Disclosure: one document's tables, figures, text and provenance, read once."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kanshousuo.catalog import OPTIONAL_TABLE_IDS, TABLE_IDS, UNIT_FACTORS
from kanshousuo.errors import DisclosureError
from kanshousuo.layouts import relayout
from kanshousuo.tables import BuiltTable, build_table
from kanshousuo.textsource import Section, TextSource, read_text_source
from kanshousuo.tidy import amounts_frame, melt_amounts

if TYPE_CHECKING:
    from kanshousuo.performance import PerformanceTargets

_YEAR = re.compile(r"(20\d{2})\s*年度?")


@dataclass
class Disclosure:
    """A budget disclosure read into exact, traceable tables.

    Attributes:
        meta: unit name, year, unit of amounts, source file, hash and encoding.
        tables: catalog id -> DataFrame with canonical columns, rows as published.
        amounts: one row per printed figure (see `package_data/fields.csv`).
        sections: the document's parts and numbered sections with their prose.
        warnings: what reading noticed but could not place (unknown columns, odd cells).
    """

    meta: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    amounts: pd.DataFrame
    sections: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    source: TextSource | None = None
    built: dict[str, BuiltTable] = field(default_factory=dict, repr=False)

    @property
    def doc_id(self) -> str:
        """Identifier used for output folders and the `doc_id` column."""
        return str(self.meta["doc_id"])

    def part_text(self, part: int) -> str:
        """The prose of one part (1 概况, 3 情况说明, 4 名词解释), sections included."""
        rows = self.sections[self.sections["part"] == part]
        return "\n".join(f"{h}\n{t}".strip() for h, t in zip(rows["heading"], rows["text"], strict=True))

    @property
    def parts(self) -> dict[int, str]:
        """Part number -> its prose."""
        return {int(p): self.part_text(int(p)) for p in sorted(self.sections["part"].unique())}

    @cached_property
    def performance(self) -> PerformanceTargets:
        """The project performance-target tables, parsed (empty when the document has none)."""
        from kanshousuo.performance import parse_targets

        return parse_targets(self)

    @cached_property
    def _findings(self) -> pd.DataFrame:
        from kanshousuo.audit import audit_disclosure

        return audit_disclosure(self)

    def audit(self) -> pd.DataFrame:
        """Check the document against itself; one row per finding (see `kanshousuo.audit`).

        Computed once per Disclosure, like `performance` (notebooks and helpers ask for it
        several times); each call returns a copy, so changing it changes nothing here.
        """
        return self._findings.copy()

    def figure(self, table: str, column: str, *, code: str | None = None, label: str | None = None) -> Any:
        """The one printed figure at a table, column and row (by code or normalised label)."""
        rows = self.amounts[(self.amounts["table"] == table) & (self.amounts["column"] == column)]
        if code is not None:
            rows = rows[rows["code"] == code]
        if label is not None:
            rows = rows[rows["label"] == label]
        if len(rows) != 1:
            raise KeyError(f"{len(rows)} figures match {table}/{column} code={code} label={label}")
        return rows.iloc[0]


def _sections_frame(sections: list[Section]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "part": s.part,
                "number": s.number,
                "heading": s.heading,
                "line": s.line,
                "place": s.place,
                "text": s.text,
                "text_lines": [n for n, _ in s.text_lines],
            }
            for s in sections
        ],
        columns=["part", "number", "heading", "line", "place", "text", "text_lines"],
    ).astype({"number": "Int64"})


def _guess_meta(source: TextSource) -> dict[str, Any]:
    unit_names = Counter(t.unit_name for t in source.tables if t.unit_name)
    units = Counter(t.unit for t in source.tables if t.unit)
    years = Counter(int(m.group(1)) for text in [*source.title_lines, *source.lines[:40]] for m in _YEAR.finditer(text))
    return {
        "doc_id": source.path.stem,
        "unit_name": unit_names.most_common(1)[0][0] if unit_names else None,
        "year": years.most_common(1)[0][0] if years else None,
        "amount_unit": units.most_common(1)[0][0] if units else None,
        "source_file": source.path.name,
        "sha256": source.sha256,
        "encoding": None if source.encoding == "pdf" else source.encoding,
        "source_kind": "pdf" if source.encoding == "pdf" else "text",
        "pages": source.page_count,
    }


def disclosure_from_text(source: TextSource) -> Disclosure:
    """Build the Disclosure from a cut text source."""
    if not source.tables:
        raise DisclosureError(f"{source.path.name}: no standard budget table was recognised in the text")
    meta = _guess_meta(source)
    tables: dict[str, pd.DataFrame] = {}
    built_tables: dict[str, BuiltTable] = {}
    warnings: list[str] = list(source.notes)
    records: list[dict[str, object]] = []
    for block in (long for printed in source.tables for long in relayout(printed)):
        if block.table_id in built_tables:
            warnings.append(
                f"{block.table_id} printed twice ({'page' if block.page else 'line'} {block.title_line}); "
                "the first one is kept"
            )
            continue
        unit = block.unit or meta["amount_unit"] or "万元"
        if unit not in UNIT_FACTORS:
            raise DisclosureError(f"unknown unit {unit!r} above table {block.title!r}")
        built = build_table(block, unit_name=block.unit_name or meta["unit_name"])
        built.frame.attrs.update(
            {
                "title": block.title,
                "unit": unit,
                "line": None if block.page else block.title_line,
                "page": block.page,
                "printed_empty": block.printed_empty,
            }
        )
        built_tables[block.table_id] = built
        tables[block.table_id] = built.frame
        warnings.extend(built.warnings)
        records.extend(melt_amounts(meta["doc_id"], block.table_id, built, unit))
    stand_ins = {OPTIONAL_TABLE_IDS[t] for t in tables if OPTIONAL_TABLE_IDS.get(t)}
    missing = [t for t in TABLE_IDS if t not in tables and t not in stand_ins]
    meta["tables_missing"] = missing
    return Disclosure(
        meta=meta,
        tables=tables,
        amounts=amounts_frame(records),
        sections=_sections_frame(source.sections),
        warnings=warnings,
        source=source,
        built=built_tables,
    )


def read_disclosure(path: str | Path) -> Disclosure:
    """Read a disclosure: a PDF through `kanshousuo.pdfsource` (camelot), anything else as text."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from kanshousuo.pdfsource import read_pdf_source

        return disclosure_from_text(read_pdf_source(path))
    return disclosure_from_text(read_text_source(path))
