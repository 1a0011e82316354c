"""The explanatory part (3) read section by section: per printed line, or joined across line breaks."""

from __future__ import annotations

import re

from kanshousuo.document import Location
from kanshousuo.sources.blocks import TextLine
from kanshousuo.text.labels import normalize_name


def part3_sections(doc) -> list[tuple[str, list[TextLine]]]:
    """(section heading, its printed lines) for each section of the explanatory part (3)."""
    part3 = doc.sections[doc.sections["part"] == 3]
    return [(section.heading, list(section.text_lines)) for section in part3.itertuples()]


def section_lines(doc) -> list[tuple[TextLine, str]]:
    """(printed line, section heading) for the explanatory part (part 3)."""
    return [(line, heading) for heading, lines in part3_sections(doc) for line in lines]


def claim_location(line: TextLine, heading: str) -> Location:
    """The structured location of a claim printed on `line` of the section `heading`."""
    return Location(line=line.line, page=line.page, section=heading)


def joined_sections(doc) -> list[tuple[str, str, list[tuple[int, TextLine]]]]:
    """(section heading, its lines joined, [(offset, printed line) per line]) for part 3.

    A PDF breaks a sentence over lines (津贴补 / 贴): a listing is read from the joined text and
    cited at the line where its match starts.
    """
    joined = []
    for heading, lines in part3_sections(doc):
        offsets, offset = [], 0
        for line in lines:
            offsets.append((offset, line))
            offset += len(line.text)
        joined.append((heading, "".join(line.text for line in lines), offsets))
    return joined


def line_at(offsets: list[tuple[int, TextLine]], position: int) -> TextLine:
    """The printed line on which a position of the joined text lies."""
    return [line for start, line in offsets if start <= position][-1]


def listed_names(listing: str) -> list[str]:
    """The item names after 主要包括：, normalised (办公费、水费…等 -> ['办公费', '水费', …])."""
    names = (
        normalize_name(name.strip().removesuffix("等"), "economic")
        for name in re.split(r"[、，,]", listing.rstrip("等"))
    )
    return [name for name in names if name]
