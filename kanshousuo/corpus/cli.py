"""`kanshousuo corpus build PATH... --db corpus.duckdb` and `kanshousuo corpus export --db ... --parquet DIR`.

Bad input (no documents, a database in a folder that does not exist, Dask missing or out of
reach) gets one line on stderr and exit status 2. A build whose documents partly fail still
exits 0: the failures are rows of `documents` (status `failed`, with the error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kanshousuo.corpus.errors import CorpusError
from kanshousuo.errors import DisclosureError

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kanshousuo corpus", description="Many disclosures in one DuckDB database.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="read every .pdf and .txt under PATH... into the database")
    build.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files and folders (searched recursively)")
    build.add_argument("--db", type=Path, default=Path("corpus.duckdb"), help="database file (default corpus.duckdb)")
    build.add_argument("--workers", type=int, help="local worker processes (default: the cores; 1: this process)")
    build.add_argument("--force", action="store_true", help="read again documents already in the database")
    build.add_argument("--dask", metavar="ADDRESS", help="read on a Dask distributed cluster (tcp://host:8786)")
    build.add_argument("--send-bytes", action="store_true", help="with --dask: send each file's bytes with its task")
    build.add_argument("--connect-timeout", type=float, default=10, help="seconds to reach the Dask scheduler")
    build.add_argument("-v", "--verbose", action="store_true", help="print one line per document as it is written")
    export = commands.add_parser("export", help="write one Parquet dataset per table, partitioned by year")
    export.add_argument("--db", type=Path, default=Path("corpus.duckdb"), help="database file (default corpus.duckdb)")
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="folder to write (replaced)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `kanshousuo corpus`; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            from kanshousuo.corpus.build import build_corpus

            if args.send_bytes and not args.dask:
                raise CorpusError("--send-bytes goes with --dask ADDRESS")
            summary = build_corpus(
                args.paths,
                args.db,
                workers=args.workers,
                force=args.force,
                dask=args.dask,
                send_bytes=args.send_bytes,
                connect_timeout=args.connect_timeout,
                verbose=args.verbose,
            )
            for note in summary.notes:
                print(f"note: {note}", file=sys.stderr)
            print(summary.line())
            return EXIT_OK
        from kanshousuo.corpus.export import export_parquet

        counts = export_parquet(args.db, args.parquet)
        print(f"corpus: {len(counts)} tables, {sum(counts.values())} rows -> {args.parquet}")
        return EXIT_OK
    except (CorpusError, DisclosureError) as error:
        print(f"kanshousuo corpus: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:  # what is committed stays; the next build completes it
        print("kanshousuo corpus: interrupted; the documents written so far are complete", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:
        print(
            f"kanshousuo corpus: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr
        )
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
