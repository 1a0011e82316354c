"""Does a section's stated change equal the sum of the reasons it gives?

The explanatory section states a change ("比上年增加347.44万元") and then its reasons ("主要原因是
…人员经费增加461.69万元、日常公用经费增加85.53万元；新增结转项目经费…337.54万元"). When the
reasons carry amounts, they should add up to the change; when they do not, the section's central
claim is not supported by its own text. The audit checks each figure; this checks the sum.

Reading is clause by clause: a line is cut at 。；：、 and at commas that are not thousands
separators (one linear pass), so no pattern ever scans more than one clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from kanshousuo.text.numbers import parse_amount
from kanshousuo.text.patterns import FIGURE

_CLAUSE_END = re.compile(r"[;；。、:：，]|(?<!\d),|,(?!\d{3}(?!\d))")
_SIGNED = re.compile(rf"(增加|减少)({FIGURE})万元")
_FIGURE = re.compile(FIGURE)
_FIGURE_CHARS = frozenset("0123456789.,")
_YEAR_BEFORE = re.compile(r"比\d{4}年")
_SENTENCE_END = "。"


@dataclass
class ChangeClaim:
    """One stated change, the figure it changes, the amounts of its reasons, and their sum."""

    section: str
    where: str
    subject: str  # the clause that names what changed and its figure this year
    level: Decimal | None  # this year's figure in the subject clause (万元)
    change: Decimal  # signed, 万元
    gives_reasons: bool = False
    reasons: list[tuple[str, Decimal]] = field(default_factory=list)
    stated_sum: Decimal | None = None  # "合计减少8.90万元" when the text adds them up itself

    @property
    def reasons_sum(self) -> Decimal | None:
        return sum((a for _, a in self.reasons), Decimal(0)) if self.reasons else None

    @property
    def difference(self) -> Decimal | None:
        """Stated change minus the sum of the reasons (None when the reasons give no amount)."""
        return None if self.reasons_sum is None else self.change - self.reasons_sum

    @property
    def verdict(self) -> str:
        if self.reasons_sum is None:
            return "no_amounts"
        return "adds_up" if self.difference == 0 else "does_not_add_up"


def first_amount_wan(text: str, start: int = 0) -> tuple[int, Decimal] | None:
    """The first "X万元" at or after `start`: where its figure begins and its value.

    Found by looking for 万元 and reading the figure backwards, so a long run of digits is read
    once (a pattern `\\d+万元` tried at every digit would be quadratic on it).

    >>> first_amount_wan("公务用车运行维护费56.00万元"), first_amount_wan("本年新增29人")
    ((9, Decimal('56.00')), None)
    """
    position = text.find("万元", start)
    while position != -1:
        begin = position
        while begin > start and text[begin - 1] in _FIGURE_CHARS:
            begin -= 1
        while begin < position and not text[begin].isdigit():
            begin += 1
        if begin < position and _FIGURE.fullmatch(text, begin, position):
            return begin, parse_amount(text[begin:position])
        position = text.find("万元", position + 2)
    return None


def split_clauses(text: str) -> list[tuple[str, bool]]:
    """A line cut into clauses, each with whether a sentence ends after it.

    >>> split_clauses("预算2,551.79万元,比上年增加347.44万元。其中:A")
    [('预算2,551.79万元', False), ('比上年增加347.44万元', True), ('其中', False), ('A', False)]
    """
    clauses = []
    start = 0
    for match in _CLAUSE_END.finditer(text):
        clauses.append((text[start : match.start()], match.group() == _SENTENCE_END))
        start = match.end()
    clauses.append((text[start:], False))
    return [(c.strip(), end) for c, end in clauses if c.strip()]


def _is_change_claim(clause: str) -> bool:
    """比上年增加X万元 / 比2025年减少X万元 / 与上年相比…, or 与上年预算数相同 / 持平 (no change)."""
    against_last_year = "上年" in clause or bool(_YEAR_BEFORE.search(clause))
    return against_last_year and (bool(_SIGNED.search(clause)) or _unchanged(clause) is not None)


def _unchanged(clause: str) -> str | None:
    """The word that says a figure did not change (相同, 持平), if the clause has one."""
    return next((word for word in ("相同", "持平") if word in clause), None)


def _signed_amounts(clause: str) -> list[Decimal]:
    """The amounts a reason clause adds (增加, 新增) or takes away (减少), in 万元."""
    amounts = [parse_amount(v) * (1 if verb == "增加" else -1) for verb, v in _SIGNED.findall(clause)]
    if not amounts and "新增" in clause:
        level = first_amount_wan(clause, clause.index("新增"))
        if level:
            amounts.append(level[1])
    return amounts


def _claim(section: str, where: str, clause: str, levels: list[str]) -> ChangeClaim:
    """A change claim; its subject is the clause itself when it prints this year's figure, else
    the grand total (总计) stated before it in the sentence, else the nearest figure before it."""
    signed = _SIGNED.search(clause)
    verb, value = signed.groups() if signed else (_unchanged(clause), "0")
    own = first_amount_wan(clause[: clause.find(verb)])
    totals = [c for c in levels if "总计" in c]
    if own:
        subject, level = clause, own
    else:
        subject = totals[0] if totals else (levels[-1] if levels else clause)
        level = first_amount_wan(subject) if subject != clause else None
    change = parse_amount(value) * (-1 if verb == "减少" else 1)
    return ChangeClaim(section, where, subject, level[1] if level else None, change)


def _read_line(section: str, where: str, text: str) -> list[ChangeClaim]:
    """Every change claim of one printed line, with its reasons' amounts when it gives reasons."""
    claims: list[ChangeClaim] = []
    current: ChangeClaim | None = None
    levels: list[str] = []  # clauses with a figure since the last claim or sentence end
    for clause, sentence_ends in split_clauses(text):
        if _is_change_claim(clause) and not clause.startswith("合计"):
            current = _claim(section, where, clause, levels)
            claims.append(current)
            levels = []
        elif current is not None and not current.gives_reasons and "原因是" in clause:
            current.gives_reasons = True
            _add_reason(current, clause[clause.index("原因是") + 3 :])
        elif current is not None and current.gives_reasons:
            if not _add_reason(current, clause):
                current = None
        if first_amount_wan(clause) and not _is_change_claim(clause):
            levels.append(clause)
        if sentence_ends:
            current, levels = None, []
    return claims


