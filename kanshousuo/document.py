"""The Disclosure: one document's tables, figures, text and provenance, as plain data.

Nothing here reads or checks anything: `kanshousuo.pipeline` fills a Disclosure stage by stage.
What is costly and not always needed (the performance targets, the claims of the explanatory
text, the audit's findings) is derived
on first use by the function the pipeline hands over, so this module imports no stage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from kanshousuo.sources.blocks import RawSource
    from kanshousuo.tables.build import BuiltTable
    from kanshousuo.targets.parse import PerformanceTargets


@dataclass(frozen=True)
class Location:
    """Where a finding points, as fields (the `where` text says the same for a reader).

    For an identity: the table, code and column of its total figure and the line (text) or page
    (PDF) it is printed on. For a text claim: the section heading and the line or page. `file`
    is the document's file (filled in by the audit for every finding).
    """

    table: str | None = None
    code: str | None = None
    column: str | None = None
    line: int | None = None
    page: int | None = None
    section: str | None = None
    file: str | None = None


@dataclass
class Disclosure:
    """A budget disclosure read into exact, traceable tables.

    Attributes:
        meta: unit name, year, unit of amounts, source file, hash and encoding.
        tables: catalog id -> DataFrame with canonical columns, rows as published.
        amounts: one row per printed figure (see `package_data/fields.csv`).
        sections: the document's parts and numbered sections with their prose.
        warnings: what reading noticed but could not place (unknown columns, odd cells).
        source: the raw blocks the tables were built from.
        built: catalog id -> the built table with its column mapping.
        derive: name -> function of this Disclosure, for the parts computed on first use
            (`performance`, `claims`, `findings`); set by the pipeline.
    """

    meta: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    amounts: pd.DataFrame
    sections: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    source: RawSource | None = None
    built: dict[str, BuiltTable] = field(default_factory=dict, repr=False)
    derive: Mapping[str, Callable[[Disclosure], Any]] = field(default_factory=dict, repr=False)

    @property
    def doc_id(self) -> str:
        """Identifier used for output folders and the `doc_id` column."""
        return str(self.meta["doc_id"])

    def part_text(self, part: int) -> str:
        """The prose of one part (1 概况, 3 情况说明, 4 名词解释), sections included."""
        rows = self.sections[self.sections["part"] == part]
        return "\n".join(f"{h}\n{t}".strip() for h, t in zip(rows["heading"], rows["text"], strict=True))

    @property
    def parts(self) -> dict[int, str]:
        """Part number -> its prose."""
        return {int(p): self.part_text(int(p)) for p in sorted(self.sections["part"].unique())}

    @cached_property
    def performance(self) -> PerformanceTargets:
        """The project performance-target tables, parsed (empty when the document has none)."""
        return self.derive["performance"](self)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """One row per claim the explanatory text makes (see `kanshousuo.claims.extract`)."""
        return self.derive["claims"](self)

    @cached_property
    def findings(self) -> pd.DataFrame:
        """The audit's findings, computed once (see `kanshousuo.audit`)."""
        return self.derive["findings"](self)

    def audit(self) -> pd.DataFrame:
        """Check the document against itself; one row per finding (see `kanshousuo.audit`).

        Computed once per Disclosure, like `performance` (notebooks and helpers ask for it
        several times); each call returns a copy, so changing it changes nothing here.
        """
        return self.findings.copy()

    def figure(self, table: str, column: str, *, code: str | None = None, label: str | None = None) -> Any:
        """The one printed figure at a table, column and row (by code or normalised label)."""
        rows = self.amounts[(self.amounts["table"] == table) & (self.amounts["column"] == column)]
        if code is not None:
            rows = rows[rows["code"] == code]
        if label is not None:
            rows = rows[rows["label"] == label]
        if len(rows) != 1:
            raise KeyError(f"{len(rows)} figures match {table}/{column} code={code} label={label}")
        return rows.iloc[0]
