"""Turn the printed rows of one table into a DataFrame with canonical English columns.

Header rows are recognised by their vocabulary (`header_words.csv`), their cells are stacked per
column into a key such as `本年收入/一般公共预算`, and the key is matched against the table's
column patterns (`columns.csv`). Data rows keep their cells as printed, with the figures parsed
to exact decimals, the label normalised beside the raw label, and the code as a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from kanshousuo.amounts import AmountError, looks_like_amount, parse_amount
from kanshousuo.catalog import (
    ECONOMIC_TABLES,
    ColumnSpec,
    column_specs,
    economic_code_by_name,
    functional_class_by_name,
    read_package_csv,
)
from kanshousuo.codes import join_code, parse_code
from kanshousuo.labels import clean_text, normalize_label
from kanshousuo.textsource import Row, TableBlock

_YEAR = re.compile(r"\d{4}年?度?")
TOTAL_LABELS = re.compile(r"^(合计|总计|部门合计|单位合计)$")
SUMMARY_TABLES = ("income_expenditure_summary", "appropriation_summary")


@cache
def _header_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"]) for row in read_package_csv("header_words.csv"))


def header_cell_key(cell: str) -> str:
    """A header cell as it is matched: cleaned, the year replaced by Y.

    >>> header_cell_key("2026年 合计"), header_cell_key("政府性 基金预 算")
    ('Y合计', '政府性基金预算')
    """
    return _YEAR.sub("Y", clean_text(cell))


def is_column_number_row(cells: list[str]) -> bool:
    """The row of column numbers (1 2 3 …) printed under some headers.

    >>> is_column_number_row(["1", "2", "3"]), is_column_number_row(["204", "公安"])
    (True, False)
    """
    values = [c.strip() for c in cells if c.strip()]
    return len(values) >= 2 and values == [str(i) for i in range(1, len(values) + 1)]


def is_header_row(cells: list[str]) -> bool:
    """True when every non-empty cell is heading vocabulary, and the row has no figure."""
    values = [header_cell_key(c) for c in cells if c.strip()]
    if not values or is_column_number_row(cells):
        return bool(values)
    if TOTAL_LABELS.match(values[0]) and cells[0].strip():
        return False
    if any(looks_like_amount(c) for c in cells) or parse_code(cells[0]):
        return False
    return all(any(p.search(v) for p in _header_patterns()) for v in values)


def split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Leading header rows and the data rows after them; repeated headers later are dropped."""
    header: list[Row] = []
    index = 0
    while index < len(rows) and is_header_row(rows[index].cells):
        header.append(rows[index])
        index += 1
    signatures = {tuple(clean_text(c) for c in row.cells) for row in header}
    data = [
        row
        for row in rows[index:]
        if tuple(clean_text(c) for c in row.cells) not in signatures and not is_column_number_row(row.cells)
    ]
    return header, data


def column_keys(header: list[Row], width: int) -> list[str]:
    """Stack the header cells of each column into one key (merged cells filled to the right)."""
    stacked: list[list[str]] = [[] for _ in range(width)]
    rows = [r for r in header if not is_column_number_row(r.cells)]
    for position, row in enumerate(rows):
        cells = [header_cell_key(c) for c in row.cells] + [""] * (width - len(row.cells))
        if position < len(rows) - 1:
            for j in range(1, width):
                if not cells[j] and cells[j - 1]:
                    cells[j] = cells[j - 1]
        for j in range(width):
            if cells[j] and (not stacked[j] or stacked[j][-1] != cells[j]):
                stacked[j].append(cells[j])
    return ["/".join(parts) for parts in stacked]


def map_columns(keys: list[str], specs: tuple[ColumnSpec, ...]) -> dict[int, ColumnSpec]:
    """Assign each physical column the first unused canonical column whose pattern matches."""
    used: set[str] = set()
    mapping: dict[int, ColumnSpec] = {}
    for j, key in enumerate(keys):
        if not key:
            continue
        for spec in specs:
            if spec.column not in used and spec.pattern.search(key):
                mapping[j] = spec
                used.add(spec.column)
                break
    return mapping


