"""Turn the printed rows of one table into a DataFrame with canonical English columns.

Header rows are recognised by their vocabulary (`header_words.csv`), their cells are stacked per
column into a key such as `本年收入/一般公共预算`, and the key is matched against the table's
column patterns (`columns.csv`). Data rows keep their cells as printed, with the figures parsed
to exact decimals, the label normalised beside the raw label, and the code as a string."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kanshousuo.catalog.columns import ColumnSpec, column_specs
from kanshousuo.catalog.tables import table_spec
from kanshousuo.layouts.headers import split_header
from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.tables.columns import column_keys, map_columns, share_repeated_keys
from kanshousuo.tables.roles import (
    assign_codes,
    assign_hierarchy_roles,
    label_across_both_sides,
    mark_carryover_parts,
    mark_nested_parts,
    row_role,
    summary_total_roles,
)
from kanshousuo.text.codes import join_code, parse_code
from kanshousuo.text.labels import normalize_label
from kanshousuo.text.numbers import AmountError, looks_like_amount, parse_amount


@dataclass
class BuiltTable:
    """A canonical table and what building it noticed."""

    frame: pd.DataFrame
    columns: dict[str, ColumnSpec]
    warnings: list[str] = field(default_factory=list)


def build_table(block: TableBlock, unit_name: str | None = None, year: int | None = None) -> BuiltTable:
    """Build the canonical DataFrame of one printed table."""
    specs = column_specs(block.table_id)
    header, data = split_header(block.rows)
    width = max((len(r.cells) for r in block.rows), default=0)
    keys = column_keys(header, width)
    mapping = share_repeated_keys(keys, map_columns(keys, specs))
    warnings = []
    for j in range(width):
        if j not in mapping and any(j < len(r.cells) and r.cells[j].strip() for r in data):
            warnings.append(f"{block.table_id}: column {j + 1} ({block.where}) matches no catalog column")
    label_columns = [s.column for s in mapping.values() if s.kind == "label"]
    scope = table_spec(block.table_id).label_scope
    records = []
    for index, row in enumerate(data):
        record = _cells_record(block.table_id, row, index, mapping, width, warnings)
        _label_record(record, label_columns, scope)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if not frame.empty:
        _assign_roles(frame, block.table_id, label_columns, unit_name, year)
    return BuiltTable(frame=frame, columns={spec.column: spec for spec in mapping.values()}, warnings=warnings)


def _cells_record(
    table_id: str, row: Row, index: int, mapping: dict[int, ColumnSpec], width: int, warnings: list[str]
) -> dict[str, object]:
    """One data row's cells under their canonical columns: figures parsed, code parts joined."""
    cells = aligned_cells(row.cells, width) if row.page is not None else row.cells
    cells = cells + [""] * (width - len(cells))
    record: dict[str, object] = {"row": index, "line": row.line, "page": row.page}
    code_parts: list[str] = []
    for j, spec in mapping.items():
        cell = cells[j].strip()
        if spec.kind == "amount":
            try:
                record[spec.column] = parse_amount(cell)
            except AmountError:
                record[spec.column] = None
                if _label_in_amount_cell(cells, j, mapping, spec):
                    record[f"_label_for_{spec.label_column}"] = cell  # printed across merged cells
                    cell = ""
                else:
                    warnings.append(f"{table_id} {row.where}: {cell!r} in {spec.column} is not a figure")
            record[f"{spec.column}_raw"] = cell
        elif spec.kind == "code_part":
            code_parts.append(cell)
        elif spec.kind == "code":
            record[spec.column] = parse_code(cell)
            if record[spec.column] is None and cell:
                record["_code_text"] = cell  # 合计 printed across the code and name cells
        else:
            record[spec.column] = cell
    if code_parts and any(code_parts):
        record["code"] = join_code(*code_parts) if parse_code(code_parts[0]) else None
        if record["code"] is None:
            record["_code_text"] = " ".join(p for p in code_parts if p)  # 合计 across the code columns
    for key in [k for k in record if k.startswith("_label_for_")]:
        label_column = key.removeprefix("_label_for_")
        record[label_column] = record.get(label_column) or record.pop(key)
        record.pop(key, None)
    return record


def _label_in_amount_cell(cells: list[str], j: int, mapping: dict[int, ColumnSpec], spec: ColumnSpec) -> bool:
    """True when an amount column holds words while the row's label cell for that column is empty
    and no figure stands between them: a label centred over merged cells (当年支出小计 across a
    summary's expenditure columns) whose words fell into the amount column."""
    label_at = next((k for k, other in mapping.items() if other.column == spec.label_column), None)
    if label_at is None or cells[label_at].strip() or label_at > j:
        return False
    return not any(looks_like_amount(cells[k]) for k in range(label_at + 1, j) if cells[k].strip())


def aligned_cells(cells: list[str], width: int) -> list[str]:
    """A PDF row printed in a grid of its own with fewer columns than its table (a 合计 row alone
    on the next page, its label merged over the code and name cells): labels first, its figures
    in the table's last columns. Other rows are returned as they are.

    >>> aligned_cells(["合计", "189,767,551", "101,341,746", "88,425,805"], 7)
    ['合计', '', '', '', '189,767,551', '101,341,746', '88,425,805']
    >>> aligned_cells(["201", "一般公共服务支出", "5.00"], 3)
    ['201', '一般公共服务支出', '5.00']
    """
    if len(cells) >= width:
        return cells
    labels = 0
    while labels < len(cells) and cells[labels].strip() and not looks_like_amount(cells[labels]):
        labels += 1
    figures = cells[labels:]
    if not labels or not figures or not all(looks_like_amount(c) or not c.strip() for c in figures):
        return cells
    return cells[:labels] + [""] * (width - len(cells)) + figures


def _label_record(record: dict[str, object], label_columns: list[str], scope: str) -> None:
    """Each label column normalised beside its raw text, ordinal and role (a 合计 printed across
    the code cells labels the first label column)."""
    code_text = record.pop("_code_text", "")
    for position, label_col in enumerate(label_columns):
        raw = str(record.get(label_col) or (code_text if position == 0 else ""))
        label = normalize_label(raw, scope)
        record[label_col] = label.label
        record[f"{label_col}_raw"] = raw
        record[f"{label_col}_ordinal"] = label.ordinal
        record[f"{label_col}_role"] = row_role(label.label, label.of_which) if raw else None


def _assign_roles(
    frame: pd.DataFrame, table_id: str, label_columns: list[str], unit_name: str | None, year: int | None
) -> None:
    """Each row's role in the table's structure, its code where the table prints none."""
    label_across_both_sides(frame)
    for label_col in label_columns:
        if table_spec(table_id).rows == "summary":
            summary_total_roles(frame, f"{label_col}_role")
        mark_carryover_parts(frame, f"{label_col}_role", f"{label_col}_ordinal")
        mark_nested_parts(frame, f"{label_col}_role", f"{label_col}_raw")
    primary = label_columns[0] if label_columns else None
    frame["role"] = frame[f"{primary}_role"].fillna("line") if primary else "line"
    assign_codes(frame, table_id, label_columns, year)
    assign_hierarchy_roles(frame, table_id, unit_name)
