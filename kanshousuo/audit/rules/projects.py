"""Project tables: unit = Σ projects, department = Σ units, total = Σ rows."""

from __future__ import annotations

from kanshousuo.audit.findings import Finding
from kanshousuo.audit.registry import rule
from kanshousuo.audit.sums import figures_of, sum_check
from kanshousuo.catalog.tables import table_ids


@rule(order=70)
def check_project_hierarchy(doc) -> list[Finding]:
    """Unit row = Σ its projects; department row = Σ its units (never both counted)."""
    amounts = doc.amounts
    findings = []
    for table in (*table_ids(rows="projects"), *table_ids(rows="units")):
        figures = amounts[amounts["table"] == table]
        for column in sorted(set(figures["column"])):
            projects = figures_of(figures, column, role="project")
            units = figures_of(figures, column, role="unit")
            for unit in units:
                findings.append(
                    sum_check("project_hierarchy", unit, projects, "单位行等于其项目之和 (unit = Σ projects)")
                )
            for department in figures_of(figures, column, role="department"):
                findings.append(
                    sum_check("project_hierarchy", department, units, "主管部门行等于其单位之和 (department = Σ units)")
                )
            lines = figures_of(figures, column, role="line")
            if any(isinstance(r["code"], str) for r in lines):  # rows by economic code: classes only
                lines = [r for r in lines if r["code_level"] == "class"]
            for total in figures_of(figures, column, role="total") if units or lines else []:
                findings.append(
                    sum_check(
                        "project_hierarchy",
                        total,
                        units or lines,
                        "合计等于各行之和 (total = Σ rows)",
                    )
                )
    return findings
