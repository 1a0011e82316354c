"""Label synonyms: an explicit list of variant names and their canonical name; nothing is inferred.

Each synonym has a scope: it renames a label only in the tables whose `label_scope` (tables.csv)
is that scope, or in the text read for that scope (`indicator` for performance targets). So
`购置费` becomes `公务用车购置费` in the 三公 table and nowhere else.
"""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.files import read_catalog

SCOPES = ("economic", "three_public", "indicator", "functional", "revenue", "project", "procurement")


@cache
def label_synonyms(scope: str | None = None) -> dict[str, str]:
    """Variant name -> canonical name within one scope (every scope when `scope` is None).

    >>> label_synonyms("three_public")["购置费"], "购置费" in label_synonyms("economic")
    ('公务用车购置费', False)
    """
    rows = read_catalog(
        "label_synonyms.csv",
        ("variant", "canonical", "scope", "note"),
        required=("variant", "canonical", "scope"),
        choices={"scope": SCOPES},
    )
    return {row["variant"]: row["canonical"] for row in rows if scope is None or row["scope"] == scope}
