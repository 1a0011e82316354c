"""The package's shape: stages import only stages below them, no import cycle, every catalog
readable, every subpackage in the wheel."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "kanshousuo"
# the order data flows in; a module may import from its own stage or an earlier one
STAGES = [
    ("errors", "document"),
    ("catalog",),
    ("text",),
    ("sources",),
    ("layouts",),
    ("tables",),
    ("targets",),
    ("claims",),
    ("audit",),
    ("pipeline", ""),  # "" is the package itself: `from kanshousuo import read_disclosure`
    ("analysis",),
    ("publish",),
    ("corpus",),
    ("cli", "__main__"),
]
RANK = {stage: rank for rank, names in enumerate(STAGES) for stage in names}


def stage_of(module: str) -> str:
    """`kanshousuo.audit.rules.summary` -> `audit`; `kanshousuo` -> ``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def imports_of(source: str, module: str, is_package: bool) -> set[str]:
    """Every kanshousuo module a source imports, at module level or inside functions (imports
    under `if TYPE_CHECKING:` are annotations only and do not count)."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
    return {name for name in found if name == "kanshousuo" or name.startswith("kanshousuo.")}


def import_graph(modules: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """module -> the kanshousuo modules it imports, for {module: (source, is_package)}."""
    return {name: imports_of(source, name, is_package) for name, (source, is_package) in modules.items()}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports from a later stage into an earlier one (the package facade may import anything)."""
    problems = []
    for module, targets in graph.items():
        if module == "kanshousuo":
            continue
        for target in targets:
            if RANK[stage_of(target)] > RANK[stage_of(module)]:
                problems.append(f"{module} ({stage_of(module)}) imports {target} ({stage_of(target)})")
    return sorted(problems)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (depth-first search)."""
    found, state, path = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target) :] + [target])
            elif target in graph and target not in state:
                visit(target)
        path.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def package_modules() -> dict[str, tuple[str, bool]]:
    return {
        module_name(path): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in PACKAGE.rglob("*.py")
    }


def test_every_module_belongs_to_a_known_stage():
    unknown = sorted({stage_of(m) for m in package_modules()} - set(RANK))
    assert unknown == []


def test_no_stage_imports_from_a_later_stage():
    assert upward_imports(import_graph(package_modules())) == []


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph(package_modules())) == []


def test_the_checks_catch_an_upward_import_and_a_cycle():
    """The two checks above can fail: a source that imports the audit, and two modules that
    import each other."""
    planted = {
        "kanshousuo.sources.odd": ("from kanshousuo.audit import audit_disclosure\n", False),
        "kanshousuo.text.a": ("import kanshousuo.text.b\n", False),
        "kanshousuo.text.b": ("def f():\n    from kanshousuo.text import a\n", False),
        "kanshousuo.text.c": (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kanshousuo.audit\n",
            False,
        ),
    }
    graph = import_graph(planted)
    assert upward_imports(graph) == ["kanshousuo.sources.odd (sources) imports kanshousuo.audit (audit)"]
    assert graph["kanshousuo.text.b"] == {"kanshousuo.text"}
    graph["kanshousuo.text.b"] = {"kanshousuo.text.a"}
    assert cycles(graph) == [["kanshousuo.text.a", "kanshousuo.text.b", "kanshousuo.text.a"]]


def test_every_catalog_loads_and_is_checked():
    from kanshousuo.catalog import classifications, columns, fields, identities, synonyms, tables

    assert len(tables.table_specs()) >= 17
    assert all(columns.column_specs(t) for t in tables.table_specs())
    assert identities.row_identities()["expenditure"][0] == "total"
    assert synonyms.label_synonyms("three_public")["购置费"] == "公务用车购置费"
    assert classifications.economic_code_by_name()["基本工资"] == "30101"
    assert {row["field"] for row in fields.field_rows("amounts")} >= {"doc_id", "amount", "code"}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"a": "1", "b": "x"}], "b='x' is not one of"),
        ([{"a": "", "b": "yes"}], "line 2: a is empty"),
        ([{"a": "1", "b": "yes", "c": "?"}], "columns ['a', 'b', 'c'], expected ['a', 'b']"),
        ([{"a": "1", "b": "yes", None: ["more"]}], "more cells than columns"),
    ],
)
def test_a_catalog_row_of_the_wrong_shape_is_one_clear_error(rows, message):
    from kanshousuo.catalog.files import CatalogError, read_catalog

    with pytest.raises(CatalogError, match=message.replace("[", r"\[").replace("]", r"\]").replace("?", r"\?")):
        read_catalog("t.csv", ["a", "b"], required=["a"], choices={"b": ["yes", "no"]}, rows=rows)


def table_id_lists(source: str, ids: set[str]) -> list[str]:
    """Literal tuples, lists or sets of two or more catalog table ids in a source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(values) == len(node.elts) and set(values) <= ids:
                found.append(ast.unparse(node))
    return found


def test_only_tables_csv_says_what_kind_a_table_is():
    """No module lists table ids to say which are economic, two-sided, wide, optional or final
    accounts: those facts are columns of tables.csv. (Audit rules name the tables an identity
    relates, which is the rule itself.)"""
    from kanshousuo.catalog.tables import table_specs

    ids = set(table_specs())
    offenders = {
        str(path.relative_to(ROOT)): table_id_lists(path.read_text(encoding="utf-8"), ids)
        for path in PACKAGE.rglob("*.py")
        if "audit/rules" not in path.as_posix()
    }
    assert {path: lists for path, lists in offenders.items() if lists} == {}
    assert table_id_lists('ECONOMIC = ("basic_expenditure_economic", "operating_costs")', ids)  # it can fail


def test_pyproject_packages_every_subpackage():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == ["kanshousuo*"]
    assert "package_data/*.csv" in config["package-data"]["kanshousuo"]
    subpackages = {p.parent.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("__init__.py")}
    assert {"kanshousuo/audit/rules", "kanshousuo/sources/pdf", "kanshousuo/catalog"} <= subpackages


def test_a_rule_added_in_one_place_runs_in_the_audit(tmp_path):
    """The README's recipe: a function decorated with @rule is run by audit_disclosure."""
    from kanshousuo import read_disclosure
    from kanshousuo.audit import audit_disclosure
    from kanshousuo.audit.findings import Finding
    from kanshousuo.audit.registry import RULES, rule
    from kanshousuo.audit.sums import figure_location
    from tests.conftest import SEED

    @rule(order=65)
    def check_operating_costs_positive(doc) -> list[Finding]:
        rows = doc.amounts[(doc.amounts["table"] == "operating_costs") & (doc.amounts["amount"] > 0)]
        return [
            Finding(
                "operating_costs", "info", "ok", "机关运行经费为正 (positive)", r.source, location=figure_location(r)
            )
            for _, r in rows.iterrows()
        ]

    try:
        findings = audit_disclosure(read_disclosure(SEED))
    finally:
        del RULES["check_operating_costs_positive"]
    added = findings[findings["check"] == "operating_costs"]
    assert len(added) >= 1 and set(added["table"]) == {"operating_costs"}
