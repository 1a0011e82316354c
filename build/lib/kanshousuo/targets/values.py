"""An indicator value as printed (≥90%, 胜任胜任, 提高100%) split into operator, number, unit or quality."""

from __future__ import annotations

import re

from kanshousuo.text.labels import clean_text, destutter
from kanshousuo.text.numbers import parse_amount
from kanshousuo.text.patterns import PLAIN_NUMBER

_VALUE = re.compile(
    r"^(≤|≥|<=|>=|<|>|=|＜|＞|不低于|不高于|不少于|不超过|大于|小于|高于|低于)?\s*(提高|降低|增加|减少)?\s*"
    rf"({PLAIN_NUMBER})\s*(.*)$"
)

_VALUE_UNIT = re.compile(
    r"^(%|‰|人|人次|台|套|座|所|处|场|起|年|个|次|天|日|月|小时|元|万元|件|辆|家|项|批|份|户|平方米|立方米|m³|分)?$"
)

_OPERATORS = {
    "<=": "≤",
    ">=": "≥",
    "＜": "<",
    "＞": ">",
    "不低于": "≥",
    "不少于": "≥",
    "不高于": "≤",
    "不超过": "≤",
    "大于": ">",
    "高于": ">",
    "小于": "<",
    "低于": "<",
}


def parse_indicator_value(raw: str) -> dict[str, object]:
    """Split an indicator value into operator, number and unit, or a qualitative value.

    >>> v = parse_indicator_value("≥90%")
    >>> (v["operator"], v["number"], v["value_unit"], v["qualitative"])
    ('≥', Decimal('90'), '%', None)
    >>> parse_indicator_value("胜任胜任")["value"], parse_indicator_value("及时")["qualitative"]
    ('胜任', '及时')
    >>> parse_indicator_value("提高100%")["qualitative"]
    '提高'
    """
    value = destutter(clean_text(raw))
    result: dict[str, object] = {
        "value_raw": raw,
        "value": value,
        "operator": None,
        "number": None,
        "value_unit": None,
        "qualitative": None,
        "is_empty": not value,
        "stuttered": bool(value) and value != clean_text(raw),
    }
    match = _VALUE.match(value)
    if match and value and _VALUE_UNIT.match(match.group(4).strip()):
        operator, direction, number, unit = match.groups()
        result.update(
            operator=_OPERATORS.get(operator or "", operator),
            number=parse_amount(number),
            value_unit=unit or None,
            qualitative=direction,
        )
    elif value:
        result["qualitative"] = value
    return result
