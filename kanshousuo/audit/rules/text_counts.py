"""Project counts and totals, target counts and funds, class names of the document's year, and
item names listed after 主要包括.

- `二级项目6个，共计金额501.73万元`: the projects and their total in the project table;
- `公开项目绩效目标6个，涉及项目金额501.73万元`: the performance-target tables printed;
- a functional class cited by a name that is not official in the document's year (医疗卫生与计划
  生育支出 in 2026: 卫生健康支出 since 2019), or by a name not yet official (卫生健康支出 in 2017);
- an economic item listed after 主要包括 that the economic table does not print.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kanshousuo.audit.claimed import by_id, claim_location, claim_where
from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.catalog.classifications import former_class_names, renamed_in
from kanshousuo.claims.patterns import LISTED
from kanshousuo.claims.text import listed_names, normalize
from kanshousuo.document import Location
from kanshousuo.text.numbers import half_unit

_PROJECTS = re.compile(r"(?<!类)项目(?:共)?$")
_TARGETS = re.compile(r"公开项目绩效目标$")


@rule(order=120)
def check_counts_and_names(doc) -> list[Finding]:
    """Project and target counts with their funds, class names, listed item names."""
    return [*_counts(doc), *_class_names(doc), *_listed_names_not_in_table(doc)]


def _counts(doc) -> list[Finding]:
    claims = by_id(doc)
    findings = []
    for count in (c for c in claims.values() if c.kind == "count" and c.unit == "个"):
        subject = count.subject if isinstance(count.subject, str) else ""
        after = claims.get(int(count.claim) + 1)
        amount = after if after is not None and after.kind == "amount" and after.statement == count.statement else None
        if _TARGETS.search(subject) and not doc.performance.projects.empty:
            findings += _target_counts(doc, count, amount)
        elif _PROJECTS.search(subject):
            findings += _project_counts(doc, count, amount)
    return findings


def _target_counts(doc, count, amount) -> list[Finding]:
    targets = doc.performance.projects
    funds = sum((v for v in targets["annual_funds_yuan"] if isinstance(v, Decimal)), Decimal(0)) / 10000
    titles = (
        "公开绩效目标的项目个数 (published target tables)",
        "公开绩效目标涉及金额 (funds of the published targets, 万元)",
    )
    tolerance = half_unit(amount.value) if amount is not None else Decimal(0)
    return _count_and_total(count, amount, titles, len(targets), funds, tolerance)


def _project_counts(doc, count, amount) -> list[Finding]:
    projects = doc.amounts[
        (doc.amounts["table"] == "projects") & (doc.amounts["column"] == "total") & (doc.amounts["role"] == "project")
    ]
    if projects.empty:
        return []
    titles = ("项目个数与项目支出表一致 (project count)", "项目金额合计与项目支出表一致 (project total)")
    tolerance = sum((half_unit(v) for v in projects["amount"]), Decimal(0))
    return _count_and_total(count, amount, titles, len(projects), sum(projects["amount"], Decimal(0)), tolerance)


def _count_and_total(count, amount, titles: tuple[str, str], number: int, total: Decimal, tolerance: Decimal):
    """A stated count against the rows counted, and the amount stated with it against their total."""
    out = [
        compare(
            "text_count",
            titles[0],
            claim_where(count),
            count.value,
            Decimal(number),
            Decimal(0),
            claim_location(count),
            claim=int(count.claim),
        )
    ]
    if amount is not None:
        out.append(
            compare(
                "text_count",
                titles[1],
                claim_where(amount),
                amount.value,
                total,
                tolerance,
                claim_location(amount),
                claim=int(amount.claim),
            )
        )
    return out


def _class_names(doc) -> list[Finding]:
    """A class cited under a name not official in the document's year (a former name, or one
    from a later year)."""
    year = doc.meta.get("year")
    findings = []
    for heading, lines in _part3_lines(doc):
        for line in lines:
            text = normalize(line.text)
            for former, current in former_class_names().items():
                since = renamed_in().get(former)
                if former in text and (since is None or year is None or year >= since):
                    when = f"自{since}年起为{current}" if since else f"现为{current}"
                    message = f"文中使用旧科目名称 (class cited under a former name): {former} → {current} ({when})"
                    official, cited = current, former
                elif current in text and since is not None and year is not None and year < since:
                    message = (
                        f"文中使用{since}年才启用的科目名称 (a name official only from {since}): "
                        f"{current}, {year}年为{former}"
                    )
                    official, cited = former, current
                else:
                    continue
                location = Location(line=line.line, page=line.page, section=heading)
                where = f"{line.where} ({heading})"
                findings.append(
                    Finding(
                        "text_name",
                        "warning",
                        "mismatch",
                        message,
                        where,
                        official,
                        cited,
                        location=location,
                        subject=cited,
                    )
                )
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in findings:
        key = (finding.where, finding.actual)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _part3_lines(doc):
    part3 = doc.sections[doc.sections["part"] == 3]
    return [(s.heading, list(s.text_lines)) for s in part3.itertuples()]


def _listed_names_not_in_table(doc) -> list[Finding]:
    """Item names listed after 主要包括 that the economic table does not print."""
    economic = set(doc.amounts.loc[doc.amounts["table"] == "basic_expenditure_economic", "label"].dropna())
    findings = []
    for heading, lines in _part3_lines(doc):
        offsets, text = [], ""
        for line in lines:
            offsets.append((len(text), line))
            text += normalize(line.text)
        for match in LISTED.finditer(text):
            line = [printed for start, printed in offsets if start <= match.start()][-1]
            location = Location(line=line.line, page=line.page, section=heading)
            findings += [
                Finding(
                    "text_name",
                    "warning",
                    "mismatch",
                    f"文中科目名称不在经济科目表中 (item name not in the economic table): {name}",
                    f"{line.where} ({heading})",
                    None,
                    name,
                    location=location,
                    subject=name,
                )
                for name in listed_names(match.group(3))
                if name not in economic
            ]
    return findings
