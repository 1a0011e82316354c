"""The tables a disclosure prints: one catalog row each (`tables.csv`), and their titles (`table_titles.csv`).

Everything the code needs to know about a table is a column of its row in `tables.csv`: whether it
belongs to the standard set or is optional (and which standard table it may stand in for), the
phase (budget or final accounts), the codes its rows carry, whether it prints two labelled sides,
whether it may be printed wide, whether its rows nest by code, and how its rows are structured.
A table that is not recognised needs a new row here (or a title in `table_titles.csv`), not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kanshousuo.catalog.files import CatalogError, flag, read_catalog

TABLE_COLUMNS = (
    "table_id",
    "name_zh",
    "title_zh",
    "phase",
    "standard",
    "stands_in_for",
    "code_scheme",
    "sides",
    "wide",
    "split_from",
    "nests_by_code",
    "rows",
    "label_scope",
    "description",
)
ROW_STRUCTURES = ("lines", "summary", "items", "units", "projects", "sources", "procurement")


@dataclass(frozen=True)
class TableSpec:
    """One table of the catalog.

    Attributes:
        table_id: the id used in `doc.tables`, `amounts.table` and the file names.
        name_zh: its short Chinese name (机关运行经费); a wide table's column so headed is this table.
        title_zh: its title in the standard template (variants are in `table_titles.csv`).
        phase: `budget` (预算) or `final_accounts` (决算).
        standard: part of the standard set (reported in `tables_missing` when absent).
        stands_in_for: the standard table an optional layout replaces (income_by_source -> income).
        code_scheme: the codes its rows carry: functional, economic, revenue or none.
        sides: 2 for a table printing two labelled sides (income | expenditure), else 1.
        wide: the table may be printed wide (items as columns above one row of figures).
        split_from: the wide table whose columns under this table's name belong to this one.
        nests_by_code: its rows nest by code (类 = Σ款 = Σ项; an economic class = Σ its items).
        rows: how its rows are structured (lines, summary, items, units, projects, sources, procurement).
        label_scope: which label synonyms apply to its labels (`label_synonyms.csv` scope).
        description: what it holds, for the data package and the README.
    """

    table_id: str
    name_zh: str
    title_zh: str
    phase: str
    standard: bool
    stands_in_for: str | None
    code_scheme: str
    sides: int
    wide: bool
    split_from: str | None
    nests_by_code: bool
    rows: str
    label_scope: str
    description: str


@cache
def table_specs() -> dict[str, TableSpec]:
    """Every table of the catalog by id, in catalog order (checked: ids unique, references exist)."""
    rows = read_catalog(
        "tables.csv",
        TABLE_COLUMNS,
        required=("table_id", "name_zh", "title_zh", "description"),
        choices={
            "phase": ("budget", "final_accounts"),
            "standard": ("true", "false"),
            "code_scheme": ("functional", "economic", "revenue", "none"),
            "sides": ("1", "2"),
            "wide": ("true", "false"),
            "nests_by_code": ("true", "false"),
            "rows": ROW_STRUCTURES,
        },
    )
    specs: dict[str, TableSpec] = {}
    for row in rows:
        if row["table_id"] in specs:
            raise CatalogError(f"package_data/tables.csv: table {row['table_id']} is listed twice")
        specs[row["table_id"]] = TableSpec(
            table_id=row["table_id"],
            name_zh=row["name_zh"],
            title_zh=row["title_zh"],
            phase=row["phase"],
            standard=flag(row["standard"]),
            stands_in_for=row["stands_in_for"] or None,
            code_scheme=row["code_scheme"],
            sides=int(row["sides"]),
            wide=flag(row["wide"]),
            split_from=row["split_from"] or None,
            nests_by_code=flag(row["nests_by_code"]),
            rows=row["rows"],
            label_scope=row["label_scope"],
            description=row["description"],
        )
    for spec in specs.values():
        for reference in (spec.stands_in_for, spec.split_from):
            if reference and reference not in specs:
                raise CatalogError(f"package_data/tables.csv: {spec.table_id} refers to unknown table {reference}")
    return specs


def table_spec(table_id: str) -> TableSpec:
    """The catalog row of one table."""
    return table_specs()[table_id]


def table_ids(**where: object) -> tuple[str, ...]:
    """The ids of the tables whose attributes have the given values, in catalog order.

    >>> table_ids(code_scheme="economic", phase="budget")
    ('basic_expenditure_economic', 'operating_costs', 'appropriation_basic_economic')
    """
    return tuple(
        spec.table_id
        for spec in table_specs().values()
        if all(getattr(spec, key) == value for key, value in where.items())
    )


def standard_table_ids(phase: str = "budget") -> tuple[str, ...]:
    """The standard set of one phase, in the order the template prints it."""
    return table_ids(standard=True, phase=phase)


def optional_table_ids() -> dict[str, str | None]:
    """Tables some templates print besides the standard set -> the standard table each stands in for."""
    return {spec.table_id: spec.stands_in_for for spec in table_specs().values() if not spec.standard}


@cache
def table_titles() -> tuple[tuple[str, str], ...]:
    """(title as the catalog lists it, table id) for every title variant in `table_titles.csv`."""
    rows = read_catalog("table_titles.csv", ("table_id", "title_zh", "note"), required=("table_id", "title_zh"))
    specs = table_specs()
    unknown = sorted({row["table_id"] for row in rows} - set(specs))
    if unknown:
        raise CatalogError(f"package_data/table_titles.csv: titles of unknown tables {unknown}")
    return tuple((row["title_zh"], row["table_id"]) for row in rows)
