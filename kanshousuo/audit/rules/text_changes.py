"""Changes on the previous year: the implied prior year, the rate recomputed from the stated
amounts and from the table figure, and the reasons added up.

- `比上年增加Z万元` after `X万元` implies last year's figure X − Z (reported as information);
- a stated prior year (2025年当年预算执行数为A万元) must differ from this year's figure by the
  stated change (`text_change`);
- a rate (增长R% / 减少R%) is recomputed from the stated amounts (`text_change_rate`) and, where
  the amount's table figure is printed with more digits or differs, from that figure
  (`text_change_rate_table`); the tolerance is how far the printed inputs' rounding can move the
  rate, plus half a unit of the printed rate;
- the reasons a sentence gives (主要原因是…人员经费增加461.69万元、公用经费增加85.53万元) add up
  to the change they explain (`text_reasons`); a stated sum (合计减少8.90万元) must equal both.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kanshousuo.audit.claimed import (
    by_id,
    change_rate,
    claim_location,
    claim_where,
    claims_of,
    compare_rate,
    same_at_printed_precision,
    subject_figures,
)
from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.text.numbers import half_unit


def _fields(claim) -> dict[str, object]:
    return {"location": claim_location(claim), "claim": int(claim.claim)}


def _id(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


@rule(order=110, phase="all")
def check_change_claims(doc) -> list[Finding]:
    """Implied prior years, stated changes and rates (see the module docstring)."""
    claims = by_id(doc)
    findings = []
    priors = {_id(c.refers_to): c for c in claims_of(doc, "prior_year_amount") if _id(c.refers_to)}
    for change in claims_of(doc, "change_amount"):
        base = claims.get(_id(change.refers_to))
        if base is None or change.sign == 0:
            continue
        findings += _implied_prior(change, base, priors.get(int(base.claim)))
    for rate in claims_of(doc, "change_pct"):
        findings += _rate_findings(doc, rate, claims, priors)
    return findings


def _implied_prior(change, base, stated_prior) -> list[Finding]:
    sign = Decimal(int(change.sign))
    prior = base.value - sign * change.value
    where = claim_where(change)
    message = f"上年数由本句推出 (implied prior-year figure) = {prior}{base.unit}"
    out = [Finding("text_prior_year", "info", "implied", message, where, None, prior, **_fields(change))]
    if stated_prior is not None:
        out.append(
            compare(
                "text_change",
                "增减额与所述上年数一致 (the change = this year − the stated prior year)",
                where,
                sign * change.value,
                base.value - stated_prior.value,
                half_unit(base.value) + half_unit(stated_prior.value) + half_unit(change.value),
                **_fields(change),
            )
        )
    return out


def _rate_findings(doc, rate, claims: dict, priors: dict) -> list[Finding]:
    """The rate recomputed from the stated amounts and, where it tells more, from the table."""
    referred = claims.get(_id(rate.refers_to))
    if referred is None:
        return []
    if referred.kind == "change_amount":
        change, base = referred, claims.get(_id(referred.refers_to))
    else:
        change, base = None, referred
    if base is None or base.kind != "amount":
        return []
    prior = priors.get(int(base.claim))
    printed = Decimal(int(rate.sign)) * rate.value
    if prior is not None:
        prior_value, h_prior = prior.value, half_unit(prior.value)
    elif change is not None:
        prior_value = base.value - Decimal(int(change.sign)) * change.value
        h_prior = half_unit(base.value) + half_unit(change.value)
    else:
        return []
    if prior_value <= 0:
        return []
    out = [_rate_finding("text_change_rate", rate, base.value, half_unit(base.value), prior_value, h_prior, printed)]
    table = _table_figure(doc, base)
    if table is not None and (prior is not None or table != base.value):
        out.append(_rate_finding("text_change_rate_table", rate, table, Decimal(0), prior_value, h_prior, printed))
    return out


def _rate_finding(check, rate, current, h_current, prior, h_prior, printed) -> Finding:
    recomputed, extremes = change_rate(current, prior, h_current, h_prior)
    what = "按本句金额" if check == "text_change_rate" else f"按表中数 {current}"
    source = "its sentence" if check == "text_change_rate" else "the table figure"
    message = f"增减幅度{what}重算 (rate recomputed from {source})"
    return compare_rate(check, message, claim_where(rate), printed, recomputed, extremes, **_fields(rate))


def _table_figure(doc, base) -> Decimal | None:
    """The figure printed for what the base amount cites, at full precision in its unit: the one
    the amount matches, else the figure of its code's total column (the 预算安排 of an item)."""
    if not isinstance(base.figures, str):
        return None
    figures, _ = subject_figures(doc, base.figures, base.unit)
    matching = [f.value for f in figures if same_at_printed_precision(base.value, f.value)]
    if matching:
        return matching[0]
    totals = [f.value for f in figures if f.record.get("column") == "total"]
    return totals[0] if totals and isinstance(base.subject_code, str) else None


@rule(order=115, phase="all")
def check_change_reasons(doc) -> list[Finding]:
    """The reasons given for a change add up to it; a stated sum of the reasons equals both."""
    claims = by_id(doc)
    groups: dict[int, list] = {}
    for reason in claims_of(doc, "reason_amount", "subtotal"):
        if _id(reason.refers_to) is not None:
            groups.setdefault(_id(reason.refers_to), []).append(reason)
    findings = []
    for change_id, group in groups.items():
        change = claims.get(change_id)
        if change is None or change.kind != "change_amount":
            continue
        findings += _reasons_finding(change, group)
    return findings


def _reasons_finding(change, group: list) -> list[Finding]:
    parts = [r for r in group if r.kind == "reason_amount"]
    stated = [r for r in group if r.kind == "subtotal"]
    if not parts:
        return []
    total = sum((Decimal(int(r.sign)) * r.value for r in parts), Decimal(0))
    tolerance = sum((half_unit(r.value) for r in parts), Decimal(0))
    change_value = Decimal(int(change.sign)) * change.value
    listing = "、".join(f"{'+' if r.sign > 0 else '−'}{r.value}" for r in parts)
    out = []
    for subtotal in stated:
        out.append(
            compare(
                "text_reasons",
                f"所列原因之和 = 所述合计 (the reasons {listing} add up to the stated 合计)",
                claim_where(subtotal),
                Decimal(int(subtotal.sign)) * subtotal.value,
                total,
                tolerance,
                **_fields(subtotal),
            )
        )
    finding = compare(
        "text_reasons",
        f"所列原因之和 = 所解释的增减额 (the reasons {listing} add up to the change they explain)",
        claim_where(change),
        change_value,
        total,
        tolerance + half_unit(change.value),
        **_fields(change),
    )
    if finding.severity == "error" and not stated:
        gap = total - change_value
        message = (
            f"所列原因之和与增减额相差 {gap} (the reasons given add to {total}, the change is {change_value}: "
            f"they differ by {gap}; 主要原因 may leave out offsetting items, so this cannot be confirmed)"
        )
        finding = Finding(
            "text_reasons",
            "warning",
            "mismatch",
            message,
            finding.where,
            change_value,
            total,
            gap,
            finding.tolerance,
            False,
            finding.location,
            claim=finding.claim,
        )
    return [*out, finding]
