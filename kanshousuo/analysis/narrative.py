"""The explanatory section (第三部分) beside the tables: its claims, their verdicts, its charts.

The audit already checks every claim (`doc.claims`, by `kanshousuo.audit.rules.text_*`); this
module does not check again. It groups the audit's findings by the section they cite, regenerates the sentences a
section makes from the tables, and gives the data of the three charts the published text names
but lost (收入预算图, 一般公共预算当年拨款结构图, 三公经费分布图).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from kanshousuo.analysis.figures import in_wan
from kanshousuo.analysis.reasons import change_claims
from kanshousuo.audit.rules.three_public import THREE_PUBLIC_ITEMS
from kanshousuo.text.patterns import CN_NUMERAL
from kanshousuo.text.units import unit_factor

TEXT_CHECKS = (
    "text_amount",
    "text_item",
    "text_share",
    "text_share_table",
    "text_coverage",
    "text_subtotal",
    "text_change",
    "text_change_rate",
    "text_change_rate_table",
    "text_prior_year",
    "text_reasons",
    "text_count",
    "text_year",
    "text_name",
    "names",
    "citations",
)


def _figures(doc, table: str, column: str, roles: tuple[str, ...] = ("line",)) -> pd.DataFrame:
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == table) & (amounts["column"] == column) & amounts["role"].isin(roles)]
    return rows[["label", "code", "amount", "unit", "source"]].reset_index(drop=True)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """A percentage rounded half-up to two places, as budget documents print them.

    >>> share(Decimal("2214.25"), Decimal("2551.79"))
    Decimal('86.77')
    """
    if whole == 0:
        return Decimal(0)
    return (part / whole * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _with_shares(rows: pd.DataFrame, printed_total: pd.DataFrame) -> pd.DataFrame:
    """Each row's share of the printed total (of the rows' own sum when no total is printed)."""
    whole = printed_total["amount"].iloc[0] if not printed_total.empty else sum(rows["amount"], Decimal(0))
    rows["share_pct"] = [share(a, whole) for a in rows["amount"]]
    return rows


def income_by_source(doc) -> pd.DataFrame:
    """收入预算图: income lines of the summary table (this year's sources and the carry-over)."""
    rows = _figures(doc, "income_expenditure_summary", "income_amount", ("line", "carryover"))
    grand = _figures(doc, "income_expenditure_summary", "income_amount", ("grand_total",))
    return _with_shares(rows, grand)


def general_budget_structure(doc) -> pd.DataFrame:
    """一般公共预算当年拨款结构图: this year's general-budget spending by functional class."""
    amounts = doc.amounts
    rows = amounts[
        (amounts["table"] == "general_budget_expenditure")
        & (amounts["column"] == "total")
        & (amounts["code_level"] == "class")
    ][["label", "code", "amount", "unit", "source"]].reset_index(drop=True)
    return _with_shares(rows, _figures(doc, "general_budget_expenditure", "total", ("total",)))


def three_public_distribution(doc) -> pd.DataFrame:
    """三公经费分布图: the three items of 三公 spending (sub-items ①② and totals left out)."""
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == "three_public") & (amounts["column"] == "total") & (amounts["role"] == "line")]
    rows = rows[~rows["label_raw"].fillna("").str.match(r"^\s*[\u2460-\u2473]")]
    rows = rows[rows["label"].fillna("").str.contains(THREE_PUBLIC_ITEMS)]  # not 会议费, 培训费 (Jiangsu)
    return rows[["label", "code", "amount", "unit", "source"]].reset_index(drop=True)


_SUB_ITEM = re.compile(r"^\s*[\u2460-\u2473]")


def three_public_by_year(doc) -> pd.DataFrame:
    """三公 spending by item, every item of the table (a blank cell is 0), with last year's figure
    where the explanatory text implies it.

    Columns: item (as printed, without ①②), level (total / item / sub_item), this_year_wan,
    printed_blank, source, prior_year_wan (inference: the text's figure − its stated change;
    None when the text states no change for the item), prior_source (the line of that sentence).
    """
    table = doc.tables.get("three_public")
    if table is None or table.empty:
        return pd.DataFrame()
    unit = table.attrs.get("unit") or "万元"
    claims = [c for c in change_claims(doc) if "三公" in c.section]
    records = []
    for row in table.itertuples():
        printed = str(row.item_raw or row.item or "").strip()
        sub_item = bool(_SUB_ITEM.match(printed))
        name = unicodedata.normalize("NFKC", _SUB_ITEM.sub("", printed)).strip()
        is_total = row.role == "total"
        if not is_total and not re.search(THREE_PUBLIC_ITEMS, name):
            continue  # 会议费, 培训费 (Jiangsu) are not 三公
        claim = next((c for c in claims if (("三公" in c.subject) if is_total else (name in c.subject))), None)
        amount = row.total if row.total is not None and not pd.isna(row.total) else None
        records.append(
            {
                "item": name,
                "level": "total" if is_total else ("sub_item" if sub_item else "item"),
                "this_year_wan": in_wan(amount, unit) if amount is not None else Decimal(0),
                "printed_blank": amount is None,
                "source": f"line {row.line}" if row.line is not None and not pd.isna(row.line) else f"page {row.page}",
                "prior_year_wan": claim.level - claim.change if claim and claim.level is not None else None,
                "prior_source": claim.where if claim else None,
            }
        )
    return pd.DataFrame.from_records(records)


