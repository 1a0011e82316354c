"""Printed table titles reduced to the key the catalog matches them on (`table_titles.csv`).

A title is printed with whatever the template adds around the catalog's words: a label
(`表五`, `公开01表：`, `公开表一`, `预算公开表3`, `一、`), the year in any position, the unit's own
name (`2018 年度江苏省高级人民法院收支预算总表`), quotes and qualifiers. The key keeps only the
catalog's words; a title that still carries an organisation's name in front of a known title is
matched by that known title.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from kanshousuo.catalog.tables import table_titles
from kanshousuo.text.patterns import CN_NUMERAL, compact

_LABEL = re.compile(rf"^(?:预算公开表|公开表|公开|表)(?:{CN_NUMERAL}|\d{{1,2}}(?!\d{{3}}))表?[-—:、.]?")
_ORDINAL = re.compile(rf"^(?:{CN_NUMERAL}|\d{{1,2}})[、.]")
_YEAR_AND_BEFORE = re.compile(r"^.{0,60}?\d{4}年度?")
_QUALIFIERS = re.compile(r"\(不含上年结转\)|\((?:功能|经济)(?:科目|分类)\)|[“”\"'‘’]")
# what is left in front of a known title when a template prints the unit's name there
_ORGANISATION = re.compile(
    r"^[\u4e00-\u9fff()]{2,30}(?:院|厅|局|委|会|室|处|所|站|中心|部|办|署|馆|校|团|社|队|府|行|司|组)$"
)


def title_key(title: str, unit_name: str | None = None) -> str:
    """Reduce a printed table title to the key the catalog is matched on.

    Drops the label (表N, 公开NN表, 公开表N, 预算公开表N, 一、), the year and whatever precedes it,
    the document's own unit name, the (不含上年结转) qualifier, quotes and all spaces.

    >>> title_key("表五2026年一般公共预算支出预算表（不含上年结转）")
    '一般公共预算支出预算表'
    >>> title_key("2026年财政拨款安排“三公”经费支出预算表")
    '财政拨款安排三公经费支出预算表'
    >>> title_key("上海市普陀区司法局2026年单位预算收支总表")
    '单位预算收支总表'
    >>> title_key("九、一般公共预算“三公”经费、会议费、培训费支出预算表")
    '一般公共预算三公经费、会议费、培训费支出预算表'
    >>> title_key("公开01表：收支预算总表"), title_key("公开表十二 2019年政府采购预算表")
    ('收支预算总表', '政府采购预算表')
    >>> title_key("一、2018 年度江苏省高级人民法院收支预算总表", unit_name="江苏省高级人民法院")
    '收支预算总表'
    """
    text = compact(unicodedata.normalize("NFKC", title))
    text = _LABEL.sub("", text)
    text = _ORDINAL.sub("", text)  # 一、收支预算总表 (Jiangsu's list)
    text = _YEAR_AND_BEFORE.sub("", text)
    for name in _name_variants(unit_name):
        text = text.replace(name, "")
    return _QUALIFIERS.sub("", text)


def _name_variants(unit_name: str | None) -> list[str]:
    """The unit's name as titles may print it (with or without 中共), longest first."""
    if not unit_name:
        return []
    name = compact(unicodedata.normalize("NFKC", unit_name))
    return [name, name.removeprefix("中共")] if name.startswith("中共") else [name]


@cache
def title_keys() -> dict[str, str]:
    """Map each known title key to its table id."""
    return {title_key(title): table_id for title, table_id in table_titles()}


@cache
def _keys_longest_first() -> tuple[str, ...]:
    return tuple(sorted(title_keys(), key=len, reverse=True))


def match_table_title(title: str, unit_name: str | None = None) -> str | None:
    """The catalog id of a printed title, or None when no variant matches.

    A title may carry a unit prefix (部门/单位) the catalog does not list, or an organisation's
    name in front of a known title (a unit other than the document's own, or a name the cover
    prints differently): it is matched by the longest known title it ends with.

    >>> match_table_title("2026年预算收支总表")
    'income_expenditure_summary'
    >>> match_table_title("表十三2026年项目支出预算表（上年结转）")
    'projects_carryover'
    >>> match_table_title("十、2018 年度江苏省高级人民法院政府性基金预算财政拨款支出预算表")
    'gov_fund_expenditure'
    >>> match_table_title("第三部分 2026年度单位预算情况说明") is None
    True
    >>> match_table_title("详见本部门收支预算总表") is None
    True
    """
    if len(title) > 120:
        return None  # no title is this long: prose or a run of characters
    key = title_key(title, unit_name)
    titles = title_keys()
    for candidate in (key, re.sub(r"^(?:预算单位|部门|单位)(?:预算)?", "", key)):
        if candidate in titles:
            return titles[candidate]
    for known in _keys_longest_first():
        if len(key) > len(known) and key.endswith(known) and _ORGANISATION.match(key[: -len(known)]):
            return titles[known]
    return None
