"""Classification names: functional classes (with their former names) and economic items."""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.files import read_catalog


@cache
def _functional_rows() -> list[dict[str, str]]:
    return read_catalog(
        "functional_classes.csv",
        ("code", "name_zh", "former_names", "renamed_in", "note"),
        required=("code", "name_zh"),
    )


@cache
def functional_classes() -> dict[str, str]:
    """Functional class code (类) -> its current name."""
    return {row["code"]: row["name_zh"] for row in _functional_rows()}


@cache
def former_class_names() -> dict[str, str]:
    """Former functional class name -> current name."""
    return {
        former: row["name_zh"] for row in _functional_rows() for former in filter(None, row["former_names"].split(";"))
    }


@cache
def renamed_in() -> dict[str, int]:
    """Former class name -> the first year its current name is official (where recorded).

    >>> renamed_in()["医疗卫生与计划生育支出"]
    2019
    """
    return {
        former: int(row["renamed_in"])
        for row in _functional_rows()
        if row["renamed_in"]
        for former in filter(None, row["former_names"].split(";"))
    }


@cache
def functional_class_by_name() -> dict[str, str]:
    """Current and former class names -> code; former names are how old documents cite them."""
    by_name = {name: code for code, name in functional_classes().items()}
    return by_name | {former: by_name[current] for former, current in former_class_names().items()}


@cache
def economic_code_by_name() -> dict[str, str]:
    """Economic classification name (department scheme, 部门预算支出经济分类) -> code."""
    rows = read_catalog(
        "economic_codes.csv",
        ("code", "name_zh", "scheme"),
        required=("code", "name_zh"),
        choices={"scheme": ("department", "government")},
    )
    return {row["name_zh"]: row["code"] for row in rows if row["scheme"] == "department"}


@cache
def indicator_level_1() -> dict[str, str]:
    """Performance indicator level 2 (数量指标…) -> level 1 (产出指标…)."""
    rows = read_catalog("indicator_levels.csv", ("level_2", "level_1"), required=("level_2", "level_1"))
    return {row["level_2"]: row["level_1"] for row in rows}
