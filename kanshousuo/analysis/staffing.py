"""What each new staff member costs: the staffing reason the explanatory section gives.

The first section of 第三部分 explains the year-on-year change ("本年新增29人，相关人员经费增加
461.69万元、日常公用经费增加85.53万元"). The headcount is a count claim and the two increases
are reason claims of that sentence (`doc.claims`), and the current personnel and
public-use figures come from the economic table, converted to 万元 whatever unit the table is
printed in (a Shanghai table is in 元).

What the figures allow: a cost per new staff member (increase ÷ new staff), the prior-year bases
(current − increase) and each cost line's growth. What they do not allow: an estimate of the
headcount. "current ÷ (increase ÷ new staff)" = new staff × current ÷ increase is the new staff
scaled by how much each cost line grew; the personnel and public-use versions agree exactly
when the two lines grew at the same rate, so their agreement says nothing independent about
the number of staff.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kanshousuo.analysis.figures import Printed, in_wan


def staffing_reason(doc) -> dict[str, object] | None:
    """Headcount and cost increases the text cites, each with the line it was read from.

    The headcount is the first count of people the text says are new (`doc.claims`: kind count,
    unit 人 or 名, subject 新增…); the increases are the reasons of the same sentence after it
    whose subject is 人员经费 or (日常)公用经费. None when no sentence names new staff.
    """
    claims = doc.claims
    new_staff = claims[
        (claims["kind"] == "count")
        & claims["unit"].isin(["人", "名"])
        & claims["subject"].fillna("").str.contains("新增", regex=False)
    ]
    if new_staff.empty:
        return None
    staff = new_staff.iloc[0]
    reasons = claims[
        (claims["kind"] == "reason_amount")
        & (claims["statement"] == staff["statement"])
        & (claims["sentence"] == staff["sentence"])
        & (claims["offset"] > staff["offset"])
        & (claims["sign"] == 1)
    ]
    increases: dict[str, Decimal] = {}
    for reason in reasons.itertuples():
        key = _increase_key(reason.subject)
        if key is not None:
            increases.setdefault(key, in_wan(reason.value, reason.unit))
    return {"new_staff": int(staff["value"]), **increases, "where": staff["where"], "sentence": staff["sentence"]}


def _increase_key(subject: object) -> str | None:
    """Which cost line a reason's subject names (相关人员经费 -> personnel; 日常公用经费 -> public use)."""
    if not isinstance(subject, str):
        return None
    if subject.endswith("人员经费"):
        return "personnel_increase_wan"
    return "public_use_increase_wan" if subject.endswith("公用经费") else None


def economic_totals(doc) -> dict[str, Printed]:
    """Personnel, public-use and total of the basic-expenditure economic table (its 合计 row),
    in 万元 with the line or page they are printed on."""
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == "basic_expenditure_economic") & (amounts["role"] == "total")]
    totals = {}
    for column in ("personnel", "public_use", "total"):
        found = rows[rows["column"] == column]
        if not found.empty:
            row = found.iloc[0]
            totals[column] = Printed(in_wan(row["amount"], row["unit"]), str(row["source"]), str(row["label"]))
    return totals


def per_new_staff(reason: dict[str, object]) -> dict[str, Decimal]:
    """The cited increases divided by the cited headcount (万元 per new staff member)."""
    staff = Decimal(int(reason["new_staff"]))
    out = {}
    for key in ("personnel_increase_wan", "public_use_increase_wan"):
        if key in reason:
            out[key.replace("_increase_wan", "_per_new_staff_wan")] = reason[key] / staff
    return out


def cost_lines(reason: dict[str, object], totals: dict[str, Printed]) -> pd.DataFrame:
    """Each cost line the reason cites, with this year's figure, the increase, the implied prior
    year, its growth, and the new staff scaled by that growth.

    Columns: line (personnel / public_use), current_wan (printed, economic table), current_source,
    increase_wan (printed, the reason sentence), increase_source, per_new_staff_wan, prior_wan
    (inference: current − increase), growth (increase ÷ prior), scaled_headcount (inference:
    new staff × current ÷ increase; not an independent estimate, see the module docstring).
    """
    staff = Decimal(int(reason["new_staff"]))
    records = []
    for line, key in (("personnel", "personnel_increase_wan"), ("public_use", "public_use_increase_wan")):
        if key not in reason or line not in totals:
            continue
        current, increase = totals[line].wan, reason[key]
        prior = current - increase
        records.append(
            {
                "line": line,
                "current_wan": current,
                "current_source": totals[line].source,
                "increase_wan": increase,
                "increase_source": reason["where"],
                "per_new_staff_wan": increase / staff,
                "prior_wan": prior,
                "growth": increase / prior if prior else None,
                "scaled_headcount": staff * current / increase if increase else None,
            }
        )
    return pd.DataFrame.from_records(records)


def wage_base_from_contributions(doc, rates: dict[str, Decimal]) -> pd.DataFrame:
    """The wage base each social-insurance line implies: contribution ÷ the employer's rate (万元).

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
        contribution = in_wan(found["amount"].iloc[0], found["unit"].iloc[0])
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


_CONTRACT_PROJECTS = r"聘用|辅助|编外"


def contract_staff(doc) -> pd.DataFrame:
    """Projects paying contract or auxiliary staff (编外聘用, 警务辅助): the allocation, the largest
    headcount the target text states, the allocation per person (万元 a year) and the per-capita
    standards the text cites (万元/人/年), so a reader can set one against the other.

    Columns: project, annual_wan, persons, per_person_wan (computed: annual ÷ persons), persons_cap
    (the indicator's bound on persons, e.g. '<30', when the text states no count), standards_cited (list
    of (category, 万元/人/年)), source (the target table's lines).
    """
    indicators = doc.performance.indicators
    projects = doc.performance.projects
    quantities = doc.performance.quantities
    if projects.empty:
        return pd.DataFrame()
    records = []
    for row in projects[projects["project"].str.contains(_CONTRACT_PROJECTS, na=False)].itertuples():
        mine = quantities[quantities["project"] == row.project]
        heads = [Decimal(str(v)) for v in mine.loc[mine["unit"] == "人", "number"]]
        standards = mine[mine["unit"] == "万元/人/年"].drop_duplicates(["item", "number"])
        annual = (
            None
            if row.annual_funds_yuan is None or pd.isna(row.annual_funds_yuan)
            else Decimal(str(row.annual_funds_yuan))
        )
        persons = max(heads) if heads else None
        caps = indicators[(indicators["project"] == row.project) & (indicators["value_unit"] == "人")]
        caps = caps[caps["number"].notna()]
        cap = f"{caps['operator'].iloc[0] or ''}{caps['number'].iloc[0]}" if not caps.empty else None
        records.append(
            {
                "project": row.project,
                "annual_wan": annual / 10000 if annual is not None else None,
                "persons": persons,
                "per_person_wan": annual / 10000 / persons if annual is not None and persons else None,
                "persons_cap": cap,
                "standards_cited": [
                    (i, Decimal(str(n))) for i, n in zip(standards["item"], standards["number"], strict=True)
                ],
                "source": f"lines {row.lines}" if row.lines else "",
            }
        )
    return pd.DataFrame.from_records(records)
