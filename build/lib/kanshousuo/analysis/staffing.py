"""What each new staff member costs: the staffing reason the explanatory section gives.

The first section of 第三部分 explains the year-on-year change ("本年新增29人，相关人员经费增加
461.69万元、日常公用经费增加85.53万元"). We read the headcount and the two increases from that
text, take the total change and the implied prior-year total from the audit's own reading of
the same sentence, and the current personnel and public-use figures from the economic table.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from kanshousuo.text.numbers import parse_amount
from kanshousuo.text.patterns import FIGURE

_NEW_STAFF = re.compile(r"新增(\d+)(?:名|个)?(?:人|名)")
_INCREASE = re.compile(rf"(人员经费|公用经费|日常公用经费)增加({FIGURE})万元")


def staffing_reason(doc) -> dict[str, object] | None:
    """Headcount and cost increases the text cites, each with the line it was read from.

    Returns None when the explanatory section names no new staff.
    """
    sections = doc.sections[doc.sections["part"] == 3]
    for section in sections.itertuples():
        for where, text in ((line.where, line.text) for line in section.text_lines):
            staff = _NEW_STAFF.search(text)
            if not staff:
                continue
            increases = {}
            for kind, amount in _INCREASE.findall(text[staff.end() :]):
                key = "personnel_increase_wan" if kind == "人员经费" else "public_use_increase_wan"
                increases.setdefault(key, parse_amount(amount))
            return {
                "new_staff": int(staff.group(1)),
                **increases,
                "where": where,
                "sentence": text,
            }
    return None


def economic_totals(doc) -> dict[str, Decimal]:
    """Personnel and public-use totals of the basic-expenditure economic table (its 合计 row)."""
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == "basic_expenditure_economic") & (amounts["role"] == "total")]
    return {
        column: rows.loc[rows["column"] == column, "amount"].iloc[0]
        for column in ("personnel", "public_use", "total")
        if (rows["column"] == column).any()
    }


def implied_prior_year(doc) -> pd.DataFrame:
    """Every prior-year figure the text implies (this year − stated change), from the audit."""
    audit = doc.audit()
    implied = audit[audit["status"] == "implied"]
    return implied[["where", "actual", "message"]].rename(columns={"actual": "implied_prior_year_wan"})


def per_new_staff(reason: dict[str, object]) -> dict[str, Decimal]:
    """The cited increases divided by the cited headcount (万元 per new staff member)."""
    staff = Decimal(int(reason["new_staff"]))
    out = {}
    for key in ("personnel_increase_wan", "public_use_increase_wan"):
        if key in reason:
            out[key.replace("_increase_wan", "_per_new_staff_wan")] = reason[key] / staff
    return out


def headcount_estimates(reason: dict[str, object], totals: dict[str, Decimal]) -> dict[str, Decimal]:
    """Two independent headcount estimates: this year's total ÷ the per-new-staff cost, once from
    personnel costs and once from public-use costs. If new staff cost what the average does,
    both estimate the same headcount; how far they differ measures that assumption."""
    per_head = per_new_staff(reason)
    out = {}
    if "personnel_per_new_staff_wan" in per_head and "personnel" in totals:
        out["from_personnel"] = totals["personnel"] / per_head["personnel_per_new_staff_wan"]
    if "public_use_per_new_staff_wan" in per_head and "public_use" in totals:
        out["from_public_use"] = totals["public_use"] / per_head["public_use_per_new_staff_wan"]
    return out


def wage_base_from_contributions(doc, rates: dict[str, Decimal]) -> pd.DataFrame:
    """The wage base each social-insurance line implies: contribution ÷ the employer's rate.

    `rates` maps an economic-item label to the rate assumed (a policy figure, not read from the
    document: the notebook states it as an assumption).
    """
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == "basic_expenditure_economic") & (amounts["column"] == "total")]
    records = []
    for label, rate in rates.items():
        found = rows[rows["label"] == label]
        if found.empty:
            continue
        contribution = found["amount"].iloc[0]
        records.append(
            {
                "item": label,
                "contribution_wan": contribution,
                "rate": rate,
                "implied_wage_base_wan": contribution / rate,
                "source": found["source"].iloc[0],
            }
        )
    return pd.DataFrame.from_records(records)


def unexplained_change(
    total_change_wan: Decimal, reason: dict[str, object], other_cited_wan: Decimal = Decimal(0)
) -> Decimal:
    """The part of the year-on-year change the cited reasons do not account for."""
    cited = sum((reason.get(k, Decimal(0)) for k in ("personnel_increase_wan", "public_use_increase_wan")), Decimal(0))
    return total_change_wan - cited - other_cited_wan
