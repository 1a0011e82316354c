"""The sentence shapes of the explanatory text (`claim_patterns.csv`) and the subjects its amounts
name (`claim_subjects.csv`), as data.

Every pattern is a regular expression with bounded quantifiers (linear on long lines) and an
example: a sentence as printed in a document of `data/raw/` (NFKC, spaces between Chinese
characters removed), which `tests/test_claims.py` finds in that document and matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kanshousuo.catalog.files import CatalogError, read_catalog

RELATIONS = ("equals", "part_of", "untabled")
APPLIES_TO = ("sentence", "before", "after")


@dataclass(frozen=True)
class ClaimPattern:
    """One named sentence shape, with the real sentence it was written for."""

    name: str
    pattern: re.Pattern[str]
    applies_to: str  # sentence, before (the words before a figure) or after (the words after it)
    example: str
    document: str
    where: str
    note: str

    def example_text(self) -> str:
        """The part of the example the pattern is run on (before or after its figure)."""
        figure = list(re.finditer(r"[\d,.]+(?:万元|%)", self.example))
        if self.applies_to == "before" and figure:
            return self.example[: figure[-1].start()]
        if self.applies_to == "after" and figure:
            return self.example[figure[0].end() :]
        return self.example


@cache
def claim_patterns() -> dict[str, ClaimPattern]:
    """Pattern name -> its compiled pattern and example (`claim_patterns.csv`)."""
    rows = read_catalog(
        "claim_patterns.csv",
        ("name", "pattern", "applies_to", "example", "document", "where", "note"),
        required=("name", "pattern", "applies_to", "example", "document", "where"),
        choices={"applies_to": APPLIES_TO},
    )
    out = {}
    for row in rows:
        try:
            compiled = re.compile(row["pattern"])
        except re.error as error:
            raise CatalogError(f"package_data/claim_patterns.csv: {row['name']}: {error}") from error
        out[row["name"]] = ClaimPattern(
            row["name"], compiled, row["applies_to"], row["example"], row["document"], row["where"], row["note"]
        )
    return out


def claim_pattern(name: str) -> re.Pattern[str]:
    """One compiled pattern by name.

    >>> bool(claim_pattern("prior_marker").search("2025年当年预算执行数为"))
    True
    """
    return claim_patterns()[name].pattern


@dataclass(frozen=True)
class ClaimSubject:
    """What an amount cited under a name must equal: the figures a selector names.

    `relation` is `equals` (the amount is one of these figures), `part_of` (it is a part of
    them: a coverage, reported with its share) or `untabled` (no standard table prints it).
    """

    name: str
    pattern: re.Pattern[str]
    figures: str
    relation: str
    example: str
    document: str
    where: str


@cache
def claim_subjects() -> tuple[ClaimSubject, ...]:
    """The subjects, in catalog order: the first whose pattern is found at the end of the words
    before an amount names its figures."""
    rows = read_catalog(
        "claim_subjects.csv",
        ("name", "pattern", "figures", "relation", "example", "document", "where"),
        required=("name", "pattern", "relation", "example", "document", "where"),
        choices={"relation": RELATIONS},
    )
    out = []
    for row in rows:
        try:
            compiled = re.compile(row["pattern"])
        except re.error as error:
            raise CatalogError(f"package_data/claim_subjects.csv: {row['name']}: {error}") from error
        out.append(
            ClaimSubject(
                row["name"], compiled, row["figures"], row["relation"], row["example"], row["document"], row["where"]
            )
        )
    return tuple(out)
