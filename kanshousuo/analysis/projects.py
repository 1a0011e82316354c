"""Projects against their performance targets: the need each states, and whether its funds agree.

A target table gives a project's annual funds (年度资金总额) and its implementation-period funds
(实施期资金总额), its kind (一次性项目 / 经常性项目) and its period (项目期). For a one-off project
of one year the two funds are the same money, so a difference is a contradiction in the document;
for an ongoing project (项目期 99年) the period is open-ended and the ratio says nothing by itself.

The need a project states is the sum of its numbered parts when the overview lists several
(1.生活补助45.6万元 … 2.医疗补助费80万元 = 125.6万元), else the one amount it states; taking the
largest amount of the text would pick one part of a need with several.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from kanshousuo.analysis.costs import numbered_parts, where_stated

YUAN_PER_WAN = Decimal(10000)
_ONE_YEAR = re.compile(r"^\s*1\s*年")


def _number(value) -> Decimal | None:
    if value is None or (not isinstance(value, Decimal) and pd.isna(value)):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def stated_need(doc, project: str) -> dict[str, object] | None:
    """The need a project's overview (项目概况) states, in 万元, with how it was read.

    `basis` is 'sum_of_parts' (numbered parts added up) or 'single' (one amount stated);
    None when the overview states no 万元 amount, or several without numbering them.
    """
    quantities = doc.performance.quantities
    rows = quantities[
        (quantities["project"] == project) & (quantities["field"] == "overview") & (quantities["unit"] == "万元")
    ]
    if rows.empty:
        return None
    source = where_stated(doc, rows["clause"].iloc[0])
    parts = numbered_parts(rows, source)
    if not parts.empty:
        return {
            "need_wan": sum(parts["stated_wan"], Decimal(0)),
            "basis": "sum_of_parts",
            "parts": list(zip(parts["part"], parts["stated_wan"], strict=True)),
            "source": source,
        }
    if len(rows) == 1:
        return {"need_wan": _number(rows["number"].iloc[0]), "basis": "single", "parts": [], "source": source}
    return None


def is_one_year_one_off(project_type: str | None, period: str | None) -> bool:
    """一次性项目 with a period of one year (项目期 1年).

    >>> is_one_year_one_off("一次性项目(1年结束)", "1年"), is_one_year_one_off("经常性项目(长期开展)", "99年")
    (True, False)
    """
    return "一次性" in str(project_type or "") and bool(_ONE_YEAR.match(str(period or "")))


def funds_check(doc) -> pd.DataFrame:
    """Every project with its annual and implementation-period funds (万元), the need it states,
    and what the difference between the two funds means.

    `verdict`: 'contradiction' (a one-year one-off project whose two funds differ), 'consistent'
    (they are equal), 'open_period' (an ongoing project: the period is not a year, so the two are
    not comparable) or 'not_stated'.
    """
    projects = doc.performance.projects
    records = []
    for row in projects.itertuples():
        annual = _number(row.annual_funds_yuan)
        period_funds = _number(row.implementation_funds_yuan)
        one_off = is_one_year_one_off(row.project_type, row.period)
        if annual is None or period_funds is None:
            verdict = "not_stated"
        elif annual == period_funds:
            verdict = "consistent"
        elif one_off:
            verdict = "contradiction"
        else:
            verdict = "open_period"
        need = stated_need(doc, row.project)
        records.append(
            {
                "project": row.project,
                "project_type": row.project_type,
                "period": row.period,
                "annual_wan": annual / YUAN_PER_WAN if annual is not None else None,
                "period_wan": period_funds / YUAN_PER_WAN if period_funds is not None else None,
                "annual_share_of_period": annual / period_funds if annual is not None and period_funds else None,
                "need_wan": need["need_wan"] if need else None,
                "need_basis": need["basis"] if need else None,
                "need_source": need["source"] if need else None,
                "verdict": verdict,
                "lines": row.lines,
            }
        )
    return pd.DataFrame.from_records(records)


def indicator_quality(doc) -> pd.DataFrame:
    """How measurable each project's indicators are: counts of slots that are empty, not numeric
    (qualitative), stuttered by the extraction (胜任胜任) or duplicated word for word.

    Columns: project, indicators, empty, qualitative, stuttered, duplicated.
    """
    indicators = doc.performance.indicators
    if indicators.empty:
        return pd.DataFrame()
    flags = indicators.assign(
        empty=indicators["is_empty"].astype(bool),
        qualitative=indicators["number"].isna() & ~indicators["is_empty"].astype(bool),
        stuttered=indicators["stuttered"].astype(bool),
        duplicated=indicators.duplicated(["project", "level_3", "value_raw"], keep=False)
        & ~indicators["is_empty"].astype(bool),
    )
    summary = flags.groupby("project", sort=False)[["empty", "qualitative", "stuttered", "duplicated"]].sum()
    summary.insert(0, "indicators", flags.groupby("project", sort=False).size())
    return summary.reset_index()
