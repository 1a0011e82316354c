"""Figure selectors: name printed figures in catalogs instead of code (`identities.csv`, `claim_subjects.csv`).

A selector names figures of `doc.amounts` by table, column and row attributes::

    income.total[role=total]                      the 合计 of the income table
    three_public.*[label~接待]                     any column, label containing 接待
    {nests_by_code=true}.*[code=*]                every coded figure of the tables that nest by code
    three_public.*[role=line;label!~出国|接待]      conditions are separated by `;`
    projects.total[role=unit] | projects.total[role=total]   the first alternative that selects anything
    operating_costs.total[role=total/unit/line]#first        only the first figure

Conditions: `key=a/b` (one of; `=*` present, `=` blank), `key!=a`, `key~regex` (searched in the text),
`key!~regex`. Keys are columns of `doc.amounts` (role, label, code, code_level, parent_code, …). A
table part in braces filters the table catalog (`tables.csv`) by its attributes (`{rows=projects/units}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from kanshousuo.catalog.tables import table_specs

_PART = re.compile(r"^(?P<table>\{[^}]{1,200}\}|[\w*]{1,60})\.(?P<column>[\w*]{1,60})(?:\[(?P<conds>[^\]]{0,300})\])?$")
_CONDITION = re.compile(r"^(?P<key>\w{1,30})(?P<op>!=|!~|=|~)(?P<value>.{0,200})$")


class SelectorError(ValueError):
    """A selector in a catalog cannot be read."""


@dataclass(frozen=True)
class Condition:
    key: str
    op: str
    value: str


@dataclass(frozen=True)
class Alternative:
    tables: tuple[str, ...] | None  # None: any table
    column: str | None  # None: any column
    conditions: tuple[Condition, ...]


@dataclass(frozen=True)
class Selector:
    text: str
    alternatives: tuple[Alternative, ...]
    first_only: bool

    @property
    def tables(self) -> set[str] | None:
        """Every table an alternative may select from (None: any)."""
        found: set[str] = set()
        for alternative in self.alternatives:
            if alternative.tables is None:
                return None
            found |= set(alternative.tables)
        return found


def _tables(part: str) -> tuple[str, ...] | None:
    if part == "*":
        return None
    if not part.startswith("{"):
        if part not in table_specs():
            raise SelectorError(f"unknown table {part!r}")
        return (part,)
    wanted = {}
    for pair in part.strip("{}").split(";"):
        key, _, value = pair.partition("=")
        wanted[key.strip()] = {v.strip().lower() for v in value.split("/")}
    chosen = []
    for spec in table_specs().values():
        if all(str(getattr(spec, key)).lower() in values for key, values in wanted.items()):
            chosen.append(spec.table_id)
    return tuple(chosen)


@cache
def parse_selector(text: str) -> Selector:
    """Read a selector (cached: catalogs repeat them).

    >>> parse_selector("income.total[role=total]").alternatives[0].conditions
    (Condition(key='role', op='=', value='total'),)
    >>> parse_selector("{rows=summary;phase=budget}.*").alternatives[0].tables
    ('income_expenditure_summary', 'appropriation_summary')
    >>> parse_selector("three_public.*[role=line;label!~出国|接待]").alternatives[0].conditions[1].op
    '!~'

    """
    body, first_only = (text[: -len("#first")], True) if text.endswith("#first") else (text, False)
    alternatives = []
    for raw in body.split(" | "):
        match = _PART.match(raw.strip())
        if not match:
            raise SelectorError(f"cannot read selector {text!r}")
        conditions = []
        for cond in filter(None, (c.strip() for c in (match.group("conds") or "").split(";"))):
            parsed = _CONDITION.match(cond)
            if not parsed:
                raise SelectorError(f"cannot read condition {cond!r} in {text!r}")
            if parsed.group("op") in ("~", "!~"):
                re.compile(parsed.group("value"))
            conditions.append(Condition(parsed.group("key"), parsed.group("op"), parsed.group("value")))
        column = match.group("column")
        alternatives.append(
            Alternative(_tables(match.group("table")), None if column == "*" else column, tuple(conditions))
        )
    return Selector(text, tuple(alternatives), first_only)


class FigureIndex:
    """The figures of one document, indexed for selection (built once per audit).

    `frame` is `doc.amounts` (or a frame with the same columns); positions returned by `select`
    are row positions in it, in printed order. `column_key` names the frame column a selector's
    column part (and a `column` condition) is matched on: a figure may serve a second column
    (`kanshousuo.audit.identities`).
    """

    def __init__(self, frame: pd.DataFrame, column_key: str = "column"):
        self.frame = frame.reset_index(drop=True)
        self.column_key = column_key
        self.by_table = {t: np.asarray(p) for t, p in self.frame.groupby("table", sort=False).indices.items()}
        self._columns: dict[str, np.ndarray] = {}

    def values(self, key: str) -> np.ndarray:
        """One column of the frame as an object array (cached); `column` is the matching column."""
        key = self.column_key if key == "column" else key
        if key not in self._columns:
            series = self.frame[key]
            self._columns[key] = series.astype(object).where(series.notna(), None).to_numpy()
        return self._columns[key]

    def _alternative(self, alternative: Alternative, within: np.ndarray | None) -> np.ndarray:
        tables = alternative.tables if alternative.tables is not None else list(self.by_table)
        parts = [self.by_table[t] for t in tables if t in self.by_table]
        positions = np.sort(np.concatenate(parts)) if parts else np.array([], dtype=int)
        if within is not None:
            positions = positions[np.isin(positions, within)]
        if alternative.column is not None and len(positions):
            positions = positions[self.values("column")[positions] == alternative.column]
        for cond in alternative.conditions:
            if not len(positions):
                break
            values = self.values(cond.key)[positions]
            positions = positions[_holds(cond, values)]
        return positions

    def select(self, selector: Selector | str, within: np.ndarray | None = None) -> np.ndarray:
        """Positions of the figures a selector names (the first alternative that names any)."""
        selector = parse_selector(selector) if isinstance(selector, str) else selector
        for alternative in selector.alternatives:
            found = self._alternative(alternative, within)
            if len(found):
                return found[:1] if selector.first_only else found
        return np.array([], dtype=int)


def _holds(cond: Condition, values: np.ndarray) -> np.ndarray:
    """Which values satisfy one condition (None is blank)."""
    text = np.array(["" if v is None else str(v) for v in values], dtype=object)
    if cond.op in ("=", "!="):
        if cond.value == "*":
            hit = np.array([v is not None for v in values], dtype=bool)
        else:
            wanted = set(cond.value.split("/"))
            hit = np.array([t in wanted for t in text], dtype=bool)
        return hit if cond.op == "=" else ~hit
    pattern = re.compile(cond.value)
    hit = np.array([bool(pattern.search(t)) for t in text], dtype=bool)
    return hit if cond.op == "~" else ~hit
