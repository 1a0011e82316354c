"""A finding: one checked identity or claim, with where it is printed and the exact numbers.

Severity says what a reader should do: `error` — the document contradicts itself; `warning` —
the check cannot confirm it (rounding may explain it, or nothing printed says); `info` — a
derived fact (an implied prior-year figure, a coverage). Every finding carries the document
(`doc_id`), a stable `id` (a hash of the check, the location and the subject: the same finding
gets the same id in every run, whatever else is found), a structured location beside the
readable `where`, and `expected`/`actual` only where they mean something.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

from kanshousuo.document import Location

LOCATION_COLUMNS = ["table", "code", "column", "line", "page", "section", "file"]
FINDING_COLUMNS = [
    "doc_id",
    "id",
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
    "subject",
    "claim",
    "consequences",
    *LOCATION_COLUMNS,
]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """What a check compared and what it found; `severity` is error, warning or info.

    `subject` names what was checked (an identity, a claim's subject); `claim` is the id of the
    claim (`doc.claims`) a text finding is about; `consequences` lists, for a rounding difference
    that propagates, every other place it shows (instead of one finding each).
    """

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
    subject: str | None = None
    claim: int | None = None
    consequences: tuple[str, ...] = ()
    doc_id: str | None = None
    id: str | None = None
    codes: frozenset[str] = field(default=frozenset(), compare=False, repr=False)  # what it concerns, for grouping

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
    **fields: object,
) -> Finding:
    """Exact comparison: ok when equal; a warning when rounding can explain it; else an error."""
    location = location or Location()
    difference = actual - expected
    if difference == 0:
        return Finding(
            check, "info", "ok", message, where, expected, actual, difference, tolerance, None, location, **fields
        )
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
        **fields,
    )


def finding_id(finding: Finding, claim_position: str | None = None) -> str:
    """A stable id: the same check at the same place about the same subject gets the same id.

    A claim is named by its position in the text (`claim_position`, e.g. 'line 379@104') when
    given, not by its number, so the id survives a reader that finds more claims before it.

    >>> year = Finding("text_year", "warning", "mismatch", "2025年…", "line 443", location=Location(line=443))
    >>> finding_id(year) == finding_id(replace(year, message="reworded")), finding_id(year).startswith("text_year-")
    (True, True)
    >>> finding_id(year) == finding_id(replace(year, location=Location(line=447)))
    False
    >>> cited = replace(year, claim=7)
    >>> finding_id(cited, "line 443@12") == finding_id(replace(cited, claim=9), "line 443@12")
    True
    """
    location = finding.location
    key = "|".join(
        str(part)
        for part in (
            finding.check,
            location.table,
            location.code,
            location.column,
            location.line,
            location.page,
            location.section,
            finding.subject,
            claim_position or finding.claim,
            finding.where if finding.subject is None and finding.claim is None else "",
        )
    )
    return f"{finding.check}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def stamp(
    findings: list[Finding], doc_id: str, file: str | None, claim_positions: Mapping[int, str] | None = None
) -> list[Finding]:
    """Give every finding its document, file and stable id (a repeated id gets a suffix #2 …);
    `claim_positions` names each claim number's place in the text (see `finding_id`)."""
    positions = claim_positions or {}
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        anonymous = replace(finding, location=replace(finding.location, file=None))
        base = finding_id(anonymous, positions.get(finding.claim) if finding.claim is not None else None)
        seen[base] = seen.get(base, 0) + 1
        unique = base if seen[base] == 1 else f"{base}#{seen[base]}"
        out.append(replace(finding, doc_id=doc_id, id=unique, location=replace(finding.location, file=file)))
    return out


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """The findings as a DataFrame, errors first (then warnings, then information)."""
    plain = [name for name in FINDING_COLUMNS if name not in LOCATION_COLUMNS and name != "consequences"]
    records = [
        {name: getattr(f, name) for name in plain}
        | {name: getattr(f.location, name) for name in LOCATION_COLUMNS}
        | {"consequences": list(f.consequences)}
        for f in findings
    ]
    frame = pd.DataFrame(records, columns=FINDING_COLUMNS).astype({"line": "Int64", "page": "Int64", "claim": "Int64"})
    return frame.sort_values("severity", key=lambda s: s.map(SEVERITY_ORDER), kind="stable").reset_index(drop=True)


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return value
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
    """A readable table: problems in full (expected/actual only where they mean something), then
    a count of what checked out."""
    lines = []
    problems = frame[frame["status"] != "ok"]
    for row in problems.itertuples():
        lines.append(f"{row.severity.upper():7} {row.check:18} {row.message}")
        lines.append(f"        where: {row.where}")
        numbers = [
            f"{name} {_plain(value)}"
            for name, value in (("expected", row.expected), ("actual", row.actual), ("difference", row.difference))
            if _plain(value) is not None
        ]
        if numbers:
            lines.append("        " + "  ".join(numbers))
        for consequence in row.consequences or ():
            lines.append(f"        also: {consequence}")
    counts = frame["severity"].value_counts().to_dict()
    ok = int((frame["status"] == "ok").sum())
    lines.append(
        f"{len(frame)} checks: {ok} ok, {counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{int(((frame['severity'] == 'info') & (frame['status'] != 'ok')).sum())} notes"
    )
    return "\n".join(lines)
