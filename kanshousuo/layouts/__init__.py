"""Printed layouts that differ from the catalog's, recognised by their shape and rewritten.

The catalog describes one layout per table. Some templates print the same table otherwise; the
block is rewritten here, before the columns are mapped, and every figure keeps its row and page:

- wide tables, items as columns above one row of figures (Shanghai's and Jiangsu's 三公 tables):
  `kanshousuo.wide`;
- an income table that prints its sources as rows, one amount column (Jiangsu 2019 收入预算总表:
  收入总计 / 一般公共预算资金 | 小计 / | 公共财政拨款（补助）资金 …) becomes `income_by_source`;
  the source printed once, in a cell merged down its lines, is carried to each line;
- an expenditure table printed as one row of figures under its headings, with no label
  (Jiangsu 2019 支出预算总表: 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金),
  gets the label 合计: the row is the table's total, as its first heading says;
- a procurement table (政府采购支出预算表: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 |
  采购组织形式 | 总计) nests four levels in merged cells; each row gets its level and the names
  of the rows above it, carried down."""

from __future__ import annotations

from kanshousuo.layouts.income_by_source import income_by_source
from kanshousuo.layouts.one_row_total import label_total_row, one_unlabelled_total_row
from kanshousuo.layouts.procurement import procurement_levels
from kanshousuo.layouts.wide import lengthen
from kanshousuo.sources.blocks import TableBlock


def relayout(block: TableBlock) -> list[TableBlock]:
    """The block in the catalog's layout (a wide table may give two blocks)."""
    by_source = income_by_source(block) if block.table_id == "income" else None
    if by_source is not None:
        return [by_source]
    if block.table_id == "expenditure" and one_unlabelled_total_row(block):
        return [label_total_row(block)]
    if block.table_id == "procurement":
        return [procurement_levels(block)]
    return lengthen(block)
