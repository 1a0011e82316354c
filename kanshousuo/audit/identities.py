"""Accounting identities within one table and across tables, each with its condition.

Every check compares exact decimals. The tolerance is the rounding the printed figures can
carry (尾差): half a unit of the last printed digit of each summand. A difference within it is a
warning ("rounding can explain it"); beyond it, an error; none, an ok record, so a reader sees
every identity that was checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from kanshousuo.amounts import half_unit
from kanshousuo.audit.findings import Finding, compare
from kanshousuo.catalog import ECONOMIC_TABLES

FUNCTIONAL_TABLES = (
    "income",
    "expenditure",
    "general_budget_expenditure",
    "appropriation_expenditure",
    "gov_fund_expenditure",
    "state_capital",
)
ROW_IDENTITIES = {
    # table: (total column, parts); the condition is that the table prints these columns
    "expenditure": ("total", ("basic", "project", "reserve", "carryover_next_year")),
    "general_budget_expenditure": ("total", ("basic", "project")),
    "appropriation_expenditure": ("total", ("basic", "project")),
    "gov_fund_expenditure": ("total", ("basic", "project")),
    "basic_expenditure_economic": ("total", ("personnel", "public_use")),
    "appropriation_basic_economic": ("total", ("personnel", "public_use")),
    "income": ("total", ("general_budget", "gov_fund", "state_capital", "fiscal_special_account", "unit_funds")),
    "projects": ("total", ("general_budget", "gov_fund", "state_capital", "fiscal_special_account", "unit_funds")),
    "projects_carryover": (
        "total",
        ("general_budget", "gov_fund", "state_capital", "fiscal_special_account", "unit_funds"),
    ),
    "three_public": ("total", ("general_budget", "gov_fund", "state_capital")),
    "operating_costs": ("total", ("general_budget", "gov_fund", "state_capital")),
    "income_expenditure_summary": ("expenditure_total", ("expenditure_current_year", "expenditure_carryover")),
    "appropriation_summary": (
        "expenditure_total",
        ("expenditure_general_budget", "expenditure_gov_fund", "expenditure_state_capital"),
    ),
}


def _where(rows: Iterable[pd.Series]) -> str:
    return "; ".join(f"{r['table']} {r['source']} {r['label'] or r['code'] or ''} [{r['column']}]" for r in rows)


def sum_check(check: str, total: pd.Series, parts: list[pd.Series], message: str) -> Finding:
    """total = Σ parts, with the rounding tolerance of the parts, in the total's unit.

    Tables of one document may print different units (Shanghai: 元, but 三公 in 万元): each part
    is converted exactly (Decimal) to the total's unit before it is added.
    """

    def scale(part: pd.Series) -> Decimal:
        return Decimal(int(part["unit_factor"])) / Decimal(int(total["unit_factor"]))

    actual = sum((p["amount"] * scale(p) for p in parts), Decimal(0))
    tolerance = sum((half_unit(p["amount"]) * scale(p) for p in parts), Decimal(0))
    if any(scale(p) != 1 for p in parts):  # a figure rounded to 万元 compared with figures in 元
        tolerance += half_unit(total["amount"])
    return compare(check, message, _where([total, *parts]), total["amount"], actual, tolerance)


def check_row_totals(amounts: pd.DataFrame) -> list[Finding]:
    """Every row's total equals its parts (合计 = 基本支出 + 项目支出; sources add up…)."""
    findings = []
    for table, (total_col, part_cols) in ROW_IDENTITIES.items():
        figures = amounts[amounts["table"] == table]
        for _, row in figures.groupby("row"):
            by_col = {r["column"]: r for _, r in row.iterrows()}
            parts = [by_col[c] for c in part_cols if c in by_col]
            if total_col in by_col and parts and row["role"].iloc[0] != "carryover":
                findings.append(
                    sum_check(
                        "row_total",
                        by_col[total_col],
                        parts,
                        f"行合计等于各分项之和 (row total = sum of its parts: {' + '.join(part_cols)})",
                    )
                )
            elif total_col not in by_col and parts and any(p["amount"] != 0 for p in parts):
                zero = parts[0].copy()
                zero["amount"] = Decimal(0)
                findings.append(
                    sum_check("row_total", zero, parts, "行合计为空但分项有数 (row total blank, parts printed)")
                )
    return findings


