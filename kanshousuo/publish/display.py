"""How figures and tables are shown to a reader: labels, not identifiers; numbers, not reprs.

A reader of the report should see "年度资金（万元）", never `annual_funds_yuan`; "2,551.79", never
`Decimal('2551.79')`; "—", never `None`; and every figure the toolkit infers (rather than reads)
marked as an inference beside the number. This module is the one place that turns analysis
results into what is displayed, so a test can hold the whole report to those rules.

Labels come from `package_data/display_labels.csv` (name, zh, en); `lang` is "zh" or "en".
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from kanshousuo.catalog.files import read_catalog

LANGS = ("zh", "en")
INFERENCE_LABEL = {"zh": "推算", "en": "inferred"}
INFERENCE_CLASS = "inference"
MISSING = "—"


@cache
def _labels() -> dict[str, dict[str, str]]:
    rows = read_catalog("display_labels.csv", ("name", "zh", "en"), required=("name", "zh", "en"))
    return {row["name"]: row for row in rows}


def label(name: str, lang: str = "zh") -> str:
    """The reader's label for a column or value id; an unknown name is returned as given.

    >>> label("annual_wan"), label("annual_wan", "en"), label("公共安全支出")
    ('年度资金（万元）', 'annual funds (wan yuan)', '公共安全支出')
    """
    row = _labels().get(name)
    return row[lang] if row else name


def is_missing(value: object) -> bool:
    """None, NaN, pandas NA: a value that is not there.

    >>> is_missing(None), is_missing(float("nan")), is_missing(Decimal("0"))
    (True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def number(value: object, places: int = 2, *, signed: bool = False) -> str:
    """A figure as a reader sees it: thousands separated, rounded half-up only for display.

    >>> number(Decimal("2551.79")), number(Decimal("-537.32"), signed=True), number(None)
    ('2,551.79', '-537.32', '—')
    >>> number(Decimal("90.474799"), 1), number(Decimal("347.44"), signed=True), number(7, 0)
    ('90.5', '+347.44', '7')
    """
    if is_missing(value):
        return MISSING
    decimal = value if isinstance(value, Decimal) else Decimal(str(value))
    rounded = decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}"
    return f"+{text}" if signed and rounded > 0 else text


def percent(ratio: object, places: int = 1) -> str:
    """A ratio as a percentage.

    >>> percent(Decimal("0.2544585987")), percent(None)
    ('25.4%', '—')
    """
    if is_missing(ratio):
        return MISSING
    return number(Decimal(str(ratio)) * 100, places) + "%"


def wan(value: object, lang: str = "zh", places: int = 2, *, signed: bool = False) -> str:
    """An amount in 万元 with its unit.

    >>> wan(Decimal("125.6")), wan(Decimal("125.6"), "en")
    ('125.60万元', '125.60 wan yuan')
    """
    text = number(value, places, signed=signed)
    if text == MISSING:
        return text
    return f"{text}万元" if lang == "zh" else f"{text} wan yuan"


def inferred(text: str, lang: str = "zh", why: str = "") -> str:
    """An inferred figure as HTML, labelled as an inference beside it (the report's rule).

    >>> inferred("2,204.35万元")
    '<span class="inference">2,204.35万元<small class="inference-label">（推算）</small></span>'
    """
    mark = f"（{INFERENCE_LABEL['zh']}）" if lang == "zh" else f" ({INFERENCE_LABEL['en']})"
    title = f' title="{html.escape(why)}"' if why else ""
    label_html = f'<small class="inference-label">{mark}</small>'
    return f'<span class="{INFERENCE_CLASS}"{title}>{html.escape(text)}{label_html}</span>'


def where(source: object, lang: str = "zh") -> str:
    """'line 379' / 'page 5' as a reader of each language says it.

    >>> where("line 379"), where("page 5"), where("line 379", "en"), where("target table")
    ('第379行', '第5页', 'line 379', 'target table')
    """
    text = str(source)
    kind, _, n = text.partition(" ")
    if lang != "zh" or not n.replace("-", "").isdigit() or kind not in ("line", "page", "lines", "pages"):
        return text
    return f"第{n}{'行' if kind.startswith('line') else '页'}"


