"""An income table that prints its sources as rows, one amount column (Jiangsu 2019 收入预算总表:
收入总计 / 一般公共预算资金 | 小计 / | 公共财政拨款（补助）资金 …) becomes `income_by_source`;
the source printed once, in a cell merged down its lines, is carried to each line."""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.catalog.tables import table_spec
from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.headers import header_cell_key, split_header
from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.text.codes import parse_code
from kanshousuo.text.numbers import looks_like_amount


def income_by_source(block: TableBlock) -> TableBlock | None:
    """The block as `income_by_source` when it has that shape, else None.

    The shape: at most four columns (labels printed in up to three, merged over the empty ones),
    the last headed 金额 and the only one with figures (an empty table has none), and no
    classification code anywhere.
    """
    header, data = split_header(block.rows)
    width = max((len(row.cells) for row in block.rows), default=0)
    figure_columns = {j for row in data for j, cell in enumerate(row.cells) if cell.strip() and looks_like_amount(cell)}
    last_headings = {header_cell_key(row.cells[-1]) for row in header if len(row.cells) == width}
    if not (
        header
        and data
        and width <= 4
        and last_headings & {"金额", "预算数"}
        and figure_columns <= {width - 1}
        and not any(parse_code(cell) for row in data for cell in row.cells[:-1])
    ):
        return None
    rows = [Row(header[0].line, ["来源", "项目", "金额"], page=header[0].page)]
    source = ""
    for row in data:
        cells = row.cells + [""] * (width - len(row.cells))
        labels = [cell.strip() for cell in cells[:-1]]
        first, item = labels[0], next((label for label in reversed(labels[1:]) if label), "")
        source = first or source
        if not item:
            item = first  # a line printed across both label cells (收入总计)
        elif item == "小计":
            item = f"{source}小计"  # the source's cell is merged down to its subtotal
        rows.append(Row(row.line, [source, item, cells[-1]], page=row.page))
    return replace(block, table_id="income_by_source", rows=rows)


class IncomeBySource(Layout):
    """The income table printed with its sources as rows (becomes `income_by_source`)."""

    name = "income_by_source"

    def applies(self, block: TableBlock) -> bool:
        return block.table_id == table_spec("income_by_source").stands_in_for

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        rewritten = income_by_source(block)
        return None if rewritten is None else [rewritten]
