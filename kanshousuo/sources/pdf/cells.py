"""Cell texts: watermark strings removed, wrapped lines joined, refilled from glyph boxes where fonts deceive."""

from __future__ import annotations

import re
from collections import Counter

from kanshousuo.sources.pdf.ruled import RuledTable
from kanshousuo.text.numbers import looks_like_amount
from kanshousuo.text.patterns import compact


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
    """Refill a table's cells from pdfium's glyph boxes (where camelot misplaces text).

    Glyphs at another angle than most of the page's (a diagonal watermark) and generated spaces
    are left out; boxes are turned into the displayed orientation camelot's cells are in. Glyphs
    are read in lines and words; a word goes to the cell of its first glyph (a heading centred
    over a merged cell stays whole), and a cell's lines are joined by line breaks.
    """
    import pypdfium2.raw as raw

    textpage = document[page.number - 1].get_textpage()
    chars = [
        (textpage.get_text_range(index, 1), round(raw.FPDFText_GetCharAngle(textpage, index), 2), index)
        for index in range(textpage.count_chars())
    ]
    angles = Counter(angle for char, angle, _ in chars if char.strip())
    upright = angles.most_common(1)[0][0] if angles else 0.0
    glyphs = [
        (char, page.display_box(tuple(textpage.get_charbox(index))))
        for char, angle, index in chars
        if char.strip() and angle in (upright, -1.0)
    ]
    grid: list[list[list[tuple[int, str]]]] = [[[] for _ in row] for row in table.boxes]
    for number, line in enumerate(_lines(glyphs)):
        for word in _words(line):
            left, bottom, right, top = word[0][1]
            found = _cell_at(table, (left + right) / 2, (bottom + top) / 2)
            if found:
                grid[found[0]][found[1]].append((number, "".join(char for char, _ in word)))
    return [["\n".join(_cell_lines(words)) for words in row] for row in grid]


Glyph = tuple[str, tuple[float, float, float, float]]


def _lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into printed lines (top first), each read left to right: a glyph whose
    middle lies within a line's height belongs to it (a comma sits low, but on its line)."""
    lines: list[tuple[float, float, list[Glyph]]] = []  # (bottom, top, glyphs) of each line
    for glyph in sorted(glyphs, key=lambda g: -g[1][3]):
        bottom, top = glyph[1][1], glyph[1][3]
        if lines:
            line_bottom, line_top, members = lines[-1]
            height = line_top - line_bottom
            if line_bottom - 0.25 * height <= (bottom + top) / 2 <= line_top:
                members.append(glyph)
                if top - bottom > height / 2:  # a full-height glyph extends the line
                    lines[-1] = (min(line_bottom, bottom), line_top, members)
                continue
        lines.append((bottom, top, [glyph]))
    return [sorted(members, key=lambda g: g[1][0]) for _, _, members in lines]


_FIGURE_CHARS = frozenset("0123456789,.-%")


def _words(line: list[Glyph]) -> list[list[Glyph]]:
    """A line split where the gap between glyphs is wider than most of a glyph of the line, or
    where a figure meets a word (27,664.22二、外交支出: two cells with no space between)."""
    height = max((g[1][3] - g[1][1] for g in line), default=1.0) or 1.0
    words: list[list[Glyph]] = []
    for glyph in line:
        if words:
            previous = words[-1][-1]
            close = glyph[1][0] - previous[1][2] <= 0.8 * height
            same_kind = (glyph[0] in _FIGURE_CHARS) == (previous[0] in _FIGURE_CHARS)
            if close and same_kind:
                words[-1].append(glyph)
                continue
        words.append([glyph])
    return words


def _cell_lines(words: list[tuple[int, str]]) -> list[str]:
    """The words of one cell as printed lines (top first; words of a line joined by a space)."""
    lines: dict[int, list[str]] = {}
    for number, text in words:
        lines.setdefault(number, []).append(text)
    return [" ".join(texts) for _, texts in sorted(lines.items())]


def trusted_cells(camelot: list[list[str]], glyphs: list[list[str]], agreement: float = 0.8) -> list[list[str]]:
    """camelot's cell texts where its figures stand in the cells where the glyphs put them, else
    the glyphs'. camelot keeps a merged heading and a wrapped label in one cell, so it is
    preferred when its figures are right; on some rotated pages it shifts text a column over.

    >>> trusted_cells([["合计", "1.00"]], [["合计", "1.00"]])
    [['合计', '1.00']]
    >>> trusted_cells([["1.00", ""]], [["合计", "1.00"]])
    [['合计', '1.00']]
    """

    def figure(text: str) -> str:
        squeezed = compact(text)
        return squeezed if looks_like_amount(squeezed) else ""

    pairs = [
        (figure(a), figure(b))
        for row_a, row_b in zip(camelot, glyphs, strict=False)
        for a, b in zip(row_a, row_b, strict=False)
    ]
    compared = [(a, b) for a, b in pairs if a or b]
    if not compared or sum(a == b for a, b in compared) / len(compared) >= agreement:
        return camelot
    return [_heading_row(row_c, row_g) for row_c, row_g in zip(camelot, glyphs, strict=False)] + glyphs[len(camelot) :]


def _heading_row(camelot: list[str], glyphs: list[str]) -> list[str]:
    """A row of headings as camelot places it (a heading centred over a merged cell goes to the
    span's first cell) when it holds the same words in no fewer cells; else the glyphs' row."""
    if any(looks_like_amount(cell) for cell in (*camelot, *glyphs) if cell.strip()):
        return glyphs
    words = sorted(word for cell in camelot for word in cell.split())
    same_words = words == sorted(word for cell in glyphs for word in cell.split())
    filled = sum(1 for cell in camelot if cell.strip()) >= sum(1 for cell in glyphs if cell.strip())
    return camelot if same_words and filled else glyphs
