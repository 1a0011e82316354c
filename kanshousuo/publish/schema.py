"""Schemas built from the one field dictionary (`package_data/fields.csv`, `kanshousuo.catalog.fields`).

- `check_frame`: the quick check run on every extract (plain pandas, a few milliseconds);
- `pandera_schema`: the same rules as a pandera schema, for the tests and for users who want it
  (pandera's import costs more than reading a text disclosure, so it stays off the hot path);
- `table_schema`: the frictionless Table Schema published in `datapackage.json`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

import pandas as pd

from kanshousuo.catalog.columns import column_specs
from kanshousuo.catalog.fields import field_rows


class SchemaMismatch(ValueError):
    """A frame about to be published does not follow the field dictionary."""


def check_frame(frame: pd.DataFrame, fields: tuple[dict[str, str], ...] | list[dict[str, str]]) -> None:
    """Check a frame against dictionary rows, as `pandera_schema` does: exactly these columns,
    required fields filled, strings as str (codes never integers), numbers as exact Decimals,
    integers as an integer column, patterns on every present value. Raises SchemaMismatch.

    Plain Python over each column's values: it runs on every extract, and a Series.map per rule
    costs seconds on a table of 100,000 figures.
    """
    names = [field["field"] for field in fields]
    if list(frame.columns) != names:
        raise SchemaMismatch(f"columns {list(frame.columns)} differ from the dictionary's {names}")
    for field in fields:
        name, column = field["field"], frame[field["field"]]
        present = column[column.notna()].tolist()  # None, NaN and pd.NA are blanks
        if field["required"] == "true" and len(present) != len(column):
            raise SchemaMismatch(f"{name} is required but has blanks")
        types = set(map(type, present))
        if field["type"] == "string" and not all(issubclass(t, str) for t in types):
            raise SchemaMismatch(f"{name} must hold strings")
        if field["type"] == "number" and not all(issubclass(t, Decimal) for t in types):
            raise SchemaMismatch(f"{name} must hold exact Decimals")
        if field["type"] == "integer" and not (pd.api.types.is_integer_dtype(column.dtype) or column.isna().all()):
            raise SchemaMismatch(f"{name} must be an integer column")
        if field.get("pattern"):
            match = re.compile(field["pattern"]).match
            if not all(match(str(v)) for v in set(present)):  # each distinct value once
                raise SchemaMismatch(f"{name} has values not matching {field['pattern']}")


def check_amounts(frame: pd.DataFrame) -> None:
    """The quick check of the long amounts table (run on every extract)."""
    check_frame(frame, field_rows("amounts"))


def _is_instance(kind: type | tuple[type, ...]):
    def check(series: pd.Series) -> bool:
        return bool(
            series.map(lambda v: v is None or (isinstance(v, float) and pd.isna(v)) or isinstance(v, kind)).all()
        )

    return check


def pandera_schema(fields: tuple[dict[str, str], ...] | list[dict[str, str]]):
    """A pandera DataFrameSchema for a list of dictionary rows.

    Codes must be strings (never integers), amounts Decimals (exact), required fields non-null,
    and patterns hold on every present value.
    """
    import pandera.pandas as pa

    columns = {}
    for field in fields:
        checks = []
        if field["type"] == "string":
            checks.append(pa.Check(_is_instance(str), error=f"{field['field']} must hold strings"))
        elif field["type"] == "number":
            checks.append(pa.Check(_is_instance(Decimal), error=f"{field['field']} must hold exact Decimals"))
        elif field["type"] == "integer":
            checks.append(
                pa.Check(
                    lambda s: pd.api.types.is_integer_dtype(s.dtype) or bool(s.isna().all()),
                    error=f"{field['field']} must be an integer column",
                )
            )
        if field.get("pattern"):
            checks.append(pa.Check.str_matches(field["pattern"], ignore_na=True))
        columns[field["field"]] = pa.Column(
            checks=checks, nullable=field["required"] != "true", required=True, coerce=False
        )
    return pa.DataFrameSchema(columns, strict=True)


@cache
def amounts_schema():
    """The pandera schema of the long amounts table (built once; pandera's import is slow)."""
    return pandera_schema(field_rows("amounts"))


def validate_amounts(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate the long amounts table against the dictionary; raises pandera's SchemaError."""
    return amounts_schema().validate(frame)


def table_fields(table_id: str, columns: list[str]) -> list[dict[str, str]]:
    """Dictionary rows for one written table: common row fields plus the catalog's columns."""
    common = {row["field"]: row for row in field_rows("table_row")}
    specs = {spec.column: spec for spec in column_specs(table_id)}
    fields = []
    for column in columns:
        if column in common:
            fields.append(common[column])
            continue
        base = column.removesuffix("_raw").removesuffix("_code")
        spec = specs.get(base)
        row = {"resource": table_id, "field": column, "required": "false", "pattern": ""}
        if column.endswith("_raw"):
            row.update(type="string", description=f"{base} exactly as printed")
        elif column == "code" or column.endswith("_code") or (spec and spec.kind == "code"):
            row.update(type="string", pattern=r"^\d{3}(\d{2}){0,2}$", description="classification code (a string)")
        elif spec and spec.kind == "amount":
            row.update(type="number", description=spec.description or f"figure in column {column}")
        else:
            row.update(type="string", description=(spec.description if spec else "") or column)
        fields.append(row)
    return fields


def table_schema(fields: list[dict[str, str]] | tuple[dict[str, str], ...]) -> dict[str, Any]:
    """A frictionless Table Schema descriptor for the same dictionary rows."""
    schema_fields = []
    for field in fields:
        constraints: dict[str, Any] = {}
        if field["required"] == "true":
            constraints["required"] = True
        if field.get("pattern"):
            constraints["pattern"] = field["pattern"]
        descriptor: dict[str, Any] = {
            "name": field["field"],
            "type": field["type"],
            "description": field["description"],
        }
        if constraints:
            descriptor["constraints"] = constraints
        schema_fields.append(descriptor)
    return {"fields": schema_fields, "missingValues": [""]}
