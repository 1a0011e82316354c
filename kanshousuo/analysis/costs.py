"""What one detainee costs: the feeding standards of a 在押人员给养费 target table, recomputed.

Everything starts from the quantities the target table's own text states (`Disclosure.performance.
quantities`): the occupancy it plans for (月均共押量 N人), per-person standards (元/人/月, 元/人/年),
the kitchen's gas (m³/天 at 元/m³) and cooks (N人 at 元/人/月), and the 万元 total it states for
each component. Nothing is retyped. Per-person components scale with occupancy; the kitchen's
gas and cooks are fixed costs (they do not change with the number of detainees).

The project's need has several numbered parts (Shanxi: 1.生活补助45.6万元 … 2.医疗补助费80万元),
and the allocation pays for all of them without saying how it is split. So the allocation is
compared with the whole stated need; set against the 生活补助 standards alone it gives only an
upper bound (the share if none of it went to the other parts), and divided by detainees and
days it is the project's money per detainee-day for every purpose, not a feeding cost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from kanshousuo.analysis.figures import Printed, in_wan

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
    stated_parts: pd.DataFrame = field(default_factory=pd.DataFrame)  # part, stated_wan, clause, source
    overview_source: str = ""  # where the 项目概况 is printed ('line N' / 'page N')
    allocation: Printed | None = None  # the project's line in the project table, in 万元


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
    overview_source = where_stated(doc, rows["clause"].iloc[0]) if not rows.empty else ""
    return FeedingPlan(
        project=project,
        persons=persons,
        per_person=_per_person(per_person_rows, stated),
        kitchen=kitchen_frame,
        stated_subtotal_wan=_number(subtotal["number"].iloc[0]) if not subtotal.empty else None,
        annual_funds_yuan=None if funds is None or pd.isna(funds) else _number(funds),
        kitchen_stated_wan=_number(kitchen_total["number"].iloc[-1]) if not kitchen_total.empty else None,
        stated_parts=numbered_parts(rows, overview_source),
        overview_source=overview_source,
        allocation=project_allocation(doc, project, funds),
    )


_NUMBERED = re.compile(r"^\s*(\d+)[.、]")


def numbered_parts(rows: pd.DataFrame, source: str) -> pd.DataFrame:
    """The top-level parts of a stated need: 万元 amounts whose clause opens with "1." "2." …
    (the components under a part open with "(1)" and are not parts).

    Shanxi's feeding project: 1.生活补助45.6万元, 2.医疗补助费80万元.
    """
    stated = rows[(rows["unit"] == "万元") & rows["clause"].fillna("").str.match(_NUMBERED)]
    return pd.DataFrame(
        {
            "part": stated["item"].fillna("").tolist(),
            "stated_wan": [_number(v) for v in stated["number"]],
            "clause": stated["clause"].tolist(),
            "source": source,
        },
        columns=["part", "stated_wan", "clause", "source"],
    )


def where_stated(doc, clause: str) -> str:
    """Where a clause of a target table's text is printed ('line N' or 'page N'); '' if not found."""
    wanted = _squeeze(clause)
    for block in doc.source.targets if doc.source is not None else []:
        for row in block.rows:
            if any(wanted in _squeeze(cell) for cell in row.cells):
                return row.where
    return ""


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def project_allocation(doc, project: str, annual_funds_yuan) -> Printed | None:
    """The project's figure in the project table (本年预算), in 万元 with its line; else the target
    table's annual funds (元)."""
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == "projects") & (amounts["column"] == "total") & (amounts["role"] == "project")]
    rows = rows[rows["label"] == project]
    if not rows.empty:
        row = rows.iloc[0]
        return Printed(in_wan(row["amount"], row["unit"]), str(row["source"]), project)
    if annual_funds_yuan is None or pd.isna(annual_funds_yuan):
        return None
    return Printed(_number(annual_funds_yuan) / YUAN_PER_WAN, "target table", project)


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


@dataclass(frozen=True)
class Coverage:
    """The allocation against what the project says it needs.

    `share_of_stated_need` compares like with like (the allocation pays for every part of the
    need). `upper_bound_share_of_living` sets it against the 生活补助 standards alone: it is the
    share only if none of the allocation went to the other parts, which the document does not say.
    """

    allocation_wan: Decimal
    allocation_source: str
    stated_need_wan: Decimal
    parts: pd.DataFrame
    living_recomputed_wan: Decimal
    days: int
    share_of_stated_need: Decimal
    upper_bound_share_of_living: Decimal


