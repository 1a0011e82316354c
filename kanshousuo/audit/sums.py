"""Where a printed figure is: its structured location, for any finding that points at it."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from kanshousuo.document import Location


def figure_location(figure: Mapping | pd.Series) -> Location:
    """The location of one printed figure (a row or record of `doc.amounts`)."""

    def present(key: str) -> object:
        value = figure.get(key)
        return None if value is None or pd.isna(value) else value

    line, page = present("line"), present("page")
    return Location(
        table=present("table"),
        code=present("code"),
        column=present("column"),
        line=None if line is None else int(line),
        page=None if page is None else int(page),
    )
