"""A name printed one way in a table and another way in the text, or in another table.

- an item the text cites by code (204类 06款 01项) under a name the tables print differently at
  that code;
- an item the text cites by names that no table prints, where the tables print a name at the same
  place that differs by a character or by the order of its words (一般行政事务管理 / 一般行政管理事务);
- one code printed under two names in two tables.

Former class names are the class-name check's (`text_counts`); target projects the target check's.
"""

from __future__ import annotations

from kanshousuo.audit.claimed import claim_location, claim_where, claims_of
from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.catalog.classifications import former_class_names
from kanshousuo.catalog.tables import table_ids
from kanshousuo.claims.subjects import FunctionalNames, same_name
from kanshousuo.document import Location

LEVEL_WIDTH = {"类": 3, "款": 5, "项": 7}


def close_names(a: str, b: str) -> bool:
    """Two names one character apart, or the same characters in another order (len ≥ 4).

    >>> close_names("一般行政事务管理", "一般行政管理事务"), close_names("专项设备购置费", "专用设备购置费")
    (True, True)
    >>> close_names("行政运行", "事业运行")
    False
    """
    if min(len(a), len(b)) < 4 or a == b:
        return False
    if sorted(a) == sorted(b):
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = sorted((a, b), key=len)
    return len(longer) - len(shorter) == 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@rule(order=135, phase="all")
def check_names(doc) -> list[Finding]:
    """Names of the text against the tables, and of one table against another."""
    names = FunctionalNames(doc.amounts)
    return [*_cited_names(doc, names), *_tables_disagree(doc)]


def _cited_names(doc, names: FunctionalNames) -> list[Finding]:
    findings = []
    seen = set()
    for claim in claims_of(doc, "amount"):
        subject = claim.subject if isinstance(claim.subject, str) else ""
        for cited, _level, code in _cited_levels(subject, claim, names):
            printed = sorted(names.labels.get(code, ()))
            if not printed or any(same_name(cited, p) for p in printed) or cited in former_class_names():
                continue
            key = (cited, code)
            if key in seen:
                continue
            seen.add(key)
            message = f"文中名称与表中名称不一致 (the text names {code} '{cited}', the tables print '{printed[0]}')" + (
                "; 仅差一字或语序 (a character or the word order differs)" if close_names(cited, printed[0]) else ""
            )
            findings.append(
                Finding(
                    "names",
                    "warning",
                    "mismatch",
                    message,
                    claim_where(claim),
                    printed[0],
                    cited,
                    location=claim_location(claim),
                    subject=code,
                    claim=int(claim.claim),
                )
            )
    return findings


def _cited_levels(subject: str, claim, names: FunctionalNames):
    """(name as cited, level, code at that level) for a subject cited by names or codes; for an
    unresolved item, the code of a close name printed under the same 款."""
    from kanshousuo.catalog.claims import claim_pattern

    code = claim.subject_code if isinstance(claim.subject_code, str) else None
    cited = [(m.group("label"), m.group("level")) for m in claim_pattern("marked_subject").finditer(subject)]
    coded = claim_pattern("code_subject").search(subject)
    if coded:
        cited = [(coded.group("class"), "类"), (coded.group("kuan"), "款"), (coded.group("item"), "项")]
    if code:
        return [(name, level, code[: LEVEL_WIDTH[level]]) for name, level in cited if len(code) >= LEVEL_WIDTH[level]]
    items = [(n, lvl) for n, lvl in cited if lvl == "项"]
    kuans = [n for n, lvl in cited if lvl == "款"]
    if not items or not kuans:
        return []
    kuan_codes = [c for c in names.by_level.get(5, []) if names.named(c, kuans[0])]
    out = []
    for kuan in kuan_codes:
        for item in names.by_level.get(7, []):
            if item.startswith(kuan) and any(close_names(items[0][0], p) for p in names.labels.get(item, ())):
                out.append((items[0][0], "项", item))
    return out


def _tables_disagree(doc) -> list[Finding]:
    """One functional code printed under two names in two tables (spacing and brackets aside)."""
    amounts = doc.amounts
    coded = amounts[amounts["table"].isin(table_ids(code_scheme="functional")) & amounts["code"].notna()]
    printed = coded.drop_duplicates(["code", "table", "label"])[["code", "table", "label", "source", "line", "page"]]
    by_code: dict[str, dict[str, tuple]] = {}
    for row in printed.itertuples(index=False):
        labels = by_code.setdefault(row.code, {})
        if isinstance(row.label, str) and not any(same_name(row.label, known) for known in labels):
            labels[row.label] = row
    findings = []
    for code in sorted(by_code):
        labels = by_code[code]
        if len(labels) < 2:
            continue
        (first, a), (second, b) = list(labels.items())[:2]
        message = f"同一科目 {code} 在两表中名称不同 (one code, two names): {a.table} '{first}' / {b.table} '{second}'"
        findings.append(
            Finding(
                "names",
                "warning",
                "mismatch",
                message,
                f"{a.table} {a.source}; {b.table} {b.source}",
                first,
                second,
                location=Location(table=b.table, code=code, line=_int(b.line), page=_int(b.page)),
                subject=code,
            )
        )
    return findings


def _int(value) -> int | None:
    return None if value is None or str(value) == "<NA>" else int(value)
