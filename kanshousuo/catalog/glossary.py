"""The English glossary (`package_data/glossary.csv`): table titles, fund sources, terms and the
functional and economic classes, each with its English name and the years it applies.

Why a glossary: readers who do not read Chinese (and teachers who explain the tables to them)
need one agreed English name per term, and a class name is only right for the year of the
document (210 医疗卫生与计划生育支出 became 卫生健康支出 in the 2019 classification).

Provenance is kept per row in `source`: `zh:` says where the Chinese term (and code) is printed
(`doc:NN:pP` = page P of `data/raw/NN_*.pdf`, `doc:sh:Lnnn` = line nnn of the Shanxi text,
`search:…` = a public source found while drafting, `knowledge` = not attested in a document);
`en:` says where the English comes from. No official English version of the classification was
found, so `en:knowledge` marks the project's own translation. Only rows whose Chinese term is
printed in a document or a public source are kept; `valid_from` / `valid_to` are years,
inclusive, empty when open; `note` says what a class's years rest on (the documents bound most
changes; where a year is known only from memory, the note says "= knowledge").
"""

from __future__ import annotations

import unicodedata
from functools import cache

from kanshousuo.catalog.files import CatalogError, read_catalog

GLOSSARY_COLUMNS = (
    "kind",
    "code",
    "scheme",
    "term_zh",
    "term_en",
    "valid_from",
    "valid_to",
    "definition_en",
    "note",
    "source",
)
KINDS = ("table_title", "fund_source", "term", "functional_class", "economic_class")
SCHEMES = ("", "functional", "department", "government")


@cache
def glossary_rows() -> tuple[dict[str, str], ...]:
    """Every row of the glossary, checked (columns, kinds, schemes, years as digits)."""
    rows = read_catalog(
        "glossary.csv",
        GLOSSARY_COLUMNS,
        required=("kind", "term_zh", "term_en", "source"),
        choices={"kind": KINDS, "scheme": SCHEMES},
    )
    for row in rows:
        for column in ("valid_from", "valid_to"):
            if row[column] and not row[column].isdigit():
                raise CatalogError(f"package_data/glossary.csv: {column}={row[column]!r} is not a year")
    return tuple(rows)


def applies_in(row: dict[str, str], year: int | None) -> bool:
    """Whether a glossary row applies in `year` (every row applies when the year is unknown).

    >>> applies_in({"valid_from": "2019", "valid_to": ""}, 2018)
    False
    >>> applies_in({"valid_from": "", "valid_to": "2018"}, 2018)
    True
    """
    if year is None:
        return True
    start, end = row["valid_from"], row["valid_to"]
    return (not start or int(start) <= year) and (not end or year <= int(end))


def glossary_for_year(year: int | None) -> tuple[dict[str, str], ...]:
    """The rows that apply to a document of `year` (all rows when the year is unknown)."""
    return tuple(row for row in glossary_rows() if applies_in(row, year))


def english_name(term_zh: str, year: int | None = None, *, code: str | None = None) -> str | None:
    """The English name of a Chinese term (or of a class by its code) as it applies in `year`.

    >>> english_name("公共安全支出", 2026), english_name("", 2026, code="210"), english_name("", 2017, code="210")
    ('Public security', 'Health', 'Medical care, health and family planning')
    """
    wanted = unicodedata.normalize("NFKC", term_zh)  # 因公出国(境)费 as read = 因公出国（境）费 as printed
    for row in glossary_for_year(year):
        if code is not None and row["code"] == code:
            return row["term_en"]
        if code is None and unicodedata.normalize("NFKC", row["term_zh"]) == wanted:
            return row["term_en"]
    return None
