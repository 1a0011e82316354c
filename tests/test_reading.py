"""Reading text disclosures into canonical tables and tidy amounts."""

from decimal import Decimal

import pytest

from kanshousuo import DisclosureError, read_disclosure
from kanshousuo.catalog.tables import standard_table_ids
from kanshousuo.sources.text import decode_disclosure
from tests.conftest import FIXTURE, SEED


def amount(doc, table, column, code=None, label=None):
    return doc.figure(table, column, code=code, label=label)["amount"]


@pytest.mark.parametrize(
    ("table", "column", "code", "label", "expected"),
    [
        ("income_expenditure_summary", "income_amount", None, "一般公共预算", "2214.25"),
        ("income_expenditure_summary", "expenditure_carryover", "204", None, "337.54"),
        ("income_expenditure_summary", "income_amount", None, "收入总计", "2551.79"),
        ("income", "carryover", "2040299", None, "337.54"),
        ("income", "general_budget", "2101103", None, "16.03"),
        ("expenditure", "basic", "2040201", None, "1430.75"),
        ("expenditure", "project", "2040299", None, "337.54"),
        ("appropriation_summary", "expenditure_general_budget", "208", None, "192.30"),
        ("general_budget_expenditure", "project", "20402", None, "501.73"),
        ("basic_expenditure_economic", "personnel", "30113", None, "133.11"),
        ("basic_expenditure_economic", "public_use", "30239", None, "57.30"),
        ("three_public", "total", None, "公务用车运行维护费", "56.00"),
        ("operating_costs", "general_budget", None, "山西省看守所", "272.13"),
        ("projects", "total", None, "在押人员给养费", "31.96"),
        ("projects_carryover", "general_budget", None, "山西省看守所监区各勤用房建设项目", "337.54"),
    ],
)
def test_read_disclosure__pins_seed_cells(seed, table, column, code, label, expected):
    assert amount(seed, table, column, code, label) == Decimal(expected)


def test_read_disclosure__finds_all_thirteen_tables_in_seed(seed):
    assert sorted(seed.tables) == sorted(standard_table_ids())
    assert {t for t, f in seed.tables.items() if f.attrs["printed_empty"]} == {
        "gov_fund_income",
        "gov_fund_expenditure",
        "state_capital",
    }


def test_amounts__hold_every_printed_figure_of_the_seed_and_nothing_else(seed):
    """Count the figures in the printed table rows of the raw text and compare, line by line."""
    import re

    lines = SEED.read_text(encoding="utf-8").splitlines()
    number = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
    expected = {}
    for frame in seed.tables.values():
        for line in frame["line"]:
            cells = lines[line - 1].split("\t")
            figures = [c for c in cells[1:] if number.match(c.strip())]
            if frame is seed.tables["income_expenditure_summary"] or frame is seed.tables["appropriation_summary"]:
                figures = [c for c in cells if number.match(c.strip())]
            expected[line] = len(figures)
    counted = seed.amounts.groupby("line").size().to_dict()
    assert {k: v for k, v in expected.items() if v} == counted
    assert len(seed.amounts) == 231


def test_amounts__are_exact_decimals_with_unit_and_source(seed):
    row = seed.figure("expenditure", "basic", code="2040201")
    assert isinstance(row["amount"], Decimal)
    assert (row["unit"], row["unit_factor"], row["source"]) == ("万元", 10000, "line 156")
    assert seed.amounts["code"].dropna().map(type).eq(str).all()


def test_codes__carry_level_and_parent(seed):
    row = seed.figure("income", "total", code="2080505")
    assert (row["code_level"], row["parent_code"]) == ("item", "20805")


def test_labels__summary_rows_are_normalised_with_their_ordinal(seed):
    summary = seed.tables["income_expenditure_summary"]
    wrapped = summary[summary["expenditure_item_raw"] == "二十二、国有资本经营 预算支出"].iloc[0]
    assert wrapped["expenditure_item"] == "国有资本经营预算支出"
    assert wrapped["expenditure_item_ordinal"] == 22


def test_three_public__circled_marker_is_split_from_the_label(seed):
    assert "公务用车运行维护费" in set(seed.tables["three_public"]["item"])


def test_project_tables__tell_department_unit_and_project_rows(seed):
    roles = seed.tables["projects_carryover"].set_index("project_name")["role"].to_dict()
    assert roles == {
        "山西省公安厅": "department",
        "山西省看守所": "unit",
        "山西省看守所监区各勤用房建设项目": "project",
    }


