"""Classification names: functional classes (with their former names) and economic items."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class EconomicCode:
    """One code of an economic classification, with the years it is in force (inclusive; None
    for open) and what attests it (a document that prints it, a searched source, or knowledge)."""

    code: str
    name_zh: str
    scheme: str
    valid_from: int | None
    valid_to: int | None
    attested_by: str

    def in_force(self, year: int | None) -> bool:
        """True when the code has this meaning in `year` (any year when None)."""
        if year is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= year) and (self.valid_to is None or year <= self.valid_to)


@cache
def economic_codes() -> tuple[EconomicCode, ...]:
    """The economic classifications (部门预算支出经济分类, 政府预算支出经济分类) by year: the 2018
    reform moved 住房公积金 and 医疗费 from 303 to 301, so a 2017 document is read with the old."""
    rows = read_catalog(
        "economic_codes.csv",
        ("code", "name_zh", "scheme", "valid_from", "valid_to", "attested_by"),
        required=("code", "name_zh", "scheme", "attested_by"),
        choices={"scheme": ("department", "government"), "attested_by": ("document", "search", "knowledge")},
    )
    return tuple(
        EconomicCode(
            row["code"],
            row["name_zh"],
            row["scheme"],
            int(row["valid_from"]) if row["valid_from"] else None,
            int(row["valid_to"]) if row["valid_to"] else None,
            row["attested_by"],
        )
        for row in rows
    )


@cache
def economic_code_by_name(year: int | None = None) -> dict[str, str]:
    """Economic item name (department scheme) -> its code in force in `year` (the latest when None).

    >>> economic_code_by_name(2017)["住房公积金"], economic_code_by_name(2019)["住房公积金"]
    ('30311', '30113')
    """
    return {c.name_zh: c.code for c in economic_codes() if c.scheme == "department" and c.in_force(year)}


@cache
def economic_names(year: int | None = None, scheme: str = "department") -> dict[str, str]:
    """Economic code -> its name in force in `year` (the latest when None)."""
    return {c.code: c.name_zh for c in economic_codes() if c.scheme == scheme and c.in_force(year)}


@cache
def indicator_level_1() -> dict[str, str]:
    """Performance indicator level 2 (数量指标…) -> level 1 (产出指标…)."""
    rows = read_catalog("indicator_levels.csv", ("level_2", "level_1"), required=("level_2", "level_1"))
    return {row["level_2"]: row["level_1"] for row in rows}
