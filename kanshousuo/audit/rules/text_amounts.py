"""Each amount of the explanatory text is printed in a table (or is the sum of the items it lists)."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.rules.text_helpers import decimal_of
from kanshousuo.claims.patterns import AMOUNT, CHANGE, COUNT, LISTED, TARGET_COUNT
from kanshousuo.claims.sections import joined_sections, listed_names, part3_sections


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
                sums.setdefault(heading, {})[decimal_of(match.group(2))] = total
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
        for (line, text), before in zip(lines, ["", *(text for _, text in lines)], strict=False):
            change_amounts = {m.start(3) for m in CHANGE.finditer(text)}
            change_amounts |= {m.start(2) for m in COUNT.finditer(text)} | {
                m.start(2) for m in TARGET_COUNT.finditer(text)
            }
            for match in re.finditer(AMOUNT, text):
                if match.start() in change_amounts:
                    continue  # a change is checked against its sentence, not the tables
                value = decimal_of(match.group(1))
                where = f"{line} ({heading}): …{text[max(0, match.start() - 18) : match.end()]}"
                hits = by_value.get(value)
                if hits is not None:
                    first = hits.iloc[0]
                    findings.append(
                        Finding(
                            "text_amount",
                            "info",
                            "ok",
                            "文中金额见于表中 (amount found in the tables)",
                            f"{where} = {first['table']} {first['source']} {first['label']}",
                            value,
                            value,
                            Decimal(0),
                        )
                    )
                    continue
                if value == 0:
                    continue
                nearest = min(by_value, key=lambda v: abs(v - value)) if by_value else None
                context = (before + text[: match.start()])[-12:]
                if re.search(r"增加|减少|增长|下降", context):
                    continue  # an explained change (人员经费增加X万元) has no counterpart in this year's tables
                if listed.get(heading, {}).get(value) == value:
                    findings.append(
                        Finding(
                            "text_amount",
                            "info",
                            "ok",
                            "文中金额等于其所列经济科目之和 (amount = sum of the economic items it lists)",
                            where,
                            value,
                            value,
                            Decimal(0),
                        )
                    )
                    continue
                findings.append(
                    Finding(
                        "text_amount",
                        "warning",
                        "unmatched",
                        f"文中金额在表中找不到 (amount not printed in any table); nearest printed {nearest}",
                        where,
                        None,
                        value,
                        None if nearest is None else value - nearest,
                    )
                )
    return findings
