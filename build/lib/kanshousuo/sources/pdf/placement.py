"""Place camelot's tables under the titles printed above them, joining tables continued over pages."""

from __future__ import annotations

import re

from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.sources.pdf.cells import clean_cell, glyph_cells
from kanshousuo.sources.pdf.pages import PageText, is_other_table_title
from kanshousuo.sources.pdf.ruled import RuledTable
from kanshousuo.sources.text import EMPTY_NOTE
from kanshousuo.text.titles import match_table_title
from kanshousuo.text.units import unit_from_header

_UNIT_NAME = re.compile(r"(?:单位名称|部门名称|编制单位|预算单位)\s*[:：]\s*(\S+)")


def _unit_and_name(lines: list[str]) -> tuple[str | None, str | None]:
    unit = name = None
    for line in lines:
        unit = unit or unit_from_header(line)
        found = _UNIT_NAME.search(line)
        if found and not name:
            name = re.split(r"\s|单位[:：]", found.group(1))[0]
    return unit, name


def place_tables(pages: list[PageText], found: list[RuledTable], notes: list[str], document) -> list[TableBlock]:
    """camelot's tables, each under the closest catalog title above it on its page (or joined to
    the table continued from earlier pages); unknown titles and skipped tables go to `notes`."""
    by_page: dict[int, list[RuledTable]] = {}
    for table in found:
        by_page.setdefault(table.page, []).append(table)
    blocks: list[TableBlock] = []
    current: TableBlock | None = None
    skipped: str | None = None  # the unknown title whose table may run on to the next page
    for page in pages:
        if any(re.sub(r"\s+", "", line) in {"目录", "目錄"} for line in page.lines[:3]):
            continue  # the table of contents lists titles without tables
        known = [(title, top, match_table_title(title)) for title, top in page.title_tops.items()]
        for line in page.lines:
            if is_other_table_title(line):
                notes.append(f"page {page.number}: table {line!r} is not in the catalog (table_titles.csv); skipped")
                if not any(table_id for _, _, table_id in known):
                    current = None  # an unknown table ends the one continued from earlier pages
                    skipped = line
        unit, name = _unit_and_name(page.lines)
        # each title on the page, top first, with its block (None for a title the catalog lacks)
        anchors: list[tuple[float, TableBlock | None]] = []
        for title, top, table_id in sorted(known, key=lambda item: -item[1]):
            if table_id is None:
                anchors.append((top, None))
            elif current is not None and current.table_id == table_id and not current.rows:
                anchors.append((top, current))
            else:
                block = TableBlock(table_id, title, None, unit=unit, unit_name=name, page=page.number)
                block.printed_empty = any(EMPTY_NOTE.search(line) for line in page.lines)
                blocks.append(block)
                anchors.append((top, block))
        tables = sorted(by_page.get(page.number, []), key=lambda t: -t.top)
        for table in tables:
            above = [anchor for anchor in anchors if anchor[0] >= table.top - 1]
            if above and above[-1][1] is None:
                continue  # under a title the catalog does not know (reported above)
            target = above[-1][1] if above else current
            if target is None:
                where = f"continues {skipped!r}" if skipped else "is under no known title"
                notes.append(f"page {page.number}: a ruled table {where}; skipped")
                continue
            if page.zero_metric_fonts:
                cells = glyph_cells(document, page.number, table)
            else:
                cells = table.texts
            for cells_row in cells:
                row = Row(line=None, cells=[clean_cell(str(c), page.rotated) for c in cells_row], page=page.number)
                if any(row.cells):
                    target.rows.append(row)
            current, skipped = target, None
        blocks_here = [block for _, block in anchors if block is not None]
        if blocks_here and not tables:
            current = blocks_here[-1]
    return blocks
