"""read_disclosure: the one place that knows the order of the stages.

source (text or PDF) -> layouts (template shapes rewritten) -> tables (canonical columns)
-> figures (one row per printed figure) -> Disclosure; the performance targets and the audit
are derived from it on first use.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kanshousuo.catalog.tables import optional_table_ids, standard_table_ids
from kanshousuo.catalog.units import UNIT_FACTORS
from kanshousuo.document import Disclosure
from kanshousuo.errors import DisclosureError, TextVolumeError
from kanshousuo.layouts import relayout
from kanshousuo.layouts.headers import TOTAL_LABELS
from kanshousuo.sources.blocks import RawSource, Section, TableBlock
from kanshousuo.sources.merge import merge_sources
from kanshousuo.sources.meta import guess_meta
from kanshousuo.sources.sections import document_sections
from kanshousuo.sources.text import read_text_source
from kanshousuo.tables.build import BuiltTable, build_table
from kanshousuo.tables.figures import amounts_frame, melt_amounts
from kanshousuo.text.codes import parse_code
from kanshousuo.text.numbers import looks_like_amount


def _performance(doc: Disclosure):
    from kanshousuo.targets.parse import parse_targets

    return parse_targets(doc.source.targets if doc.source is not None else [])


def _claims(doc: Disclosure) -> pd.DataFrame:
    from kanshousuo.claims.extract import extract_claims

    return extract_claims(doc)


def _findings(doc: Disclosure) -> pd.DataFrame:
    from kanshousuo.audit import audit_disclosure

    return audit_disclosure(doc)


DERIVED = {"performance": _performance, "claims": _claims, "findings": _findings}


def _sections_frame(sections: list[Section]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "file": s.file,
                "part": s.part,
                "number": s.number,
                "heading": s.heading,
                "line": s.line,
                "page": s.page,
                "where": s.where,
                "text": s.text,
                "text_lines": list(s.text_lines),
            }
            for s in sections
        ],
        columns=["file", "part", "number", "heading", "line", "page", "where", "text", "text_lines"],
    ).astype({"number": "Int64", "line": "Int64", "page": "Int64"})


def _no_table(source: RawSource) -> str:
    """The one line said when no table was recognised (a text volume is named as such)."""
    names = " + ".join(file.name for file in source.files)
    kind = "the PDF" if source.kind == "pdf" else ("the files" if len(source.files) > 1 else "the text")
    message = f"{names}: no standard budget table was recognised in {kind}"
    if is_text_volume(source):
        message += " (a text volume? give its table volume too: kanshousuo extract TEXT.pdf TABLES.pdf)"
    return message


def is_text_volume(source: RawSource) -> bool:
    """One file with explanatory sections and no table: the text volume of a two-file disclosure."""
    return not source.tables and len(source.files) == 1 and bool(document_sections(source))


def build_disclosure(source: RawSource) -> Disclosure:
    """Build the Disclosure from the raw blocks of a source (text or PDF, one file or several).

    A recognised table whose rows hold figures of which none could be read is a reading error,
    listed in `meta["tables_unread"]` (and reported by the audit); a document of which no figure
    at all is read is refused (DisclosureError): it is never published as empty.
    """
    if not source.tables:
        if is_text_volume(source):
            raise TextVolumeError(_no_table(source), guess_meta(source))
        raise DisclosureError(_no_table(source))
    meta = guess_meta(source)
    tables, built_tables, warnings, records = _build_tables(source, meta)
    optional = optional_table_ids()
    stand_ins = {optional[t] for t in tables if optional.get(t)}
    phase = "final_accounts" if meta.get("kind") == "final_accounts" else "budget"
    meta["tables_missing"] = [t for t in standard_table_ids(phase) if t not in tables and t not in stand_ins]
    read_tables = {record["table"] for record in records}
    meta["tables_unread"] = [t for t, frame in tables.items() if t not in read_tables and frame.attrs["holds_figures"]]
    meta["reading_errors"] = reading_errors(source, tables, stand_ins | set(tables), meta["tables_unread"], read_tables)
    if not records and any(frame.attrs["holds_figures"] for frame in tables.values()):
        names = " + ".join(file.name for file in source.files)
        raise DisclosureError(f"{names}: {len(tables)} tables recognised but no figure could be read from them")
    return Disclosure(
        meta=meta,
        tables=tables,
        amounts=amounts_frame(records),
        sections=_sections_frame(document_sections(source)),
        warnings=warnings,
        source=source,
        built=built_tables,
        derive=DERIVED,
    )


def reading_errors(
    source: RawSource, tables: dict[str, pd.DataFrame], present: set[str], unread: list[str], read: set[str]
) -> list[dict[str, str]]:
    """What the reader could not read whole, each with its table and where: a table recognised
    whose figures could not be read, rows whose cells lost their separators, a table printed
    twice in a row, a title with a header and no rows under it (and no 本表无数据 note), a table
    the contents page lists that the document does not print."""
    errors = [
        {"table": t, "where": _where(tables[t]), "message": "recognised, but none of its figures could be read"}
        for t in unread
    ]
    for block in source.tables:
        if block.broken_rows:
            message = f"{len(block.broken_rows)} rows lost their cell separators (not read)"
            errors.append({"table": block.table_id, "where": ", ".join(block.broken_rows[:5]), "message": message})
        if block.printed_twice:
            message = "printed twice in a row; the second copy is not counted"
            errors.append({"table": block.table_id, "where": block.where, "message": message})
        frame = tables.get(block.table_id)
        empty_total = any(
            TOTAL_LABELS.match(next((c.strip() for c in row.cells if c.strip()), "")) for row in block.rows
        )
        printed_empty = block.printed_empty or empty_total  # a 合计 row printed with no figure says so
        if frame is None or printed_empty or block.table_id in unread or block.table_id in read:
            continue
        message = "a title and header, no rows" if frame.empty else "rows without a figure and no total row"
        errors.append({"table": block.table_id, "where": block.where, "message": message})
    for table in source.listed_tables:
        if table not in present:
            errors.append({"table": table, "where": "contents page", "message": "listed in the contents, not printed"})
    return errors


def _where(frame: pd.DataFrame) -> str:
    line, page = frame.attrs.get("line"), frame.attrs.get("page")
    return f"line {line}" if line is not None else f"page {page}"


def _holds_figures(block: TableBlock) -> bool:
    """True when the printed rows hold a figure (not a classification code) anywhere."""
    return any(looks_like_amount(cell) and not parse_code(cell) for row in block.rows for cell in row.cells)


def _build_tables(source: RawSource, meta: dict) -> tuple[dict, dict, list[str], list[dict[str, object]]]:
    """Each printed table in the catalog's layout, built, with its figures melted (tables, built
    tables, warnings, figure records)."""
    tables: dict[str, pd.DataFrame] = {}
    built_tables: dict[str, BuiltTable] = {}
    warnings: list[str] = list(source.notes)
    records: list[dict[str, object]] = []
    for block in (long for printed in source.tables for long in relayout(printed)):
        if block.table_id in built_tables:
            warnings.append(f"{block.table_id} printed twice ({block.where}); the first one is kept")
            continue
        unit = block.unit or meta["amount_unit"] or "万元"
        if unit not in UNIT_FACTORS:
            raise DisclosureError(f"unknown unit {unit!r} above table {block.title!r}")
        built = build_table(block, unit_name=block.unit_name or meta["unit_name"], year=meta["year"])
        built.frame.attrs.update(
            {
                "title": block.title,
                "unit": unit,
                "line": block.title_line,
                "page": block.page,
                "printed_empty": block.printed_empty,
                "holds_figures": _holds_figures(block),
            }
        )
        built_tables[block.table_id] = built
        tables[block.table_id] = built.frame
        warnings.extend(built.warnings)
        records.extend(melt_amounts(meta["doc_id"], block.table_id, built, unit, block.file))
    return tables, built_tables, warnings, records


def read_source(path: Path) -> RawSource:
    """One file's raw blocks: a PDF through `kanshousuo.sources.pdf` (camelot), anything else as text."""
    if path.suffix.lower() == ".pdf":
        from kanshousuo.sources.pdf import read_pdf_source

        return read_pdf_source(path)
    return read_text_source(path)


def read_disclosure(*paths: str | Path) -> Disclosure:
    """Read a disclosure from its file, or from the files it is published in (a text volume and
    a table volume): one Disclosure whose figures keep their file and page."""
    if not paths:
        raise DisclosureError("no disclosure file given")
    return build_disclosure(merge_sources([read_source(Path(path)) for path in paths]))
