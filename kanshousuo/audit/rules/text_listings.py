"""A stated total equals the sum of the parts its listing names (其中 / 主要包括 / 包括).

`预算收入2,551.79万元，主要包括一般公共预算拨款收入2,214.25万元…上年结转337.54万元` must add up;
a listing that ends in 等 may leave parts out, so its parts may add to less, never to more.
Listings whose parts are the total seen two ways (其中：(一)收入预算总计X (二)支出预算总计X) are
not breakdowns and are left alone.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kanshousuo.audit.claimed import by_id, claim_location, claim_where, claims_of
from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.text.numbers import half_unit


@rule(order=105)
def check_listed_parts(doc) -> list[Finding]:
    """Each listing's parts against the total it lists them of."""
    claims = by_id(doc)
    listings: dict[int, list] = {}
    for claim in claims_of(doc, "amount"):
        if claim.listing is not None and not pd.isna(claim.listing):
            listings.setdefault(int(claim.listing), []).append(claim)
    findings = []
    for _listing, group in sorted(listings.items()):
        total = claims.get(int(group[0].part_of))
        values = [c.value for c in group]
        if total is None or (total.value in values and any(v not in (0, total.value) for v in values)):
            continue
        if values.count(total.value) > 1:
            continue
        findings.append(_listing_finding(total, group))
    return findings


def _listing_finding(total, group: list) -> Finding:
    values = [c.value for c in group]
    added = sum(values, Decimal(0))
    tolerance = sum((half_unit(v) for v in values), Decimal(0)) + half_unit(total.value)
    partial = any(c.context == "partial listing (等)" for c in group)
    names = "、".join(f"{c.subject or '?'} {c.value}" for c in group)
    location = claim_location(total)
    if partial and added <= total.value + tolerance:
        message = f"所列部分(等)不超过总数 (a listing ending in 等 names part of the total: {names})"
        return Finding(
            "text_subtotal",
            "info",
            "ok",
            message,
            claim_where(total),
            total.value,
            added,
            added - total.value,
            tolerance,
            location=location,
            claim=int(total.claim),
        )
    return compare(
        "text_subtotal",
        f"总数等于所列各项之和 (the total = the sum of the parts listed: {names})",
        claim_where(total),
        total.value,
        added,
        tolerance,
        location,
        claim=int(total.claim),
    )
