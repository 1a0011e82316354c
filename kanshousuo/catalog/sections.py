"""The headings that open a part of a disclosure printed without 第X部分 (`section_headings.csv`).

Shanghai prints 单位预算编制说明 / 其他相关情况说明, a Jiangsu text volume 情况说明: each row is
a pattern on the compact heading (spaces removed) and the part it opens (1 概况, 3 情况说明,
4 名词解释), so the explanatory text of a new template is one row here, not code.
"""

from __future__ import annotations

import re
from functools import cache

from kanshousuo.catalog.files import CatalogError, read_catalog

PARTS = ("1", "2", "3", "4")


@cache
def section_headings() -> tuple[tuple[re.Pattern[str], int], ...]:
    """(compiled pattern, part) per catalog row, in catalog order (the first match wins).

    >>> [part for pattern, part in section_headings() if pattern.search("2026年单位预算编制说明")]
    [3]
    """
    rows = read_catalog(
        "section_headings.csv", ("pattern", "part", "note"), required=("pattern", "part"), choices={"part": PARTS}
    )
    compiled = []
    for row in rows:
        try:
            compiled.append((re.compile(row["pattern"]), int(row["part"])))
        except re.error as error:
            raise CatalogError(f"package_data/section_headings.csv: bad pattern {row['pattern']!r}: {error}") from error
    return tuple(compiled)
