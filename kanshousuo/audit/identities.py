"""Every accounting identity of the edge table, checked in one pass (PUDL's calculated totals).

`identities.csv` and `row_identities.csv` (`kanshousuo.catalog.identities`) state each identity as
rows of (parent, child, sign, scope). Here they are compiled against one document's figures into
instances (a parent figure and its signed children) and each instance is compared exactly:

1. the figures are indexed once (`FigureIndex`); each selector is evaluated once over the whole
   document and its figures bucketed by the identity's group key (table, table+column,
   table+row, code), a fallback (`A | B`) resolved within each group;
2. within a group, each parent gets the children its `match` allows (the same code, or the
   codes one level below);
3. each instance is a sum in the parent's unit, with the rounding tolerance of the printed
   summands (`compare`): equal is ok, within rounding a warning, beyond an error.

Structures that need row context the catalog cannot name (the sources of an income table printed
by source, the levels of a procurement table) add instances through `@instances` builders; they
are checked in the same pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np
import pandas as pd

from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.sums import figure_location
from kanshousuo.catalog.identities import Identity, identities
from kanshousuo.catalog.tables import table_ids
from kanshousuo.tables.select import FigureIndex, parse_selector
from kanshousuo.text.numbers import half_unit

SIDE_ROLES = ("total", "grand_total")
PURPOSE = "expenditure_purpose_amount"


@dataclass(frozen=True)
class Instance:
    """One identity applied to figures: parent position (None: printed blank), signed children."""

    identity: str
    check: str
    message: str
    parent: int | None
    children: tuple[tuple[int, int], ...]
    severity: str = "error"
    blank_like: int | None = None  # a blank parent is reported where this figure is printed
    only_if_exceeds: bool = False


Builder = Callable[[object, "IdentityContext"], list[Instance]]
BUILDERS: dict[str, Builder] = {}


def instances(name: str) -> Callable[[Builder], Builder]:
    """Register a builder of instances for a structure the edge table cannot name."""

    def register(builder: Builder) -> Builder:
        BUILDERS[name] = builder
        return builder

    return register


def identity_frame(amounts: pd.DataFrame) -> pd.DataFrame:
    """The figures identities are checked on: `doc.amounts`, plus the summary totals that serve
    a second column. A summary printing both expenditure sides (by function and by purpose)
    may print its totals once, in the purpose column; they then serve the functional columns
    too (`gcolumn` is the column a figure is matched in, `column` where it is printed)."""
    frame = amounts.reset_index(drop=True).assign(gcolumn=amounts["column"].to_numpy(), served=False)
    extra = []
    summaries = frame[frame["table"].isin(table_ids(rows="summary"))]
    for _table, figures in summaries.groupby("table", sort=False):
        columns = set(figures["column"]) - {"income_amount", PURPOSE}
        for column in sorted(columns):
            own = figures[figures["column"] == column]
            if not (own["role"] == "line").any():
                continue
            for role in SIDE_ROLES:
                if (own["role"] == role).any():
                    continue
                served = figures[(figures["column"] == PURPOSE) & (figures["role"] == role)]
                extra.append(served.assign(gcolumn=column, served=True))
    return pd.concat([frame, *extra], ignore_index=True) if extra else frame


@dataclass
class IdentityContext:
    """One document's figures, indexed, and what its identities may depend on."""

    index: FigureIndex
    records: list[dict[str, object]]
    administrative: bool
    phase: str
    all_income_appropriated: bool = True
    _parent_codes: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, amounts: pd.DataFrame, administrative: bool, phase: str) -> IdentityContext:
        frame = identity_frame(amounts)
        index = FigureIndex(frame, column_key="gcolumn")
        appropriated = _all_income_appropriated(amounts)
        return cls(index, frame.to_dict("records"), administrative, phase, appropriated)

    def parent_codes_in(self, table: str) -> set:
        """The codes some row of `table` hangs from (computed once per table)."""
        if table not in self._parent_codes:
            values = self.index.values("parent_code")
            self._parent_codes[table] = {values[p] for p in self.index.by_table.get(table, ())}
        return self._parent_codes[table]

    def keys(self, group: str) -> list[tuple | None]:
        """The group key of every figure (None where the key is blank, e.g. a figure without code)."""
        values = self.index.values
        if group == "":
            return [()] * len(self.records)
        parts = {"table": "table", "column": "gcolumn", "row": "row", "code": "code"}
        columns = [values(parts[p]) for p in group.split("+")]
        keys: list[tuple | None] = list(zip(*columns, strict=True))
        if group == "code":
            keys = [None if key[0] is None else key for key in keys]
        return keys


