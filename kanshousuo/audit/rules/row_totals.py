"""Every row's total equals its parts (合计 = 基本支出 + 项目支出; sources add up…)."""

from __future__ import annotations

from decimal import Decimal

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import sum_check

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


@rule(order=10)
def check_row_totals(doc) -> list[Finding]:
    """Every row's total equals its parts (合计 = 基本支出 + 项目支出; sources add up…)."""
    amounts = doc.amounts
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
