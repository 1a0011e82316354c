"""The canonical columns of each table and the header vocabulary, from `columns.csv` and `header_words.csv`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kanshousuo.catalog.files import read_package_csv


@dataclass(frozen=True)
class ColumnSpec:
    """One canonical column of a table and the header labels that map to it."""

    table_id: str
    column: str
    kind: str
    label_column: str
    pattern: re.Pattern[str]
    description: str


@cache
def column_specs(table_id: str) -> tuple[ColumnSpec, ...]:
    """The canonical columns of a table, in the order their header patterns are tried."""
    return tuple(
        ColumnSpec(
            table_id=row["table_id"],
            column=row["column"],
            kind=row["kind"],
            label_column=row["label_column"],
            pattern=re.compile(row["header_pattern"]),
            description=row["description"],
        )
        for row in read_package_csv("columns.csv")
        if row["table_id"] == table_id
    )


@cache
def header_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"]) for row in read_package_csv("header_words.csv"))
