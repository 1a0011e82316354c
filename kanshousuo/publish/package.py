"""Write a Disclosure as CSV files and a frictionless data package, atomically.

The files are written into a temporary folder beside the target and moved into place only when
everything is written and valid, so a failed run never leaves a half-written folder.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from kanshousuo.catalog.fields import field_rows
from kanshousuo.catalog.glossary import GLOSSARY_COLUMNS, glossary_for_year
from kanshousuo.document import Disclosure
from kanshousuo.publish.schema import check_amounts, table_fields, table_schema

_TABLE_DROP_SUFFIXES = ("_ordinal", "_role")


def table_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """The published table without the per-label helper columns; codes stay strings."""
    keep = [c for c in frame.columns if not c.endswith(_TABLE_DROP_SUFFIXES) or c == "role"]
    return frame[keep]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write exact figures (a Decimal prints its digits as parsed) and codes as text; blanks stay blank."""
    frame.to_csv(path, index=False, encoding="utf-8", na_rep="")


@contextmanager
def replace_folder(out: Path) -> Iterator[Path]:
    """Yield a staging folder beside `out`; on success it replaces `out`, on any failure it is
    removed and `out` is left as it was. Beside, not in /tmp, so the final rename stays on one disk."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_disclosure(doc: Disclosure, out: Path, extra: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write every table, amounts.csv and datapackage.json into `out`; returns the files."""
    check_amounts(doc.amounts)
    out = Path(out)
    with replace_folder(out) as staging:
        resources = []
        write_csv(doc.amounts, staging / "amounts.csv")
        resources.append(_resource("amounts", "amounts.csv", field_rows("amounts"), "one row per printed figure"))
        for table_id, frame in doc.tables.items():
            published = table_for_csv(frame)
            write_csv(published, staging / f"{table_id}.csv")
            fields = table_fields(table_id, list(published.columns))
            resources.append(_resource(table_id, f"{table_id}.csv", fields, str(frame.attrs.get("title", ""))))
        for name, frame in (extra or {}).items():
            write_csv(frame, staging / f"{name}.csv")
            fields = [
                {"field": c, "type": "string", "required": "false", "pattern": "", "description": c}
                for c in frame.columns
            ]
            resources.append(_resource(name, f"{name}.csv", fields, name))
        write_csv(glossary_frame(doc), staging / "glossary.csv")
        resources.append(
            _resource(
                "glossary",
                "glossary.csv",
                field_rows("glossary"),
                "English glossary of the terms and classes of this year",
            )
        )
        package = {
            "name": doc.doc_id.lower().replace("_", "-"),
            "title": f"{doc.meta.get('unit_name')} {doc.meta.get('year')} budget disclosure",
            "profile": "tabular-data-package",
            "sources": [{"title": doc.meta["source_file"], "sha256": doc.meta["sha256"]}],
            "resources": resources,
        }
        (staging / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return sorted(out.iterdir())


def glossary_frame(doc: Disclosure) -> pd.DataFrame:
    """The glossary rows that apply in the document's year, so a reader of the data has the
    English names of its tables, terms and classes beside them."""
    year = doc.meta.get("year")
    rows = glossary_for_year(int(year) if year else None)
    return pd.DataFrame.from_records(list(rows), columns=list(GLOSSARY_COLUMNS))


def _resource(name: str, path: str, fields, description: str) -> dict[str, object]:
    return {
        "name": name.replace("_", "-"),
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "encoding": "utf-8",
        "description": description,
        "schema": table_schema(fields),
    }
