"""Where the year-on-year change comes from, using only the document's own figures.

Section 一 of the explanatory text states the change of the total and its reasons; when the
reasons do not add up to it (`kanshousuo.analysis.reasons`), the document still holds enough to
locate the gap. Two sections each imply a prior-year figure (this year − stated change): the
total (收支总计) and the general budget's current-year spending (一般公共预算当年支出). Their
difference is the prior year's money outside the current-year general budget (carry-over and
other funds); the personnel and public-use increases the reasons cite leave, as a residual, the
change in current-year project spending.

Assumptions, stated with the result: (1) both prior-year figures come from the same prior-year
budget; (2) the cited personnel and public-use increases are changes of the general budget's
basic expenditure (the economic table's 人员经费 and 公用经费); (3) this year all current-year
money is general budget (checked: the general-budget total equals the summary's 本年收入合计).
Every derived figure is an inference and is labelled so; its inputs keep their line or page.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from kanshousuo.analysis.figures import Printed, table_figure
from kanshousuo.analysis.reasons import ChangeClaim, change_claims
from kanshousuo.analysis.staffing import staffing_reason


@dataclass(frozen=True)
class Step:
    """One figure of the decomposition: printed (with its source) or inferred (with its formula)."""

    key: str
    amount_wan: Decimal
    kind: str  # 'printed' or 'inference'
    basis: str  # the source ('line 379') of a printed figure, the formula of an inference


def stated_change(doc, figure: Decimal, keyword: str) -> ChangeClaim | None:
    """The first change claim about `figure` (万元) whose subject names `keyword` (总计, 一般公共预算)."""
    for claim in change_claims(doc):
        if claim.level == figure and keyword in claim.subject:
            return claim
    return None


def _summary(doc, role: str) -> Printed | None:
    return table_figure(doc, "income_expenditure_summary", "income_amount", role)


def change_decomposition(doc) -> list[Step] | None:
    """The total change split into carry-over, personnel, public use and current-year projects.

    None when the document lacks one of the figures it needs (the notebook then says so).
    """
    total = _summary(doc, "grand_total")
    carryover = _summary(doc, "carryover")
    general = table_figure(doc, "general_budget_expenditure", "total", "total")
    projects = table_figure(doc, "general_budget_expenditure", "project", "total")
    reason = staffing_reason(doc)
    if None in (total, carryover, general, projects, reason):
        return None
    total_claim = stated_change(doc, total.wan, "总计")
    general_claim = stated_change(doc, general.wan, "一般公共预算")
    if total_claim is None or general_claim is None:
        return None
    personnel = reason.get("personnel_increase_wan", Decimal(0))
    public_use = reason.get("public_use_increase_wan", Decimal(0))
    prior_total = total.wan - total_claim.change
    prior_general = general.wan - general_claim.change
    prior_other = prior_total - prior_general
    project_change = general_claim.change - personnel - public_use
    return [
        Step("grand_total", total.wan, "printed", total.source),
        Step("total_change", total_claim.change, "printed", total_claim.where),
        Step("prior_total", prior_total, "inference", "grand_total − total_change"),
        Step("general", general.wan, "printed", general.source),
        Step("general_change", general_claim.change, "printed", general_claim.where),
        Step("prior_general", prior_general, "inference", "general − general_change"),
        Step("prior_other", prior_other, "inference", "prior_total − prior_general"),
        Step("carryover", carryover.wan, "printed", carryover.source),
        Step("carryover_change", carryover.wan - prior_other, "inference", "carryover − prior_other"),
        Step("personnel_change", personnel, "printed", str(reason["where"])),
        Step("public_use_change", public_use, "printed", str(reason["where"])),
        Step("project_change", project_change, "inference", "general_change − personnel_change − public_use_change"),
        Step("projects", projects.wan, "printed", projects.source),
        Step("prior_projects", projects.wan - project_change, "inference", "projects − project_change"),
    ]


def steps_frame(steps: list[Step]) -> pd.DataFrame:
    """The steps as a table: key, printed_wan or inferred_wan (one of the two per row), basis."""
    return pd.DataFrame(
        [
            {
                "key": s.key,
                "printed_wan": s.amount_wan if s.kind == "printed" else None,
                "inferred_wan": s.amount_wan if s.kind == "inference" else None,
                "basis": s.basis,
            }
            for s in steps
        ],
        columns=["key", "printed_wan", "inferred_wan", "basis"],
    )


def current_year_is_all_general_budget(doc) -> bool:
    """Assumption (3): the general-budget total equals the summary's 本年收入合计."""
    current = _summary(doc, "total")
    general = table_figure(doc, "general_budget_expenditure", "total", "total")
    return current is not None and general is not None and current.wan == general.wan
