"""Write a Disclosure as CSV files and a frictionless data package, atomically.

The files are written into a staging folder beside the target and swapped into place only when
everything is written and valid (`kanshousuo.publish.folders`), so a failed run never leaves a
half-written folder, and a folder the toolkit did not write is never replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kanshousuo.catalog.fields import field_rows
from kanshousuo.catalog.glossary import GLOSSARY_COLUMNS, glossary_for_year
from kanshousuo.document import Disclosure
from kanshousuo.publish.folders import replace_folder
from kanshousuo.publish.schema import check_amounts, check_frame, table_fields, table_schema

_TABLE_DROP_SUFFIXES = ("_ordinal", "_role")


def table_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """The published table without the per-label helper columns; codes stay strings."""
    keep = [c for c in frame.columns if not c.endswith(_TABLE_DROP_SUFFIXES) or c == "role"]
    return frame[keep]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write exact figures (a Decimal prints its digits as parsed) and codes as text; blanks stay blank."""
    frame.to_csv(path, index=False, encoding="utf-8", na_rep="")


def write_disclosure(doc: Disclosure, out: Path, extra: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Write every table, amounts.csv, claims.csv and datapackage.json into `out`; returns the files."""
    check_amounts(doc.amounts)
    claims = doc.claims
    check_frame(claims, field_rows("claims"))
    out = Path(out)
    with replace_folder(out) as staging:
        resources = []
        write_csv(doc.amounts, staging / "amounts.csv")
        resources.append(_resource("amounts", "amounts.csv", field_rows("amounts"), "one row per printed figure"))
        write_csv(claims, staging / "claims.csv")
        description = "one row per claim of the explanatory text (amounts, changes, shares, counts, years, citations)"
        resources.append(_resource("claims", "claims.csv", field_rows("claims"), description))
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
            "sources": [{"title": file["name"], "sha256": file["sha256"]} for file in doc.meta["files"]],
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
