"""Each amount of the explanatory text is printed in a table (or is the sum of the items it lists)."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.claims.patterns import AMOUNT, CHANGE, COUNT, LISTED, TARGET_COUNT
from kanshousuo.claims.sections import claim_location, joined_sections, listed_names, part3_sections
from kanshousuo.sources.blocks import TextLine
from kanshousuo.text.numbers import parse_amount


def _listed_sums(doc) -> dict[str, dict[Decimal, Decimal]]:
    """Per section, each `人员经费 X万元，主要包括：A、B…` amount with the sum of the economic items
    it names (their 合计 in the economic table). A PDF breaks such a paragraph over lines, so
    the section's lines are joined first."""
    economic = doc.amounts[
        (doc.amounts["table"] == "basic_expenditure_economic")
        & (doc.amounts["column"] == "total")
        & (doc.amounts["code_level"] == "item")
    ]
    by_name = {label: amount for label, amount in zip(economic["label"], economic["amount"], strict=True)}
    sums: dict[str, dict[Decimal, Decimal]] = {}
    for heading, text, _ in joined_sections(doc):
        for match in LISTED.finditer(text):
            names = listed_names(match.group(3))
            if names and all(name in by_name for name in names):
                total = sum((by_name[name] for name in names), Decimal(0))
                sums.setdefault(heading, {})[parse_amount(match.group(2))] = total
    return sums


@rule(order=90)
def check_amount_claims(doc) -> list[Finding]:
    """Each `X万元` in the text: is the figure printed in a table (in 万元)?"""
    figures = doc.amounts[doc.amounts["unit"] == "万元"]
    by_value: dict[Decimal, pd.DataFrame] = {v: g for v, g in figures.groupby("amount")}
    listed = _listed_sums(doc)
    findings = []
    for heading, lines in part3_sections(doc):
        # `before` is the line above in the section: a PDF breaks sentences, so the words before
        # an amount may be there
        for line, before in zip(lines, ["", *(line.text for line in lines)], strict=False):
            text = line.text
            change_amounts = {m.start(3) for m in CHANGE.finditer(text)}
            change_amounts |= {m.start(2) for m in COUNT.finditer(text)} | {
                m.start(2) for m in TARGET_COUNT.finditer(text)
            }
            for match in re.finditer(AMOUNT, text):
                if match.start() in change_amounts:
                    continue  # a change is checked against its sentence, not the tables
                finding = _amount_finding(match, line, heading, before, by_value, listed.get(heading, {}))
                if finding is not None:
                    findings.append(finding)
    return findings


def _amount_finding(
    match: re.Match[str],
    line: TextLine,
    heading: str,
    before: str,
    by_value: dict[Decimal, pd.DataFrame],
    listed: dict[Decimal, Decimal],
) -> Finding | None:
    """The finding for one amount of the text (None for a zero, or an explained change)."""
    text = line.text
    value = parse_amount(match.group(1))
    where = f"{line.where} ({heading}): …{text[max(0, match.start() - 18) : match.end()]}"
    location = claim_location(line, heading)
    hits = by_value.get(value)
    if hits is not None:
        first = hits.iloc[0]
        found = f"{where} = {first['table']} {first['source']} {first['label']}"
        message = "文中金额见于表中 (amount found in the tables)"
        return Finding("text_amount", "info", "ok", message, found, value, value, Decimal(0), location=location)
    if value == 0:
        return None
    if re.search(r"增加|减少|增长|下降", (before + text[: match.start()])[-12:]):
        return None  # an explained change (人员经费增加X万元) has no counterpart in this year's tables
    if listed.get(value) == value:
        message = "文中金额等于其所列经济科目之和 (amount = sum of the economic items it lists)"
        return Finding("text_amount", "info", "ok", message, where, value, value, Decimal(0), location=location)
    nearest = min(by_value, key=lambda v: abs(v - value)) if by_value else None
    return Finding(
        "text_amount",
        "warning",
        "unmatched",
        f"文中金额在表中找不到 (amount not printed in any table); nearest printed {nearest}",
        where,
        None,
        value,
        None if nearest is None else value - nearest,
        location=location,
    )
