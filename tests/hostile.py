"""Hostile inputs for `kanshousuo`, made by mutating the real seed documents (issue #16).

Every case is built from the documents the project ships (the Shanxi disclosure in `data/raw/`,
the Jiangnan fixture, the Shanghai PDF and the PDF fixtures) or synthesised beside them, and
carries the contract the command line must keep:

- `COMPLETE`        exit 0 with the same tables, rows and figures as the unmutated seed;
- `READ_OR_REFUSE`  that, or exit 2 with one line on stderr;
- `READ_OR_ERROR`   a complete read, or the audit reports an error (exit 1) or refuses (exit 2);
- `ERROR`           a half-read or a wrong document: the audit exits 1 with an error-severity
                    finding, or exits 2 with one line (the issue leaves the message open);
- `FLAGGED`         the audit reports a warning or an error naming the mutated token;
- `REFUSE`          every run exits 2 with one line on stderr;
- `SAFE`            exit 0 or 1, or exit 2 with one line (corrupt input whose right reading is unknown);
- `GUARD`           an `--out` the tool did not write: exit 2 with one line, or exit 0 and every
                    file that was there before is still there, unchanged.

On top of its contract every run must finish within the case's time limit, print no traceback,
change nothing outside the folder it may replace, leave `--out` old-or-new, and leave no child
process behind (`tests/fuzzing.py` checks all of this). The cases are grouped by the classes of
the issue: out_folder, encoding, amounts, structure, size, pdf, special.

The generator is deterministic: `fast_cases(seed)` and `slow_cases(seed)` build the same bytes
for the same seed. Only project dependencies are used (pypdfium2 and playa for the PDFs).
"""

from __future__ import annotations

import io
import os
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHANXI = ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"
JIANGNAN = ROOT / "tests" / "fixtures" / "jiangnan-ecology-2025-dept-budget.gb18030.txt"
SHANGHAI_PDF = ROOT / "data" / "raw" / "01_shanghai_putuo_zfbgs_2025_unit_budget.pdf"
FACSIMILE_PDF = ROOT / "tests" / "fixtures" / "FACSIMILE-shanxi-kanshousuo-2026-tables.pdf"
FIXTURE_PDFS = {
    "encrypted": ROOT / "tests" / "fixtures" / "encrypted-needs-password.pdf",
    "scanned": ROOT / "tests" / "fixtures" / "scanned-no-text-layer.pdf",
    "prose_only": ROOT / "tests" / "fixtures" / "prose-only-no-table.pdf",
}
TEXT_SEEDS = {"shanxi": (SHANXI, "utf-8"), "jiangnan": (JIANGNAN, "gb18030")}

COMPLETE = "complete"
READ_OR_REFUSE = "read_or_refuse"
READ_OR_ERROR = "read_or_error"
ERROR = "error"
FLAGGED = "flagged"
REFUSE = "refuse"
SAFE = "safe"
GUARD = "guard"
EXPECTATIONS = (COMPLETE, READ_OR_REFUSE, READ_OR_ERROR, ERROR, FLAGGED, REFUSE, SAFE, GUARD)
CLASSES = ("out_folder", "encoding", "amounts", "structure", "size", "pdf", "special")

_FIGURE = re.compile(r"-?[0-9,]+(?:\.[0-9]+)?")  # linear: no nested or overlapping repeats
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# ----------------------------------------------------------------------------------------------
# What a case is


@dataclass(frozen=True)
class Run:
    """One command of a case, with the folders it may change (paths relative to the workspace).

    `out` is the folder an extract writes (None for an audit); `may_replace` are folders whose
    whole content may change; `may_add` are folders where new entries may appear beside the ones
    already there (which must stay unchanged); `compare` names the seed whose complete read the
    run must reproduce when the contract asks for a complete read.
    """

    args: tuple[str, ...]
    kind: str  # "extract" or "audit"
    out: str | None = None
    cwd: str = "."
    may_replace: tuple[str, ...] = ()
    may_add: tuple[str, ...] = ()
    compare: str | None = None


@dataclass(frozen=True)
class Case:
    """One hostile input: its class, a short id, the contract and how to build it."""

    klass: str
    id: str
    expect: str
    about: str
    build: Callable[[Path], list[Run]] = field(repr=False, compare=False)
    limit: float = 20.0  # CPU seconds per process of a run (a run the kernel stops at the limit fails)
    wall: float | None = None  # wall seconds before a blocked run is killed (default: 6x limit, >= limit + 10)
    memory: int | None = None  # address space per run in bytes (default: the harness's)
    mention: str | None = None  # FLAGGED: the token a finding must name
    random: bool = False  # drawn by the seeded sampler (not one of the named cases)
    fast: bool = True  # in the set `make test` runs (controls that pass today run in the benchmark only)


# ----------------------------------------------------------------------------------------------
# Reading the seeds (our own light-weight view: the package's internals are not used)


def seed_text(name: str) -> str:
    """The decoded text of a text seed ("shanxi" or "jiangnan")."""
    path, encoding = TEXT_SEEDS[name]
    return path.read_bytes().decode(encoding)


def is_figure(cell: str) -> bool:
    """A printed figure such as 2,214.25 or 0 (not a code, which has no comma or point).

    >>> is_figure("2,214.25"), is_figure("128.20"), is_figure("2040201"), is_figure("合计")
    (True, True, False, False)
    """
    cell = cell.strip()
    return bool(_FIGURE.fullmatch(cell)) and ("." in cell or "," in cell)


@dataclass
class TableSpan:
    """Where one printed table lies in a list of lines (indices into the list)."""

    title: int
    rows: list[int]  # lines with a tab after the title, before the next table or heading
    data: list[int]  # the rows that print at least one figure

    @property
    def end(self) -> int:
        """One past the table's last row."""
        return (self.rows[-1] if self.rows else self.title) + 1


