"""A wide table whose items each print a pair of figures (a 决算's “三公”经费支出决算表: for 合计,
因公出国（境）费, 公务用车购置及运行费 … a 预算数 and a 决算数 column) becomes long: one row per
item, its 预算数 and 决算数 side by side. The item of a pair is read from the headings above it
as for any wide table (a sub-item such as 公务用车购置费 becomes an 其中 row).
"""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.catalog.tables import table_spec
from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.headers import header_cell_key, is_figure_row
from kanshousuo.layouts.wide import header_paths, item_label
from kanshousuo.sources.blocks import Row, TableBlock

PAIR = ("预算数", "决算数")


def pair_row_index(block: TableBlock) -> int | None:
    """The header row that reads 预算数 决算数 预算数 决算数 …, when the block has one."""
    for index, row in enumerate(block.rows):
        keys = [header_cell_key(c) for c in row.cells]
        if (
            len(keys) >= 4
            and len(keys) % 2 == 0
            and all(tuple(keys[j : j + 2]) == PAIR for j in range(0, len(keys), 2))
        ):
            return index
    return None


def lengthen_pairs(block: TableBlock) -> TableBlock | None:
    """One row per item with its pair of figures; None when the block has no pair row."""
    pairs_at = pair_row_index(block)
    if pairs_at is None:
        return None
    width = len(block.rows[pairs_at].cells)
    paths = header_paths([row.cells for row in block.rows[:pairs_at]], width)
    outer_total = any(path[-1:] == ["合计"] for path in paths) and len({p[0] for p in paths if p}) > 2
    rows = [Row(block.rows[0].line, ["项目", *PAIR], page=block.rows[0].page)]
    for figures in (row for row in block.rows[pairs_at + 1 :] if is_figure_row(row.cells) or not any(row.cells)):
        cells = figures.cells + [""] * (width - len(figures.cells))
        for j in range(0, width, 2):
            if paths[j]:
                rows.append(
                    Row(figures.line, [item_label(paths[j], outer_total), *cells[j : j + 2]], page=figures.page)
                )
    rows[1:] = sorted(rows[1:], key=lambda row: row.cells[0] == "合计")  # the total last, as in the long layout
    return replace(block, rows=rows)


class PairedColumns(Layout):
    """Wide items, each with a 预算数 and a 决算数 column."""

    name = "paired_columns"

    def applies(self, block: TableBlock) -> bool:
        return table_spec(block.table_id).wide

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        long = lengthen_pairs(block)
        return None if long is None else [long]
