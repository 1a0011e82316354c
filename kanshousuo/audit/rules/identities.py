"""Accounting identities: every total equals its parts, every figure printed twice agrees.

The identities themselves are data (`package_data/identities.csv`, `row_identities.csv`), checked
in one pass by `kanshousuo.audit.identities`; this rule hands over what they depend on: whether
the 概况 says the unit is administrative, and the document's phase (budget or final accounts).
"""

from __future__ import annotations

import re

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.identities import check_identities
from kanshousuo.audit.registry import phase_of, rule


@rule(order=10, phase="all")
def check_accounting_identities(doc) -> list[Finding]:
    """Row totals, code hierarchy, summary tables, 三公, project tables, income sources,
    procurement and every figure printed in two tables, as listed in the edge table."""
    return check_identities(doc.amounts, unit_is_administrative(doc.part_text(1)), phase_of(doc), doc)


_ADMINISTRATIVE = re.compile(
    r"(?:是|为|属于)行政(?:单位|机关)|(?:是|为)[^,，。;；]{0,20}?政府工作部门|参照公务员法管理的(?:事业)?单位|参公单位"
)
_ORDINARY_PUBLIC_INSTITUTIONS = re.compile(r"(?<!参公)事业单位\s{0,2}[1-9]\d{0,2}\s{0,2}家")


def unit_is_administrative(part_1_text: str) -> bool:
    """True when the 概况 says the body is an administrative or 参公 unit (是行政单位, …是区政府工作部门,
    参照公务员法管理), and does not count ordinary 事业单位 among its units (a department whose
    机关运行经费 covers only its 机关 and 参公 units, not the 公用经费 of the others).

    >>> unit_is_administrative("山西省看守所为正处级建制,是行政单位。")
    True
    >>> unit_is_administrative("本部门中,行政单位 1 家,参公单位 1 家,事业单位 4 家")
    False
    >>> unit_is_administrative("推进本区行政机关政府法律顾问工作")
    False
    """
    return bool(_ADMINISTRATIVE.search(part_1_text)) and not _ORDINARY_PUBLIC_INSTITUTIONS.search(part_1_text)
