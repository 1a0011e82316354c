"""Policy documents cited inconsistently: one title with different numbers, one number with
different titles.

Titles are compared after normalising brackets and quotes (〈〉《》“”) and small wording variants
(`package_data/claim_patterns.csv` → `citation_variant`, such as 工作 in …建设(工作)方案). The same
title cited with two numbers is an error (the document contradicts itself); titles that agree
only once the variants are removed are probably the same document (a warning); one number cited
under two different titles is a warning that names the characters that differ.
"""

from __future__ import annotations

import difflib
import re

from kanshousuo.audit.claimed import claims_of
from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.catalog.claims import claim_pattern
from kanshousuo.document import Location

_MARKS = re.compile(r"[〈〉《》<>“”\"'‘’()（）\s]")


def normal_title(title: str) -> str:
    """A title without brackets, quotes and spaces.

    >>> normal_title("关于印发〈公安监管场所医疗卫生专业化建设方案〉的通知")
    '关于印发公安监管场所医疗卫生专业化建设方案的通知'
    """
    return _MARKS.sub("", title)


def loose_title(title: str) -> str:
    """A normal title without its small wording variants (…建设工作方案 ~ …建设方案)."""
    return claim_pattern("citation_variant").sub("", normal_title(title))


@rule(order=140, phase="all")
def check_citations(doc) -> list[Finding]:
    """Titles cited with different numbers; numbers cited under different titles."""
    rows = claims_of(doc, "citation")
    if not rows:
        return []
    return [*_titles_with_numbers(rows), *_numbers_with_titles(rows)]


def _places(rows) -> str:
    return ", ".join(dict.fromkeys(str(r.where) for r in rows))


def _location(row) -> Location:
    return Location(
        line=None if row.line is None or str(row.line) == "<NA>" else int(row.line),
        page=None if row.page is None or str(row.page) == "<NA>" else int(row.page),
        section=row.section if isinstance(row.section, str) else None,
    )


def _titles_with_numbers(rows) -> list[Finding]:
    by_title: dict[str, list] = {}
    for row in rows:
        by_title.setdefault(loose_title(row.subject), []).append(row)
    findings = []
    for group in by_title.values():
        numbers: dict[str, list] = {}
        for row in group:
            numbers.setdefault(row.context, []).append(row)
        if len(numbers) < 2:
            continue
        titles = {normal_title(r.subject) for r in group}
        exact = len(titles) == 1
        title = group[0].subject
        where = "; ".join(f"{number} at {_places(found)}" for number, found in numbers.items())
        message = (
            f"同一文件文号不一致 (the same document cited with different numbers): 《{title}》"
            if exact
            else "近似标题的文件文号不一致 (titles that differ only in small wording cited with different numbers): "
            + " / ".join(f"《{t}》" for t in sorted(titles))
        )
        findings.append(
            Finding(
                "citations",
                "error" if exact else "warning",
                "mismatch",
                message,
                where,
                None,
                " / ".join(numbers),
                location=_location(group[0]),
                subject=normal_title(title),
            )
        )
    return findings


def _numbers_with_titles(rows) -> list[Finding]:
    by_number: dict[str, list] = {}
    for row in rows:
        by_number.setdefault(row.context, []).append(row)
    findings = []
    for number, group in by_number.items():
        titles: dict[str, list] = {}
        for row in group:
            titles.setdefault(loose_title(row.subject), []).append(row)
        if len(titles) < 2:
            continue
        shown = [found[0].subject for found in titles.values()]
        differ = _difference(normal_title(shown[0]), normal_title(shown[1]))
        where = "; ".join(f"《{found[0].subject}》 at {_places(found)}" for found in titles.values())
        message = f"同一文号对应不同标题 (one number cited under different titles): {number}; {differ}"
        findings.append(
            Finding(
                "citations",
                "warning",
                "mismatch",
                message,
                where,
                None,
                " / ".join(f"《{t}》" for t in shown),
                location=_location(group[0]),
                subject=number,
            )
        )
    return findings


def _difference(a: str, b: str) -> str:
    """What differs between two titles, as a reader would mark it (智能 / 赋能)."""
    changes = [
        f"{a[i1:i2] or '∅'} / {b[j1:j2] or '∅'}"
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if op != "equal"
    ]
    return "差异 (differs): " + "; ".join(changes[:4])
