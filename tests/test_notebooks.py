"""Notebooks: committed clean, executed fresh by `make test`, Chinese rendered in every figure."""

from __future__ import annotations

import html
import json
import warnings
from decimal import Decimal

import nbformat

from kanshousuo.analysis import costs, narrative, staffing
from kanshousuo.publish.paths import declared_parameters
from kanshousuo.publish.report import build_report, missing_glyphs, notebook_paths
from tests.conftest import FIXTURE, ROOT

SHANGHAI = ROOT / "data" / "raw" / "02_shanghai_putuo_sfj_2026_unit_budget.pdf"
JIANGSU = ROOT / "data" / "raw" / "08_jiangsu_gaoyuan_2019_dept_budget.pdf"
ANY_DOCUMENT = ("0.0", "1.0", "2.0", "5.0", "6.0")


def test_notebooks_are_committed_without_outputs():
    paths = notebook_paths()
    paths = notebook_paths(runs_on=None)
    assert [p.name[:3] for p in paths] == ["0.0", "1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0"]
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


def test_each_notebook_opens_with_its_question_then_imports_then_parameters():
    for path in notebook_paths():
        notebook = nbformat.read(path, as_version=4)
        tags = [t for cell in notebook.cells for t in cell.metadata.get("tags", [])]
        assert tags.count("parameters") == 1 and "answer" in tags, path.name
        assert "**Question.**" in notebook.cells[0].source and "**Uses.**" in notebook.cells[0].source, path.name
        assert "import" in notebook.cells[1].source, path.name
        assert "parameters" in notebook.cells[2].metadata.get("tags", []), path.name
        declared = declared_parameters(path)
        assert declared[:2] in (["DISCLOSURE", "LANG"], ["CORPUS_DB", "RAW_DIR"]), path.name


def test_answer_cells_are_collapsed_in_jupyterlab():
    for path in notebook_paths():
        for cell in nbformat.read(path, as_version=4).cells:
            if "answer" in cell.metadata.get("tags", []):
                assert cell.metadata.get("jupyter") == {"source_hidden": True, "outputs_hidden": True}, path.name


def test_exercises_have_model_answers_for_interpretive_questions():
    teaching = nbformat.read(next(p for p in notebook_paths() if p.name.startswith("0.0")), as_version=4)
    sources = "\n".join(c.source for c in teaching.cells)
    assert "journalist responsibly say about the cost per detainee" in sources
    assert "reasons" in sources and "do not add up" in sources
    answers = [c for c in teaching.cells if "answer" in c.metadata.get("tags", [])]
    assert any(c.cell_type == "markdown" and len(c.source) > 200 for c in answers)  # a written model answer


def test_cjk_font_renders_chinese_without_missing_glyph_warnings(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from kanshousuo.publish.plotting import use_cjk_theme

    use_cjk_theme()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig, ax = plt.subplots()
        ax.set_title("一般公共预算当年拨款结构图（万元）")
        ax.bar(["公共安全支出", "卫生健康支出"], [1, -2])
        fig.savefig(tmp_path / "cjk.png")
        plt.close(fig)


def test_report_executes_every_notebook_and_links_one_page_each(seed_report):
    index = (seed_report / "index.html").read_text(encoding="utf-8")
    for path in notebook_paths():
        assert path.with_suffix(".html").name in index
        assert (seed_report / path.with_suffix(".html").name).stat().st_size > 10_000
    assert len(list((seed_report / "figures").glob("*.png"))) >= 12


def test_report_hides_answer_cells(seed_report):
    for path in notebook_paths():
        page = (seed_report / path.with_suffix(".html").name).read_text(encoding="utf-8")
        answers = [c.source for c in nbformat.read(path, as_version=4).cells if "answer" in c.metadata.get("tags", [])]
        assert answers and all(a.splitlines()[0] not in page for a in answers), path.name


def test_missing_glyphs__are_found_in_a_notebooks_warnings():
    executed = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("plot()")])
    warning = "UserWarning: Glyph 20844 missing from font(s) DejaVu Sans."
    executed.cells[0].outputs = [nbformat.v4.new_output("stream", name="stderr", text=warning)]
    assert missing_glyphs(executed) == [warning]
    executed.cells[0].outputs = [nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: x")]
    assert missing_glyphs(executed) == []


def test_general_notebooks_run_unchanged_on_a_pdf_and_the_specific_ones_say_what_is_missing(tmp_path):
    chosen = [p for p in notebook_paths() if p.name[:3] in ANY_DOCUMENT]
    build_report(SHANGHAI, tmp_path / "pdf", chosen)
    build_report(JIANGSU, tmp_path / "pdf-jiangsu", chosen)  # another template, its own layouts
    specific = [p for p in notebook_paths(runs_on="disclosure") if p.name[:3] not in ANY_DOCUMENT]
    build_report(FIXTURE, tmp_path / "fixture", specific)
    for path in specific:
        page = (tmp_path / "fixture" / path.with_suffix(".html").name).read_text(encoding="utf-8")
        assert "nothing to compute here" in page


def test_corpus_notebook_is_in_the_report_and_names_the_disclosure_read_from_two_files(seed_report, raw_corpus):
    from kanshousuo.corpus import open_corpus

    notebook = notebook_paths(runs_on="corpus")[0]
    page = (seed_report / notebook.with_suffix(".html").name).read_text(encoding="utf-8")
    with open_corpus(raw_corpus) as corpus:
        failed = corpus.sql("SELECT doc_id, error FROM documents WHERE status = 'failed'")
        joined = corpus.sql("SELECT doc_id FROM documents WHERE other_files IS NOT NULL")
    assert len(failed) == 0 and "none that failed" in page
    assert len(joined) == 1 and f"{html.escape(joined['doc_id'][0])}</code> is one disclosure read from 2 files" in page
    assert "OLS slope is" in page and "chi-square" in page
    assert len(list((seed_report / "figures").glob(f"{notebook.stem}*.png"))) >= 4


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
    assert (reason["personnel_increase_wan"], reason["public_use_increase_wan"]) == (
        Decimal("461.69"),
        Decimal("85.53"),
    )
    per_head = staffing.per_new_staff(reason)
    assert abs(per_head["personnel_per_new_staff_wan"] * 29 - reason["personnel_increase_wan"]) < Decimal("1e-20")


def test_chart_shares_are_recomputed_against_the_printed_total(seed):
    income = narrative.income_by_source(seed)
    assert sum(income["share_pct"]) == Decimal(100)
    three = narrative.three_public_distribution(seed)
    assert not three["label"].str.contains("运行维护费").any()  # ② sub-items are not drawn twice
