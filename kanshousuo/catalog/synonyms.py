"""Label synonyms: an explicit list of variant names and their canonical name; nothing is inferred."""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.files import read_package_csv


@cache
def label_synonyms() -> dict[str, str]:
    """Variant name -> canonical name (explicit list; never inferred)."""
    return {row["variant"]: row["canonical"] for row in read_package_csv("label_synonyms.csv")}
