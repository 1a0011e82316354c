"""A finding: one checked identity or claim, with where it is printed and the exact numbers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

import pandas as pd

from kanshousuo.document import Location

LOCATION_COLUMNS = ["table", "code", "column", "line", "page", "section"]
FINDING_COLUMNS = [
    "check",
    "severity",
    "status",
    "message",
    "where",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "rounding_explains",
    *LOCATION_COLUMNS,
]


@dataclass(frozen=True)
class Finding:
    """What a check compared and what it found; `severity` is error, warning or info."""

    check: str
    severity: str
    status: str
    message: str
    where: str
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    rounding_explains: bool | None = None
    location: Location = Location()

    def with_severity(self, severity: str) -> Finding:
        """The same finding at another severity (for conditional or conventional identities)."""
        return replace(self, severity=severity)


def compare(
    check: str,
    message: str,
    where: str,
    expected: Decimal,
    actual: Decimal,
    tolerance: Decimal,
    location: Location | None = None,
) -> Finding:
    """Exact comparison: ok when equal; a warning when rounding can explain it; else an error."""
    location = location or Location()
    difference = actual - expected
    if difference == 0:
        return Finding(check, "info", "ok", message, where, expected, actual, difference, tolerance, None, location)
    explained = abs(difference) <= tolerance
    severity = "warning" if explained else "error"
    gloss = "尾差，四舍五入可以解释 (rounding can explain it)" if explained else "不符 (does not agree)"
    return Finding(
        check,
        severity,
        "mismatch",
        f"{message}: {gloss}",
        where,
        expected,
        actual,
        difference,
        tolerance,
        explained,
        location,
    )


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a DataFrame, errors first."""
    records = [{**{k: v for k, v in asdict(f).items() if k != "location"}, **asdict(f.location)} for f in findings]
    frame = pd.DataFrame(records, columns=FINDING_COLUMNS).astype({"line": "Int64", "page": "Int64"})
    order = {"error": 0, "warning": 1, "info": 2}
    return frame.sort_values("severity", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        return value.item()
    return value


def findings_as_json(frame: pd.DataFrame) -> str:
    """`{"findings": [...]}` with exact figures as strings."""
    records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return json.dumps({"findings": records}, ensure_ascii=False, indent=2)


def findings_as_text(frame: pd.DataFrame) -> str:
    """A readable table: problems in full, then a count of what checked out."""
    lines = []
    problems = frame[frame["status"] != "ok"]
    for row in problems.itertuples():
        lines.append(f"{row.severity.upper():7} {row.check:18} {row.message}")
        lines.append(f"        where: {row.where}")
        if row.expected is not None or row.actual is not None:
            lines.append(
                f"        expected {_plain(row.expected)}  actual {_plain(row.actual)}  "
                f"difference {_plain(row.difference)}"
            )
    counts = frame["severity"].value_counts().to_dict()
    ok = int((frame["status"] == "ok").sum())
    lines.append(
        f"{len(frame)} checks: {ok} ok, {counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{int(((frame['severity'] == 'info') & (frame['status'] != 'ok')).sum())} notes"
    )
    return "\n".join(lines)
