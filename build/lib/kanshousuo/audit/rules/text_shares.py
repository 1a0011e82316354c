"""`X万元，占Y%`: Y recomputed."""

from __future__ import annotations

import re
from decimal import Decimal

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.claims.patterns import AMOUNT, SHARE
from kanshousuo.claims.sections import claim_location, part3_sections
from kanshousuo.text.numbers import half_unit, parse_amount, round_like


@rule(order=100)
def check_share_claims(doc) -> list[Finding]:
    """`X万元，占Y%`: Y recomputed from X and the paragraph's first amount (its total).

    A PDF's text breaks a listing into lines (合计 37188.34 万元，其中： / 基本支出 21968 万元，
    占 59.07%；…): a line that opens with a share takes its total from the line above it.
    """
    findings = []
    for heading, lines in part3_sections(doc):
        base_match = None
        for line in lines:
            text = line.text
            amounts = list(re.finditer(AMOUNT, text))
            shares = list(SHARE.finditer(text))
            if amounts and not (shares and shares[0].start() == amounts[0].start()):
                base_match = amounts[0]  # a share is of the paragraph's first amount, its total
            if base_match is None:
                continue
            base = parse_amount(base_match.group(1))
            for match in shares:
                part, printed = parse_amount(match.group(1)), match.group(2)
                if base == 0:
                    continue
                share = part / base * 100
                recomputed = round_like(share, printed)
                where = f"{line.where} ({heading}): {match.group(0)} of {base_match.group(0)}"
                tolerance = half_unit(Decimal(printed))
                findings.append(
                    compare(
                        "text_share",
                        "占比按文中金额重算 (share recomputed)",
                        where,
                        Decimal(printed),
                        recomputed,
                        tolerance,
                        claim_location(line, heading),
                    )
                )
    return findings