def check_code_hierarchy(amounts: pd.DataFrame) -> list[Finding]:
    """类 = Σ款, 款 = Σ项, 合计 = Σ类, in every column of the functional and economic tables."""
    findings = []
    tables = (*FUNCTIONAL_TABLES, *ECONOMIC_TABLES)
    by_code = set(amounts.loc[amounts["code"].notna(), "table"])
    for (table, _column), figures in amounts[amounts["table"].isin(tables)].groupby(["table", "column"]):
        if table not in by_code:
            continue  # printed without codes (Jiangsu's one-row 支出预算总表): no hierarchy to check
        coded = figures[figures["code"].notna()]
        for _, parent in coded.iterrows():
            children = coded[coded["parent_code"] == parent["code"]]
            if children.empty:
                printed_elsewhere = (amounts["table"] == table) & (amounts["parent_code"] == parent["code"])
                if printed_elsewhere.any():
                    findings.append(
                        sum_check(
                            "hierarchy",
                            parent,
                            [],
                            f"{parent['code']} 有数但下级在本列为空 (parent printed, children blank)",
                        )
                    )
                continue
            findings.append(
                sum_check(
                    "hierarchy",
                    parent,
                    [r for _, r in children.iterrows()],
                    f"{parent['code']} 等于下级科目之和 (a code equals the sum of its children)",
                )
            )
        totals = figures[figures["role"] == "total"]
        classes = coded[coded["code"].str.len() == 3]
        for _, total in totals.iterrows():
            if not classes.empty or table not in ECONOMIC_TABLES:
                findings.append(
                    sum_check(
                        "hierarchy",
                        total,
                        [r for _, r in classes.iterrows()],
                        "合计等于各类之和 (the total equals the sum of the classes)",
                    )
                )
    return findings


def _rows(figures: pd.DataFrame, column: str, role: str | None = None, label: str | None = None) -> list[pd.Series]:
    selected = figures[figures["column"] == column]
    if role is not None:
        selected = selected[selected["role"] == role]
    if label is not None:
        selected = selected[selected["label"].fillna("").str.contains(label)]
    return [r for _, r in selected.iterrows()]


def _side_totals(figures: pd.DataFrame, column: str, role: str) -> list[pd.Series]:
    """The figures of one role in an expenditure column; a total printed once across both
    expenditure sides (Jiangsu 2019: by function and by purpose) serves the functional side too."""
    own = _rows(figures, column, role=role)
    if own or column == "expenditure_purpose_amount" or not _rows(figures, column, role="line"):
        return own
    return _rows(figures, "expenditure_purpose_amount", role=role)


def check_summary_tables(amounts: pd.DataFrame) -> list[Finding]:
    """收支总表 and 财政拨款收支总表: both sides' totals, carry-over, 收入总计 = 支出总计."""
    findings = []
    for table in ("income_expenditure_summary", "appropriation_summary"):
        figures = amounts[amounts["table"] == table]
        if figures.empty:
            continue
        income_lines = _rows(figures, "income_amount", role="line")
        income_total = _rows(figures, "income_amount", role="total")
        carry = _rows(figures, "income_amount", role="carryover")
        carry_parts = _rows(figures, "income_amount", role="carryover_part")
        grand_in = _rows(figures, "income_amount", role="grand_total")
        for total in income_total:
            findings.append(sum_check("summary", total, income_lines, "本年收入合计等于各项收入之和 (income total)"))
        for total in grand_in:
            if income_total:
                parts, what = income_total + carry, "收入总计 = 本年收入合计 + 上年结转 (grand total of income)"
            else:  # no 本年收入合计 row printed (Shanghai): the lines themselves
                parts, what = income_lines + carry, "收入总计 = 各项收入 + 上年结转 (grand total of income)"
            findings.append(sum_check("summary", total, parts, what))
        for total in carry:
            if carry_parts:
                findings.append(
                    sum_check("summary", total, carry_parts, "上年结转等于其分项之和 (carry-over by source)")
                )
        for column in sorted(set(figures["column"]) - {"income_amount"}):
            lines = _rows(figures, column, role="line")
            for total in _side_totals(figures, column, "total"):
                findings.append(sum_check("summary", total, lines, f"本年支出合计等于各类支出之和 ({column})"))
            for total in _side_totals(figures, column, "grand_total"):
                subtotal = _side_totals(figures, column, "total") or lines  # Shanghai prints no 本年支出合计
                findings.append(
                    sum_check(
                        "summary", total, subtotal + _rows(figures, column, role="carryover"), f"支出总计 ({column})"
                    )
                )
        for total_in in grand_in:
            for total_out in _side_totals(figures, "expenditure_total", "grand_total"):
                findings.append(sum_check("summary", total_in, [total_out], "收入总计 = 支出总计 (both sides balance)"))
    return findings