def cell_text(value: object, places: int = 2, lang: str = "zh", *, translate: bool = False) -> str:
    """Any value of an analysis frame as display text: figures formatted, a missing value as '—',
    an id (verdict, basis…) as its reader's label when `translate`.

    >>> cell_text(Decimal("128.2")), cell_text(None), cell_text("adds_up", translate=True), cell_text(True)
    ('128.20', '—', '原因金额之和等于变动额', '是')
    >>> cell_text(33), cell_text(Decimal("33")), cell_text(1234)
    ('33', '33.00', '1,234')
    >>> cell_text("line 379"), cell_text("prior_total − prior_general", translate=True)
    ('第379行', '上年收支总计 − 上年一般公共预算当年支出')
    """
    if is_missing(value):
        return MISSING
    if type(value).__module__ == "numpy":  # a numpy scalar from a pandas frame: its Python value
        value = value.item()
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):  # counts, parts, rows
        return f"{int(value):,}"
    if isinstance(value, Decimal | int | float):
        return number(value, places)
    if isinstance(value, tuple):  # (name, figure)
        return "：".join(cell_text(v, places, lang) for v in value)
    if isinstance(value, list):
        return "；".join(cell_text(v, places, lang) for v in value)
    text = str(value)
    if _WHERE.match(text):
        return where(text, lang)
    if not translate:
        return text
    return label(text, lang) if text in _labels() else _IDENTIFIER.sub(lambda m: label(m.group(), lang), text)


_WHERE = re.compile(r"^(line|page|lines|pages) \d+(-\d+)?$")
_IDENTIFIER = re.compile(r"[a-z][a-z_]*")


def _no_wrap(text: str) -> str:
    """A short cell stays on one line (a narrow column would break 单位预算 one character a line)."""
    return ' style="white-space:nowrap"' if len(text) <= 12 else ""


def is_year_column(column: str) -> bool:
    """A column of calendar years, shown without a thousands separator.

    >>> is_year_column("year"), is_year_column("prior_year"), is_year_column("years_in_corpus")
    (True, True, False)
    """
    return column == "year" or column.endswith("_year")


class Table:
    """A frame shown with reader's labels: HTML in a notebook and in the report, text elsewhere.

    Args:
        frame: the analysis result.
        columns: the columns to show, in order (default: all).
        inferred: columns whose figures are inferences (each cell is labelled as one).
        translate: columns whose values are ids to show as labels (verdict, basis, view…).
        places: decimals per column (default 2).
        percents: columns holding ratios, shown as percentages.
        headers: a header for a column where its catalog label does not fit.
        lang: "zh" or "en".
    """

    def __init__(
        self,
        frame,
        columns: Iterable[str] | None = None,
        *,
        inferred: Iterable[str] = (),
        translate: Iterable[str] = (),
        places: Mapping[str, int] | None = None,
        percents: Iterable[str] = (),
        headers: Mapping[str, str] | None = None,
        lang: str = "zh",
        caption: str = "",
    ):
        self.columns = list(columns) if columns is not None else list(frame.columns)
        self.frame = frame[self.columns]
        self.inferred = set(inferred)
        self.translate = set(translate)
        self.headers = dict(headers or {})
        self.places = dict(places or {})
        self.percents = set(percents)
        self.lang = lang
        self.caption = caption

    def _cells(self, column: str) -> list[str]:
        places = self.places.get(column, 2)
        if is_year_column(column):  # 2025, not 2,025
            return [MISSING if is_missing(v) else str(int(v)) for v in self.frame[column]]
        if column in self.percents:
            return [percent(v, places if column in self.places else 1) for v in self.frame[column]]
        translate = column in self.translate
        return [cell_text(v, places, self.lang, translate=translate) for v in self.frame[column]]

    def header(self, column: str) -> str:
        return self.headers.get(column) or label(column, self.lang)

    def _repr_html_(self) -> str:
        headers = [self.header(c) for c in self.columns]
        head = "".join(f"<th{_no_wrap(h)}>{html.escape(h)}</th>" for h in headers)
        columns = {c: self._cells(c) for c in self.columns}
        body = []
        for i in range(len(self.frame)):
            cells = []
            for c in self.columns:
                text = columns[c][i]
                shown = inferred(text, self.lang) if c in self.inferred and text != MISSING else html.escape(text)
                cells.append(f"<td{_no_wrap(text)}>{shown}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return f'<table class="ks-table">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'

    def __repr__(self) -> str:
        header = " | ".join(self.header(c) for c in self.columns)
        mark = f"（{INFERENCE_LABEL[self.lang]}）"
        rows = [
            " | ".join(
                text + (mark if c in self.inferred and text != MISSING else "")
                for c, text in zip(self.columns, row, strict=True)
            )
            for row in zip(*(self._cells(c) for c in self.columns), strict=True)
        ]
        return "\n".join([header, *rows])
