"""The report's charts: labelled in Chinese (or English with lang="en"), units on the axes, bars
from zero, no identifier or repr anywhere.

Each function takes the frame an analysis function returns and gives a matplotlib Figure; the
notebooks only call them. Amounts are plotted in 万元 (converted exactly before the float cast a
chart needs); an inferred series is named as one in the legend.
"""

from __future__ import annotations

from decimal import Decimal

from kanshousuo.analysis.figures import in_wan
from kanshousuo.catalog.glossary import english_name
from kanshousuo.publish.display import label, number, percent
from kanshousuo.publish.plotting import use_cjk_theme

THIS_YEAR_COLOR = "#3b6ea5"
PRIOR_YEAR_COLOR = "#b8c7d9"
ACCENT = "#b5473a"


def _figure(rows: int, width: float = 8.5):
    import matplotlib.pyplot as plt

    use_cjk_theme()
    fig, ax = plt.subplots(figsize=(width, max(2.6, 0.55 * rows + 1.6)))
    return fig, ax


def name_in(text: str, lang: str, year: int | None = None) -> str:
    """A Chinese name from the document, in English when asked and the glossary has it."""
    if lang == "zh":
        return text
    return english_name(text, year) or label(text, lang)


def _floats(values) -> list[float]:
    return [float(v) if v is not None else 0.0 for v in values]


def _zero_baseline(ax, values: list[float], horizontal: bool = True) -> None:
    """Bars start at zero: the axis includes 0 and a little room for the labels."""
    low, high = min([0.0, *values]), max([0.0, *values])
    room = (high - low) * 0.18 or 1.0
    limits = (low - (room if low < 0 else 0), high + room)
    (ax.set_xlim if horizontal else ax.set_ylim)(*limits)


