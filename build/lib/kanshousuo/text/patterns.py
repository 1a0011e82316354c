"""Patterns shared by every stage that reads document text, each defined once.

They are pattern strings, to be composed into larger expressions (`rf"^{CN_NUMERAL}、"`).
"""

from __future__ import annotations

CN_NUMERAL = "[一二三四五六七八九十]+"
"""A Chinese numeral as documents number parts and sections (一 … 九十九)."""

FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
"""A printed figure, with or without thousands separators (2,551.79 / 2551.79 / 56)."""

PLAIN_NUMBER = r"\d+(?:\.\d+)?"
"""A number without separators (percentages, rates, indicator values)."""

AMOUNT_WAN = rf"({FIGURE})\s*万元"
"""An amount in 万元 in prose; group 1 is the figure."""
