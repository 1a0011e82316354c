"""What each row is in its table's structure (line, total, carry-over, 其中, unit, project…), read from labels."""

from __future__ import annotations

import re

import pandas as pd

from kanshousuo.catalog.classifications import economic_code_by_name, functional_class_by_name
from kanshousuo.catalog.tables import table_spec
from kanshousuo.text.patterns import CN_NUMERAL

_CARRYOVER = re.compile(
    r"(上年|年初).{0,6}结转|结转.{0,6}(上年|年初)|^年终结转|^结转下年|^年末.{0,6}结转|^结余分配|^使用.{0,12}结余"
)


def row_role(label: str, of_which: bool) -> str:
    """What a row is in the table's structure, read from its normalised label.

    >>> row_role("本年收入合计", False), row_role("收入总计", False), row_role("上年结转", False)
    ('total', 'grand_total', 'carryover')
    >>> row_role("年末结转和结余", False), row_role("使用非财政拨款结余(含专用结余)", False)
    ('carryover', 'carryover')
    """
    if of_which:
        return "of_which"
    if "总计" in label:
        return "grand_total"
    if "小计" in label:
        return "subtotal"
    if "合计" in label:
        return "total"
    if _CARRYOVER.search(label):
        return "carryover"
    return "line"


def code_for_label(table_id: str, label: str, year: int | None = None) -> str | None:
    """A code for rows that print none, from the explicit class and item name tables (economic
    items by their names in force in the document's year).

    >>> code_for_label("income_expenditure_summary", "公共安全支出")
    '204'
    >>> code_for_label("basic_expenditure_economic", "基本工资")
    '30101'
    """
    table = table_spec(table_id)
    if table.code_scheme == "economic":
        return economic_code_by_name(year).get(label)
    if table.rows == "summary":
        return functional_class_by_name().get(label)
    return None


def label_across_both_sides(frame: pd.DataFrame) -> None:
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


def summary_total_roles(frame: pd.DataFrame, role_col: str) -> None:
    """A summary side printed as 小计 + 结转 = 合计, with no 总计 (Jiangsu 2019), has the
    structure of 合计 + 结转 = 总计: its 小计 is the year's total and its 合计 the grand total."""
    roles = set(frame[role_col].dropna())
    if "subtotal" in roles and "grand_total" not in roles:
        frame[role_col] = frame[role_col].map({"subtotal": "total", "total": "grand_total"}).fillna(frame[role_col])


def mark_carryover_parts(frame: pd.DataFrame, role_col: str, ordinal_col: str) -> None:
    """Numbered rows printed under a carry-over row break the carry-over down by source."""
    roles = frame[role_col].tolist()  # one pass over lists: cell by cell access is slow on long tables
    numbered = frame[ordinal_col].notna().tolist()
    after_carryover = False
    for i, role in enumerate(roles):
        if role == "carryover":
            after_carryover = True
        elif role is None or role != "line" or not numbered[i]:
            after_carryover = after_carryover and role is None
        elif after_carryover:
            roles[i] = "carryover_part"
    frame[role_col] = pd.Series(roles, index=frame.index, dtype=frame[role_col].dtype)


_CHINESE_ORDINAL = re.compile(rf"^\s*{CN_NUMERAL}[、.．]")

_ARABIC_ORDINAL = re.compile(r"^\s*\d{1,2}[、.．](?!\d)")


def mark_nested_parts(frame: pd.DataFrame, role_col: str, raw_col: str) -> None:
    """Rows numbered 1、2、 under a row numbered 一、 are its parts (Shanghai: 一、财政拨款收入 then
    1、一般公共预算资金): like 其中 rows they are never summed with the lines."""
    roles = frame[role_col].tolist()
    under_chinese = False
    for i, value in enumerate(frame[raw_col].tolist()):
        raw = str(value or "")
        if _CHINESE_ORDINAL.match(raw):
            under_chinese = True
        elif under_chinese and _ARABIC_ORDINAL.match(raw) and roles[i] == "line":
            roles[i] = "of_which"
        elif raw.strip():
            under_chinese = False
    frame[role_col] = pd.Series(roles, index=frame.index, dtype=frame[role_col].dtype)


def assign_codes(frame: pd.DataFrame, table_id: str, label_columns: list[str], year: int | None = None) -> None:
    """The row's code: as printed; where the table prints none, read from its label (economic
    items by their names in the document's year). A printed code is never replaced."""
    if "code" not in frame.columns:
        for label_col in label_columns:
            frame[f"{label_col}_code"] = [code_for_label(table_id, str(v), year) for v in frame[label_col]]
        if table_spec(table_id).code_scheme == "economic" and label_columns:
            by_label = frame[f"{label_columns[0]}_code"]
            printed = frame["dept_econ_code"] if "dept_econ_code" in frame.columns else None
            frame["code"] = by_label if printed is None else printed.where(printed.notna(), by_label)
    if "code" in frame.columns:
        frame["code"] = frame["code"].astype("object").where(frame["code"].notna(), None)


PROCUREMENT_ROLES = {"合计": "total", "大类": "subtotal", "经济科目": "line", "品目": "of_which"}


def assign_hierarchy_roles(frame: pd.DataFrame, table_id: str, unit_name: str | None) -> None:
    """In project tables, tell the department and unit rows from the projects under them.

    A row named like the unit is the unit's subtotal; a first row directly above the unit row is
    the department (主管部门). Everything else is a project. The rows are never summed together.
    In the procurement table the level read by `kanshousuo.layouts` gives the role.
    """
    rows = table_spec(table_id).rows
    if rows == "procurement" and "level" in frame.columns:
        frame["role"] = frame["level"].map(PROCUREMENT_ROLES).fillna("line")  # 大类 ⊃ 经济科目 ⊃ 品目
        return
    if rows != "projects" or "project_name" not in frame.columns:
        return
    names = frame["project_name"].tolist()
    roles = frame["role"].tolist()
    for i, name in enumerate(names):
        if roles[i] != "line":
            continue
        if unit_name and name == unit_name:
            roles[i] = "unit"
        elif i == 0 and unit_name and len(names) > 1 and names[1] == unit_name:
            roles[i] = "department"
        else:
            roles[i] = "project"
    frame["role"] = pd.Series(roles, index=frame.index, dtype=frame["role"].dtype)
