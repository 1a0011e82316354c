"""The explanatory text as statements: each section's printed lines joined, normalised, and cut
where a new statement starts, with every character traceable to its printed line or page.

A text disclosure prints a paragraph per line; a PDF breaks a paragraph over lines and prints a
numbered statement (1、 / （一） / 1.) on a new line. So PDF lines are joined without a break,
except before a numbered statement, and a paragraph that ends in ':' or ';' continues its listing
into the next. Spaces the PDF put between Chinese characters and figures (17981.68 万 元 , 占) are
removed, so the patterns see the text as it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kanshousuo.catalog.claims import claim_pattern
from kanshousuo.sources.blocks import TextLine
from kanshousuo.text.labels import normalize_name

_SPACE = re.compile(r"\s{1,40}(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s{1,40}|(?<=\d)\s{1,4}(?=%)")


def normalize(text: str) -> str:
    """Remove the spaces a PDF put between Chinese characters, figures and units.

    >>> normalize("一 般 公 共 预 算 收 入 17981.68 万 元 , 占 99.92 %")
    '一般公共预算收入17981.68万元,占99.92%'
    >>> normalize("比 2016 年增加 3401.59 万元")
    '比2016年增加3401.59万元'
    """
    return _SPACE.sub("", text)


@dataclass
class Statement:
    """One statement of a section: its text and, per character run, the printed line it is on."""

    section: str
    number: int
    text: str
    spans: list[tuple[int, TextLine]]  # (offset where a printed line starts, that line)
    enumerator: str | None  # the style of the number it opens with (一、 / (一) / 1. / (1)), if any

    def line_at(self, offset: int) -> TextLine:
        """The printed line a character of the statement lies on."""
        found = self.spans[0][1]
        for start, line in self.spans:
            if start > offset:
                break
            found = line
        return found

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence (between 。) a character lies in, as (start, end) offsets."""
        start = self.text.rfind("。", 0, offset) + 1
        end = self.text.find("。", offset)
        return start, len(self.text) if end < 0 else end + 1


def enumerator_style(text: str) -> str | None:
    """The style of the number a statement opens with, or None.

    >>> [enumerator_style(t) for t in ("一、单位", "(一)因公", "1.公共", "(1)公务", "公共")]
    ['cn', 'cn_paren', 'arabic', 'arabic_paren', None]
    """
    match = claim_pattern("enumerator").match(text)
    if not match:
        return None
    token = match.group(0)
    if token.startswith("("):
        return "arabic_paren" if token[1].isdigit() else "cn_paren"
    return "arabic" if token[0].isdigit() else "cn"


def statements(section: str, lines: list[TextLine], kind: str) -> list[Statement]:
    """The statements of one section's printed lines (`kind`: the source's, text or pdf)."""
    paragraphs: list[list[TextLine]] = []
    for line in lines:
        text = normalize(line.text)
        if not text:
            continue
        starts_new = kind == "text" or enumerator_style(text) is not None
        if paragraphs and not starts_new:
            paragraphs[-1].append(TextLine(line.line, line.page, text))
        elif (
            paragraphs
            and kind == "text"
            and paragraphs[-1][-1].text.endswith((":", ";"))
            and not enumerator_style(text)
        ):
            paragraphs[-1].append(TextLine(line.line, line.page, text))
        else:
            paragraphs.append([TextLine(line.line, line.page, text)])
    out = []
    for number, paragraph in enumerate(paragraphs):
        spans, offset = [], 0
        for line in paragraph:
            spans.append((offset, line))
            offset += len(line.text)
        text = "".join(line.text for line in paragraph)
        out.append(Statement(section, number, text, spans, enumerator_style(text)))
    return out


def listed_names(listing: str) -> list[str]:
    """The item names after 主要包括：, normalised (办公费、水费…等 -> ['办公费', '水费', …]).

    >>> listed_names("办公费、维修（护）费、其他交通费等")
    ['办公费', '维修(护)费', '其他交通费用']
    """
    names = (
        normalize_name(name.strip().removesuffix("等"), "economic")
        for name in re.split(r"[、，,]", listing.rstrip("等"))
    )
    return [name for name in names if name]
