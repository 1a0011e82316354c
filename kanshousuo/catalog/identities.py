"""Accounting identities as data: an edge table of (parent, child, sign, scope), as PUDL states
its calculated totals.

- `row_identities.csv`: which columns of a row add up to its total, one CSV row per (table, total
  column, part column); the audit checks a row only where the table prints the total and a part.
- `identities.csv`: every other identity, one row per (identity, child): the parent and child
  figures are named by selectors (`kanshousuo.tables.select`), and the columns say within what
  the two are matched (the same table, column, row or code), what happens when no child is
  printed, the highest severity a mismatch gets and the documents it applies to (budget, final
  accounts or all). `kanshousuo.audit.identities` checks them all in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from kanshousuo.catalog.columns import column_specs
from kanshousuo.catalog.files import CatalogError, read_catalog
from kanshousuo.catalog.tables import table_specs


@cache
def row_identities() -> dict[str, tuple[str, tuple[str, ...]]]:
    """table id -> (total column, its part columns in order), checked against the column catalog."""
    rows = read_catalog(
        "row_identities.csv",
        ("table_id", "total_column", "part_column", "note"),
        required=("table_id", "total_column", "part_column"),
    )
    identities: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        table = row["table_id"]
        if table not in table_specs():
            raise CatalogError(f"package_data/row_identities.csv: unknown table {table}")
        known = {spec.column for spec in column_specs(table)}
        for column in (row["total_column"], row["part_column"]):
            if column not in known:
                raise CatalogError(f"package_data/row_identities.csv: {table} has no column {column} (columns.csv)")
        total, parts = identities.setdefault(table, (row["total_column"], []))
        if total != row["total_column"]:
            raise CatalogError(f"package_data/row_identities.csv: {table} has two total columns")
        parts.append(row["part_column"])
    return {table: (total, tuple(parts)) for table, (total, parts) in identities.items()}


IDENTITY_COLUMNS = (
    "identity",
    "check",
    "parent",
    "child",
    "sign",
    "group",
    "match",
    "each",
    "empty",
    "when",
    "unless",
    "condition",
    "severity",
    "scope",
    "message",
)
GROUPS = ("", "table", "table+column", "table+row", "code")
SCOPES = ("budget", "final_accounts", "all")
CONDITIONS = ("", "administrative", "not_administrative+exceeds", "all_income_appropriated")


@dataclass(frozen=True)
class Identity:
    """One accounting identity: a parent figure equals the signed sum of its children.

    Attributes:
        identity: its name (rows of `identities.csv` with the same name are one identity).
        check: the finding's check (hierarchy, summary, cross_table …).
        parent: selector of the parent figures (`kanshousuo.tables.select`).
        children: (selector, sign) per child row, in the order they are listed.
        group: the figures a parent is compared within: its table, table+column, table+row or
            code (the same code in other tables); blank: the whole document.
        match: `children` (child.parent_code = parent.code) or `code` (the same code), or blank.
        each: `each` parent is checked, or `one` (only when exactly one parent is printed).
        empty: no child printed: `skip`, `check` against 0, or `elsewhere` (against 0 when the
            table prints children of the parent in another column).
        when, unless: a selector that must (not) select anything in the group (`table:` prefix:
            in the parent's table) for the identity to apply.
        condition: what the document must say (`administrative` …), or blank.
        severity: the highest severity a mismatch gets (warning/info for conventional links).
        scope: budget, final_accounts or all: the documents the identity applies to.
        message: the finding's message ({code}, {column} filled in).
        blank_parent: a blank parent is compared as 0 when its children are printed and not all 0.
    """

    identity: str
    check: str
    parent: str
    children: tuple[tuple[str, int], ...]
    group: str
    match: str
    each: str
    empty: str
    when: str
    unless: str
    condition: str
    severity: str
    scope: str
    message: str
    blank_parent: bool = False


@cache
def identities() -> tuple[Identity, ...]:
    """Every identity: the row totals of `row_identities.csv` first, then `identities.csv`, in order."""
    rows = read_catalog(
        "identities.csv",
        IDENTITY_COLUMNS,
        required=("identity", "check", "parent", "child", "sign", "each", "empty", "severity", "scope", "message"),
        choices={
            "sign": ("1", "-1"),
            "group": GROUPS,
            "match": ("", "children", "code"),
            "each": ("each", "one"),
            "empty": ("skip", "check", "elsewhere"),
            "condition": CONDITIONS,
            "severity": ("error", "warning", "info"),
            "scope": SCOPES,
        },
    )
    found: dict[str, Identity] = {}
    for row in rows:
        child = (row["child"], int(row["sign"]))
        known = found.get(row["identity"])
        if known is None:
            found[row["identity"]] = Identity(
                row["identity"],
                row["check"],
                row["parent"],
                (child,),
                row["group"],
                row["match"],
                row["each"],
                row["empty"],
                row["when"],
                row["unless"],
                row["condition"],
                row["severity"],
                row["scope"],
                row["message"],
            )
            continue
        same = {k: v for k, v in row.items() if k not in ("child", "sign")}
        if any(getattr(known, key) != value for key, value in same.items() if key != "identity"):
            raise CatalogError(f"package_data/identities.csv: rows of {row['identity']} differ beyond their child")
        found[row["identity"]] = replace(known, children=(*known.children, child))
    return (*_row_total_identities(), *found.values())


def _row_total_identities() -> list[Identity]:
    """`row_identities.csv` as identities: in each row, the total column = Σ its part columns."""
    out = []
    for table, (total, parts) in row_identities().items():
        message = f"行合计等于各分项之和 (row total = sum of its parts: {' + '.join(parts)})"
        out.append(
            Identity(
                identity=f"row_total:{table}",
                check="row_total",
                parent=f"{table}.{total}[role!=carryover;served!=True]",
                children=tuple((f"{table}.{part}[served!=True]", 1) for part in parts),
                group="table+row",
                match="",
                each="each",
                empty="skip",
                when="",
                unless="",
                condition="",
                severity="error",
                scope="all",
                message=message,
                blank_parent=True,
            )
        )
    return out
