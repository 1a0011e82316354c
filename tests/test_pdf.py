"""PDF disclosures: three real documents, the Shanxi facsimile, and bad PDFs.

The figures pinned here are typed from the printed pages (checked against the rendered page
and pdfium's text of it), not from our own output.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from kanshousuo import DisclosureError, read_disclosure
from tests.conftest import ROOT, run_cli

RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
FACSIMILE = FIXTURES / "FACSIMILE-shanxi-kanshousuo-2026-tables.pdf"
SHANGHAI_2025 = RAW / "01_shanghai_putuo_zfbgs_2025_unit_budget.pdf"
SHANGHAI_2026 = RAW / "02_shanghai_putuo_sfj_2026_unit_budget.pdf"
JIANGSU_2019 = RAW / "08_jiangsu_gaoyuan_2019_dept_budget.pdf"


@pytest.fixture(scope="session")
def facsimile():
    return read_disclosure(FACSIMILE)


@pytest.fixture(scope="session")
def real_docs():
    return {path.name[:2]: read_disclosure(path) for path in (SHANGHAI_2025, SHANGHAI_2026, JIANGSU_2019)}


def _figures(doc) -> list[tuple]:
    columns = ["table", "row", "column", "code", "label", "role", "amount", "unit"]
    return sorted(tuple(str(v) for v in row) for row in doc.amounts[columns].itertuples(index=False))


def test_facsimile_pdf_gives_the_same_amounts_as_the_text_figure_for_figure(facsimile, seed):
    assert len(facsimile.amounts) == len(seed.amounts)
    assert _figures(facsimile) == _figures(seed)


def test_tables_read_in_a_forked_child_equal_those_read_in_process(monkeypatch):
    from kanshousuo import pdfsource

    with pdfsource._tables_in_background(FACSIMILE) as in_child:
        forked = in_child()
    monkeypatch.setattr(pdfsource.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with pdfsource._tables_in_background(FACSIMILE) as in_turn:
        serial = in_turn()
    assert forked == serial
    assert len(forked[0]) >= 3


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
    ("08", "general_budget_expenditure", "total", "合计", "37,188.34"),
    ("08", "general_budget_expenditure", "total", "2040501", "17,279.29"),
    ("08", "general_budget_expenditure", "total", "2040502", "5,804.83"),
    ("08", "basic_expenditure_economic", "total", "合计", "21,968.00"),
    ("08", "basic_expenditure_economic", "total", "30101", "2,827.41"),
    ("08", "basic_expenditure_economic", "total", "30102", "8,252.03"),
    ("08", "operating_costs", "total", "合计", "3,580.05"),
    ("08", "operating_costs", "total", "30201", "315.00"),
    ("08", "gov_fund_expenditure", "total", "合计", "0"),
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


def test_jiangsu_tables_outside_the_catalog_are_reported_not_guessed(real_docs):
    warnings = "\n".join(real_docs["08"].warnings)
    assert "政府采购支出预算表" in warnings and "tables.csv" in warnings
    assert "government_procurement" not in real_docs["08"].tables


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