def _is_title(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if "\t" in lines[index] or "表" not in line or "年" not in line or len(line) < 6:
        return False
    if line.startswith("第") and "部分" in line[:6]:
        return False  # a part heading (第二部分 2026年单位预算报表)
    following = [text.strip() for text in lines[index + 1 : index + 12] if text.strip()][:3]
    return any(text.startswith(("单位名称", "单位：", "单位:", "部门名称")) for text in following)


def find_tables(lines: list[str]) -> list[TableSpan]:
    """The printed tables of a seed: a title with a 单位 line under it, and its tab rows."""
    titles = [i for i in range(len(lines)) if _is_title(lines, i)]
    spans = []
    for position, start in enumerate(titles):
        stop = titles[position + 1] if position + 1 < len(titles) else len(lines)
        rows: list[int] = []
        for i in range(start + 1, stop):
            text = lines[i].strip()
            if text.startswith("第") and "部分" in text[:6]:
                break
            if "绩效目标表" in text:
                break
            if "\t" in lines[i]:
                rows.append(i)
        data = [i for i in rows if any(is_figure(c) for c in lines[i].split("\t")[1:])]
        spans.append(TableSpan(start, rows, data))
    return spans


def _title_span(lines: list[str], spans: list[TableSpan], word: str) -> TableSpan:
    return next(span for span in spans if word in lines[span.title])


def _part_three(lines: list[str]) -> tuple[int, int]:
    starts = [i for i, line in enumerate(lines) if line.startswith("第三部分") and "\t" not in line]
    ends = [i for i, line in enumerate(lines) if line.startswith("第四部分") and "\t" not in line]
    return starts[-1], ends[-1]


# ----------------------------------------------------------------------------------------------
# Text mutations (pure functions on lines or bytes)


def lose_tabs(lines: list[str], span: TableSpan) -> list[str]:
    """The table's data rows with their tab separators turned into spaces."""
    out = list(lines)
    for i in span.data:
        out[i] = out[i].replace("\t", " ")
    return out


def drop_rows(lines: list[str], rows: list[int]) -> list[str]:
    """The lines without the given rows."""
    gone = set(rows)
    return [line for i, line in enumerate(lines) if i not in gone]


def print_twice(lines: list[str], span: TableSpan) -> list[str]:
    """The table (title to last row) printed again right after itself."""
    block = lines[span.title : span.end]
    return lines[: span.end] + [""] + block + lines[span.end :]


def cut_after(lines: list[str], span: TableSpan) -> list[str]:
    """The text cut right after the table's last row."""
    return lines[: span.end]


def drop_table(lines: list[str], span: TableSpan) -> list[str]:
    """The text without the table (title to last row); the contents page still lists it."""
    start = span.title
    if start > 0 and re.fullmatch(r"(?:预算公开)?表[0-9]{1,2}", lines[start - 1].strip()):
        start -= 1  # its 表N marker line goes with it
    return lines[:start] + lines[span.end :]


def replace_in_rows(lines: list[str], rows: list[int], old: str, new: str) -> list[str]:
    """`old` replaced by `new` in the given rows only."""
    out = list(lines)
    for i in rows:
        out[i] = out[i].replace(old, new)
    return out


def full_width_digits(lines: list[str]) -> list[str]:
    """Every ASCII digit in every tab row written full width (１２３), as some templates print them.

    >>> full_width_digits(["合计\\t2,214.25", "单位：万元"])
    ['合计\\t２,２１４.２５', '单位：万元']
    """
    return [line.translate(_FULL_WIDTH) if "\t" in line else line for line in lines]


def set_unit(lines: list[str], span: TableSpan, unit: str) -> list[str]:
    """The 单位：… line above a table set to another unit (美元, 元 …)."""
    out = list(lines)
    for i in range(span.title + 1, (span.rows[0] if span.rows else span.end)):
        text = out[i].strip()
        if text.startswith(("单位：", "单位:")):
            out[i] = re.sub(r"[:：].*", "：" + unit, text, count=1)
            return out
    raise ValueError("no unit line above the table")


def change_cell(line: str, column: int, value: str) -> str:
    """One tab-separated cell replaced.

    >>> change_cell("a\\tb\\tc", 1, "X")
    'a\\tX\\tc'
    """
    cells = line.split("\t")
    cells[column] = value
    return "\t".join(cells)


def figure_cells(line: str) -> list[int]:
    """Positions of the figure cells of a row (never the first, the label or code)."""
    return [j for j, cell in enumerate(line.split("\t")) if j > 0 and is_figure(cell)]


def label_cell(line: str) -> int | None:
    """Position of the first cell with at least two CJK characters (a row's label)."""
    for j, cell in enumerate(line.split("\t")):
        if sum("\u4e00" <= ch <= "\u9fff" for ch in cell) >= 2:
            return j
    return None


def with_line_ends(text: str, ending: str) -> str:
    """The text with every line ending replaced ("\\r\\n", "\\r", or "mixed")."""
    lines = text.split("\n")
    if ending == "mixed":
        return "".join(line + ("\r\n", "\n", "\r\n")[i % 3] for i, line in enumerate(lines))
    return ending.join(lines)


def pad_past(text: str, encoding: str, size: int) -> str:
    """The text with part 4 repeated at its end until the encoded text is longer than `size` bytes."""
    lines = text.split("\n")
    start = max(i for i, line in enumerate(lines) if line.startswith("第四部分"))
    filler = "\n".join(lines[start + 1 :])
    while len(text.encode(encoding)) <= size:
        text = text + "\n" + filler
    return text


def encode(lines: list[str] | str, encoding: str) -> bytes:
    """Lines (or text) as bytes in the seed's encoding."""
    text = lines if isinstance(lines, str) else "\n".join(lines)
    return text.encode(encoding)


# ----------------------------------------------------------------------------------------------
# Size mutations


def long_toc_dots(lines: list[str], count: int) -> list[str]:
    """A contents line whose leader of dots runs `count` dots and ends in no page number."""
    out = list(lines)
    index = next(i for i, line in enumerate(out) if "....." in line)
    head = out[index].split(".")[0]
    out[index] = head + "." * count + "页"
    return out


def spaced_unit_name(lines: list[str], count: int) -> list[str]:
    """The first 单位名称 line with `count` spaces inside it before a last word."""
    out = list(lines)
    index = next(i for i, line in enumerate(out) if line.startswith("单位名称") and "\t" not in line)
    out[index] = out[index].rstrip() + " " * count + "（盖章）"
    return out


def digits_in_part_three(lines: list[str], count: int) -> list[str]:
    """A sentence of part 3 followed by a run of `count` digits (no 万元 after it)."""
    out = list(lines)
    start, end = _part_three(out)
    index = next(i for i in range(start + 1, end) if "万元" in out[i])
    out[index] = out[index] + "附表编号" + "7" * count + "号"
    return out


def digits_in_target_cell(lines: list[str], count: int) -> list[str]:
    """The 项目概况 cell of the first performance-target table with a run of `count` digits."""
    out = list(lines)
    index = next(i for i, line in enumerate(out) if line.startswith("项目概况\t"))
    cells = out[index].split("\t")
    cells[1] = cells[1] + "编号" + "3" * count + "号"
    out[index] = "\t".join(cells)
    return out


def long_table(lines: list[str], rows: int, coded: bool) -> list[str]:
    """One table grown by `rows` rows of 0.00 that change no total.

    coded=False adds project rows to 项目支出预算表（本年预算）; coded=True adds 7-digit rows
    (2040301, 2040302 …) under 2040299 in the 收入总表, each with its code.
    """
    out = list(lines)
    spans = find_tables(out)
    if coded:
        span = _title_span(out, spans, "收入总表")
        anchor = next(i for i in span.data if out[i].startswith("2040299"))
        width = len(out[anchor].split("\t"))
        added = []
        for k in range(rows):
            kuan, item = divmod(k, 99)
            code = f"204{kuan % 95 + 3:02d}{item + 1:02d}"
            added.append("\t".join([code, f"测试科目{k}", "0.00", "0.00", *[""] * (width - 4)]))
    else:
        span = _title_span(out, spans, "项目支出预算表（本年预算）")
        anchor = span.data[-1]
        width = len(out[anchor].split("\t"))
        added = [
            "\t".join([f"测试项目{k:07d}号专项经费（续）", "0.00", "0.00", *[""] * (width - 3)]) for k in range(rows)
        ]
    return out[: anchor + 1] + added + out[anchor + 1 :]


def rows_for_megabytes(megabytes: float) -> int:
    """How many rows `long_table(coded=False)` adds to make the Shanxi text about `megabytes` MB."""
    row = len("\t".join(["测试项目0000000号专项经费（续）", "0.00", "0.00", "", "", "", ""]).encode()) + 1
    return max(0, int((megabytes * 1_000_000 - SHANXI.stat().st_size) // row))


# ----------------------------------------------------------------------------------------------
# PDF mutations


def flip_bytes(data: bytes, count: int, rng: random.Random) -> bytes:
    """`count` bytes after the header changed at random positions (XOR with a non-zero byte)."""
    out = bytearray(data)
    for _ in range(count):
        position = rng.randrange(16, len(out))
        out[position] ^= rng.randrange(1, 256)
    return bytes(out)


def _pdf_trailer(data: bytes) -> tuple[int, int, int]:
    """(offset of the last xref, /Size, /Root object number) of a PDF with a classic trailer."""
    startxref = int(re.findall(rb"startxref\s+([0-9]+)", data)[-1])
    size = int(re.findall(rb"/Size\s+([0-9]+)", data)[-1])
    root = int(re.findall(rb"/Root\s+([0-9]+)\s+0\s+R", data)[-1])
    return startxref, size, root


def incremental_update(data: bytes, objects: dict[int, bytes], root: int) -> bytes:
    """The PDF with an appended update section that (re)defines `objects` (number -> body).

    >>> pdf = incremental_update(b"%PDF-1.4\\ntrailer << /Size 3 /Root 1 0 R >>\\nstartxref\\n9\\n%%EOF\\n",
    ...                          {1: b"<< /Type /Catalog >>"}, 1)
    >>> pdf.count(b"startxref"), b"/Prev 9" in pdf
    (2, True)
    """
    previous, size, _ = _pdf_trailer(data)
    body = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, text in sorted(objects.items()):
        offsets[number] = len(body)
        body += b"%d 0 obj\n" % number + text + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n"
    for number in sorted(offsets):
        body += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    new_size = max(size, max(objects) + 1)
    body += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        new_size,
        root,
        previous,
        xref,
    )
    return bytes(body)


def _page_tree(path: Path) -> tuple[int, int, list[int]]:
    """(catalog object, page-tree root object, page objects) read with playa."""
    import playa

    with playa.open(path) as pdf:
        pages_ref = pdf.catalog["Pages"]
        page_ids = [page.pageid for page in pdf.pages]
    _, _, root = _pdf_trailer(path.read_bytes())
    return root, pages_ref.objid, page_ids


def cyclic_page_tree(path: Path) -> bytes:
    """The PDF whose page-tree root lists itself among its kids (a cycle)."""
    _, pages, page_ids = _page_tree(path)
    kids = b" ".join(b"%d 0 R" % p for p in page_ids) + b" %d 0 R" % pages
    body = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids) + 1)
    data = path.read_bytes()
    return incremental_update(data, {pages: body}, _pdf_trailer(data)[2])


