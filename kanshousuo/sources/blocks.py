"""What a source reader gives the later stages: raw table blocks, target blocks and sections, with
where each piece is printed. Text and PDF sources give the same shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Row:
    """One printed row of a table: where it is printed (text line or PDF page) and its cells."""

    line: int | None
    cells: list[str]
    page: int | None = None

    @property
    def where(self) -> str:
        """'line N' for text sources, 'page N' for PDF sources."""
        return f"line {self.line}" if self.line is not None else f"page {self.page}"


@dataclass
class TableBlock:
    """The lines of one printed table, merged over page breaks."""

    table_id: str
    title: str
    title_line: int
    unit: str | None = None
    unit_name: str | None = None
    rows: list[Row] = field(default_factory=list)
    page: int | None = None  # PDF sources: the page the title is printed on (title_line is then that page)
    printed_empty: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass
class TargetBlock:
    """One printed performance-target table (a project may span several)."""

    title_line: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class Section:
    """A part (第X部分) or a numbered section (一、…) of the document, with its text."""

    part: int
    number: int | None
    heading: str
    line: int
    text_lines: list[tuple[int, str]] = field(default_factory=list)
    place: str = "line"  # what `line` and the text-line numbers count: "line" (text) or "page" (PDF)

    @property
    def text(self) -> str:
        """The section's prose, one printed line per line."""
        return "\n".join(text for _, text in self.text_lines)


@dataclass
class TextSource:
    """Everything cut from one text disclosure."""

    path: Path
    sha256: str
    encoding: str
    lines: list[str]
    tables: list[TableBlock]
    targets: list[TargetBlock]
    sections: list[Section]
    watermarks: list[str]
    title_lines: list[str]
    notes: list[str] = field(default_factory=list)
    page_count: int | None = None
