"""Audit a disclosure against itself: identities, cross-table agreement, text claims, targets, citations.

`audit_disclosure(doc)` returns one row per checked identity or claim (see `findings.py`).
Nothing here knows a particular document: the checks read the catalog ids, roles and codes.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from kanshousuo.amounts import half_unit
from kanshousuo.audit.claims import (
    check_amount_claims,
    check_change_claims,
    check_counts_and_names,
    check_share_claims,
)
from kanshousuo.audit.findings import Finding, compare, findings_as_json, findings_as_text, findings_frame
from kanshousuo.audit.identities import (
    check_across_tables,
    check_code_hierarchy,
    check_income_sources,
    check_procurement,
    check_project_hierarchy,
    check_row_totals,
    check_summary_tables,
    check_three_public,
    unit_is_administrative,
)

__all__ = ["audit_disclosure", "findings_as_json", "findings_as_text"]

_CITATION = re.compile(
    r"《([^》]{4,60})》[^《]{0,40}?[(（]([\u4e00-\u9fff]{1,10})\s*[〔\[［【(（]\s*(\d{4})\s*"
    r"[〕\]］】)）]\s*(\d+)\s*号"
)


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


def check_citations(doc) -> list[Finding]:
    """The same policy document cited with different numbers in different places."""
    if doc.source is None:
        return []
    from kanshousuo.labels import clean_text

    cited: dict[str, dict[str, list[int]]] = {}
    for number, line in enumerate(doc.source.lines, start=1):
        for match in _CITATION.finditer(clean_text(line)):
            title = re.sub(r"[〈〉<>]", "", match.group(1))
            reference = f"{match.group(2)}〔{match.group(3)}〕{match.group(4)}号"
            cited.setdefault(title, {}).setdefault(reference, []).append(number)
    findings = []
    for title, references in cited.items():
        if len(references) > 1:
            where = "; ".join(f"{ref} at lines {', '.join(map(str, lines))}" for ref, lines in references.items())
            findings.append(
                Finding(
                    "citations",
                    "warning",
                    "mismatch",
                    f"同一文件文号不一致 (the same document cited with different numbers): 《{title}》",
                    where,
                    None,
                    " / ".join(references),
                )
            )
    return findings


def audit_disclosure(doc) -> pd.DataFrame:
    """Run every check; one row per identity or claim checked."""
    amounts = doc.amounts
    administrative = unit_is_administrative(doc.part_text(1))
    findings = [
        *check_row_totals(amounts),
        *check_code_hierarchy(amounts),
        *check_summary_tables(amounts),
        *check_income_sources(amounts, doc.tables.get("income_by_source")),
        *check_procurement(amounts),
        *check_three_public(amounts),
        *check_project_hierarchy(amounts),
        *check_across_tables(amounts, administrative),
        *check_amount_claims(doc),
        *check_share_claims(doc),
        *check_change_claims(doc),
        *check_counts_and_names(doc),
        *check_performance_funds(doc),
        *check_citations(doc),
    ]
    return findings_frame(findings)
