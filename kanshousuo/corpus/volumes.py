"""A disclosure published in two files (a text volume and a table volume, as Jiangsu's departments
publish theirs) becomes one document of the corpus.

Only the reader can tell a text volume: a file with the explanatory sections and no table. So the
pairing is done after reading, on what the database holds: each text volume (a failed document
whose `volume` is text) is joined to the one table volume (a read document whose `volume` is
tables) printed for the same unit, year and kind of document and kept in the same folder. The two
are read together as one disclosure (`read_disclosure(text, tables)`, as `kanshousuo extract
TEXT.pdf TABLES.pdf`, by the same pool or cluster as the rest) and written in one transaction
that removes the two volumes' own rows; a pair that cannot be read together leaves them as they are. The
pair keeps both files' SHA-256 (`other_files`), so a re-run skips both; as the pairing works on
the database, a build interrupted between the volumes and their pair is completed by the next,
and a volume that changed (read alone again) is joined again with the other half of its pair.

A unit's name may be printed with or without its party prefix (江苏省委办公厅 on the text volume,
中共江苏省委办公厅 on the table volume): two names match when one ends with the other. A text
volume with no table volume, or with several candidates, stays as it is: a failed document whose
error says what it is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from kanshousuo.corpus.worker import Task

_VOLUMES = """
    SELECT doc_id, file, sha256, unit_name, year, document_kind, volume, status, other_files FROM documents
    WHERE unit_name IS NOT NULL AND year IS NOT NULL AND (volume IN ('text', 'tables') OR other_files IS NOT NULL)
    ORDER BY doc_id
"""


@dataclass(frozen=True)
class Volume:
    """One file of a two-file disclosure as the database holds it."""

    doc_id: str
    file: str
    sha256: str
    unit_name: str
    year: int
    document_kind: str | None

    @cached_property
    def key(self) -> tuple[str, int, str | None]:
        """What two volumes of one disclosure share exactly: folder, year, kind of document."""
        return str(Path(self.file).parent), self.year, self.document_kind

    def belongs_with(self, other: Volume) -> bool:
        """Same folder, year and kind of document; unit names equal, or one ending with the other."""
        same_unit = self.unit_name.endswith(other.unit_name) or other.unit_name.endswith(self.unit_name)
        return (
            Path(self.file).parent == Path(other.file).parent
            and (self.year, self.document_kind) == (other.year, other.document_kind)
            and same_unit
        )


def volume_pairs(texts: list[Volume], tables: list[Volume]) -> Iterator[tuple[Volume, Volume]]:
    """Each text volume with its table volume, when each has exactly one match in the other list.

    >>> text = Volume("a", "/d/a.pdf", "1", "江苏省委办公厅", 2019, "department_budget")
    >>> table = Volume("b", "/d/b.pdf", "2", "中共江苏省委办公厅", 2019, "department_budget")
    >>> other = Volume("c", "/d/c.pdf", "3", "江苏省人大常委会办公厅", 2019, "department_budget")
    >>> [(t.doc_id, b.doc_id) for t, b in volume_pairs([text], [table, other])]
    [('a', 'b')]
    >>> [pair for pair in volume_pairs([text], [other])]
    []
    """
    text_index, table_index = _NameIndex(texts), _NameIndex(tables)
    for text in texts:
        matches = table_index.matching(text)
        if len(matches) == 1 and len(text_index.matching(matches[0])) == 1:
            yield text, matches[0]


class _NameIndex:
    """Volumes by folder, year and kind, and by every ending of their unit's name, so that the
    volumes matching one are found by lookups, not by comparing it with all (a corpus of many
    units in one folder stays linear)."""

    def __init__(self, volumes: list[Volume]):
        self.named: dict[tuple, list[Volume]] = defaultdict(list)  # (key, name)
        self.ending: dict[tuple, list[Volume]] = defaultdict(list)  # (key, an ending of the name)
        for volume in volumes:
            name = volume.unit_name
            self.named[volume.key, name].append(volume)
            for start in range(len(name)):
                self.ending[volume.key, name[start:]].append(volume)

    def matching(self, volume: Volume) -> list[Volume]:
        """The indexed volumes that `belongs_with` this one: same key, and a name ending with its
        name or that its name ends with."""
        name, found = volume.unit_name, {}
        for other in self.ending.get((volume.key, name), []):
            found[other.doc_id, other.file] = other
        key = volume.key
        for start in range(len(name)):
            for other in self.named.get((key, name[start:]), []):
                found[other.doc_id, other.file] = other
        return list(found.values())


def pair_task(text: Volume, table: Volume) -> Task:
    """The task that reads the two volumes as one disclosure, the text volume first; its id names
    both files (each file's id is its stem)."""
    doc_id = f"{Path(text.file).stem}+{Path(table.file).stem}"
    return Task(doc_id=doc_id, path=text.file, sha256=text.sha256, more=((table.file, table.sha256),))


def _candidates(rows: list[tuple]) -> tuple[list[Volume], list[Volume]]:
    """The text volumes and table volumes waiting for their other half: those read alone, and the
    halves of a pair one of whose files was read alone again (it changed: the pair is stale)."""
    texts, tables, pairs = [], [], []
    for *fields, volume, status, others in rows:
        if others:
            pairs.append((Volume(*fields), json.loads(others)))
        elif (volume, status) == ("text", "failed"):
            texts.append(Volume(*fields))
        elif (volume, status) == ("tables", "read"):
            tables.append(Volume(*fields))
    fresh = {v.file for v in [*texts, *tables]}
    for pair, others in pairs:
        if pair.file in fresh or any(other["file"] in fresh for other in others):
            if pair.file not in fresh:
                texts.append(pair)
            tables += [replace(pair, file=o["file"], sha256=o["sha256"]) for o in others if o["file"] not in fresh]
    return texts, tables


def volume_pairs_in(con) -> list[tuple[Task, tuple[str, ...]]]:
    """The tasks that read each text volume of the database with its table volume, each with the
    doc_ids of the two volumes its result replaces."""
    texts, tables = _candidates(con.execute(_VOLUMES).fetchall())
    pairs = volume_pairs(texts, tables)
    return [(pair_task(text, table), tuple(dict.fromkeys([text.doc_id, table.doc_id]))) for text, table in pairs]
