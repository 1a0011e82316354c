"""Build the research report: execute every notebook fresh and publish it as HTML.

`python -m kanshousuo.report [DISCLOSURE] [--out reports]` runs each numbered notebook in
`notebooks/` with papermill (the disclosure goes in through the `parameters` cell), writes one
HTML page per notebook (answer cells, tagged `answer`, hidden), every figure as a PNG under
`reports/figures/`, and `reports/index.html` linking them. The notebooks in the repository are
never modified: executed copies go to the output folder.
"""

from __future__ import annotations

import argparse
import base64
import html
import sys
from pathlib import Path

from kanshousuo.publish.package import replace_folder

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_DOC = ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"
ANSWER_TAG = "answer"


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order (`1.0-…ipynb`, `2.0-…`)."""
    return sorted(p for p in folder.glob("[0-9]*.ipynb") if not p.name.startswith("."))


def execute(notebook: Path, output: Path, disclosure: Path, timeout: int = 600):
    """Run one notebook with papermill in its own folder; returns the executed notebook."""
    import nbformat
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters={"DISCLOSURE": str(disclosure)},
        cwd=str(notebook.parent),
        kernel_name="python3",
        progress_bar=False,
        execution_timeout=timeout,
    )
    return nbformat.read(output, as_version=4)


def save_figures(executed, stem: str, figures: Path) -> list[Path]:
    """Every PNG output of an executed notebook, as files `<stem>-<n>.png`."""
    figures.mkdir(parents=True, exist_ok=True)
    saved = []
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                path = figures / f"{stem}-{len(saved) + 1:02d}.png"
                path.write_bytes(base64.b64decode(data["image/png"]))
                saved.append(path)
    return saved


def to_html(executed) -> str:
    """The executed notebook as one HTML page, cells tagged `answer` removed."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter()
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={ANSWER_TAG}, enabled=True), enabled=True)
    body, _ = exporter.from_notebook_node(executed)
    return body


def _title(executed, fallback: str) -> str:
    for cell in executed.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def build_report(disclosure: Path, out: Path, notebooks: list[Path] | None = None) -> Path:
    """Execute the notebooks and write the report into `out` (replaced only when all succeed)."""
    notebooks = notebooks or notebook_paths()
    with replace_folder(out) as staging:
        entries = []
        for notebook in notebooks:
            executed = execute(notebook, staging / notebook.name, disclosure)
            page = notebook.with_suffix(".html").name
            (staging / page).write_text(to_html(executed), encoding="utf-8")
            figures = save_figures(executed, notebook.stem, staging / "figures")
            entries.append((page, _title(executed, notebook.stem), len(figures)))
        items = "\n".join(
            f'<li><a href="{html.escape(page)}">{html.escape(title)}</a> ({count} figures)</li>'
            for page, title, count in entries
        )
        (staging / "index.html").write_text(
            "<!doctype html><html lang='zh'><meta charset='utf-8'><title>kanshousuo report</title>"
            f"<h1>Budget disclosure report: {html.escape(disclosure.name)}</h1>"
            "<p>Every figure is read from the raw document and computed by the notebooks below, executed fresh. "
            "Figures as PNG are in <a href='figures/'>figures/</a>.</p>"
            f"<ol>{items}</ol></html>",
            encoding="utf-8",
        )
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kanshousuo.report", description=__doc__.splitlines()[0])
    parser.add_argument("disclosure", nargs="?", default=str(DEFAULT_DOC), help="text or PDF disclosure")
    parser.add_argument("--out", default=str(ROOT / "reports"), help="output folder (default reports/)")
    args = parser.parse_args(argv)
    disclosure = Path(args.disclosure).resolve()
    if not disclosure.is_file():
        print(f"kanshousuo report: error: no such file: {disclosure}", file=sys.stderr)
        return 2
    try:
        from kanshousuo import read_disclosure
        from kanshousuo.errors import DisclosureError

        read_disclosure(disclosure)
    except DisclosureError as error:
        print(f"kanshousuo report: error: {error}", file=sys.stderr)
        return 2
    try:
        index = build_report(disclosure, Path(args.out).resolve())
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
