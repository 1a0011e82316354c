"""类 = Σ款, 款 = Σ项, 合计 = Σ类; an economic class = Σ its items."""

from __future__ import annotations

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import sum_check
from kanshousuo.catalog.tables import table_ids, table_spec


@rule(order=20)
def check_code_hierarchy(doc) -> list[Finding]:
    """类 = Σ款, 款 = Σ项, 合计 = Σ类, in every column of the functional and economic tables."""
    amounts = doc.amounts
    findings = []
    tables = table_ids(nests_by_code=True)
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
        totals = figures[figures["role"] == "total"].sort_values("row")
        classes = coded[coded["code"].str.len() == 3]
        previous = -1
        for _, total in totals.iterrows():
            # a table printing several 合计 rows (a 决算 printing 人员经费合计 under its left half
            # and 公用经费合计 under its right) totals the classes printed since the last one
            section = (
                classes if len(totals) == 1 else classes[(classes["row"] > previous) & (classes["row"] < total["row"])]
            )
            previous = total["row"]
            if not section.empty or table_spec(table).code_scheme != "economic":
                findings.append(
                    sum_check(
                        "hierarchy",
                        total,
                        [r for _, r in section.iterrows()],
                        "合计等于各类之和 (the total equals the sum of the classes)",
                    )
                )
    return findings