def deep_page_tree(path: Path, depth: int) -> bytes:
    """The PDF whose catalog reaches the original page tree through `depth` nested /Pages nodes."""
    catalog, pages, page_ids = _page_tree(path)
    data = path.read_bytes()
    _, size, _ = _pdf_trailer(data)
    objects: dict[int, bytes] = {}
    first = size
    for level in range(depth):
        number = first + level
        kid = number + 1 if level + 1 < depth else pages
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects[number] = b"<< /Type /Pages /Kids [%d 0 R] /Count %d%s >>" % (kid, len(page_ids), parent)
    objects[catalog] = b"<< /Type /Catalog /Pages %d 0 R >>" % first
    return incremental_update(data, objects, catalog)


def without_ruling_lines(path: Path) -> bytes:
    """The PDF with every path object (the table rulings) removed; the text stays."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            for obj in [o for o in page.get_objects(max_depth=1) if o.type == raw.FPDF_PAGEOBJ_PATH]:
                page.remove_obj(obj)
            page.gen_content()
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
    finally:
        pdf.close()


# ----------------------------------------------------------------------------------------------
# Building cases


def _write(ws: Path, rel: str, data: bytes) -> str:
    path = ws / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return rel


def extract_and_audit(rel: str, out: str, compare: str | None = None, audit: bool = True) -> list[Run]:
    """An extract into `out` (which may be replaced) and, if asked, an audit --json of `rel`."""
    runs = [Run(("extract", rel, "--out", out), "extract", out=out, may_replace=(out,), compare=compare)]
    if audit:
        runs.append(Run(("audit", rel, "--json"), "audit", compare=compare))
    return runs


def audit_only(rel: str, strict: bool = False) -> list[Run]:
    """One `audit --json` of `rel`."""
    return [Run(("audit", rel, "--json", *(["--strict"] if strict else [])), "audit")]


def extract_only(rel: str, out: str, compare: str | None = None) -> list[Run]:
    """One extract of `rel` into `out` (which may be replaced)."""
    return extract_and_audit(rel, out, compare, audit=False)


def _text_case(
    klass: str,
    case_id: str,
    expect: str,
    about: str,
    seed: str,
    mutate: Callable[[list[str]], list[str] | str | bytes],
    runs: Callable[[str, str], list[Run]],
    name: str | None = None,
    **extra,
) -> Case:
    """A case whose input is a mutation of a text seed, written as docs/<name>."""

    def build(ws: Path) -> list[Run]:
        _, encoding = TEXT_SEEDS[seed]
        mutated = mutate(seed_text(seed).split("\n"))
        data = mutated if isinstance(mutated, bytes) else encode(mutated, encoding)
        rel = _write(ws, f"docs/{name or case_id + '.txt'}", data)
        return runs(rel, f"out/{case_id}")

    return Case(klass, case_id, expect, about, build, **extra)


def _extract(compare: str | None = None) -> Callable[[str, str], list[Run]]:
    return lambda rel, out: extract_only(rel, out, compare)


def _audit(strict: bool = False) -> Callable[[str, str], list[Run]]:
    return lambda rel, out: audit_only(rel, strict)


def _both(compare: str | None = None) -> Callable[[str, str], list[Run]]:
    return lambda rel, out: extract_and_audit(rel, out, compare)


# -- out folders (data loss) -------------------------------------------------------------------


def out_folder_cases() -> list[Case]:
    """The `--out` folders and default outputs that wiped users' files (issue #16), and controls."""
    seed = SHANXI.read_bytes()

    def guard(case_id: str, about: str, args: tuple[str, ...], out: str, cwd: str = ".", fast: bool = True) -> Case:
        def build(ws: Path) -> list[Run]:
            _write(ws, "docs/2026/seed.txt", seed)
            return [Run(args, "extract", out=out, cwd=cwd, may_add=(out,) if out != "notes.md" else ())]

        return Case("out_folder", case_id, GUARD, about, build, fast=fast)

    def default_out(case_id: str, name: str, about: str) -> Case:
        def build(ws: Path) -> list[Run]:
            _write(ws, f"docs/{name}", seed)
            return [Run(("extract", f"docs/{name}"), "extract", out=None, may_add=("data/processed",))]

        return Case("out_folder", case_id, GUARD, about, build)

    def control(case_id: str, about: str, out: str | None, replace: str, expect: str = COMPLETE) -> Case:
        def build(ws: Path) -> list[Run]:
            _write(ws, "docs/seed.txt", seed if expect == COMPLETE else "只是一段文字，没有表格。\n".encode())
            args = ("extract", "docs/seed.txt", *(("--out", out) if out is not None else ()))
            return [
                Run(
                    args,
                    "extract",
                    out=out,
                    may_replace=(replace,) if replace else (),
                    compare="shanxi" if expect == COMPLETE else None,
                )
            ]

        return Case("out_folder", case_id, expect, about, build, fast=False)

    source = "docs/2026/seed.txt"
    return [
        guard(
            "out-dot", "--out . (the working folder, full of the user's files)", ("extract", source, "--out", "."), "."
        ),
        guard("out-empty", "--out '' (an empty argument is the working folder)", ("extract", source, "--out", ""), "."),
        guard(
            "out-input-folder",
            "--out the input's own folder (docs/2026)",
            ("extract", source, "--out", "docs/2026"),
            "docs/2026",
        ),
        guard(
            "out-above-input",
            "--out a folder above the input's folder (docs)",
            ("extract", source, "--out", "docs"),
            "docs",
        ),
        guard(
            "out-user-folder",
            "--out a folder that holds only the user's own files",
            ("extract", source, "--out", "userdir"),
            "userdir",
        ),
        guard(
            "out-dotdot",
            "--out .. run from inside docs/",
            ("extract", "2026/seed.txt", "--out", ".."),
            "..",
            cwd="docs",
            fast=False,
        ),
        guard(
            "out-user-file",
            "--out an existing file of the user's",
            ("extract", source, "--out", "notes.md"),
            "notes.md",
            fast=False,
        ),
        default_out("input-three-dots", "...txt", "an input named ...txt (default output data/processed/..)"),
        default_out("input-two-dots", "..txt", "an input named ..txt (default output data/processed/.)"),
        control(
            "replace-previous-output",
            "--out an earlier output of the tool: replaced",
            "data/processed/previous-doc",
            "data/processed/previous-doc",
        ),
        control(
            "default-out", "no --out: data/processed/seed beside the user's other output", None, "data/processed/seed"
        ),
        control("out-new-deep", "--out a new folder three levels down", "new/a/b/c", "new"),
        control("out-dot-bad-input", "--out . with an input that is not a disclosure", ".", "", expect=REFUSE),
    ]