def share_repeated_keys(keys: list[str], mapping: dict[int, ColumnSpec]) -> dict[int, ColumnSpec]:
    """Amount columns with the same header key take the matched columns so that each one reads
    the label column nearest on its left.

    Jiangsu 2019 prints the functional side's 金额 under the 支出用途 heading, so both amount
    columns of the expenditure side are keyed 支出/支出用途/金额; the first belongs to the
    functional names printed left of it.
    """
    labels = sorted(j for j, spec in mapping.items() if spec.kind == "label")
    repeated: dict[str, list[int]] = {}
    for j, spec in sorted(mapping.items()):
        if spec.kind == "amount":
            repeated.setdefault(keys[j], []).append(j)
    shared = dict(mapping)
    for columns in (c for c in repeated.values() if len(c) > 1):
        pool = [mapping[j] for j in columns]
        for j in columns:
            left = max((label for label in labels if label < j), default=None)
            wanted = mapping[left].column if left is not None else None
            spec = next((s for s in pool if s.label_column == wanted), pool[0])
            shared[j] = spec
            pool.remove(spec)
    return shared


def row_role(label: str, of_which: bool) -> str:
    """What a row is in the table's structure, read from its normalised label.

    >>> row_role("本年收入合计", False), row_role("收入总计", False), row_role("上年结转", False)
    ('total', 'grand_total', 'carryover')
    """
    if of_which:
        return "of_which"
    if "总计" in label:
        return "grand_total"
    if "小计" in label:
        return "subtotal"
    if "合计" in label:
        return "total"
    if re.search(r"(上年|年初).*结转|结转.*(上年|年初)|^年终结转|^结转下年", label):
        return "carryover"
    return "line"


def code_for_label(table_id: str, label: str) -> str | None:
    """A code for rows that print none, from the explicit class and item name tables.

    >>> code_for_label("income_expenditure_summary", "公共安全支出")
    '204'
    >>> code_for_label("basic_expenditure_economic", "基本工资")
    '30101'
    """
    if table_id in ECONOMIC_TABLES:
        return economic_code_by_name().get(label)
    if table_id in SUMMARY_TABLES:
        return functional_class_by_name().get(label)
    return None


@dataclass
class BuiltTable:
    """A canonical table and what building it noticed."""

    frame: pd.DataFrame
    columns: dict[str, ColumnSpec]
    warnings: list[str] = field(default_factory=list)


def build_table(block: TableBlock, unit_name: str | None = None) -> BuiltTable:
    """Build the canonical DataFrame of one printed table."""
    specs = column_specs(block.table_id)
    header, data = split_header(block.rows)
    width = max((len(r.cells) for r in block.rows), default=0)
    keys = column_keys(header, width)
    mapping = share_repeated_keys(keys, map_columns(keys, specs))
    warnings = []
    for j in range(width):
        if j not in mapping and any(j < len(r.cells) and r.cells[j].strip() for r in data):
            warnings.append(
                f"{block.table_id}: column {j + 1} ({'page' if block.page else 'line'} {block.title_line}) "
                "matches no catalog column"
            )
    columns = {spec.column: spec for spec in mapping.values()}
    label_columns = [s.column for s in mapping.values() if s.kind == "label"]
    records = []
    for index, row in enumerate(data):
        cells = row.cells + [""] * (width - len(row.cells))
        record: dict[str, object] = {"row": index, "line": row.line, "page": row.page}
        code_parts: list[str] = []
        for j, spec in mapping.items():
            cell = cells[j].strip()
            if spec.kind == "amount":
                try:
                    record[spec.column] = parse_amount(cell)
                except AmountError:
                    warnings.append(f"{block.table_id} {row.where}: {cell!r} in {spec.column} is not a figure")
                    record[spec.column] = None
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
        code_text = record.pop("_code_text", "")
        for position, label_col in enumerate(label_columns):
            raw = str(record.get(label_col) or (code_text if position == 0 else ""))
            label = normalize_label(raw)
            record[label_col] = label.label
            record[f"{label_col}_raw"] = raw
            record[f"{label_col}_ordinal"] = label.ordinal
            record[f"{label_col}_role"] = row_role(label.label, label.of_which) if raw else None
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if not frame.empty:
        _label_across_both_sides(frame)
        for label_col in label_columns:
            if block.table_id in SUMMARY_TABLES:
                _summary_total_roles(frame, f"{label_col}_role")
            _mark_carryover_parts(frame, f"{label_col}_role", f"{label_col}_ordinal")
            _mark_nested_parts(frame, f"{label_col}_role", f"{label_col}_raw")
        primary = label_columns[0] if label_columns else None
        frame["role"] = frame[f"{primary}_role"].fillna("line") if primary else "line"
        _assign_codes(frame, block.table_id, label_columns)
        _assign_hierarchy_roles(frame, block.table_id, unit_name)
    return BuiltTable(frame=frame, columns=columns, warnings=warnings)


