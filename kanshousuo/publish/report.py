"""Build the research report: execute every notebook fresh and publish it as a small website.

`python -m kanshousuo.publish.report [DISCLOSURE] [--out reports] [--lang zh|en]` runs each
numbered notebook in `notebooks/` with papermill (the disclosure goes in through the `parameters`
cell), in parallel, into a scratch folder, and writes into `--out`, atomically:

- `index.html`: the document (unit, year, kind, file, hash), its key findings linking to where
  each is shown, the notebooks; `glossary.html`: the English glossary of the document's year;
- one page per notebook, code hidden by default, parameter and answer cells left out;
- `figures/*.png`, `data/` (the data package, glossary included) and `student/` (the notebooks
  without answers). Executed notebooks are not shipped: they hold the model answers.

Publishing tool: nbconvert with our own template (`publish/templates/kanshousuo/`), see README.
The notebooks in the repository are never modified.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kanshousuo.publish.package import replace_folder, write_disclosure
from kanshousuo.publish.paths import (
    DEFAULT_CORPUS,
    DEFAULT_DOC,
    NOTEBOOKS,
    RAW_DIR,
    ROOT,
    declared_parameters,
    notebook_paths,
)

__all__ = ["DEFAULT_DOC", "ROOT", "build_report", "main", "notebook_paths"]
ANSWER_TAG = "answer"


def execute(notebook: Path, output: Path, parameters: dict[str, object], timeout: int = 600) -> Path:
    """Run one notebook with papermill in its own folder, with the parameters it declares;
    returns where the executed copy is."""
    import papermill

    declared = declared_parameters(notebook)
    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters={name: value for name, value in parameters.items() if name in declared},
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=timeout,
    )
    return output


def execute_all(notebooks: list[Path], scratch: Path, parameters: dict[str, object]) -> list:
    """Execute the notebooks side by side (one kernel each, up to the number of cores)."""
    import nbformat

    workers = max(1, min(len(notebooks), os.cpu_count() or 1, 4))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(execute, nb, scratch / nb.name, parameters) for nb in notebooks]
        paths = [future.result() for future in futures]
    return [nbformat.read(path, as_version=4) for path in paths]


def save_figures(executed, stem: str, figures: Path) -> list[Path]:
    """Every PNG output of an executed notebook, as files `<stem>-<n>.png` (answers included)."""
    figures.mkdir(parents=True, exist_ok=True)
    saved = []
    for cell in executed.cells:
        if ANSWER_TAG in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                path = figures / f"{stem}-{len(saved) + 1:02d}.png"
                path.write_bytes(base64.b64decode(data["image/png"]))
                saved.append(path)
    return saved


class ReportError(RuntimeError):
    """The report cannot be published as it is (a figure lost its glyphs)."""


def write_audit(doc, folder: Path) -> None:
    """The audit as `kanshousuo audit` prints it, text and JSON, beside the pages (inside the
    report, so the next build may replace them with the rest)."""
    from kanshousuo.audit import findings_as_json, findings_as_text

    findings = doc.audit()
    (folder / "audit.txt").write_text(findings_as_text(findings) + "\n", encoding="utf-8")
    (folder / "audit.json").write_text(findings_as_json(findings) + "\n", encoding="utf-8")


def missing_glyphs(executed) -> list[str]:
    """The warnings of an executed notebook that say a character had no glyph in the font (a chart
    would show empty boxes)."""
    return [
        line.strip()
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if output.get("name") == "stderr"
        for line in output.get("text", "").splitlines()
        if "missing from font" in line
    ]


def _pages(notebooks: list[Path], executed: list) -> list:
    """The pages of the report, in order; a notebook whose figure lost its glyphs stops it."""
    from kanshousuo.publish.pages import Page, notebook_question, notebook_title

    for notebook, run in zip(notebooks, executed, strict=True):
        if missing_glyphs(run):
            raise ReportError(f"{notebook.name}: {missing_glyphs(run)[0]}")
    return [
        Page("index.html", "首页 · start"),
        *(
            Page(nb.with_suffix(".html").name, notebook_title(ex, nb.stem), notebook_question(ex))
            for nb, ex in zip(notebooks, executed, strict=True)
        ),
        Page("glossary.html", "术语表 · glossary"),
    ]


def build_report(
    disclosure: Path,
    out: Path,
    notebooks: list[Path] | None = None,
    lang: str = "zh",
    corpus_db: Path = DEFAULT_CORPUS,
) -> Path:
    """Execute the notebooks and write the report into `out` (replaced only when all succeed).

    The notebooks on one disclosure read `disclosure`; the corpus notebook reads `corpus_db`,
    built from `data/raw` when it does not exist (`make corpus`).
    """
    from kanshousuo import read_disclosure
    from kanshousuo.publish.findings import key_findings
    from kanshousuo.publish.landing import landing_body
    from kanshousuo.publish.pages import build_stamp, glossary_body, notebook_page, wrap
    from kanshousuo.publish.student import student_parameters, write_student_notebooks
    from kanshousuo.publish.webfont import embed_font

    notebooks = notebooks or notebook_paths()
    disclosure, out, corpus_db = Path(disclosure).resolve(), Path(out).resolve(), Path(corpus_db).resolve()
    parameters = {"DISCLOSURE": str(disclosure), "LANG": lang, "CORPUS_DB": str(corpus_db), "RAW_DIR": str(RAW_DIR)}
    doc = read_disclosure(disclosure)
    stamp = build_stamp(doc)
    with tempfile.TemporaryDirectory(prefix="kanshousuo-run-") as scratch, replace_folder(out) as staging:
        executed = execute_all(notebooks, Path(scratch), parameters)
        pages = _pages(notebooks, executed)
        written = {}
        for notebook, run in zip(notebooks, executed, strict=True):
            page = notebook.with_suffix(".html").name
            written[staging / page] = notebook_page(run, doc, pages, page, stamp)
            save_figures(run, notebook.stem, staging / "figures")
        write_disclosure(doc, staging / "data")
        write_audit(doc, staging)
        (staging / "student").mkdir()
        student = write_student_notebooks(
            notebooks, staging / "student", student_parameters(disclosure, out / "student", corpus_db)
        )
        built = {nb.stem for nb in notebooks}  # a partial report links only to the pages it has
        findings = [f for f in key_findings(doc) if f.notebook in built]
        body = landing_body(doc, pages, findings, stamp, [p.name for p in student])
        written[staging / "index.html"] = wrap(doc, pages, "index.html", stamp, body, pages[0].title)
        written[staging / "glossary.html"] = wrap(
            doc, pages, "glossary.html", stamp, glossary_body(doc), "术语表 · glossary"
        )
        embed_font(written, staging / "assets")  # writes every page
    return out / "index.html"


def corpus_unavailable(notebooks: list[Path], corpus_db: Path) -> list[Path]:
    """The corpus notebooks that cannot run: no corpus database and no documents to build it from."""
    if Path(corpus_db).exists() or RAW_DIR.is_dir():
        return []
    corpus = set(notebook_paths(notebooks[0].parent, runs_on="corpus")) if notebooks else set()
    return [nb for nb in notebooks if nb in corpus]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kanshousuo.publish.report", description=__doc__.splitlines()[0])
    parser.add_argument("disclosure", nargs="?", default=str(DEFAULT_DOC), help="text or PDF disclosure")
    parser.add_argument("--out", default=str(ROOT / "reports"), help="output folder (default reports/)")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"), help="language of the charts (default zh)")
    parser.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help="corpus database of notebook 7 (built from data/raw if missing)"
    )
    parser.add_argument("--notebooks", default=str(NOTEBOOKS), help="folder of the numbered notebooks")
    args = parser.parse_args(argv)
    disclosure, folder = Path(args.disclosure).resolve(), Path(args.notebooks).resolve()
    if not disclosure.is_file():
        print(f"kanshousuo report: error: no such file: {disclosure}", file=sys.stderr)
        return 2
    notebooks = notebook_paths(folder) if folder.is_dir() else []
    if not notebooks:
        print(
            f"kanshousuo report: error: no notebooks in {folder} (an installed kanshousuo does not ship them): "
            "pass --notebooks, the notebooks/ folder of a kanshousuo checkout",
            file=sys.stderr,
        )
        return 2
    for notebook in corpus_unavailable(notebooks, Path(args.corpus)):
        print(f"note: {notebook.stem} left out: no corpus at {args.corpus} and no documents in {RAW_DIR}")
        notebooks.remove(notebook)
    try:
        from kanshousuo import read_disclosure
        from kanshousuo.errors import DisclosureError

        read_disclosure(disclosure)
    except DisclosureError as error:
        print(f"kanshousuo report: error: {error}", file=sys.stderr)
        return 2
    try:
        index = build_report(disclosure, Path(args.out).resolve(), notebooks, args.lang, Path(args.corpus))
    except Exception as error:  # a notebook failed: say which, keep the previous report
        print(
            f"kanshousuo report: error: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}",
            file=sys.stderr,
        )
        return 1
    print(f"report -> {index}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
