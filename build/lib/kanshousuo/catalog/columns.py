"""The canonical columns of each table and the header vocabulary, from `columns.csv` and `header_words.csv`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kanshousuo.catalog.files import CatalogError, read_catalog
from kanshousuo.catalog.tables import table_specs

COLUMN_KINDS = ("label", "amount", "code", "code_part", "text")


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
    return _all_column_specs().get(table_id, ())


@cache
def _all_column_specs() -> dict[str, tuple[ColumnSpec, ...]]:
    """Every table's columns, checked: known tables and kinds, compiling patterns, an amount's
    label column is a label column of the same table."""
    rows = read_catalog(
        "columns.csv",
        ("table_id", "column", "kind", "label_column", "header_pattern", "description"),
        required=("table_id", "column", "kind", "header_pattern"),
        choices={"kind": COLUMN_KINDS, "table_id": tuple(table_specs())},
    )
    specs: dict[str, list[ColumnSpec]] = {}
    for row in rows:
        try:
            pattern = re.compile(row["header_pattern"])
        except re.error as error:
            raise CatalogError(f"package_data/columns.csv: {row['table_id']}.{row['column']}: {error}") from None
        specs.setdefault(row["table_id"], []).append(
            ColumnSpec(row["table_id"], row["column"], row["kind"], row["label_column"], pattern, row["description"])
        )
    for table_id, columns in specs.items():
        labels = {c.column for c in columns if c.kind == "label"}
        for column in columns:
            if column.label_column and column.label_column not in labels:
                raise CatalogError(
                    f"package_data/columns.csv: {table_id}.{column.column} reads label column {column.label_column}, "
                    "which is not a label column of the table"
                )
    return {table_id: tuple(columns) for table_id, columns in specs.items()}


@cache
def header_patterns() -> tuple[re.Pattern[str], ...]:
    """The vocabulary of header cells: a row whose every cell matches one of these is a header."""
    rows = read_catalog("header_words.csv", ("pattern", "note"), required=("pattern",))
    return tuple(re.compile(row["pattern"]) for row in rows)
