"""Export the corpus as Parquet: one dataset per table, partitioned by year (hive-style year=YYYY).

Tables without a year column get their document's year from `documents`. A document whose year
is unknown (one that failed to read) goes under `year=0`: pyarrow cannot yet hand a null
partition (`__HIVE_DEFAULT_PARTITION__`) to pandas. The datasets are written into a staging
folder first and replace the old ones only when all are written, and only when the folder holds
nothing but an earlier export (`kanshousuo.publish.folders`).
"""

from __future__ import annotations

from pathlib import Path

import kanshousuo.corpus.schema as schema
import kanshousuo.corpus.store as store
from kanshousuo.corpus.errors import CorpusError

UNKNOWN_YEAR = 0


def table_query(table: str, *, with_year: bool = True) -> str:
    """The SELECT that exports one table, with a non-null `year` column for the partitions."""
    columns = ", ".join(f"t.{schema.quote(name)}" for name, _ in schema.TABLES[table] if name != "year")
    order = ", ".join(f"t.{schema.quote(name)}" for name in schema.ORDER_BY[table])
    year = f", coalesce(d.year, {UNKNOWN_YEAR}) AS year" if with_year else ""
    source = (
        "documents t JOIN documents d ON d.doc_id = t.doc_id"
        if table == "documents"
        else (f"{table} t JOIN documents d ON d.doc_id = t.doc_id")
    )
    return f"SELECT {columns}{year} FROM {source} ORDER BY {order}"


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(db: str | Path, out: str | Path) -> dict[str, int]:
    """Write `out/<table>/year=YYYY/*.parquet` for every corpus table; returns rows per table.

    `out` is replaced only when it is new, empty or an earlier export (the toolkit's marker lists
    what it wrote), as `kanshousuo extract --out` is: a folder of the user's is refused with one
    line before anything is written, and the new export is swapped in whole."""
    from kanshousuo.errors import DisclosureError
    from kanshousuo.publish.folders import check_output_folder, replace_folder

    out = Path(out)
    if not out.parent.is_dir():
        raise CorpusError(f"the folder to export into does not exist: {out.parent}")
    try:
        target = check_output_folder(out, inputs=[Path(db)])
    except DisclosureError as error:
        raise CorpusError(str(error).replace("--out", "--parquet")) from None
    con = store.connect(db, read_only=True)
    try:
        with replace_folder(target) as staging:
            counts = {}
            for table in schema.TABLES:
                counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                _copy_table(con, table, staging / table, empty=counts[table] == 0)
    finally:
        con.close()
    return counts


def _copy_table(con, table: str, target: Path, *, empty: bool) -> None:
    """One table as a Parquet dataset partitioned by year (an empty table still a dataset)."""
    con.execute(f"COPY ({table_query(table)}) TO {_literal(target)} (FORMAT PARQUET, PARTITION_BY (year))")
    if empty:  # COPY writes no file for no rows
        folder = target / f"year={UNKNOWN_YEAR}"
        folder.mkdir(parents=True, exist_ok=True)
        query = table_query(table, with_year=False)
        con.execute(f"COPY ({query}) TO {_literal(folder / 'data_0.parquet')} (FORMAT PARQUET)")
