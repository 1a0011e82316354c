"""Find the disclosures to read: files and folders given on the command line, as documents.

A folder is searched recursively for `.pdf` and `.txt` files (hidden files and folders are
skipped). Each file is one document today; `group_volumes` is the hook where the volumes of one
disclosure (a Jiangsu text volume and table volume, say) will be put together later.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kanshousuo.corpus.errors import CorpusError

SUFFIXES = (".pdf", ".txt")


@dataclass(frozen=True)
class DocumentFiles:
    """One disclosure to read: its id and its file(s), the first being the one read today."""

    doc_id: str
    files: tuple[Path, ...]

    @property
    def path(self) -> Path:
        """The file that is read."""
        return self.files[0]


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every `.pdf` and `.txt` file under the given files and folders, resolved, once each, sorted.

    A path that does not exist raises CorpusError; a file given by name is taken whatever its
    suffix (the reader then says whether it is a disclosure).
    """
    found: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise CorpusError(f"no such file or folder: {path}")
        if path.is_dir():
            found.update(
                p.resolve()
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.add(path.resolve())
    return sorted(found)


def group_volumes(files: list[Path]) -> list[DocumentFiles]:
    """The documents the files make up: one file each, its id the file's stem.

    The hook for volumes: a rule that recognises the volumes of one disclosure returns them
    as one DocumentFiles here.
    """
    return [DocumentFiles(doc_id=f.stem, files=(f,)) for f in files]


def discover(paths: Iterable[str | Path]) -> list[DocumentFiles]:
    """The documents under the given paths; CorpusError when there are none."""
    given = list(paths)
    documents = group_volumes(find_files(given))
    if not documents:
        raise CorpusError("no .pdf or .txt documents found in " + ", ".join(str(p) for p in given))
    return documents


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks (the key a rebuild skips by)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
