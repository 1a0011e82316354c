"""The notebooks' corrected statements, pinned on the package functions that compute them.

Expected figures are typed from the printed Shanxi text (line numbers in the comments), never
copied from the code's output; a derived figure is written as the arithmetic on printed ones.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from kanshousuo import read_disclosure
from kanshousuo.analysis import change, costs, narrative, projects, reasons, staffing
from tests.conftest import SEED

D = Decimal


# --- 在押人员给养费: the allocation against the whole stated need ---------------------------------


def test_feeding_need__has_two_numbered_parts_and_the_allocation_pays_for_both(seed):
    plan = costs.feeding_plan(seed)
    # line 592: "1.生活补助45.6万元 … 2.医疗补助费80万元"
    assert list(zip(plan.stated_parts["part"], plan.stated_parts["stated_wan"], strict=True)) == [
        ("生活补助", D("45.6")),
        ("医疗补助费", D("80")),
    ]
    assert plan.overview_source == "line 592"
    coverage = costs.feeding_coverage(plan, days=365)
    assert coverage.stated_need_wan == D("125.6")
    assert (coverage.allocation_wan, coverage.allocation_source) == (D("31.96"), "line 354")  # 项目支出表
    assert coverage.share_of_stated_need == D("31.96") / D("125.6")  # about a quarter, not 70.8%


def test_feeding_coverage__of_the_living_standards_alone_is_only_an_upper_bound(seed):
    coverage = costs.feeding_coverage(costs.feeding_plan(seed), days=365)
    # line 592, 70 detainees: 伙食费 260元/月, 衣被费 155元/年, 医疗费 20元/月, 公杂费 40元/月,
    # gas 50 m³/天 × 3.5元, 3 cooks × 3000元/月
    living_yuan = 260 * 70 * 12 + 155 * 70 + 20 * 70 * 12 + 40 * 70 * 12 + D("50") * D("3.5") * 365 + 3 * 3000 * 12
    assert coverage.living_recomputed_wan == living_yuan / 10000
    assert coverage.upper_bound_share_of_living == D("31.96") / (living_yuan / 10000)
    assert coverage.share_of_stated_need < coverage.upper_bound_share_of_living


def test_per_detainee_day__the_allocation_is_money_for_all_purposes_not_a_feeding_cost(seed):
    views = costs.per_detainee_day(costs.feeding_plan(seed), days=365).set_index("basis")
    assert views.at["allocation_all_purposes", "yuan_per_day"] == D(319600) / 70 / 365  # 31.96万元
    assert views.at["food_standard", "yuan_per_day"] == D(260) * 12 / 365
    assert views.at["food_standard", "component"] == "伙食费"
    assert set(views.index) == {"standards", "food_standard", "allocation_all_purposes"}


def test_wider_views__say_whom_each_project_serves_and_flag_medical_counted_twice(seed):
    views = costs.wider_views(seed, costs.feeding_plan(seed)).set_index("view")
    assert views.at["feeding", "amount_wan"] == D("31.96")
    assert views.at["medical", "amount_wan"] == D("103.05")  # line 355
    assert views.at["short_sentence", "amount_wan"] == D("55.48")  # line 357
    assert views.at["whole_unit", "amount_wan"] == D("2551.79")  # line 115
    assert views.at["feeding", "population_count"] == "stated"
    assert (views.drop("feeding")["population_count"] == "not_printed").all()
    assert views["may_double_count_medical"].tolist() == [False, True, False, False]


# --- the explanatory section: does a stated change equal the sum of its reasons? -----------------


def test_reasons__section_one_states_347_44_but_its_reasons_add_up_to_884_76(seed):
    checks = reasons.reason_checks(seed)
    first = checks[checks["where"] == "line 379"].iloc[0]
    assert first["change_wan"] == D("347.44")
    assert [a for _, a in first["reasons"]] == [D("461.69"), D("85.53"), D("337.54")]
    assert first["reasons_sum_wan"] == D("884.76")
    assert first["difference_wan"] == D("347.44") - D("884.76")
    assert first["verdict"] == "does_not_add_up"


def test_reasons__the_three_public_reasons_add_up_and_a_reason_without_amounts_is_said_so(seed):
    checks = reasons.reason_checks(seed)
    three = checks[checks["where"] == "line 423"].iloc[0]
    assert (three["change_wan"], three["reasons_sum_wan"], three["verdict"]) == (D("-8.90"), D("-8.9"), "adds_up")
    assert three["stated_sum_wan"] == D("-8.90")  # "合计减少8.90万元"
    operating = checks[checks["where"] == "line 433"].iloc[0]  # "原因是本年新增29人"
    assert (operating["change_wan"], operating["verdict"]) == (D("85.53"), "no_amounts")


def test_reasons__are_named_by_what_they_name(seed):
    first = reasons.reason_checks(seed).set_index("where").loc[["line 379"]].iloc[0]
    # line 379: 相关人员经费增加461.69万元、日常公用经费增加85.53万元；新增结转项目经费监区备勤用房建设337.54万元
    assert first["reasons"] == [
        ("相关人员经费", D("461.69")),
        ("日常公用经费", D("85.53")),
        ("新增结转项目经费监区备勤用房建设", D("337.54")),
    ]


def test_reasons__a_decrease_is_negative_and_the_verdict_is_the_audits(seed):
    checks = reasons.reason_checks(seed)
    # line 425: 公务用车购置费0万元，与上年相比预算数减少36.90万元，…公务用车购置费减少36.9万元
    bought = checks[(checks["where"] == "line 425") & (checks["change_wan"] == D("-36.90"))].iloc[0]
    assert (bought["subject"], bought["level_wan"]) == ("公务用车购置费", D(0))
    assert bought["reasons"] == [("公务用车购置费", D("-36.9"))]
    audit = seed.audit()
    reasons_379 = audit[(audit["check"] == "text_reasons") & (audit["line"] == 379)]
    assert set(reasons_379["status"]) == {"mismatch"}  # the audit's verdict on line 379 …
    assert set(checks.loc[checks["where"] == "line 379", "verdict"]) == {"does_not_add_up"}  # … is this one


def test_change_claims__give_the_subject_its_printed_figure_and_the_signed_change(seed):
    claims = {(c.where, c.subject): c for c in reasons.change_claims(seed)}
    # line 379: 预算收入总计2,551.79万元 … 比上年增加347.44万元 (a thousands separator inside the figure)
    total = claims[("line 379", "预算收入总计")]
    assert (total.level, total.change, total.gives_reasons) == (D("2551.79"), D("347.44"), True)
    # line 402: 一般公共预算当年支出2,214.25万元，比上年增加35.13万元，增长1.61%。 (no reason given)
    general = claims[("line 402", "一般公共预算当年支出")]
    assert (general.level, general.change, general.gives_reasons) == (D("2214.25"), D("35.13"), False)
    # line 425: 因公出国（境）费0万元，与上年预算数相同 (a change of 0)
    assert claims[("line 425", "因公出国(境)费")].change == 0
    assert len([c for c in claims.values() if c.where == "line 425"]) == 5


def test_reason_checks__leave_out_changes_that_give_no_reason(seed):
    # changes: 379 ×2, 402, 423, 425 ×5, 433; 402 and the two 相同 of 425 give no reason
    assert reasons.reason_checks(seed)["where"].tolist() == ["line 379"] * 2 + ["line 423"] + ["line 425"] * 3 + [
        "line 433"
    ]


# --- where the year-on-year change comes from ------------------------------------------------------


def test_change_decomposition__locates_the_gap_with_the_documents_own_figures(seed):
    steps = {s.key: s for s in change.change_decomposition(seed)}
    # printed: 收入总计 2551.79 (line 115), +347.44 (line 379); 一般公共预算当年支出 2214.25 (line 226),
    # +35.13 (line 402); 上年结转 337.54 (line 114); 人员经费 +461.69, 公用经费 +85.53 (line 379);
    # current-year projects 501.73 (line 226)
    assert steps["prior_total"].amount_wan == D("2551.79") - D("347.44")
    assert steps["prior_general"].amount_wan == D("2214.25") - D("35.13")
    assert steps["prior_other"].amount_wan == D("2204.35") - D("2179.12")  # 25.23 of carry-over and other funds
    assert steps["carryover_change"].amount_wan == D("337.54") - D("25.23")
    assert steps["project_change"].amount_wan == D("35.13") - D("461.69") - D("85.53")  # −512.09
    assert steps["prior_projects"].amount_wan == D("501.73") + D("512.09")
    parts = ("carryover_change", "personnel_change", "public_use_change", "project_change")
    assert sum(steps[k].amount_wan for k in parts) == steps["total_change"].amount_wan
    assert {k for k, s in steps.items() if s.kind == "inference"} == {
        "prior_total",
        "prior_general",
        "prior_other",
        "carryover_change",
        "project_change",
        "prior_projects",
    }
    assert steps["total_change"].basis == "line 379" and steps["general_change"].basis == "line 402"
    assert change.current_year_is_all_general_budget(seed)


def test_change_decomposition__is_none_when_the_text_names_no_staffing_reason(fixture_doc):
    assert change.change_decomposition(fixture_doc) is None


# --- staffing: per new staff member, growth, and why two "headcounts" agree ----------------------


def test_cost_lines__give_prior_bases_growth_and_the_scaled_headcount(seed):
    lines = staffing.cost_lines(staffing.staffing_reason(seed), staffing.economic_totals(seed)).set_index("line")
    # 人员经费 1440.39 and 公用经费 272.13 (line 251); increases 461.69 and 85.53 for 29 new staff (line 379)
    assert lines.at["personnel", "current_source"] == "line 251"
    assert lines.at["personnel", "prior_wan"] == D("1440.39") - D("461.69")
    assert lines.at["public_use", "prior_wan"] == D("272.13") - D("85.53")
    assert lines.at["personnel", "growth"] == D("461.69") / D("978.70")
    assert lines.at["personnel", "per_new_staff_wan"] == D("461.69") / 29
    assert lines.at["personnel", "scaled_headcount"] == 29 * D("1440.39") / D("461.69")
    assert lines.at["public_use", "scaled_headcount"] == 29 * D("272.13") / D("85.53")


def test_staffing_reason__takes_only_the_reasons_that_name_personnel_or_public_use(tmp_path):
    # line 379 twice: "相关人员经费增加461.69万元、日常公用经费增加85.53万元"; a reason naming 办公费 is neither
    path = tmp_path / "office.txt"
    path.write_text(
        SEED.read_text(encoding="utf-8").replace("日常公用经费增加85.53", "办公费增加85.53"), encoding="utf-8"
    )
    reason = staffing.staffing_reason(read_disclosure(path))
    assert (reason["new_staff"], reason["personnel_increase_wan"], reason["where"]) == (29, D("461.69"), "line 379")
    assert "public_use_increase_wan" not in reason


def test_scaled_headcounts__agree_exactly_when_two_lines_grow_at_the_same_rate():
    reason = {"new_staff": 10, "personnel_increase_wan": D(50), "public_use_increase_wan": D(5), "where": "line 1"}
    totals = {
        "personnel": staffing.Printed(D(150), "line 2"),  # +50 on a prior 100: +50%
        "public_use": staffing.Printed(D(15), "line 2"),  # +5 on a prior 10: +50%
    }
    lines = staffing.cost_lines(reason, totals)
    assert lines["growth"].nunique() == 1
    assert lines["scaled_headcount"].tolist() == [D(30), D(30)]  # the same "headcount", whatever the staff


# --- 三公: every category, last year where the text gives it ---------------------------------------


def test_three_public_by_year__has_every_category_and_the_prior_year_the_text_implies(seed):
    frame = narrative.three_public_by_year(seed).set_index("item")
    # table lines 326-331; line 425: 因公出国(境)费0万元、公务接待费0万元 与上年预算数相同; 购置及运行费56.00
    # 减少8.90; 运行维护费56.00 增加28.00; 购置费0 减少36.90; line 423: 三公 56.00 比2025年减少8.90
    assert frame["this_year_wan"].to_dict() == {
        "因公出国(境)费": D(0),
        "公务接待费": D(0),
        "公务用车购置及运行费": D("56.00"),
        "公务用车购置费": D(0),
        "公务用车运行维护费": D("56.00"),
        "合计": D("56.00"),
    }
    assert frame["prior_year_wan"].to_dict() == {
        "因公出国(境)费": D(0),
        "公务接待费": D(0),
        "公务用车购置及运行费": D("64.90"),
        "公务用车购置费": D("36.90"),
        "公务用车运行维护费": D("28.00"),
        "合计": D("64.90"),
    }
    assert frame.at["公务用车购置费", "level"] == "sub_item" and frame.at["合计", "prior_source"] == "line 423"
    assert frame["printed_blank"].sum() == 3


# --- projects: contradictions and the whole stated need --------------------------------------------


def test_funds_check__calls_a_one_year_project_with_different_funds_a_contradiction(seed):
    frame = projects.funds_check(seed).set_index("project")
    # 专项设备购置费: 一次性项目（1年结束）, 项目期 1年, 实施期资金总额 9,990,000, 年度资金总额 1,280,700 (line 636)
    assert frame.at["专项设备购置费", "verdict"] == "contradiction"
    assert (frame.at["专项设备购置费", "annual_wan"], frame.at["专项设备购置费", "period_wan"]) == (
        D("128.07"),
        D("999"),
    )
    assert frame.at["警务辅助人员经费", "verdict"] == "consistent"  # 1,171,700 both
    assert frame.at["在押人员给养费", "verdict"] == "open_period"  # 99年


def test_stated_need__adds_the_parts_of_a_need_instead_of_picking_the_largest(seed):
    frame = projects.funds_check(seed).set_index("project")
    assert (frame.at["在押人员给养费", "need_wan"], frame.at["在押人员给养费", "need_basis"]) == (
        D("45.6") + D("80"),
        "sum_of_parts",
    )
    assert frame.at["被监管人员体检及疾病诊疗等医疗服务", "need_wan"] == D("138")  # line 463 每年服务费138万元
    assert frame.at["拘役收教场所管理经费", "need_wan"] == D("113")  # line 559


# --- 元 and 万元 documents give the same answers in 万元 -------------------------------------------


def _yuan_edition(text: str) -> str:
    """The seed with its tables printed in 元 (every figure × 10000, 单位：元); prose unchanged."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("第二部分") and "\t" not in line)
    end = next(i for i, line in enumerate(lines) if line.startswith("第三部分") and "\t" not in line)
    figure = re.compile(r"^\d+\.\d+$")
    for i in range(start, end):
        if lines[i].strip() == "单位：万元":
            lines[i] = "单位：元"
        elif "\t" in lines[i]:
            cells = lines[i].split("\t")
            lines[i] = "\t".join(f"{D(c) * 10000:.2f}" if figure.match(c) else c for c in cells)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def yuan_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("yuan") / "shanxi-in-yuan.txt"
    path.write_text(_yuan_edition(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    doc = read_disclosure(path)
    assert doc.figure("basic_expenditure_economic", "personnel", label="合计")["unit"] == "元"
    return doc


def test_unit_aware__a_yuan_document_gives_the_same_answers_in_wan(seed, yuan_doc):
    assert {k: v.wan for k, v in staffing.economic_totals(yuan_doc).items()} == {
        k: v.wan for k, v in staffing.economic_totals(seed).items()
    }
    assert staffing.economic_totals(yuan_doc)["personnel"].wan == D("1440.39")
    rates = {"机关事业单位基本养老保险缴费": D("0.16")}
    assert (
        staffing.wage_base_from_contributions(yuan_doc, rates)["implied_wage_base_wan"].tolist()
        == staffing.wage_base_from_contributions(seed, rates)["implied_wage_base_wan"].tolist()
        == [D("128.20") / D("0.16")]
    )
    seed_steps = [(s.key, s.amount_wan) for s in change.change_decomposition(seed)]
    assert [(s.key, s.amount_wan) for s in change.change_decomposition(yuan_doc)] == seed_steps
    assert (
        narrative.three_public_by_year(yuan_doc)["this_year_wan"].tolist()
        == narrative.three_public_by_year(seed)["this_year_wan"].tolist()
    )
    assert costs.wider_views(yuan_doc, costs.feeding_plan(yuan_doc))["amount_wan"].tolist() == [
        D("31.96"),
        D("103.05"),
        D("55.48"),
        D("2551.79"),
    ]


# --- the anatomy of the document (notebook 0.0) -----------------------------------------------------


def test_parts_overview__finds_the_four_parts_where_they_are_printed(seed):
    from kanshousuo.analysis import anatomy

    parts = anatomy.parts_overview(seed)
    # lines 60 第一部分 概况, 70 第二部分, 374 第三部分, 749 第四部分 名词解释
    assert list(zip(parts["part"], parts["source"], strict=True)) == [
        (1, "line 60"),
        (2, "line 70"),
        (3, "line 374"),
        (4, "line 749"),
    ]


def test_code_tree__nests_item_under_kuan_under_class_with_amounts(seed):
    from kanshousuo.analysis import anatomy

    tree = anatomy.code_tree(seed).set_index("code")
    # expenditure table lines 154-169
    assert len(tree) == 16
    assert (tree.at["2040201", "parent_code"], tree.at["20402", "parent_code"]) == ("20402", "204")
    assert (tree.at["2040201", "amount_wan"], tree.at["2040201", "source"]) == (D("1430.75"), "line 156")
    assert tree.at["204", "label_en"] == "Public security" and tree.at["21011", "label_en"].startswith("Medical care")


def test_identity_links__tie_the_summary_to_the_income_and_expenditure_tables(seed):
    from kanshousuo.analysis import anatomy

    links, within = anatomy.identity_links(seed)
    pairs = {(r.left, r.right) for r in links.itertuples()}
    assert ("income", "income_expenditure_summary") in pairs and ("expenditure", "income_expenditure_summary") in pairs
    assert within.set_index("table_id").at["basic_expenditure_economic", "checks"] > 0
    assert anatomy.tables_in("income line 127 合计 [total]; x line 2", {"income"}) == ["income"]


def test_economic_items_and_fund_sources__read_the_side_and_the_source_of_each_figure(seed):
    from kanshousuo.analysis import anatomy

    items = anatomy.economic_items(seed).set_index("item")
    # lines 253 基本工资 329.24 (人员经费), 264 办公费 50.62 (公用经费)
    assert (items.at["基本工资", "amount_wan"], items.at["基本工资", "side"]) == (D("329.24"), "personnel")
    assert (items.at["办公费", "amount_wan"], items.at["办公费", "side"]) == (D("50.62"), "public_use")
    assert items.at["基本工资", "government_item"] == "工资奖金津补贴"
    sources = anatomy.fund_sources(seed).set_index("source_zh")
    # line 127: 合计 2214.25 in 一般公共预算, 337.54 carried over, the other sources blank
    assert sources.at["一般公共预算", "amount_wan"] == D("2214.25") and sources.at["上年结转", "amount_wan"] == D(
        "337.54"
    )
    assert sources["printed_blank"].sum() == 4


def test_contract_staff__sets_the_allocation_per_person_beside_the_cited_standards(seed):
    frame = staffing.contract_staff(seed).set_index("project")
    # 编外聘用人员经费: 年度资金 660,000元, 现有劳务派遣人员18人, 辅助工作类 5万元/人年 (lines 486-512)
    assert (frame.at["编外聘用人员经费", "annual_wan"], frame.at["编外聘用人员经费", "persons"]) == (D(66), D(18))
    assert frame.at["编外聘用人员经费", "per_person_wan"] == D(66) / 18
    assert ("辅助工作类", D(5)) in frame.at["编外聘用人员经费", "standards_cited"]
    assert frame.at["警务辅助人员经费", "persons_cap"] == "<30"  # 聘用的警务辅助人员数 <30人 (line 535)


def test_indicator_quality__counts_stuttered_and_empty_slots(seed):
    quality = projects.indicator_quality(seed).set_index("project")
    # 医疗团队工作能力 胜任胜任, 工作开展保障度 保障保障, each in both horizons (lines 472, 476)
    assert quality.at["被监管人员体检及疾病诊疗等医疗服务", "stuttered"] == 4
    assert (quality["indicators"] == 18).all()


def test_claims_by_section__moves_an_implied_prior_year_out_of_the_printed_columns(seed):
    claims = narrative.claims_by_section(seed)
    implied = claims[claims["status"] == "implied"]
    assert D("2204.35") in set(implied["implied_prior_wan"])  # 2551.79 − 347.44 (line 379)
    assert implied["actual"].isna().all() and not implied["message"].str.contains("2204.35").any()
