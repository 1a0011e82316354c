"""Header keys to canonical columns: each physical column takes the first catalog column whose pattern matches."""

from __future__ import annotations

from kanshousuo.catalog.columns import ColumnSpec
from kanshousuo.layouts.headers import header_cell_parts, is_column_number_row
from kanshousuo.sources.blocks import Row


def spread(cells: list[str], width: int) -> list[str]:
    """A header row printed in a grid of its own with fewer, wider cells (the top of a table at
    the foot of a page, its body on the next): each cell over an equal share of the columns.

    >>> spread(["收入", "支出"], 4), spread(["项目", "金额"], 3)
    (['收入', '', '支出', ''], ['项目', '金额'])
    """
    if not cells or len(cells) >= width or width % len(cells):
        return cells
    share = width // len(cells)
    return [cell if offset == 0 else "" for cell in cells for offset in range(share)]


def column_keys(header: list[Row], width: int) -> list[str]:
    """Stack the header cells of each column into one key. A merged cell is filled to the right,
    into an empty cell whose column sits under the same headings so far (科目名称 over the code
    columns does not spread into 本年收入合计, a heading printed over two rows)."""
    stacked: list[list[str]] = [[] for _ in range(width)]
    rows = [r for r in header if not is_column_number_row(r.cells)]
    for position, row in enumerate(rows):
        printed = spread(row.cells, width) if row.page is not None else row.cells  # a text row drops empty cells
        cells = [header_cell_parts(c) for c in printed] + [[] for _ in range(width - len(printed))]
        parents = [list(parts) for parts in stacked]
        for j in range(1, width):  # 支出用途 stacked over 项目名称, then 金额: the 金额 is under 支出用途 too
            if len(cells[j - 1]) == 2 and len(cells[j]) == 1 and parents[j] == parents[j - 1]:
                cells[j] = [cells[j - 1][0], *cells[j]]
        if position < len(rows) - 1:
            for j in range(1, width):
                if not cells[j] and cells[j - 1] and parents[j] == parents[j - 1]:
                    cells[j] = cells[j - 1][:1]
        for j in range(width):
            for part in cells[j]:
                if not stacked[j] or stacked[j][-1] != part:
                    stacked[j].append(part)
    return ["/".join(parts) for parts in stacked]


def map_columns(keys: list[str], specs: tuple[ColumnSpec, ...]) -> dict[int, ColumnSpec]:
    """Assign each physical column the first unused canonical column whose pattern matches."""
    used: set[str] = set()
    mapping: dict[int, ColumnSpec] = {}
    for j, key in enumerate(keys):
        if not key:
            continue
        for spec in specs:
            if spec.column not in used and spec.pattern.search(key):
                mapping[j] = spec
                used.add(spec.column)
                break
    return mapping


def share_repeated_keys(keys: list[str], mapping: dict[int, ColumnSpec]) -> dict[int, ColumnSpec]:
    """Amount columns with the same header key take the matched columns so that each one reads
    the label column nearest on its left.

    Jiangsu 2019 prints the functional side's 金额 under the 支出用途 heading, so both amount
    columns of the expenditure side are keyed 支出/支出用途/金额; the first belongs to the
    functional names printed left of it.
    """
    labels = sorted(j for j, spec in mapping.items() if spec.kind == "label")
    repeated: dict[str, list[int]] = {}
    for j, spec in sorted(mapping.items()):
        if spec.kind == "amount":
            repeated.setdefault(keys[j], []).append(j)
    shared = dict(mapping)
    for columns in (c for c in repeated.values() if len(c) > 1):
        pool = [mapping[j] for j in columns]
        for j in columns:
            left = max((label for label in labels if label < j), default=None)
            wanted = mapping[left].column if left is not None else None
            spec = next((s for s in pool if s.label_column == wanted), pool[0])
            shared[j] = spec
            pool.remove(spec)
    return shared
