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
    """Every printed figure of one table, with the label and code of the row it belongs to.

    Row by row, then column by column (the order of amounts.csv); the table's columns are read
    once as lists, since row dictionaries cost seconds on a table of 60,000 rows.
    """
    frame = built.frame
    records: list[dict[str, object]] = []
    if frame.empty:
        return records
    table = table_spec(table_id)
    scheme = "economic" if table.code_scheme == "economic" else "functional"
    column = _column_lists(frame)
    rows, lines, pages, codes = (column(c) for c in ("row", "line", "page", "code"))
    factor = unit_factor(unit)
    per_spec = _amount_columns(built, column, two_sided=table.sides == 2)
    for i in range(len(frame)):
        line, page = _present(lines[i]), _present(pages[i])
        source = f"line {lines[i]}" if line is not None else f"page {pages[i]}"
        for name, values, raws, labels, label_raws, label_codes, ordinals, row_roles in per_spec:
            value = values[i]
            if value is None or pd.isna(value):
                continue
            code = codes[i] or label_codes[i]
            code = code if isinstance(code, str) else None
            ordinal = ordinals[i]
            records.append(
                {
                    "doc_id": doc_id,
                    "file": file,
                    "table": table_id,
                    "row": rows[i],
                    "line": line,
                    "page": page,
                    "source": source,
                    "code": code,
                    "code_level": code_level(code, scheme),
                    "parent_code": parent_code(code),
                    "label": labels[i],
                    "label_raw": label_raws[i],
                    "ordinal": None if ordinal is None or pd.isna(ordinal) else int(ordinal),
                    "role": row_roles[i] or "line",
                    "column": name,
                    "amount": value,
                    "amount_raw": raws[i],
                    "unit": unit,
                    "unit_factor": factor,
                }
            )
    return records


def _column_lists(frame: pd.DataFrame):
    """column name -> its values as a list (None for a column the frame lacks)."""

    def column(name: str | None) -> list:
        return frame[name].tolist() if name is not None and name in frame.columns else [None] * len(frame)

    return column


def _amount_columns(built: BuiltTable, column, two_sided: bool) -> list[tuple]:
    """For each amount column: its name, figures, raw cells, and the label, raw label, code,
    ordinal and role of the label column it belongs to (the row's role on a one-sided table)."""
    out = []
    for spec in (s for s in built.columns.values() if s.kind == "amount"):
        label_col = spec.label_column
        out.append(
            (
                spec.column,
                column(spec.column),
                column(f"{spec.column}_raw"),
                column(label_col),
                column(f"{label_col}_raw" if label_col else None),
                column(f"{label_col}_code" if label_col else None),
                column(f"{label_col}_ordinal" if label_col else None),
                column(f"{label_col}_role") if label_col and two_sided else column("role"),
            )
        )
    return out


def amounts_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The long table with its columns in dictionary order and codes kept as strings."""
    frame = pd.DataFrame.from_records(records, columns=AMOUNT_COLUMNS)
    for column in ("file", "code", "code_level", "parent_code", "label", "label_raw", "amount_raw", "source"):
        frame[column] = frame[column].astype("object")
    for column in ("row", "line", "page", "ordinal", "unit_factor"):
        frame[column] = frame[column].astype("Int64")
    return frame
