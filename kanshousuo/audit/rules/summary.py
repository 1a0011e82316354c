"""The two summary tables: both sides' totals, carry-over, income = expenditure."""

from __future__ import annotations

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import figures_of, side_totals, sum_check
from kanshousuo.catalog.tables import table_ids


@rule(order=30)
def check_summary_tables(doc) -> list[Finding]:
    """收支总表 and 财政拨款收支总表: both sides' totals, carry-over, 收入总计 = 支出总计."""
    amounts = doc.amounts
    findings = []
    for table in table_ids(rows="summary"):
        figures = amounts[amounts["table"] == table]
        if figures.empty:
            continue
        income_lines = figures_of(figures, "income_amount", role="line")
        income_total = figures_of(figures, "income_amount", role="total")
        carry = figures_of(figures, "income_amount", role="carryover")
        carry_parts = figures_of(figures, "income_amount", role="carryover_part")
        grand_in = figures_of(figures, "income_amount", role="grand_total")
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
            lines = figures_of(figures, column, role="line")
            for total in side_totals(figures, column, "total"):
                findings.append(sum_check("summary", total, lines, f"本年支出合计等于各类支出之和 ({column})"))
            for total in side_totals(figures, column, "grand_total"):
                subtotal = side_totals(figures, column, "total") or lines  # Shanghai prints no 本年支出合计
                findings.append(
                    sum_check(
                        "summary",
                        total,
                        subtotal + figures_of(figures, column, role="carryover"),
                        f"支出总计 ({column})",
                    )
                )
        for total_in in grand_in:
            for total_out in side_totals(figures, "expenditure_total", "grand_total"):
                findings.append(sum_check("summary", total_in, [total_out], "收入总计 = 支出总计 (both sides balance)"))
    return findings
