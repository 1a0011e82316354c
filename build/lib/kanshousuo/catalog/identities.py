"""Accounting identities as data: which columns of a row add up to its total (`row_identities.csv`).

One CSV row per (table, total column, part column): adding a row identity is adding rows here.
The audit checks a row only where the table prints the total and at least one part.
"""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.columns import column_specs
from kanshousuo.catalog.files import CatalogError, read_catalog
from kanshousuo.catalog.tables import table_specs


@cache
def row_identities() -> dict[str, tuple[str, tuple[str, ...]]]:
    """table id -> (total column, its part columns in order), checked against the column catalog."""
    rows = read_catalog(
        "row_identities.csv",
        ("table_id", "total_column", "part_column", "note"),
        required=("table_id", "total_column", "part_column"),
    )
    identities: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        table = row["table_id"]
        if table not in table_specs():
            raise CatalogError(f"package_data/row_identities.csv: unknown table {table}")
        known = {spec.column for spec in column_specs(table)}
        for column in (row["total_column"], row["part_column"]):
            if column not in known:
                raise CatalogError(f"package_data/row_identities.csv: {table} has no column {column} (columns.csv)")
        total, parts = identities.setdefault(table, (row["total_column"], []))
        if total != row["total_column"]:
            raise CatalogError(f"package_data/row_identities.csv: {table} has two total columns")
        parts.append(row["part_column"])
    return {table: (total, tuple(parts)) for table, (total, parts) in identities.items()}
