"""What each page says outside camelot: its text lines, where the titles sit, rotated strings
(watermarks) and fonts whose metrics deceive camelot."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kanshousuo.errors import DisclosureError
from kanshousuo.sources.pdf.fonts import zero_metric_fonts
from kanshousuo.text.patterns import CN_NUMERAL
from kanshousuo.text.titles import match_table_title

# a line that names a table we do not know: it ends a continued table instead of joining it
_OTHER_TABLE_TITLE = re.compile(
    r"^(?:表|公开)?.{0,30}?(?:预算|支出|收入|经费|采购).{0,12}表(?:[（(][^）)]{1,8}[）)])?$"
)

_PART_HEADING = re.compile(rf"^第{CN_NUMERAL}部分")


@dataclass
class PageText:
    """What one page says outside camelot: its text lines, rotated strings and font trouble."""

    number: int
    lines: list[str]
    title_tops: dict[str, float] = field(default_factory=dict)
    rotated: set[str] = field(default_factory=set)
    zero_metric_fonts: set[str] = field(default_factory=set)


def _object_text(obj, textpage) -> str:
    """The text of one pdfium text object (UTF-16 from the C API)."""
    import ctypes

    import pypdfium2.raw as raw

    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
    return bytes(buffer)[: max(size - 2, 0)].decode("utf-16-le", errors="replace").strip()


def is_other_table_title(line: str) -> bool:
    """A line that names a table the catalog lacks (not a part heading such as 第二部分 …预算表)."""
    compact = re.sub(r"\s+", "", line)
    return (
        bool(_OTHER_TABLE_TITLE.match(compact))
        and not _PART_HEADING.match(compact)
        and not match_table_title(line)
        and len(compact) <= 40
    )


def page_texts(document, path: Path) -> list[PageText]:
    """Text lines, title positions and rotated text of every page (pdfium, the open `document`);
    font trouble (playa)."""
    import pypdfium2.raw as raw

    pages: list[PageText] = []
    for index in range(len(document)):
        pdf_page = document[index]
        textpage = pdf_page.get_textpage()
        text = textpage.get_text_range()
        lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        page = PageText(number=index + 1, lines=lines)
        for line in lines:
            if match_table_title(line) or is_other_table_title(line):
                searcher = textpage.search(line)
                found = searcher.get_next()
                if found:
                    page.title_tops[line] = textpage.get_charbox(found[0])[3]
        for obj in pdf_page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=2):
            matrix = obj.get_matrix()
            if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6:
                page.rotated.add(_object_text(obj, textpage))
        page.rotated.discard("")
        pages.append(page)
    if not any(page.lines for page in pages):
        raise DisclosureError(f"{path.name}: no text layer; OCR is not supported (the PDF looks like a scan)")
    for page, fonts in zip(pages, zero_metric_fonts(path), strict=False):
        page.zero_metric_fonts = fonts
    return pages
