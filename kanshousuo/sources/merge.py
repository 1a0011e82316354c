"""One disclosure published as several files (Jiangsu's text volume and table volume): their
sources merged into one, every table and section keeping the file it is printed in."""

from __future__ import annotations

from kanshousuo.sources.blocks import RawSource
from kanshousuo.sources.identity import unit_name
from kanshousuo.sources.sections import document_sections


def merge_sources(sources: list[RawSource]) -> RawSource:
    """The sources of one disclosure's files as one: tables, target tables and sections in the
    order of the files, the cover of the first file that has one, the unit named anywhere."""
    if len(sources) == 1:
        return sources[0]
    lines = [line for source in sources for line in source.lines]
    cover = next((source.cover for source in sources if source.cover), [])
    return RawSource(
        path=sources[0].path,
        sha256=sources[0].sha256,
        kind=sources[0].kind if len({s.kind for s in sources}) == 1 else "mixed",
        encoding=sources[0].encoding,
        lines=lines,
        tables=[table for source in sources for table in source.tables],
        targets=[target for source in sources for target in source.targets],
        watermarks=sorted({mark for source in sources for mark in source.watermarks}),
        title_lines=[title for source in sources for title in source.title_lines],
        notes=[f"{source.path.name}: {note}" for source in sources for note in source.notes],
        page_count=sum(source.page_count or 0 for source in sources) or None,
        cover=cover,
        unit_name=unit_name(cover, lines) or next((s.unit_name for s in sources if s.unit_name), None),
        files=[file for source in sources for file in source.files],
        sections=[section for source in sources for section in document_sections(source)],
    )
