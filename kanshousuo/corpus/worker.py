"""Read one document into plain rows for the corpus: the part that runs in a worker process.

`read_document(task)` never raises for a bad document: it returns the `documents` row with
status `failed` and a one-line error, so the batch goes on. A read document comes back as one
Arrow table per corpus table (`kanshousuo.corpus.schema`), built here so that a figure that
the database could not hold exactly fails this document, not the batch.
"""

from __future__ import annotations

import decimal
import json
import math
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd  # already imported by kanshousuo itself

import kanshousuo.corpus.schema as schema

if TYPE_CHECKING:
    import pyarrow as pa

# multiplying by a unit factor must be exact: any rounding raises instead
_EXACT = decimal.Context(prec=76, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation])


@dataclass(frozen=True)
class Task:
    """What a worker needs to read one document: its id, its file and (optionally) the file's bytes.

    With `data`, the worker writes the bytes to a temporary file of the same name and reads that
    (a cluster whose workers do not see the parent's files). `more` holds the further files of a
    disclosure published in several (its table volume after its text volume), as (path, sha256).
    """

    doc_id: str
    path: str
    sha256: str
    data: bytes | None = None
    more: tuple[tuple[str, str], ...] = ()
    more_data: tuple[bytes, ...] = ()  # with `data`: the bytes of the files in `more`


@dataclass
class DocumentResult:
    """One document's `documents` row and, when it was read, its rows for every other table."""

    document: dict[str, Any]
    tables: dict[str, pa.Table] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.document["status"] == "read"


def init_worker(with_pdf: bool = True) -> None:
    """Pool initializer: import the package and its heavy libraries once per worker process.
    Ctrl-C is the parent's to handle (it stops the build in one line): a worker ignores it."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    import pandas  # noqa: F401
    import pyarrow  # noqa: F401

    import kanshousuo  # noqa: F401

    if with_pdf:
        import camelot  # noqa: F401


def one_line_error(error: BaseException) -> str:
    """A DisclosureError's message, or the exception's type and the first line of its message."""
    from kanshousuo import DisclosureError

    text = str(error) if isinstance(error, DisclosureError) else f"{type(error).__name__}: {error}"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def plain(value: Any) -> Any:
    """A cell as a plain Python value: missing (None, NaN, pd.NA) -> None, numpy scalars -> Python."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, decimal.Decimal | str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, list | tuple | set | dict):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, default=str)
    item = getattr(value, "item", None)  # numpy scalars
    return plain(item()) if callable(item) else value


def _text(value: Any) -> str | None:
    value = plain(value)
    if value is None:
        return None
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    return str(value)


def _frame_rows(frame: pd.DataFrame, table: str, doc_id: str, number_column: str | None) -> list[tuple]:
    """Rows of `frame` in the corpus column order; `doc_id` (and a row number) put first."""
    names = schema.column_names(table)
    given = [n for n in names if n not in ("doc_id", number_column)]
    values = [frame[n].tolist() if n in frame.columns else [None] * len(frame) for n in given]
    rows = []
    for i, row in enumerate(zip(*values, strict=True)):
        head = (doc_id, i) if number_column else (doc_id,)
        rows.append((*head, *(plain(v) for v in row)))
    return rows


def amount_rows(amounts: pd.DataFrame, doc_id: str) -> list[tuple]:
    """The amounts table's rows with `amount_yuan` = amount x unit_factor, computed exactly."""
    rows = _frame_rows(amounts.assign(amount_yuan=None), "amounts", doc_id, None)
    names = schema.column_names("amounts")
    amount, factor, yuan = names.index("amount"), names.index("unit_factor"), names.index("amount_yuan")
    out = []
    for row in rows:
        value = None if row[amount] is None else _EXACT.multiply(decimal.Decimal(row[amount]), row[factor])
        out.append((*row[:yuan], value, *row[yuan + 1 :]))
    return out


def finding_rows(findings: pd.DataFrame, doc_id: str) -> list[tuple]:
    """One row per finding, with the audit's stable id and location; expected, actual,
    difference and tolerance as exact text (a check may compare names)."""
    compared = ("expected", "actual", "difference", "tolerance")
    exact = {column: [_text(v) for v in findings[column]] for column in compared}
    return _frame_rows(findings.assign(finding_id=findings["id"], **exact), "findings", doc_id, "finding_no")


