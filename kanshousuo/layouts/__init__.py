"""Printed layouts that differ from the catalog's, recognised by their shape and rewritten.

The catalog describes one layout per table. Some templates print the same table otherwise; the
block is rewritten here, before the columns are mapped, and every figure keeps its row and page:

- wide tables, items as columns above one row of figures (Shanghai's and Jiangsu's 三公 tables):
  `layouts/wide.py`;
- an income table that prints its sources as rows, one amount column (Jiangsu 2019 收入预算总表:
  收入总计 / 一般公共预算资金 | 小计 / | 公共财政拨款（补助）资金 …) becomes `income_by_source`;
  the source printed once, in a cell merged down its lines, is carried to each line;
- an expenditure table printed as one row of figures under its headings, with no label
  (Jiangsu 2019 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金),
  gets the label 合计: the row is the table's total, as its first heading says;
- a procurement table (政府采购支出预算表: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 |
  采购组织形式 | 总计) nests four levels in merged cells; each row gets its level and the names
  of the rows above it, carried down.

To add a shape: write one module here with a `Layout` subclass (`applies`, `rewrite`) and add it
to `LAYOUTS`. The first shape that applies and recognises the block rewrites it.
"""

from __future__ import annotations

from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.income_by_source import IncomeBySource
from kanshousuo.layouts.one_row_total import OneRowTotal
from kanshousuo.layouts.paired_columns import PairedColumns
from kanshousuo.layouts.procurement import ProcurementLevels
from kanshousuo.layouts.side_by_side import SideBySide
from kanshousuo.layouts.wide import Wide
from kanshousuo.sources.blocks import TableBlock

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (IncomeBySource(), OneRowTotal(), ProcurementLevels(), SideBySide(), PairedColumns(), Wide())
}


def relayout(block: TableBlock) -> list[TableBlock]:
    """The block in the catalog's layout (a wide table may give two blocks)."""
    for layout in LAYOUTS.values():
        if layout.applies(block):
            rewritten = layout.rewrite(block)
            if rewritten is not None:
                return rewritten
    return [block]
