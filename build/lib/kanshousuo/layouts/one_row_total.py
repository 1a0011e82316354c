"""An expenditure table printed as one row of figures under its headings, with no label (Jiangsu
2019 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金), gets the label
合计: the row is the table's total, as its first heading says."""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.headers import TOTAL_LABELS, header_cell_key, is_figure_row
from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.text.numbers import looks_like_amount


def one_unlabelled_total_row(block: TableBlock) -> bool:
    """One heading row starting 合计 (so not read as a header), then one row of figures only."""
    if len(block.rows) != 2:
        return False
    heading, figures = (row.cells for row in block.rows)
    return (
        bool(TOTAL_LABELS.match(header_cell_key(heading[0])))
        and not any(looks_like_amount(cell) for cell in heading if cell.strip())
        and is_figure_row(figures)
    )


def label_total_row(block: TableBlock) -> TableBlock:
    heading, figures = block.rows
    rows = [
        Row(heading.line, ["项目", *heading.cells], page=heading.page),
        Row(figures.line, ["合计", *figures.cells], page=figures.page),
    ]
    return replace(block, rows=rows)


class OneRowTotal(Layout):
    """The expenditure table printed as one unlabelled row of figures (read as its 合计 row)."""

    name = "one_row_total"
    table_ids = ("expenditure",)

    def applies(self, block: TableBlock) -> bool:
        return block.table_id in self.table_ids

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        return [label_total_row(block)] if one_unlabelled_total_row(block) else None
