"""The unit printed above a table (单位：万元) and its factor in yuan."""

from __future__ import annotations

import re
import unicodedata

from kanshousuo.catalog.units import UNIT_FACTORS

_UNIT_IN_HEADER = re.compile(r"(?:单位|金额单位)\s{0,3}[:：]?\s{0,3}(亿元|万元|千元|元)")
# another currency or scale (美元, 万美元, 港币, 欧元): read, so that it is refused as unknown
_OTHER_UNIT = re.compile(r"(?:单位|金额单位)\s{0,3}[:：]\s{0,3}([^\s:：，,;；、]{0,4}(?:元|币|镑))")


def unit_from_header(line: str) -> str | None:
    """The unit printed above a table (单位：万元), or None.

    >>> unit_from_header("单位：万元"), unit_from_header("金额单位：元"), unit_from_header("单位名称：某局")
    ('万元', '元', None)
    >>> unit_from_header("单位：美元"), unit_from_header("单位：万美元"), unit_from_header("单位：山西省看守所")
    ('美元', '万美元', None)
    """
    text = unicodedata.normalize("NFKC", line)
    match = _UNIT_IN_HEADER.search(text) or _OTHER_UNIT.search(text)
    return match.group(1) if match else None


def unit_factor(unit: str) -> int:
    """Yuan per published unit.

    >>> unit_factor("万元")
    10000
    """
    return UNIT_FACTORS[unit]
