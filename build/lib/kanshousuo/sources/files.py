"""Read a disclosure file's bytes; a missing file or a folder is one clear error."""

from __future__ import annotations

from pathlib import Path

from kanshousuo.errors import DisclosureError


def read_source_bytes(path: Path) -> bytes:
    """The bytes of a disclosure file (text or PDF); a missing file or a folder is one clear error."""
    if not path.exists():
        raise DisclosureError(f"no such file: {path}")
    if path.is_dir():
        raise DisclosureError(f"{path} is a folder, not a disclosure file")
    return path.read_bytes()
