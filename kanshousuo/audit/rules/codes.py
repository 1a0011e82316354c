"""Classification codes as printed, against the classification of the document's year and
against each other: an economic code the year's classification does not have, a functional
class that does not exist, and one name printed with two codes in the functional tables (a code
misprinted in one table: 2040220 in four tables, 2040221 in the fifth).
"""

from __future__ import annotations

import pandas as pd

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import figure_location
from kanshousuo.catalog.classifications import economic_codes, economic_names, functional_classes
from kanshousuo.catalog.tables import table_ids


def _printed_codes(doc, scheme: str) -> pd.DataFrame:
    """One row per (table, code) printed in the tables of a code scheme (its first figure)."""
    amounts = doc.amounts
    coded = amounts[amounts["table"].isin(table_ids(code_scheme=scheme)) & amounts["code"].notna()]
    return coded.drop_duplicates(["table", "code"])


@rule(order=25, phase="all")
def check_codes_in_the_classification(doc) -> list[Finding]:
    """Economic codes unknown to the classification in force in the document's year; functional
    classes (类) that do not exist. Reported as warnings: our list of a year may lack a rare item."""
    year = doc.meta.get("year")
    known_any_year = {code.code for code in economic_codes()}
    in_force = set(economic_names(year)) | set(economic_names(year, "government"))
    findings = []
    for _, figure in _printed_codes(doc, "economic").iterrows():
        code = figure["code"]
        if code in in_force:
            continue
        other_years = " (it belongs to another year's classification)" if code in known_any_year else ""
        findings.append(
            Finding(
                "codes",
                "warning",
                "unknown",
                f"经济科目编码不在{year}年分类中 (economic code not in the {year} classification): {code}{other_years}",
                f"{figure['table']} {figure['source']} {figure['label'] or ''}",
                None,
                code,
                location=figure_location(figure),
            )
        )
    classes = functional_classes()
    for _, figure in _printed_codes(doc, "functional").iterrows():
        if figure["code"][:3] not in classes:
            findings.append(
                Finding(
                    "codes",
                    "warning",
                    "unknown",
                    f"功能分类类级编码不存在 (no such functional class): {figure['code']}",
                    f"{figure['table']} {figure['source']} {figure['label'] or ''}",
                    None,
                    figure["code"],
                    location=figure_location(figure),
                )
            )
    return findings


@rule(order=26, phase="all")
def check_one_code_per_name(doc) -> list[Finding]:
    """A name printed with two different codes of the same level across the functional tables."""
    coded = _printed_codes(doc, "functional")
    coded = coded[coded["label"].notna() & (coded["label"] != "")]
    findings = []
    coded = coded.assign(parent=coded["code"].map(lambda code: code[:-2] if len(code) > 3 else ""))
    # a name repeats under different parents (一般行政管理事务 in every 款): only siblings count
    for (label, _parent), group in coded.groupby(["label", "parent"], sort=True):
        codes = sorted(set(group["code"]))
        if len(codes) < 2:
            continue
        counts = group["code"].value_counts()
        rare = counts[counts == counts.min()].index
        odd = group[group["code"].isin(rare)] if len(rare) < len(counts) else group
        where = "; ".join(f"{r['table']} {r['source']} {r['code']}" for _, r in group.iterrows())
        findings.append(
            Finding(
                "codes",
                "warning",
                "mismatch",
                f"同一科目名称印有不同编码 (one name printed with different codes): {label} {' / '.join(codes)}",
                where,
                None,
                " / ".join(sorted(set(odd["code"]))),
                location=figure_location(odd.iloc[0]),
            )
        )
    return findings
