"""Income printed by source as rows: a source's 小计 = Σ its lines; 总计 = Σ sources."""

from __future__ import annotations

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import figures_of, sum_check


@rule(order=40)
def check_income_sources(doc) -> list[Finding]:
    """Income printed by source as rows (Jiangsu 2019): a source's 小计 = Σ its lines, and
    收入总计 = Σ the sources (each source's 小计, or its lines where it prints no 小计)."""
    amounts = doc.amounts
    table = doc.tables.get("income_by_source")
    figures = amounts[amounts["table"] == "income_by_source"]
    if figures.empty or table is None:
        return []
    source_of = dict(zip(table["row"], table["source"], strict=True))
    subtotals = figures_of(figures, "amount", role="subtotal")
    lines = figures_of(figures, "amount", role="line")
    with_subtotal = {source_of[r["row"]] for r in subtotals}
    findings = []
    for subtotal in subtotals:
        parts = [r for r in lines if source_of[r["row"]] == source_of[subtotal["row"]]]
        if parts:
            findings.append(
                sum_check("hierarchy", subtotal, parts, "来源小计等于其各项之和 (a source's subtotal = Σ its lines)")
            )
    sources = subtotals + [r for r in lines if source_of[r["row"]] not in with_subtotal]
    for total in figures_of(figures, "amount", role="grand_total"):
        findings.append(sum_check("hierarchy", total, sources, "收入总计等于各来源之和 (grand total = Σ sources)"))
    return findings
