"""Parse printed figures into exact decimals.

Figures are compared exactly: a `Decimal` keeps `2,551.79` as 2551.79 with no binary rounding,
and its exponent records the published precision, which the audit needs for rounding tolerance.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from kanshousuo.catalog import UNIT_FACTORS

_DASHES = {"-", "--", "—", "——", "–", "－", "/"}
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_UNIT_IN_HEADER = re.compile(r"(?:单位|金额单位)\s*[:：]?\s*(亿元|万元|千元|元)")


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


def unit_from_header(line: str) -> str | None:
    """The unit printed above a table (单位：万元), or None.

    >>> unit_from_header("单位：万元"), unit_from_header("金额单位：元"), unit_from_header("单位名称：某局")
    ('万元', '元', None)
    """
    match = _UNIT_IN_HEADER.search(unicodedata.normalize("NFKC", line))
    return match.group(1) if match else None


def unit_factor(unit: str) -> int:
    """Yuan per published unit.

    >>> unit_factor("万元")
    10000
    """
    return UNIT_FACTORS[unit]


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit: the rounding a printed figure may carry.

    >>> half_unit(Decimal("2551.79")), half_unit(Decimal("56")), half_unit(Decimal("1,380,000".replace(",", "")))
    (Decimal('0.005'), Decimal('0.5'), Decimal('0.5'))
    """
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)