def check_income_sources(amounts: pd.DataFrame, table: pd.DataFrame | None) -> list[Finding]:
    """Income printed by source as rows (Jiangsu 2019): a source's 小计 = Σ its lines, and
    收入总计 = Σ the sources (each source's 小计, or its lines where it prints no 小计)."""
    figures = amounts[amounts["table"] == "income_by_source"]
    if figures.empty or table is None:
        return []
    source_of = dict(zip(table["row"], table["source"], strict=True))
    subtotals = _rows(figures, "amount", role="subtotal")
    lines = _rows(figures, "amount", role="line")
    with_subtotal = {source_of[r["row"]] for r in subtotals}
    findings = []
    for subtotal in subtotals:
        parts = [r for r in lines if source_of[r["row"]] == source_of[subtotal["row"]]]
        if parts:
            findings.append(
                sum_check("hierarchy", subtotal, parts, "来源小计等于其各项之和 (a source's subtotal = Σ its lines)")
            )
    sources = subtotals + [r for r in lines if source_of[r["row"]] not in with_subtotal]
    for total in _rows(figures, "amount", role="grand_total"):
        findings.append(sum_check("hierarchy", total, sources, "收入总计等于各来源之和 (grand total = Σ sources)"))
    return findings


def check_procurement(amounts: pd.DataFrame) -> list[Finding]:
    """政府采购 (Jiangsu 2019): 合计 = Σ 大类; a 大类 = Σ its 经济科目 lines; a line = Σ the items
    bought under it. Each row belongs to the row of the level above printed before it."""
    figures = amounts[amounts["table"] == "procurement"].sort_values("row")
    categories: list[tuple[pd.Series, list[pd.Series]]] = []
    lines: list[tuple[pd.Series, list[pd.Series]]] = []
    totals = []
    for _, figure in figures.iterrows():
        if figure["role"] == "total":
            totals.append(figure)
        elif figure["role"] == "subtotal":
            categories.append((figure, []))
        elif figure["role"] == "line" and categories:
            lines.append((figure, []))
            categories[-1][1].append(figure)
        elif figure["role"] == "of_which" and lines:
            lines[-1][1].append(figure)
    findings = [
        sum_check("hierarchy", line, items, "经济科目等于其采购品目之和 (a line = Σ the items bought)")
        for line, items in lines
        if items
    ]
    findings += [
        sum_check("hierarchy", category, parts, "采购大类等于其各行之和 (a category = Σ its lines)")
        for category, parts in categories
    ]
    findings += [
        sum_check("hierarchy", total, [c for c, _ in categories], "采购合计等于各大类之和 (total = Σ categories)")
        for total in totals
    ]
    return findings


THREE_PUBLIC_ITEMS = r"出国|接待|公务用车"


