"""What the reader could not read whole is an error of the audit too: `kanshousuo audit` never
exits 0 on a document it could not read (`meta["reading_errors"]`: a table whose figures could
not be read, rows that lost their separators, a table printed twice, a title with no rows, a table
the contents page lists and the document does not print)."""

from __future__ import annotations

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.document import Location


@rule(order=1, phase="all")
def check_everything_was_read(doc) -> list[Finding]:
    """One error per thing the reader could not read whole."""
    findings = []
    for error in doc.meta.get("reading_errors", []):
        frame = doc.tables.get(error["table"])
        attrs = frame.attrs if frame is not None else {}
        findings.append(
            Finding(
                "reading",
                "error",
                "unread",
                f"未能完整读出 (not read whole): {error['table']}: {error['message']}",
                f"{error['table']} {error['where']}",
                location=Location(table=error["table"], page=attrs.get("page"), line=attrs.get("line")),
            )
        )
    return findings
