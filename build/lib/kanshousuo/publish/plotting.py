"""Chinese text in matplotlib and seaborn figures, with an openly licensed font.

matplotlib's own fonts have no CJK glyphs: a label in Chinese comes out as empty boxes and a
"Glyph … missing from font" warning. We use Noto Sans CJK SC (SIL Open Font License 1.1), which
the `mplfonts` wheel on PyPI carries as `NotoSansCJKsc-Regular.otf`. The same wheel also carries
`SimHei.ttf`, which has no redistribution licence: we never touch it. The font is registered in
this process only (`fontManager.addfont`); the matplotlib installation is not modified.

`sns.set_theme` resets the font settings, so `use_cjk_theme` calls it and then sets the font.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from kanshousuo.errors import DisclosureError

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"  # SIL Open Font License 1.1 (Google / Adobe Noto CJK)


def cjk_font_path() -> Path:
    """Where the openly licensed CJK font lies (inside the installed mplfonts wheel)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise DisclosureError("the CJK font needs the 'mplfonts' package: pip install -e '.[notebooks]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / CJK_FONT_FILE
    if not path.exists():
        raise DisclosureError(f"the CJK font {CJK_FONT_FILE} is missing from the mplfonts package")
    return path


@cache
def _registered_font_name() -> str:
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def register_cjk_font() -> str:
    """Register the CJK font with matplotlib (this process only) and make it the default.

    Returns the font's family name. Safe to call again (after `sns.set_theme`, for instance).
    """
    import matplotlib

    name = _registered_font_name()
    matplotlib.rcParams["font.family"] = "sans-serif"
    fallbacks = [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
    matplotlib.rcParams["font.sans-serif"] = [name, *fallbacks]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212 minus
    return name


def use_cjk_theme(style: str = "whitegrid", context: str = "notebook", **kwargs) -> str:
    """`sns.set_theme` with the CJK font kept: the one call notebooks make before plotting."""
    import seaborn as sns

    sns.set_theme(style=style, context=context, **kwargs)
    return register_cjk_font()