def check_three_public(amounts: pd.DataFrame) -> list[Finding]:
    """三公 = 出国 + 接待 + 公务用车购置及运行; 公务用车购置及运行 = 购置 + 运行维护.

    Where the table also prints other items under its 合计 (Jiangsu 2019: 会议费, 培训费), 三公
    is its 三公经费小计 row, and 合计 = 三公经费小计 + the other items.
    """
    findings = []
    figures = amounts[amounts["table"] == "three_public"]
    for column in sorted(set(figures["column"])):
        abroad = _rows(figures, column, label="出国")
        reception = _rows(figures, column, label="接待")
        vehicles = _rows(figures, column, label="购置及运行")
        purchase = [r for r in _rows(figures, column, label="购置") if "运行" not in r["label"]]
        running = [r for r in _rows(figures, column, label="运行") if "购置" not in r["label"]]
        subtotal = _rows(figures, column, role="subtotal", label="三公")
        others = [r for r in _rows(figures, column, role="line") if not re.search(THREE_PUBLIC_ITEMS, r["label"])]
        for total in subtotal or _rows(figures, column, role="total"):
            findings.append(
                sum_check(
                    "three_public",
                    total,
                    abroad + reception + vehicles,
                    "三公经费 = 因公出国(境) + 公务接待 + 公务用车购置及运行",
                )
            )
        for total in _rows(figures, column, role="total") if subtotal else []:
            findings.append(
                sum_check("three_public", total, subtotal + others, "合计 = 三公经费小计 + 其他各项 (会议费、培训费…)")
            )
        for total in vehicles:
            findings.append(
                sum_check("three_public", total, purchase + running, "公务用车购置及运行费 = 购置费 + 运行维护费")
            )
    return findings


def check_project_hierarchy(amounts: pd.DataFrame) -> list[Finding]:
    """Unit row = Σ its projects; department row = Σ its units (never both counted)."""
    findings = []
    for table in ("projects", "projects_carryover", "operating_costs"):
        figures = amounts[amounts["table"] == table]
        for column in sorted(set(figures["column"])):
            projects = _rows(figures, column, role="project")
            units = _rows(figures, column, role="unit")
            for unit in units:
                findings.append(
                    sum_check("project_hierarchy", unit, projects, "单位行等于其项目之和 (unit = Σ projects)")
                )
            for department in _rows(figures, column, role="department"):
                findings.append(
                    sum_check("project_hierarchy", department, units, "主管部门行等于其单位之和 (department = Σ units)")
                )
            lines = _rows(figures, column, role="line")
            if any(isinstance(r["code"], str) for r in lines):  # rows by economic code: classes only
                lines = [r for r in lines if r["code_level"] == "class"]
            for total in _rows(figures, column, role="total"):
                findings.append(
                    sum_check(
                        "project_hierarchy",
                        total,
                        units or lines,
                        "合计等于各行之和 (total = Σ rows)",
                    )
                )
    return findings


def _one(amounts: pd.DataFrame, table: str, column: str, **where: str) -> list[pd.Series]:
    rows = amounts[(amounts["table"] == table) & (amounts["column"] == column)]
    for key, value in where.items():
        rows = rows[rows[key].fillna("").str.contains(value)] if key == "label" else rows[rows[key] == value]
    return [r for _, r in rows.iterrows()]


def _agree(
    check: str, left: list[pd.Series], right: list[pd.Series], message: str, severity: str = "error"
) -> list[Finding]:
    if len(left) != 1 or not right:
        return []
    finding = sum_check(check, left[0], right, message)
    if severity != "error" and finding.severity == "error":
        finding = finding.with_severity(severity)
    return [finding]


