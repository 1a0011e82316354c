"""Small helpers the text-claim rules share."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def decimal_of(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def round_like(value: Decimal, printed: str) -> Decimal:
    places = len(printed.split(".")[1]) if "." in printed else 0
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