def share_chart(frame, title: str, lang: str = "zh", year: int | None = None):
    """收入预算图 / 一般公共预算当年拨款结构图: each line in 万元 with its share of the printed total."""
    fig, ax = _figure(len(frame))
    names = [name_in(str(n), lang, year) for n in frame["label"]]
    values = [in_wan(a, u) for a, u in zip(frame["amount"], frame["unit"], strict=True)]
    ax.barh(names[::-1], _floats(values)[::-1], color=THIS_YEAR_COLOR)
    for y, (value, share) in enumerate(zip(values[::-1], list(frame["share_pct"])[::-1], strict=True)):
        ax.annotate(
            f"{number(value)}（{number(share)}%）",
            (float(value), y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
        )
    _zero_baseline(ax, _floats(values))
    ax.set_title(label(title, lang))
    ax.set_xlabel(label("axis_wan", lang))
    fig.tight_layout()
    return fig


def three_public_chart(frame, lang: str = "zh", year: int | None = None):
    """三公 by item: this year (printed; a blank cell is 0) beside last year (inferred from the text)."""
    fig, ax = _figure(len(frame) * 1.4)
    names = [name_in(str(n), lang, year) for n in frame["item"]][::-1]
    this_year = _floats(frame["this_year_wan"])[::-1]
    prior = list(frame["prior_year_wan"])[::-1]
    positions = list(range(len(names)))
    height = 0.38
    ax.barh(
        [p + height / 2 for p in positions], this_year, height, color=THIS_YEAR_COLOR, label=label("this_year", lang)
    )
    ax.barh(
        [p - height / 2 for p in positions],
        _floats(v if v is not None else 0 for v in prior),
        height,
        color=PRIOR_YEAR_COLOR,
        label=label("prior_year", lang),
    )
    for p, value, before in zip(positions, this_year, prior, strict=True):
        ax.annotate(
            number(value), (value, p + height / 2), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8
        )
        text = number(before) if before is not None else label("prior_not_stated", lang)
        ax.annotate(
            text,
            (float(before or 0), p - height / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="#555555",
        )
    ax.set_yticks(positions, names)
    _zero_baseline(ax, this_year + _floats(v for v in prior if v is not None))
    ax.set_title(label("three_public_chart", lang))
    ax.set_xlabel(label("axis_wan", lang))
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


def per_day_chart(frame, lang: str = "zh"):
    """元 per detainee per day on each basis (standards, food standard, the allocation)."""
    fig, ax = _figure(len(frame), width=9.5)
    names = [label(b, lang) for b in frame["basis"]][::-1]
    values = _floats(frame["yuan_per_day"])[::-1]
    ax.barh(
        names, values, color=[ACCENT if n == label("allocation_all_purposes", lang) else THIS_YEAR_COLOR for n in names]
    )
    for y, value in enumerate(values):
        ax.annotate(number(value), (value, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    _zero_baseline(ax, values)
    ax.set_title(label("per_day_chart", lang))
    ax.set_xlabel(label("axis_yuan_day", lang))
    fig.tight_layout()
    return fig


def wider_views_chart(frame, lang: str = "zh"):
    """Each view's yearly amount (万元), annotated with whom it serves and any overlap."""
    fig, ax = _figure(len(frame), width=9.5)
    names = [label(v, lang) for v in frame["view"]][::-1]
    values = _floats(frame["amount_wan"])[::-1]
    ax.barh(names, values, color=THIS_YEAR_COLOR)
    notes = list(zip(frame["population"], frame["population_count"], frame["may_double_count_medical"], strict=True))[
        ::-1
    ]
    for y, (value, (population, count, overlap)) in enumerate(zip(values, notes, strict=True)):
        text = f"{number(value)}；{label('serves', lang)}：{name_in(population, lang)}（{label(count, lang)}）"
        if overlap:
            text += f"；{label('double_count_note', lang)}"
        ax.annotate(text, (value, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_xlim(0, max(values) * 1.9)  # room for the notes beside the bars
    ax.set_title(label("wider_chart", lang))
    ax.set_xlabel(label("axis_wan", lang))
    fig.tight_layout()
    return fig


def occupancy_chart(grid, lang: str = "zh", cap: Decimal | None = None):
    """Cost per detainee-day of the standards as occupancy rises (fixed kitchen costs spread)."""
    fig, ax = _figure(5)
    persons = _floats(grid["persons"])
    values = _floats(grid["yuan_per_detainee_day"])
    from matplotlib.ticker import MaxNLocator

    ax.plot(persons, values, marker="o", color=THIS_YEAR_COLOR)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(values) * 1.15)
    if cap is not None:
        ax.axvline(float(cap), color=ACCENT, linestyle="--", label=f"{label('cap', lang)} {number(cap, 0)}")
        ax.legend(loc="lower left", fontsize=8)
    ax.set_title(label("occupancy_chart", lang))
    ax.set_xlabel(label("detainees", lang))
    ax.set_ylabel(label("axis_yuan_day", lang))
    fig.tight_layout()
    return fig


def cost_lines_chart(lines, lang: str = "zh"):
    """Personnel and public-use costs: last year (inferred) and this year, in 万元."""
    fig, ax = _figure(len(lines) * 1.6)
    names = [label(n, lang) for n in lines["line"]][::-1]
    current = _floats(lines["current_wan"])[::-1]
    prior = _floats(lines["prior_wan"])[::-1]
    growth = list(lines["growth"])[::-1]
    positions = list(range(len(names)))
    height = 0.38
    ax.barh([p + height / 2 for p in positions], current, height, color=THIS_YEAR_COLOR, label=label("this_year", lang))
    ax.barh([p - height / 2 for p in positions], prior, height, color=PRIOR_YEAR_COLOR, label=label("prior_year", lang))
    for p, now, before, rate in zip(positions, current, prior, growth, strict=True):
        ax.annotate(
            f"{number(now)}（+{percent(rate)}）",
            (now, p + height / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
        ax.annotate(
            number(before),
            (before, p - height / 2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            color="#555555",
        )
    ax.set_yticks(positions, names)
    _zero_baseline(ax, current + prior)
    ax.set_title(label("cost_lines_chart", lang))
    ax.set_xlabel(label("axis_wan", lang))
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


DECOMPOSITION_PARTS = ("carryover_change", "personnel_change", "public_use_change", "project_change")


def decomposition_chart(steps, lang: str = "zh"):
    """A waterfall: the parts of the change (printed and inferred) and the stated total change."""
    by_key = {s.key: s for s in steps}
    fig, ax = _figure(5, width=9)
    names, bottoms, heights, colors = [], [], [], []
    running = Decimal(0)
    for key in DECOMPOSITION_PARTS:
        step = by_key[key]
        names.append(label(key, lang) + ("" if step.kind == "printed" else f"（{label('inference', lang)}）"))
        bottoms.append(float(running if step.amount_wan >= 0 else running + step.amount_wan))
        heights.append(abs(float(step.amount_wan)))
        colors.append(THIS_YEAR_COLOR if step.kind == "printed" else PRIOR_YEAR_COLOR)
        running += step.amount_wan
    total = by_key["total_change"]
    names.append(label("total_change", lang))
    bottoms.append(0.0)
    heights.append(float(total.amount_wan))
    colors.append(ACCENT)
    ax.bar(range(len(names)), heights, bottom=bottoms, color=colors)
    values = [by_key[k].amount_wan for k in DECOMPOSITION_PARTS] + [total.amount_wan]
    for x, (value, bottom, height) in enumerate(zip(values, bottoms, heights, strict=True)):
        ax.annotate(
            number(value, signed=True),
            (x, bottom + height),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_xticks(range(len(names)), names, rotation=15, ha="right", fontsize=8)
    ax.set_ylim(min(0.0, min(bottoms)) * 1.15, max(b + h for b, h in zip(bottoms, heights, strict=True)) * 1.15)
    ax.set_title(label("decomposition_chart", lang))
    ax.set_ylabel(label("axis_wan", lang))
    fig.tight_layout()
    return fig


def funds_chart(frame, lang: str = "zh"):
    """Each project's annual funds, implementation-period funds and stated need (万元)."""
    fig, ax = _figure(len(frame) * 1.8, width=9.5)
    names = list(frame["project"])[::-1]
    series = [("annual_wan", THIS_YEAR_COLOR), ("period_wan", PRIOR_YEAR_COLOR), ("need_wan", ACCENT)]
    height = 0.26
    positions = list(range(len(names)))
    every = []
    for offset, (column, color) in zip((height, 0, -height), series, strict=True):
        values = _floats(v if v is not None else 0 for v in list(frame[column])[::-1])
        every += values
        ax.barh([p + offset for p in positions], values, height, color=color, label=label(column, lang))
    ax.set_yticks(positions, names, fontsize=8)
    _zero_baseline(ax, every)
    ax.set_title(label("funds_chart", lang))
    ax.set_xlabel(label("axis_wan", lang))
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


STATUS_COLORS = {
    "ok": "#7fa77f",
    "mismatch": ACCENT,
    "unmatched": "#d39c3f",
    "implied": "#8aa3c2",
    "approximate_name": "#b59ad1",
}


def audit_chart(audit, lang: str = "zh"):
    """How many checks of each kind agree, disagree or only inform (stacked, from zero)."""
    counts = audit.groupby(["check", "status"]).size().unstack(fill_value=0)
    fig, ax = _figure(len(counts))
    names = [label(c, lang) for c in counts.index]
    left = [0.0] * len(names)
    for status in counts.columns:
        values = _floats(counts[status])
        ax.barh(names, values, left=left, color=STATUS_COLORS.get(status, "#999999"), label=label(status, lang))
        left = [a + b for a, b in zip(left, values, strict=True)]
    _zero_baseline(ax, left)
    ax.set_title(label("audit_chart", lang))
    ax.set_xlabel(label("axis_checks", lang))
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig
