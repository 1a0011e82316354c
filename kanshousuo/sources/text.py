"""Read a disclosure published as text (tab-separated table rows) into raw blocks.

This module only cuts the text into pieces, with their line numbers: the table of contents,
watermarks, table blocks (title, unit, rows of cells), performance-target blocks and the
document's parts and sections. Turning rows into canonical tables is `kanshousuo.tables`' job."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path

from kanshousuo.errors import DisclosureError
from kanshousuo.sources.blocks import RawSource, Row, Section, TableBlock, TargetBlock, TextLine
from kanshousuo.sources.files import read_source_bytes
from kanshousuo.text.numbers import chinese_numeral
from kanshousuo.text.patterns import CN_NUMERAL
from kanshousuo.text.titles import match_table_title
from kanshousuo.text.units import unit_from_header

EMPTY_NOTE = re.compile(r"本表无数据|本表为空表|本表为空|无数据|空表")

_PART = re.compile(rf"^第({CN_NUMERAL})部分\s*(.*)$")

_SECTION = re.compile(rf"^({CN_NUMERAL})、\s*(\S.*)$")

_TARGET_TITLE = re.compile(r"绩效目标表")

_UNIT_NAME = re.compile(r"^(?:单位名称|部门名称|编制单位|预算单位)\s*[:：]\s*(.+?)\s*$")

_TOC_ENTRY = re.compile(r"(\.{3,}|…{2,})\s*\t?\s*\d+\s*$|\t\s*\d+\s*$")


def decode_disclosure(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text disclosure; the encoding is detected, not assumed.

    A UTF-8 byte-order mark wins; otherwise strict UTF-8, then strict GB18030 (a superset of
    GBK and GB2312). Binary data (NUL bytes) is refused.

    >>> decode_disclosure("预算".encode("gb18030"))
    ('预算', 'gb18030')
    >>> decode_disclosure(b"\\xef\\xbb\\xbf" + "预算".encode())
    ('预算', 'utf-8-sig')
    """
    if not data.strip():
        raise DisclosureError("the file is empty")
    if b"\x00" in data[:65536]:
        raise DisclosureError("the file is binary data, not a text disclosure")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding, errors="strict"), encoding
        except UnicodeDecodeError:
            continue
    raise DisclosureError("the text cannot be decoded as UTF-8 or GB18030/GBK")


def _clean(line: str) -> str:
    return unicodedata.normalize("NFKC", line).strip()


def find_watermarks(lines: list[str]) -> set[str]:
    """Lines stamped across pages: short tab-free lines printed again right after themselves.

    >>> sorted(find_watermarks(["仅供内部审核", "", "仅供内部审核", "标题", "仅供内部审核"]))
    ['仅供内部审核']
    """
    stripped = [_clean(line) for line in lines if line.strip()]
    counts = Counter(s for s in stripped if "\t" not in s)
    repeated = {a for a, b in zip(stripped, stripped[1:], strict=False) if a == b}
    return {s for s in repeated if counts[s] >= 2 and len(s) <= 20 and "\t" not in s}


def _is_toc_entry(line: str) -> bool:
    return bool(_TOC_ENTRY.search(line))


def _split_cells(line: str) -> list[str]:
    cells = line.rstrip("\r\n").split("\t")
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def cut_text(text: str, path: Path, sha256: str, encoding: str | None) -> RawSource:
    """Cut the decoded text into table blocks, target blocks and sections."""
    lines = text.splitlines()
    watermarks = find_watermarks(lines)
    tables: list[TableBlock] = []
    targets: list[TargetBlock] = []
    sections: list[Section] = []
    titles: list[str] = []
    current_table: TableBlock | None = None
    current_target: TargetBlock | None = None
    in_toc = False
    part = 0
    for number, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if not line or line in watermarks:
            continue
        has_tab = "\t" in raw
        compact = re.sub(r"\s+", "", line)
        if compact in {"目录", "目錄"}:
            in_toc = True
            continue
        if in_toc:
            if _is_toc_entry(raw) or has_tab:
                continue
            in_toc = False
        if not has_tab:
            part_match = _PART.match(line)
            if part_match:
                part = chinese_numeral(part_match.group(1))
                sections.append(Section(part=part, number=None, heading=line, line=number))
                current_table = current_target = None
                continue
            if _TARGET_TITLE.search(line):
                current_target = TargetBlock(title_line=number)
                targets.append(current_target)
                current_table = None
                continue
            table_id = match_table_title(line)
            if table_id:
                titles.append(line)
                current_target = None
                if current_table and current_table.table_id == table_id and not current_table.printed_empty:
                    continue  # the same title again after a page break: one table
                current_table = TableBlock(table_id=table_id, title=line, title_line=number)
                tables.append(current_table)
                continue
        if current_table is not None:
            unit = unit_from_header(line)
            name = _UNIT_NAME.match(line.split("\t")[0].strip()) if not has_tab else None
            if not has_tab and (unit or name):
                current_table.unit = unit or current_table.unit
                if name:
                    current_table.unit_name = name.group(1)
                continue
            if has_tab and unit and not current_table.rows:
                current_table.unit = unit
                for cell in raw.split("\t"):
                    found = _UNIT_NAME.match(_clean(cell))
                    if found:
                        current_table.unit_name = found.group(1)
                continue
            if has_tab:
                current_table.rows.append(Row(number, _split_cells(raw)))
                continue
            if line.startswith(("注", "说明")) or EMPTY_NOTE.search(line):
                current_table.notes.append(line)
                current_table.printed_empty |= bool(EMPTY_NOTE.search(line))
                continue
            if re.fullmatch(r"预算公开表\s*\d+", line):
                continue
            current_table = None
        if current_target is not None:
            if has_tab:
                current_target.rows.append(Row(number, _split_cells(raw)))
                continue
            if re.fullmatch(r"\(?\d{4}年度?\)?", line):
                continue
            current_target = None
        if not has_tab and part:
            section_match = _SECTION.match(line)
            if section_match and len(line) <= 40:
                sections.append(
                    Section(part=part, number=chinese_numeral(section_match.group(1)), heading=line, line=number)
                )
                continue
            if sections:
                sections[-1].text_lines.append(TextLine(number, None, line))
    return RawSource(
        path=path,
        sha256=sha256,
        kind="text",
        encoding=encoding,
        lines=lines,
        tables=tables,
        targets=targets,
        sections=sections,
        watermarks=sorted(watermarks),
        title_lines=titles,
    )


def read_text_source(path: Path) -> RawSource:
    """Read and cut a text disclosure; bad input raises DisclosureError with one clear line."""
    data = read_source_bytes(path)
    text, encoding = decode_disclosure(data)
    return cut_text(text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
