"""Read the catalogs shipped as CSV files in `kanshousuo/package_data`, and check their shape.

Each catalog declares the columns it has; a file with a column nobody reads, a missing column,
an empty required cell or a value outside its allowed set stops with one line naming the file
and row, so a mistake in the data is found when it is made, not when a document misreads.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from importlib import resources


class CatalogError(ValueError):
    """A catalog file in package_data does not have the shape its reader declares."""


def read_package_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file shipped in `kanshousuo/package_data`."""
    text = resources.files("kanshousuo").joinpath("package_data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def read_catalog(
    name: str,
    columns: Iterable[str],
    *,
    required: Iterable[str] = (),
    choices: Mapping[str, Iterable[str]] | None = None,
    rows: list[dict[str, str]] | None = None,
) -> list[dict[str, str]]:
    """The rows of one catalog, checked: exactly `columns`, `required` cells filled, `choices` kept.

    >>> read_catalog("x.csv", ["a", "b"], required=["a"], rows=[{"a": "1", "b": ""}])
    [{'a': '1', 'b': ''}]
    >>> read_catalog("x.csv", ["a"], rows=[{"a": "1", "c": "2"}])
    Traceback (most recent call last):
    ...
    kanshousuo.catalog.files.CatalogError: package_data/x.csv: columns ['a', 'c'], expected ['a']
    """
    columns = list(columns)
    rows = read_package_csv(name) if rows is None else rows
    for number, row in enumerate(rows, start=2):
        if None in row:
            raise CatalogError(
                f"package_data/{name} line {number}: more cells than columns (quote a cell with a comma)"
            )
        if list(row) != columns:
            raise CatalogError(f"package_data/{name}: columns {list(row)}, expected {columns}")
        for column in required:
            if not (row[column] or "").strip():
                raise CatalogError(f"package_data/{name} line {number}: {column} is empty")
        for column, allowed in (choices or {}).items():
            if row[column] not in set(allowed):
                raise CatalogError(
                    f"package_data/{name} line {number}: {column}={row[column]!r} is not one of {sorted(allowed)}"
                )
    return rows


def flag(value: str) -> bool:
    """A catalog's true/false cell as a bool."""
    return value == "true"
