"""What a document says it is: the unit's name, the year, the kind (unit or department budget,
final accounts), read from its cover, its labelled lines and its table titles.

A template labels the unit in many ways (`单位名称：`, `部门名称：`, `编制部门：`, `编制单位：`,
`部门：`, `预算单位：`, `预算主管部门：`); where none is printed, the cover names it beside the year
(`江苏省高级人民法院 / 2019 年度部门预算公开`, `2018 年度江苏省高级人民法院预算公开`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from kanshousuo.text.patterns import compact

_NAME = r"[\u4e00-\u9fff()]{2,40}"
_LABELS = "单位名称|部门名称|编制部门|编制单位|预算主管部门|主管部门|预算单位|部门"
_DEPARTMENT_LABELS = ("部门", "部门名称", "预算主管部门", "主管部门", "编制部门")
_LABELLED = re.compile(rf"(?:{_LABELS})[:]\s{{0,3}}({_NAME})")
_NAME_THEN_YEAR = re.compile(rf"({_NAME}?)(20\d{{2}})年度?(?:部门|单位)?(?:预算|决算)")
_YEAR_THEN_NAME = re.compile(rf"(20\d{{2}})年度?({_NAME}?)(?:部门|单位)?(?:预算|决算)")
_REGION_ONLY = re.compile(r"^(?:.{1,6}(?:省|市|自治区))?(?:.{1,6}(?:市|区|县|州|盟|旗))?$")
_YEAR = re.compile(r"(20\d{2})\s{0,2}年")
_NOT_A_NAME = re.compile(r"^(?:单位|部门|万元|元|金额|合计|本部门|本单位)")


def _compact(text: str) -> str:
    return compact(unicodedata.normalize("NFKC", text))


def labelled_unit_name(lines: list[str]) -> str | None:
    """The unit named most often after a label (部门：…, 预算单位：…), or None.

    >>> labelled_unit_name(["部门：中共江苏省委办公厅 单位：万元", "预算单位：上海市普陀区司法局"])
    '中共江苏省委办公厅'
    """
    names = Counter(
        match.group(1)
        for line in lines
        for match in _LABELLED.finditer(unicodedata.normalize("NFKC", line)[:400])
        if not _NOT_A_NAME.match(match.group(1))
    )
    return names.most_common(1)[0][0] if names else None


def cover_name_and_year(cover: list[str]) -> tuple[str | None, int | None]:
    """The unit and year the cover prints beside 预算 / 决算 (the cover's lines are joined first,
    as a long name wraps: `2018 年度江苏省高级 / 人民法院预算公开`).

    >>> cover_name_and_year(["1", "江苏省高级人民法院", "2019 年度部门预算公开"])
    ('江苏省高级人民法院', 2019)
    >>> cover_name_and_year(["2018 年度江苏省高级", "人民法院预算公开", "2018 年 2 月 24 日"])
    ('江苏省高级人民法院', 2018)
    >>> cover_name_and_year(["上海市普陀区2025年区级单位预算"])
    (None, 2025)
    """
    text = re.sub(r"[区市省县]级", "", _compact("".join(cover))[:600])
    for pattern, name_group, year_group in ((_NAME_THEN_YEAR, 1, 2), (_YEAR_THEN_NAME, 2, 1)):
        for match in pattern.finditer(text):
            name = match.group(name_group)
            if name and not _REGION_ONLY.match(name) and not _NOT_A_NAME.match(name):
                return name, int(match.group(year_group))
    year = _YEAR.search(text)
    return None, int(year.group(1)) if year else None


def document_year(cover: list[str], titles: list[str]) -> int | None:
    """The budget year: the cover's, else the year most table titles print."""
    _, year = cover_name_and_year(cover)
    if year:
        return year
    years = Counter(int(m.group(1)) for title in titles for m in _YEAR.finditer(_compact(title)))
    return years.most_common(1)[0][0] if years else None


def document_kind(cover: list[str], titles: list[str], lines: list[str]) -> str | None:
    """unit_budget, department_budget or final_accounts, from what the document calls itself.

    >>> document_kind(["上海市普陀区财政局", "2024年度部门决算"], [], [])
    'final_accounts'
    >>> document_kind([], ["收支预算总表"], ["部门：江苏省政协办公厅 单位：万元"])
    'department_budget'
    """
    cover_text, title_text = _compact("".join(cover)), "".join(_compact(t) for t in titles)
    if "决算" in cover_text or "决算" in title_text:
        return "final_accounts"
    for named in (cover_text, title_text):  # the cover first: titles say 部门预算经济分类 in unit budgets
        for kind, word in (("unit_budget", "单位预算"), ("department_budget", "部门预算")):
            if word in named.replace("部门预算经济分类", ""):
                return kind
    labels = Counter(
        "department_budget" if label in _DEPARTMENT_LABELS else "unit_budget"
        for line in lines[:2000]
        for label in re.findall(rf"({_LABELS})[:：]", line[:400])
    )
    if labels:
        return labels.most_common(1)[0][0]
    words = Counter(
        "department_budget" if match.group(1) == "部门" else "unit_budget"
        for line in lines[:3000]
        for match in re.finditer(r"(部门|单位)(?:预算|概况|决算|机构)", line[:400])
    )
    return words.most_common(1)[0][0] if words else None


def unit_name(cover: list[str], lines: list[str]) -> str | None:
    """The unit: as labelled in the document, else as its cover names it."""
    return labelled_unit_name(lines[:3000]) or cover_name_and_year(cover)[0]
