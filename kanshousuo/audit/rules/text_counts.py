"""Project counts and totals, listed item names, former class names."""

from __future__ import annotations

from decimal import Decimal

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.audit.rules.text_helpers import decimal_of
from kanshousuo.catalog.classifications import former_class_names
from kanshousuo.claims.patterns import COUNT, LISTED, TARGET_COUNT
from kanshousuo.claims.sections import joined_sections, listed_names, section_lines, where_in
from kanshousuo.text.numbers import half_unit


@rule(order=120)
def check_counts_and_names(doc) -> list[Finding]:
    """Project counts and totals, item names listed after 主要包括, former class names."""
    findings = []
    projects = doc.amounts[
        (doc.amounts["table"] == "projects") & (doc.amounts["column"] == "total") & (doc.amounts["role"] == "project")
    ]
    economic = set(doc.amounts.loc[doc.amounts["table"] == "basic_expenditure_economic", "label"].dropna())
    for line, heading, text in section_lines(doc):
        for match in TARGET_COUNT.finditer(text):
            targets = doc.performance.projects
            where = f"{line} ({heading}): {match.group(0)}"
            findings.append(
                compare(
                    "text_count",
                    "公开绩效目标的项目个数 (published target tables)",
                    where,
                    Decimal(match.group(1)),
                    Decimal(len(targets)),
                    Decimal(0),
                )
            )
            funds = sum((v for v in targets["annual_funds_yuan"] if isinstance(v, Decimal)), Decimal(0)) / 10000
            findings.append(
                compare(
                    "text_count",
                    "公开绩效目标涉及金额 (funds of the published targets, 万元)",
                    where,
                    decimal_of(match.group(2)),
                    funds,
                    half_unit(decimal_of(match.group(2))),
                )
            )
        for match in COUNT.finditer(text):
            count, total = int(match.group(1)), decimal_of(match.group(2))
            where = f"{line} ({heading}): {match.group(0)}"
            if text[max(0, match.start() - 1) : match.start()] == "类":
                continue  # a count by category (其他运转类项目6个); the tables do not print categories
            findings.append(
                compare(
                    "text_count",
                    "项目个数与项目支出表一致 (project count)",
                    where,
                    Decimal(count),
                    Decimal(len(projects)),
                    Decimal(0),
                )
            )
            findings.append(
                compare(
                    "text_count",
                    "项目金额合计与项目支出表一致 (project total)",
                    where,
                    total,
                    sum(projects["amount"], Decimal(0)),
                    sum((half_unit(v) for v in projects["amount"]), Decimal(0)),
                )
            )
        for former, current in former_class_names().items():
            if former in text:
                findings.append(
                    Finding(
                        "text_name",
                        "warning",
                        "mismatch",
                        f"文中使用旧科目名称 (class cited under a former name): {former} → {current}",
                        f"{line} ({heading})",
                        current,
                        former,
                    )
                )
    for heading, text, offsets in joined_sections(doc):
        for match in LISTED.finditer(text):
            for name in listed_names(match.group(3)):
                if name not in economic:
                    findings.append(
                        Finding(
                            "text_name",
                            "warning",
                            "mismatch",
                            f"文中科目名称不在经济科目表中 (item name not in the economic table): {name}",
                            f"{where_in(offsets, match.start())} ({heading})",
                            None,
                            name,
                        )
                    )
    return findings
