"""Find the disclosures to read: files and folders given on the command line, as documents.

A folder is searched recursively for `.pdf` and `.txt` files (hidden files and folders are
skipped). Each file is one document here: only the reader can tell a text volume from a table
volume, so the volumes of one disclosure are joined after reading (`kanshousuo.corpus.volumes`).
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
    """One file to read: its id (the file's stem) and the file."""

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


def discover(paths: Iterable[str | Path]) -> list[DocumentFiles]:
    """The documents under the given paths; CorpusError when there are none."""
    given = list(paths)
    documents = [DocumentFiles(doc_id=f.stem, files=(f,)) for f in find_files(given)]
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
