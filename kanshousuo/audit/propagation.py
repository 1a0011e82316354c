"""A rounding difference that propagates is one finding, with its consequences listed.

When a printed figure is rounded so that its parts add to one unit more (67.31 + 16.03 printed
as 83.33), every identity above it shows the same difference: its parent class, the table's
total, the same lines in the other tables that print them, the summary tables. Reported one by
one they drown the findings that matter. Here the rounding warnings of the identity checks are
grouped: two are linked when their differences are equal and they concern the same codes (the
codes of their figures and the classes and 款 above them meet), or the same table row; each group
becomes its deepest finding (the most detailed code: where the rounding happened), listing where
else it shows.
"""

from __future__ import annotations

from dataclasses import replace

from kanshousuo.audit.findings import Finding

IDENTITY_CHECKS = ("row_total", "hierarchy", "summary", "three_public", "project_hierarchy", "cross_table")


def group_rounding(findings: list[Finding]) -> list[Finding]:
    """The findings with each group of linked rounding warnings replaced by one finding (the
    codes a finding concerns are in `Finding.codes`, set by the identity check)."""
    candidates = [
        i
        for i, f in enumerate(findings)
        if f.check in IDENTITY_CHECKS and f.severity == "warning" and f.rounding_explains and f.difference is not None
    ]
    parent = {i: i for i in candidates}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys = {i: (abs(findings[i].difference), findings[i].codes) for i in candidates}
    for a_index, a in enumerate(candidates):
        for b in candidates[a_index + 1 :]:
            if keys[a][0] == keys[b][0] and keys[a][1] & keys[b][1]:
                parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in candidates:
        groups.setdefault(root(i), []).append(i)
    replaced: dict[int, Finding | None] = {}
    for members in groups.values():
        if len(members) == 1:
            continue
        lead = max(members, key=lambda i: (len(findings[i].location.code or ""), -i))
        others = [findings[i] for i in members if i != lead]
        consequences = tuple(f"{o.where} ({o.message.split(':')[0]}; difference {o.difference})" for o in others)
        head = findings[lead]
        message = (
            f"{head.message}; 同一尾差见于另外 {len(others)} 处 (the same rounding difference shows in "
            f"{len(others)} other places, listed as consequences)"
        )
        replaced[lead] = replace(head, message=message, consequences=consequences)
        for i in members:
            if i != lead:
                replaced[i] = None
    return [replaced.get(i, f) for i, f in enumerate(findings) if replaced.get(i, f) is not None]
