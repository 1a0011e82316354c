"""Cell texts: watermark strings removed, wrapped lines joined, refilled from glyph boxes where fonts deceive."""

from __future__ import annotations

import re
from collections import Counter

from kanshousuo.sources.pdf.ruled import RuledTable


def clean_cell(text: str, rotated: set[str]) -> str:
    """A cell's text with watermark strings removed and wrapped lines joined.

    A label wrapped inside its cell comes back with a line break; between CJK characters the
    break is dropped by label normalisation, between words it stays a space.

    >>> clean_cell("一般公共预算\\n资金", set()), clean_cell("办公费 仅供内部审核", {"仅供内部审核"})
    ('一般公共预算 资金', '办公费')
    """
    for stamp in sorted(rotated, key=lambda s: (-len(s), s)):  # a fixed order: sets vary with the hash seed
        text = text.replace(stamp, "")
    return re.sub(r"\s*\n\s*", " ", text).strip()


def _cell_at(table: RuledTable, x: float, y: float) -> tuple[int, int] | None:
    """The (row, column) of camelot's grid cell containing a point, or None."""
    for r, row in enumerate(table.boxes):
        for c, (x1, y1, x2, y2) in enumerate(row):
            if x1 <= x <= x2 and y1 <= y <= y2:
                return r, c
    return None


def glyph_cells(document, page, table: RuledTable) -> list[list[str]]:
    """Refill a table's cells from pdfium's glyph boxes (used when font metrics are zero).

    Glyphs at another angle than most of the page's (a diagonal watermark) and generated spaces
    are left out; boxes are turned into the displayed orientation camelot's cells are in.
    """
    import pypdfium2.raw as raw

    textpage = document[page.number - 1].get_textpage()
    chars = [
        (index, textpage.get_text_range(index, 1), round(raw.FPDFText_GetCharAngle(textpage, index), 2))
        for index in range(textpage.count_chars())
    ]
    angles = Counter(angle for _, char, angle in chars if char.strip())
    upright = angles.most_common(1)[0][0] if angles else 0.0
    grid = [["" for _ in row] for row in table.boxes]
    for index, char, angle in chars:
        if not char.strip() or angle not in (upright, -1.0):
            continue
        left, bottom, right, top = page.display_box(tuple(textpage.get_charbox(index)))
        found = _cell_at(table, (left + right) / 2, (bottom + top) / 2)
        if found:
            grid[found[0]][found[1]] += char
    return grid
