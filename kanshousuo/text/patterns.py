"""Patterns shared by every stage that reads document text, each defined once.

They are pattern strings, to be composed into larger expressions (`rf"^{CN_NUMERAL}、"`).
"""

from __future__ import annotations

CN_NUMERAL = "[一二三四五六七八九十]+"
"""A Chinese numeral as documents number parts and sections (一 … 九十九)."""

FIGURE = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
"""A printed figure, with or without thousands separators (2,551.79 / 2551.79 / 56).

It starts only where a run of digits starts: a search never restarts inside a long run of
digits, which would make it quadratic on that run.
"""

PLAIN_NUMBER = r"\d+(?:\.\d+)?"
"""A number without separators (percentages, rates, indicator values)."""
