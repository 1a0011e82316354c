"""Parse project performance-target tables (项目支出绩效目标表) into projects, indicators, quantities.

The tables are irregular: columns shift from one project to the next, a project continues over
several pages with its header block repeated, values are stuttered or wrapped. So the parser
anchors on labels, never on positions: a field's value is the next non-empty cell after its
label, and an indicator is the run of cells after a level-2 label (数量指标, 社会效益…). Pages
of one project are merged by normalised name; indicators printed twice are kept once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from kanshousuo.catalog.classifications import indicator_level_1
from kanshousuo.sources.blocks import Row, TargetBlock
from kanshousuo.targets.quantities import quantities_frame
from kanshousuo.targets.values import parse_indicator_value
from kanshousuo.text.labels import clean_text, normalize_name
from kanshousuo.text.numbers import AmountError, parse_amount

TEXT_FIELDS = {
    "项目概况": "overview",
    "立项依据": "basis",
    "项目设立必要性": "necessity",
    "保证项目实施的制度、措施": "safeguards",
    "项目实施计划": "plan",
}

FUND_SOURCES = {
    "中央财政资金": "central",
    "省级财政资金": "provincial",
    "市县(区)财政资金": "local",
    "市县(区)财政资": "local",
    "单位自筹": "self_raised",
    "其他资金": "other",
}

LEVEL_1 = ("产出指标", "效益指标", "满意度指标", "成本指标")

PROJECT_COLUMNS = [
    "project",
    "project_raw",
    "department_code",
    "department",
    "implementing_unit",
    "project_type",
    "period",
    "implementation_funds_yuan",
    "annual_funds_yuan",
    *[f"{h}_{s}_yuan" for h in ("implementation", "annual") for s in dict.fromkeys(FUND_SOURCES.values())],
    *TEXT_FIELDS.values(),
    "goal_implementation",
    "goal_annual",
    "filled_date",
    "pages",
    "lines",
    "conflicts",
]

INDICATOR_COLUMNS = [
    "project",
    "horizon",
    "level_1",
    "level_1_printed",
    "level_2",
    "level_3",
    "value_raw",
    "value",
    "operator",
    "number",
    "value_unit",
    "qualitative",
    "is_empty",
    "stuttered",
    "line",
]


@dataclass
class PerformanceTargets:
    """The three tidy tables of a document's performance targets."""

    projects: pd.DataFrame
    indicators: pd.DataFrame
    quantities: pd.DataFrame


