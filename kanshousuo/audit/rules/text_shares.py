"""Shares and coverages: `X万元，占Y%` recomputed from the stated amounts and from the tables.

A share is of the base it names (占“三公”经费的31.14% → the 三公 figure of the tables), or, when it
names none, of the total its listing belongs to (预算收入2,551.79万元，主要包括…2,214.25万元，占86.77%).
It is recomputed from the stated amounts (`text_share`) and, where both are printed in the
tables, from the table figures. A coverage (占…项目支出总额的100%) is recomputed against each
figure its base may mean (支出总表's 项目支出, with carry-over, first; then this year's project
table): it holds, holds only for a narrower base (a warning naming both), or for none.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kanshousuo.audit.claimed import (
    by_id,
    claim_location,
    claim_where,
    claims_of,
    compare_rate,
    round_to,
    same_at_printed_precision,
    share_of,
    subject_figures,
)
from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.claims.subjects import FunctionalNames, resolve_subject
from kanshousuo.text.numbers import half_unit


def _id(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _fields(claim) -> dict[str, object]:
    return {"location": claim_location(claim), "claim": int(claim.claim)}


@rule(order=100, phase="all")
def check_share_claims(doc) -> list[Finding]:
    """Every share and coverage the text states (see the module docstring)."""
    claims = by_id(doc)
    names = FunctionalNames(doc.amounts)
    findings = []
    for share in claims_of(doc, "share_pct", "coverage_pct"):
        part = claims.get(_id(share.refers_to))
        if part is None or part.kind != "amount":
            continue
        if share.kind == "coverage_pct":
            findings += _coverage(doc, share, part, names)
        else:
            findings += _share(doc, share, part, claims, names)
    return findings


def _share(doc, share, part, claims: dict, names: FunctionalNames) -> list[Finding]:
    named = share.context if isinstance(share.context, str) and share.context else None
    if named is None:
        base = claims.get(_id(part.part_of)) or _amount_before(claims, part)
        if base is None or base.value == 0:
            return []
        out = [
            _compare(
                "text_share", "占比按文中金额重算 (share recomputed from the text)", share, part.value, base.value, True
            )
        ]
        table_part, table_base = _table_value(doc, part), _table_value(doc, base)
        if table_part is not None and table_base and (table_part, table_base) != (part.value, base.value):
            message = "占比按表中数重算 (share recomputed from the table figures)"
            out.append(_compare("text_share_table", message, share, table_part, table_base, False))
        return out
    subject = resolve_subject(named, names)
    figures, _ = subject_figures(doc, subject.figures, part.unit)
    if not figures or figures[0].value == 0:
        return []
    base = figures[0]
    message = f"占{named}的比例按表中数重算 (share of {named}, its figure {base.describe()})"
    h_base = half_unit(base.printed) * base.value / base.printed if base.printed else Decimal(0)
    return [_compare("text_share", message, share, part.value, base.value, True, h_base=h_base)]


def _amount_before(claims: dict, part):
    """The amount stated before a part in its statement (本年收入预算合计X万元，其中：…X万元，占100%)."""
    earlier = [
        c for c in claims.values() if c.kind == "amount" and c.statement == part.statement and c.claim < part.claim
    ]
    return earlier[-1] if earlier else None


def _compare(
    check, message, share, part: Decimal, base: Decimal, rounded: bool, h_base: Decimal | None = None
) -> Finding:
    h_part = half_unit(part) if rounded else Decimal(0)
    if h_base is None:
        h_base = half_unit(base) if rounded else Decimal(0)
    value, extremes = share_of(part, base, h_part, h_base)
    return compare_rate(check, message, claim_where(share), share.value, value, extremes, **_fields(share))


def _table_value(doc, claim) -> Decimal | None:
    if not isinstance(claim.figures, str):
        return None
    figures, _ = subject_figures(doc, claim.figures, claim.unit)
    matching = [f.value for f in figures if same_at_printed_precision(claim.value, f.value)]
    return matching[0] if matching else None


def _coverage(doc, share, part, names: FunctionalNames) -> list[Finding]:
    subject = resolve_subject(share.context or "", names)
    candidates = subject_figures(doc, "expenditure.project[role=total]", part.unit)[0]
    candidates += subject_figures(doc, "projects.total[role=unit] | projects.total[role=total]", part.unit)[0]
    if subject.figures and not candidates:
        candidates = subject_figures(doc, subject.figures, part.unit)[0]
    results = []
    for figure in candidates:
        if figure.value:
            value = round_to(part.value / figure.value * 100, share.value)
            results.append((figure, value, abs(value - share.value) <= half_unit(share.value)))
    if not results:
        return []
    listing = "; ".join(f"{f.describe()} {f.value}: {v}%" for f, v, _ in results)
    where = claim_where(share)
    if results[0][2]:
        message = f"覆盖率按表中数重算 (coverage recomputed: {listing})"
        return [Finding("text_coverage", "info", "ok", message, where, share.value, results[0][1], **_fields(share))]
    if any(holds for _, _, holds in results):
        message = (
            f"覆盖率仅对较窄的口径成立 (the stated coverage holds only for a narrower base than the "
            f"{results[0][0].describe()} the words name: {listing})"
        )
        return [
            Finding(
                "text_coverage",
                "warning",
                "mismatch",
                message,
                where,
                share.value,
                results[0][1],
                results[0][1] - share.value,
                **_fields(share),
            )
        ]
    message = f"覆盖率与表不符 (coverage recomputed from the tables: {listing})"
    return [
        Finding(
            "text_coverage",
            "error",
            "mismatch",
            message,
            where,
            share.value,
            results[0][1],
            results[0][1] - share.value,
            rounding_explains=False,
            **_fields(share),
        )
    ]
