"""Does a section's stated change equal the sum of the reasons it gives?

The explanatory section states a change ("比上年增加347.44万元") and then its reasons ("主要原因是
…人员经费增加461.69万元、日常公用经费增加85.53万元；新增结转项目经费…337.54万元"). When the
reasons carry amounts, they should add up to the change; when they do not, the section's central
claim is not supported by its own text.

The text is read once, into `doc.claims` (`kanshousuo.claims.extract`): a change refers to the
amount it changes, a reason to the change it explains. This module only groups those claims by
change; whether the reasons add up is the audit's verdict (check `text_reasons`), so a reader
sees one answer wherever it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from kanshousuo.analysis.figures import in_wan
from kanshousuo.audit.claimed import by_id
from kanshousuo.claims.extract import EXPLAINED

REASON_COLUMNS = [
    "section",
    "where",
    "subject",
    "level_wan",
    "change_wan",
    "reasons",
    "reasons_sum_wan",
    "stated_sum_wan",
    "difference_wan",
    "verdict",
]


@dataclass(frozen=True)
class ChangeClaim:
    """One stated change, the figure it changes, the amounts of its reasons, and their sum."""

    section: str
    where: str
    subject: str  # what changed, as the text cites it ('' when the change names no amount)
    level: Decimal | None  # this year's figure of the subject (万元)
    change: Decimal  # signed, 万元
    gives_reasons: bool = False
    reasons: tuple[tuple[str, Decimal], ...] = ()  # (what the reason names, signed 万元)
    stated_sum: Decimal | None = None  # "合计减少8.90万元" when the text adds them up itself
    verdict: str = "no_amounts"  # the audit's (adds_up / does_not_add_up), or no_amounts
    claim: int | None = None  # the change's id in doc.claims

    @property
    def reasons_sum(self) -> Decimal | None:
        return sum((a for _, a in self.reasons), Decimal(0)) if self.reasons else None

    @property
    def difference(self) -> Decimal | None:
        """Stated change minus the sum of the reasons (None when the reasons give no amount)."""
        return None if self.reasons_sum is None else self.change - self.reasons_sum


def _signed_wan(claim) -> Decimal:
    """A change or reason claim's value in 万元, with its direction (持平: 0)."""
    sign = 0 if pd.isna(claim.sign) else int(claim.sign)
    return sign * in_wan(claim.value, claim.unit)


def _verdicts(doc) -> dict[int, str]:
    """The audit's verdict on each change whose reasons carry amounts, by the change's claim id
    (the rows of a stated 合计 cite the 合计 and are left out)."""
    audit = doc.audit()
    rows = audit[(audit["check"] == "text_reasons") & audit["claim"].notna()]
    return {
        int(c): "adds_up" if s == "ok" else "does_not_add_up"
        for c, s in zip(rows["claim"], rows["status"], strict=True)
    }


def _change_claim(change, claims: dict, reasons: list, verdicts: dict[int, str]) -> ChangeClaim:
    """A change claim with the amount it changes and the reasons that refer to it."""
    base = claims.get(None if pd.isna(change.refers_to) else int(change.refers_to))
    parts = tuple(
        (r.subject if isinstance(r.subject, str) else r.text, _signed_wan(r))
        for r in reasons
        if r.kind == "reason_amount"
    )
    stated = [_signed_wan(r) for r in reasons if r.kind == "subtotal"]
    return ChangeClaim(
        section=change.section,
        where=change.where,
        subject=base.subject if base is not None and isinstance(base.subject, str) else "",
        level=in_wan(base.value, base.unit) if base is not None and base.kind == "amount" else None,
        change=_signed_wan(change),
        gives_reasons=bool(reasons) or change.context == EXPLAINED,
        reasons=parts,
        stated_sum=stated[0] if stated else None,
        verdict=verdicts.get(int(change.claim), "no_amounts") if parts else "no_amounts",
        claim=int(change.claim),
    )


def change_claims(doc) -> list[ChangeClaim]:
    """Every change in 万元 the explanatory section states (比上年增加…, 与上年持平), in order."""
    claims = by_id(doc)
    changes = [c for c in claims.values() if c.kind == "change_amount"]
    reasons: dict[int, list] = {}
    for claim in claims.values():
        if claim.kind in ("reason_amount", "subtotal") and not pd.isna(claim.refers_to):
            reasons.setdefault(int(claim.refers_to), []).append(claim)
    verdicts = _verdicts(doc) if reasons else {}
    return [_change_claim(c, claims, reasons.get(int(c.claim), []), verdicts) for c in changes]


def reason_checks(doc) -> pd.DataFrame:
    """Every change the explanatory section explains, its reasons' amounts and their sum.

    Columns: section, where, subject, level_wan, change_wan (signed), reasons (list of (what it
    names, 万元)), reasons_sum_wan, stated_sum_wan, difference_wan (change minus reasons), verdict
    (the audit's: adds_up when the sum equals the change exactly, else does_not_add_up;
    no_amounts when the reasons give none).
    """
    records = [
        {
            "section": c.section,
            "where": c.where,
            "subject": c.subject,
            "level_wan": c.level,
            "change_wan": c.change,
            "reasons": list(c.reasons),
            "reasons_sum_wan": c.reasons_sum,
            "stated_sum_wan": c.stated_sum,
            "difference_wan": c.difference,
            "verdict": c.verdict,
        }
        for c in change_claims(doc)
        if c.gives_reasons
    ]
    return pd.DataFrame.from_records(records, columns=REASON_COLUMNS)
