"""Accounting identities within one table and across tables, each with its condition.

Every check compares exact decimals. The tolerance is the rounding the printed figures can
carry (尾差): half a unit of the last printed digit of each summand. A difference within it is a
warning ("rounding can explain it"); beyond it, an error; none, an ok record, so a reader sees
every identity that was checked."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.document import Location
from kanshousuo.text.numbers import half_unit


def _where(rows: Iterable[pd.Series]) -> str:
    return "; ".join(f"{r['table']} {r['source']} {r['label'] or r['code'] or ''} [{r['column']}]" for r in rows)


def sum_check(check: str, total: pd.Series, parts: list[pd.Series], message: str) -> Finding:
    """total = Σ parts, with the rounding tolerance of the parts, in the total's unit.

    Tables of one document may print different units (Shanghai: 元, but 三公 in 万元): each part
    is converted exactly (Decimal) to the total's unit before it is added.
    """

    def scale(part: pd.Series) -> Decimal:
        return Decimal(int(part["unit_factor"])) / Decimal(int(total["unit_factor"]))

    actual = sum((p["amount"] * scale(p) for p in parts), Decimal(0))
    tolerance = sum((half_unit(p["amount"]) * scale(p) for p in parts), Decimal(0))
    if any(scale(p) != 1 for p in parts):  # a figure rounded to 万元 compared with figures in 元
        tolerance += half_unit(total["amount"])
    return compare(check, message, _where([total, *parts]), total["amount"], actual, tolerance, figure_location(total))


def figure_location(figure: pd.Series) -> Location:
    """The location of one printed figure (a row of `doc.amounts`)."""

    def present(key: str) -> object:
        value = figure.get(key)
        return None if value is None or pd.isna(value) else value

    line, page = present("line"), present("page")
    return Location(
        table=present("table"),
        code=present("code"),
        column=present("column"),
        line=None if line is None else int(line),
        page=None if page is None else int(page),
    )


def figures_of(
    figures: pd.DataFrame, column: str, role: str | None = None, label: str | None = None
) -> list[pd.Series]:
    selected = figures[figures["column"] == column]
    if role is not None:
        selected = selected[selected["role"] == role]
    if label is not None:
        selected = selected[selected["label"].fillna("").str.contains(label)]
    return [r for _, r in selected.iterrows()]


def side_totals(figures: pd.DataFrame, column: str, role: str) -> list[pd.Series]:
    """The figures of one role in an expenditure column; a total printed once across both
    expenditure sides (Jiangsu 2019: by function and by purpose) serves the functional side too."""
    own = figures_of(figures, column, role=role)
    if own or column == "expenditure_purpose_amount" or not figures_of(figures, column, role="line"):
        return own
    return figures_of(figures, "expenditure_purpose_amount", role=role)


def figures_at(amounts: pd.DataFrame, table: str, column: str, **where: str) -> list[pd.Series]:
    rows = amounts[(amounts["table"] == table) & (amounts["column"] == column)]
    for key, value in where.items():
        rows = rows[rows[key].fillna("").str.contains(value)] if key == "label" else rows[rows[key] == value]
    return [r for _, r in rows.iterrows()]


def agree(
    check: str, left: list[pd.Series], right: list[pd.Series], message: str, severity: str = "error"
) -> list[Finding]:
    if len(left) != 1 or not right:
        return []
    finding = sum_check(check, left[0], right, message)
    if severity != "error" and finding.severity == "error":
        finding = finding.with_severity(severity)
    return [finding]
