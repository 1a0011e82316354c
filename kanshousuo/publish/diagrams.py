"""Teaching diagrams for notebook 0.0: how the tables tie together, how the codes nest.

Drawn with matplotlib only (no graph library, nothing downloaded): the tables on a circle in
catalog order with the audit's checks between them, and a treemap of the functional codes where
each 类 is a column as wide as its money, each 款 a slice of it, each 项 a slice of that.
"""

from __future__ import annotations

import math

from kanshousuo.analysis.anatomy import plain_title
from kanshousuo.catalog.glossary import english_name
from kanshousuo.publish.display import label, number
from kanshousuo.publish.plotting import use_cjk_theme

OK_COLOR = "#7fa77f"
BAD_COLOR = "#b5473a"
NODE_COLOR = "#e8eef5"
LEVEL_COLORS = {"class": "#3b6ea5", "kuan": "#7fa3c9", "item": "#d6e2ef"}


def _table_name(row, lang: str) -> str:
    if lang == "en" and isinstance(row.title_en, str) and row.title_en:
        return row.title_en
    return plain_title(row.title) or row.table_id


def identity_diagram(tables, links, within, lang: str = "zh"):
    """Tables as boxes (with the checks inside each), lines between tables that the audit ties
    together, labelled with how many checks; a red line has at least one disagreement."""
    import matplotlib.pyplot as plt

    use_cjk_theme(style="white")
    fig, ax = plt.subplots(figsize=(10, 10))
    rows = list(tables.itertuples())
    position = {}
    for i, row in enumerate(rows):
        angle = math.pi / 2 - 2 * math.pi * i / len(rows)
        position[row.table_id] = (math.cos(angle), math.sin(angle))
    for link in links.itertuples():
        (x1, y1), (x2, y2) = position[link.left], position[link.right]
        color = BAD_COLOR if link.disagreeing else OK_COLOR
        ax.plot([x1, x2], [y1, y2], color=color, linewidth=1 + math.log2(1 + link.checks), alpha=0.75, zorder=1)
        ax.annotate(
            str(link.checks),
            ((x1 + x2) / 2, (y1 + y2) / 2),
            ha="center",
            va="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": color},
            zorder=3,
        )
    inside = {r.table_id: r for r in within.itertuples()}
    for row in rows:
        x, y = position[row.table_id]
        checks = inside.get(row.table_id)
        note = ""
        if checks is not None:
            note = f"\n{label('n', lang)} {checks.checks}" + (
                f"{'，' if lang == 'zh' else ', '}{label('mismatch', lang)} {checks.disagreeing}"
                if checks.disagreeing
                else ""
            )
        empty = (
            ("\n（{}）" if lang == "zh" else "\n({})").format(label("printed_empty", lang)) if row.printed_empty else ""
        )
        ax.annotate(
            _wrap(_table_name(row, lang), 12 if lang == "zh" else 22) + empty + note,
            (x, y),
            ha="center",
            va="center",
            fontsize=8,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.4", "fc": NODE_COLOR, "ec": "#52606d"},
        )
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(label("identity_diagram", lang))
    ax.text(0, -1.22, label("identity_legend", lang), ha="center", fontsize=8, color="#52606d")
    fig.tight_layout()
    return fig


def _wrap(text: str, width: int) -> str:
    if " " in text:  # English: wrap at words
        words, lines, line = text.split(), [], ""
        for word in words:
            if line and len(line) + len(word) + 1 > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join([*lines, line])
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def code_tree(tree, lang: str = "zh", year: int | None = None):
    """The functional codes of the expenditure table as a tree (类 → 款 → 项, joined by lines) with
    each code's amount as a bar beside it (万元, from zero), in the order the table prints them."""
    import matplotlib.pyplot as plt

    use_cjk_theme(style="white")
    rows = list(tree.itertuples())
    depth = {"class": 0, "kuan": 1, "item": 2}
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(11, 0.42 * len(rows) + 1.4), sharey=True, gridspec_kw={"width_ratios": [3, 2]}
    )
    y_of = {row.code: -i for i, row in enumerate(rows)}
    for row in rows:
        x, y = depth.get(row.level, 2), y_of[row.code]
        parent = row.parent_code if row.parent_code in y_of else None
        if parent is not None:
            px, py = depth.get(tree.loc[tree["code"] == parent, "level"].iloc[0], 0), y_of[parent]
            left.plot([px + 0.1, px + 0.1, x], [py - 0.25, y, y], color="#9fb3c8", linewidth=1)
        name = row.label if lang == "zh" else (english_name("", year, code=row.code) or row.label)
        left.text(
            x + 0.02,
            y,
            f"{row.code}  {name}",
            va="center",
            fontsize=9,
            fontweight="bold" if row.level == "class" else "normal",
            bbox={"boxstyle": "round,pad=0.2", "fc": LEVEL_COLORS.get(row.level, "#eeeeee"), "ec": "none"},
            color="white" if row.level == "class" else "#102a43",
        )
    left.set_xlim(0, 5.2)
    left.axis("off")
    values = [float(row.amount_wan) for row in rows]
    right.barh([y_of[r.code] for r in rows], values, color=[LEVEL_COLORS.get(r.level, "#cccccc") for r in rows])
    for row, value in zip(rows, values, strict=True):
        right.annotate(
            number(row.amount_wan),
            (value, y_of[row.code]),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    right.set_xlim(0, max(values) * 1.3)
    right.set_xlabel(label("axis_wan", lang))
    right.spines[["top", "right", "left"]].set_visible(False)
    right.tick_params(left=False)
    fig.suptitle(label("code_tree", lang))
    fig.tight_layout()
    return fig
