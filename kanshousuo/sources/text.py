"""Read a disclosure published as text (tab-separated table rows) into raw blocks.

This module only cuts the text into pieces, with their line numbers: the table of contents,
watermarks, table blocks (title, unit, rows of cells) and performance-target blocks; the
document's parts and sections are found from the same lines by `kanshousuo.sources.sections`.
Turning rows into canonical tables is `kanshousuo.tables`' job."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kanshousuo.errors import DisclosureError
from kanshousuo.sources.blocks import RawSource, Row, TableBlock, TargetBlock
from kanshousuo.sources.files import read_source_bytes
from kanshousuo.sources.identity import unit_name as identity_unit_name
from kanshousuo.text.numbers import looks_like_amount
from kanshousuo.text.patterns import CN_NUMERAL, compact
from kanshousuo.text.titles import match_table_title
from kanshousuo.text.units import unit_from_header

EMPTY_NOTE = re.compile(r"本表无数据|本表为空表|本表为空|无数据|空表")

_PART = re.compile(rf"^第({CN_NUMERAL})部分\s*(.*)$")


_TARGET_TITLE = re.compile(r"绩效目标表")

# the name runs to the end of the line; it is stripped in Python (a lazy `.+?\s*$` is quadratic
# on a line of spaces)
_UNIT_NAME = re.compile(r"^(?:单位名称|部门名称|编制单位|预算单位)\s*[:：]")

_CONTINUED = re.compile(rf"^(?:表(?:{CN_NUMERAL}|\d{{1,2}}))?[(（]?续表?[)）]?$")
_DIGITS = "0123456789"


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
    if b"\x00" in data:
        raise DisclosureError("the file is binary data, not a text disclosure")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding, errors="strict"), encoding
        except UnicodeDecodeError:
            continue
    raise DisclosureError("the text cannot be decoded as UTF-8 or GB18030/GBK")


def split_lines(text: str) -> list[str]:
    """Lines at CR LF, CR or LF only: `str.splitlines` also breaks at U+2028, form feeds and other
    separators a cell may hold, which would split one table row in two.

    >>> split_lines("a\\u2028b\\r\\nc\\rd\\ne")
    ['a\\u2028b', 'c', 'd', 'e']
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


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
    """A contents line ends in a page number after a leader (...... or ……) or a tab.

    Read from the end with string methods: a pattern searched for a leader anywhere in the
    line is quadratic on a line of dots.

    >>> _is_toc_entry("一、收支总表......3"), _is_toc_entry("二、收入总表" + chr(9) + "4"), _is_toc_entry("合计 3")
    (True, True, False)
    """
    text = line.rstrip()
    before = text.rstrip(_DIGITS)
    if len(before) == len(text):
        return False
    gap = before[len(before.rstrip()) :]
    leader = before.rstrip()
    return "\t" in gap or leader.endswith(("...", "……"))


def _unit_name(text: str) -> str | None:
    """The name after 单位名称： (or 部门名称, 编制单位, 预算单位), or None."""
    found = _UNIT_NAME.match(text)
    name = text[found.end() :].strip() if found else ""
    return name or None


def _split_cells(line: str) -> list[str]:
    cells = line.rstrip("\r\n").split("\t")
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


@dataclass
class _Cutter:
    """The state of one pass over a text's lines: what is open (a table, a target table, the
    contents page) and what has been cut so far. Each kind of line has its own method. The
    document's parts and sections are found from the same lines by `sources.sections`."""

    watermarks: set[str]
    unit_name: str | None = None
    tables: list[TableBlock] = field(default_factory=list)
    targets: list[TargetBlock] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)
    table: TableBlock | None = None
    target: TargetBlock | None = None
    in_toc: bool = False
    resumed: dict[int, int] = field(default_factory=dict)  # table -> rows read before its title came again

    def feed(self, number: int, raw: str) -> None:
        """Take one printed line (its number and its raw text, tabs included)."""
        line = _clean(raw)
        if not line or line in self.watermarks or self._contents(raw, line):
            return
        has_tab = "\t" in raw
        if not has_tab and self._heading(number, line):
            return
        if self.table is not None and self._table_line(number, raw, line, has_tab):
            return
        if self.target is not None:
            self._target_line(number, raw, line, has_tab)

    def _contents(self, raw: str, line: str) -> bool:
        """True for the contents heading and the entries after it (they look like table rows)."""
        if compact(line) in {"目录", "目錄"}:
            self.in_toc = True
            return True
        if self.in_toc and (_is_toc_entry(raw) or "\t" in raw):
            listed = match_table_title(_toc_title(raw), self.unit_name)
            if listed and listed not in self.listed:
                self.listed.append(listed)
            return True
        self.in_toc = False
        return False

    def _heading(self, number: int, line: str) -> bool:
        """A part heading (第X部分) ends a table; a target-table title or a table title opens one;
        a continuation heading (表三（续）, 续表) reopens the table it continues."""
        if _CONTINUED.match(compact(line)) and self.tables:
            self.table, self.target = self._continued(line), None
            return True
        if _PART.match(line):
            self.table = self.target = None
            return True
        if _TARGET_TITLE.search(line):
            self.target = TargetBlock(title_line=number)
            self.targets.append(self.target)
            self.table = None
            return True
        table_id = match_table_title(line, self.unit_name)
        if not table_id:
            return False
        self.titles.append(line)
        self.target = None
        if self.table and self.table.table_id == table_id and not self.table.printed_empty:
            self.resumed.setdefault(id(self.table), len(self.table.rows))  # the title again after a page break
            return True
        self.table = TableBlock(table_id=table_id, title=line, title_line=number)
        self.tables.append(self.table)
        return True

    def _continued(self, line: str) -> TableBlock:
        """The table a continuation heading continues: the one whose title starts with the same
        label (表三), else the last one."""
        label = re.match(rf"^(?:表)(?:{CN_NUMERAL}|\d{{1,2}})", compact(line))
        if label:
            for table in reversed(self.tables):
                if compact(table.title).startswith(label.group(0)):
                    return table
        return self.tables[-1]

    def _table_line(self, number: int, raw: str, line: str, has_tab: bool) -> bool:
        """A line under a table title: its unit and unit name, a row, a note; False ends the table."""
        table = self.table
        unit = unit_from_header(line)
        name = _unit_name(line.split("\t")[0].strip()) if not has_tab else None
        if not has_tab and (unit or name):
            table.unit = unit or table.unit
            if name:
                table.unit_name = name
            return True
        if has_tab and unit and not table.rows:
            table.unit = unit
            for cell in raw.split("\t"):
                found = _unit_name(_clean(cell))
                if found:
                    table.unit_name = found
            return True
        if has_tab:
            table.rows.append(Row(number, _split_cells(raw)))
            return True
        if _looks_like_broken_row(line):
            table.broken_rows.append(f"line {number}")  # its cells lost their tab separators
            return True
        if line.startswith(("注", "说明")) or EMPTY_NOTE.search(line):
            table.notes.append(line)
            table.printed_empty |= bool(EMPTY_NOTE.search(line))
            return True
        if re.fullmatch(r"预算公开表\s*\d+", line):
            return True
        self.table = None
        return False

    def _target_line(self, number: int, raw: str, line: str, has_tab: bool) -> bool:
        """A row of a target table (or its year line); False ends the target table."""
        if has_tab:
            self.target.rows.append(Row(number, _split_cells(raw)))
            return True
        if re.fullmatch(r"\(?\d{4}年度?\)?", line):
            return True
        self.target = None
        return False


