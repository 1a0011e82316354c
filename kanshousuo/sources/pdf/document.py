"""Open a PDF once with pdfium; a file that is not a PDF, encrypted or damaged is one clear error."""

from __future__ import annotations

from pathlib import Path

from kanshousuo.errors import DisclosureError
from kanshousuo.sources.files import read_source_bytes


def check_pdf_file(path: Path) -> bytes:
    data = read_source_bytes(path)
    if not data.lstrip().startswith(b"%PDF"):
        raise DisclosureError(f"{path.name}: not a PDF file (it does not start with %PDF)")
    return data


def open_pdfium(path: Path):
    """The open document, every page of it loadable (a damaged page tree, cyclic or cut, fails
    here rather than halfway through reading, and before camelot starts)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise DisclosureError(
                f"{path.name}: the PDF is encrypted (password protected); it cannot be read"
            ) from None
        raise DisclosureError(f"{path.name}: the PDF is damaged and cannot be opened ({error})") from None
    for index in range(len(document)):
        try:
            document[index].close()
        except pdfium.PdfiumError:
            document.close()
            raise DisclosureError(f"{path.name}: the PDF is damaged: page {index + 1} cannot be loaded") from None
    return document
