"""Extract the quantities stated in prose: persons, per-person standards, rates, totals.

Performance-target texts state the arithmetic behind a project's money ("按照月均共押量70人
计算:(1)伙食费:每人每月伙食标准260元,全年需21.8万元"). This module finds each number with its
unit, normalises rate units (元/人/月, 元/人/年, m³/天, 元/m³, 万元/人/年) and records what it
counts (the item label of its clause) and the sentence it came from, so that notebooks
recompute the stated totals instead of retyping them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

import pandas as pd

from kanshousuo.text.labels import clean_text
from kanshousuo.text.numbers import parse_amount
from kanshousuo.text.patterns import FIGURE

_NUMBER = rf"({FIGURE})"
_UNIT_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_NUMBER + r"\s*万元\s*/\s*人\s*[·.]?\s*年"), "万元/人/年"),
    (re.compile(_NUMBER + r"\s*元\s*/\s*人\s*/\s*月"), "元/人/月"),
    (re.compile(_NUMBER + r"\s*元\s*/\s*人\s*/\s*年"), "元/人/年"),
    (re.compile(_NUMBER + r"\s*元\s*/\s*(?:立方米|m³|m3|方)"), "元/m³"),
    (re.compile(_NUMBER + r"\s*(?:立方米|m³|m3)"), "m³"),
    (re.compile(_NUMBER + r"\s*万元"), "万元"),
    (re.compile(_NUMBER + r"\s*元"), "元"),
    (re.compile(_NUMBER + r"\s*(?:人|名)"), "人"),
    (re.compile(_NUMBER + r"\s*(?:辆)"), "辆"),
    (re.compile(_NUMBER + r"\s*(?:台|套)"), "台"),
    (re.compile(_NUMBER + r"\s*(?:座|所|处)"), "座"),
    (re.compile(_NUMBER + r"\s*次"), "次"),
    (re.compile(_NUMBER + r"\s*%"), "%"),
]
_ITEM = re.compile(r"(?:(?<!\d)\d+[.、]|\(\d+\))?\s*([^:：()（）,，]{1,12})[:：]")
_ORDINAL_PREFIX = re.compile(r"^(?:\d+[.、]|\(\d+\))\s*")
_DOCUMENT_NUMBER = re.compile(
    r"[\[〔【(（]\d{4}[\]〕】)）]\s*\d+\s*号|\d{4}[-—]\d{4}|20\d{2}年|(?<!\d)\d+月\d+日|十三五"
)


@dataclass(frozen=True)
class Quantity:
    """One number stated in prose, with its unit and what it counts."""

    number: Decimal
    unit: str
    item: str
    counts: str
    clause: str
    sentence: str


def _rate_unit(unit: str, before: str) -> str:
    """Turn a bare 元 or m³ into a rate when the clause says per person per month, per day..."""
    if unit == "元":
        if re.search(r"每人每月|每月每人|人每月", before):
            return "元/人/月"
        if re.search(r"每人每年|每年每人|人每年", before):
            return "元/人/年"
        if re.search(r"每人每天|每人每日", before):
            return "元/人/天"
    if unit == "m³" and re.search(r"每天|每日|日均", before):
        return "m³/天"
    return unit


def extract_quantities(text: str) -> list[Quantity]:
    """Every quantity in a text, in order.

    >>> q = extract_quantities("按照月均共押量70人计算:(1)伙食费:每人每月伙食标准260元,全年需21.8万元")
    >>> [(str(x.number), x.unit, x.item) for x in q]
    [('70', '人', ''), ('260', '元/人/月', '伙食费'), ('21.8', '万元', '伙食费')]
    >>> [x.counts for x in q]
    ['月均共押量', '每人每月伙食标准', '伙食费']
    >>> [(str(x.number), x.unit) for x in extract_quantities("食堂每天平均用气50立方米,按市场3.5元/立方米计算")]
    [('50', 'm³/天'), ('3.5', '元/m³')]
    """
    text = clean_text(text)
    found: list[tuple[tuple[int, int, int], Quantity]] = []
    for s_index, sentence in enumerate(filter(None, (s.strip() for s in re.split(r"[;；。]", text)))):
        item = ""
        for c_index, clause in enumerate(filter(None, (c.strip() for c in re.split(r"[,，]", sentence)))):
            if not any(ch.isdigit() for ch in clause):
                item = _last_item(clause) or item
                continue
            masked = _DOCUMENT_NUMBER.sub(lambda m: "#" * len(m.group(0)), clause)
            taken: list[tuple[int, int]] = []
            for pattern, unit in _UNIT_PATTERNS:
                for hit in pattern.finditer(masked):
                    if any(start < hit.end() and hit.start() < end for start, end in taken):
                        continue
                    if hit.start() > 0 and masked[hit.start() - 1].isdigit():
                        continue
                    taken.append(hit.span())
                    before = clause[: hit.start()]
                    labels = _ITEM.findall(before)
                    head = _ORDINAL_PREFIX.sub("", before) if _ORDINAL_PREFIX.match(before) else ""
                    clause_item = labels[-1] if labels else head
                    counts = _subject(re.split(r"[:：]", before)[-1])
                    found.append(
                        (
                            (s_index, c_index, hit.start()),
                            Quantity(
                                number=parse_amount(hit.group(1)),
                                unit=_rate_unit(unit, before),
                                item=clause_item or item,
                                counts=counts or clause_item or item,
                                clause=clause,
                                sentence=sentence,
                            ),
                        )
                    )
            item = _last_item(clause) or item
    return [quantity for _, quantity in sorted(found, key=lambda pair: pair[0])]


def _last_item(clause: str) -> str:
    """The item a clause introduces (伙食费 in "(1)伙食费:每人每月…"); later clauses inherit it."""
    labels = _ITEM.findall(clause)
    if labels:
        return labels[-1]
    head = re.match(r"^(?:\d+[.、])\s*([^\d]{1,12}?)\d", clause)
    return head.group(1) if head else ""


def _subject(before: str) -> str:
    """The few words just before a number: what it counts when the clause names no item."""
    words = _ORDINAL_PREFIX.sub("", before.strip())
    words = re.sub(r"^(按照|按|根据|其中|共|现有|实配|拟配置|配置|全年需|需)", "", words)
    words = re.sub(r"(按照|按|约|共|计|为|达|需|有|全年需)$", "", words)
    return words[-12:]


def quantities_frame(text: str, **context: object) -> pd.DataFrame:
    """The quantities of a text as a DataFrame, with any context columns (project, field...)."""
    rows = [{**context, **asdict(q)} for q in extract_quantities(text)]
    return pd.DataFrame(rows, columns=[*context, "number", "unit", "item", "counts", "clause", "sentence"])
