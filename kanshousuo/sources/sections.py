"""The parts and sections of a disclosure of any template, found from its printed lines.

Works from `RawSource.lines` and their positions (a text line number, or the PDF page of each
line), after the table reader has taken what it needs, so that both readers give the same
sections:

- the contents page (目录) is read first: its entries are not headings, and the first entry printed
  again marks where the body starts;
- a part opens at 第X部分 (Shanxi, Jiangsu) or, in templates without parts, at a heading the
  catalog lists (`package_data/section_headings.csv`: Shanghai's 单位预算编制说明 / 其他相关情况说明,
  a Jiangsu text volume's 情况说明 …) and the contents page names; a table title opens the tables;
- a numbered section (一、…) opens inside a part; its text is every prose line up to the next
  heading (table and target-table rows, watermarks, page numbers and the contents are left out);
- a PDF prints a heading after text on the same line (…相关支出。 第二部分 …) or wraps a long
  heading (…培训费支出预算情 / 况说明): the line is split, or the two lines joined.

The part number says what a part is, whatever the template numbers it: 1 概况, 2 the tables,
3 the explanatory text (情况说明, 编制说明), 4 名词解释.
"""

from __future__ import annotations

import re
import unicodedata

from kanshousuo.catalog.sections import section_headings
from kanshousuo.sources.blocks import RawSource, Section, TextLine
from kanshousuo.text.numbers import chinese_numeral
from kanshousuo.text.patterns import CN_HEADING_NUMERAL, compact
from kanshousuo.text.titles import match_table_title

_CN = CN_HEADING_NUMERAL
_PART = re.compile(rf"^第({_CN})部分")
_NUMBERED = re.compile(rf"^({_CN})、")
_ENUMERATED = re.compile(rf"^(?:第{_CN}部分|{_CN}、|[(（]{_CN}[)）]|表{_CN}|\d{{1,2}}[.．、](?:(?!\d)|(?=20\d\d年)))")
_INLINE_HEADING = re.compile(rf"(?<=[。;；])\s{{1,4}}(?=第{_CN}部分|{_CN}、)")
_SENTENCE_MARK = re.compile(r"[,，。;；:：]")
_HEADING_END = re.compile(r"(说明|概况|情况|表|解释|目标|职能|职责|设置)$")
_HEADING_TAIL = re.compile(r"^(说明|情况说明|预算表|决算表|表)$")
_YEAR_LINE = re.compile(r"^\(?\d{4}年度?\)?$")
_CONTENTS = {"目录", "目錄"}
_TARGET_TITLE = "绩效目标表"
MAX_HEADING = 40


def entry_title(text: str) -> str:
    """A contents entry without its tab, leader dots and page number.

    >>> entry_title("五、一般公共预算支出情况说明.....\\t17"), entry_title("四、部门预算编制说明 ……………")
    ('五、一般公共预算支出情况说明', '四、部门预算编制说明')
    """
    text = compact(text)
    stripped = text.rstrip("0123456789")
    if len(text) - len(stripped) <= 3:
        text = stripped
    return text.rstrip(".…·。")


def _clean(line: str) -> str:
    return unicodedata.normalize("NFKC", line).strip()


def _positions(source: RawSource) -> list[tuple[int | None, int | None]]:
    """(line, page) of each raw line: the line number in a text, the page in a PDF."""
    if source.kind == "pdf" and source.line_pages is not None:
        return [(None, page) for page in source.line_pages]
    return [(number, None) for number in range(1, len(source.lines) + 1)]


def split_contents(source: RawSource) -> tuple[list[str], int]:
    """The contents entries and the index of the first raw line after the contents page.

    Entries follow the 目录 line: numbered or part headings, with or without leader dots and page
    numbers; a short line without a number finishes a wrapped entry. The contents ends at the
    first line that is not an entry, or at an entry printed a second time (the body's first
    heading).
    """
    lines = source.lines
    watermarks = set(source.watermarks)
    start = next((i for i, line in enumerate(lines[:400]) if compact(_clean(line)) in _CONTENTS), None)
    if start is None:
        return [], 0
    entries: list[str] = []
    index = start + 1
    while index < len(lines):
        text = _clean(lines[index])
        if not text or text in watermarks or text.isdigit():
            index += 1
            continue
        title = entry_title(text)
        if entries and not _ENUMERATED.match(text) and len(title) <= 8 and not re.search(r"\d", title):
            entries[-1] += title  # an entry wrapped onto a second line (…培训费支 / 出预算表)
        elif not _ENUMERATED.match(text) or title in entries or len(title) > 60:
            break
        else:
            entries.append(title)
        index += 1
    return entries, index


