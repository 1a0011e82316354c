"""Many disclosures in one database: `kanshousuo corpus build PATH... --db corpus.duckdb`.

One small module per job: `discover` (files -> documents), `schema` (the tables), `worker` (one
document -> rows, in a worker process), `store` (one transaction per document), `build` (local
pool or Dask), `export` (Parquet), `open` (`open_corpus` for notebooks), `measures` and `models`
(what notebook 7 computes), `cli`. DuckDB, tqdm, Dask and statsmodels are imported only when used.

>>> from kanshousuo.corpus import open_corpus
>>> c = open_corpus("data/processed/corpus.duckdb")  # doctest: +SKIP
>>> c.table("amounts")  # doctest: +SKIP
"""

from kanshousuo.corpus.errors import CorpusError
from kanshousuo.corpus.open import Corpus, open_corpus

__all__ = ["Corpus", "CorpusError", "open_corpus"]