def check_across_tables(amounts: pd.DataFrame, unit_is_administrative: bool) -> list[Finding]:
    """Every figure that the standard set prints in two places agrees."""
    a = amounts
    f: list[Finding] = []
    summary = "income_expenditure_summary"
    f += _agree(
        "cross_table",
        _one(a, summary, "income_amount", role="total"),
        _one(a, "income", "total", role="total"),
        "收支总表本年收入合计 = 收入总表合计 (summary ↔ income)",
    )
    f += _agree(
        "cross_table",
        _one(a, summary, "income_amount", role="carryover"),
        _one(a, "income", "carryover", role="total"),
        "收支总表上年结转 = 收入总表上年结转 (summary ↔ income)",
    )
    for source, label in (
        ("general_budget", "一般公共预算"),
        ("gov_fund", "政府性基金"),
        ("unit_funds", "单位资金"),
        ("state_capital", "国有资本经营"),
        ("fiscal_special_account", "财政专户"),
    ):
        f += _agree(
            "cross_table",
            _one(a, summary, "income_amount", role="line", label=label),
            _one(a, "income", source, role="total"),
            f"收支总表{label} = 收入总表{label} (summary ↔ income)",
        )
        f += _agree(
            "cross_table",
            _one(a, "appropriation_summary", "income_amount", role="line", label=label),
            _one(a, "income", source, role="total"),
            f"财政拨款收支总表{label} = 收入总表 (appropriation ↔ income)",
        )
    f += _agree(
        "cross_table",
        _side_totals(a[a["table"] == summary], "expenditure_total", "grand_total"),
        _one(a, "expenditure", "total", role="total"),
        "收支总表支出总计 = 支出总表合计 (summary ↔ expenditure)",
    )
    f += _across_template_variants(a)
    for code in sorted(set(a.loc[(a["table"] == summary) & a["code"].notna(), "code"])):
        f += _agree(
            "cross_table",
            _one(a, summary, "expenditure_total", code=code),
            _one(a, "expenditure", "total", code=code),
            f"{code} 收支总表 = 支出总表 (summary ↔ expenditure)",
        )
        f += _agree(
            "cross_table",
            _one(a, summary, "expenditure_current_year", code=code),
            _one(a, "income", "total", code=code),
            f"{code} 当年预算安排 = 收入总表本年收入 (summary ↔ income)",
        )
        f += _agree(
            "cross_table",
            _one(a, summary, "expenditure_carryover", code=code),
            _one(a, "income", "carryover", code=code),
            f"{code} 上年结转安排 = 收入总表上年结转",
        )
    for code in sorted(set(a.loc[(a["table"] == "general_budget_expenditure") & a["code"].notna(), "code"])):
        f += _agree(
            "cross_table",
            _one(a, "general_budget_expenditure", "total", code=code),
            _one(a, "income", "general_budget", code=code),
            f"{code} 一般公共预算支出表 = 收入总表一般公共预算 (general budget ↔ income)",
        )
    f += _agree(
        "cross_table",
        _one(a, "general_budget_expenditure", "basic", role="total"),
        _one(a, "basic_expenditure_economic", "total", role="total"),
        "一般公共预算基本支出 = 经济科目表合计 (general budget ↔ economic)",
    )
    f += _agree(
        "cross_table",
        _one(a, "projects", "general_budget", role="unit") or _one(a, "projects", "general_budget", role="total"),
        _one(a, "general_budget_expenditure", "project", role="total"),
        "项目支出表一般公共预算 = 一般公共预算支出表项目支出 (projects ↔ general budget)",
    )
    project_total = _one(a, "projects", "total", role="unit") or _one(a, "projects", "total", role="total")
    carry_total = _one(a, "projects_carryover", "total", role="department") or _one(
        a, "projects_carryover", "total", role="unit"
    )
    f += _agree(
        "cross_table",
        _one(a, "expenditure", "project", role="total"),
        project_total + carry_total[:1],
        "支出总表项目支出 = 本年项目 + 上年结转项目 (expenditure ↔ project tables)",
    )
    f += _agree(
        "cross_table",
        _one(a, "income", "carryover", role="total"),
        carry_total[:1],
        "收入总表上年结转 = 项目支出表(上年结转) (income ↔ carry-over projects)",
    )
    f += _agree(
        "cross_table",
        _one(a, "gov_fund_expenditure", "total", role="total"),
        _one(a, "income", "gov_fund", role="total"),
        "政府性基金支出表 = 收入总表政府性基金 (gov fund ↔ income)",
    )
    f += _agree(
        "cross_table",
        _one(a, "gov_fund_income", "amount", role="total"),
        _one(a, "income", "gov_fund", role="total"),
        "政府性基金收入表 = 收入总表政府性基金",
    )
    # 三公 ↔ economic items: holds when the 三公 money is all basic spending (warning otherwise)
    f += _agree(
        "cross_table",
        _one(a, "three_public", "total", label="运行维护"),
        _one(a, "basic_expenditure_economic", "total", code="30231"),
        "三公公务用车运行维护费 = 经济科目公务用车运行维护费 (holds when no project money pays for it)",
        severity="warning",
    )
    f += _agree(
        "cross_table",
        _one(a, "three_public", "total", label="接待"),
        _one(a, "basic_expenditure_economic", "total", code="30217"),
        "三公公务接待费 = 经济科目公务接待费 (holds when no project money pays for it)",
        severity="warning",
    )
    operating = [r for r in _one(a, "operating_costs", "total") if r["role"] in ("total", "unit", "line")][:1]
    public_use = _one(a, "basic_expenditure_economic", "public_use", role="total")
    if unit_is_administrative:
        f += _agree(
            "cross_table",
            operating,
            public_use,
            "机关运行经费 = 公用经费 (holds for administrative and 参公 units; the text says this is one)",
        )
    elif operating and public_use and operating[0]["amount"] > public_use[0]["amount"]:
        f += _agree("cross_table", operating, public_use, "机关运行经费 ≤ 公用经费 (other unit types)")
    for econ, functional in (
        ("30108", "2080505"),
        ("30109", "2080506"),
        ("30110", "2101101"),
        ("30111", "2101103"),
        ("30113", "2210201"),
    ):
        f += _agree(
            "conventional_link",
            _one(a, "basic_expenditure_economic", "total", code=econ),
            _one(a, "general_budget_expenditure", "total", code=functional),
            f"经济科目 {econ} 与功能科目 {functional} 通常相等 (conventional link, reported as info)",
            severity="info",
        )
    return f


