"""The student edition: the notebooks without their model answers, ready to open in JupyterLab.

Each cell tagged `answer` becomes an empty cell to write in (a markdown answer an empty markdown
cell, a code answer an empty code cell), outputs are cleared, and the `parameters` cell points at
the disclosure relative to where the edition is written, so it runs from there.

`python -m kanshousuo.publish.student [DISCLOSURE] [--out reports/student]` (`make student`).
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from pathlib import Path

from kanshousuo.publish.package import replace_folder
from kanshousuo.publish.paths import DEFAULT_CORPUS, DEFAULT_DOC, RAW_DIR, ROOT, notebook_paths

ANSWER_TAG = "answer"
EXERCISE_TAG = "exercise"
YOUR_ANSWER = "✍ 你的答案 · your answer"


def student_notebook(notebook, parameters: dict[str, str]):
    """A copy of `notebook` without answers; its parameters cell set to `parameters` (name ->
    value, e.g. DISCLOSURE -> the disclosure's path as seen from the edition's folder)."""
    import nbformat

    edition = copy.deepcopy(notebook)
    cells = []
    for cell in edition.cells:
        tags = cell.metadata.get("tags", [])
        if ANSWER_TAG in tags:
            if cell.cell_type == "markdown":
                blank = nbformat.v4.new_markdown_cell(f"*{YOUR_ANSWER}:* ")
            else:
                blank = nbformat.v4.new_code_cell(f"# {YOUR_ANSWER}\n")
            blank.metadata["tags"] = [EXERCISE_TAG]
            cells.append(blank)
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if "parameters" in tags:
                cell.source = _with_parameters(cell.source, parameters)
        cells.append(cell)
    edition.cells = cells
    return edition


def _with_parameters(source: str, parameters: dict[str, str]) -> str:
    lines = []
    for line in source.splitlines():
        name = line.split("=", 1)[0].strip()
        lines.append(f"{name} = {parameters[name]!r}" if "=" in line and name in parameters else line)
    return "\n".join(lines)


def write_student_notebooks(notebooks: list[Path], folder: Path, parameters: dict[str, str]) -> list[Path]:
    """Write the student edition of each notebook into `folder` (which must exist)."""
    import nbformat

    written = []
    for path in notebooks:
        edition = student_notebook(nbformat.read(path, as_version=4), parameters)
        target = folder / path.name
        nbformat.write(edition, target)
        written.append(target)
    return written


def relative_path(path: Path, final_folder: Path) -> str:
    """A path as seen from the folder the edition ends up in."""
    return os.path.relpath(Path(path).resolve(), Path(final_folder).resolve()).replace(os.sep, "/")


def student_parameters(disclosure: Path, final_folder: Path, corpus_db: Path = DEFAULT_CORPUS) -> dict[str, str]:
    """The parameters of the edition: the disclosure, the corpus and its documents, relative."""
    paths = {"DISCLOSURE": disclosure, "CORPUS_DB": corpus_db, "RAW_DIR": RAW_DIR}
    return {name: relative_path(path, final_folder) for name, path in paths.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kanshousuo.publish.student", description=__doc__.splitlines()[0])
    parser.add_argument("disclosure", nargs="?", default=str(DEFAULT_DOC))
    parser.add_argument("--out", default=str(ROOT / "reports" / "student"))
    args = parser.parse_args(argv)
    disclosure, out = Path(args.disclosure), Path(args.out)
    if not disclosure.is_file():
        print(f"kanshousuo student: error: no such file: {disclosure}", file=sys.stderr)
        return 2
    with replace_folder(out) as staging:
        write_student_notebooks(notebook_paths(), staging, student_parameters(disclosure, out))
    print(f"student edition -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
