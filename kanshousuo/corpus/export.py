"""Export the corpus as Parquet: one dataset per table, partitioned by year (hive-style year=YYYY).

Tables without a year column get their document's year from `documents`. A document whose year
is unknown (one that failed to read) goes under `year=0`: pyarrow cannot yet hand a null
partition (`__HIVE_DEFAULT_PARTITION__`) to pandas. The datasets are written into a staging
folder first and replace the old ones only when all are written.
"""

from __future__ import annotations

import shutil
import tempfile
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
    """Write `out/<table>/year=YYYY/*.parquet` for every corpus table; returns rows per table."""
    out = Path(out)
    if not out.parent.is_dir():
        raise CorpusError(f"the folder to export into does not exist: {out.parent}")
    con = store.connect(db, read_only=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        counts = {}
        for table in schema.TABLES:
            counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            target = staging / table
            con.execute(f"COPY ({table_query(table)}) TO {_literal(target)} (FORMAT PARQUET, PARTITION_BY (year))")
            if counts[table] == 0:  # COPY writes no file for no rows; an empty table is still a dataset
                empty = target / f"year={UNKNOWN_YEAR}"
                empty.mkdir(parents=True, exist_ok=True)
                query = table_query(table, with_year=False)
                con.execute(f"COPY ({query}) TO {_literal(empty / 'data_0.parquet')} (FORMAT PARQUET)")
        con.close()
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return counts
