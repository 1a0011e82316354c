"""Place camelot's tables under the titles printed above them, joining tables continued over pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.sources.pdf.cells import clean_cell, glyph_cells, trusted_cells
from kanshousuo.sources.pdf.pages import PageText
from kanshousuo.sources.pdf.ruled import RuledTable
from kanshousuo.sources.text import EMPTY_NOTE
from kanshousuo.text.patterns import compact
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


def is_contents_page(page: PageText) -> bool:
    """The table of contents lists titles without tables."""
    return any(compact(line) in {"目录", "目錄"} for line in page.lines[:3])


@dataclass
class _Placement:
    """The state of the pass over the pages: the blocks so far, the block a table on the next page
    continues, and the unknown title whose table may run on to the next page."""

    notes: list[str]
    document: object
    blocks: list[TableBlock] = field(default_factory=list)
    current: TableBlock | None = None
    skipped: str | None = None

    def anchors(self, page: PageText) -> list[tuple[float, TableBlock | None]]:
        """Each title on the page, top first, with its block (None for a title the catalog lacks);
        an unknown title ends the table continued from earlier pages."""
        known = [title for title in page.titles if title.table_id]
        for title in page.titles:
            if title.table_id is None:
                self.notes.append(
                    f"page {page.number}: table {title.text!r} is not in the catalog (table_titles.csv); skipped"
                )
                if not known:
                    self.current, self.skipped = None, title.text
        unit, name = _unit_and_name(page.lines)
        anchors: list[tuple[float, TableBlock | None]] = []
        for title in sorted((t for t in page.titles if t.top is not None), key=lambda t: -t.top):
            if title.table_id is None:
                anchors.append((title.top, None))
            elif self.current is not None and self.current.table_id == title.table_id and not self.current.rows:
                anchors.append((title.top, self.current))
            else:
                block = TableBlock(title.table_id, title.text, None, unit=unit, unit_name=name, page=page.number)
                block.printed_empty = any(EMPTY_NOTE.search(line) for line in page.lines)
                self.blocks.append(block)
                anchors.append((title.top, block))
        return anchors

    def place(self, table: RuledTable, page: PageText, anchors: list[tuple[float, TableBlock | None]]) -> None:
        """Add a ruled table's rows to the block of the closest title above it (or the one it continues)."""
        above = [anchor for anchor in anchors if anchor[0] >= table.top - 1]
        if above and above[-1][1] is None:
            return  # under a title the catalog does not know (reported)
        target = above[-1][1] if above else self.current
        if target is None:
            where = f"continues {self.skipped!r}" if self.skipped else "is under no known title"
            self.notes.append(f"page {page.number}: a ruled table {where}; skipped")
            return
        # camelot places text a row low where fonts have zero metrics, and may place it in the
        # wrong cells on pages with /Rotate (its grid is right): there pdfium's glyph boxes decide
        if page.zero_metric_fonts:
            cells = glyph_cells(self.document, page, table)
        elif page.rotation:
            cells = trusted_cells(table.texts, glyph_cells(self.document, page, table))
        else:
            cells = table.texts
        for cells_row in cells:
            row = Row(line=None, cells=[clean_cell(str(c), page.watermarks) for c in cells_row], page=page.number)
            if any(row.cells):
                target.rows.append(row)
        self.current, self.skipped = target, None


def place_tables(pages: list[PageText], found: list[RuledTable], notes: list[str], document) -> list[TableBlock]:
    """camelot's tables, each under the closest catalog title above it on its page (or joined to
    the table continued from earlier pages); unknown titles and skipped tables go to `notes`."""
    by_page: dict[int, list[RuledTable]] = {}
    for table in found:
        by_page.setdefault(table.page, []).append(table)
    placement = _Placement(notes, document)
    for page in pages:
        if is_contents_page(page):
            continue
        anchors = placement.anchors(page)
        tables = sorted(by_page.get(page.number, []), key=lambda t: -t.top)
        for table in tables:
            placement.place(table, page, anchors)
        blocks_here = [block for _, block in anchors if block is not None]
        if blocks_here and not tables:
            placement.current = blocks_here[-1]
    return placement.blocks
