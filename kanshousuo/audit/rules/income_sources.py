"""Income printed by source as rows: a source's 小计 = Σ its lines; 总计 = Σ sources."""

from __future__ import annotations

from kanshousuo.audit.identities import IdentityContext, Instance, instances


@instances("income_sources")
def income_source_instances(doc, context: IdentityContext) -> list[Instance]:
    """Income printed by source as rows (Jiangsu 2019): a source's 小计 = Σ its lines, and
    收入总计 = Σ the sources (each source's 小计, or its lines where it prints no 小计). Which
    source a row belongs to is a column of the table, not of the figures: hence a builder."""
    table = doc.tables.get("income_by_source") if doc is not None else None
    positions = context.index.select("income_by_source.amount")
    if table is None or not len(positions):
        return []
    source_of = dict(zip(table["row"], table["source"], strict=True))
    records = context.records
    by_role = {role: [int(p) for p in positions if records[p]["role"] == role] for role in ("subtotal", "line")}
    with_subtotal = {source_of[records[p]["row"]] for p in by_role["subtotal"]}
    out = []
    for subtotal in by_role["subtotal"]:
        source = source_of[records[subtotal]["row"]]
        parts = tuple((p, 1) for p in by_role["line"] if source_of[records[p]["row"]] == source)
        if parts:
            message = "来源小计等于其各项之和 (a source's subtotal = Σ its lines)"
            out.append(Instance("income_source_subtotal", "hierarchy", message, subtotal, parts))
    sources = by_role["subtotal"] + [p for p in by_role["line"] if source_of[records[p]["row"]] not in with_subtotal]
    for total in (int(p) for p in positions if records[p]["role"] == "grand_total"):
        message = "收入总计等于各来源之和 (grand total = Σ sources)"
        out.append(Instance("income_source_total", "hierarchy", message, total, tuple((p, 1) for p in sources)))
    return out