def cover_lines(lines: list[str], watermarks: set[str]) -> list[str]:
    """The cover of a text disclosure: its first printed lines, up to the contents page.

    >>> lines = ["仅供内部审核", "山西省看守所", "", "2026年度单位预算公开", "目 录", "第一部分 概况"]
    >>> cover_lines(lines, {"仅供内部审核"})
    ['山西省看守所', '2026年度单位预算公开']
    """
    cover: list[str] = []
    for raw in lines[:200]:
        line = _clean(raw)
        if not line or line in watermarks:
            continue
        if compact(line) in {"目录", "目錄"} or len(cover) == 8:
            break
        cover.append(line)
    return cover


def _toc_title(raw: str) -> str:
    """A contents entry without its leader dots and page number (表一2026年预算收支总表.....2)."""
    text = raw.split("\t")[0].rstrip().rstrip("0123456789").rstrip()
    return text.rstrip(".…·- ").strip()


def _looks_like_broken_row(line: str) -> bool:
    """A line of a table with two figures or more and no tab: a row whose cells lost their tabs.

    >>> _looks_like_broken_row("2040201 行政运行 1430.75 1430.75"), _looks_like_broken_row("注：本表无数据")
    (True, False)
    """
    tokens = line.split()
    return len(tokens) >= 3 and sum(looks_like_amount(token) for token in tokens) >= 2


def _drop_second_copy(table: TableBlock, resumed_at: int | None) -> None:
    """A table printed twice in a row (its title again, then the same rows): the second copy is
    dropped and the table is marked, for the audit to report."""
    if resumed_at is None or resumed_at * 2 > len(table.rows) or resumed_at == 0:
        return
    first = [row.cells for row in table.rows[:resumed_at]]
    again = [row.cells for row in table.rows[resumed_at:]]
    if again[: len(first)] == first and any(looks_like_amount(c) for cells in first for c in cells):
        del table.rows[resumed_at : resumed_at + len(first)]
        table.printed_twice = True


def cut_text(
    text: str,
    path: Path,
    sha256: str,
    encoding: str | None,
    unit_name: str | None = None,
    cover: list[str] | None = None,
) -> RawSource:
    """Cut the decoded text into table blocks, target blocks and sections. The unit's name (read
    from the labels or the cover when not given) is taken off table titles before matching."""
    lines = split_lines(text)
    watermarks = find_watermarks(lines)
    cover = cover_lines(lines, watermarks) if cover is None else cover
    unit = unit_name or identity_unit_name(cover, lines)
    cutter = _Cutter(watermarks, unit)
    for number, raw in enumerate(lines, start=1):
        cutter.feed(number, raw)
    for table in cutter.tables:
        _drop_second_copy(table, cutter.resumed.get(id(table)))
    return RawSource(
        path=path,
        sha256=sha256,
        kind="text",
        encoding=encoding,
        lines=lines,
        tables=cutter.tables,
        targets=cutter.targets,
        watermarks=sorted(watermarks),
        title_lines=cutter.titles,
        cover=cover,
        unit_name=unit,
        listed_tables=cutter.listed,
    )


def read_text_source(path: Path) -> RawSource:
    """Read and cut a text disclosure; bad input raises DisclosureError with one clear line."""
    data = read_source_bytes(path)
    text, encoding = decode_disclosure(data)
    return cut_text(text, path=path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
