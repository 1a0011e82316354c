"""Printed layouts the catalog does not use, rewritten by shape (kanshousuo.layouts, kanshousuo.tables).

Small made-up blocks shaped like the Jiangsu 2019 template, so each rule is pinned on its own.
"""

from decimal import Decimal

from kanshousuo.layouts import relayout
from kanshousuo.sources.blocks import Row, TableBlock
from kanshousuo.tables.build import build_table


def _block(table_id: str, rows: list[list[str]]) -> TableBlock:
    return TableBlock(table_id, "title", 1, rows=[Row(None, cells, page=1) for cells in rows], page=1)


def _built(table_id: str, rows: list[list[str]]):
    (block,) = relayout(_block(table_id, rows))
    return block.table_id, build_table(block).frame


def test_income_printed_with_sources_as_rows_becomes_income_by_source():
    table_id, frame = _built(
        "income",
        [
            ["项目名称", "", "金额"],
            ["收入总计", "", "30.00"],
            ["一般公共预算资金", "小计", "20.00"],
            ["", "公共财政拨款（补助）资金", "20.00"],
            ["其他资金", "小计", "10.00"],
            ["", "事业收入", "10.00"],
            ["上年结转和结余资金", "小计", ""],
            ["", "其中：动用上年结转和结余资金", ""],
        ],
    )
    assert table_id == "income_by_source"
    assert frame["item"].tolist()[:3] == ["收入总计", "一般公共预算资金小计", "公共财政拨款(补助)资金"]
    assert frame["source"].tolist()[2] == "一般公共预算资金"  # the merged source cell is carried down
    assert frame["role"].tolist() == [
        "grand_total",
        "subtotal",
        "line",
        "subtotal",
        "line",
        "subtotal",
        "of_which",
    ]
    assert frame["amount"].iloc[0] == Decimal("30.00")


def test_income_by_functional_code_keeps_its_layout():
    table_id, frame = _built(
        "income",
        [["科目编码", "科目名称", "合计", "一般公共预算"], ["204", "公共安全支出", "5.00", "5.00"]],
    )
    assert table_id == "income" and frame["code"].tolist() == ["204"]


def test_expenditure_printed_as_one_unlabelled_row_is_its_total_row():
    table_id, frame = _built(
        "expenditure",
        [["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"], ["9.00", "5.00", "3.00", "1.00", ""]],
    )
    assert table_id == "expenditure"
    row = frame.iloc[0]
    assert (row["name"], row["role"]) == ("合计", "total")
    assert (row["total"], row["basic"], row["project"], row["reserve"]) == tuple(
        Decimal(v) for v in ("9.00", "5.00", "3.00", "1.00")
    )


def test_summary_with_function_and_purpose_sides__amounts_read_the_label_on_their_left():
    """The functional 金额 is printed under the 支出用途 heading: both amount columns share one
    header key, and each must still belong to the label column on its left."""
    _, frame = _built(
        "income_expenditure_summary",
        [
            ["收入", "", "支出", "", "", ""],
            ["项目名称", "金额", "功能分类", "支出用途", "", ""],
            ["", "", "功能科目名称", "金额", "项目名称", "金额"],
            ["一、财政拨款", "9.00", "一、公共安全支出", "7.00", "一、基本支出", "6.00"],
            ["", "", "二、住房保障支出", "2.00", "二、项目支出", "3.00"],
            ["当年收入小计", "9.00", "当年支出小计", "", "", "9.00"],
            ["上年结转资金", "", "结转下年资金", "", "", ""],
            ["收入合计", "9.00", "支出合计", "", "", "9.00"],
        ],
    )
    assert frame["expenditure_total"].iloc[0] == Decimal("7.00")  # functional amount
    assert frame["expenditure_purpose_amount"].iloc[0] == Decimal("6.00")
    # a total printed across both expenditure sides labels the purpose side too
    assert frame["expenditure_purpose_item"].tolist()[2:] == ["当年支出小计", "", "支出合计"]
    # 小计 + 结转 = 合计 with no 总计: 小计 is the year's total, 合计 the grand total
    assert frame["role"].tolist()[2:] == ["total", "carryover", "grand_total"]


def test_wide_three_public_with_meetings_and_training__its_subtotal_stays_a_subtotal():
    (block,) = relayout(
        _block(
            "three_public",
            [
                ["合计", "“三公”经费", "", "", "", "", "会议费", "培训费"],
                ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "公务接待费", "", ""],
                ["", "", "", "小计", "公务用车运行维护费", "", "", ""],
                ["12.00", "6.00", "1.00", "3.00", "3.00", "2.00", "4.00", "2.00"],
            ],
        )
    )
    frame = build_table(block).frame
    roles = dict(zip(frame["item"], frame["role"], strict=True))
    assert roles["“三公”经费小计"] == "subtotal" and roles["合计"] == "total"
    assert roles["会议费"] == roles["培训费"] == "line"


def test_income_by_source_printed_empty_is_still_recognised_by_its_shape():
    table_id, frame = _built(
        "income",
        [["项目名称", "", "金额"], ["收入总计", "", ""], ["一般公共预算资金", "小计", ""]],
    )
    assert table_id == "income_by_source" and frame["amount"].isna().all()


def test_procurement_rows_get_their_level_and_the_names_above_them_carried_down():
    table_id, frame = _built(
        "procurement",
        [
            ["采购品目大类", "专项名称", "经济科目", "采购物品名称", "采购组织形式", "总计"],
            ["合计", "", "", "", "", "9.00"],
            ["一、服务 C", "", "", "", "", "9.00"],
            ["", "物业管理费", "物业管理费", "", "", "9.00"],
            ["", "", "", "物业管理服务", "分散自行组织", "4.00"],
            ["", "", "", "", "部门集中采购", "5.00"],  # the same item, bought a second way
        ],
    )
    assert table_id == "procurement"
    assert frame["level"].tolist() == ["合计", "大类", "经济科目", "品目", "品目"]
    assert frame["role"].tolist() == ["total", "subtotal", "line", "of_which", "of_which"]
    assert frame["name"].tolist()[-1] == "物业管理服务"
    assert set(frame["category"].iloc[1:]) == {"一、服务 C"} and frame["project"].iloc[-1] == "物业管理费"
