"""Every figure the standard set prints in two places agrees."""

from __future__ import annotations

import re

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import agree, figures_at, side_totals


@rule(order=80)
def check_across_tables(doc) -> list[Finding]:
    """Every figure that the standard set prints in two places agrees."""
    a = doc.amounts
    return [
        *_summary_and_income(a),
        *_by_code(a),
        *_budgets_and_projects(a),
        *_three_public_and_operating_costs(a, unit_is_administrative(doc.part_text(1))),
        *_conventional_links(a),
    ]


def _summary_and_income(a: pd.DataFrame) -> list[Finding]:
    """The summary's income lines and totals against the income table (and a template's variants)."""
    f: list[Finding] = []
    summary = "income_expenditure_summary"
    f += agree(
        "cross_table",
        figures_at(a, summary, "income_amount", role="total"),
        figures_at(a, "income", "total", role="total"),
        "收支总表本年收入合计 = 收入总表合计 (summary ↔ income)",
    )
    f += agree(
        "cross_table",
        figures_at(a, summary, "income_amount", role="carryover"),
        figures_at(a, "income", "carryover", role="total"),
        "收支总表上年结转 = 收入总表上年结转 (summary ↔ income)",
    )
    for source, label in (
        ("general_budget", "一般公共预算"),
        ("gov_fund", "政府性基金"),
        ("unit_funds", "单位资金"),
        ("state_capital", "国有资本经营"),
        ("fiscal_special_account", "财政专户"),
    ):
        f += agree(
            "cross_table",
            figures_at(a, summary, "income_amount", role="line", label=label),
            figures_at(a, "income", source, role="total"),
            f"收支总表{label} = 收入总表{label} (summary ↔ income)",
        )
        f += agree(
            "cross_table",
            figures_at(a, "appropriation_summary", "income_amount", role="line", label=label),
            figures_at(a, "income", source, role="total"),
            f"财政拨款收支总表{label} = 收入总表 (appropriation ↔ income)",
        )
    f += agree(
        "cross_table",
        side_totals(a[a["table"] == summary], "expenditure_total", "grand_total"),
        figures_at(a, "expenditure", "total", role="total"),
        "收支总表支出总计 = 支出总表合计 (summary ↔ expenditure)",
    )
    f += _across_template_variants(a)
    return f


def _by_code(a: pd.DataFrame) -> list[Finding]:
    """Per functional code: summary ↔ expenditure and income; general budget ↔ income."""
    f: list[Finding] = []
    summary = "income_expenditure_summary"
    for code in sorted(set(a.loc[(a["table"] == summary) & a["code"].notna(), "code"])):
        f += agree(
            "cross_table",
            figures_at(a, summary, "expenditure_total", code=code),
            figures_at(a, "expenditure", "total", code=code),
            f"{code} 收支总表 = 支出总表 (summary ↔ expenditure)",
        )
        f += agree(
            "cross_table",
            figures_at(a, summary, "expenditure_current_year", code=code),
            figures_at(a, "income", "total", code=code),
            f"{code} 当年预算安排 = 收入总表本年收入 (summary ↔ income)",
        )
        f += agree(
            "cross_table",
            figures_at(a, summary, "expenditure_carryover", code=code),
            figures_at(a, "income", "carryover", code=code),
            f"{code} 上年结转安排 = 收入总表上年结转",
        )
    for code in sorted(set(a.loc[(a["table"] == "general_budget_expenditure") & a["code"].notna(), "code"])):
        f += agree(
            "cross_table",
            figures_at(a, "general_budget_expenditure", "total", code=code),
            figures_at(a, "income", "general_budget", code=code),
            f"{code} 一般公共预算支出表 = 收入总表一般公共预算 (general budget ↔ income)",
        )
    return f


