"""What each page says outside camelot: its text lines, where the titles sit, rotated strings
(watermarks) and fonts whose metrics deceive camelot."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kanshousuo.errors import DisclosureError
from kanshousuo.sources.pdf.fonts import zero_metric_fonts
from kanshousuo.text.numbers import looks_like_amount
from kanshousuo.text.patterns import CN_NUMERAL, compact
from kanshousuo.text.titles import match_table_title

# a line that names a table we do not know: it ends a continued table instead of joining it
_OTHER_TABLE_TITLE = re.compile(
    r"^(?:表|公开)?.{0,30}?(?:预算|支出|收入|经费|采购).{0,12}表(?:[（(][^）)]{1,8}[）)])?$"
)

_PART_HEADING = re.compile(rf"^第{CN_NUMERAL}部分")


@dataclass(frozen=True)
class PrintedTitle:
    """A table title printed on a page: its text (a wrapped title joined), where its top is in
    camelot's space (the page as displayed), and its catalog id (None: a table the catalog lacks)."""

    text: str
    top: float | None  # None where pdfium could not find the line on the page
    table_id: str | None


@dataclass
class PageText:
    """What one page says outside camelot: its text lines, titles, rotated strings and font trouble."""

    number: int
    lines: list[str]
    titles: list[PrintedTitle] = field(default_factory=list)
    oblique: list[str] = field(default_factory=list)  # text drawn at another angle than the page's text
    watermarks: set[str] = field(default_factory=set)  # oblique strings proven to be a watermark
    zero_metric_fonts: set[str] = field(default_factory=set)
    rotation: int = 0
    size: tuple[float, float] = (0.0, 0.0)  # the page's own width and height (before /Rotate)

    def display_box(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box from pdfium (page space) in the page's displayed orientation, which is the
        space camelot reports tables in (A3 pages printed landscape carry /Rotate 90)."""
        left, bottom, right, top = box
        width, height = self.size
        if self.rotation == 90:
            return (bottom, width - right, top, width - left)
        if self.rotation == 180:
            return (width - right, height - top, width - left, height - bottom)
        if self.rotation == 270:
            return (height - top, left, height - bottom, right)
        return box


def _object_text(obj, textpage) -> str:
    """The text of one pdfium text object (UTF-16 from the C API)."""
    import ctypes

    import pypdfium2.raw as raw

    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
    return bytes(buffer)[: max(size - 2, 0)].decode("utf-16-le", errors="replace").strip()


def is_other_table_title(line: str, unit_name: str | None = None) -> bool:
    """A line that names a table the catalog lacks (not a part heading such as 第二部分 …预算表)."""
    squeezed = compact(line)
    return (
        len(squeezed) <= 40
        and bool(_OTHER_TABLE_TITLE.match(squeezed))
        and not _PART_HEADING.match(squeezed)
        and not match_table_title(line, unit_name)
    )


def titles_in(lines: list[str], unit_name: str | None) -> list[tuple[int, str, str | None]]:
    """(index of its first line, text, catalog id or None) of each title among a page's lines.

    A title wrapped onto two lines (…会议费、培训费支出预算 / 表) is joined, when the second line
    is no title of its own.

    >>> titles_in(["十一、一般公共预算“三公”经费、会议费、培训费支出预算", "表", "单位：万元"], None)
    [(0, '十一、一般公共预算“三公”经费、会议费、培训费支出预算表', 'three_public')]
    """
    found: list[tuple[int, str, str | None]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        table_id = match_table_title(line, unit_name)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if table_id:
            found.append((index, line, table_id))
        elif following and len(line) <= 40 and not match_table_title(following, unit_name):
            joined = match_table_title(line + following, unit_name)
            if joined:
                found.append((index, line + following, joined))
                index += 2
                continue
        if not table_id and is_other_table_title(line, unit_name):
            found.append((index, line, None))
        index += 1
    return found


def _oblique_strings(pdf_page, textpage, raw) -> list[str]:
    """The strings of the text objects drawn at another angle than most of the page's text (on a
    page with /Rotate all text is turned, and that is the page's own angle, not a watermark)."""
    objects = []
    for obj in pdf_page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=2):
        matrix = obj.get_matrix()
        angle = round(math.degrees(math.atan2(matrix.b, matrix.a))) % 360
        text = _object_text(obj, textpage)
        if text:
            objects.append((angle, text))
    weights = Counter()
    for angle, text in objects:
        weights[angle] += len(text)
    upright = weights.most_common(1)[0][0] if weights else 0
    return [text for angle, text in objects if min(abs(angle - upright), 360 - abs(angle - upright)) > 5]


def find_watermarks(pages: list[PageText]) -> set[str]:
    """Oblique strings stamped on more than one page (仅供内部审核): a watermark is proven by its
    repetition, so an oblique word printed once (a slanted heading, prose in an italic font) is
    never removed from a cell. A figure is never a watermark."""
    seen = Counter(text for page in pages for text in set(page.oblique))
    return {text for text, count in seen.items() if count >= 2 and not looks_like_amount(text)}


def _page_lines(textpage) -> list[str]:
    text = textpage.get_text_range()
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def page_texts(document, path: Path, unit_name_of=None) -> list[PageText]:
    """Text lines, titles with their positions and rotated text of every page (pdfium, the open
    `document`); font trouble (playa). `unit_name_of(pages)` names the document's unit from the
    pages' lines (titles may print it) before the titles are matched."""
    import pypdfium2.raw as raw

    pdf_pages = [document[index] for index in range(len(document))]
    textpages = [pdf_page.get_textpage() for pdf_page in pdf_pages]  # a text object's text needs its own page
    pages = [PageText(number=index + 1, lines=_page_lines(tp)) for index, tp in enumerate(textpages)]
    if not any(page.lines for page in pages):
        raise DisclosureError(f"{path.name}: no text layer; OCR is not supported (the PDF looks like a scan)")
    unit_name = unit_name_of(pages) if unit_name_of else None
    for page, pdf_page, textpage in zip(pages, pdf_pages, textpages, strict=True):
        left, bottom, right, top = pdf_page.get_mediabox()
        page.rotation, page.size = pdf_page.get_rotation() % 360, (right - left, top - bottom)
        for index, text, table_id in titles_in(page.lines, unit_name):
            found = textpage.search(page.lines[index]).get_next()
            top = page.display_box(tuple(textpage.get_charbox(found[0])))[3] if found else None
            page.titles.append(PrintedTitle(text, top, table_id))
        page.oblique = _oblique_strings(pdf_page, textpage, raw)
    watermarks = find_watermarks(pages)
    for page in pages:
        page.watermarks = watermarks & set(page.oblique)
    for page, fonts in zip(pages, zero_metric_fonts(path), strict=False):
        page.zero_metric_fonts = fonts
    return pages
