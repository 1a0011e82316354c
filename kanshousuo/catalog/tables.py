"""The standard tables: their ids, what kind of table each is, and the titles they are printed under.

A table that is not recognised needs a new row in `tables.csv`, not new code."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kanshousuo.catalog.files import read_package_csv

TABLE_IDS = (
    "income_expenditure_summary",
    "income",
    "expenditure",
    "appropriation_summary",
    "general_budget_expenditure",
    "basic_expenditure_economic",
    "gov_fund_income",
    "gov_fund_expenditure",
    "state_capital",
    "three_public",
    "operating_costs",
    "projects",
    "projects_carryover",
)

# tables whose rows are economic items (301 工资福利支出…), not functional codes; Jiangsu 2019
# prints 机关运行经费 by economic item too (Shanghai by unit, without codes)
ECONOMIC_TABLES = ("basic_expenditure_economic", "appropriation_basic_economic", "operating_costs")

# tables some templates print besides the standard set (Jiangsu 2019), and a layout of a standard
# table different enough to need its own columns; each maps to the standard table it stands in for
OPTIONAL_TABLE_IDS = {
    "appropriation_expenditure": None,
    "appropriation_basic_economic": None,
    "income_by_source": "income",
    "procurement": None,
}


def title_key(title: str) -> str:
    """Reduce a printed table title to the key the catalog is matched on.

    Drops the 表N / 预算公开表N prefix, the year, the unit or department name before the year,
    the (不含上年结转) qualifier, quotes and all spaces.

    >>> title_key("表五2026年一般公共预算支出预算表（不含上年结转）")
    '一般公共预算支出预算表'
    >>> title_key("2026年财政拨款安排“三公”经费支出预算表")
    '财政拨款安排三公经费支出预算表'
    >>> title_key("上海市普陀区司法局2026年单位预算收支总表")
    '单位预算收支总表'
    >>> title_key("九、一般公共预算“三公”经费、会议费、培训费支出预算表")
    '一般公共预算三公经费、会议费、培训费支出预算表'
    """
    text = unicodedata.normalize("NFKC", title)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"^(预算公开)?表([一二三四五六七八九十]+|\d{1,2}(?!\d{3}))[-—:、.]?", "", text)
    text = re.sub(r"^[一二三四五六七八九十]+[、.]", "", text)  # 一、收支预算总表 (Jiangsu's list)
    text = re.sub(r"^.*?\d{4}年度?", "", text)
    text = re.sub(r"\(不含上年结转\)|\((功能|经济)(科目|分类)\)|[“”\"'‘’]", "", text)
    return text


@cache
def table_titles() -> dict[str, str]:
    """Map each known title key to its table id."""
    return {title_key(row["title_zh"]): row["table_id"] for row in read_package_csv("tables.csv")}


def match_table_title(title: str) -> str | None:
    """The catalog id of a printed title, or None when no variant matches.

    A title may carry a unit prefix (部门/单位) the catalog does not list; it is tried without.

    >>> match_table_title("2026年预算收支总表")
    'income_expenditure_summary'
    >>> match_table_title("表十三2026年项目支出预算表（上年结转）")
    'projects_carryover'
    >>> match_table_title("第三部分 2026年度单位预算情况说明") is None
    True
    """
    key = title_key(title)
    titles = table_titles()
    for candidate in (key, re.sub(r"^(预算单位|部门|单位)(预算)?", "", key)):
        if candidate in titles:
            return titles[candidate]
    return None
