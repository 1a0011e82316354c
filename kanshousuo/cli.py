"""Command line: `kanshousuo extract PATH [--out DIR]` and `kanshousuo audit PATH [--json] [--strict]`.

Bad input gets one line on stderr and exit status 2; the audit exits 1 when it finds an error
(like a linter) and 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kanshousuo.errors import DisclosureError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kanshousuo", description="Chinese budget disclosures as exact tables.")
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="write the tables, amounts.csv and datapackage.json")
    extract.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="the disclosure (or its volumes)")
    extract.add_argument(
        "--out",
        help="output folder (default data/processed/<doc-id>/); only an empty one or one kanshousuo wrote is replaced",
    )
    audit = commands.add_parser("audit", help="check the document against itself")
    audit.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="the disclosure (or its volumes)")
    audit.add_argument("--json", action="store_true", help='print {"findings": [...]} as JSON')
    audit.add_argument("--strict", action="store_true", help="treat warnings as errors for the exit status")
    commands.add_parser("corpus", help="many disclosures in one database: `kanshousuo corpus --help`")
    return parser


def output_folder(paths: list[Path], out: str | None) -> tuple[Path, str]:
    """The folder to write into, checked before anything is read, and how to name it to the user
    (the default is named after the first input, safely: `..txt` never makes it `data/processed/.`)."""
    from kanshousuo.publish.folders import check_output_folder
    from kanshousuo.sources.files import safe_name

    if out is None:
        out = str(Path("data/processed") / safe_name(paths[0].stem))
    return check_output_folder(out, paths), out


def run_extract(paths: list[Path], out: str | None) -> int:
    """Read, validate and write one disclosure; print a short summary."""
    from kanshousuo.pipeline import read_disclosure
    from kanshousuo.publish.package import write_disclosure

    out, shown = output_folder(paths, out)
    doc = read_disclosure(*paths)
    extra = {}
    targets = doc.performance
    if not targets.projects.empty:
        extra = {
            "performance_projects": targets.projects,
            "performance_indicators": targets.indicators,
            "performance_quantities": targets.quantities,
        }
    write_disclosure(doc, out, extra=extra)
    empty = [t for t, f in doc.tables.items() if f.attrs.get("printed_empty")]
    print(
        f"{doc.meta['unit_name']} {doc.meta['year']}: {len(doc.tables)} tables "
        f"({len(empty)} printed empty), {sum(len(f) for f in doc.tables.values())} rows, "
        f"{len(doc.amounts)} figures -> {shown}"
    )
    if doc.meta["tables_missing"]:
        print("not in this document: " + ", ".join(doc.meta["tables_missing"]))
    for error in doc.meta["reading_errors"]:
        print(f"error: {error['table']} ({error['where']}): {error['message']}", file=sys.stderr)
    for warning in doc.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def run_audit(paths: list[Path], as_json: bool, strict: bool) -> int:
    """Audit one disclosure and print the findings."""
    from kanshousuo.audit import findings_as_json, findings_as_text
    from kanshousuo.pipeline import read_disclosure

    findings = read_disclosure(*paths).audit()
    print(findings_as_json(findings) if as_json else findings_as_text(findings))
    failing = {"error", "warning"} if strict else {"error"}
    return EXIT_FINDINGS if findings["severity"].isin(failing).any() else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["corpus"]:  # its own sub-commands and options (kanshousuo.corpus.cli)
        from kanshousuo.corpus.cli import main as corpus_main

        return corpus_main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return run_extract(args.paths, args.out)
        return run_audit(args.paths, args.json, args.strict)
    except DisclosureError as error:
        print(f"kanshousuo: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"kanshousuo: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