# -- encodings and line ends -------------------------------------------------------------------


def encoding_cases() -> list[Case]:
    """Encodings, byte-order marks, line ends, line separators and NUL bytes."""

    def as_bytes(text_of: Callable[[str], bytes]) -> Callable[[list[str]], bytes]:
        return lambda lines: text_of("\n".join(lines))

    def u2028(lines: list[str]) -> list[str]:
        out = list(lines)
        span = _title_span(out, find_tables(out), "预算支出总表")
        row = next(i for i in span.data if out[i].startswith("2040202"))
        out[row] = out[row].replace("一般行政", "一般\u2028行政")
        return out

    def nul_after_64k(lines: list[str]) -> bytes:
        data = pad_past("\n".join(lines), "utf-8", 70_000).encode()
        at = data.index(b"\n", 66_000) + 1  # between two lines: the text stays valid UTF-8
        return data[:at] + b"\x00" * 16 + b"\n" + data[at:]

    def control(case_id: str, about: str, mutate: Callable[[list[str]], bytes | str], expect: str = COMPLETE) -> Case:
        return _text_case("encoding", case_id, expect, about, "shanxi", mutate, _extract("shanxi"), fast=False)

    return [
        _text_case(
            "encoding",
            "u2028-in-cell",
            READ_OR_REFUSE,
            "U+2028 LINE SEPARATOR inside the label 一般行政管理事务 of 支出总表 (the row must not split)",
            "shanxi",
            u2028,
            _extract("shanxi"),
        ),
        _text_case(
            "encoding",
            "nul-after-64k",
            REFUSE,
            "a line of NUL bytes after byte 66,000 of the seed padded past 64 KiB (binary data)",
            "shanxi",
            nul_after_64k,
            _both(),
        ),
        _text_case(
            "encoding",
            "crlf",
            COMPLETE,
            "the seed with CRLF line ends",
            "shanxi",
            lambda lines: with_line_ends("\n".join(lines), "\r\n"),
            _extract("shanxi"),
        ),
        control("utf8-bom", "the seed with a UTF-8 byte-order mark", as_bytes(lambda t: b"\xef\xbb\xbf" + t.encode())),
        control("gb18030", "the seed encoded as GB18030", as_bytes(lambda t: t.encode("gb18030"))),
        control("cr-only", "the seed with old-Mac CR line ends", lambda lines: with_line_ends("\n".join(lines), "\r")),
        control("utf16", "the seed encoded as UTF-16 with BOM", as_bytes(lambda t: t.encode("utf-16")), READ_OR_REFUSE),
    ]