def _label_across_both_sides(frame: pd.DataFrame) -> None:
    """A total printed across both expenditure sides (Jiangsu 2019: 当年支出小计 in a cell merged
    over the functional side, its figure in the purpose side's last column) labels both sides."""
    if not {"expenditure_item", "expenditure_purpose_item", "expenditure_purpose_amount"} <= set(frame.columns):
        return
    across = (
        (frame["expenditure_purpose_item_raw"] == "")
        & frame["expenditure_purpose_amount"].notna()
        & (frame["expenditure_item_raw"] != "")
    )
    for suffix in ("", "_raw", "_ordinal", "_role"):
        frame.loc[across, f"expenditure_purpose_item{suffix}"] = frame.loc[across, f"expenditure_item{suffix}"]


def _summary_total_roles(frame: pd.DataFrame, role_col: str) -> None:
    """A summary side printed as 小计 + 结转 = 合计, with no 总计 (Jiangsu 2019), has the
    structure of 合计 + 结转 = 总计: its 小计 is the year's total and its 合计 the grand total."""
    roles = set(frame[role_col].dropna())
    if "subtotal" in roles and "grand_total" not in roles:
        frame[role_col] = frame[role_col].map({"subtotal": "total", "total": "grand_total"}).fillna(frame[role_col])


def _mark_carryover_parts(frame: pd.DataFrame, role_col: str, ordinal_col: str) -> None:
    """Numbered rows printed under a carry-over row break the carry-over down by source."""
    after_carryover = False
    for i in frame.index:
        role = frame.at[i, role_col]
        if role == "carryover":
            after_carryover = True
        elif role is None or role != "line" or pd.isna(frame.at[i, ordinal_col]):
            after_carryover = after_carryover and role is None
        elif after_carryover:
            frame.at[i, role_col] = "carryover_part"


_CHINESE_ORDINAL = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")
_ARABIC_ORDINAL = re.compile(r"^\s*\d{1,2}[、.．](?!\d)")


def _mark_nested_parts(frame: pd.DataFrame, role_col: str, raw_col: str) -> None:
    """Rows numbered 1、2、 under a row numbered 一、 are its parts (Shanghai: 一、财政拨款收入 then
    1、一般公共预算资金): like 其中 rows they are never summed with the lines."""
    under_chinese = False
    for i in frame.index:
        raw = str(frame.at[i, raw_col] or "")
        if _CHINESE_ORDINAL.match(raw):
            under_chinese = True
        elif under_chinese and _ARABIC_ORDINAL.match(raw) and frame.at[i, role_col] == "line":
            frame.at[i, role_col] = "of_which"
        elif raw.strip():
            under_chinese = False


def _assign_codes(frame: pd.DataFrame, table_id: str, label_columns: list[str]) -> None:
    if "code" not in frame.columns:
        for label_col in label_columns:
            frame[f"{label_col}_code"] = [code_for_label(table_id, str(v)) for v in frame[label_col]]
        if table_id in ECONOMIC_TABLES and label_columns:
            frame["code"] = frame[f"{label_columns[0]}_code"]
    if "code" in frame.columns:
        frame["code"] = frame["code"].astype("object").where(frame["code"].notna(), None)


PROCUREMENT_ROLES = {"合计": "total", "大类": "subtotal", "经济科目": "line", "品目": "of_which"}


def _assign_hierarchy_roles(frame: pd.DataFrame, table_id: str, unit_name: str | None) -> None:
    """In project tables, tell the department and unit rows from the projects under them.

    A row named like the unit is the unit's subtotal; a first row directly above the unit row is
    the department (主管部门). Everything else is a project. The rows are never summed together.
    In the procurement table the level read by `kanshousuo.layouts` gives the role.
    """
    if table_id == "procurement" and "level" in frame.columns:
        frame["role"] = frame["level"].map(PROCUREMENT_ROLES).fillna("line")  # 大类 ⊃ 经济科目 ⊃ 品目
        return
    if table_id not in {"projects", "projects_carryover"} or "project_name" not in frame.columns:
        return
    names = frame["project_name"].tolist()
    for i, name in enumerate(names):
        if frame.at[i, "role"] != "line":
            continue
        if unit_name and name == unit_name:
            frame.at[i, "role"] = "unit"
        elif i == 0 and unit_name and len(names) > 1 and names[1] == unit_name:
            frame.at[i, "role"] = "department"
        else:
            frame.at[i, "role"] = "project"
