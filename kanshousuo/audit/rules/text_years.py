"""A year the explanatory text names is the document's year, or the year before in a sentence
about the year before (比2025年预算…, 2025年当年预算执行数, 截至2025年8月31日).

`2025年山西省看守所整体绩效目标，涉及资金2251.79万元` in a 2026 budget names last year in a sentence
about this year's targets: a reader cannot tell which year the figure is for.
"""

from __future__ import annotations

import re

from kanshousuo.audit.claimed import claim_location, claim_where, claims_of
from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule


@rule(order=125, phase="all")
def check_years(doc) -> list[Finding]:
    """Each year of the explanatory text against the document's year."""
    year = doc.meta.get("year")
    if not year:
        return []
    findings = []
    for claim in claims_of(doc, "year"):
        findings.append(_year_finding(int(year), claim))
    return findings


def _year_finding(year: int, claim) -> Finding:
    named = int(claim.value)
    about_before = claim.context == "prior_year"
    where, location = claim_where(claim, width=6), claim_location(claim)
    if named == year or (named == year - 1 and about_before):
        message = f"年份 {named} 与文件年度相符 (the year fits the document's year {year})"
        return Finding("text_year", "info", "ok", message, where, None, None, location=location, claim=int(claim.claim))
    if named < year and about_before and re.search(r"截至|截止|以来|自\d|\d年-|\d年至", claim.sentence):
        message = f"年份 {named} 早于上年，用于截止日期或期间 (an earlier year, in a date or a period)"
        return Finding("text_year", "info", "ok", message, where, None, None, location=location, claim=int(claim.claim))
    about = "上年" if named == year - 1 else "非本年度"
    message = (
        f"句中年份 {named} 不是文件年度 {year}，且句子并非说明{about} (the sentence names {named} in a {year} "
        "document without saying it is about that year)"
    )
    return Finding(
        "text_year",
        "warning",
        "mismatch",
        message,
        where,
        str(year),
        str(named),
        location=location,
        claim=int(claim.claim),
    )
