"""The report's own Chinese font: the characters its pages use, cut from Noto Sans CJK SC.

A reader's machine may have no Chinese font (many Linux desktops, some English Windows installs):
the pages would show empty boxes. The figures carry their glyphs (they are PNG); for the text we
ship a subset of the same openly licensed font the charts use (SIL OFL 1.1, from the `mplfonts`
wheel). It is inlined in each page as a data: URL, because browsers refuse a font file loaded
from a file:// page (the report must open from disk); nothing is downloaded. The subset keeps the
font's name table, which carries its copyright and licence; the notice is also written as a file.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from kanshousuo.publish.plotting import cjk_font_path

FONT_FILE = "cjk.otf"
LICENSE_FILE = "FONT-LICENSE.txt"
FONT_FAMILY = "KanshousuoCJK"
PLACEHOLDER = "/*ks-font-face*/"


def characters(pages: list[str]) -> set[str]:
    """Every character the pages show (entities decoded), ASCII included for the font's metrics.

    >>> sorted(characters(["<p>&#19977;公</p>"]) - set(map(chr, range(32, 127))))
    ['三', '公']
    """
    found = set(map(chr, range(32, 127)))
    for page in pages:
        found |= set(html.unescape(page))
    return {c for c in found if c.isprintable()}


def write_font_subset(pages: list[str], folder: Path) -> Path:
    """Write `folder/cjk.otf` (the subset) and `folder/FONT-LICENSE.txt`; returns the font's path."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]  # keep copyright (0), licence (13) and its URL (14)
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(cjk_font_path()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters(pages)))
    subsetter.subset(font)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / FONT_FILE
    subset.save_font(font, str(target), options)
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3 and r.nameID in (0, 1, 13, 14)}
    notice = "\n\n".join(
        [
            f"{FONT_FILE}: the characters of this report, cut from {names.get(1, 'Noto Sans CJK SC')}.",
            names.get(0, ""),
            names.get(13, ""),
            names.get(14, ""),
        ]
    )
    (folder / LICENSE_FILE).write_text(notice.strip() + "\n", encoding="utf-8")
    return target


def font_face(font: Path) -> str:
    """The @font-face rule that inlines the subset (a data: URL, no request)."""
    data = base64.b64encode(font.read_bytes()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-display: swap; '
        f'src: url("data:font/otf;base64,{data}") format("opentype"); }}'
    )


def embed_font(pages: dict[Path, str], folder: Path) -> None:
    """Cut the subset for all pages, write it and its licence into `folder`, and write each page
    with the @font-face rule in place of its placeholder."""
    rule = font_face(write_font_subset(list(pages.values()), folder))
    for path, page in pages.items():
        path.write_text(page.replace(PLACEHOLDER, rule, 1), encoding="utf-8")
