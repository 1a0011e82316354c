"""What the text-claim rules share: the figures a claim must equal, exact rounding tolerances for
rates and shares, probable misprints, and where a claim is printed.

Claims come from `doc.claims` (`kanshousuo.claims.extract`); figures from `doc.amounts`, named by
the claim's subject (`figures`, a selector; several joined by ` & ` are one set).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.document import Location
from kanshousuo.tables.select import FigureIndex, SelectorError, parse_selector
from kanshousuo.text.numbers import half_unit

HUNDRED = Decimal(100)


def figure_index(doc) -> FigureIndex:
    """The document's figures indexed for selection (built once per Disclosure and amounts)."""
    return _cached(doc)[0]


def figure_records(doc) -> list[dict]:
    """The document's figures as records, in the index's order."""
    return _cached(doc)[1]


def _cached(doc) -> tuple[FigureIndex, list[dict]]:
    cached = doc.__dict__.get("_claims_figure_index")
    if cached is None or cached[0] is not doc.amounts:
        index = FigureIndex(doc.amounts)
        cached = (doc.amounts, index, index.frame.to_dict("records"))
        doc.__dict__["_claims_figure_index"] = cached
    return cached[1], cached[2]


@dataclass(frozen=True)
class Figure:
    """A printed figure converted exactly into a claim's unit, with where it is printed."""

    value: Decimal  # in the claim's unit
    printed: Decimal
    unit: str
    table: str
    where: str
    label: str | None
    code: str | None
    record: dict

    def describe(self) -> str:
        return f"{self.table} {self.where} {self.label or self.code or ''}".rstrip()


def to_unit(amount: Decimal, factor: int, unit_factor: int) -> Decimal:
    """A figure in another unit, exactly: 86,959,408.34 元 = 8695.940834 万元."""
    return amount * Decimal(int(factor)) / Decimal(int(unit_factor))


def subject_figures(doc, figures: str | None, claim_unit: str | None) -> tuple[list[Figure], bool]:
    """The figures a subject names (in the claim's unit), and whether any of the tables it names
    is printed in the document (False: nothing here can confirm the claim)."""
    if not isinstance(figures, str) or not figures:
        return [], False
    index = figure_index(doc)
    factor = unit_factor_of(claim_unit)
    found: list[Figure] = []
    tables_present = False
    for text in figures.split(" & "):
        try:
            selector = parse_selector(text.strip())
        except SelectorError:
            continue
        named = selector.tables
        tables_present |= named is None or bool(named & set(doc.tables))
        records = figure_records(doc)
        for position in index.select(selector):
            found.append(_figure(records[int(position)], factor))
    return _unique(found), tables_present


def _figure(record: dict, factor: int) -> Figure:
    return Figure(
        value=to_unit(record["amount"], int(record["unit_factor"]), factor),
        printed=record["amount"],
        unit=record["unit"],
        table=record["table"],
        where=record["source"],
        label=record["label"] if isinstance(record["label"], str) else None,
        code=record["code"] if isinstance(record["code"], str) else None,
        record=record,
    )


def converted_figures(doc, unit: str | None) -> list[Figure]:
    """Every printed figure in one claim unit (cached per document and unit)."""
    factor = unit_factor_of(unit)
    cache = doc.__dict__.setdefault("_claims_converted", {})
    key = (id(doc.amounts), factor)
    if key not in cache:
        cache[key] = [_figure(record, factor) for record in figure_records(doc)]
    return cache[key]


def _unique(figures: list[Figure]) -> list[Figure]:
    seen, out = set(), []
    for figure in figures:
        key = (figure.table, figure.where, figure.record.get("row"), figure.record.get("column"))
        if key not in seen:
            seen.add(key)
            out.append(figure)
    return out


def unit_factor_of(unit: str | None) -> int:
    from kanshousuo.text.units import unit_factor

    return unit_factor(unit or "万元")


def same_at_printed_precision(claimed: Decimal, figure: Decimal) -> bool:
    """Whether a figure, rounded as the text prints the claim, is the claim.

    >>> same_at_printed_precision(Decimal("2170.39"), Decimal("2170.3947"))
    True
    >>> same_at_printed_precision(Decimal("57.8"), Decimal("56.124"))
    False
    """
    return abs(claimed - figure) <= half_unit(claimed)


def round_to(value: Decimal, like: Decimal) -> Decimal:
    """`value` rounded half-up to the decimals `like` is printed with."""
    exponent = like.as_tuple().exponent
    return value.quantize(Decimal(1).scaleb(min(int(exponent), 0)), rounding=ROUND_HALF_UP)


