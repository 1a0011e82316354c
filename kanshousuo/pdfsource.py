"""Read a disclosure published as PDF into the same raw blocks as a text disclosure.

camelot-py (2.x, ``flavor="lattice"``, ``engine="vector"``) finds the ruled tables and their
cells; pypdfium2 gives each page's text (titles, units, prose) and where a title sits; playa,
which camelot reads the PDF with, tells which text is rotated (a watermark) and which fonts
carry no ascent/descent. The result is a `TextSource` whose rows carry their page, so the rest
of the chain (`kanshousuo.tables`, the tidy amounts, the audit) does not know the difference.

camelot's pass is the slow part; it runs in a forked child process while this one reads the
page texts and builds the validation schema (`kanshousuo.background`), so a PDF is read in
little more than camelot's own time (`benchmarks/bench_pdf.py`).

Where the PDF's layout deceives camelot we correct it here and say so in the warnings:

- rotated text (a diagonal watermark such as 仅供内部审核) is removed from every cell;
- a font whose descriptor gives zero Ascent and Descent (LibreOffice writes CFF/OTF CJK fonts
  so) makes playa size its glyphs from the font's bounding box, so text may be placed a row
  low; on such pages the cells are refilled from pdfium's glyph boxes, which come from the
  glyph outlines and not from the descriptor.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from kanshousuo.amounts import unit_from_header
from kanshousuo.background import in_background
from kanshousuo.catalog import match_table_title, title_key
from kanshousuo.errors import DisclosureError
from kanshousuo.fields import amounts_schema
from kanshousuo.textsource import EMPTY_NOTE, Row, TableBlock, TextSource, cut_text, read_source_bytes

_UNIT_NAME = re.compile(r"(?:单位名称|部门名称|编制单位|预算单位)\s*[:：]\s*(\S+)")
# a line that names a table we do not know: it ends a continued table instead of joining it
_OTHER_TABLE_TITLE = re.compile(
    r"^(?:表|公开)?.{0,30}?(?:预算|支出|收入|经费|采购).{0,12}表(?:[（(][^）)]{1,8}[）)])?$"
)
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
CAMELOT_OPTIONS = {"flavor": "lattice", "engine": "vector", "split_text": True}


@dataclass
class PageText:
    """What one page says outside camelot: its text lines, rotated strings and font trouble."""

    number: int
    lines: list[str]
    title_tops: dict[str, float] = field(default_factory=dict)
    rotated: set[str] = field(default_factory=set)
    zero_metric_fonts: set[str] = field(default_factory=set)


def _check_pdf_file(path: Path) -> bytes:
    data = read_source_bytes(path)
    if not data.lstrip().startswith(b"%PDF"):
        raise DisclosureError(f"{path.name}: not a PDF file (it does not start with %PDF)")
    return data


def _open_pdfium(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise DisclosureError(
                f"{path.name}: the PDF is encrypted (password protected); it cannot be read"
            ) from None
        raise DisclosureError(f"{path.name}: the PDF is damaged and cannot be opened ({error})") from None


def _object_text(obj, textpage) -> str:
    """The text of one pdfium text object (UTF-16 from the C API)."""
    import ctypes

    import pypdfium2.raw as raw

    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
    return bytes(buffer)[: max(size - 2, 0)].decode("utf-16-le", errors="replace").strip()


def _page_texts(document, path: Path) -> list[PageText]:
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
            if match_table_title(line) or _is_other_table_title(line):
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
    for page, fonts in zip(pages, _zero_metric_fonts(path), strict=False):
        page.zero_metric_fonts = fonts
    return pages


def _zero_metric_fonts(path: Path) -> list[set[str]]:
    """Per page, the fonts whose descriptor gives Ascent 0 and Descent 0 (read from the page's
    font resources, without parsing its content)."""
    import playa
    from playa.pdftypes import resolve1

    found: list[set[str]] = []
    try:
        with playa.open(path) as pdf:
            for page in pdf.pages:
                names: set[str] = set()
                for ref in (resolve1(page.resources.get("Font")) or {}).values():
                    font = resolve1(ref) or {}
                    descriptor = font.get("FontDescriptor")
                    if descriptor is None and "DescendantFonts" in font:
                        descriptor = (resolve1(resolve1(font["DescendantFonts"])[0]) or {}).get("FontDescriptor")
                    descriptor = resolve1(descriptor) or {}
                    if descriptor.get("Ascent", 1) == 0 and descriptor.get("Descent", 1) == 0:
                        names.add(str(font.get("BaseFont", "?")).strip("/'"))
                found.append(names)
    except Exception as error:  # playa raises many kinds on broken files
        raise DisclosureError(f"{path.name}: the PDF cannot be parsed ({type(error).__name__}: {error})") from None
    return found


@dataclass(frozen=True)
class RuledTable:
    """What the reader keeps of one camelot table: where it is, its cell texts and cell boxes.

    Plain data, so that camelot can run in a child process and send its tables back.
    """

    page: int
    top: float
    texts: list[list[str]]
    boxes: list[list[tuple[float, float, float, float]]]  # (x1, y1, x2, y2) per cell


def _read_tables(path: Path) -> tuple[list[RuledTable], list[str]]:
    """camelot's tables, and its warnings (an image-based page…) as notes for the reader."""
    import camelot

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = camelot.read_pdf(str(path), pages="all", **CAMELOT_OPTIONS)
    except Exception as error:  # camelot wraps parser errors in many types
        raise DisclosureError(
            f"{path.name}: camelot could not read the tables ({type(error).__name__}: {error})"
        ) from None
    tables = [
        RuledTable(
            page=int(table.page),
            top=float(table._bbox[3]),
            texts=[[str(text) for text in row] for row in table.df.values.tolist()],
            boxes=[[(cell.x1, cell.y1, cell.x2, cell.y2) for cell in row] for row in table.cells],
        )
        for table in found
    ]
    return tables, [f"camelot: {warning.message}" for warning in caught]


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