def test_meta__records_unit_year_and_hash(seed):
    assert seed.meta["unit_name"] == "山西省看守所"
    assert seed.meta["year"] == 2026
    assert seed.meta["amount_unit"] == "万元"
    assert len(seed.meta["sha256"]) == 64


def test_sections__keep_the_explanatory_text(seed):
    part3 = seed.parts[3]
    assert "比上年增加347.44万元" in part3
    assert seed.sections[(seed.sections["part"] == 3)]["number"].dropna().tolist() == list(range(1, 13))


def test_fixture__gb18030_is_detected(fixture_doc):
    assert fixture_doc.meta["encoding"] == "gb18030"
    assert fixture_doc.meta["unit_name"] == "江南县生态环境局"


@pytest.mark.parametrize(
    ("table", "column", "code", "label", "expected"),
    [
        ("income", "unit_funds", "2110302", None, "80.00"),
        ("income", "gov_fund", None, "合计", "1500.00"),
        ("income_expenditure_summary", "income_amount", None, "单位资金", "80.00"),
        ("expenditure", "project", "2110302", None, "1430.00"),
        ("expenditure", "total", None, "合计", "3383.50"),
        ("gov_fund_income", "amount", "1030178", None, "1500.00"),
        ("gov_fund_expenditure", "project", "2121301", None, "1500.00"),
        ("three_public", "total", None, "因公出国(境)费用", "3.00"),
        ("three_public", "total", None, "公务接待费", "2.50"),
        ("three_public", "total", None, "公务用车购置费", "20.00"),
        ("projects", "unit_funds", None, "水环境质量监测", "80.00"),
        ("basic_expenditure_economic", "public_use", "30217", None, "2.50"),
    ],
)
def test_read_disclosure__pins_fixture_cells(fixture_doc, table, column, code, label, expected):
    assert amount(fixture_doc, table, column, code, label) == Decimal(expected)


def test_split_table__is_merged_and_repeated_header_dropped(fixture_doc):
    expenditure = fixture_doc.tables["expenditure"]
    assert len(expenditure) == 20
    assert expenditure["code"].tolist().count("2110302") == 1
    assert "科目编码" not in set(expenditure["name_raw"])


def test_empty_table__is_present_and_empty(fixture_doc):
    frame = fixture_doc.tables["state_capital"]
    assert frame.attrs["printed_empty"] and frame.empty


def test_decode__utf8_with_bom_and_gbk_give_the_same_text():
    text = "2026年预算收支总表"
    assert decode_disclosure(b"\xef\xbb\xbf" + text.encode())[0] == text
    assert decode_disclosure(text.encode("gbk"))[0] == text


def test_read_disclosure__same_tables_from_any_encoding(tmp_path):
    raw = FIXTURE.read_bytes().decode("gb18030")
    utf8 = tmp_path / "doc.txt"
    utf8.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    a = read_disclosure(utf8).amounts
    b = read_disclosure(FIXTURE).amounts
    assert a["amount"].tolist() == b["amount"].tolist()


def _seed_with(tmp_path, old: str, new: str):
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "changed.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_table_whose_figures_cannot_be_read_is_listed_and_is_an_audit_error(tmp_path):
    """The 支出总表's headings replaced by words no catalog column knows: the table is recognised,
    its rows hold figures, none can be read. Never published as if it were empty."""
    path = _seed_with(tmp_path, "科目编码\t科目名称\t合计\t基本支出\t项目支出", "甲\t乙\t丙\t丁\t戊")
    doc = read_disclosure(path)
    assert doc.meta["tables_unread"] == ["expenditure"]
    errors = doc.audit().query("severity == 'error' and check == 'reading'")
    assert list(errors["table"]) == ["expenditure"]
    assert read_disclosure(SEED).meta["tables_unread"] == []


def test_a_document_of_which_no_figure_is_read_is_refused(tmp_path):
    text = "2026年预算支出总表\n单位：万元\n甲\t乙\t丙\n合计\t\t2551.79\n"
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DisclosureError, match="no figure could be read"):
        read_disclosure(path)


@pytest.mark.parametrize("heading", ["表三（续）", "续表", "（续）"])
def test_a_table_continued_under_a_continuation_heading_is_joined(tmp_path, heading):
    """The 支出总表 broken after its 公安 row, a page number and a continuation heading between
    its halves (with its header printed again): the same figures as the table printed whole."""
    old = "20402\t公安\t2270.02\t1430.75\t839.27\n"
    new = old + f"3\n{heading}\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    doc = read_disclosure(_seed_with(tmp_path, old, new))
    whole = read_disclosure(SEED)
    columns = ["table", "code", "label", "column", "amount"]
    assert doc.amounts[columns].equals(whole.amounts[columns])
