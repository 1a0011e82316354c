"""Patterns shared by every stage that reads document text, each defined once.

They are pattern strings, to be composed into larger expressions (`rf"^{CN_NUMERAL}、"`).
"""

from __future__ import annotations

import re

CN_NUMERAL = "[一二三四五六七八九十]+"
"""A Chinese numeral as documents number parts and sections (一 … 九十九)."""

CN_HEADING_NUMERAL = "[一二三四五六七八九十]{1,3}"
"""The numeral of a part or section heading (第三部分, 二十一、), at most three characters."""

_SPACES = re.compile(r"\s+")


def compact(text: str) -> str:
    """A line without its spaces (PDF text spaces CJK words apart).

    >>> compact("第三部分 2019 年度部门预算情况说明")
    '第三部分2019年度部门预算情况说明'
    """
    return _SPACES.sub("", text)


FIGURE = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
"""A printed figure, with or without thousands separators (2,551.79 / 2551.79 / 56).

It starts only where a run of digits starts: a search never restarts inside a long run of
digits, which would make it quadratic on that run.
"""

PLAIN_NUMBER = r"\d+(?:\.\d+)?"
"""A number without separators (percentages, rates, indicator values)."""
