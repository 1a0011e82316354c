"""Sentence shapes the economic-item checks read in the joined explanatory text.

The claims themselves are read by `kanshousuo.claims.extract` with the patterns of
`package_data/claim_patterns.csv`; this module keeps the one shape that lists economic items
(人员经费 X万元，主要包括：基本工资、津贴补贴…). Bounded quantifiers: linear on long lines.
"""

from __future__ import annotations

import re

AMOUNT = r"(?<![\d,.])(\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{1,13}(?:\.\d{1,6})?)\s{0,2}万元"
"""An amount in 万元 (group 1 is the figure)."""

LISTED = re.compile(
    r"(人员经费|公用经费)\s{0,2}" + AMOUNT + r"\s{0,2}[，,。]\s{0,2}主要包括\s{0,2}[:：]\s{0,2}([^；;。]{1,600})"
)
"""人员经费 1,440.39万元，主要包括：其他工资福利支出、…等 (groups: kind, figure, listing)."""
