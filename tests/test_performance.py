"""Performance-target tables: projects, indicators, quantities."""

from decimal import Decimal

import pytest


@pytest.mark.parametrize(
    ("project", "implementation", "annual"),
    [
        ("被监管人员体检及疾病诊疗等医疗服务", 1380000, 1030500),
        ("编外聘用人员经费", 1034000, 660000),
        ("警务辅助人员经费", 1171700, 1171700),
        ("拘役收教场所管理经费", 1130000, 554800),
        ("在押人员给养费", 1210000, 319600),
        ("专项设备购置费", 9990000, 1280700),
    ],
)
def test_performance__pins_funds_per_project(seed, project, implementation, annual):
    row = seed.performance.projects.set_index("project").loc[project]
    assert row["implementation_funds_yuan"] == Decimal(implementation)
    assert row["annual_funds_yuan"] == Decimal(annual)
    assert row["department_code"] == "205"


def test_performance__six_projects_and_the_equipment_project_once(seed):
    projects = seed.performance.projects
    assert len(projects) == 6
    assert projects.set_index("project").loc["专项设备购置费", "pages"] == 4


def test_performance__period_wrapped_onto_next_row(seed):
    assert seed.performance.projects.set_index("project").loc["在押人员给养费", "period"] == "99年"


@pytest.mark.parametrize(
    ("project", "horizon", "level_2", "level_3", "value", "operator", "number"),
    [
        ("被监管人员体检及疾病诊疗等医疗服务", "年度", "数量指标", "医疗团队总人数", "8人", None, 8),
        ("被监管人员体检及疾病诊疗等医疗服务", "实施期", "质量指标", "医疗团队工作能力", "胜任", None, None),
        ("被监管人员体检及疾病诊疗等医疗服务", "年度", "服务对象满意度", "服务对象满意度", "≥90%", "≥", 90),
        ("在押人员给养费", "年度", "数量指标", "保障在押人员数", "<90人", "<", 90),
        ("警务辅助人员经费", "实施期", "服务对象满意度", "民警对警务辅助人员工作满意度调查", ">85%", ">", 85),
        ("专项设备购置费", "年度", "成本指标", "专用设备成本", "≤10000000元", "≤", 10000000),
        ("专项设备购置费", "年度", "服务对象满意度", "民警满意度", "≥90%", "≥", 90),
    ],
)
def test_performance__pins_indicators(seed, project, horizon, level_2, level_3, value, operator, number):
    ind = seed.performance.indicators
    row = ind[(ind.project == project) & (ind.horizon == horizon) & (ind.level_2 == level_2) & (ind.level_3 == level_3)]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["value"] == value
    assert (row["operator"] if isinstance(row["operator"], str) else None) == operator
    assert (None if row["number"] is None else int(row["number"])) == number


def test_performance__keeps_empty_slots_and_flags_stutters(seed):
    ind = seed.performance.indicators
    medical = ind[ind.project == "被监管人员体检及疾病诊疗等医疗服务"]
    assert len(medical) == 18  # 9 level-2 slots x 2 horizons, empty ones kept
    assert medical["is_empty"].sum() == 8  # 成本, 经济效益, 生态效益, 可持续影响 in both horizons
    assert medical["stuttered"].sum() == 4
    assert medical["level_1"].value_counts().to_dict() == {"效益指标": 8, "产出指标": 8, "满意度指标": 2}


def test_quantities__recover_feeding_standards(seed):
    q = seed.performance.quantities
    feeding = q[(q.project == "在押人员给养费") & (q.field == "overview")]
    found = {(str(r.number), r.unit) for r in feeding.itertuples()}
    assert {
        ("70", "人"),
        ("260", "元/人/月"),
        ("155", "元/人/年"),
        ("20", "元/人/月"),
        ("40", "元/人/月"),
        ("50", "m³/天"),
        ("3.5", "元/m³"),
        ("3", "人"),
        ("3000", "元/人/月"),
        ("45.6", "万元"),
        ("17.1", "万元"),
    } <= found
    food = feeding[(feeding.unit == "元/人/月") & (feeding["item"] == "伙食费")]
    assert food["number"].tolist() == [Decimal(260)]


def test_quantities__staff_pay_standards(seed):
    q = seed.performance.quantities
    contract = q[(q.project == "编外聘用人员经费") & (q.unit == "万元/人/年") & (q.field == "basis")]
    assert dict(zip(contract["item"], contract["number"], strict=True)) == {
        "辅助工作类": Decimal(5),
        "技术支持类": Decimal("5.5"),
        "工勤服务人员": Decimal("3.5"),
        "工勤技能人员": Decimal("5.5"),
    }


def test_performance__fixture_with_shifted_columns_and_continuation(fixture_doc):
    projects = fixture_doc.performance.projects.set_index("project")
    assert list(projects.index) == ["水环境质量监测", "生态环境保护宣传教育"]
    water = projects.loc["水环境质量监测"]
    assert (water["annual_funds_yuan"], water["annual_local_yuan"], water["annual_self_raised_yuan"]) == (
        Decimal(12800000),
        Decimal(12000000),
        Decimal(800000),
    )
    assert water["pages"] == 2
    ind = fixture_doc.performance.indicators
    assert ind[ind.project == "水环境质量监测"]["level_2"].tolist() == [
        "数量指标",
        "数量指标",
        "质量指标",
        "质量指标",
        "社会效益",
        "社会效益",
        "服务对象满意度",
        "服务对象满意度",
    ]


def test_performance__document_without_targets_gives_empty_tables(tmp_path):
    from kanshousuo import read_disclosure
    from tests.conftest import SEED

    lines = SEED.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if "绩效目标表" in line and "\t" not in line)
    path = tmp_path / "no-targets.txt"
    path.write_text("\n".join(lines[:cut]), encoding="utf-8")
    targets = read_disclosure(path).performance
    assert targets.projects.empty and targets.indicators.empty and targets.quantities.empty
