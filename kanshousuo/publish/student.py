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
from kanshousuo.publish.paths import DEFAULT_DOC, ROOT, notebook_paths

ANSWER_TAG = "answer"
EXERCISE_TAG = "exercise"
YOUR_ANSWER = "✍ 你的答案 · your answer"


def student_notebook(notebook, disclosure: str):
    """A copy of `notebook` without answers; DISCLOSURE set to `disclosure` in its parameters cell."""
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
                cell.source = _with_disclosure(cell.source, disclosure)
        cells.append(cell)
    edition.cells = cells
    return edition


def _with_disclosure(source: str, disclosure: str) -> str:
    lines = [f"DISCLOSURE = {disclosure!r}" if line.startswith("DISCLOSURE") else line for line in source.splitlines()]
    return "\n".join(lines)


def write_student_notebooks(notebooks: list[Path], folder: Path, disclosure: str) -> list[Path]:
    """Write the student edition of each notebook into `folder` (which must exist)."""
    import nbformat

    written = []
    for path in notebooks:
        edition = student_notebook(nbformat.read(path, as_version=4), disclosure)
        target = folder / path.name
        nbformat.write(edition, target)
        written.append(target)
    return written


def relative_disclosure(disclosure: Path, final_folder: Path) -> str:
    """The disclosure's path as seen from the folder the edition ends up in."""
    return os.path.relpath(Path(disclosure).resolve(), Path(final_folder).resolve()).replace(os.sep, "/")


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
        write_student_notebooks(notebook_paths(), staging, relative_disclosure(disclosure, out))
    print(f"student edition -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
