"""PDF disclosures: three real documents, the Shanxi facsimile, and bad PDFs.

The figures pinned here are typed from the printed pages (checked against the rendered page
and pdfium's text of it), not from our own output.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from kanshousuo import DisclosureError, read_disclosure
from tests.conftest import JIANGSU_2019, ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures"
FACSIMILE = FIXTURES / "FACSIMILE-shanxi-kanshousuo-2026-tables.pdf"


@pytest.fixture(scope="session")
def facsimile():
    return read_disclosure(FACSIMILE)


def _figures(doc) -> list[tuple]:
    columns = ["table", "row", "column", "code", "label", "role", "amount", "unit"]
    return sorted(tuple(str(v) for v in row) for row in doc.amounts[columns].itertuples(index=False))


def test_facsimile_pdf_gives_the_same_amounts_as_the_text_figure_for_figure(facsimile, seed):
    assert len(facsimile.amounts) == len(seed.amounts)
    assert _figures(facsimile) == _figures(seed)


def test_tables_read_in_a_forked_child_equal_those_read_in_process(monkeypatch):
    from kanshousuo.sources import background
    from kanshousuo.sources.pdf import ruled

    assert background.can_fork()  # pytest runs one thread here
    with background.in_background(ruled.read_tables, FACSIMILE, what="test") as in_child:
        assert in_child.forked
        forked = in_child.result()
    monkeypatch.setattr(background, "can_fork", lambda: False)
    with background.in_background(ruled.read_tables, FACSIMILE, what="test") as in_turn:
        assert not in_turn.forked
        serial = in_turn.result()
    assert forked == serial
    assert len(forked[0]) >= 3


def test_a_child_that_dies_gives_one_clear_error_not_a_traceback():
    import os

    from kanshousuo.sources import background

    with background.in_background(os._exit, 3, what="exiting on purpose") as result:
        with pytest.raises(DisclosureError, match="exiting on purpose stopped unexpectedly"):
            result.result()


def test_facsimile_figures_cite_their_page(facsimile):
    assert facsimile.meta["source_kind"] == "pdf"
    assert facsimile.amounts["source"].str.fullmatch(r"page \d+").all()
    assert facsimile.amounts["line"].isna().all()
    assert facsimile.meta["pages"] == 16


def test_facsimile_watermark_is_found_and_never_lands_in_a_cell(facsimile):
    assert "仅供内部审核" in facsimile.source.watermarks
    cells = [c for block in facsimile.source.tables for row in block.rows for c in row.cells]
    assert not any("仅供" in c or "审核" in c for c in cells)


def test_facsimile_label_wrapped_inside_its_cell_is_one_label(facsimile, seed):
    longest = max(seed.amounts["label"].dropna(), key=len)
    assert longest in set(facsimile.amounts["label"])


def test_facsimile_table_continued_on_the_next_page_is_joined_under_one_header(facsimile, seed):
    economic = facsimile.tables["basic_expenditure_economic"]
    assert set(economic["page"]) == {8, 9}  # split over two pages in the facsimile
    assert len(economic) == len(seed.tables["basic_expenditure_economic"])


def test_zero_ascent_descent_fonts_are_detected_and_cells_refilled_from_glyph_boxes(tmp_path, seed):
    """LibreOffice writes CFF CJK fonts with Ascent 0 / Descent 0; we blank them the same way."""
    data = FACSIMILE.read_bytes()
    patched = re.sub(
        rb"/(Ascent|Descent) -?\d+", lambda m: (m.group(0).split(b" ")[0] + b" 0").ljust(len(m.group(0))), data
    )
    assert patched != data and len(patched) == len(data)
    zero = tmp_path / "zero-metrics.pdf"
    zero.write_bytes(patched)
    doc = read_disclosure(zero)
    assert any("zero ascent/descent" in w for w in doc.warnings)
    assert _figures(doc) == _figures(seed)


# (document, table, column, code or label, printed figure)
PRINTED = [
    ("01", "expenditure", "total", "合计", "91,016,775.35"),
    ("01", "expenditure", "project", "合计", "66,410,000.00"),
    ("01", "expenditure", "total", "2010301", "12,029,501.84"),
    ("01", "income", "total", "20103", "82,096,797.42"),
    ("01", "income", "appropriation", "2210203", "1,867,680.00"),
    ("01", "income_expenditure_summary", "income_amount", "收入总计", "91,016,775.35"),
    ("01", "income_expenditure_summary", "expenditure_project", "一般公共服务支出", "66,410,000.00"),
    ("01", "appropriation_summary", "expenditure_general_budget", "卫生健康支出", "1,097,073.43"),
    ("01", "general_budget_expenditure", "basic", "合计", "24,606,775.35"),
    ("01", "general_budget_expenditure", "total", "2101102", "314,218.15"),
    ("01", "basic_expenditure_economic", "total", "合计", "24,606,775.35"),
    ("01", "basic_expenditure_economic", "personnel", "合计", "22,473,997.81"),
    ("01", "basic_expenditure_economic", "public_use", "30217", "185,000.00"),
    ("01", "basic_expenditure_economic", "total", "30101", "2,540,192.00"),
    ("01", "three_public", "total", "合计", "867.50"),
    ("01", "three_public", "total", "公务接待费", "28.50"),
    ("01", "operating_costs", "total", "上海市普陀区人民政府办公室", "213.28"),
    ("02", "expenditure", "total", "20406", "79,189,400.34"),
    ("02", "expenditure", "project", "2040604", "21,703,947.00"),
    ("02", "expenditure", "basic", "合计", "22,118,861"),
    ("02", "expenditure", "total", "2210203", "2,070,000.00"),
    ("02", "general_budget_expenditure", "total", "合计", "86,959,408.34"),
    ("02", "income", "total", "2080599", "6,160.00"),
    ("02", "basic_expenditure_economic", "total", "合计", "22,118,861.34"),
    ("02", "basic_expenditure_economic", "personnel", "合计", "20,272,981.00"),
    ("02", "basic_expenditure_economic", "public_use", "30231", "99,750.00"),
    ("02", "three_public", "total", "合计", "10.71"),
    ("02", "three_public", "total", "公务用车运行维护费", "9.98"),
    ("02", "operating_costs", "total", "上海市普陀区司法局", "184.59"),
    ("02", "income_expenditure_summary", "income_amount", "收入总计", "86,959,408.34"),
    ("02", "income_expenditure_summary", "expenditure_total", "公共安全支出", "79,189,400.34"),
    ("02", "income_expenditure_summary", "expenditure_project", "支出总计", "64,840,547"),
    ("02", "appropriation_summary", "expenditure_general_budget", "住房保障支出", "3,861,459.00"),
    ("02", "appropriation_summary", "expenditure_total", "支出总计", "86,959,408.34"),
    ("08", "general_budget_expenditure", "total", "合计", "37,188.34"),
    ("08", "general_budget_expenditure", "total", "2040501", "17,279.29"),
    ("08", "general_budget_expenditure", "total", "2040502", "5,804.83"),
    ("08", "basic_expenditure_economic", "total", "合计", "21,968.00"),
    ("08", "basic_expenditure_economic", "total", "30101", "2,827.41"),
    ("08", "basic_expenditure_economic", "total", "30102", "8,252.03"),
    ("08", "operating_costs", "total", "合计", "3,580.05"),
    ("08", "operating_costs", "total", "30201", "315.00"),
    ("08", "gov_fund_expenditure", "total", "合计", "0"),
    ("08", "income_expenditure_summary", "income_amount", "财政拨款", "37,188.34"),
    ("08", "income_expenditure_summary", "income_amount", "收入合计", "37,188.34"),
    ("08", "income_expenditure_summary", "expenditure_total", "公共安全支出", "27,488.23"),
    ("08", "income_expenditure_summary", "expenditure_total", "住房保障支出", "7,344.46"),
    ("08", "income_expenditure_summary", "expenditure_purpose_amount", "基本支出", "21,968.00"),
    ("08", "income_expenditure_summary", "expenditure_purpose_amount", "单位预留机动经费", "5,011.40"),
    ("08", "income_expenditure_summary", "expenditure_purpose_amount", "支出合计", "37,188.34"),
    ("08", "income_by_source", "amount", "收入总计", "37,188.34"),
    ("08", "income_by_source", "amount", "一般公共预算资金小计", "37,188.34"),
    ("08", "income_by_source", "amount", "公共财政拨款(补助)资金", "37,188.34"),
    ("08", "expenditure", "total", "合计", "37,188.34"),
    ("08", "expenditure", "basic", "合计", "21,968.00"),
    ("08", "expenditure", "project", "合计", "10,208.94"),
    ("08", "expenditure", "reserve", "合计", "5,011.40"),
    ("08", "appropriation_summary", "income_amount", "一般公共预算", "37,188.34"),
    ("08", "appropriation_summary", "expenditure_purpose_amount", "项目支出", "10,208.94"),
    ("08", "appropriation_summary", "expenditure_purpose_amount", "支出合计", "37,188.34"),
    ("08", "appropriation_expenditure", "total", "合计", "37,188.34"),
    ("08", "appropriation_expenditure", "total", "2040503", "1,400.00"),
    ("08", "appropriation_expenditure", "total", "2210202", "5,465.10"),
    ("08", "appropriation_basic_economic", "total", "合计", "21,968.00"),
    ("08", "appropriation_basic_economic", "total", "303", "2,063.88"),
    ("08", "appropriation_basic_economic", "total", "30309", "1.97"),
    ("08", "general_budget_expenditure", "total", "2080506", "553.89"),
    ("08", "three_public", "total", "合计", "2,382.02"),
    ("08", "three_public", "total", "“三公”经费小计", "513.75"),
    ("08", "three_public", "total", "因公出国(境)费用", "160.00"),
    ("08", "three_public", "total", "公务接待费", "86.95"),
    ("08", "three_public", "total", "培训费", "1,597.25"),
    ("08", "procurement", "amount", "合计", "5,227.59"),
    ("08", "procurement", "amount", "货物 A", "1,637.72"),
    ("08", "procurement", "amount", "信息网络及软件购置更新", "966.50"),
    ("08", "procurement", "amount", "计算机设备维修和保养服务", "120.00"),
    ("08", "procurement", "amount", "其他服务", "360.00"),
]


@pytest.mark.parametrize(("doc", "table", "column", "key", "printed"), PRINTED)
def test_real_pdf_pins_printed_figures(real_docs, doc, table, column, key, printed):
    amounts = real_docs[doc].amounts
    rows = amounts[(amounts["table"] == table) & (amounts["column"] == column)]
    rows = rows[rows["code"] == key] if key.isdigit() else rows[rows["label"] == key]
    assert rows["amount_raw"].tolist() == [printed]
    assert rows["amount"].iloc[0] == Decimal(printed.replace(",", ""))
    assert rows["source"].iloc[0].startswith("page ")


@pytest.mark.parametrize("doc", ["01", "02"])
def test_shanghai_pdfs_have_every_printed_standard_table(real_docs, doc):
    printed = {
        "income_expenditure_summary",
        "income",
        "expenditure",
        "appropriation_summary",
        "general_budget_expenditure",
        "gov_fund_expenditure",
        "state_capital",
        "basic_expenditure_economic",
        "three_public",
        "operating_costs",
    }
    assert printed <= set(real_docs[doc].tables)
    assert set(real_docs[doc].meta["tables_missing"]) == {"gov_fund_income", "projects", "projects_carryover"}
    for empty in ("gov_fund_expenditure", "state_capital"):  # 注：…故本表为空表
        assert real_docs[doc].tables[empty].attrs["printed_empty"]


def test_shanghai_2025_summary_identities_hold(real_docs):
    audit = real_docs["01"].audit()
    summary = audit[audit["check"].isin(["summary", "row_total", "hierarchy"])]
    assert len(summary) >= 40
    assert (summary["status"] == "ok").all()


def test_shanghai_2026_audit_reports_the_documents_own_errors(real_docs):
    """The published 2026 document prints 行政运行's 项目支出 as its parent's figure and a 基本支出
    total without cents: the audit must say so, and nothing else in the summary tables."""
    audit = real_docs["02"].audit()
    wrong = audit[(audit["status"] == "mismatch") & audit["check"].isin(["summary", "row_total", "hierarchy"])]
    assert wrong["where"].str.contains("行政运行").any()
    assert wrong["actual"].astype(str).str.contains("22118861.34").any()
    summary = audit[audit["check"] == "summary"]
    assert (summary["status"] == "ok").all()


def test_jiangsu_pdf_has_every_printed_standard_table(real_docs):
    """All twelve Jiangsu tables, including the ones its template adds (财政拨款 spending by
    function and by economic item, 政府采购) and its layouts: income by source as rows, a one-row
    支出预算总表, a wide 三公 + 会议费 + 培训费 table."""
    printed = {
        "income_expenditure_summary",
        "income_by_source",
        "expenditure",
        "appropriation_summary",
        "appropriation_expenditure",
        "appropriation_basic_economic",
        "general_budget_expenditure",
        "basic_expenditure_economic",
        "three_public",
        "gov_fund_expenditure",
        "operating_costs",
        "procurement",
    }
    assert set(real_docs["08"].tables) == printed
    assert not [w for w in real_docs["08"].warnings if "matches no catalog column" in w or "skipped" in w]
    assert set(real_docs["08"].meta["tables_missing"]) == {
        "gov_fund_income",
        "state_capital",
        "projects",
        "projects_carryover",
    }
    assert real_docs["08"].tables["general_budget_expenditure"].attrs["page"] == 12  # not 财政拨款支出表's page


def test_jiangsu_extract_writes_a_valid_data_package_with_its_own_layouts(tmp_path):
    from frictionless import Package

    out = tmp_path / "jiangsu"
    result = run_cli("extract", JIANGSU_2019, "--out", out)
    assert result.returncode == 0, result.stderr
    assert {"income_by_source.csv", "appropriation_expenditure.csv", "appropriation_basic_economic.csv"} <= {
        path.name for path in out.iterdir()
    }
    report = Package(str(out / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_jiangsu_identities_hold_within_and_across_its_tables(real_docs):
    audit = real_docs["08"].audit()
    checked = audit[audit["check"].isin(["summary", "row_total", "hierarchy", "three_public", "cross_table"])]
    assert len(checked) >= 60
    wrong = checked[checked["status"] != "ok"]
    # the only disagreement: 公务接待费 is also paid from project money (a warning, not an error)
    assert wrong["where"].str.contains("公务接待费").all() and (wrong["severity"] == "warning").all()
    messages = "\n".join(checked["message"])
    for identity in (
        "收入总计 = 支出总计",
        "合计 = 三公经费小计",
        "收入总计等于各来源之和",
        "财政拨款支出表 =",
        "采购合计等于各大类之和",
    ):
        assert identity in messages


def test_jiangsu_fault_injection__a_changed_figure_in_any_table_is_caught(real_docs):
    """Change one printed figure of the PDF's tables by +1.00 (after camelot, before the tables
    are built): the audit must report an error. A fixed sample over every Jiangsu table."""
    import copy
    import random

    from kanshousuo.pipeline import build_disclosure
    from kanshousuo.text.numbers import looks_like_amount

    source = real_docs["08"].source
    cells = [
        (b, r, c)
        for b, block in enumerate(source.tables)
        for r, row in enumerate(block.rows)
        for c, cell in enumerate(row.cells)
        if "." in cell and looks_like_amount(cell)
    ]
    by_table: dict[str, list] = {}
    for b, r, c in cells:
        by_table.setdefault(source.tables[b].table_id, []).append((b, r, c))
    sample = [cell for found in by_table.values() for cell in random.Random(7).sample(found, min(3, len(found)))]
    assert len(by_table) >= 10
    missed = []
    for b, r, c in sample:
        mutated = copy.deepcopy(source)
        row = mutated.tables[b].rows[r]
        value = Decimal(row.cells[c].replace(",", "")) + 1
        row.cells[c] = f"{value:,.2f}" if "," in row.cells[c] else f"{value:.2f}"
        if not (build_disclosure(mutated).audit()["severity"] == "error").any():
            missed.append((mutated.tables[b].table_id, row.cells))
    assert missed == []


def test_jiangsu_shares_in_a_listing_are_of_the_total_on_the_line_above(real_docs):
    """Page 19: 本年支出预算合计 37188.34 万元，其中： / 基本支出 21968 万元，占 59.07%；… (a PDF line each)."""
    shares = real_docs["08"].audit().query("check == 'text_share'")
    assert len(shares) >= 7
    listing = shares[shares["where"].str.contains("59.07%|27.45%|13.48%")]
    assert len(listing) == 3 and (listing["status"] == "ok").all()
    # page 23: 86.95 of the 三公 subtotal 513.75 is 16.92%; printed 16.93% (the three shares then add to
    # 100): the printed figures' rounding can explain it, so a warning
    not_ok = shares[shares["status"] != "ok"]
    assert not_ok["where"].str.contains("16.93%").all() and set(not_ok["severity"]) <= {"warning"}


def test_jiangsu_personnel_funds_claim_is_the_sum_of_the_items_it_lists_and_a_change_breaks_it(real_docs):
    """人员经费 18387.95 万元。主要包括：基本工资、津贴补（line break）贴、… is printed in no table; it is
    the sum of the economic items it names. Change one of them and the claim cannot be confirmed."""
    import dataclasses

    from kanshousuo.audit.rules.text_amounts import check_amount_claims

    doc = real_docs["08"]

    def personnel_claims(amounts):
        found = check_amount_claims(dataclasses.replace(doc, amounts=amounts))
        return [f for f in found if "人员经费" in f.where]

    claims = personnel_claims(doc.amounts)
    assert len(claims) == 2 and all(f.status == "ok" and "所列经济科目之和" in f.message for f in claims)
    changed = doc.amounts.copy()
    wage = (changed["table"] == "basic_expenditure_economic") & (changed["code"] == "30101")
    changed.loc[wage, "amount"] = changed.loc[wage, "amount"] + 1
    assert all(f.status == "unmatched" for f in personnel_claims(changed))
    assert not real_docs["08"].audit().query("check == 'text_name'").shape[0]  # no name cut at a line break


def test_jiangsu_changes_explained_across_a_line_break_are_reasons_that_add_up(real_docs):
    """…单位预留机动经费增 / 加 1753.34 万元 and …增加人员工资、…等 3397.18 万元 are reasons of the change
    4016.19 万元 (3397.18 − 1134.33 + 1753.34), not amounts of this year printed in no table."""
    audit = real_docs["08"].audit()
    assert audit.query("status == 'unmatched'").empty
    reasons = audit.query("check == 'text_reasons'")
    assert len(reasons) >= 4 and (reasons["status"] == "ok").all()
    assert set(reasons["expected"]) == {Decimal("4016.19")}


def test_a_table_outside_the_catalog_is_reported_with_its_next_page_not_guessed(monkeypatch):
    """Were 政府采购支出预算表 not in the catalog, both its pages are reported and skipped, and
    a part heading (第二部分 …部门预算表) is not taken for a table."""
    from kanshousuo.sources import pdf
    from kanshousuo.sources.pdf import pages

    known = pages.match_table_title
    monkeypatch.setattr(pages, "match_table_title", lambda title, unit=None: None if "采购" in title else known(title))
    source = pdf.read_pdf_source(JIANGSU_2019)
    notes = "\n".join(source.notes)
    assert "page 16: table '政府采购支出预算表' is not in the catalog (table_titles.csv); skipped" in notes
    assert "page 17: a ruled table continues '政府采购支出预算表'; skipped" in notes
    assert "第二部分" not in notes
    assert "procurement" not in {block.table_id for block in source.tables}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: FIXTURES / "encrypted-needs-password.pdf", "encrypted"),
        (lambda tmp: FIXTURES / "scanned-no-text-layer.pdf", "no text layer; OCR is not supported"),
        (lambda tmp: FIXTURES / "prose-only-no-table.pdf", "no standard budget table"),
        (lambda tmp: _write(tmp / "corrupt.pdf", FACSIMILE.read_bytes()[:400]), "damaged"),
        (lambda tmp: _write(tmp / "fake.pdf", b"not a pdf at all"), "not a PDF"),
    ],
)
def test_bad_pdf_gives_one_line_exit_2_and_writes_nothing(tmp_path, make, message):
    path = make(tmp_path)
    out = tmp_path / "out"
    result = run_cli("extract", path, "--out", out)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()
    with pytest.raises(DisclosureError):
        read_disclosure(path)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
