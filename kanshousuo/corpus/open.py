"""The corpus from Python (a notebook): `open_corpus(path).table("amounts")`, `.sql("select ...")`.

The connection is read-only. Results come through Arrow, so DECIMAL columns arrive as exact
`decimal.Decimal` (DuckDB's own `.df()` would turn them into floats) and integer columns with
gaps as pandas' nullable integers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import kanshousuo.corpus.schema as schema
import kanshousuo.corpus.store as store
from kanshousuo.corpus.errors import CorpusError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def arrow_to_pandas(table: pa.Table) -> pd.DataFrame:
    """An Arrow result as a DataFrame: Decimals exact, nullable integers and booleans, str columns."""
    import pandas as pd
    import pyarrow as pa

    nullable = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    return table.to_pandas(types_mapper=nullable.get)


class Corpus:
    """A read-only view of a corpus database."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._con = store.connect(self.path, read_only=True)

    @property
    def tables(self) -> list[str]:
        """The corpus tables, `documents` first."""
        return list(schema.TABLES)

    def sql(self, query: str, params: list[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """The result of one query as a DataFrame (Decimals exact)."""
        import pyarrow as pa

        relation = self._con.sql(query, params=params)
        return arrow_to_pandas(pa.table({}) if relation is None else relation.to_arrow_table())

    def table(self, name: str) -> pd.DataFrame:
        """One whole corpus table, in its reproducible order (`schema.ORDER_BY`)."""
        if name not in schema.TABLES:
            raise CorpusError(f"no table {name!r} in the corpus; there are {', '.join(schema.TABLES)}")
        order = ", ".join(schema.quote(c) for c in schema.ORDER_BY[name])
        return self.sql(f"SELECT * FROM {name} ORDER BY {order}")

    def close(self) -> None:
        """Release the database file (a build can then write to it)."""
        self._con.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_corpus(path: str | Path) -> Corpus:
    """Open a corpus database built by `kanshousuo corpus build`, read-only."""
    return Corpus(path)
