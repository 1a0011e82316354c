"""Each amount of the explanatory text equals the figure at the code or name it cites.

The claim's subject names its figures (`doc.claims.figures`): a code (204类 06款 01项) names every
figure printed at that code, a phrase of `claim_subjects.csv` the figures listed there. The
amount must be one of them at the precision the text prints (2170.39万元 = 21,703,947.00元):

- equal: ok; printed elsewhere but not at the subject: a warning; printed nowhere: an error,
  and when it is one digit (or one swap of two digits) from the figure it should be, that figure
  is named ('probably 2551.79');
- no figure printed at the subject, or a subject no table prints (政府采购 without a 采购 table,
  a payment plan): nothing can confirm it (a 0 needs no figure);
- a 人员经费/公用经费 amount the tables do not print is checked against the sum of the economic
  items its sentence lists (主要包括：基本工资、津贴补贴…);
- an amount whose subject is not resolved is looked for anywhere in the tables.

Two amounts a statement gives for one code (the heading 56.12万元 and 2026年预算安排57.8万元) must
agree (`text_item`).
"""

from __future__ import annotations

from decimal import Decimal

from kanshousuo.audit.claimed import (
    Figure,
    claim_location,
    claim_where,
    claims_of,
    converted_figures,
    probable_misprint,
    same_at_printed_precision,
    subject_figures,
)
from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.claims.patterns import LISTED
from kanshousuo.claims.text import listed_names
from kanshousuo.text.numbers import half_unit, parse_amount


@rule(order=90)
def check_amount_claims(doc) -> list[Finding]:
    """Each `X万元` of the text against the figures at its subject (see the module docstring)."""
    findings = []
    listed = _listed_sums(doc)
    for claim in claims_of(doc, "amount"):
        finding = _amount_finding(doc, claim, listed)
        if finding is not None:
            findings.append(finding)
    return findings + _item_consistency(doc)


def _fields(claim) -> dict[str, object]:
    return {
        "location": claim_location(claim),
        "subject": claim.subject_label or claim.subject,
        "claim": int(claim.claim),
    }


def _amount_finding(doc, claim, listed: dict[Decimal, Decimal]) -> Finding | None:
    value = claim.value
    where = claim_where(claim)
    if claim.relation == "untabled":
        message = "无表可核 (no standard table prints it)"
        return Finding("text_amount", "info", "unchecked", message, where, None, value, **_fields(claim))
    figures, tables_present = subject_figures(doc, claim.figures, claim.unit)
    if isinstance(claim.figures, str) and not tables_present:
        message = "本文件无对应表格 (the table this amount belongs to is not printed)"
        return Finding("text_amount", "info", "unchecked", message, where, None, value, **_fields(claim))
    if figures:
        return _against_subject(doc, claim, figures, where)
    if isinstance(claim.figures, str):
        return _nothing_at_subject(doc, claim, where, listed)
    return _anywhere(doc, claim, where, listed)


def _against_subject(doc, claim, figures: list[Figure], where: str) -> Finding:
    value = claim.value
    for figure in figures:
        if same_at_printed_precision(value, figure.value):
            message = "文中金额等于所述科目的表中数 (amount = the figure of what it cites)"
            return Finding(
                "text_amount",
                "info",
                "ok",
                message,
                f"{where} = {figure.describe()}",
                figure.value,
                value,
                value - figure.value,
                half_unit(value),
                **_fields(claim),
            )
    if claim.relation == "part_of":
        return _part_of(claim, figures, where)
    closest = min(figures, key=lambda f: abs(f.value - value))
    elsewhere = _printed_anywhere(doc, claim)
    if elsewhere is not None:
        message = (
            f"文中金额见于{elsewhere.describe()}，但不等于所述科目的表中数 {closest.value} "
            "(printed elsewhere, not at what it cites)"
        )
        return Finding(
            "text_amount",
            "warning",
            "mismatch",
            message,
            where,
            closest.value,
            value,
            value - closest.value,
            half_unit(value),
            **_fields(claim),
        )
    probable = probable_misprint(value, [f.value for f in figures])
    meant = next((f for f in figures if probable is not None and f.value.quantize(probable) == probable), closest)
    hint = f"; 疑为 {probable} 之误 (probably {probable}: one digit differs)" if probable is not None else ""
    message = f"文中金额不等于所述科目的表中数 (amount ≠ the figure of what it cites, {meant.describe()}){hint}"
    return Finding(
        "text_amount",
        "error",
        "mismatch",
        message,
        where,
        meant.value,
        value,
        value - meant.value,
        half_unit(value),
        False,
        **_fields(claim),
    )


def _part_of(claim, figures: list[Figure], where: str) -> Finding:
    """A coverage amount (绩效目标涉及项目资金): a part of the figures it names, its share reported."""
    whole = figures[0]
    share = (claim.value / whole.value * 100).quantize(Decimal("0.01")) if whole.value else None
    if share is not None and claim.value <= whole.value + half_unit(claim.value):
        message = f"占{whole.describe()}的 {share}% (a part of the figure it covers)"
        return Finding("text_amount", "info", "derived", message, where, whole.value, claim.value, **_fields(claim))
    message = f"文中金额超过其所属的表中数 (the amount exceeds the figure it is part of, {whole.describe()})"
    return Finding(
        "text_amount",
        "error",
        "mismatch",
        message,
        where,
        whole.value,
        claim.value,
        claim.value - whole.value,
        **_fields(claim),
    )