def _budgets_and_projects(a: pd.DataFrame) -> list[Finding]:
    """General budget ↔ economic table, project tables ↔ expenditure and income, government funds."""
    f: list[Finding] = []
    f += agree(
        "cross_table",
        figures_at(a, "general_budget_expenditure", "basic", role="total"),
        figures_at(a, "basic_expenditure_economic", "total", role="total"),
        "一般公共预算基本支出 = 经济科目表合计 (general budget ↔ economic)",
    )
    f += agree(
        "cross_table",
        figures_at(a, "projects", "general_budget", role="unit")
        or figures_at(a, "projects", "general_budget", role="total"),
        figures_at(a, "general_budget_expenditure", "project", role="total"),
        "项目支出表一般公共预算 = 一般公共预算支出表项目支出 (projects ↔ general budget)",
    )
    project_total = figures_at(a, "projects", "total", role="unit") or figures_at(a, "projects", "total", role="total")
    carry_total = figures_at(a, "projects_carryover", "total", role="department") or figures_at(
        a, "projects_carryover", "total", role="unit"
    )
    f += agree(
        "cross_table",
        figures_at(a, "expenditure", "project", role="total"),
        project_total + carry_total[:1],
        "支出总表项目支出 = 本年项目 + 上年结转项目 (expenditure ↔ project tables)",
    )
    f += agree(
        "cross_table",
        figures_at(a, "income", "carryover", role="total"),
        carry_total[:1],
        "收入总表上年结转 = 项目支出表(上年结转) (income ↔ carry-over projects)",
    )
    f += agree(
        "cross_table",
        figures_at(a, "gov_fund_expenditure", "total", role="total"),
        figures_at(a, "income", "gov_fund", role="total"),
        "政府性基金支出表 = 收入总表政府性基金 (gov fund ↔ income)",
    )
    f += agree(
        "cross_table",
        figures_at(a, "gov_fund_income", "amount", role="total"),
        figures_at(a, "income", "gov_fund", role="total"),
        "政府性基金收入表 = 收入总表政府性基金",
    )
    return f


def _three_public_and_operating_costs(a: pd.DataFrame, administrative: bool) -> list[Finding]:
    """三公 ↔ economic items (warnings: project money may pay part); 机关运行经费 ↔ 公用经费."""
    f: list[Finding] = []
    # 三公 ↔ economic items: holds when the 三公 money is all basic spending (warning otherwise)
    f += agree(
        "cross_table",
        figures_at(a, "three_public", "total", label="运行维护"),
        figures_at(a, "basic_expenditure_economic", "total", code="30231"),
        "三公公务用车运行维护费 = 经济科目公务用车运行维护费 (holds when no project money pays for it)",
        severity="warning",
    )
    f += agree(
        "cross_table",
        figures_at(a, "three_public", "total", label="接待"),
        figures_at(a, "basic_expenditure_economic", "total", code="30217"),
        "三公公务接待费 = 经济科目公务接待费 (holds when no project money pays for it)",
        severity="warning",
    )
    operating = [r for r in figures_at(a, "operating_costs", "total") if r["role"] in ("total", "unit", "line")][:1]
    public_use = figures_at(a, "basic_expenditure_economic", "public_use", role="total")
    if administrative:
        f += agree(
            "cross_table",
            operating,
            public_use,
            "机关运行经费 = 公用经费 (holds for administrative and 参公 units; the text says this is one)",
        )
    elif operating and public_use and operating[0]["amount"] > public_use[0]["amount"]:
        f += agree("cross_table", operating, public_use, "机关运行经费 ≤ 公用经费 (other unit types)")
    return f


def _conventional_links(a: pd.DataFrame) -> list[Finding]:
    """Contributions in the economic table usually equal their functional lines (reported as info)."""
    f: list[Finding] = []
    for econ, functional in (
        ("30108", "2080505"),
        ("30109", "2080506"),
        ("30110", "2101101"),
        ("30111", "2101103"),
        ("30113", "2210201"),
    ):
        f += agree(
            "conventional_link",
            figures_at(a, "basic_expenditure_economic", "total", code=econ),
            figures_at(a, "general_budget_expenditure", "total", code=functional),
            f"经济科目 {econ} 与功能科目 {functional} 通常相等 (conventional link, reported as info)",
            severity="info",
        )
    return f


