"""What a source says about its document: unit, year, unit of amounts, file, hash, kind."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kanshousuo.sources.blocks import RawSource

_YEAR = re.compile(r"(20\d{2})\s*年度?")


def guess_meta(source: RawSource) -> dict[str, Any]:
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
        "encoding": source.encoding,
        "source_kind": source.kind,
        "pages": source.page_count,
    }
