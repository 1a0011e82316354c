"""Fonts whose descriptor gives zero ascent and descent (camelot places their text a row low)."""

from __future__ import annotations

from pathlib import Path

from kanshousuo.errors import DisclosureError


def zero_metric_fonts(path: Path) -> list[set[str]]:
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
