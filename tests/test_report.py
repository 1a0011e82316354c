"""The published report, read as its reader sees it: offline, no identifiers or reprs, every
inference labelled, code hidden, navigation on every page, no answers or machine paths shipped."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from kanshousuo.analysis import change, costs, narrative, staffing
from kanshousuo.publish.display import number, percent
from kanshousuo.publish.findings import key_findings
from kanshousuo.publish.report import notebook_paths
from tests.conftest import ROOT, SEED
from tests.report_pages import visible_chunks, visible_text

RAW_IDENTIFIERS = re.compile(r"_yuan\b|_wan\b|from_personnel|Decimal\(|\bNone\b")  # not _wanli in a file name
REMOTE = re.compile(r"(?i)(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+")


def _pages(report: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(report.glob("*.html"))}


def test_report__pages_reference_no_remote_url(seed_report):
    for name, page in _pages(seed_report).items():
        assert REMOTE.findall(page) == [], name  # no CDN script, stylesheet, font or link: the report works offline
        assert "<script src" not in page and "<link" not in page, name


def test_report__remote_url_check_would_catch_a_cdn_script():
    planted = '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>'
    assert REMOTE.findall(planted) and REMOTE.findall('<img src="//example.org/x.png">')


def test_report__shows_no_raw_identifier_or_repr(seed_report):
    for name, page in _pages(seed_report).items():
        text = visible_text(page)
        assert RAW_IDENTIFIERS.findall(text) == [], (
            name,
            [m for m in re.findall(r".{40}(?:_yuan|_wan|None|Decimal\().{20}", text)],
        )


def test_report__identifier_check_would_catch_a_raw_column_name():
    page = "<main><table><tr><th>annual_funds_yuan</th></tr><tr><td>None</td></tr></table></main>"
    assert len(RAW_IDENTIFIERS.findall(visible_text(page))) == 2
    hidden = '<details class="ks-code"><summary>code</summary><pre>frame["annual_funds_yuan"]</pre></details>'
    assert RAW_IDENTIFIERS.findall(visible_text(hidden)) == []  # code is shown only when the reader opens it


def _inferred_figures(doc) -> set[str]:
    """Every figure the toolkit infers for the seed, as the report prints it (thousands separated)."""
    figures = {number(abs(s.amount_wan)) for s in change.change_decomposition(doc) if s.kind == "inference"}
    lines = staffing.cost_lines(staffing.staffing_reason(doc), staffing.economic_totals(doc))
    figures |= {number(v) for v in lines["prior_wan"]} | {percent(v) for v in lines["growth"]}
    figures |= {number(v, 1) for v in lines["scaled_headcount"]}
    figures |= {number(v) for v in narrative.three_public_by_year(doc)["prior_year_wan"] if v is not None}
    figures.add(percent(costs.feeding_coverage(costs.feeding_plan(doc)).upper_bound_share_of_living))
    return figures


def _unlabelled(page: str, figures: set[str]) -> list[tuple[str, str]]:
    """(figure, text) for every visible occurrence of an inferred figure outside a labelled inference."""
    found = []
    for text, in_inference in visible_chunks(page):
        if in_inference:
            continue
        for figure in figures:
            for form in {figure, figure.replace(",", "")}:
                if re.search(r"(?<![\d.,])" + re.escape(form) + r"(?!\d)", text):
                    found.append((figure, text[:80]))
    return found


def test_report__prints_every_inferred_figure_with_its_label(seed_report, seed):
    raw = SEED.read_text(encoding="utf-8")
    figures = {f for f in _inferred_figures(seed) if f not in raw and f.replace(",", "") not in raw}
    # figures that are also printed in the document (28.00 is a stated change too) cannot be told apart
    assert {"2,204.35", "2,179.12", "25.23", "312.31", "512.09", "1,013.82", "978.70", "186.60", "64.90"} <= figures
    for name, page in _pages(seed_report).items():
        assert _unlabelled(page, figures) == [], name
        for span in re.findall(
            r'<span class="inference"[^>]*>.*?</span></span>|<span class="inference"[^>]*>.*?</span>', page
        ):
            assert "推算" in span or "inferred" in span, (name, span)


def test_report__inference_check_would_catch_an_unlabelled_figure():
    labelled = '<span class="inference">64.90<small>（推算）</small></span>'
    page = f"<main><p>last year 2,204.35 wan yuan</p><p>{labelled}</p></main>"
    assert _unlabelled(page, {"2,204.35", "64.90"}) == [("2,204.35", "last year 2,204.35 wan yuan")]


def test_report__hides_code_by_default_with_a_button_to_show_it(seed_report):
    for path in notebook_paths():
        page = (seed_report / path.with_suffix(".html").name).read_text(encoding="utf-8")
        assert '<details class="ks-code">' in page and '<details class="ks-code" open' not in page, path.name
        assert 'id="ks-toggle-code"' in page, path.name
        assert "import " not in visible_text(page), path.name


def test_report__leaves_out_parameter_cells_and_machine_paths(seed_report):
    for name, page in _pages(seed_report).items():
        assert "DISCLOSURE =" not in page and "injected-parameters" not in page, name
        assert str(ROOT) not in page and "/tmp/" not in page and str(seed_report) not in page, name


def test_report__has_navigation_and_the_build_stamp_on_every_page(seed_report):
    pages = _pages(seed_report)
    notebooks = [p.with_suffix(".html").name for p in notebook_paths()]
    for name, page in pages.items():
        side = page[page.index('<nav class="ks-side"') :]
        assert all(f'href="{n}"' in side for n in [*notebooks, "index.html", "glossary.html"]), name
        assert "kanshousuo 0.1.0" in page and "commit <code>" in page and re.search(r"built \d{4}-\d{2}-\d{2}", page)
        if name != "index.html":
            assert 'href="index.html">← 首页' in page, name
    first, last = pages[notebooks[0]], pages[notebooks[-1]]
    assert 'rel="prev" ' not in first or 'href="index.html" rel="prev"' in first
    assert 'rel="next"' in first and 'rel="prev"' in last


def test_landing_page__leads_with_the_document_and_links_each_finding_to_where_it_is_shown(seed_report, seed):
    index = (seed_report / "index.html").read_text(encoding="utf-8")
    text = visible_text(index)
    assert text.index("山西省看守所") < text.index("主要发现") < text.index("笔记本")
    assert "a4d4e30d37ba69573fd781e62b341d9582212d0d02d9261354ff0355f93f2d6b" in text  # data/raw/SHA256SUMS
    assert "单位预算" in text and "2026" in text
    findings = key_findings(seed)
    on_the_document = {n.stem for n in notebook_paths(runs_on="disclosure")}
    assert {f.notebook for f in findings} >= on_the_document - {"0.0-how-to-read-a-disclosure"}
    for finding in findings:
        assert f'href="{finding.notebook}.html#{finding.anchor}"' in index
        target = (seed_report / f"{finding.notebook}.html").read_text(encoding="utf-8")
        assert f'id="{finding.anchor}"' in target, finding


def test_report__ships_the_student_edition_and_no_executed_answers(seed_report):
    assert [p.name for p in seed_report.glob("*.ipynb")] == []
    student = sorted((seed_report / "student").glob("*.ipynb"))
    assert [p.name for p in student] == [p.name for p in notebook_paths()]
    for path in student:
        notebook = nbformat.read(path, as_version=4)
        assert not [c for c in notebook.cells if "answer" in c.metadata.get("tags", [])], path.name
        assert [c for c in notebook.cells if "exercise" in c.metadata.get("tags", [])], path.name
        assert all(c.outputs == [] for c in notebook.cells if c.cell_type == "code"), path.name
        parameters = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
        paths = re.findall(r'^(?:DISCLOSURE|CORPUS_DB|RAW_DIR) = [\'"]([^\'"]+)', parameters.source, re.M)
        assert paths, path.name
        for relative in paths:
            assert not Path(relative).is_absolute()
            assert (path.parent / relative).resolve().exists()  # it opens from where it is written


def test_report__ships_the_data_package_with_its_glossary(seed_report):
    assert (seed_report / "data" / "datapackage.json").exists() and (seed_report / "data" / "glossary.csv").exists()
    glossary = (seed_report / "glossary.html").read_text(encoding="utf-8")
    assert "Public security" in glossary and "公共安全支出" in glossary


@pytest.mark.parametrize("argv", [["/no/such/file.txt"], [str(ROOT / "README.md")]])
def test_report_command__bad_input_gives_one_line_and_exit_2(argv, tmp_path, capsys):
    from kanshousuo.publish.report import main

    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kanshousuo report: error:") and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_report__embeds_a_font_with_a_glyph_for_every_character_shown(seed_report):
    import base64
    import io

    from fontTools.ttLib import TTFont

    for name, page in _pages(seed_report).items():
        data = re.search(r'url\("data:font/otf;base64,([A-Za-z0-9+/=]+)"\)', page)
        assert data, name
        cmap = TTFont(io.BytesIO(base64.b64decode(data.group(1)))).getBestCmap()
        shown = {c for c in visible_text(page) if not c.isspace()}
        assert "公" in shown or "看" in shown, name  # Chinese is shown on every page
        assert sorted(c for c in shown if ord(c) not in cmap) == [], name


def test_report__holds_the_audit_and_only_what_the_next_build_may_replace(seed_report):
    from kanshousuo.publish.folders import written_by_us

    assert "checks:" in (seed_report / "audit.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert (seed_report / "audit.json").read_text(encoding="utf-8").lstrip().startswith(("[", "{"))
    assert written_by_us(seed_report)  # `make report` run twice replaces the first report


def test_report__prints_years_without_a_thousands_separator(seed_report):
    # the corpus page lists each document's year: 2019, never "2,019"
    text = visible_text((seed_report / "7.0-compare-units.html").read_text(encoding="utf-8"))
    assert "2019" in text and re.findall(r"\b2,0[12]\d\b", text) == []