def feeding_coverage(plan: FeedingPlan, days: int = 365) -> Coverage | None:
    """How much of the stated need the allocation covers (None without parts or allocation)."""
    if plan.allocation is None or plan.stated_parts.empty:
        return None
    need = sum(plan.stated_parts["stated_wan"], Decimal(0))
    living = sum(recompute_components(plan, days=days)["recomputed_wan"], Decimal(0))
    return Coverage(
        allocation_wan=plan.allocation.wan,
        allocation_source=plan.allocation.source,
        stated_need_wan=need,
        parts=plan.stated_parts,
        living_recomputed_wan=living,
        days=days,
        share_of_stated_need=plan.allocation.wan / need,
        upper_bound_share_of_living=plan.allocation.wan / living,
    )


def per_detainee_day(plan: FeedingPlan, days: int = 365) -> pd.DataFrame:
    """元 per planned detainee per day on three bases, each saying what it is.

    - the 生活补助 standards recomputed (what the standards cost, not what is spent);
    - the food standard alone (伙食费, 元/人/月 × 12 ÷ days);
    - the project's allocation: money for every part of the need (生活补助 and 医疗补助费), so
      it is not a feeding cost; how much of it feeds detainees the document does not say.
    """
    persons = _number(plan.persons)
    living = sum(recompute_components(plan, days=days)["recomputed_yuan"], Decimal(0))
    rows = [
        {"basis": "standards", "yuan_per_day": living / persons / Decimal(days), "source": plan.overview_source},
    ]
    food = plan.per_person[plan.per_person["period"] == "月"].head(1)
    if not food.empty:
        standard = food["standard_yuan"].iloc[0]
        rows.append(
            {
                "basis": "food_standard",
                "yuan_per_day": standard * MONTHS_IN_YEAR / Decimal(days),
                "source": plan.overview_source,
                "component": food["component"].iloc[0],
            }
        )
    if plan.allocation is not None:
        rows.append(
            {
                "basis": "allocation_all_purposes",
                "yuan_per_day": plan.allocation.wan * YUAN_PER_WAN / persons / Decimal(days),
                "source": plan.allocation.source,
            }
        )
    return pd.DataFrame.from_records(rows, columns=["basis", "yuan_per_day", "source", "component"])


WIDER_VIEWS = (
    ("医疗", "medical", "被监管人员"),
    ("拘役", "short_sentence", "拘役人员"),
)
"""Projects a wider view adds: (name contains, view id, the population the project's name serves)."""


def wider_views(doc, plan: FeedingPlan, days: int = 365) -> pd.DataFrame:
    """The feeding allocation and the projects and budget a wider view adds, each with whom it serves.

    Each row is one amount (not cumulative) with the population it pays for. Only the feeding
    project states a headcount (月均共押量 N人); the medical project serves 被监管人员 and the
    拘役收教 project 拘役 inmates, whose numbers the document does not print. Dividing their money
    by the feeding project's N is therefore an upper bound per person served, and adding the
    medical project to a feeding allocation whose need already includes 医疗补助费 (and 医疗费 in
    生活补助) may count medical care twice. `per_planned_detainee_day` is computed for every row
    with that caveat (`denominator` says whose count it is).
    """
    persons = _number(plan.persons)
    rows = []
    if plan.allocation is not None:
        rows.append(_view("feeding", plan.project, plan.allocation, "在押人员", "stated", persons, days))
    amounts = doc.amounts
    projects = amounts[
        (amounts["table"] == "projects") & (amounts["column"] == "total") & (amounts["role"] == "project")
    ]
    for pattern, view, population in WIDER_VIEWS:
        for row in projects[projects["label"].str.contains(pattern, na=False)].itertuples():
            figure = Printed(in_wan(row.amount, row.unit), str(row.source), row.label)
            rows.append(_view(view, row.label, figure, population, "not_printed", persons, days))
    total = amounts[
        (amounts["table"] == "income_expenditure_summary")
        & (amounts["role"] == "grand_total")
        & (amounts["column"] == "income_amount")
    ]
    if not total.empty:
        row = total.iloc[0]
        figure = Printed(in_wan(row["amount"], row["unit"]), str(row["source"]), str(row["label"]))
        rows.append(_view("whole_unit", "收入总计", figure, "全单位", "not_printed", persons, days))
    return pd.DataFrame.from_records(rows)


def _view(view, name, figure: Printed, population, count, persons, days) -> dict[str, object]:
    return {
        "view": view,
        "name": name,
        "amount_wan": figure.wan,
        "source": figure.source,
        "population": population,
        "population_count": count,  # 'stated' (the feeding project's N) or 'not_printed'
        "per_planned_detainee_day": figure.wan * YUAN_PER_WAN / persons / Decimal(days),
        "may_double_count_medical": view == "medical",
    }