def _buckets(context: IdentityContext, selector_text: str, keys: list) -> dict[object, np.ndarray]:
    """Group key -> positions a selector names within that group (a fallback resolved per group)."""
    selector = parse_selector(selector_text)
    out: dict[object, np.ndarray] = {}
    for alternative in selector.alternatives:
        single = type(selector)(selector.text, (alternative,), False)
        found = context.index.select(single)
        grouped: dict[object, list[int]] = defaultdict(list)
        for position in found:
            if keys[position] is not None and keys[position] not in out:
                grouped[keys[position]].append(int(position))
        for key, positions in grouped.items():
            out[key] = np.array(positions[:1] if selector.first_only else positions)
    return out


def _applies(identity: Identity, context: IdentityContext) -> bool:
    if identity.scope not in ("all", context.phase):
        return False
    if identity.condition == "administrative":
        return context.administrative
    if identity.condition.startswith("not_administrative"):
        return not context.administrative
    if identity.condition == "all_income_appropriated":
        return context.all_income_appropriated
    return True


def _all_income_appropriated(amounts: pd.DataFrame) -> bool:
    """True when the summary's income total is the appropriation summary's: the appropriation
    summary then spends what the expenditure table spends (Jiangsu 2017/2018 print 其他资金 of
    15.00 / 80.00 spent beside it)."""

    def income_total(table: str) -> object:
        rows = amounts[(amounts["table"] == table) & (amounts["column"] == "income_amount")]
        for role in ("grand_total", "total"):
            found = rows[rows["role"] == role]
            if not found.empty:
                return found["amount"].iloc[0] * int(found["unit_factor"].iloc[0])
        return None

    total, appropriated = income_total("income_expenditure_summary"), income_total("appropriation_summary")
    return total is None or appropriated is None or total == appropriated


def _gate(context: IdentityContext, selector: str, group: str, keys: list) -> tuple[dict, bool]:
    """The buckets of a when/unless selector, and whether they are keyed by table (`table:`)."""
    if selector.startswith("table:"):
        return _buckets(context, selector.removeprefix("table:"), context.keys("table")), True
    return _buckets(context, selector, keys), False


def compile_identity(identity: Identity, context: IdentityContext) -> list[Instance]:
    """The instances of one identity in one document."""
    if not _applies(identity, context):
        return []
    keys = context.keys(identity.group)
    parents = _buckets(context, identity.parent, keys)
    children = [(_buckets(context, selector, keys), sign) for selector, sign in identity.children]
    when = _gate(context, identity.when, identity.group, keys) if identity.when else None
    unless = _gate(context, identity.unless, identity.group, keys) if identity.unless else None
    group_keys = set(parents)
    if identity.blank_parent:
        group_keys |= {key for buckets, _ in children for key in buckets}
    table_of = context.index.values("table")
    codes = context.index.values("code")
    parent_codes = context.index.values("parent_code")
    out = []
    for key in sorted(group_keys, key=_sort_key):
        found = parents.get(key, np.array([], dtype=int))
        if identity.each == "one" and len(found) != 1:
            continue
        if not _gated(key, found, when, unless, table_of):
            continue
        if not len(found):
            out += _blank_parent(identity, context, key, children)
            continue
        # children by the code they hang from (match=children) or carry (match=code), grouped
        # once per group: comparing every parent with every row is quadratic in a long table
        matched_by = parent_codes if identity.match == "children" else codes
        grouped = [(_group_by(buckets.get(key, ()), matched_by), sign) for buckets, sign in children]
        for parent in found:
            kids = []
            for (by_code, every), sign in grouped:
                if identity.match == "children":
                    positions = by_code.get(codes[parent], ()) if codes[parent] is not None else ()
                elif identity.match == "code":
                    positions = by_code.get(codes[parent], ())
                else:
                    positions = every
                kids += [(int(p), sign) for p in positions]
            if not kids and not _check_empty(identity, context, int(parent)):
                continue
            message = identity.message.format(code=codes[parent], column=context.records[parent]["gcolumn"])
            out.append(
                Instance(
                    identity.identity,
                    identity.check,
                    message,
                    int(parent),
                    tuple(kids),
                    identity.severity,
                    only_if_exceeds=identity.condition.endswith("exceeds"),
                )
            )
    return out


