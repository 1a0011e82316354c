"""`比上年增加Z万元，增长R%`: the implied prior year and the rate recomputed."""

from __future__ import annotations

import re
from decimal import Decimal

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.claims.patterns import AMOUNT, CHANGE
from kanshousuo.claims.sections import claim_location, section_lines
from kanshousuo.text.numbers import half_unit, parse_amount, round_like


@rule(order=110)
def check_change_claims(doc) -> list[Finding]:
    """`X万元，比上年增加Z万元，增长R%`: the prior year is X ∓ Z, and R must be Z / prior."""
    findings = []
    for line, heading in section_lines(doc):
        text = line.text
        for match in CHANGE.finditer(text):
            direction, change, rate = match.group(2), match.group(3), match.group(4)
            segment_start = max(text.rfind(mark, 0, match.start(3)) for mark in "；;。") + 1
            this_year = re.search(AMOUNT, text[segment_start:]).group(1)  # the segment's first amount
            sign = Decimal(1) if direction in ("增加", "增长") else Decimal(-1)
            prior = parse_amount(this_year) - sign * parse_amount(change)
            where = f"{line.where} ({heading}): {match.group(0)}"
            location = claim_location(line, heading)
            findings.append(
                Finding(
                    "text_prior_year",
                    "info",
                    "implied",
                    f"上年数由本句推出 (implied prior-year figure) = {prior}万元",
                    where,
                    None,
                    prior,
                    None,
                    location=location,
                )
            )
            if rate is not None and prior != 0:
                recomputed = round_like(parse_amount(change) / prior * 100, rate)
                findings.append(
                    compare(
                        "text_change_rate",
                        "增减幅度按本句重算 (rate recomputed from its sentence)",
                        where,
                        Decimal(rate),
                        recomputed,
                        half_unit(Decimal(rate)),
                        location,
                    )
                )
    return findings
