"""Read the catalogs shipped as CSV files in `kanshousuo/package_data`."""

from __future__ import annotations

import csv
from importlib import resources


def read_package_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file shipped in `kanshousuo/package_data`."""
    text = resources.files("kanshousuo").joinpath("package_data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))