def claim_rows(claims: pd.DataFrame, doc_id: str) -> list[tuple]:
    """One row per claim of the explanatory text, in the columns of `claims.csv`."""
    return _frame_rows(claims, "claims", doc_id, None)


def document_tables(doc: Any, doc_id: str) -> dict[str, pa.Table]:
    """Every corpus table's rows for one read document, as Arrow tables."""
    targets = doc.performance
    rows = {
        "amounts": amount_rows(doc.amounts, doc_id),
        "claims": claim_rows(doc.claims, doc_id),
        "findings": finding_rows(doc.audit(), doc_id),
        "performance_projects": _frame_rows(targets.projects, "performance_projects", doc_id, "project_no"),
        "performance_indicators": _frame_rows(targets.indicators, "performance_indicators", doc_id, "indicator_no"),
        "tables_missing": [(doc_id, t) for t in doc.meta.get("tables_missing") or []],
    }
    return {table: schema.arrow_table(table, table_rows) for table, table_rows in rows.items()}


@contextmanager
def _readable(task: Task) -> Iterator[list[Path]]:
    """The task's files, or their bytes written to temporary files of the same names."""
    if task.data is None:
        yield [Path(task.path), *(Path(path) for path, _ in task.more)]
        return
    with tempfile.TemporaryDirectory(prefix="kanshousuo-corpus-") as folder:
        paths = []
        for name, data in zip([task.path, *(p for p, _ in task.more)], [task.data, *task.more_data], strict=True):
            paths.append(Path(folder) / Path(name).name)
            paths[-1].write_bytes(data)
        yield paths


def document_row(task: Task, **values: Any) -> dict[str, Any]:
    """A `documents` row: the task's id, file and hash, the given values, the rest empty."""
    from kanshousuo import __version__

    row = dict.fromkeys(schema.column_names("documents"))
    row.update(doc_id=task.doc_id, file=task.path, sha256=task.sha256, toolkit_version=__version__)
    if task.more:
        row["other_files"] = json.dumps([{"file": f, "sha256": h} for f, h in task.more], ensure_ascii=False)
    row.update(values)
    return row


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (camelot's forked pass)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _whose(error: Exception) -> dict[str, Any]:
    """What a failed read still says about its document: a text volume names its unit, year and
    kind (so the build can find its table volume); any other failure says nothing."""
    from kanshousuo.errors import TextVolumeError

    if not isinstance(error, TextVolumeError):
        return {}
    meta = error.meta
    return {
        "unit_name": meta.get("unit_name"),
        "year": meta.get("year"),
        "kind": meta.get("source_kind"),
        "document_kind": meta.get("kind"),
        "volume": "text",
        "pages": meta.get("pages"),
    }


def read_document(task: Task) -> DocumentResult:
    """Read, audit and tabulate one document; a failure is returned as a `failed` row, never raised."""
    from kanshousuo import read_disclosure

    start, cpu = time.perf_counter(), _cpu_seconds()
    try:
        with _readable(task) as paths:
            doc = read_disclosure(*paths)
            tables = document_tables(doc, task.doc_id)
    except Exception as error:  # any failure of one document is recorded and the batch goes on
        return DocumentResult(
            document_row(
                task,
                status="failed",
                error=one_line_error(error),
                read_at=datetime.now(UTC).replace(tzinfo=None),
                read_seconds=time.perf_counter() - start,
                cpu_seconds=_cpu_seconds() - cpu,
                **_whose(error),
            )
        )
    meta = doc.meta
    row = document_row(
        task,
        unit_name=meta.get("unit_name"),
        year=meta.get("year"),
        kind=meta.get("source_kind"),
        document_kind=meta.get("kind"),
        volume=meta.get("volume"),
        pages=meta.get("pages"),
        amount_unit=meta.get("amount_unit"),
        encoding=meta.get("encoding"),
        status="read",
        figures=tables["amounts"].num_rows,
        findings=tables["findings"].num_rows,
        warnings=len(getattr(doc, "warnings", []) or []),
        read_at=datetime.now(UTC).replace(tzinfo=None),
        read_seconds=time.perf_counter() - start,
        cpu_seconds=_cpu_seconds() - cpu,
    )
    if meta.get("sha256") and meta["sha256"] != task.sha256:
        row.update(status="failed", error=f"{Path(task.path).name} changed while it was read (sha256 differs)")
        return DocumentResult(row)
    return DocumentResult(row, tables)