def probable_misprint(claimed: Decimal, candidates: list[Decimal]) -> Decimal | None:
    """A candidate one digit substitution or one adjacent transposition away from the claim.

    >>> probable_misprint(Decimal("2251.79"), [Decimal("2551.79")])
    Decimal('2551.79')
    >>> probable_misprint(Decimal("1243"), [Decimal("1234")])
    Decimal('1234')
    >>> probable_misprint(Decimal("57.8"), [Decimal("56.124")]) is None
    True
    """
    digits = _digits(claimed)
    for candidate in candidates:
        other = _digits(round_to(candidate, claimed))
        if len(other) != len(digits) or other == digits:
            continue
        differ = [i for i, (a, b) in enumerate(zip(digits, other, strict=True)) if a != b]
        swapped = len(differ) == 2 and differ[1] == differ[0] + 1
        if (
            len(differ) == 1
            or swapped
            and digits[differ[0]] == other[differ[1]]
            and digits[differ[1]] == other[differ[0]]
        ):
            return round_to(candidate, claimed)
    return None


def _digits(value: Decimal) -> str:
    return format(value, "f").replace(".", "").lstrip("0") or "0"


def rate_tolerance(rate: Decimal, extremes: list[Decimal], printed: Decimal) -> Decimal:
    """How far a recomputed rate may be from the exact one: how far the printed inputs'
    rounding can move it (its extremes), plus half a unit of the printed rate."""
    spread = max((abs(e - rate) for e in extremes), default=Decimal(0))
    return spread + half_unit(printed)


def compare_rate(
    check: str, message: str, where: str, printed: Decimal, value: Decimal, extremes: list[Decimal], **fields: object
) -> Finding:
    """A printed rate or share against one recomputed from rounded inputs: ok when the
    recomputed value rounds to it; a warning when some inputs within their rounding give it
    (the printed value lies within the extremes, widened by half its last digit); else an error."""
    rounded = round_to(value, printed)
    half = half_unit(printed)
    low, high = min([value, *extremes]), max([value, *extremes])
    tolerance = max(high - value, value - low) + half
    difference = rounded - printed
    if difference == 0:
        return Finding(check, "info", "ok", message, where, printed, rounded, difference, tolerance, None, **fields)
    explained = low - half <= printed <= high + half
    gloss = "尾差，四舍五入可以解释 (rounding can explain it)" if explained else "不符 (does not agree)"
    if not explained and value.quantize(Decimal(1).scaleb(printed.as_tuple().exponent), rounding=ROUND_DOWN) == printed:
        explained, gloss = True, "截尾而非四舍五入 (the document cut the last digit instead of rounding it)"
    return Finding(
        check,
        "warning" if explained else "error",
        "mismatch",
        f"{message}: {gloss}",
        where,
        printed,
        rounded,
        difference,
        tolerance,
        explained,
        **fields,
    )


def change_rate(
    current: Decimal, prior: Decimal, h_current: Decimal, h_prior: Decimal
) -> tuple[Decimal, list[Decimal]]:
    """(current - prior) / prior in %, and its values at the ends of the inputs' rounding."""
    rate = (current - prior) / prior * HUNDRED
    extremes = [
        (c - p) / p * HUNDRED
        for c in (current - h_current, current + h_current)
        for p in (prior - h_prior, prior + h_prior)
        if p > 0
    ]
    return rate, extremes


def share_of(part: Decimal, base: Decimal, h_part: Decimal, h_base: Decimal) -> tuple[Decimal, list[Decimal]]:
    """part / base in %, and its values at the ends of the inputs' rounding."""
    share = part / base * HUNDRED
    extremes = [
        p / b * HUNDRED for p in (part - h_part, part + h_part) for b in (base - h_base, base + h_base) if b > 0
    ]
    return share, extremes


def claim_location(claim) -> Location:
    """Where a claim is printed: its line (text) or page (PDF) and its section."""
    line = None if pd.isna(claim.line) else int(claim.line)
    page = None if pd.isna(claim.page) else int(claim.page)
    return Location(line=line, page=page, section=claim.section if isinstance(claim.section, str) else None)


def claim_where(claim, width: int = 18) -> str:
    """'line 379 (一、…): …比上年增加347.44万元' — where a claim is printed, for a reader."""
    sentence, text = str(claim.sentence), str(claim.text)
    at = int(claim.offset) if not pd.isna(claim.offset) else sentence.find(text)
    context = sentence[max(0, at - width) : at + len(text)] if at >= 0 else text
    section = f" ({claim.section})" if isinstance(claim.section, str) else ""
    return f"{claim.where}{section}: …{context}"


def claims_of(doc, *kinds: str) -> list:
    """The document's claims of some kinds (all when none given), as row tuples in claim order."""
    rows = by_id(doc).values()
    return [c for c in rows if c.kind in kinds] if kinds else list(rows)


def by_id(doc) -> dict[int, object]:
    """Claim id -> claim (a row tuple), for following `refers_to` and `part_of` (built once)."""
    cached = doc.__dict__.get("_claims_by_id")
    if cached is None or cached[0] is not doc.claims:
        cached = (doc.claims, {int(c.claim): c for c in doc.claims.itertuples()})
        doc.__dict__["_claims_by_id"] = cached
    return cached[1]
