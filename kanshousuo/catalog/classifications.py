"""Classification names: functional classes (with their former names) and economic items."""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.files import read_package_csv


@cache
def functional_classes() -> dict[str, str]:
    """Functional class code (类) -> its current name."""
    return {row["code"]: row["name_zh"] for row in read_package_csv("functional_classes.csv")}


@cache
def former_class_names() -> dict[str, str]:
    """Former functional class name -> current name."""
    return {
        former: row["name_zh"]
        for row in read_package_csv("functional_classes.csv")
        for former in filter(None, row["former_names"].split(";"))
    }


@cache
def functional_class_by_name() -> dict[str, str]:
    """Current and former class names -> code; former names are how old documents cite them."""
    by_name = {name: code for code, name in functional_classes().items()}
    return by_name | {former: by_name[current] for former, current in former_class_names().items()}


@cache
def economic_code_by_name() -> dict[str, str]:
    """Economic classification name (department scheme) -> code."""
    return {row["name_zh"]: row["code"] for row in read_package_csv("economic_codes.csv")}


@cache
def indicator_level_1() -> dict[str, str]:
    """Performance indicator level 2 (数量指标…) -> level 1 (产出指标…)."""
    return {row["level_2"]: row["level_1"] for row in read_package_csv("indicator_levels.csv")}