def _add_reason(check: ChangeClaim, clause: str) -> bool:
    """Add a reason clause's amounts; False when the clause starts a new subject (a level)."""
    amounts = _signed_amounts(clause)
    if clause.startswith("合计") and amounts:
        check.stated_sum = amounts[0]
        return True
    if amounts:
        check.reasons.extend((clause, a) for a in amounts)
        return True
    return not first_amount_wan(clause)  # "公务用车运行维护费56.00万元": the next item's own figure


def change_claims(doc, part: int = 3) -> list[ChangeClaim]:
    """Every change the explanatory section states (比上年增加…, 比2025年减少…), in order."""
    sections = doc.sections[doc.sections["part"] == part]
    return [
        claim
        for section in sections.itertuples()
        for line in section.text_lines
        for claim in _read_line(section.heading, line.where, line.text)
    ]


def reason_checks(doc, part: int = 3) -> pd.DataFrame:
    """Every change the explanatory section explains, its reasons' amounts and their sum.

    Columns: section, where, subject, change_wan (signed), reasons (list of (clause, 万元)),
    reasons_sum_wan, stated_sum_wan, difference_wan (change minus reasons), verdict
    (adds_up / does_not_add_up / no_amounts).
    """
    records = [
        {
            "section": c.section,
            "where": c.where,
            "subject": c.subject,
            "change_wan": c.change,
            "reasons": c.reasons,
            "reasons_sum_wan": c.reasons_sum,
            "stated_sum_wan": c.stated_sum,
            "difference_wan": c.difference,
            "verdict": c.verdict,
        }
        for c in change_claims(doc, part)
        if c.gives_reasons
    ]
    columns = ["section", "where", "subject", "change_wan", "reasons", "reasons_sum_wan"]
    return pd.DataFrame.from_records(records, columns=[*columns, "stated_sum_wan", "difference_wan", "verdict"])
