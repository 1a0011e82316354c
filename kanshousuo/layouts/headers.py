"""Header rows: recognised by their vocabulary (`header_words.csv`), split from the data rows, and
each cell reduced to the key the catalog's column patterns match."""

from __future__ import annotations

import re
import unicodedata

from kanshousuo.catalog.columns import header_patterns
from kanshousuo.sources.blocks import Row
from kanshousuo.text.codes import parse_code
from kanshousuo.text.labels import clean_text
from kanshousuo.text.numbers import looks_like_amount

_YEAR = re.compile(r"\d{4}年?度?")

TOTAL_LABELS = re.compile(r"^(合计|总计|部门合计|单位合计)$")


def header_cell_key(cell: str) -> str:
    """A header cell as it is matched: cleaned, the year replaced by Y.

    >>> header_cell_key("2026年 合计"), header_cell_key("政府性 基金预 算")
    ('Y合计', '政府性基金预算')
    """
    return _YEAR.sub("Y", clean_text(cell))


def _is_vocabulary(key: str) -> bool:
    return any(p.search(key) for p in header_patterns())


def header_cell_parts(cell: str) -> list[str]:
    """The keys of a header cell: one, or the headings stacked in it when a merged cell holds two
    levels on two lines (a rotated page's grid may lack the line between them), each heading
    vocabulary on its own while the two read together are not.

    >>> header_cell_parts("功能分类 功能科目名称"), header_cell_parts("本年 收入"), header_cell_parts("")
    (['功能分类', '功能科目名称'], ['本年收入'], [])
    """
    key = header_cell_key(cell)
    if not key:
        return []
    words = cell.split()
    if len(words) < 2 or _is_vocabulary(key):
        return [key]
    parts = [header_cell_key(word) for word in words]
    return parts if all(_is_vocabulary(part) for part in parts) else [key]


def is_column_number_row(cells: list[str]) -> bool:
    """The row of column numbers (1 2 3 …) printed under some headers.

    >>> is_column_number_row(["1", "2", "3"]), is_column_number_row(["204", "公安"])
    (True, False)
    """
    values = [c for c in cells if c.strip()]
    if len(values) < 2:
        return False
    return all(unicodedata.normalize("NFKC", c).strip() == str(i) for i, c in enumerate(values, 1))  # stops early


def is_header_row(cells: list[str]) -> bool:
    """True when every non-empty cell is heading vocabulary, and the row has no figure."""
    values = [part for c in cells if c.strip() for part in header_cell_parts(c)]
    if not values or is_column_number_row(cells):
        return bool(values)
    if TOTAL_LABELS.match(values[0]) and cells[0].strip():
        return False
    if any(looks_like_amount(c) for c in cells) or parse_code(cells[0]):
        return False
    return all(_is_vocabulary(v) for v in values)


def split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Leading header rows and the data rows after them; repeated headers later are dropped."""
    header: list[Row] = []
    index = 0
    while index < len(rows) and is_header_row(rows[index].cells):
        header.append(rows[index])
        index += 1
    if index < len(rows) and header:
        fused = _header_fused_with_total(rows[index])
        if fused:
            header.append(fused[0])
            rows = [*rows[:index], fused[1], *rows[index + 1 :]]
    signatures = {tuple(clean_text(c) for c in row.cells) for row in header}
    firsts = {signature[0] for signature in signatures if signature}

    def repeats_header(row: Row) -> bool:  # its first cell decides cheaply for nearly every row
        if not row.cells or clean_text(row.cells[0]) not in firsts:
            return False
        return tuple(clean_text(c) for c in row.cells) in signatures

    data = [row for row in rows[index:] if not repeats_header(row) and not is_column_number_row(row.cells)]
    return header, data


_CODE_HEADINGS = re.compile(r"^(类|款|项)$")


def _header_fused_with_total(row: Row) -> tuple[Row, Row] | None:
    """A first data row whose leading cells read 类 款 项 (the code headings, with no ruling
    line under them) and whose other cells are the table's 合计 row: split into the last header
    row and the total row. None for any other row.

    >>> header, total = _header_fused_with_total(Row(9, ["类", "款", "项", "合计", "2,946.25"]))
    >>> header.cells, total.cells
    (['类', '款', '项', '', ''], ['', '', '', '合计', '2,946.25'])
    """
    leading = 0
    while leading < len(row.cells) and _CODE_HEADINGS.match(clean_text(row.cells[leading])):
        leading += 1
    if leading < 2 or not any(looks_like_amount(c) for c in row.cells[leading:]):
        return None
    header = Row(row.line, [*row.cells[:leading], *([""] * (len(row.cells) - leading))], page=row.page)
    total = Row(row.line, [*([""] * leading), *row.cells[leading:]], page=row.page)
    return header, total


def is_figure_row(cells: list[str]) -> bool:
    values = [c for c in cells if c.strip()]
    return bool(values) and all(looks_like_amount(c) for c in values)