# -- amounts ----------------------------------------------------------------------------------


def amount_cases() -> list[Case]:
    """Units, full-width digits and huge digit runs in figures."""

    def dollars(lines: list[str]) -> list[str]:
        return set_unit(lines, _title_span(lines, find_tables(lines), "一般公共预算支出预算表"), "美元")

    def huge_figure(lines: list[str]) -> list[str]:
        out = list(lines)
        span = _title_span(out, find_tables(out), "预算支出总表")
        row = next(i for i in span.data if out[i].startswith("2040201"))
        return [*out[:row], change_cell(out[row], 3, "1" + "0" * 4000 + ".00"), *out[row + 1 :]]

    return [
        _text_case(
            "amounts",
            "full-width-digits",
            READ_OR_REFUSE,
            "every digit of every table row written full width (１２３)",
            "shanxi",
            full_width_digits,
            _extract("shanxi"),
        ),
        _text_case(
            "amounts", "unit-dollars", ERROR, "单位：美元 above 一般公共预算支出预算表", "shanxi", dollars, _audit()
        ),
        _text_case(
            "amounts",
            "huge-figure",
            ERROR,
            "a figure of 4,000 digits in 支出总表 (基本支出 of 2040201)",
            "shanxi",
            huge_figure,
            _audit(),
            fast=False,
        ),
    ]


# -- structure ---------------------------------------------------------------------------------


def structure_cases() -> list[Case]:
    """Tables that lost their tabs, their rows, were printed twice, cut off, or carry unknown codes."""

    def on_table(word: str, mutate: Callable[[list[str], TableSpan], list[str]]) -> Callable[[list[str]], list[str]]:
        return lambda lines: mutate(lines, _title_span(lines, find_tables(lines), word))

    def header_only(lines: list[str], span: TableSpan) -> list[str]:
        return drop_rows(lines, span.data)

    def third(lines: list[str]) -> list[str]:
        return cut_after(lines, find_tables(lines)[2])

    def unknown_code(lines: list[str]) -> list[str]:
        span = _title_span(lines, find_tables(lines), "一般公共预算支出预算表")
        return replace_in_rows(lines, span.data, "2040220\t", "2040221\t")

    return [
        _text_case(
            "structure",
            "lost-tabs",
            ERROR,
            "支出总表's data rows lost their tab separators",
            "shanxi",
            on_table("预算支出总表", lose_tabs),
            _audit(),
        ),
        _text_case(
            "structure",
            "header-without-rows",
            ERROR,
            "一般公共预算支出预算表 printed with its header and no rows (no 本表无数据 note)",
            "shanxi",
            on_table("一般公共预算支出预算表", header_only),
            _audit(),
        ),
        _text_case(
            "structure",
            "table-twice",
            ERROR,
            "政府性基金预算收入表 printed twice in a row (Jiangnan)",
            "jiangnan",
            on_table("政府性基金预算收入表", print_twice),
            _audit(),
        ),
        _text_case(
            "structure",
            "cut-after-three-tables",
            ERROR,
            "the text cut after its third table",
            "shanxi",
            third,
            _audit(),
        ),
        _text_case(
            "structure",
            "table-missing",
            ERROR,
            "机关运行经费预算表 removed; the contents page still lists it",
            "shanxi",
            on_table("机关运行经费", drop_table),
            _audit(),
        ),
        _text_case(
            "structure",
            "unknown-code",
            FLAGGED,
            "2040220 changed to 2040221 (no such code) in 一般公共预算支出预算表 (audit --strict)",
            "shanxi",
            unknown_code,
            _audit(strict=True),
            mention="2040221",
        ),
    ]


# -- sizes -------------------------------------------------------------------------------------