def claims_by_section(doc) -> pd.DataFrame:
    """Every text claim the audit checked, with the section it cites and its verdict.

    A prior-year figure the text implies (status `implied`) is moved from `actual` to
    `implied_prior_wan`, and out of the message, so that a reader sees it labelled as an inference.
    """
    audit = doc.audit()
    claims = audit[audit["check"].isin(TEXT_CHECKS)].copy()
    implied = claims["status"] == "implied"
    claims["implied_prior_wan"] = [a if flag else None for a, flag in zip(claims["actual"], implied, strict=True)]
    claims["actual"] = [None if flag else a for a, flag in zip(claims["actual"], implied, strict=True)]
    claims["message"] = [m.split(" = ")[0] if flag else m for m, flag in zip(claims["message"], implied, strict=True)]
    columns = ["section", "check", "status", "severity", "where", "expected", "actual", "implied_prior_wan", "message"]
    return claims[columns]


def published_sections(doc, part: int = 3) -> pd.DataFrame:
    """The numbered sections of a part with their published text."""
    sections = doc.sections[(doc.sections["part"] == part) & doc.sections["number"].notna()]
    return sections[["number", "heading", "where", "text"]].reset_index(drop=True)


def regenerated_sentences(doc) -> dict[str, str]:
    """Sentences the tables support, keyed by the topic of the section that makes them.

    Only figures read from the tables go in; a topic whose table is missing is left out.
    Amounts are shown in 万元 (converted exactly from the table's unit).
    """
    out: dict[str, str] = {}
    income = income_by_source(doc)
    if not income.empty:
        parts = _with_share_listing(income)
        out["收入"] = f"收入预算按来源：{parts}。"
    expenditure = doc.amounts[(doc.amounts["table"] == "expenditure") & (doc.amounts["role"] == "total")]
    if not expenditure.empty:
        by_col = {r.column: r for r in expenditure.itertuples()}
        if {"total", "basic", "project"} <= set(by_col):
            total, basic, project = by_col["total"], by_col["basic"], by_col["project"]
            out["支出"] = (
                f"支出预算{_to_wan(total.amount, total.unit)}，其中：基本支出{_to_wan(basic.amount, basic.unit)}，"
                f"占{share(basic.amount, total.amount)}%；项目支出{_to_wan(project.amount, project.unit)}，"
                f"占{share(project.amount, total.amount)}%。"
            )
    structure = general_budget_structure(doc)
    if not structure.empty:
        parts = _with_share_listing(structure)
        out["一般公共预算"] = f"一般公共预算当年支出主要用于：{parts}。"
    economic = doc.amounts[(doc.amounts["table"] == "basic_expenditure_economic") & (doc.amounts["role"] == "total")]
    if not economic.empty:
        by_col = {r.column: r for r in economic.itertuples()}
        pieces = [
            f"{name}{_to_wan(by_col[c].amount, by_col[c].unit)}"
            for c, name in (("personnel", "人员经费"), ("public_use", "公用经费"))
            if c in by_col
        ]
        out["基本支出"] = "一般公共预算基本支出中：" + "，".join(pieces) + "。"
    three = three_public_distribution(doc)
    if not three.empty:
        out["三公"] = (
            "“三公”经费：" + "，".join(f"{r.label}{_to_wan(r.amount, r.unit)}" for r in three.itertuples()) + "。"
        )
    operating = doc.amounts[(doc.amounts["table"] == "operating_costs") & (doc.amounts["column"] == "total")]
    if not operating.empty:
        first = operating.iloc[0]
        out["机关运行经费"] = f"机关运行经费{_to_wan(first['amount'], first['unit'])}。"
    return out


def _with_share_listing(rows: pd.DataFrame) -> str:
    """`label X万元，占Y%` for each row, joined the way the documents join them."""
    return "；".join(f"{r.label}{_to_wan(r.amount, r.unit)}，占{r.share_pct}%" for r in rows.itertuples())


def _to_wan(amount: Decimal, unit: str) -> str:
    """A printed figure shown in 万元, converted exactly from its own unit."""
    return f"{amount * unit_factor(unit) / Decimal(10000):,.2f}万元"


def topic_of(heading: str) -> str | None:
    """Which regenerated topic a section heading is about (None when no table speaks to it).

    >>> topic_of("二、收入预算情况说明"), topic_of("十一、国有资产占有使用情况")
    ('收入', None)
    """
    for pattern, topic in (
        (r"三公", "三公"),
        (r"机关运行", "机关运行经费"),
        (r"基本支出", "基本支出"),
        (r"一般公共预算支出", "一般公共预算"),
        (r"收入预算", "收入"),
        (rf"^{CN_NUMERAL}、支出预算", "支出"),
    ):
        if re.search(pattern, heading):
            return topic
    return None
