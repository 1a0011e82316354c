"""PDF disclosures (camelot-py): not implemented yet; see the PDF reader issue."""

from pathlib import Path

from kanshousuo.errors import DisclosureError


def read_pdf_disclosure(path: Path):
    """Refuse clearly until the PDF reader exists."""
    raise DisclosureError(f"{path.name}: reading PDF disclosures is not supported yet; use a text disclosure")
