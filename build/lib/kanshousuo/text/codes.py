"""Classification codes: always strings, with their level and parent.

Functional codes (支出功能分类) have 类 (3 digits), 款 (5) and 项 (7); economic codes have a
class (3) and an item (5). Some documents print the parts in separate columns or with spaces,
and a part may lose its leading zero (`301 2`)."""

from __future__ import annotations

import re
import unicodedata

_LEVELS = {3: "class", 5: "kuan", 7: "item"}

_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")


def join_code(*parts: str) -> str:
    """Join code parts printed in separate 类 / 款 / 项 columns, padding lost zeros.

    >>> join_code("204", "02", "01"), join_code("204", "2", "1"), join_code("301", "2"), join_code("208", "", "")
    ('2040201', '2040201', '30102', '208')
    """
    cleaned = [unicodedata.normalize("NFKC", p or "").strip() for p in parts]
    head, *rest = cleaned
    return head + "".join(part.zfill(2) for part in rest if part)


def parse_code(text: str | None) -> str | None:
    """Read a printed code cell into a code string, or None when the cell holds no code.

    >>> parse_code("2040201"), parse_code("204 02 01"), parse_code("301 2"), parse_code("合计")
    ('2040201', '2040201', '30102', None)
    """
    if not text:
        return None
    value = unicodedata.normalize("NFKC", text).strip()
    if _CODE.match(value):
        return value
    parts = value.split()
    if (
        len(parts) > 1
        and all(p.isdigit() for p in parts)
        and len(parts[0]) == 3
        and all(len(p) <= 2 for p in parts[1:])
    ):
        return join_code(*parts)
    return None


def code_level(code: str | None, scheme: str = "functional") -> str | None:
    """class (类), kuan (款) or item (项), from the code's length; economic codes have class and item.

    >>> code_level("204"), code_level("20402"), code_level("2040201"), code_level(None)
    ('class', 'kuan', 'item', None)
    >>> code_level("30101", scheme="economic")
    'item'
    """
    if not code:
        return None
    if scheme == "economic":
        return {3: "class", 5: "item"}.get(len(code))
    return _LEVELS.get(len(code))


def parent_code(code: str | None) -> str | None:
    """The code one level up, or None for a class.

    >>> parent_code("2040201"), parent_code("20402"), parent_code("204")
    ('20402', '204', None)
    """
    if not code or len(code) <= 3:
        return None
    return code[:-2]
