"""Performance-target funds against the project table."""

from __future__ import annotations

import difflib

import pandas as pd

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import figure_location
from kanshousuo.text.numbers import half_unit


@rule(order=130)
def check_performance_funds(doc) -> list[Finding]:
    """Each target table's annual funds (元) equal the project's figure in the project table (万元)."""
    findings = []
    figures = doc.amounts[
        (doc.amounts["table"] == "projects") & (doc.amounts["column"] == "total") & (doc.amounts["role"] == "project")
    ]
    names = dict(zip(figures["label"], figures.index, strict=True))
    for target in doc.performance.projects.itertuples():
        if target.annual_funds_yuan is None or pd.isna(target.annual_funds_yuan):
            continue
        match, approximate = _project_named(target.project, names)
        if match is None:
            message = f"绩效目标表项目在项目支出表中找不到 (target project not in the project table): {target.project}"
            findings.append(Finding("targets", "warning", "unmatched", message, f"target lines {target.lines}"))
            continue
        figure = figures.loc[names[match]]
        factor = int(figure["unit_factor"])
        where = f"target lines {target.lines} ↔ projects {figure['source']} {match}"
        findings.append(
            compare(
                "targets",
                "绩效目标表年度资金 = 项目支出表 (annual target funds = project table, 元)",
                where,
                figure["amount"] * factor,
                target.annual_funds_yuan,
                half_unit(figure["amount"]) * factor,
                figure_location(figure),
            )
        )
        if approximate:
            message = f"项目名称仅近似一致 (names match only approximately): {target.project} ≈ {match}"
            findings.append(Finding("targets", "warning", "approximate_name", message, where, match, target.project))
        if isinstance(target.conflicts, str) and target.conflicts:
            message = f"同一项目各页金额不一致 (pages of one project disagree): {target.conflicts}"
            findings.append(Finding("targets", "warning", "mismatch", message, where))
    return findings


def _project_named(name: str, names: dict[str, object]) -> tuple[str | None, bool]:
    """The project table's row for a target's project: by its exact name, else the closest
    name (reported as approximate); (None, False) when no name is close."""
    if name in names:
        return name, False
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return (close[0], True) if close else (None, False)
