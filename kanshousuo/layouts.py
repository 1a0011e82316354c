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
  of the rows above it, carried down.
"""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.amounts import looks_like_amount
from kanshousuo.codes import parse_code
from kanshousuo.labels import clean_text
from kanshousuo.tables import TOTAL_LABELS, header_cell_key, split_header
from kanshousuo.textsource import Row, TableBlock
from kanshousuo.wide import is_figure_row, lengthen


def relayout(block: TableBlock) -> list[TableBlock]:
    """The block in the catalog's layout (a wide table may give two blocks)."""
    by_source = _income_by_source(block) if block.table_id == "income" else None
    if by_source is not None:
        return [by_source]
    if block.table_id == "expenditure" and _one_unlabelled_total_row(block):
        return [_label_total_row(block)]
    if block.table_id == "procurement":
        return [_procurement_levels(block)]
    return lengthen(block)


def _income_by_source(block: TableBlock) -> TableBlock | None:
    """The block as `income_by_source` when it has that shape, else None.

    The shape: at most three columns, the last headed 金额 and the only one with figures (an
    empty table has none), and no classification code anywhere.
    """
    header, data = split_header(block.rows)
    width = max((len(row.cells) for row in block.rows), default=0)
    figure_columns = {j for row in data for j, cell in enumerate(row.cells) if cell.strip() and looks_like_amount(cell)}
    last_headings = {header_cell_key(row.cells[-1]) for row in header if len(row.cells) == width}
    if not (
        header
        and data
        and width <= 3
        and last_headings & {"金额", "预算数"}
        and figure_columns <= {width - 1}
        and not any(parse_code(cell) for row in data for cell in row.cells[:-1])
    ):
        return None
    rows = [Row(header[0].line, ["来源", "项目", "金额"], page=header[0].page)]
    source = ""
    for row in data:
        cells = row.cells + [""] * (width - len(row.cells))
        first, item = (cells[0].strip(), cells[1].strip()) if width == 3 else (cells[0].strip(), "")
        source = first or source
        if not item:
            item = first  # a line printed across both label cells (收入总计)
        elif item == "小计":
            item = f"{source}小计"  # the source's cell is merged down to its subtotal
        rows.append(Row(row.line, [source, item, cells[-1]], page=row.page))
    return replace(block, table_id="income_by_source", rows=rows)


def _one_unlabelled_total_row(block: TableBlock) -> bool:
    """One heading row starting 合计 (so not read as a header), then one row of figures only."""
    if len(block.rows) != 2:
        return False
    heading, figures = (row.cells for row in block.rows)
    return (
        bool(TOTAL_LABELS.match(header_cell_key(heading[0])))
        and not any(looks_like_amount(cell) for cell in heading if cell.strip())
        and is_figure_row(figures)
    )


def _label_total_row(block: TableBlock) -> TableBlock:
    heading, figures = block.rows
    rows = [
        Row(heading.line, ["项目", *heading.cells], page=heading.page),
        Row(figures.line, ["合计", *figures.cells], page=figures.page),
    ]
    return replace(block, rows=rows)


PROCUREMENT_HEADINGS = ["层级", "大类", "专项", "经济科目", "名称", "组织形式", "金额"]


def _procurement_levels(block: TableBlock) -> TableBlock:
    """Rows of (level, category, project, economic item, name, method, amount).

    The printed header is every row above the first figure (and is dropped where a page repeats
    it). A row's level is its leftmost filled name cell; an item row printing only its method
    (物业管理服务 bought two ways) continues the item above it.
    """
    first = next((i for i, row in enumerate(block.rows) if row.cells and looks_like_amount(row.cells[-1])), None)
    if first is None:
        return block
    printed_header = [row.cells for row in block.rows[:first]]
    rows = [Row(block.rows[0].line, list(PROCUREMENT_HEADINGS), page=block.rows[0].page)]
    category = project = economic = item = ""
    for row in block.rows[first:]:
        if row.cells in printed_header:
            continue
        cells = [clean_text(cell) for cell in row.cells[:-1]] + [""] * (6 - len(row.cells))
        amount = row.cells[-1].strip()
        if TOTAL_LABELS.match(cells[0]):
            level, name = "合计", cells[0]
        elif cells[0]:
            level, name = "大类", cells[0]
            category, project, economic, item = cells[0], "", "", ""
        elif cells[2]:
            level, name = "经济科目", cells[2]
            project, economic, item = cells[1] or project, cells[2], ""
        else:
            level, name = "品目", cells[3] or item
            item = name
        rows.append(Row(row.line, [level, category, project, economic, name, cells[4], amount], page=row.page))
    return replace(block, rows=rows)
