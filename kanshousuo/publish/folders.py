"""Output folders the toolkit publishes into, replaced only when it wrote them, and atomically.

A user's folder is never deleted: an output folder may be replaced only when it is empty or
when it holds exactly what the toolkit wrote there (its marker file `.kanshousuo` lists every
file). Anything else is refused, before the document is read, with one clear line. Nor may an
output folder be the working folder, the folder of an input, or a folder above either.

The new output is written in a staging folder beside the target and swapped in with one atomic
exchange (`renameat2(RENAME_EXCHANGE)` on Linux), so at every instant the target holds the old
complete output or the new one; the old one is removed after the swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kanshousuo.errors import DisclosureError
from kanshousuo.sources.files import (
    resolved,
    safe_name,  # noqa: F401 (re-exported)
)

MARKER = ".kanshousuo"
_STAGING = ".kanshousuo-staging-"


def _listed(folder: Path) -> set[str] | None:
    """The files the toolkit's marker lists in a folder, or None when there is no readable marker."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = marker.get("files") if isinstance(marker, dict) and marker.get("written_by") == "kanshousuo" else None
    return set(files) if isinstance(files, list) else None


def _legacy_package(folder: Path) -> set[str] | None:
    """The files of a data package written before the marker existed: datapackage.json and the
    resources it lists (its profile says it is ours), or None."""
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(package, dict) or package.get("profile") != "tabular-data-package":
        return None
    return {"datapackage.json"} | {r.get("path") for r in package.get("resources", []) if isinstance(r, dict)}


def written_by_us(folder: Path) -> bool:
    """True when a folder holds nothing but what the toolkit wrote there (or nothing at all)."""
    entries = {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file() or path.is_symlink()}
    if not entries and not any(folder.iterdir()):
        return True
    listed = _listed(folder)
    if listed is not None:
        return entries <= listed | {MARKER}
    legacy = _legacy_package(folder)
    return legacy is not None and entries <= legacy


def check_output_folder(out: str | Path, inputs: Iterable[Path] = ()) -> Path:
    """The output folder, checked before anything is read; a folder the toolkit may not replace
    raises DisclosureError with one line."""
    if not str(out).strip():
        raise DisclosureError("--out is empty: name the folder to write into")
    out = Path(out)
    target = resolved(out, "--out ")
    here = Path.cwd().resolve()
    if target == here or here.is_relative_to(target):
        raise DisclosureError(f"--out {out} is the working folder or above it: name a folder of its own")
    for path in inputs:
        source = resolved(path)
        if source == target or source.is_relative_to(target):
            raise DisclosureError(f"--out {out} holds the input {Path(path).name}: name a folder of its own")
    if target.exists() and not target.is_dir():
        raise DisclosureError(f"--out {out} is a file, not a folder")
    if target.is_dir() and not written_by_us(target):
        raise DisclosureError(
            f"--out {out} holds files kanshousuo did not write; name a new or empty folder (nothing was changed)"
        )
    return target


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the
    system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))


def _mark(folder: Path) -> None:
    """List every file written, so that the next run knows the folder is the toolkit's."""
    files = sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
    marker = {"written_by": "kanshousuo", "files": files}
    (folder / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=1), encoding="utf-8")


def _remove_stale_staging(parent: Path, name: str) -> None:
    """Staging folders a killed run left beside the target (they hold only what we wrote)."""
    for stale in parent.glob(f"{_STAGING}{name}.*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def replace_folder(out: Path) -> Iterator[Path]:
    """Yield a staging folder beside `out`; on success it replaces `out` in one atomic swap, on
    any failure it is removed and `out` is left as it was. Beside, not in /tmp, so the swap stays
    on one disk. `out` must have passed `check_output_folder`."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.is_dir() and not written_by_us(out):
        raise DisclosureError(f"{out} holds files kanshousuo did not write; nothing was changed")
    _remove_stale_staging(out.parent, out.name)
    staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{out.name}.", dir=out.parent))
    try:
        yield staging
        _mark(staging)
        staging.chmod(0o755)  # mkdtemp makes it private; a published folder is not
        if not out.exists():
            staging.rename(out)
        elif _exchange(staging, out):
            shutil.rmtree(staging, ignore_errors=True)  # now the old output
        else:
            aside = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{out.name}.", dir=out.parent))
            aside.rmdir()
            out.rename(aside)
            staging.rename(out)
            shutil.rmtree(aside, ignore_errors=True)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging, ignore_errors=True)
        raise
