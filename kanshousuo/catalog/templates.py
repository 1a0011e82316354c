"""The template families of disclosures, by the place in a unit's name (`templates.csv`).

A corpus compares units across templates (notebook 7): which family a document belongs to is
read from the place (province) named in its unit's name, so a new family is one row here, not code.
"""

from __future__ import annotations

from functools import cache

from kanshousuo.catalog.files import read_catalog


@cache
def template_places() -> tuple[tuple[str, str], ...]:
    """(place, template) per catalog row, in catalog order (the first place found wins).

    >>> dict(template_places())["江苏"]
    'jiangsu'
    """
    rows = read_catalog("templates.csv", ("place", "template", "note"), required=("place", "template"))
    return tuple((row["place"], row["template"]) for row in rows)
