"""Parse printed figures into exact decimals, and Chinese numerals into integers.

Figures are compared exactly: a `Decimal` keeps `2,551.79` as 2551.79 with no binary rounding,
and its exponent records the published precision, which the audit needs for rounding tolerance."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kanshousuo.text.patterns import FIGURE

_DASHES = {"-", "--", "—", "——", "–", "－", "/"}

_NUMBER = re.compile(rf"^[+-]?(?:{FIGURE})$")


class AmountError(ValueError):
    """A cell in an amount column holds text that is not a figure."""


def parse_amount(text: str | None) -> Decimal | None:
    """Read a printed figure: None for a blank cell, a Decimal otherwise.

    >>> parse_amount("2,551.79"), parse_amount("1,380,000"), parse_amount("0")
    (Decimal('2551.79'), Decimal('1380000'), Decimal('0'))
    >>> parse_amount(""), parse_amount("  ")
    (None, None)
    >>> parse_amount("-"), parse_amount("１２３.４０"), parse_amount("(1.50)"), parse_amount("−2")
    (Decimal('0'), Decimal('123.40'), Decimal('-1.50'), Decimal('-2'))
    """
    if text is None:
        return None
    value = unicodedata.normalize("NFKC", text).strip().replace("−", "-").replace(" ", "")
    if not value.isascii():  # a zero-width space or another format character inside a figure
        value = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    if not value:
        return None
    if value in _DASHES:
        return Decimal(0)
    negative = value.startswith("(") and value.endswith(")")
    if negative:
        value = value[1:-1]
    if not _NUMBER.match(value):
        raise AmountError(f"not a figure: {text!r}")
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the regex admits only valid numbers
        raise AmountError(f"not a figure: {text!r}") from error
    return -number if negative else number


def looks_like_amount(text: str) -> bool:
    """True when a cell holds a figure (used to tell data rows from header rows).

    >>> looks_like_amount("1,234.50"), looks_like_amount("合计"), looks_like_amount("")
    (True, False, False)
    """
    try:
        return parse_amount(text) is not None
    except AmountError:
        return False


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit: the rounding a printed figure may carry.

    >>> half_unit(Decimal("2551.79")), half_unit(Decimal("56")), half_unit(Decimal("1,380,000".replace(",", "")))
    (Decimal('0.005'), Decimal('0.5'), Decimal('0.5'))
    """
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(text: str) -> int:
    """Read a Chinese numeral up to 99.

    >>> chinese_numeral("二十二"), chinese_numeral("十"), chinese_numeral("三十"), chinese_numeral("九")
    (22, 10, 30, 9)
    """
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def round_like(value: Decimal, printed: str) -> Decimal:
    """Round a recomputed value half-up to the decimals of a printed one (a share, a rate).

    >>> round_like(Decimal("86.7739"), "86.77"), round_like(Decimal("70.5"), "71")
    (Decimal('86.77'), Decimal('71'))
    """
    places = len(printed.split(".")[1]) if "." in printed else 0
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
