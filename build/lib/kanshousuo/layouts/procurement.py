"""A procurement table (政府采购支出预算表: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 |
采购组织形式 | 总计) nests four levels in merged cells; each row gets its level and the names
of the rows above it, carried down."""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.catalog.tables import table_spec
from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.headers import TOTAL_LABELS
from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.text.labels import clean_text
from kanshousuo.text.numbers import looks_like_amount

PROCUREMENT_HEADINGS = ["层级", "大类", "专项", "经济科目", "名称", "组织形式", "金额"]


def procurement_levels(block: TableBlock) -> TableBlock:
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


class ProcurementLevels(Layout):
    """A table whose rows nest four levels in merged cells (rows = procurement in the catalog)."""

    name = "procurement"

    def applies(self, block: TableBlock) -> bool:
        return table_spec(block.table_id).rows == "procurement"

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        return [procurement_levels(block)]
