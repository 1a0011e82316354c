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
# page): 02 prints 行政运行's 项目支出 as 64,840,547.00 (p11, p14: its parent 20406's figure) and
# its 基本支出 合计 as 22,118,861 without the .34 of its rows (p12, p15); 11 says 一般公共服务支出
# 2106.66万元，占71.73% (p21) where 2106.66 / 2940.05 is 71.65% (its other shares add up).
DESERVED_ERRORS = {
    "02": {("row_total", 2), ("hierarchy", 4), ("cross_table", 1)},
    "11": {("text_share", 1)},
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
