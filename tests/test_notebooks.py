"""Notebooks: committed clean, executed fresh by `make test`, Chinese rendered in every figure."""

from __future__ import annotations

import json
import warnings
from decimal import Decimal

import nbformat
import pytest

from kanshousuo import costs, narrative, staffing
from kanshousuo.report import build_report, notebook_paths
from tests.conftest import FIXTURE, ROOT

SHANGHAI = ROOT / "data" / "raw" / "02_shanghai_putuo_sfj_2026_unit_budget.pdf"
JIANGSU = ROOT / "data" / "raw" / "08_jiangsu_gaoyuan_2019_dept_budget.pdf"
ANY_DOCUMENT = ("1.0", "2.0", "5.0", "6.0")
CORPUS = ("7.0",)  # runs on the corpus of data/raw, not on one disclosure


def per_document_notebooks():
    return [p for p in notebook_paths() if p.name[:3] not in CORPUS]


def test_notebooks_are_committed_without_outputs():
    paths = notebook_paths()
    assert [p.name[:3] for p in paths] == ["1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0"]
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


def test_each_notebook_has_a_parameters_cell_a_question_and_tagged_answers():
    for path in notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        tags = [t for cell in notebook.cells for t in cell.metadata.get("tags", [])]
        assert tags.count("parameters") == 1 and "answer" in tags, path.name
        assert "**Question.**" in notebook.cells[0].source, path.name


def test_cjk_font_renders_chinese_without_missing_glyph_warnings(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from kanshousuo.plotting import use_cjk_theme

    use_cjk_theme()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.set_title("一般公共预算当年拨款结构图（万元）")
        ax.bar(["公共安全支出", "卫生健康支出"], [1, -2])
        fig.savefig(tmp_path / "cjk.png")
        plt.close(fig)


def _stderr_of(executed) -> str:
    return "\n".join(
        output.get("text", "")
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if output.get("name") == "stderr"
    )


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "reports"
    build_report(ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt", out, per_document_notebooks())
    return out


def test_report_executes_every_notebook_and_links_one_page_each(seed_report):
    index = (seed_report / "index.html").read_text(encoding="utf-8")
    for path in per_document_notebooks():
        assert path.with_suffix(".html").name in index
        assert (seed_report / path.with_suffix(".html").name).stat().st_size > 10_000
    assert len(list((seed_report / "figures").glob("*.png"))) >= 6


def test_report_hides_answer_cells_and_figures_have_no_missing_glyphs(seed_report):
    for path in per_document_notebooks():
        executed = nbformat.read(seed_report / path.name, as_version=4)
        assert "missing from font" not in _stderr_of(executed), path.name
        page = (seed_report / path.with_suffix(".html").name).read_text(encoding="utf-8")
        answers = [c.source for c in executed.cells if "answer" in c.metadata.get("tags", [])]
        assert answers and all(a.splitlines()[0] not in page for a in answers), path.name


def test_general_notebooks_run_unchanged_on_a_pdf_and_the_specific_ones_say_what_is_missing(tmp_path):
    chosen = [p for p in notebook_paths() if p.name[:3] in ANY_DOCUMENT]
    build_report(SHANGHAI, tmp_path / "pdf", chosen)
    build_report(JIANGSU, tmp_path / "pdf-jiangsu", chosen)  # another template, its own layouts
    specific = [p for p in per_document_notebooks() if p.name[:3] not in ANY_DOCUMENT]
    build_report(FIXTURE, tmp_path / "fixture", specific)
    for path in specific:
        page = (tmp_path / "fixture" / path.with_suffix(".html").name).read_text(encoding="utf-8")
        assert "nothing to compute here" in page


def test_corpus_notebook_runs_on_the_corpus_of_data_raw_and_names_the_documents_that_failed(raw_corpus, tmp_path):
    import papermill

    from kanshousuo.corpus import open_corpus
    from kanshousuo.report import to_html

    notebook = next(p for p in notebook_paths() if p.name[:3] in CORPUS)
    papermill.execute_notebook(
        str(notebook),
        str(tmp_path / notebook.name),
        parameters={"CORPUS_DB": str(raw_corpus), "RAW_DIR": str(ROOT / "data" / "raw")},
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=300,
    )
    executed = nbformat.read(tmp_path / notebook.name, as_version=4)
    assert "missing from font" not in _stderr_of(executed)
    text = "\n".join(
        output.get("data", {}).get("text/markdown", "") for cell in executed.cells for output in cell.get("outputs", [])
    )
    with open_corpus(raw_corpus) as corpus:
        failed = corpus.sql("SELECT doc_id, error FROM documents WHERE status = 'failed'")
    assert len(failed) == 3 and "3 that failed" in text
    for row in failed.itertuples():
        assert f"`{row.doc_id}`: {row.error}" in text
    assert "OLS slope is" in text and "chi-square" in text
    page = to_html(executed)
    answers = [c.source for c in executed.cells if "answer" in c.metadata.get("tags", [])]
    assert answers and all(a.splitlines()[0] not in page for a in answers)
    assert sum("image/png" in o.get("data", {}) for c in executed.cells for o in c.get("outputs", [])) >= 4


def test_feeding_plan_recomputes_each_component_from_its_stated_standard(seed):
    plan = costs.feeding_plan(seed)
    assert plan is not None and plan.persons == 70
    frame = costs.recompute_components(plan, days=360)
    food = frame[frame["component"] == "伙食费"].iloc[0]
    assert food["recomputed_yuan"] == Decimal(260) * 70 * 12  # the stated standard × persons × months
    assert abs(food["difference_wan"]) < Decimal("0.05")  # stated to 0.1万元
    kitchen = frame[frame["kind"] == "fixed (kitchen)"].iloc[0]
    assert kitchen["recomputed_wan"] == kitchen["stated_wan"]  # 360 days reproduce the stated kitchen cost
    assert costs.occupancy_cap(seed, plan.project) == (Decimal(90), "<")


def test_fixed_kitchen_costs_are_spread_over_more_detainees_as_occupancy_rises(seed):
    plan = costs.feeding_plan(seed)
    grid = costs.occupancy_sensitivity(plan, [70, 80])
    assert grid["fixed_yuan"].nunique() == 1
    assert grid["yuan_per_detainee_day"].iloc[1] < grid["yuan_per_detainee_day"].iloc[0]


def test_documents_without_the_needed_text_give_none_not_a_guess(fixture_doc):
    assert costs.feeding_plan(fixture_doc) is None
    assert staffing.staffing_reason(fixture_doc) is None


def test_staffing_reason_is_read_from_the_explanatory_text(seed):
    reason = staffing.staffing_reason(seed)
    assert reason["new_staff"] == 29 and reason["where"].startswith("line ")
    per_head = staffing.per_new_staff(reason)
    assert abs(per_head["personnel_per_new_staff_wan"] * 29 - reason["personnel_increase_wan"]) < Decimal("1e-20")
    estimates = staffing.headcount_estimates(reason, staffing.economic_totals(seed))
    assert set(estimates) == {"from_personnel", "from_public_use"}


def test_chart_shares_are_recomputed_against_the_printed_total(seed):
    income = narrative.income_by_source(seed)
    assert sum(income["share_pct"]) == Decimal(100)
    three = narrative.three_public_distribution(seed)
    assert not three["label"].str.contains("运行维护费").any()  # ② sub-items are not drawn twice