def _group_by(positions, values) -> tuple[dict, object]:
    """Positions grouped by their value, and the positions themselves."""
    grouped: dict = {}
    for p in positions:
        grouped.setdefault(values[p], []).append(p)
    return grouped, positions


def _sort_key(key: tuple) -> tuple:
    """Groups in a stable order: by table, then column or code (text), row (number)."""
    return tuple((v is None, v if isinstance(v, int | np.integer) else "" if v is None else str(v)) for v in key)


def _gated(key, found, when, unless, table_of) -> bool:
    for gate, wanted in ((when, True), (unless, False)):
        if gate is None:
            continue
        buckets, by_table = gate
        gate_key = (table_of[found[0]],) if by_table and len(found) else key
        if (gate_key in buckets) != wanted:
            return False
    return True


def _check_empty(identity: Identity, context: IdentityContext, parent: int) -> bool:
    """Whether a parent without children is still compared (against 0)."""
    if identity.empty == "check":
        return True
    if identity.empty == "elsewhere":
        record = context.records[parent]
        return record["code"] in context.parent_codes_in(record["table"])
    return False


def _blank_parent(identity, context, key, children) -> list[Instance]:
    """A row whose total is printed blank while its parts are printed (and not all 0)."""
    if not identity.blank_parent:
        return []
    total_column = parse_selector(identity.parent).alternatives[0].column
    row_positions = [p for buckets, _ in children for p in buckets.get(key, ())]
    table_positions = context.index.by_table.get(key[0], ())
    records = context.records
    if any(records[p]["row"] == key[1] and records[p]["column"] == total_column for p in table_positions):
        return []  # the total is printed (in a row the identity leaves out, such as carry-over)
    if not row_positions or all(context.records[p]["amount"] == 0 for p in row_positions):
        return []
    kids = tuple((int(p), sign) for buckets, sign in children for p in buckets.get(key, ()))
    return [
        Instance(
            identity.identity,
            identity.check,
            "行合计为空但分项有数 (row total blank, parts printed)",
            None,
            kids,
            identity.severity,
            blank_like=kids[0][0],
        )
    ]


def _where(records: Iterable[dict[str, object]]) -> str:
    return "; ".join(f"{r['table']} {r['source']} {r['label'] or r['code'] or ''} [{r['column']}]" for r in records)


def check_instance(instance: Instance, records: list[dict[str, object]]) -> Finding | None:
    """total = Σ sign·part, each part converted exactly (Decimal) to the total's unit; tolerance:
    half a unit of each part's last printed digit (plus the total's when units differ)."""
    if instance.parent is None:
        total = dict(records[instance.blank_like], amount=Decimal(0))
    else:
        total = records[instance.parent]
    factor = Decimal(int(total["unit_factor"]))
    actual, tolerance, mixed = Decimal(0), Decimal(0), False
    parts = []
    for position, sign in instance.children:
        part = records[position]
        parts.append(part)
        scale = Decimal(int(part["unit_factor"])) / factor
        mixed |= scale != 1
        value = part["amount"] * scale
        actual += value if sign == 1 else -value
        tolerance += half_unit(part["amount"]) * scale
    if mixed:
        tolerance += half_unit(total["amount"])
    if instance.only_if_exceeds and total["amount"] - actual <= tolerance:
        return None
    location = figure_location(total)
    finding = compare(
        instance.check, instance.message, _where([total, *parts]), total["amount"], actual, tolerance, location
    )
    if instance.severity != "error" and finding.severity == "error":
        finding = finding.with_severity(instance.severity)
    return replace(finding, subject=instance.identity, codes=_concerned_codes([total, *parts]))


def _concerned_codes(records: list[dict[str, object]]) -> frozenset[str]:
    """The codes of the figures an instance compares, with the class, 款 and row they belong to
    (a row total concerns its row's code; a figure without code, its table row)."""
    codes = set()
    for record in records:
        code = record.get("code")
        if isinstance(code, str):
            codes |= {code[:3], code[:5], code}
        else:
            codes.add(f"{record['table']}:{record['row']}")
    return frozenset(codes)


def check_identities(amounts: pd.DataFrame, administrative: bool, phase: str, doc=None) -> list[Finding]:
    """Every identity of the edge table and of the registered builders, checked in one pass."""
    context = IdentityContext.of(amounts, administrative, phase)
    found: list[Instance] = []
    for identity in identities():
        found += compile_identity(identity, context)
    for builder in BUILDERS.values():
        found += builder(doc, context)
    findings = [check_instance(instance, context.records) for instance in found]
    return [f for f in findings if f is not None]
