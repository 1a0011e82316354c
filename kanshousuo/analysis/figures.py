"""Printed figures in one unit: every analysis works in 万元, whatever unit a table was printed in.

Shanxi prints its tables in 万元, Shanghai in 元. A helper that divides a 元 figure as if it were
万元 is wrong by a factor of 10,000 without any error, so every figure an analysis takes from a
table goes through `in_wan`, and keeps the line or page it was printed on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kanshousuo.text.units import unit_factor

YUAN_PER_WAN = Decimal(10000)


@dataclass(frozen=True)
class Printed:
    """A figure as the document prints it, converted exactly to 万元, with where it is printed."""

    wan: Decimal
    source: str  # 'line N' or 'page N'
    label: str = ""


def in_wan(amount: Decimal, unit: str) -> Decimal:
    """A printed amount in 万元, converted exactly from its own unit.

    >>> in_wan(Decimal("25517900"), "元"), in_wan(Decimal("2551.79"), "万元")
    (Decimal('2551.79'), Decimal('2551.79'))
    """
    return amount * unit_factor(unit) / YUAN_PER_WAN


def table_figure(doc, table: str, column: str, role: str = "total", *, code: str | None = None) -> Printed | None:
    """The first figure of a table with this column and role (or code), in 万元; None when absent."""
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == table) & (amounts["column"] == column)]
    rows = rows[rows["code"] == code] if code is not None else rows[rows["role"] == role]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return Printed(in_wan(row["amount"], row["unit"]), str(row["source"]), str(row["label"] or ""))
