"""Every real PDF in data/raw is read whole: each table it prints, its printed grand totals exact,
and what the document says it is (unit, year, kind).

The expectations are typed by hand from the rendered pages (tests/expected/, see its README);
the test never compares the reader with its own output.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from kanshousuo import read_disclosure
from kanshousuo.text.labels import normalize_name
from tests.conftest import ROOT, SEED

RAW = ROOT / "data" / "raw"
EXPECTED = ROOT / "tests" / "expected"
TOTALS = list(csv.DictReader((EXPECTED / "printed_totals.csv").open(encoding="utf-8")))
META = {row["document"]: row for row in csv.DictReader((EXPECTED / "meta.csv").open(encoding="utf-8"))}
# one disclosure in two files: the text volume and the table volume are read together
VOLUMES = {"12": ("12", "13"), "13": ("12", "13")}


def files_of(document: str) -> list[Path]:
    if document == "shanxi":
        return [SEED]
    return [next(RAW.glob(f"{prefix}_*.pdf")) for prefix in VOLUMES.get(document, (document,))]


@cache
def read(document: str):
    return read_disclosure(*files_of(document))


def _side_columns(table, row: dict[str, str]) -> set[str]:
    """The amount columns a printed total stands in: the income or the expenditure side of a
    two-sided table, else every amount column."""
    columns = {c for c in table.columns if not c.endswith(("_raw", "_ordinal", "_role", "_code")) and c != "row"}
    label = row["total_column_label"]
    if "收入" in label and {"income_amount"} & columns:
        return {"income_amount"}
    if "支出" in label and any(c.startswith("expenditure_") for c in columns):
        return {c for c in columns if c.startswith("expenditure_")}
    if "预算数" in label and "budget" in columns:
        return {"budget"}
    if "决算数" in label and "actual" in columns:
        return {"actual"}
    return columns


def printed_totals(doc, row: dict[str, str]) -> set[Decimal]:
    """The figures the reader gives for a table's grand total in the columns the row names: the
    grand-total row's, else the total row's (by its printed label where the page names one), else
    the one row of a table printing a single row of figures."""
    figures = doc.amounts[(doc.amounts["table"] == row["table_id"])]
    figures = figures[figures["column"].isin(_side_columns(doc.tables[row["table_id"]], row))]
    for role in ("grand_total", "total"):
        at_role = figures[figures["role"] == role]
        named = (
            at_role[at_role["label"] == normalize_name(row["total_row_label"])] if row["total_row_label"] else at_role
        )
        if not named.empty:
            return set(named["amount"])
        if not at_role.empty and not row["total_row_label"]:
            return set(at_role["amount"])
    return set(figures["amount"]) if figures["row"].nunique() == 1 else set()


DOCUMENTS = sorted({row["document"] for row in TOTALS})


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_printed_table_is_read_with_its_grand_total_exact(document):
    doc = read(document)
    problems = []
    for row in (r for r in TOTALS if r["document"] == document):
        table = row["table_id"]
        if table not in doc.tables:
            problems.append(f"{table} (p{row['page']} {row['table_title']}) not read")
        elif row["printed_total"]:
            printed = Decimal(row["printed_total"].replace(",", ""))
            found = printed_totals(doc, row)
            if printed not in found:
                problems.append(f"{table} {row['total_row_label']}: printed {printed}, read {sorted(found)}")
        elif printed_totals(doc, row):
            problems.append(f"{table}: printed blank, read {sorted(printed_totals(doc, row))}")
    assert problems == []


@pytest.mark.parametrize("document", sorted(META))
def test_meta_names_the_unit_year_and_kind(document):
    meta = read(document).meta
    expected = META[document]
    # a disclosure in two volumes is one document: either volume's name for its unit is right
    names = {META[volume]["unit_name"] for volume in VOLUMES.get(document, (document,))}
    assert meta["unit_name"] in names
    assert (meta["year"], meta["kind"]) == (int(expected["year"]), expected["kind"])


# The errors the audit reports on these documents, each one the document's own (checked on the
# page):
# 02: 行政运行's 项目支出 printed as 64,840,547.00 (p11, p14: its parent 20406's figure); its 基本支出
#     合计 printed 22,118,861 without the .34 of its rows (p12, p15); item 1 (p6) says 减少1.10% where
#     1434.89 against 1690.69 is -15.13%; item 7 (p6) heads 56.12 but says 预算安排57.8万元 (the table
#     prints 561,240.00元) and 减少2.27% where 57.8 against 57.43 is an increase; item 13 (p7) heads
#     207 but says 预算安排170.03 (the table 2,070,000.00元) and 增加21.74%.
# 11: 一般公共服务支出 2106.66万元，占71.73% (p21): 2106.66 / 2940.05 is 71.65% (its other shares add up).
# 15: 6049.97万元, 与上年相比减少392.92万元, 减少5.95% (p19): 392.92 / 6442.89 is 6.10%.
# 17: 基本支出预算数为12323.46万元 (p19) where the tables print 12,323.48; 机关运行经费 6032.55, 比2016年
#     增加3401.59万元, 增长129.97% (p22): 3401.59 / 2630.96 is 129.29%; 三公 shares 54.43% and 26.72%
#     (p22) of 317.8 and 156.55 in 584.35 are 54.39% and 26.79%.
# 12+13: 住房保障 3894.09, 增加878.93万元, 增长30% (p8): 29.15%; 公务用车 411.20, 占“三公”经费的80.92%
#     (p12) of 508.20: 80.91%.
# shanxi: 整体绩效目标, 涉及资金2251.79万元 (line 443) where the total is 2551.79; 1.生活补助45.6万元
#     of items adding to 45.1 (lines 582-609); 专项设备购置费, a one-year one-off project, 实施期
#     9,990,000 元 against 年度 1,280,700 元; 公监管〔2023〕480号 and 490号 for one title.
DESERVED_ERRORS = {
    "02": {
        ("row_total", 2),
        ("hierarchy", 4),
        ("cross_table", 1),
        ("text_amount", 2),
        ("text_item", 2),
        ("text_change_rate", 3),
        ("text_change_rate_table", 2),
    },
    "11": {("text_share", 1)},
    "15": {("text_change_rate", 1)},
    "17": {("text_amount", 1), ("text_change_rate", 1), ("text_share", 2)},
    "12": {("text_change_rate", 1), ("text_share", 1)},
    "13": {("text_change_rate", 1), ("text_share", 1)},
}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_audit_reports_only_the_errors_the_document_prints(document):
    findings = read(document).audit()
    errors = findings[findings["severity"] == "error"]
    assert set(errors["check"].value_counts().items()) == DESERVED_ERRORS.get(document, set())


def test_codes_are_kept_as_printed_in_the_classification_of_their_year():
    """The 2017 document prints the pre-2018 economic classification: 医疗费 30307 and 住房公积金
    30311 under 303 (p15); a label never moves them to 2018's 30114 / 30113 under 301."""
    table = read("17").tables["basic_expenditure_economic"]
    by_code = dict(zip(table["code"], table["dept_econ_name"], strict=False))
    assert (by_code["30307"], by_code["30311"], by_code["30312"]) == ("医疗费", "住房公积金", "提租补贴")
    assert "30113" not in by_code and "30114" not in by_code


def test_a_code_misprinted_in_one_table_is_reported(tmp_path):
    """Shanxi prints 2040220 执法办案 in several tables; changed to 2040221 in one of them, the
    audit names both codes (a code no classification has, printed under a known name)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    last = max(i for i, line in enumerate(lines) if line.startswith("2040220\t"))
    lines[last] = lines[last].replace("2040220\t", "2040221\t", 1)
    changed = tmp_path / "changed.txt"
    changed.write_text("\n".join(lines), encoding="utf-8")
    codes = read_disclosure(changed).audit().query("check == 'codes'")
    assert list(codes["actual"]) == ["2040221"]
    assert read_disclosure(SEED).audit().query("check == 'codes'").empty


def test_a_disclosure_in_two_volumes_reads_as_one_keeping_each_figure_s_file():
    doc = read("12")
    assert set(doc.amounts["file"]) == {files_of("13")[1].name}
    assert set(doc.sections["file"]) >= {files_of("12")[0].name}
    assert doc.meta["volume"] == "full" and len(doc.meta["files"]) == 2
