"""Read a disclosure published as PDF into the same raw blocks as a text disclosure.

camelot-py (2.x, ``flavor="lattice"``, ``engine="vector"``) finds the ruled tables and their
cells; pypdfium2 gives each page's text (titles, units, prose) and where a title sits; playa,
which camelot reads the PDF with, tells which fonts
carry no ascent/descent. The result is a `RawSource` whose rows carry their page, so the rest
of the chain (`kanshousuo.tables`, the tidy amounts, the audit) does not know the difference.

camelot's pass is the slow part; it runs in a forked child process while this one reads the
page texts (`kanshousuo.sources.background`), so a PDF is read in
little more than camelot's own time (`benchmarks/bench_pdf.py`).

Where the PDF's layout deceives camelot we correct it here and say so in the warnings:

- a string drawn oblique on several pages (a diagonal watermark such as 仅供内部审核) is removed
  from every cell; an oblique word printed once is not a watermark and stays;
- on pages with /Rotate camelot's grid is right but it may place text in the wrong cells: where
  its texts disagree with pdfium's glyph boxes, the cells are refilled from the glyphs;
- a font whose descriptor gives zero Ascent and Descent (LibreOffice writes CFF/OTF CJK fonts
  so) makes playa size its glyphs from the font's bounding box, so text may be placed a row
  low; on such pages the cells are refilled from pdfium's glyph boxes, which come from the
  glyph outlines and not from the descriptor."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from kanshousuo.sources.background import in_background
from kanshousuo.sources.blocks import RawSource
from kanshousuo.sources.identity import unit_name
from kanshousuo.sources.pdf.document import check_pdf_file, open_pdfium
from kanshousuo.sources.pdf.pages import PageText, page_texts
from kanshousuo.sources.pdf.placement import place_tables
from kanshousuo.sources.pdf.ruled import read_tables
from kanshousuo.text.titles import title_key

# the PDF libraries log each damaged operator of a content stream (hundreds of lines on a
# corrupt file); what matters reaches the user as our warnings and errors instead
for _library in ("pdfminer", "playa", "camelot", "pypdf", "pypdfium2"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
    logging.getLogger(_library).propagate = False


def cut_pdf(path: Path) -> RawSource:
    """Locate the tables of a PDF by their titles and cut it like a text disclosure."""
    data = check_pdf_file(path)
    document = open_pdfium(path)  # an encrypted or damaged file stops here, before camelot starts
    try:
        with in_background(read_tables, path, what=f"reading the tables of {path.name} (camelot)") as camelot_pass:
            pages = page_texts(document, path, _unit_name_of)
            found, notes = camelot_pass.result()
        blocks = place_tables(pages, found, notes, document)
    finally:
        document.close()
    cover, unit = pages[0].lines, _unit_name_of(pages)
    watermarks = sorted({s for page in pages for s in page.watermarks})
    zero_metric = sorted({f for page in pages for f in page.zero_metric_fonts})
    if zero_metric:
        notes.append("fonts with zero ascent/descent (" + ", ".join(zero_metric) + "): cells refilled from glyph boxes")
    return RawSource(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        kind="pdf",
        encoding=None,
        lines=[line for page in pages for line in page.lines],
        tables=blocks,
        targets=[],
        watermarks=watermarks,
        title_lines=[block.title for block in blocks],
        notes=notes,
        page_count=len(pages),
        cover=cover,
        unit_name=unit,
        line_pages=[page.number for page in pages for _ in page.lines],
    )


def _unit_name_of(pages: list[PageText]) -> str | None:
    return unit_name(pages[0].lines, [line for page in pages for line in page.lines])


def _titled_pages(path: Path) -> list[PageText]:
    document = open_pdfium(path)
    try:
        return page_texts(document, path, _unit_name_of)
    finally:
        document.close()


def title_keys_on_pages(path: Path) -> list[tuple[int, str, str, str | None]]:
    """Every line of a PDF that looks like a table title, with its catalog key and match.

    This is what a newcomer runs when a table is not recognised: the key printed here is the
    value to add (with its table id) to `package_data/table_titles.csv`.
    """
    return [
        (page.number, title.text, title_key(title.text), title.table_id)
        for page in _titled_pages(path)
        for title in page.titles
    ]


def read_pdf_source(path: Path) -> RawSource:
    """Read a PDF disclosure; bad input raises DisclosureError with one clear line (a PDF with
    no table is a source too: it may be the text volume of a disclosure)."""
    return cut_pdf(path)
