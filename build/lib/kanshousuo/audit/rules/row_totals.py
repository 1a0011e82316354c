"""Every row's total equals its parts (合计 = 基本支出 + 项目支出; sources add up…), as listed in
`package_data/row_identities.csv`."""

from __future__ import annotations

from decimal import Decimal

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import sum_check
from kanshousuo.catalog.identities import row_identities


@rule(order=10)
def check_row_totals(doc) -> list[Finding]:
    """Every row's total equals its parts (合计 = 基本支出 + 项目支出; sources add up…)."""
    amounts = doc.amounts
    findings = []
    for table, (total_col, part_cols) in row_identities().items():
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
