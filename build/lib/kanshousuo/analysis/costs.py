"""What one detainee costs: the feeding standards of a 在押人员给养费 target table, recomputed.

Everything starts from the quantities the target table's own text states (`Disclosure.performance.
quantities`): the occupancy it plans for (月均共押量 N人), per-person standards (元/人/月, 元/人/年),
the kitchen's gas (m³/天 at 元/m³) and cooks (N人 at 元/人/月), and the 万元 total it states for
each component. Nothing is retyped. Per-person components scale with occupancy; the kitchen's
gas and cooks are fixed costs (they do not change with the number of detainees).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

DAYS_IN_YEAR = Decimal(365)
MONTHS_IN_YEAR = Decimal(12)
YUAN_PER_WAN = Decimal(10000)


@dataclass(frozen=True)
class FeedingPlan:
    """The standards one feeding project states, with where each was read."""

    project: str
    persons: Decimal | None
    per_person: pd.DataFrame  # component, standard, period (月/年), stated_wan, clause
    kitchen: pd.DataFrame  # component, quantity, unit, clause
    stated_subtotal_wan: Decimal | None
    annual_funds_yuan: Decimal | None
    kitchen_stated_wan: Decimal | None = None


def _number(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def feeding_plan(doc, name_contains: str = "给养") -> FeedingPlan | None:
    """Read the feeding standards of the first project whose name contains `name_contains`.

    Returns None when the document has no such project or no per-person standard (the notebook
    then says so instead of computing anything).
    """
    performance = doc.performance
    projects = performance.projects
    if projects.empty:
        return None
    matches = projects[projects["project"].str.contains(name_contains, na=False)]
    if matches.empty:
        return None
    project = matches["project"].iloc[0]
    quantities = performance.quantities
    rows = quantities[(quantities["project"] == project) & (quantities["field"] == "overview")]
    per_person_rows = rows[rows["unit"].isin(["元/人/月", "元/人/年"]) & (rows["item"].fillna("") != "")]
    if per_person_rows.empty:
        return None
    persons_rows = rows[(rows["unit"] == "人") & rows["counts"].fillna("").str.contains("押")]
    persons = _number(persons_rows["number"].iloc[0]) if not persons_rows.empty else None
    stated = rows[rows["unit"] == "万元"]
    kitchen_frame = _kitchen(rows, persons_rows)
    kitchen_name = kitchen_frame["component"].iloc[0] if not kitchen_frame.empty else "厨房"
    subtotal = stated[stated["counts"].fillna("").str.contains("生活补助")]
    kitchen_total = stated[stated["clause"].fillna("").str.contains(kitchen_name, regex=False)]
    funds = matches["annual_funds_yuan"].iloc[0]
    return FeedingPlan(
        project=project,
        persons=persons,
        per_person=_per_person(per_person_rows, stated),
        kitchen=kitchen_frame,
        stated_subtotal_wan=_number(subtotal["number"].iloc[0]) if not subtotal.empty else None,
        annual_funds_yuan=None if funds is None or pd.isna(funds) else _number(funds),
        kitchen_stated_wan=_number(kitchen_total["number"].iloc[-1]) if not kitchen_total.empty else None,
    )


def kitchen_costs(plan: FeedingPlan, days: int) -> dict[str, Decimal]:
    """Fixed kitchen costs a year: gas (m³/天 × 元/m³ × days) and cooks (persons × 元/月 × 12)."""
    frame = plan.kitchen
    gas_m3 = frame.loc[frame["unit"] == "m³/天", "quantity"]
    gas_price = frame.loc[frame["unit"] == "元/m³", "quantity"]
    cooks = frame.loc[frame["unit"] == "人", "quantity"]
    wage = frame.loc[frame["unit"] == "元/人/月", "quantity"]
    costs = {}
    if not gas_m3.empty and not gas_price.empty:
        costs["gas_yuan"] = gas_m3.iloc[0] * gas_price.iloc[0] * Decimal(days)
    if not cooks.empty and not wage.empty:
        costs["cooks_yuan"] = cooks.iloc[0] * wage.iloc[0] * MONTHS_IN_YEAR
    return costs


def recompute_components(plan: FeedingPlan, persons: Decimal | int | None = None, days: int = 365) -> pd.DataFrame:
    """Each component's yearly need recomputed from its standard, beside the stated 万元 figure.

    Per-person components: standard × persons × 12 (monthly) or × 1 (yearly). The kitchen is
    one fixed component (gas over `days` days plus cooks' wages). The stated figures are
    rounded to 0.1万元; `difference_wan` is recomputed minus stated.
    """
    persons = _number(persons if persons is not None else plan.persons)
    rows = []
    for row in plan.per_person.itertuples():
        months = MONTHS_IN_YEAR if row.period == "月" else Decimal(1)
        yuan = row.standard_yuan * persons * months
        rows.append(
            {"component": row.component, "kind": "per person", "recomputed_yuan": yuan, "stated_wan": row.stated_wan}
        )
    kitchen = kitchen_costs(plan, days)
    if kitchen:
        rows.append(
            {
                "component": plan.kitchen["component"].iloc[0],
                "kind": "fixed (kitchen)",
                "recomputed_yuan": sum(kitchen.values(), Decimal(0)),
                "stated_wan": plan.kitchen_stated_wan,
            }
        )
    frame = pd.DataFrame.from_records(rows)
    frame["recomputed_wan"] = [v / YUAN_PER_WAN for v in frame["recomputed_yuan"]]
    frame["difference_wan"] = [
        None if s is None or pd.isna(s) else r - s
        for r, s in zip(frame["recomputed_wan"], frame["stated_wan"], strict=True)
    ]
    return frame


def per_detainee(total_yuan: Decimal, persons: Decimal | int, days: int = 365) -> dict[str, Decimal]:
    """A yearly amount per detainee per year, month and day (exact; round only for display)."""
    persons = _number(persons)
    year = total_yuan / persons
    return {"year": year, "month": year / MONTHS_IN_YEAR, "day": year / Decimal(days)}


def occupancy_sensitivity(plan: FeedingPlan, occupancies: list[int], days: int = 365) -> pd.DataFrame:
    """Yearly need and cost per detainee-day as occupancy varies: fixed kitchen costs are spread
    over fewer or more people, per-person costs scale."""
    rows = []
    for persons in occupancies:
        components = recompute_components(plan, persons, days)
        fixed = sum(components.loc[components["kind"] != "per person", "recomputed_yuan"], Decimal(0))
        variable = sum(components.loc[components["kind"] == "per person", "recomputed_yuan"], Decimal(0))
        total = fixed + variable
        rows.append(
            {
                "persons": persons,
                "per_person_yuan": variable,
                "fixed_yuan": fixed,
                "total_yuan": total,
                "yuan_per_detainee_day": total / Decimal(persons) / Decimal(days),
            }
        )
    return pd.DataFrame.from_records(rows)


def occupancy_cap(doc, project: str) -> tuple[Decimal, str] | None:
    """The largest number of detainees the project's indicators allow (保障在押人员数 <90人 …),
    with the operator as printed; None when no indicator counts persons."""
    indicators = doc.performance.indicators
    rows = indicators[(indicators["project"] == project) & (indicators["value_unit"] == "人")]
    rows = rows[rows["number"].notna()]
    if rows.empty:
        return None
    return _number(rows["number"].iloc[0]), str(rows["operator"].iloc[0] or "=")


def _per_person(per_person_rows: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Each per-person component: its standard (元 a month or a year) and the 万元 need stated
    for it in the same sentence."""
    records = []
    for row in per_person_rows.itertuples():
        need = stated[(stated["item"] == row.item) & (stated["sentence"] == row.sentence)]
        records.append(
            {
                "component": row.item,
                "standard_yuan": _number(row.number),
                "period": "月" if row.unit == "元/人/月" else "年",
                "stated_wan": _number(need["number"].iloc[0]) if not need.empty else None,
                "clause": row.clause,
            }
        )
    return pd.DataFrame.from_records(records)


def _kitchen(rows: pd.DataFrame, persons_rows: pd.DataFrame) -> pd.DataFrame:
    """The kitchen's fixed quantities: gas (m³/天, 元/m³), cooks (人 other than detainees) and
    their wage (元/人/月 with no item of its own)."""
    kitchen = rows[
        rows["unit"].isin(["m³/天", "元/m³"]) | ((rows["unit"] == "人") & ~rows.index.isin(persons_rows.index))
    ]
    wages = rows[(rows["unit"] == "元/人/月") & (rows["item"].fillna("") == "")]
    kitchen = pd.concat([kitchen, wages]).sort_index()
    named = kitchen["item"].replace("", pd.NA).dropna()
    return pd.DataFrame(
        {
            "component": named.iloc[0] if not named.empty else "厨房",
            "quantity": [_number(v) for v in kitchen["number"]],
            "unit": kitchen["unit"].tolist(),
            "clause": kitchen["clause"].tolist(),
        }
    )
