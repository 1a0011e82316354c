"""read_disclosure: the one place that knows the order of the stages.

source (text or PDF) -> layouts (template shapes rewritten) -> tables (canonical columns)
-> figures (one row per printed figure) -> Disclosure; the performance targets and the audit
are derived from it on first use.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kanshousuo.catalog.tables import optional_table_ids, standard_table_ids
from kanshousuo.catalog.units import UNIT_FACTORS
from kanshousuo.document import Disclosure
from kanshousuo.errors import DisclosureError
from kanshousuo.layouts import relayout
from kanshousuo.sources.blocks import RawSource, Section
from kanshousuo.sources.meta import guess_meta
from kanshousuo.sources.sections import find_sections
from kanshousuo.sources.text import read_text_source
from kanshousuo.tables.build import BuiltTable, build_table
from kanshousuo.tables.figures import amounts_frame, melt_amounts


def _performance(doc: Disclosure):
    from kanshousuo.targets.parse import parse_targets

    return parse_targets(doc.source.targets if doc.source is not None else [])


def _claims(doc: Disclosure) -> pd.DataFrame:
    from kanshousuo.claims.extract import extract_claims

    return extract_claims(doc)


def _findings(doc: Disclosure) -> pd.DataFrame:
    from kanshousuo.audit import audit_disclosure

    return audit_disclosure(doc)


DERIVED = {"performance": _performance, "claims": _claims, "findings": _findings}


def _sections_frame(sections: list[Section]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "part": s.part,
                "number": s.number,
                "heading": s.heading,
                "line": s.line,
                "page": s.page,
                "where": s.where,
                "text": s.text,
                "text_lines": list(s.text_lines),
            }
            for s in sections
        ],
        columns=["part", "number", "heading", "line", "page", "where", "text", "text_lines"],
    ).astype({"number": "Int64", "line": "Int64", "page": "Int64"})


def build_disclosure(source: RawSource) -> Disclosure:
    """Build the Disclosure from the raw blocks of a source (text or PDF)."""
    if not source.tables:
        raise DisclosureError(f"{source.path.name}: no standard budget table was recognised in the text")
    meta = guess_meta(source)
    tables: dict[str, pd.DataFrame] = {}
    built_tables: dict[str, BuiltTable] = {}
    warnings: list[str] = list(source.notes)
    records: list[dict[str, object]] = []
    for block in (long for printed in source.tables for long in relayout(printed)):
        if block.table_id in built_tables:
            warnings.append(f"{block.table_id} printed twice ({block.where}); the first one is kept")
            continue
        unit = block.unit or meta["amount_unit"] or "万元"
        if unit not in UNIT_FACTORS:
            raise DisclosureError(f"unknown unit {unit!r} above table {block.title!r}")
        built = build_table(block, unit_name=block.unit_name or meta["unit_name"])
        built.frame.attrs.update(
            {
                "title": block.title,
                "unit": unit,
                "line": block.title_line,
                "page": block.page,
                "printed_empty": block.printed_empty,
            }
        )
        built_tables[block.table_id] = built
        tables[block.table_id] = built.frame
        warnings.extend(built.warnings)
        records.extend(melt_amounts(meta["doc_id"], block.table_id, built, unit))
    optional = optional_table_ids()
    stand_ins = {optional[t] for t in tables if optional.get(t)}
    missing = [t for t in standard_table_ids() if t not in tables and t not in stand_ins]
    meta["tables_missing"] = missing
    return Disclosure(
        meta=meta,
        tables=tables,
        amounts=amounts_frame(records),
        sections=_sections_frame(find_sections(source)),
        warnings=warnings,
        source=source,
        built=built_tables,
        derive=DERIVED,
    )


def read_disclosure(path: str | Path) -> Disclosure:
    """Read a disclosure: a PDF through `kanshousuo.sources.pdf` (camelot), anything else as text."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from kanshousuo.sources.pdf import read_pdf_source

        return build_disclosure(read_pdf_source(path))
    return build_disclosure(read_text_source(path))
