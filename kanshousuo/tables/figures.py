"""Melt the canonical tables into one long table: one row per printed figure."""

from __future__ import annotations

import pandas as pd

from kanshousuo.catalog.tables import table_spec
from kanshousuo.tables.build import BuiltTable
from kanshousuo.text.codes import code_level, parent_code
from kanshousuo.text.units import unit_factor

AMOUNT_COLUMNS = [
    "doc_id",
    "file",
    "table",
    "row",
    "line",
    "page",
    "source",
    "code",
    "code_level",
    "parent_code",
    "label",
    "label_raw",
    "ordinal",
    "role",
    "column",
    "amount",
    "amount_raw",
    "unit",
    "unit_factor",
]


def _present(value: object) -> object:
    """None for a missing line or page (pandas gives NaN), the value otherwise."""
    return None if value is None or pd.isna(value) else int(value)


def melt_amounts(doc_id: str, table_id: str, built: BuiltTable, unit: str, file: str = "") -> list[dict[str, object]]:
    """Every printed figure of one table, with the label and code of the row it belongs to."""
    frame = built.frame
    records: list[dict[str, object]] = []
    if frame.empty:
        return records
    amount_specs = [s for s in built.columns.values() if s.kind == "amount"]
    table = table_spec(table_id)
    scheme = "economic" if table.code_scheme == "economic" else "functional"
    for row in frame.to_dict("records"):
        for spec in amount_specs:
            value = row.get(spec.column)
            if value is None or pd.isna(value):
                continue
            label_col = spec.label_column
            code = row.get("code") or row.get(f"{label_col}_code")
            code = code if isinstance(code, str) else None
            ordinal = row.get(f"{label_col}_ordinal")
            role = row.get(f"{label_col}_role") if label_col and table.sides == 2 else row.get("role")
            records.append(
                {
                    "doc_id": doc_id,
                    "file": file,
                    "table": table_id,
                    "row": row["row"],
                    "line": _present(row.get("line")),
                    "page": _present(row.get("page")),
                    "source": f"line {row['line']}" if _present(row.get("line")) is not None else f"page {row['page']}",
                    "code": code,
                    "code_level": code_level(code, scheme),
                    "parent_code": parent_code(code),
                    "label": row.get(label_col),
                    "label_raw": row.get(f"{label_col}_raw"),
                    "ordinal": None if ordinal is None or pd.isna(ordinal) else int(ordinal),
                    "role": role or "line",
                    "column": spec.column,
                    "amount": value,
                    "amount_raw": row.get(f"{spec.column}_raw"),
                    "unit": unit,
                    "unit_factor": unit_factor(unit),
                }
            )
    return records


def amounts_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The long table with its columns in dictionary order and codes kept as strings."""
    frame = pd.DataFrame.from_records(records, columns=AMOUNT_COLUMNS)
    for column in ("file", "code", "code_level", "parent_code", "label", "label_raw", "amount_raw", "source"):
        frame[column] = frame[column].astype("object")
    for column in ("row", "line", "page", "ordinal", "unit_factor"):
        frame[column] = frame[column].astype("Int64")
    return frame
