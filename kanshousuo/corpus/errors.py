"""The corpus's one user-facing error: a clear line on stderr and exit status 2 from the CLI."""


class CorpusError(Exception):
    """Bad input to a corpus command (no documents, no database, Dask missing or unreachable)."""
