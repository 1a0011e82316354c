"""Read a disclosure file's bytes: only a regular file, and only up to a size no real disclosure
comes near; anything else is one clear error (a FIFO would block, /dev/zero never ends)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from kanshousuo.errors import DisclosureError

# the largest real disclosures are a few MB (a 31-page PDF is 0.2 MB, the text dump 0.3 MB);
# these limits are two orders of magnitude above them
MAX_BYTES = {"text": 20_000_000, "pdf": 200_000_000}


def resolved(path: str | Path, what: str = "") -> Path:
    """The absolute path with symbolic links followed; a loop of links is one clear error."""
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11 reports a symlink loop so
        raise DisclosureError(f"{what}{path}: cannot be followed (a loop of symbolic links?)") from None


def read_source_bytes(path: Path) -> bytes:
    """The bytes of a disclosure file (text or PDF); a missing file, a folder, a FIFO or device,
    or a file far larger than any disclosure is one clear error."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise DisclosureError(f"no such file: {path}") from None
    except OSError as error:
        raise DisclosureError(f"{path}: cannot be read ({error.strerror})") from None
    if stat.S_ISDIR(status.st_mode):
        raise DisclosureError(f"{path} is a folder, not a disclosure file")
    if not stat.S_ISREG(status.st_mode):
        raise DisclosureError(f"{path} is not a regular file (a pipe or a device); save the disclosure to a file")
    limit = MAX_BYTES["pdf" if path.suffix.lower() == ".pdf" else "text"]
    if status.st_size > limit:
        raise DisclosureError(
            f"{path.name} is {status.st_size / 1e6:.0f} MB, far beyond any disclosure (limit {limit / 1e6:.0f} MB)"
        )
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise DisclosureError(f"{path.name} grows past {limit / 1e6:.0f} MB while read; not a disclosure file")
    return data


def safe_name(stem: str) -> str:
    """A folder name derived from any input name: no path separators, no leading dots, never
    empty, `.` or `..`.

    >>> safe_name("shanxi-2026"), safe_name(".."), safe_name("...txt"), safe_name("a/b\\\\c"), safe_name("")
    ('shanxi-2026', 'document', 'txt', 'a_b_c', 'document')
    """
    name = re.sub(r"[/\\\x00-\x1f]", "_", stem).lstrip(". ")
    return name[:120] or "document"
