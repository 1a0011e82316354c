"""A table printed as two halves side by side under the same headings (a 决算's 一般公共预算财政拨款
基本支出决算表: 人员经费 items on the left, 公用经费 items on the right, each half with its own
合计 row) becomes one long table: the left half's rows, then the right half's, each half ending
with its own total, every figure keeping its page.
"""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.catalog.tables import table_spec
from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.headers import header_cell_key, split_header
from kanshousuo.sources.blocks import Row, TableBlock


def halves_width(header: list[Row], width: int) -> int | None:
    """The width of one half when every header row repeats its left half on the right, else None.

    >>> halves_width([Row(1, ["经济分类", "", "科目名称", "决算数", "经济分类", "", "科目名称", "决算数"])], 8)
    4
    >>> halves_width([Row(1, ["收入", "", "支出", ""])], 4) is None
    True
    """
    if not header or width < 4 or width % 2:
        return None
    half = width // 2
    for row in header:
        keys = [header_cell_key(c) for c in row.cells] + [""] * (width - len(row.cells))
        if keys[:half] != keys[half:]:
            return None
    return half if any(key for row in header for key in row.cells) else None


def stack_halves(block: TableBlock) -> TableBlock | None:
    """The block with its right half's rows below its left half's; None when it has no halves."""
    header, data = split_header(block.rows)
    width = max((len(row.cells) for row in block.rows), default=0)
    half = halves_width(header, width)
    if half is None:
        return None
    rows = [Row(row.line, row.cells[:half], page=row.page) for row in header]
    for side in (slice(0, half), slice(half, width)):
        padded = ((row, (row.cells + [""] * width)[side]) for row in data)
        rows += [Row(row.line, cells, page=row.page) for row, cells in padded if any(c.strip() for c in cells)]
    return replace(block, rows=rows)


class SideBySide(Layout):
    """Two halves under repeated headings, turned into one long table."""

    name = "side_by_side"

    def applies(self, block: TableBlock) -> bool:
        return table_spec(block.table_id).sides == 2

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        stacked = stack_halves(block)
        return None if stacked is None else [stacked]
