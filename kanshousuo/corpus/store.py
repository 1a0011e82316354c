"""Write the corpus database: the schema, and one document's rows in one transaction.

A document is written whole or not at all: its old rows (a `--force` re-read, or a file that
changed) are deleted and its new rows inserted in one transaction, the `documents` row last. A
build killed at any moment therefore leaves every document either complete or absent, and the
next build reads the absent ones (documents are skipped by the SHA-256 of their file).
"""

from __future__ import annotations

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
    if not read_only:
        for statement in schema.ddl():
            con.execute(statement)
    return con


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """sha256 -> (doc_id, file) of every document already in the database, read or failed."""
    rows = con.execute("SELECT sha256, doc_id, file FROM documents").fetchall()
    return {sha: (doc_id, file) for sha, doc_id, file in rows}


def write_document(con: duckdb.DuckDBPyConnection, result: DocumentResult) -> None:
    """Replace one document's rows in every table, in one transaction."""
    doc_id = result.document["doc_id"]
    con.execute("BEGIN TRANSACTION")
    try:
        for table in [*schema.ROW_TABLES, "documents"]:
            con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
        for table in schema.ROW_TABLES:
            rows = result.tables.get(table)
            if rows is None or rows.num_rows == 0:
                continue
            _insert(con, table, rows)
        row = tuple(result.document[name] for name in schema.column_names("documents"))
        _insert(con, "documents", schema.arrow_table("documents", [row]))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: object) -> None:
    columns = ", ".join(schema.quote(name) for name in schema.column_names(table))
    con.register("incoming_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")
