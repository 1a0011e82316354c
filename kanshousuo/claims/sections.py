"""The explanatory part (3) read section by section: per printed line, or joined across line breaks."""

from __future__ import annotations

import re

from kanshousuo.text.labels import normalize_name


def part3_sections(doc) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section heading, [(where, line text), …]) for each section of the explanatory part (3)."""
    part3 = doc.sections[doc.sections["part"] == 3]
    return [
        (
            section.heading,
            [(where, text) for where, text in zip(section.text_where, section.text.split("\n"), strict=False)],
        )
        for section in part3.itertuples()
    ]


def section_lines(doc) -> list[tuple[str, str, str]]:
    """(where, section heading, sentence text) for the explanatory part (part 3)."""
    return [(where, heading, text) for heading, lines in part3_sections(doc) for where, text in lines]


def joined_sections(doc) -> list[tuple[str, str, list[tuple[int, str]]]]:
    """(section heading, its lines joined, [(offset, where) per line]) for part 3.

    A PDF breaks a sentence over lines (津贴补 / 贴): a listing is read from the joined text and
    cited at the line where its match starts.
    """
    joined = []
    for heading, lines in part3_sections(doc):
        offsets, offset = [], 0
        for where, text in lines:
            offsets.append((offset, where))
            offset += len(text)
        joined.append((heading, "".join(text for _, text in lines), offsets))
    return joined


def where_in(offsets: list[tuple[int, str]], position: int) -> str:
    return [where for start, where in offsets if start <= position][-1]


def listed_names(listing: str) -> list[str]:
    """The item names after 主要包括：, normalised (办公费、水费…等 -> ['办公费', '水费', …])."""
    names = (
        normalize_name(name.strip().removesuffix("等"), "economic")
        for name in re.split(r"[、，,]", listing.rstrip("等"))
    )
    return [name for name in names if name]
