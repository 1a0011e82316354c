"""Project counts and totals, listed item names, former class names."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.catalog.classifications import former_class_names
from kanshousuo.claims.patterns import COUNT, LISTED, TARGET_COUNT
from kanshousuo.claims.sections import claim_location, joined_sections, line_at, listed_names, section_lines
from kanshousuo.sources.blocks import TextLine
from kanshousuo.text.numbers import half_unit, parse_amount


@rule(order=120)
def check_counts_and_names(doc) -> list[Finding]:
    """Project counts and totals, item names listed after 主要包括, former class names."""
    projects = doc.amounts[
        (doc.amounts["table"] == "projects") & (doc.amounts["column"] == "total") & (doc.amounts["role"] == "project")
    ]
    findings = []
    for line, heading in section_lines(doc):
        findings += _target_counts(doc, line, heading)
        findings += _project_counts(projects, line, heading)
        findings += _former_names(line, heading)
    return findings + _listed_names_not_in_table(doc)


def _target_counts(doc, line: TextLine, heading: str) -> list[Finding]:
    """`公开项目绩效目标N个，涉及金额X万元`: against the target tables printed."""
    findings = []
    for match in TARGET_COUNT.finditer(line.text):
        targets = doc.performance.projects
        where, location = f"{line.where} ({heading}): {match.group(0)}", claim_location(line, heading)
        count, stated = Decimal(match.group(1)), parse_amount(match.group(2))
        funds = sum((v for v in targets["annual_funds_yuan"] if isinstance(v, Decimal)), Decimal(0)) / 10000
        findings += [
            compare(
                "text_count",
                "公开绩效目标的项目个数 (published target tables)",
                where,
                count,
                Decimal(len(targets)),
                Decimal(0),
                location,
            ),
            compare(
                "text_count",
                "公开绩效目标涉及金额 (funds of the published targets, 万元)",
                where,
                stated,
                funds,
                half_unit(stated),
                location,
            ),
        ]
    return findings


def _project_counts(projects: pd.DataFrame, line: TextLine, heading: str) -> list[Finding]:
    """`项目N个，金额X万元`: against the projects and their total in the project table."""
    findings = []
    text = line.text
    for match in COUNT.finditer(text):
        if text[max(0, match.start() - 1) : match.start()] == "类":
            continue  # a count by category (其他运转类项目6个); the tables do not print categories
        count, total = int(match.group(1)), parse_amount(match.group(2))
        where, location = f"{line.where} ({heading}): {match.group(0)}", claim_location(line, heading)
        tolerance = sum((half_unit(v) for v in projects["amount"]), Decimal(0))
        findings += [
            compare(
                "text_count",
                "项目个数与项目支出表一致 (project count)",
                where,
                Decimal(count),
                Decimal(len(projects)),
                Decimal(0),
                location,
            ),
            compare(
                "text_count",
                "项目金额合计与项目支出表一致 (project total)",
                where,
                total,
                sum(projects["amount"], Decimal(0)),
                tolerance,
                location,
            ),
        ]
    return findings


def _former_names(line: TextLine, heading: str) -> list[Finding]:
    """A class cited under a name it had before (医疗卫生与计划生育支出 → 卫生健康支出)."""
    return [
        Finding(
            "text_name",
            "warning",
            "mismatch",
            f"文中使用旧科目名称 (class cited under a former name): {former} → {current}",
            f"{line.where} ({heading})",
            current,
            former,
            location=claim_location(line, heading),
        )
        for former, current in former_class_names().items()
        if former in line.text
    ]


def _listed_names_not_in_table(doc) -> list[Finding]:
    """Item names listed after 主要包括 that the economic table does not print."""
    economic = set(doc.amounts.loc[doc.amounts["table"] == "basic_expenditure_economic", "label"].dropna())
    findings = []
    for heading, text, offsets in joined_sections(doc):
        for match in LISTED.finditer(text):
            line = line_at(offsets, match.start())
            findings += [
                Finding(
                    "text_name",
                    "warning",
                    "mismatch",
                    f"文中科目名称不在经济科目表中 (item name not in the economic table): {name}",
                    f"{line.where} ({heading})",
                    None,
                    name,
                    location=claim_location(line, heading),
                )
                for name in listed_names(match.group(3))
                if name not in economic
            ]
    return findings
