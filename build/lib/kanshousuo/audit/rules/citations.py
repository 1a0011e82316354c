"""Policy documents cited with different numbers."""

from __future__ import annotations

import re

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.claims.patterns import CITATION


@rule(order=140)
def check_citations(doc) -> list[Finding]:
    """The same policy document cited with different numbers in different places."""
    if doc.source is None:
        return []
    from kanshousuo.text.labels import clean_text

    cited: dict[str, dict[str, list[int]]] = {}
    for number, line in enumerate(doc.source.lines, start=1):
        for match in CITATION.finditer(clean_text(line)):
            title = re.sub(r"[〈〉<>]", "", match.group(1))
            reference = f"{match.group(2)}〔{match.group(3)}〕{match.group(4)}号"
            cited.setdefault(title, {}).setdefault(reference, []).append(number)
    findings = []
    for title, references in cited.items():
        if len(references) > 1:
            where = "; ".join(f"{ref} at lines {', '.join(map(str, lines))}" for ref, lines in references.items())
            findings.append(
                Finding(
                    "citations",
                    "warning",
                    "mismatch",
                    f"同一文件文号不一致 (the same document cited with different numbers): 《{title}》",
                    where,
                    None,
                    " / ".join(references),
                )
            )
    return findings
