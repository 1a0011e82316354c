"""Parts and sections of every template: headings typed from the rendered pages, not from our output."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanshousuo.sources.blocks import RawSource
from kanshousuo.sources.sections import entry_title, find_sections, split_contents
from tests.conftest import RAW


def _pdf_lines_only(path: Path) -> RawSource:
    """A PDF's lines and their pages, read by pdfium alone (no camelot: its tables are not needed)."""
    from kanshousuo.sources.pdf.document import open_pdfium
    from kanshousuo.sources.pdf.pages import page_texts

    document = open_pdfium(path)
    try:
        pages = page_texts(document, path)
    finally:
        document.close()
    return RawSource(
        path=path,
        sha256="",
        kind="pdf",
        encoding=None,
        lines=[line for page in pages for line in page.lines],
        tables=[],
        targets=[],
        watermarks=sorted({s for page in pages for s in page.watermarks}),
        title_lines=[],
        line_pages=[page.number for page in pages for _ in page.lines],
    )


@pytest.fixture(scope="module")
def jiangsu_2017():
    return find_sections(_pdf_lines_only(RAW / "17_jiangsu_jcy_2017_dept_budget.pdf"))


def test_shanghai_sections__the_explanatory_text_is_read_without_part_headings(real_docs):
    """02, page 6: 2026年单位预算编制说明; page 21: 其他相关情况说明 with 一 … 五 (rendered pages)."""
    sections = real_docs["02"].sections
    explanatory = sections[sections["part"] == 3]
    assert list(explanatory["heading"]) == [
        "2026年单位预算编制说明",
        "其他相关情况说明",
        "一、2026年“三公”经费预算情况说明",
        "二、机关运行经费预算",
        "三、政府采购预算情况",
        "四、绩效目标设置情况",
        "五、国有资产占有使用情况",
    ]
    assert list(explanatory["page"]) == [6, 21, 21, 21, 21, 21, 21]
    assert "2026年“三公”经费预算数为10.71万元" in real_docs["02"].parts[3]
    first_item = explanatory.iloc[0]["text_lines"][0]
    assert first_item.page == 6 and first_item.text.startswith("2026年,上海市普陀区司法局收入预算8695.94万元")
    # the contents page (一、单位主要职能 … 六、其他相关情况说明) is not taken for headings
    assert set(sections["page"]) >= {3, 4, 5, 6, 8, 21} and 2 not in set(sections["page"])
    assert sections.loc[sections["heading"] == "名词解释", "part"].tolist() == [4]


def test_sections__a_heading_after_text_on_the_same_pdf_line_opens_its_part(jiangsu_2017):
    """17, page 9: '…严格依照标准制度规定安排相关支出。 第二部分 省检察院 2017 年度部门预算表' is one
    PDF line; the last words of 第一部分 stay in section 四, the heading opens part 2."""
    by_heading = {s.heading: s for s in jiangsu_2017}
    assert by_heading["第二部分 省检察院 2017 年度部门预算表"].page == 9
    four = by_heading["四、部门收支预算编制的相关依据及测算分析情况"]
    assert four.text_lines[-1].text.endswith("严格依照标准制度规定安排相关支出。")


def test_sections__a_wrapped_heading_is_joined(jiangsu_2017):
    """17, page 22: 十一、一般公共预算“三公”经费、会议费、培训费支 / 出预算表情况说明 (two printed lines)."""
    headings = [s.heading for s in jiangsu_2017 if s.part == 3]
    assert "十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明" in headings
    assert [s.number for s in jiangsu_2017 if s.part == 3 and s.number] == list(range(1, 13))


def test_sections__a_wrapped_part_heading_is_joined_and_the_contents_skipped():
    """15, page 16: 第三部分 江苏省高级人民法院 2018 / 年度预算情况说明; the contents (page 2) lists
    the same parts and is not read as headings."""
    sections = find_sections(_pdf_lines_only(RAW / "15_jiangsu_fy_2018_dept_budget.pdf"))
    parts = [(s.part, s.page, s.heading) for s in sections if s.number is None]
    assert parts[0] == (1, 3, "第一部分 部门概况")
    assert (3, 16, "第三部分 江苏省高级人民法院 2018年度预算情况说明") in parts
    assert all(page != 2 for _, page, _ in parts)


def test_contents__entries_end_where_the_body_repeats_the_first(seed):
    entries, start = split_contents(seed.source)
    assert entries[0] == "第一部分概况" and entries[-1] == "第四部分名词解释"
    assert seed.source.lines[start] == "第一部分 概况"  # line 60 of the text


def test_entry_title__drops_leader_dots_and_page_numbers():
    assert entry_title("表十三2026年项目支出预算表（上年结转）.....\t15") == "表十三2026年项目支出预算表（上年结转）"
    assert entry_title("第三部分 2026年度单位预算情况说明\t16") == "第三部分2026年度单位预算情况说明"


def test_shanxi_sections__twelve_numbered_sections_in_part_three(seed):
    part3 = seed.sections[seed.sections["part"] == 3]
    assert part3["number"].dropna().tolist() == list(range(1, 13))
    assert part3.iloc[1]["heading"] == "一、单位预算收支数据变动情况及原因" and part3.iloc[1]["line"] == 377
