"""Write the corpus database: the schema, and one document's rows in one transaction.

A document is written whole or not at all: its old rows (a `--force` re-read, or a file that
changed) are deleted and its new rows inserted in one transaction, the `documents` row last. A
build killed at any moment therefore leaves every document either complete or absent, and the
next build reads the absent ones (documents are skipped by the SHA-256 of their file).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import kanshousuo.corpus.schema as schema
from kanshousuo.corpus.errors import CorpusError

if TYPE_CHECKING:
    import duckdb

    from kanshousuo.corpus.worker import DocumentResult


def connect(db: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, for writing, create) the corpus database; a bad path is a CorpusError."""
    import duckdb

    path = Path(db)
    if not path.parent.is_dir():
        raise CorpusError(f"the folder of the database does not exist: {path.parent}")
    if read_only and not path.is_file():
        raise CorpusError(f"no corpus database at {path}")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        raise CorpusError(f"cannot open {path}: {str(error).splitlines()[0]}") from None
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if (tables or read_only) and "documents" not in tables:  # someone else's database: never written into
        con.close()
        raise CorpusError(f"{path} is a DuckDB database but not a kanshousuo corpus (it has no documents table)")
    _check_columns(con, path, schema.TABLES if read_only else [t for t in schema.TABLES if t in tables])
    if not read_only:
        for statement in schema.ddl():
            con.execute(statement)
    return con


def _check_columns(con: duckdb.DuckDBPyConnection, path: Path, tables) -> None:
    """A database whose `tables` are missing or have other columns (built by another version of
    the toolkit) is refused with one line, before anything is read into it or out of it."""
    for table in tables:
        found = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ).fetchall()
        if [row[0] for row in found] != schema.column_names(table):
            con.close()
            what = "has no table" if not found else "has other columns in its table"
            raise CorpusError(
                f"{path}: {what} {table} (built by another version of the toolkit?): build into a new --db, "
                "or remove this one"
            )


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """sha256 -> (doc_id, file) of every file already in the database, read or failed (each file
    of a disclosure in several files)."""
    known = {}
    for sha, doc_id, file, others in con.execute("SELECT sha256, doc_id, file, other_files FROM documents").fetchall():
        known[sha] = (doc_id, file)
        known.update({other["sha256"]: (doc_id, other["file"]) for other in json.loads(others or "[]")})
    return known


def joined_documents(con: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> list[str]:
    """Those of `doc_ids` that are disclosures read from several files (their other_files set)."""
    rows = con.execute(
        "SELECT doc_id FROM documents WHERE other_files IS NOT NULL AND doc_id IN (SELECT unnest(?)) ORDER BY doc_id",
        [list(doc_ids)],
    ).fetchall()
    return [row[0] for row in rows]


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: committed when the block ends, rolled back on any exception."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _delete(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    for table in [*schema.ROW_TABLES, "documents"]:
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])


def remove_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Remove documents' rows from every table, in one transaction."""
    if doc_ids:
        with _transaction(con):
            _delete(con, doc_ids)


def write_document(con: duckdb.DuckDBPyConnection, result: DocumentResult, replaces: tuple[str, ...] = ()) -> None:
    """Replace one document's rows in every table, in one transaction; the documents it
    `replaces` (the volumes of a disclosure read alone before) are removed in the same one."""
    with _transaction(con):
        _delete(con, [result.document["doc_id"], *replaces])
        for table in schema.ROW_TABLES:
            rows = result.tables.get(table)
            if rows is not None and rows.num_rows:
                _insert(con, table, rows)
        row = tuple(result.document[name] for name in schema.column_names("documents"))
        _insert(con, "documents", schema.arrow_table("documents", [row]))


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: object) -> None:
    columns = ", ".join(schema.quote(name) for name in schema.column_names(table))
    con.register("incoming_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
