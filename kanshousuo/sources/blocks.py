"""What a source reader gives the later stages: raw table blocks, target blocks and sections, with
where each piece is printed. Text and PDF sources give the same shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


def where_of(line: int | None, page: int | None) -> str:
    """Where a piece is printed, as a reader cites it: 'line N' in a text, 'page N' in a PDF.

    >>> where_of(120, None), where_of(None, 5)
    ('line 120', 'page 5')
    """
    return f"line {line}" if line is not None else f"page {page}"


@dataclass
class Row:
    """One printed row of a table: where it is printed (text line or PDF page) and its cells."""

    line: int | None
    cells: list[str]
    page: int | None = None

    @property
    def where(self) -> str:
        """'line N' for text sources, 'page N' for PDF sources."""
        return where_of(self.line, self.page)


@dataclass
class TableBlock:
    """The lines of one printed table, merged over page breaks."""

    table_id: str
    title: str
    title_line: int | None  # text sources: the line of the title
    unit: str | None = None
    unit_name: str | None = None
    rows: list[Row] = field(default_factory=list)
    page: int | None = None  # PDF sources: the page the title is printed on
    printed_empty: bool = False
    notes: list[str] = field(default_factory=list)
    file: str = ""  # the name of the file the table is printed in
    broken_rows: list[str] = field(default_factory=list)  # where a row lost its cell separators
    printed_twice: bool = False  # the same table printed again right after itself (kept once)

    @property
    def where(self) -> str:
        """Where the title is printed ('line N' or 'page N')."""
        return where_of(self.title_line, self.page)


@dataclass
class TargetBlock:
    """One printed performance-target table (a project may span several)."""

    title_line: int
    rows: list[Row] = field(default_factory=list)


class TextLine(NamedTuple):
    """One printed line of prose and where it is printed (a text line, or a PDF page)."""

    line: int | None
    page: int | None
    text: str

    @property
    def where(self) -> str:
        """'line N' or 'page N'."""
        return where_of(self.line, self.page)


@dataclass
class Section:
    """A part (第X部分, or a heading such as 单位预算编制说明) or a numbered section (一、…) of the
    document, with its text (found by `kanshousuo.sources.sections.find_sections`)."""

    part: int
    number: int | None
    heading: str
    line: int | None  # text sources: the line of the heading
    text_lines: list[TextLine] = field(default_factory=list)
    page: int | None = None  # PDF sources: the page of the heading
    file: str = ""  # the name of the file the section is printed in

    @property
    def where(self) -> str:
        """Where the heading is printed ('line N' or 'page N')."""
        return where_of(self.line, self.page)

    @property
    def text(self) -> str:
        """The section's prose, one printed line per line."""
        return "\n".join(line.text for line in self.text_lines)


@dataclass(frozen=True)
class SourceFile:
    """One file of a disclosure: its name, hash, kind and number of pages."""

    name: str
    sha256: str
    kind: str
    pages: int | None


@dataclass
class RawSource:
    """Everything a source reader cut from one disclosure file (text or PDF)."""

    path: Path
    sha256: str
    kind: str  # "text" or "pdf"
    encoding: str | None  # the detected encoding of a text source; None for a PDF
    lines: list[str]
    tables: list[TableBlock]
    targets: list[TargetBlock]
    watermarks: list[str]
    title_lines: list[str]
    notes: list[str] = field(default_factory=list)
    page_count: int | None = None
    cover: list[str] = field(default_factory=list)  # the lines of the cover (a PDF's first page)
    unit_name: str | None = None  # the unit the document names (labels or cover), read before titles
    files: list[SourceFile] = field(default_factory=list)  # every file read (a disclosure may have several)
    listed_tables: list[str] = field(default_factory=list)  # the tables the contents page lists
    line_pages: list[int] | None = None  # PDF sources: the page of each of `lines`
    sections: list[Section] | None = None  # set when several files are merged (each file's own)

    def __post_init__(self) -> None:
        """A source read from one file names that file on each of its tables and sections."""
        if not self.files:
            self.files = [SourceFile(self.path.name, self.sha256, self.kind, self.page_count)]
        for table in self.tables:
            table.file = table.file or self.path.name
