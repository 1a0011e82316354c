"""The field dictionary (`package_data/fields.csv`): every published column defined once.

The pandera schema used in the tests, the quick check run on every extract and the frictionless
Table Schema in `datapackage.json` are all built from these rows (`kanshousuo.publish.schema`).
"""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.files import read_catalog

FIELD_TYPES = ("string", "number", "integer", "boolean")


@cache
def field_rows(resource: str) -> tuple[dict[str, str], ...]:
    """The dictionary rows of one resource (`amounts` or `table_row`)."""
    rows = read_catalog(
        "fields.csv",
        ("resource", "field", "type", "required", "pattern", "description"),
        required=("resource", "field", "type", "required", "description"),
        choices={"type": FIELD_TYPES, "required": ("true", "false")},
    )
    return tuple(row for row in rows if row["resource"] == resource)