def size_cases(
    scale: int = 1,
    extract_rows: int = 60_000,
    coded_rows: int = 3_000,
    audit_rows: int | None = None,
    limit: float = 3.0,
    big_limit: float = 6.0,
    huge_limit: float | None = None,
    extract_limit: float = 7.5,
) -> list[Case]:
    """Long runs that make a backtracking regex take minutes, and tables of many rows.

    The limits are CPU seconds per process, so a loaded machine does not make them flaky: a
    command on the unmutated seed takes about 1.3 CPU seconds and a linear reader little more on
    the long runs (limit 3 s), where today's code takes from 10 CPU seconds to many minutes. The
    tables ask for a rate, not just for linearity: 3,000 coded rows audited in 6 s (today's
    `check_code_hierarchy` filters every coded row once per parent: 13 CPU seconds) and 60,000
    rows extracted in 7.5 s (the code before the fix took 9 CPU seconds; the fixed one about
    5.3, and a CPU second more when the other fuzz cases share the cores: a 6 s limit was flaky),
    the rate at which the issue's 850,000-row, 50 MB text reads in under two minutes.
    """
    n = 50_000 * scale
    big = big_limit
    cases = [
        _text_case(
            "size",
            "toc-dots",
            SAFE,
            f"a contents line of {n:,} dots and no page number",
            "shanxi",
            lambda lines: long_toc_dots(lines, n),
            _extract(),
            limit=limit,
        ),
        _text_case(
            "size",
            "unit-name-spaces",
            SAFE,
            f"{2 * n:,} spaces inside the first 单位名称 line",
            "shanxi",
            lambda lines: spaced_unit_name(lines, 2 * n),
            _extract(),
            limit=limit,
        ),
        _text_case(
            "size",
            "part3-digits",
            SAFE,
            f"a run of {n:,} digits in a sentence of part 3 (audit)",
            "shanxi",
            lambda lines: digits_in_part_three(lines, n),
            _audit(),
            limit=limit,
        ),
        _text_case(
            "size",
            "target-cell-digits",
            SAFE,
            f"a run of {n // 10:,} digits in a 项目概况 cell",
            "shanxi",
            lambda lines: digits_in_target_cell(lines, n // 10),
            _extract(),
            limit=limit,
        ),
        _text_case(
            "size",
            "coded-rows-audit",
            SAFE,
            f"收入总表 grown by {coded_rows:,} coded rows of 0.00 (audit)",
            "shanxi",
            lambda lines: long_table(lines, coded_rows, coded=True),
            _audit(),
            limit=big,
        ),
        _text_case(
            "size",
            "long-table-extract",
            SAFE,
            f"项目支出预算表 grown by {extract_rows:,} rows of 0.00 (extract)",
            "shanxi",
            lambda lines: long_table(lines, extract_rows, coded=False),
            _extract(),
            limit=huge_limit or extract_limit,
        ),
    ]
    if audit_rows:
        cases.append(
            _text_case(
                "size",
                "long-table-audit",
                SAFE,
                f"项目支出预算表 grown by {audit_rows:,} rows of 0.00 (audit)",
                "shanxi",
                lambda lines: long_table(lines, audit_rows, coded=False),
                _audit(),
                limit=big,
            )
        )
    return cases


# -- PDFs --------------------------------------------------------------------------------------


def _pdf_case(case_id: str, expect: str, about: str, make: Callable[[], bytes], runs: str = "extract", **extra) -> Case:
    def build(ws: Path) -> list[Run]:
        rel = _write(ws, f"docs/{case_id}.pdf", make())
        return audit_only(rel) if runs == "audit" else extract_only(rel, f"out/{case_id}")

    return Case("pdf", case_id, expect, about, build, **extra)


def pdf_cases() -> list[Case]:
    """Cyclic and deep page trees, no ruling lines, and the project's bad-PDF fixtures."""
    cases = [
        _pdf_case(
            "cyclic-pages",
            SAFE,
            "the facsimile with a /Pages node that lists itself",
            lambda: cyclic_page_tree(FACSIMILE_PDF),
        ),
        _pdf_case(
            "deep-pages",
            SAFE,
            "the facsimile under 20,000 nested /Pages nodes",
            lambda: deep_page_tree(FACSIMILE_PDF, 20_000),
            limit=3.0,
        ),
        _pdf_case(
            "no-ruling-lines",
            ERROR,
            "the facsimile with every path (table ruling) removed (audit)",
            lambda: without_ruling_lines(FACSIMILE_PDF),
            runs="audit",
        ),
        _pdf_case(
            "flip-shanghai",
            SAFE,
            "the Shanghai PDF with one byte flipped (rng 1493706065)",
            lambda: flip_bytes(SHANGHAI_PDF.read_bytes(), 1, random.Random(1493706065)),
        ),
        _pdf_case("not-a-pdf", REFUSE, "the text seed named .pdf", lambda: SHANXI.read_bytes(), fast=False),
        _pdf_case("header-only", REFUSE, "%PDF-1.4 and nothing else", lambda: b"%PDF-1.4\n%%EOF\n", fast=False),
    ]
    for name, path in FIXTURE_PDFS.items():
        cases.append(
            _pdf_case(
                f"fixture-{name.replace('_', '-')}",
                REFUSE,
                f"tests/fixtures/{path.name}",
                lambda path=path: path.read_bytes(),
                fast=False,
            )
        )
    return cases


# -- special files -----------------------------------------------------------------------------


def special_cases() -> list[Case]:
    """A FIFO, /dev/zero, a folder, a dangling link and a link loop given as the input."""

    def fifo(ws: Path) -> list[Run]:
        (ws / "docs").mkdir(parents=True, exist_ok=True)
        os.mkfifo(ws / "docs" / "pipe.txt")
        return extract_only("docs/pipe.txt", "out/fifo")

    def zero(ws: Path) -> list[Run]:
        (ws / "docs").mkdir(parents=True, exist_ok=True)
        (ws / "docs" / "zero.txt").symlink_to("/dev/zero")
        return extract_only("docs/zero.txt", "out/zero")

    def folder(ws: Path) -> list[Run]:
        (ws / "docs" / "folder.txt").mkdir(parents=True)
        return extract_only("docs/folder.txt", "out/folder")

    def dangling(ws: Path) -> list[Run]:
        (ws / "docs").mkdir(parents=True, exist_ok=True)
        (ws / "docs" / "gone.txt").symlink_to("nowhere.txt")
        return extract_only("docs/gone.txt", "out/gone")

    def loop(ws: Path) -> list[Run]:
        (ws / "docs").mkdir(parents=True, exist_ok=True)
        (ws / "docs" / "a.txt").symlink_to("b.txt")
        (ws / "docs" / "b.txt").symlink_to("a.txt")
        return extract_only("docs/a.txt", "out/loop")

    return [
        Case("special", "fifo", REFUSE, "a named pipe (FIFO) nobody writes to", fifo, limit=3.0, wall=3.0),
        Case("special", "dev-zero", REFUSE, "a link to /dev/zero (endless NUL bytes)", zero, limit=8.0, memory=1 << 30),
        Case("special", "folder", REFUSE, "a folder named folder.txt", folder, fast=False),
        Case("special", "dangling-link", REFUSE, "a symbolic link to nothing", dangling, fast=False),
        Case("special", "link-loop", REFUSE, "two symbolic links pointing at each other", loop),
    ]


# ----------------------------------------------------------------------------------------------
# The seeded sample: random mutations of random seeds

RANDOM_TEXT_KINDS = (
    "figure",
    "drop-row",
    "line-end",
    "separator",
    "lost-tabs",
    "header-only",
    "twice",
    "truncate",
    "drop-table",
    "unit",
    "full-width",
    "zwsp",
)


def _deletable_rows(lines: list[str], span: TableSpan) -> list[int]:
    """Coded rows with a sibling under the same parent code: deleting one breaks parent = Σ children."""
    codes = {}
    for i in span.data:
        first = lines[i].split("\t")[0].strip()
        if first.isdigit() and len(first) in (5, 7):
            codes[i] = first
    parents = [code[:-2] for code in codes.values()]
    return [i for i, code in codes.items() if parents.count(code[:-2]) >= 2]


def _random_text_case(rng: random.Random, index: int, kind: str) -> Case:
    """One random mutation (of the given kind) of a random text seed, with the contract it must keep."""
    seed = rng.choice(sorted(TEXT_SEEDS))
    lines = seed_text(seed).split("\n")
    spans = [s for s in find_tables(lines) if s.data]
    span = rng.choice(spans)
    title = lines[span.title].strip()
    row = rng.choice(span.data)
    tag = f"{seed}-{index:02d}"
    if kind == "figure":  # fault injection: one figure +1.00 (the audit must catch it)
        column = rng.choice(figure_cells(lines[row]))
        old = lines[row].split("\t")[column]
        new = f"{float(old.replace(',', '')) + 1:.2f}"
        return _text_case(
            "amounts",
            f"fig+1-{tag}",
            ERROR,
            f"{title} line {row + 1}: {old} -> {new}",
            seed,
            lambda ls: [*ls[:row], change_cell(ls[row], column, new), *ls[row + 1 :]],
            _audit(),
            random=True,
        )
    if kind == "drop-row":
        candidates = [(s, i) for s in spans for i in _deletable_rows(lines, s)]
        span, gone = rng.choice(candidates)
        return _text_case(
            "structure",
            f"drop-row-{tag}",
            ERROR,
            f"{lines[span.title].strip()}: line {gone + 1} ({lines[gone].split(chr(9))[0]}) deleted",
            seed,
            lambda ls: drop_rows(ls, [gone]),
            _audit(),
            random=True,
        )
    if kind == "line-end":
        ending = rng.choice(["\r\n", "\r", "mixed"])
        return _text_case(
            "encoding",
            f"line-ends-{tag}",
            COMPLETE,
            f"line ends {ending!r}",
            seed,
            lambda ls: with_line_ends("\n".join(ls), ending),
            _extract(seed),
            random=True,
        )
    if kind == "separator":
        char = rng.choice(["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
        rows = [i for i in span.data if label_cell(lines[i]) is not None]
        target = rng.choice(rows)
        column = label_cell(lines[target])
        label = lines[target].split("\t")[column]
        cut = rng.randrange(1, len(label))
        new = label[:cut] + char + label[cut:]
        return _text_case(
            "encoding",
            f"separator-{tag}",
            READ_OR_REFUSE,
            f"{title} line {target + 1}: U+{ord(char):04X} inside {label!r}",
            seed,
            lambda ls: [*ls[:target], change_cell(ls[target], column, new), *ls[target + 1 :]],
            _extract(seed),
            random=True,
        )
    if kind == "lost-tabs":
        return _text_case(
            "structure",
            f"lost-tabs-{tag}",
            ERROR,
            f"{title}: data rows without tabs",
            seed,
            lambda ls: lose_tabs(ls, span),
            _audit(),
            random=True,
        )
    if kind == "header-only":
        return _text_case(
            "structure",
            f"header-only-{tag}",
            ERROR,
            f"{title}: header, no rows",
            seed,
            lambda ls: drop_rows(ls, span.data),
            _audit(),
            random=True,
        )
    if kind == "twice":
        return _text_case(
            "structure",
            f"twice-{tag}",
            ERROR,
            f"{title} printed twice in a row",
            seed,
            lambda ls: print_twice(ls, span),
            _audit(),
            random=True,
        )
    if kind == "truncate":
        cut = rng.randrange(span.title + 1, span.end)
        return _text_case(
            "structure",
            f"truncate-{tag}",
            ERROR,
            f"text cut at line {cut + 1} (inside {title})",
            seed,
            lambda ls: ls[:cut],
            _audit(),
            random=True,
        )
    if kind == "drop-table":
        return _text_case(
            "structure",
            f"drop-table-{tag}",
            ERROR,
            f"{title} removed",
            seed,
            lambda ls: drop_table(ls, span),
            _audit(),
            random=True,
        )
    if kind == "unit":
        unit = rng.choice(["美元", "欧元", "港币", "万美元"])
        return _text_case(
            "amounts",
            f"unit-{tag}",
            ERROR,
            f"单位：{unit} above {title}",
            seed,
            lambda ls: set_unit(ls, span, unit),
            _audit(),
            random=True,
        )
    if kind == "full-width":
        return _text_case(
            "amounts",
            f"full-width-{tag}",
            READ_OR_REFUSE,
            "every table digit full width",
            seed,
            full_width_digits,
            _extract(seed),
            random=True,
        )
    # zwsp: a zero-width space inside one figure
    column = rng.choice(figure_cells(lines[row]))
    old = lines[row].split("\t")[column]
    new = old[:1] + "\u200b" + old[1:]
    return _text_case(
        "amounts",
        f"zwsp-{tag}",
        READ_OR_ERROR,
        f"{title} line {row + 1}: U+200B inside {old}",
        seed,
        lambda ls: [*ls[:row], change_cell(ls[row], column, new), *ls[row + 1 :]],
        _both(seed),
        random=True,
    )


def _random_pdf_case(rng: random.Random, index: int) -> Case:
    """A random corruption of a real PDF: bytes flipped or the file cut short."""
    source = rng.choice([FACSIMILE_PDF, SHANGHAI_PDF])
    short = "facsimile" if source == FACSIMILE_PDF else "shanghai"
    if rng.random() < 0.7:
        count = rng.choice([1, 4, 16, 64, 256])
        flip_seed = rng.randrange(2**32)
        return _pdf_case(
            f"flip{count}-{short}-{index:02d}",
            SAFE,
            f"{source.name} with {count} bytes flipped (rng {flip_seed})",
            lambda: flip_bytes(source.read_bytes(), count, random.Random(flip_seed)),
            random=True,
        )
    fraction = rng.choice([0.1, 0.5, 0.9, 0.99])
    return _pdf_case(
        f"cut{int(fraction * 100)}-{short}-{index:02d}",
        SAFE,
        f"{source.name} cut to {fraction:.0%} of its bytes",
        lambda: (data := source.read_bytes())[: int(len(data) * fraction)],
        random=True,
    )


def random_cases(seed: int, texts: int, pdfs: int) -> list[Case]:
    """The seeded sample: `texts` random text mutations and `pdfs` random PDF corruptions."""
    rng = random.Random(seed)
    kinds = rng.sample(RANDOM_TEXT_KINDS, len(RANDOM_TEXT_KINDS))  # every kind once before any twice
    cases = [_random_text_case(rng, i, kinds[i % len(kinds)]) for i in range(texts)]
    cases += [_random_pdf_case(rng, i) for i in range(pdfs)]
    return cases


# ----------------------------------------------------------------------------------------------
# The two sets


def named_cases(scale: int = 1, **sizes) -> list[Case]:
    """Every case the issue names, and the controls beside them (marked fast=False)."""
    return [
        *out_folder_cases(),
        *encoding_cases(),
        *amount_cases(),
        *structure_cases(),
        *size_cases(scale, **sizes),
        *pdf_cases(),
        *special_cases(),
    ]


def fast_cases(seed: int = 16, texts: int = 3, pdfs: int = 1) -> list[Case]:
    """The set `make test` runs: the issue's named cases and a small seeded sample."""
    return [c for c in named_cases() if c.fast] + random_cases(seed, texts=texts, pdfs=pdfs)


def slow_cases(
    seed: int = 16,
    texts: int = 48,
    pdfs: int = 24,
    big_mb: float = 50.0,
    audit_rows: int = 10_000,
    coded_rows: int = 4_000,
) -> list[Case]:
    """The benchmark's set: every named case and control, bigger sizes, a larger seeded sample.

    Limits (CPU seconds): 20 for the long runs; 12 for the audits of 4,000 coded rows and 10,000
    project rows (the fast test's rate: 2 ms per coded row); 90 for the ~50 MB text of ~860,000
    rows (the fast test's rate of about 70 µs per row, so the issue's text reads in a minute and
    a half).
    """
    sizes = dict(
        extract_rows=rows_for_megabytes(big_mb),
        coded_rows=coded_rows,
        audit_rows=audit_rows,
        limit=20.0,
        big_limit=12.0,
        huge_limit=90.0,
    )
    return [*named_cases(scale=2, **sizes), *random_cases(seed, texts=texts, pdfs=pdfs)]


# ----------------------------------------------------------------------------------------------
# Reproducing one case by hand


def write_user_files(ws: Path) -> None:
    """A few files of the user's beside the input (what the data-loss cases destroy)."""
    for rel, text in (
        ("notes.md", "# my notes\nkeep me\n"),
        ("userdir/mine.csv", "a,b\n1,2\n"),
        ("data/raw/keep.txt", "raw data\n"),
        ("data/processed/previous-doc/amounts.csv", "doc_id,table\n"),
    ):
        _write(ws, rel, text.encode())
    _write(ws, "docs/other-disclosure.txt", JIANGNAN.read_bytes())


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.hostile CASE_ID FOLDER`: write one case's input among a few user files into
    FOLDER and print the commands to run there; `python -m tests.hostile --list` lists the cases."""
    import argparse
    import shlex

    parser = argparse.ArgumentParser(prog="python -m tests.hostile", description=main.__doc__)
    parser.add_argument("case", nargs="?")
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--slow", action="store_true", help="the benchmark's set (bigger inputs)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    cases = slow_cases(args.seed) if args.slow else [*named_cases(), *random_cases(args.seed, 48, 24)]
    if args.list or not args.case:
        for case in cases:
            print(f"{case.klass:11} {case.id:30} {case.expect:15} {case.about}")
        return 0
    case = next((c for c in cases if c.id == args.case), None)
    if case is None or args.folder is None:
        parser.error(f"unknown case {args.case!r} or no folder (see --list)")
    args.folder.mkdir(parents=True, exist_ok=True)
    write_user_files(args.folder)
    for run in case.build(args.folder):
        print(f"cd {shlex.quote(str(args.folder / run.cwd))} && python -m kanshousuo {shlex.join(run.args)}")
    print(f"# expected: {case.expect}; {case.about}; CPU limit {case.limit:g} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