def prose_lines(source: RawSource, start: int = 0) -> list[TextLine]:
    """The printed lines a section can hold, from raw line `start` on, with their positions.

    Left out: blank lines, watermarks, page numbers, the rows of text tables (tab-separated),
    target-table titles and their year line. A PDF line holding text and then a heading is split.
    """
    watermarks = set(source.watermarks)
    positions = _positions(source)
    out: list[TextLine] = []
    for raw, (line, page) in zip(source.lines[start:], positions[start:], strict=True):
        text = _clean(raw)
        if not text or text in watermarks or text.isdigit() or _YEAR_LINE.match(compact(text)):
            continue
        if "\t" in raw and source.kind == "text":
            continue
        if _TARGET_TITLE in text and len(compact(text)) <= MAX_HEADING:
            continue
        for piece in _INLINE_HEADING.split(text):
            if piece.strip():
                out.append(TextLine(line, page, piece.strip()))
    return out


def _is_heading_like(text: str) -> bool:
    return len(compact(text)) <= MAX_HEADING and not _SENTENCE_MARK.search(text[:-1])


def _joined_heading(lines: list[TextLine], index: int) -> tuple[str, int]:
    """The heading at `index` and how many lines it takes: a PDF wraps a long heading
    (…支出预算情 / 况说明); the short rest is joined when only then it ends like a heading."""
    text = lines[index].text
    if index + 1 < len(lines) and (
        not _HEADING_END.search(compact(text)) or _HEADING_TAIL.match(compact(lines[index + 1].text))
    ):
        rest = lines[index + 1].text
        joined = f"{text}{rest}"
        if (
            len(compact(rest)) <= 12
            and not _SENTENCE_MARK.search(rest)
            and not re.search(r"\d", rest)
            and _HEADING_END.search(compact(joined))
            and _is_heading_like(joined)
        ):
            return joined, 2
    return text, 1


def _catalog_part(title: str) -> int | None:
    """The part a heading printed without 第X部分 opens, from the catalog."""
    for pattern, part in section_headings():
        if pattern.search(title):
            return part
    return None


def _contents_keys(entries: list[str]) -> list[str]:
    """What a body heading ends with, for each top-level entry: 四、单位预算编制说明 -> 预算编制说明
    (the body prints 2026年单位预算编制说明; a unit's name may stand before 主要职能)."""
    keys = []
    for entry in entries:
        if not _NUMBERED.match(entry):
            continue
        title = re.sub(rf"^{_CN}、", "", entry)
        title = re.sub(r"^(本单位|本部门|单位|部门)", "", title)
        if len(title) >= 2:
            keys.append(title)
    return keys


def _part_of(text: str, uses_parts: bool, keys: list[str]) -> int | None:
    """The part a line opens, or None when it opens none."""
    title = compact(text)
    match = _PART.match(title)
    if match:
        return chinese_numeral(match.group(1))
    if uses_parts or _ENUMERATED.match(text) or not _is_heading_like(text):
        return None
    part = _catalog_part(title)
    if part is None or (keys and not any(title.endswith(key) for key in keys)):
        return None
    return part


def find_sections(source: RawSource) -> list[Section]:
    """The document's parts and numbered sections, each with its prose lines."""
    entries, start = split_contents(source)
    lines = prose_lines(source, start)
    uses_parts = any(_PART.match(entry) for entry in entries) or any(_PART.match(compact(line.text)) for line in lines)
    keys = [] if uses_parts else _contents_keys(entries)
    sections: list[Section] = []
    part: int | None = None
    last_number = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        heading, used = _joined_heading(lines, index)
        opened = _part_of(heading, uses_parts, keys)
        if opened is None and part != 2 and match_table_title(line.text):
            opened, heading, used = 2, line.text, 1
        if opened is not None and not (opened == 2 and part == 2 and not _PART.match(compact(heading))):
            part, last_number = opened, 0
            sections.append(Section(part=part, number=None, heading=heading, line=line.line, page=line.page))
            index += used
            continue
        if part is None or part == 2:
            index += 1  # the title page, or the tables (read by the table reader)
            continue
        numbered = _NUMBERED.match(compact(heading))
        if numbered and _is_heading_like(heading):
            number = chinese_numeral(numbered.group(1))
            if last_number < number <= last_number + 3:
                last_number = number
                sections.append(Section(part=part, number=number, heading=heading, line=line.line, page=line.page))
                index += used
                continue
        sections[-1].text_lines.append(line)
        index += 1
    return sections


def document_sections(source: RawSource) -> list[Section]:
    """The sections of one source, each naming the file it is printed in (a disclosure merged
    from several files keeps each file's own)."""
    if source.sections is not None:
        return source.sections
    sections = find_sections(source)
    for section in sections:
        section.file = section.file or source.path.name
    return sections