@dataclass
class _Project:
    name_raw: str
    fields: dict[str, object] = field(default_factory=dict)
    indicators: list[dict[str, object]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    blocks: int = 0
    conflicts: list[str] = field(default_factory=list)

    def set(self, key: str, value: object) -> None:
        """Keep the first value printed for a field; a different later value is a conflict."""
        if value in (None, ""):
            return
        old = self.fields.get(key)
        if old in (None, ""):
            self.fields[key] = value
        elif old != value and key.endswith("_yuan"):
            self.conflicts.append(f"{key}: {old} vs {value}")


def _cells(row: Row) -> list[str]:
    return [clean_text(c) for c in row.cells]


def _key(cell: str) -> str:
    return re.sub(r"[:：\s]", "", cell)


def _after(cells: list[str], index: int, skip_labels: set[str] | None = None) -> tuple[int, str]:
    """The next non-empty cell after `index` (its position and text)."""
    for j in range(index + 1, len(cells)):
        if cells[j] and (not skip_labels or _key(cells[j]) not in skip_labels):
            return j, cells[j]
    return -1, ""


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except AmountError:
        return None


def _indicators_from_row(cells: list[str], line: int, second_column: int | None) -> list[dict[str, object]]:
    """Indicators in one printed row: each starts at a level-2 label (数量指标, 社会效益…)."""
    levels = indicator_level_1()
    anchors: list[int] = []
    for j, cell in enumerate(cells):
        if normalize_name(cell, "indicator") in levels and not (anchors and anchors[-1] == j - 1):
            anchors.append(j)  # a label right after an anchor is the level-3 name (服务对象满意度 twice)
    printed_l1 = (
        next(
            (normalize_name(c, "indicator") for c in cells[: anchors[0]] if normalize_name(c, "indicator") in LEVEL_1),
            None,
        )
        if anchors
        else None
    )
    found = []
    for position, start in enumerate(anchors):
        end = anchors[position + 1] if position + 1 < len(anchors) else len(cells)
        values = [c for c in cells[start + 1 : end] if c and normalize_name(c, "indicator") not in LEVEL_1]
        level_3 = values[0] if values else ""
        value = values[-1] if len(values) > 1 else ""
        if len(anchors) > 1:
            horizon = "实施期" if position == 0 else "年度"
        else:
            horizon = "年度" if second_column is not None and start >= second_column else "实施期"
        level_2 = normalize_name(cells[start], "indicator")
        found.append(
            {
                "horizon": horizon,
                "level_1": levels[level_2],
                "level_1_printed": printed_l1,
                "level_2": level_2,
                "level_3": level_3,
                **parse_indicator_value(value),
                "line": line,
            }
        )
    return found


def _parse_block(rows: list[Row]) -> tuple[str, _Project] | None:
    project: _Project | None = None
    second_column: int | None = None
    period_pending = False
    fund_labels = {_key(k) for k in FUND_SOURCES} | {"其中" + _key(k) for k in FUND_SOURCES}
    for row in rows:
        cells = _cells(row)
        keys = [_key(c) for c in cells]
        if "项目名称" in keys:
            _, name = _after(cells, keys.index("项目名称"))
            project = _Project(name_raw=name)
        if project is None:
            continue
        project.lines.append(row.line)
        filled = [c for c in cells if c]
        if period_pending and len(filled) == 1:
            project.set("period", filled[0])  # 项目期 whose value wrapped onto the next printed row
        period_pending = False
        for j, key in enumerate(keys):
            if key.startswith("主管部门"):
                _, value = _after(cells, j)
                code, _, dept = value.partition("-")
                project.set("department_code", code.strip() if code.strip().isdigit() else None)
                project.set("department", dept.strip() if code.strip().isdigit() else value)
            elif key.startswith("实施单位"):
                value = cells[j].split(maxsplit=1)[1] if " " in cells[j] else _after(cells, j)[1]
                project.set("implementing_unit", value)
            elif key == "项目属性":
                project.set("project_type", _after(cells, j, {"项目期"})[1])
            elif key.startswith("项目期"):
                inline = cells[j].split(maxsplit=1)[1] if " " in cells[j] else ""
                project.set("period", inline or _after(cells, j)[1])
                period_pending = "period" not in project.fields
            elif key.startswith(("实施期资金总额", "年度资金总额")):
                horizon = "implementation" if key.startswith("实施期") else "annual"
                project.set(f"{horizon}_funds_yuan", _amount(_after(cells, j)[1]))
            elif key in fund_labels:
                source = FUND_SOURCES.get(key.removeprefix("其中"), "other")
                seen = [k for k in keys[:j] if k in fund_labels]
                horizon = "implementation" if not seen else "annual"
                position, value = _after(cells, j)
                value_amount = _amount(value) if position >= 0 and _key(value) not in fund_labels else None
                project.set(f"{horizon}_{source}_yuan", value_amount)
            elif key in TEXT_FIELDS:
                project.set(TEXT_FIELDS[key], _after(cells, j)[1])
            elif key == "总体目标":
                first, goal = _after(cells, j)
                project.set("goal_implementation", goal)
                project.set("goal_annual", _after(cells, first)[1] if first >= 0 else "")
            elif key.startswith("填报日期"):
                stamp = _after(cells, j)[1]
                if re.fullmatch(r"\d{8,14}", stamp):
                    project.set("filled_date", f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}")
        if keys.count("二级指标") >= 2:
            second_column = [i for i, k in enumerate(keys) if k == "二级指标"][1]
        project.indicators.extend(_indicators_from_row(cells, row.line, second_column))
    if project is None:
        return None
    return normalize_name(project.name_raw, "project"), project


def parse_target_blocks(blocks: list[list[Row]]) -> dict[str, _Project]:
    """Merge the printed blocks into projects, keyed by normalised name, in order of appearance."""
    projects: dict[str, _Project] = {}
    for rows in blocks:
        parsed = _parse_block(rows)
        if parsed is None:
            continue
        name, block_project = parsed
        project = projects.setdefault(name, _Project(name_raw=block_project.name_raw))
        project.blocks += 1
        for key, value in block_project.fields.items():
            project.set(key, value)
        project.conflicts.extend(block_project.conflicts)
        project.lines.extend(block_project.lines)
        seen = {_indicator_key(i) for i in project.indicators}
        for indicator in block_project.indicators:
            if _indicator_key(indicator) not in seen:
                project.indicators.append(indicator)
                seen.add(_indicator_key(indicator))
    return projects


def _indicator_key(indicator: dict[str, object]) -> tuple[object, ...]:
    return (indicator["horizon"], indicator["level_2"], indicator["level_3"], indicator["value"])


def parse_targets(targets: list[TargetBlock]) -> PerformanceTargets:
    """The performance targets of a disclosure's target blocks (empty tables when it prints none)."""
    blocks = [block.rows for block in targets]
    projects = parse_target_blocks(blocks)
    project_rows, indicator_rows, quantity_frames = [], [], []
    for name, project in projects.items():
        lines = sorted(set(project.lines))
        project_rows.append(
            {
                "project": name,
                "project_raw": project.name_raw,
                **project.fields,
                "pages": project.blocks,
                "lines": f"{lines[0]}-{lines[-1]}" if lines else "",
                "conflicts": "; ".join(project.conflicts) or None,
            }
        )
        indicator_rows.extend({"project": name, **i} for i in project.indicators)
        for text_field in (*TEXT_FIELDS.values(), "goal_implementation", "goal_annual"):
            text = project.fields.get(text_field)
            if text:
                quantity_frames.append(quantities_frame(str(text), project=name, field=text_field))
    quantities = (
        pd.concat(quantity_frames, ignore_index=True)
        if quantity_frames
        else quantities_frame("", project=None, field=None)
    )
    return PerformanceTargets(
        projects=pd.DataFrame(project_rows, columns=PROJECT_COLUMNS),
        indicators=pd.DataFrame(indicator_rows, columns=INDICATOR_COLUMNS),
        quantities=quantities,
    )
