"""What the reader could not read whole is an error of the audit too: `kanshousuo audit` never
exits 0 on a document it could not read (a table whose figures could not be read)."""

from __future__ import annotations

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.document import Location


@rule(order=1)
def check_everything_was_read(doc) -> list[Finding]:
    """A recognised table holding figures of which none was read."""
    return [
        Finding(
            "reading",
            "error",
            "unread",
            f"表格已识别但未能读出任何金额 (table recognised, no figure could be read): {table}",
            f"{table} {doc.tables[table].attrs.get('title', '')}",
            location=Location(
                table=table, page=doc.tables[table].attrs.get("page"), line=doc.tables[table].attrs.get("line")
            ),
        )
        for table in doc.meta.get("tables_unread", [])
    ]
