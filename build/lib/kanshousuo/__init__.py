"""kanshousuo: Chinese government budget disclosures as exact, tidy, traceable tables.

>>> from kanshousuo import read_disclosure
>>> doc = read_disclosure("data/raw/shanxi-kanshousuo-2026-unit-budget.txt")  # doctest: +SKIP
"""

from kanshousuo.document import Disclosure
from kanshousuo.errors import DisclosureError
from kanshousuo.pipeline import read_disclosure

__all__ = ["Disclosure", "DisclosureError", "read_disclosure"]
__version__ = "0.1.0"
