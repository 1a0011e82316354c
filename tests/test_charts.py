"""Charts: reader's labels in Chinese or English, units on the axes, bars from zero, every 三公 category."""

from __future__ import annotations

import re

import matplotlib
import pytest

matplotlib.use("Agg")

from kanshousuo.analysis import change, costs, narrative, projects, staffing  # noqa: E402
from kanshousuo.publish import charts  # noqa: E402

RAW_IDENTIFIERS = re.compile(r"_yuan|_wan|from_personnel|Decimal\(|\bNone\b|\bnan\b|\bNaN\b")
UNITS = ("万元", "元/人/日", "人", "项", "10k yuan", "yuan", "checks", "persons")


def _texts(fig) -> list[str]:
    import matplotlib.text

    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def _all_charts(doc, lang):
    plan = costs.feeding_plan(doc)
    reason = staffing.staffing_reason(doc)
    return {
        "income": charts.share_chart(narrative.income_by_source(doc), "income_chart", lang, 2026),
        "general": charts.share_chart(narrative.general_budget_structure(doc), "general_budget_chart", lang, 2026),
        "three_public": charts.three_public_chart(narrative.three_public_by_year(doc), lang, 2026),
        "per_day": charts.per_day_chart(costs.per_detainee_day(plan), lang),
        "wider": charts.wider_views_chart(costs.wider_views(doc, plan), lang),
        "occupancy": charts.occupancy_chart(costs.occupancy_sensitivity(plan, [70, 80, 89]), lang),
        "cost_lines": charts.cost_lines_chart(staffing.cost_lines(reason, staffing.economic_totals(doc)), lang),
        "decomposition": charts.decomposition_chart(change.change_decomposition(doc), lang),
        "funds": charts.funds_chart(projects.funds_check(doc), lang),
        "audit": charts.audit_chart(doc.audit(), lang),
    }


@pytest.fixture(scope="module", params=["zh", "en"])
def drawn(request, seed):
    from matplotlib import pyplot as plt

    figures = _all_charts(seed, request.param)
    yield request.param, figures
    for fig in figures.values():
        plt.close(fig)


def test_charts__show_no_identifier_or_repr_and_name_their_unit(drawn):
    lang, figures = drawn
    for name, fig in figures.items():
        texts = _texts(fig)
        assert not [t for t in texts if RAW_IDENTIFIERS.search(t)], (name, lang)
        axis_labels = [a.get_xlabel() + a.get_ylabel() for a in fig.axes]
        assert any(unit in text for text in axis_labels for unit in UNITS), (name, lang, axis_labels)


def test_charts__bars_start_at_zero(drawn):
    _, figures = drawn
    for name, fig in figures.items():
        ax = fig.axes[0]
        low = ax.get_ylim()[0] if name in ("decomposition", "occupancy") else ax.get_xlim()[0]
        assert low <= 0, name
        if name not in ("decomposition",):  # a waterfall with a fall may go below zero; the others may not
            assert low == 0, name


def test_charts__are_chinese_by_default_and_english_on_request(drawn):
    lang, figures = drawn
    title = figures["general"].axes[0].get_title()
    ticks = [t.get_text() for t in figures["general"].axes[0].get_yticklabels()]
    if lang == "zh":
        assert title == "一般公共预算当年拨款结构图" and "公共安全支出" in ticks
    else:
        assert title == "Current-year general budget by function" and "Public security" in ticks


def test_three_public_chart__shows_every_category_and_last_year(drawn):
    lang, figures = drawn
    ax = figures["three_public"].axes[0]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == 6  # three items, two sub-items, the total (lines 326-331), blank ones included
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == (["本年", "上年（推算）"] if lang == "zh" else ["this year", "last year (inferred)"])
    annotations = _texts(figures["three_public"])
    assert "64.90" in annotations and "36.90" in annotations  # last year, implied by lines 423/425
    if lang == "en":
        assert "Official overseas (and Hong Kong/Macao/Taiwan) travel costs" in ticks  # 因公出国（境）费, glossary
