"""What a source says about its document: unit, year, kind, volume, unit of amounts, file, hash."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kanshousuo.sources.blocks import RawSource
from kanshousuo.sources.files import safe_name
from kanshousuo.sources.identity import document_kind, document_year
from kanshousuo.text.patterns import CN_HEADING_NUMERAL, compact

_YEAR = re.compile(r"(20\d{2})\s*年度?")
_EXPLANATION = re.compile(rf"(?:编制|情况|安排情况)说明$|^第{CN_HEADING_NUMERAL}部分")


def document_volume(source: RawSource) -> str:
    """full (tables and explanatory text), tables (a table volume) or text (a text volume)."""
    explained = any(len(line) <= 60 and _EXPLANATION.search(compact(line)) for line in source.lines[:5000])
    if source.tables:
        return "full" if explained else "tables"
    return "text"


def guess_meta(source: RawSource) -> dict[str, Any]:
    """The document's meta data, from its cover, labels and titles (see `kanshousuo.sources.identity`)."""
    table_names = Counter(t.unit_name for t in source.tables if t.unit_name)
    units = Counter(t.unit for t in source.tables if t.unit)
    year = document_year(source.cover, source.title_lines)
    if year is None:
        years = Counter(
            int(m.group(1)) for text in [*source.title_lines, *source.lines[:40]] for m in _YEAR.finditer(text)
        )
        year = years.most_common(1)[0][0] if years else None
    return {
        "doc_id": safe_name(source.path.stem),
        "unit_name": source.unit_name or (table_names.most_common(1)[0][0] if table_names else None),
        "year": year,
        "kind": document_kind(source.cover, source.title_lines, source.lines),
        "volume": document_volume(source),
        "amount_unit": units.most_common(1)[0][0] if units else None,
        "source_file": source.path.name,
        "sha256": source.sha256,
        "files": [{"name": f.name, "sha256": f.sha256, "kind": f.kind, "pages": f.pages} for f in source.files],
        "encoding": source.encoding,
        "source_kind": source.kind,
        "pages": source.page_count,
    }