def _across_template_variants(a: pd.DataFrame) -> list[Finding]:
    """The tables some templates add (Jiangsu 2019): income by source, spending by purpose,
    财政拨款 spending by function and by economic item, each against the tables it restates."""
    f: list[Finding] = []
    summary = "income_expenditure_summary"
    f += _agree(
        "cross_table",
        _one(a, summary, "income_amount", role="grand_total"),
        _one(a, "income_by_source", "amount", role="grand_total"),
        "收支总表收入总计 = 收入总表收入总计 (summary ↔ income by source)",
    )
    for label in ("一般公共预算", "政府性基金", "财政专户", "其他资金"):
        printed = [r for r in _one(a, summary, "income_amount", label=label) if r["role"] in ("line", "of_which")]
        f += _agree(
            "cross_table",
            printed,
            _one(a, "income_by_source", "amount", role="subtotal", label=label),
            f"收支总表{label} = 收入总表{label}小计 (summary ↔ income by source)",
        )
    for column, label in (("basic", "基本支出"), ("project", "项目支出"), ("reserve", "预留机动")):
        for table in (summary, "appropriation_summary"):
            f += _agree(
                "cross_table",
                _one(a, table, "expenditure_purpose_amount", role="line", label=label),
                _one(a, "expenditure", column, role="total"),
                f"{table} 支出用途{label} = 支出总表{label} (spending by purpose ↔ expenditure)",
            )
    f += _agree(
        "cross_table",
        _one(a, "appropriation_summary", "expenditure_purpose_amount", role="total"),
        _one(a, "appropriation_expenditure", "total", role="total"),
        "财政拨款收支总表支出合计 = 财政拨款支出表合计 (appropriation summary ↔ by function)",
    )
    funded = ("general_budget_expenditure", "gov_fund_expenditure", "state_capital")
    f += _agree(
        "cross_table",
        _one(a, "appropriation_expenditure", "total", role="total"),
        [r for table in funded for r in _one(a, table, "total", role="total")],
        "财政拨款支出表 = 一般公共预算 + 政府性基金 + 国有资本经营支出表 (appropriation ↔ its budgets)",
    )
    for code in sorted(set(a.loc[(a["table"] == "appropriation_expenditure") & a["code"].notna(), "code"])):
        f += _agree(
            "cross_table",
            _one(a, "appropriation_expenditure", "total", code=code),
            [r for table in funded for r in _one(a, table, "total", code=code)],
            f"{code} 财政拨款支出表 = 各预算支出表之和 (appropriation ↔ its budgets)",
        )
    f += _agree(
        "cross_table",
        _one(a, "appropriation_basic_economic", "total", role="total"),
        _one(a, "basic_expenditure_economic", "total", role="total")
        + _one(a, "gov_fund_expenditure", "basic", role="total"),
        "财政拨款基本支出 = 一般公共预算基本支出 + 政府性基金基本支出 (appropriation ↔ economic tables)",
    )
    return f


def unit_is_administrative(part_1_text: str) -> bool:
    """True when the 概况 says the body is an administrative or 参公 unit (是行政单位 / 参照公务员法管理)."""
    return bool(re.search(r"是行政单位|为行政单位|行政机关|参照公务员法管理|参公", part_1_text))
