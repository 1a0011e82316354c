"""Performance-target funds against the project table."""

from __future__ import annotations

import difflib

import pandas as pd

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.text.numbers import half_unit


@rule(order=130)
def check_performance_funds(doc) -> list[Finding]:
    """Each target table's annual funds (元) equal the project's figure in the project table (万元)."""
    findings = []
    targets = doc.performance.projects
    figures = doc.amounts[
        (doc.amounts["table"] == "projects") & (doc.amounts["column"] == "total") & (doc.amounts["role"] == "project")
    ]
    names = dict(zip(figures["label"], figures.index, strict=True))
    for target in targets.itertuples():
        if target.annual_funds_yuan is None or pd.isna(target.annual_funds_yuan):
            continue
        match = target.project if target.project in names else None
        approximate = False
        if match is None:
            close = difflib.get_close_matches(target.project, list(names), n=1, cutoff=0.6)
            match, approximate = (close[0], True) if close else (None, False)
        if match is None:
            findings.append(
                Finding(
                    "targets",
                    "warning",
                    "unmatched",
                    f"绩效目标表项目在项目支出表中找不到 (target project not in the project table): {target.project}",
                    f"target lines {target.lines}",
                )
            )
            continue
        figure = figures.loc[names[match]]
        factor = int(figure["unit_factor"])
        expected = figure["amount"] * factor
        where = f"target lines {target.lines} ↔ projects {figure['source']} {match}"
        finding = compare(
            "targets",
            "绩效目标表年度资金 = 项目支出表 (annual target funds = project table, 元)",
            where,
            expected,
            target.annual_funds_yuan,
            half_unit(figure["amount"]) * factor,
        )
        findings.append(finding)
        if approximate:
            findings.append(
                Finding(
                    "targets",
                    "warning",
                    "approximate_name",
                    f"项目名称仅近似一致 (names match only approximately): {target.project} ≈ {match}",
                    where,
                    match,
                    target.project,
                )
            )
        if isinstance(target.conflicts, str) and target.conflicts:
            findings.append(
                Finding(
                    "targets",
                    "warning",
                    "mismatch",
                    f"同一项目各页金额不一致 (pages of one project disagree): {target.conflicts}",
                    where,
                )
            )
    return findings
