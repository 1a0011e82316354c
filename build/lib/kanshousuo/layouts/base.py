"""What a template shape is: a printed layout of a catalog table that must be rewritten first.

As camelot keeps `PARSERS = {"lattice": Lattice, …}`, `kanshousuo.layouts.LAYOUTS` keeps one
small class per shape. A shape says which blocks it may apply to and rewrites a block into the
catalog's layout, or returns None when the block does not have its shape.
"""

from __future__ import annotations

from typing import ClassVar

from kanshousuo.sources.blocks import TableBlock


class Layout:
    """One printed shape. Subclasses set `name` and override `applies` and `rewrite`."""

    name: ClassVar[str] = ""

    def applies(self, block: TableBlock) -> bool:
        """True when the shape may be printed for this block's table (by its catalog row)."""
        raise NotImplementedError

    def rewrite(self, block: TableBlock) -> list[TableBlock] | None:
        """The block in the catalog's layout (a wide table may give two blocks); None when the
        block does not have this shape."""
        raise NotImplementedError