def _across_template_variants(a: pd.DataFrame) -> list[Finding]:
    """The tables some templates add (Jiangsu 2019): income by source, spending by purpose,
    财政拨款 spending by function and by economic item, each against the tables it restates."""
    f: list[Finding] = []
    summary = "income_expenditure_summary"
    f += agree(
        "cross_table",
        figures_at(a, summary, "income_amount", role="grand_total"),
        figures_at(a, "income_by_source", "amount", role="grand_total"),
        "收支总表收入总计 = 收入总表收入总计 (summary ↔ income by source)",
    )
    for label in ("一般公共预算", "政府性基金", "财政专户", "其他资金"):
        printed = [r for r in figures_at(a, summary, "income_amount", label=label) if r["role"] in ("line", "of_which")]
        f += agree(
            "cross_table",
            printed,
            figures_at(a, "income_by_source", "amount", role="subtotal", label=label),
            f"收支总表{label} = 收入总表{label}小计 (summary ↔ income by source)",
        )
    for column, label in (("basic", "基本支出"), ("project", "项目支出"), ("reserve", "预留机动")):
        for table in (summary, "appropriation_summary"):
            f += agree(
                "cross_table",
                figures_at(a, table, "expenditure_purpose_amount", role="line", label=label),
                figures_at(a, "expenditure", column, role="total"),
                f"{table} 支出用途{label} = 支出总表{label} (spending by purpose ↔ expenditure)",
            )
    f += agree(
        "cross_table",
        figures_at(a, "appropriation_summary", "expenditure_purpose_amount", role="total"),
        figures_at(a, "appropriation_expenditure", "total", role="total"),
        "财政拨款收支总表支出合计 = 财政拨款支出表合计 (appropriation summary ↔ by function)",
    )
    funded = ("general_budget_expenditure", "gov_fund_expenditure", "state_capital")
    f += agree(
        "cross_table",
        figures_at(a, "appropriation_expenditure", "total", role="total"),
        [r for table in funded for r in figures_at(a, table, "total", role="total")],
        "财政拨款支出表 = 一般公共预算 + 政府性基金 + 国有资本经营支出表 (appropriation ↔ its budgets)",
    )
    for code in sorted(set(a.loc[(a["table"] == "appropriation_expenditure") & a["code"].notna(), "code"])):
        f += agree(
            "cross_table",
            figures_at(a, "appropriation_expenditure", "total", code=code),
            [r for table in funded for r in figures_at(a, table, "total", code=code)],
            f"{code} 财政拨款支出表 = 各预算支出表之和 (appropriation ↔ its budgets)",
        )
    f += agree(
        "cross_table",
        figures_at(a, "appropriation_basic_economic", "total", role="total"),
        figures_at(a, "basic_expenditure_economic", "total", role="total")
        + figures_at(a, "gov_fund_expenditure", "basic", role="total"),
        "财政拨款基本支出 = 一般公共预算基本支出 + 政府性基金基本支出 (appropriation ↔ economic tables)",
    )
    return f


_ADMINISTRATIVE = re.compile(
    r"(?:是|为|属于)行政(?:单位|机关)|(?:是|为)[^,，。;；]{0,20}?政府工作部门|参照公务员法管理的(?:事业)?单位|参公单位"
)
_ORDINARY_PUBLIC_INSTITUTIONS = re.compile(r"(?<!参公)事业单位\s{0,2}[1-9]\d{0,2}\s{0,2}家")


def unit_is_administrative(part_1_text: str) -> bool:
    """True when the 概况 says the body is an administrative or 参公 unit (是行政单位, …是区政府工作部门,
    参照公务员法管理), and does not count ordinary 事业单位 among its units (a department whose
    机关运行经费 covers only its 机关 and 参公 units, not the 公用经费 of the others).

    >>> unit_is_administrative("山西省看守所为正处级建制,是行政单位。")
    True
    >>> unit_is_administrative("本部门中,行政单位 1 家,参公单位 1 家,事业单位 4 家")
    False
    >>> unit_is_administrative("推进本区行政机关政府法律顾问工作")
    False
    """
    return bool(_ADMINISTRATIVE.search(part_1_text)) and not _ORDINARY_PUBLIC_INSTITUTIONS.search(part_1_text)
