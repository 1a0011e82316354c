"""One module per family of checks; importing this package registers them all (`load_rules`)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache


@cache
def load_rules() -> None:
    """Import every module in this package, so that each `@rule` registers itself."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
