"""Printed table titles reduced to the key the catalog matches them on (`table_titles.csv`)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kanshousuo.catalog.tables import table_titles
from kanshousuo.text.patterns import CN_NUMERAL


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
    text = re.sub(rf"^(预算公开)?表({CN_NUMERAL}|\d{{1,2}}(?!\d{{3}}))[-—:、.]?", "", text)
    text = re.sub(rf"^{CN_NUMERAL}[、.]", "", text)  # 一、收支预算总表 (Jiangsu's list)
    text = re.sub(r"^.*?\d{4}年度?", "", text)
    text = re.sub(r"\(不含上年结转\)|\((功能|经济)(科目|分类)\)|[“”\"'‘’]", "", text)
    return text


@cache
def title_keys() -> dict[str, str]:
    """Map each known title key to its table id."""
    return {title_key(title): table_id for title, table_id in table_titles()}


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
    titles = title_keys()
    for candidate in (key, re.sub(r"^(预算单位|部门|单位)(预算)?", "", key)):
        if candidate in titles:
            return titles[candidate]
    return None