def _glyph_cells(document, page_number: int, table: RuledTable) -> list[list[str]]:
    """Refill a table's cells from pdfium's glyph boxes (used when font metrics are zero)."""
    import pypdfium2.raw as raw

    textpage = document[page_number - 1].get_textpage()
    grid = [["" for _ in row] for row in table.boxes]
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if not char.strip() or raw.FPDFText_GetCharAngle(textpage, index) not in (0.0, -1.0):
            continue  # generated spaces and rotated (watermark) glyphs
        left, bottom, right, top = textpage.get_charbox(index)
        found = _cell_at(table, (left + right) / 2, (bottom + top) / 2)
        if found:
            grid[found[0]][found[1]] += char
    return grid


def _unit_and_name(lines: list[str]) -> tuple[str | None, str | None]:
    unit = name = None
    for line in lines:
        unit = unit or unit_from_header(line)
        found = _UNIT_NAME.search(line)
        if found and not name:
            name = re.split(r"\s|单位[:：]", found.group(1))[0]
    return unit, name


def _is_other_table_title(line: str) -> bool:
    """A line that names a table the catalog lacks (not a part heading such as 第二部分 …预算表)."""
    compact = re.sub(r"\s+", "", line)
    return (
        bool(_OTHER_TABLE_TITLE.match(compact))
        and not _PART_HEADING.match(compact)
        and not match_table_title(line)
        and len(compact) <= 40
    )


def _place_tables(pages: list[PageText], found: list[RuledTable], notes: list[str], document) -> list[TableBlock]:
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
            if _is_other_table_title(line):
                notes.append(f"page {page.number}: table {line!r} is not in the catalog (tables.csv); skipped")
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
                block = TableBlock(table_id, title, page.number, unit=unit, unit_name=name, page=page.number)
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
                cells = _glyph_cells(document, page.number, table)
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


def cut_pdf(path: Path) -> TextSource:
    """Locate the tables of a PDF by their titles and cut it like a text disclosure."""
    data = _check_pdf_file(path)
    document = _open_pdfium(path)  # an encrypted or damaged file stops here, before camelot starts
    try:
        with in_background(_read_tables, path, what=f"reading the tables of {path.name} (camelot)") as camelot_pass:
            pages = _page_texts(document, path)
            if camelot_pass.forked:
                amounts_schema()  # pandera's import (~0.2 s), needed to write the tables, while camelot works
            found, notes = camelot_pass.result()
        blocks = _place_tables(pages, found, notes, document)
    finally:
        document.close()
    text = "\n".join(line for page in pages for line in page.lines)
    prose = cut_text(text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding="pdf")
    line_pages = [page.number for page in pages for _ in page.lines]
    for section in prose.sections:
        section.line = line_pages[section.line - 1]
        section.text_lines = [(line_pages[n - 1], t) for n, t in section.text_lines]
        section.place = "page"
    watermarks = sorted({s for page in pages for s in page.rotated})
    zero_metric = sorted({f for page in pages for f in page.zero_metric_fonts})
    if zero_metric:
        notes.append("fonts with zero ascent/descent (" + ", ".join(zero_metric) + "): cells refilled from glyph boxes")
    return TextSource(
        path=path,
        sha256=prose.sha256,
        encoding="pdf",
        lines=[line for page in pages for line in page.lines],
        tables=blocks,
        targets=[],
        sections=prose.sections,
        watermarks=watermarks,
        title_lines=[block.title for block in blocks],
        notes=notes,
        page_count=len(pages),
    )


def _titled_pages(path: Path) -> list[PageText]:
    document = _open_pdfium(path)
    try:
        return _page_texts(document, path)
    finally:
        document.close()


def title_keys_on_pages(path: Path) -> list[tuple[int, str, str, str | None]]:
    """Every line of a PDF that looks like a table title, with its catalog key and match.

    This is what a newcomer runs when a table is not recognised: the key printed here is the
    value to add (with its table id) to `package_data/tables.csv`.
    """
    return [
        (page.number, line, title_key(line), match_table_title(line))
        for page in _titled_pages(path)
        for line in page.lines
        if match_table_title(line) or _is_other_table_title(line)
    ]


def read_pdf_source(path: Path) -> TextSource:
    """Read a PDF disclosure; bad input raises DisclosureError with one clear line."""
    source = cut_pdf(path)
    if not source.tables:
        raise DisclosureError(f"{path.name}: no standard budget table was recognised in the PDF")
    return source
