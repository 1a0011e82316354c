"""三公 = 出国 + 接待 + 公务用车购置及运行; 公务用车购置及运行 = 购置 + 运行维护."""

from __future__ import annotations

import re

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import figures_of, sum_check
from kanshousuo.catalog.tables import table_ids

THREE_PUBLIC_ITEMS = r"出国|接待|公务用车"


@rule(order=60)
def check_three_public(doc) -> list[Finding]:
    """三公 = 出国 + 接待 + 公务用车购置及运行; 公务用车购置及运行 = 购置 + 运行维护.

    Where the table also prints other items under its 合计 (Jiangsu 2019: 会议费, 培训费), 三公
    is its 三公经费小计 row, and 合计 = 三公经费小计 + the other items.
    """
    findings = []
    for table in table_ids(rows="items"):
        findings += _three_public(doc.amounts[doc.amounts["table"] == table])
    return findings


def _three_public(figures: pd.DataFrame) -> list[Finding]:
    """The 三公 identities in each amount column of one table."""
    findings = []
    for column in sorted(set(figures["column"])):
        abroad = figures_of(figures, column, label="出国")
        reception = figures_of(figures, column, label="接待")
        vehicles = figures_of(figures, column, label="购置及运行")
        purchase = [r for r in figures_of(figures, column, label="购置") if "运行" not in r["label"]]
        running = [r for r in figures_of(figures, column, label="运行") if "购置" not in r["label"]]
        subtotal = figures_of(figures, column, role="subtotal", label="三公")
        others = [r for r in figures_of(figures, column, role="line") if not re.search(THREE_PUBLIC_ITEMS, r["label"])]
        for total in subtotal or figures_of(figures, column, role="total"):
            findings.append(
                sum_check(
                    "three_public",
                    total,
                    abroad + reception + vehicles,
                    "三公经费 = 因公出国(境) + 公务接待 + 公务用车购置及运行",
                )
            )
        for total in figures_of(figures, column, role="total") if subtotal else []:
            findings.append(
                sum_check("three_public", total, subtotal + others, "合计 = 三公经费小计 + 其他各项 (会议费、培训费…)")
            )
        for total in vehicles:
            findings.append(
                sum_check("three_public", total, purchase + running, "公务用车购置及运行费 = 购置费 + 运行维护费")
            )
    return findings