def _printed_elsewhere(claim, where: str, found, message: str) -> Finding:
    """An amount that agrees with a figure printed somewhere other than what it cites."""
    return Finding(
        "text_amount",
        "info",
        "ok",
        message,
        f"{where} = {found.describe()}",
        found.value,
        claim.value,
        Decimal(0),
        **_fields(claim),
    )


def _nothing_at_subject(doc, claim, where: str, listed: dict[Decimal, Decimal]) -> Finding | None:
    """The tables print no figure for what the amount cites (a column the template lacks)."""
    value = claim.value
    if value == 0:
        message = "表中为空，文中为 0 (blank in the table, 0 in the text)"
        return Finding("text_amount", "info", "ok", message, where, None, value, **_fields(claim))
    if listed.get(value) == value:
        message = "文中金额等于其所列经济科目之和 (amount = sum of the economic items it lists)"
        return Finding("text_amount", "info", "ok", message, where, value, value, Decimal(0), **_fields(claim))
    found = _printed_anywhere(doc, claim)
    if found is not None:
        message = "表中未印此科目，文中金额见于他处 (no figure for what it cites; the amount is printed elsewhere)"
        return _printed_elsewhere(claim, where, found, message)
    message = "表中未印此数，无法核对 (the table prints no figure for what it cites)"
    return Finding("text_amount", "warning", "unmatched", message, where, None, value, **_fields(claim))


def _anywhere(doc, claim, where: str, listed: dict[Decimal, Decimal]) -> Finding | None:
    """An amount whose subject is not resolved: is it printed in any table?"""
    value = claim.value
    found = _printed_anywhere(doc, claim)
    if found is not None:
        message = "文中金额见于表中 (amount found in the tables; its subject is not resolved)"
        return _printed_elsewhere(claim, where, found, message)
    if value == 0:
        return None
    if listed.get(value) == value:
        message = "文中金额等于其所列经济科目之和 (amount = sum of the economic items it lists)"
        return Finding("text_amount", "info", "ok", message, where, value, value, Decimal(0), **_fields(claim))
    candidates = _section_amounts(doc, claim) + _all_figures(doc, claim.unit, value)
    probable = probable_misprint(value, candidates)
    hint = f"; 疑为 {probable} 之误 (probably {probable}: one digit differs)" if probable is not None else ""
    message = f"文中金额在表中找不到 (amount not printed in any table){hint}"
    return Finding("text_amount", "warning", "unmatched", message, where, probable, value, **_fields(claim))


def _printed_anywhere(doc, claim) -> Figure | None:
    """The first figure of the tables that, in the claim's unit, is the claim."""
    for figure in converted_figures(doc, claim.unit):
        if same_at_printed_precision(claim.value, figure.value) and (claim.value != 0 or figure.value == 0):
            return figure
    return None


def _all_figures(doc, unit: str | None, value: Decimal) -> list[Decimal]:
    """Printed figures in the claim's unit, of at least four significant digits (a shorter
    number is too often one digit from some figure to say it was meant)."""
    if len(str(abs(value)).replace(".", "").lstrip("0")) < 4:
        return []
    return [figure.value for figure in converted_figures(doc, unit)]


def _section_amounts(doc, claim) -> list[Decimal]:
    same = [c for c in claims_of(doc, "amount") if c.section == claim.section and c.claim != claim.claim]
    return [c.value for c in same if isinstance(c.value, Decimal) and c.value != claim.value]


def _item_consistency(doc) -> list[Finding]:
    """Two amounts of one statement at one code (a heading amount and its 预算安排) agree."""
    groups: dict[tuple, list] = {}
    for claim in claims_of(doc, "amount"):
        if isinstance(claim.subject_code, str):
            groups.setdefault((claim.statement, claim.subject_code), []).append(claim)
    findings = []
    for (_statement, code), group in groups.items():
        first = group[0]
        for other in group[1:]:
            same = other.value == first.value
            message = (
                f"同一科目 {code} 在同一段中前后金额{'一致' if same else '不一致'} "
                f"(the statement gives {'the same amount' if same else 'two different amounts'} for {code}: "
                f"{first.value} and {other.value})"
            )
            findings.append(
                Finding(
                    "text_item",
                    "info" if same else "error",
                    "ok" if same else "mismatch",
                    message,
                    claim_where(other),
                    first.value,
                    other.value,
                    other.value - first.value,
                    Decimal(0),
                    False if not same else None,
                    **_fields(other),
                )
            )
    return findings


def _listed_sums(doc) -> dict[Decimal, Decimal]:
    """Each `人员经费 X万元，主要包括：A、B…` amount with the sum of the economic items it names
    (their 合计 in the economic table), from the joined text of the explanatory sections."""
    economic = doc.amounts[
        (doc.amounts["table"] == "basic_expenditure_economic")
        & (doc.amounts["column"] == "total")
        & (doc.amounts["code_level"] == "item")
    ]
    by_name = dict(zip(economic["label"], economic["amount"], strict=True))
    sums: dict[Decimal, Decimal] = {}
    for text in _joined_part3(doc):
        for match in LISTED.finditer(text):
            names = listed_names(match.group(3))
            if names and all(name in by_name for name in names):
                sums[parse_amount(match.group(2))] = sum((by_name[name] for name in names), Decimal(0))
    return sums


def _joined_part3(doc) -> list[str]:
    from kanshousuo.claims.text import normalize

    part3 = doc.sections[doc.sections["part"] == 3]
    return ["".join(normalize(line.text) for line in lines) for lines in part3["text_lines"] if isinstance(lines, list)]
