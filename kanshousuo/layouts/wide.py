"""Tables printed wide: items as columns above one row of figures (Shanghai's 三公 table).

The catalog's layout is long, one row per item. A wide table is recognised by its shape: after
its header rows comes a row of figures with no label at all. It is turned long, one row per
column, each labelled by its column's header (a sub-column such as 购置费 under 公务用车购置及
运行费 becomes an 其中 row, so it is never summed twice). Columns headed 机关运行经费, which
Shanghai prints inside the 三公 table, become an operating_costs table of their own."""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.catalog.tables import table_specs
from kanshousuo.layouts.base import Layout
from kanshousuo.layouts.headers import header_cell_key, is_figure_row
from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.text.numbers import looks_like_amount


def header_paths(header: list[list[str]], width: int) -> list[list[str]]:
    """The header cells above each column; an empty cell belongs to the merged cell on its left
    only when both columns sit under the same parent.

    >>> header_paths([["三公经费", "", "机关运行经费"], ["合计", "车辆费", ""], ["", "小计", ""]], 3)
    [['三公经费', '合计'], ['三公经费', '车辆费', '小计'], ['机关运行经费']]
    """
    paths: list[list[str]] = [[] for _ in range(width)]
    for cells in header:
        cells = [header_cell_key(c) for c in cells] + [""] * (width - len(cells))
        parents = [list(p) for p in paths]
        for j in range(width):
            if cells[j]:
                paths[j].append(cells[j])
            elif j > 0 and parents[j] == parents[j - 1] and len(paths[j - 1]) > len(parents[j - 1]):
                paths[j].append(paths[j - 1][-1])
    return paths


def item_label(path: list[str], outer_total: bool) -> str:
    """A column's row label; with a 合计 column of its own beside the groups (Jiangsu 2019: 合计 |
    “三公”经费 小计 … | 会议费 | 培训费), a group's top 小计 stays a 小计 (三公经费小计)."""
    leaf = path[-1] if path else ""
    if leaf == "小计" and len(path) == 2 and outer_total:
        return f"{path[0]}小计"
    if leaf == "小计" and len(path) >= 2:
        return path[-2]
    if leaf == "合计" or len(path) <= 2:
        return leaf
    return f"其中：{leaf}"


def split_off_tables(table_id: str) -> dict[str, str]:
    """Heading -> table, for the columns of a wide table that belong to another table (Shanghai
    prints 机关运行经费 inside the 三公 table): the tables whose `split_from` is this one."""
    return {spec.name_zh: spec.table_id for spec in table_specs().values() if spec.split_from == table_id}


def lengthen(block: TableBlock) -> list[TableBlock] | None:
    """The long form (and split-off blocks) of a wide block; None when the block is long."""
    first = next((i for i, row in enumerate(block.rows) if is_figure_row(row.cells)), None)
    if not first or any(looks_like_amount(c) for row in block.rows[:first] for c in row.cells if c.strip()):
        return None
    figures = block.rows[first]
    width = max(len(row.cells) for row in block.rows[: first + 1])
    paths = header_paths([row.cells for row in block.rows[:first]], width)
    cells = figures.cells + [""] * (width - len(figures.cells))
    outer_total = any(path == ["合计"] for path in paths) and len({path[0] for path in paths if path}) > 2
    blocks = {block.table_id: _copy(block, block.table_id)}
    for path, figure in zip(paths, cells, strict=True):
        target = next(
            (t for name, t in split_off_tables(block.table_id).items() if any(name in part for part in path)),
            block.table_id,
        )
        if target not in blocks:
            blocks[target] = _copy(block, target)
        label = (block.unit_name or "合计") if target != block.table_id else item_label(path, outer_total)
        if path:
            blocks[target].rows.append(Row(figures.line, [label, figure], page=figures.page))
    for long in blocks.values():
        long.rows.sort(key=lambda row: row.cells[0] == "合计")  # the total last, as in the long layout
        long.rows.insert(0, Row(block.rows[0].line, ["项目", "预算数"], page=block.rows[0].page))
    return list(blocks.values())


def _copy(block: TableBlock, table_id: str) -> TableBlock:
    """The block's title, unit and notes under `table_id`, with no rows yet."""
    return replace(block, table_id=table_id, rows=[], notes=list(block.notes))


class Wide(Layout):
    """A table printed wide (items as columns above one row of figures), turned long."""

    name = "wide"

    def applies(self, block: TableBlock) -> bool:
        return table_specs()[block.table_id].wide

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        return lengthen(block)
