"""The key findings the landing page leads with: each notebook's headline, computed by the same
package functions the notebook calls, each linking to where the notebook shows it.

A finding is HTML in Chinese and in English (inferred figures carry their label) plus the
notebook and anchor it points to. A notebook whose analysis does not apply to the document
gives no finding rather than a guess.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from kanshousuo.analysis import change, costs, narrative, projects, reasons, staffing
from kanshousuo.catalog.tables import optional_table_ids, standard_table_ids
from kanshousuo.publish.display import inferred, number, percent, wan, where

e = html.escape


@dataclass(frozen=True)
class KeyFinding:
    """One headline in both languages, and the notebook page and anchor that show it."""

    notebook: str  # notebook stem, e.g. '3.0-cost-per-detainee'
    anchor: str  # id of the element in that page
    zh: str  # HTML
    en: str  # HTML
    severity: str = "finding"  # 'finding' or 'error' (an audit error)


def _extraction(doc) -> list[KeyFinding]:
    found = len(standard_table_ids()) - len(doc.meta["tables_missing"])
    of, figures = len(standard_table_ids()), len(doc.amounts)
    optional = len([t for t in doc.tables if t in optional_table_ids()])
    zh = f"读出 {found}/{of} 张标准表" + (f"及 {optional} 张本模板特有的表" if optional else "")
    en = f"{found} of {of} standard tables read" + (f", and {optional} tables of this template" if optional else "")
    return [
        KeyFinding(
            "1.0-extraction-tour",
            "tables-found",
            e(f"{zh}，共 {figures} 个印刷数字，每个都注明所在的行或页。"),
            e(f"{en}: {figures} printed figures, each with the line or page it is printed on."),
        )
    ]


def _reasons(doc) -> list[KeyFinding]:
    checks = reasons.reason_checks(doc)
    failing = checks[checks["verdict"] == "does_not_add_up"].drop_duplicates(["section", "change_wan"])
    return [
        KeyFinding(
            "2.0-reproduce-explanatory-section",
            "reasons",
            e(
                f"{c.section}（{where(c.where)}）：文中称变动 {wan(c.change_wan, signed=True)}，"
                f"所列原因的金额合计 {wan(c.reasons_sum_wan, signed=True)}，"
                f"相差 {wan(c.difference_wan, signed=True)}：原因加起来不等于变动。"
            ),
            e(
                f"{c.section} ({c.where}) states a change of {wan(c.change_wan, 'en', signed=True)}; "
                f"the amounts of its reasons add up to {wan(c.reasons_sum_wan, 'en', signed=True)}, "
                f"{wan(c.difference_wan, 'en', signed=True)} apart: the reasons do not add up to the change."
            ),
        )
        for c in failing.itertuples()
    ]


def _three_public(doc) -> list[KeyFinding]:
    three = narrative.three_public_by_year(doc)
    if three.empty:
        return []
    total = three[three["level"] == "total"].iloc[0]
    zh = f"“三公”经费 {e(wan(total['this_year_wan']))}（{e(where(total['source']))}）"
    en = f"“Three public expenses”: {e(wan(total['this_year_wan'], 'en'))} ({e(total['source'])})"
    if total["prior_year_wan"] is not None:
        zh += f"，上年 {inferred(wan(total['prior_year_wan']))}（由{e(where(total['prior_source']))}的变动额推出）"
        en += (
            f"; last year {inferred(wan(total['prior_year_wan'], 'en'), 'en')} "
            f"(from the change stated at {e(total['prior_source'])})"
        )
    blank = three[three["printed_blank"]]["item"].tolist()
    if blank:
        zh += "；表中空白（即 0）：" + e("、".join(blank))
        en += f"; {len(blank)} categories printed blank (0)"
    return [KeyFinding("2.0-reproduce-explanatory-section", "three-public", zh + "。", en + ".")]


def _cost_per_detainee(doc) -> list[KeyFinding]:
    plan = costs.feeding_plan(doc)
    coverage = costs.feeding_coverage(plan) if plan is not None else None
    if coverage is None:
        return []
    parts = coverage.parts
    listed = "＋".join(f"{p}{number(v, 1)}" for p, v in zip(parts["part"], parts["stated_wan"], strict=True))
    per_day = costs.per_detainee_day(plan).set_index("basis").at["allocation_all_purposes", "yuan_per_day"]
    upper = percent(coverage.upper_bound_share_of_living)
    zh = (
        f"{e(plan.project)}预算 {e(wan(coverage.allocation_wan))}（{where(coverage.allocation_source)}）"
        "只占项目自述需求 "
        f"{e(wan(coverage.stated_need_wan))}（{e(listed)}，{where(parts['source'].iloc[0])}）的 "
        f"{percent(coverage.share_of_stated_need)}；即便全部用于生活补助，最多覆盖按标准重算的生活补助的 "
        f"{inferred(upper + '（上限）')}。按计划押量 {number(plan.persons, 0)} 人，项目预算合每人每日 "
        f"{number(per_day)} 元，含医疗补助费等全部用途，不是伙食成本。"
    )
    en = (
        f"The {e(plan.project)} allocation, {e(wan(coverage.allocation_wan, 'en'))} ({coverage.allocation_source}), "
        f"is {percent(coverage.share_of_stated_need)} of the need the project states "
        f"({e(wan(coverage.stated_need_wan, 'en'))}: {e(listed)}, {parts['source'].iloc[0]}); even if all of it paid "
        f"for living support it would cover at most {inferred(upper + ' (upper bound)', 'en')} of those standards. "
        f"Per planned detainee ({number(plan.persons, 0)}) per day it is {number(per_day)} yuan for every purpose "
        "of the project, medical subsidy included: not a feeding cost."
    )
    return [KeyFinding("3.0-cost-per-detainee", "coverage", zh, en)]


def _staffing(doc) -> list[KeyFinding]:
    steps = change.change_decomposition(doc)
    reason = staffing.staffing_reason(doc)
    if steps is None or reason is None:
        return []
    step = {s.key: s.amount_wan for s in steps}
    lines = staffing.cost_lines(reason, staffing.economic_totals(doc)).set_index("line")
    grow_p, grow_u = percent(lines.at["personnel", "growth"]), percent(lines.at["public_use", "growth"])
    zh = (
        f"新增 {reason['new_staff']} 人：人员经费增长 {inferred(grow_p)}，公用经费增长 {inferred(grow_u)}；"
        "两者增速相近，由它们放大出的两个“人数”才相近，并非两个独立的人数估计。"
        f"收支总计变动 {e(wan(step['total_change'], signed=True))} 可用文件自身数字分解为：结转 "
        f"{inferred(wan(step['carryover_change'], signed=True))}、"
        f"人员经费 {e(wan(step['personnel_change'], signed=True))}、"
        f"公用经费 {e(wan(step['public_use_change'], signed=True))}、当年项目支出 "
        f"{inferred(wan(step['project_change'], signed=True))}。"
    )
    en = (
        f"{reason['new_staff']} new staff: personnel costs grew {inferred(grow_p, 'en')} and public-use costs "
        f"{inferred(grow_u, 'en')}; because the two grew alike, the two “headcounts” scaled from them agree — they "
        f"are not independent estimates. The change of the total, {e(wan(step['total_change'], 'en', signed=True))}, "
        "splits with the document's own figures into carry-over "
        f"{inferred(wan(step['carryover_change'], 'en', signed=True), 'en')}, "
        f"personnel {e(wan(step['personnel_change'], 'en', signed=True))}, public use "
        f"{e(wan(step['public_use_change'], 'en', signed=True))} and current-year projects "
        f"{inferred(wan(step['project_change'], 'en', signed=True), 'en')}."
    )
    return [KeyFinding("4.0-staffing-increase", "decomposition", zh, en)]


def _projects(doc) -> list[KeyFinding]:
    if doc.performance.projects.empty:
        return []
    checks = projects.funds_check(doc)
    return [
        KeyFinding(
            "5.0-projects-and-targets",
            "contradictions",
            e(
                f"{row.project}是一年期一次性项目，实施期资金 {wan(row.period_wan)} 却不等于年度资金 "
                f"{wan(row.annual_wan)}（绩效目标表第{row.lines}行）：文件自相矛盾。"
            ),
            e(
                f"{row.project} is a one-off project of one year, yet its implementation-period funds "
                f"({wan(row.period_wan, 'en')}) differ from its annual funds ({wan(row.annual_wan, 'en')}; target "
                f"table, lines {row.lines}): the document contradicts itself."
            ),
        )
        for row in checks[checks["verdict"] == "contradiction"].itertuples()
    ]


def _audit(doc) -> list[KeyFinding]:
    audit = doc.audit()
    errors = audit[audit["severity"] == "error"]
    warnings = audit[audit["severity"] == "warning"]
    explained = int(warnings["rounding_explains"].fillna(False).astype(bool).sum())
    summary = KeyFinding(
        "6.0-audit-report",
        "summary",
        e(
            f"审计 {len(audit)} 项检查：{len(errors)} 项错误，{len(warnings)} 项警告"
            f"（{explained} 项可由四舍五入解释）。"
        ),
        e(
            f"The audit ran {len(audit)} checks: {len(errors)} errors, {len(warnings)} warnings "
            f"({explained} of them explained by rounding)."
        ),
    )
    return [
        summary,
        *(
            KeyFinding(
                "6.0-audit-report",
                "errors",
                e(f"错误：{r.message}（{r.where}）"),
                e(f"Error: {r.message} ({r.where})"),
                "error",
            )
            for r in errors.head(5).itertuples()
        ),
    ]


def key_findings(doc) -> list[KeyFinding]:
    """Every notebook's headline for this document, in notebook order (audit errors included)."""
    builders = (_extraction, _reasons, _three_public, _cost_per_detainee, _staffing, _projects, _audit)
    return [finding for build in builders for finding in build(doc)]
