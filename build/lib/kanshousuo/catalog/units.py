"""The units amounts are printed in, and how many yuan each holds."""

from __future__ import annotations

UNIT_FACTORS = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}
