"""The field dictionary (`package_data/fields.csv`): one source for the pandera schema used in
code and the frictionless Table Schema published in `datapackage.json`."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pandas as pd

from kanshousuo.catalog.columns import column_specs
from kanshousuo.catalog.files import read_package_csv


@cache
def field_rows(resource: str) -> tuple[dict[str, str], ...]:
    """The dictionary rows of one resource (`amounts` or `table_row`)."""
    return tuple(row for row in read_package_csv("fields.csv") if row["resource"] == resource)


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
