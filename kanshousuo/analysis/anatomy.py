"""The anatomy of a disclosure, for newcomers: its parts, its tables and how they tie together, how
the classification codes nest, where the money comes from.

Everything is read from the document (and the audit's own findings); the English names come from
the glossary of the document's year. Notebook 0.0 walks through these frames one by one.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pandas as pd

from kanshousuo.analysis.figures import in_wan
from kanshousuo.catalog.glossary import english_name
from kanshousuo.catalog.tables import table_specs

PARTS = {1: "概况", 2: "预算报表", 3: "情况说明", 4: "名词解释"}
PARTS_EN = {1: "overview of the unit", 2: "the budget tables", 3: "explanatory notes", 4: "glossary"}
_YEAR_PREFIX = re.compile(r"^\s*\d{4}\s*年(度)?")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]\s*$")


def _year(doc) -> int | None:
    year = doc.meta.get("year")
    return int(year) if year else None


def parts_overview(doc) -> pd.DataFrame:
    """The document's parts (第一部分 … 第四部分) with where each begins."""
    heads = doc.sections[doc.sections["number"].isna()]
    return pd.DataFrame(
        {
            "part": heads["part"].tolist(),
            "heading": heads["heading"].tolist(),
            "what": [PARTS.get(int(p), "") for p in heads["part"]],
            "what_en": [PARTS_EN.get(int(p), "") for p in heads["part"]],
            "source": heads["where"].tolist(),
        }
    )


def plain_title(title: str) -> str:
    """A table title without its year and bracketed note, as the glossary lists it.

    >>> plain_title("2026年一般公共预算支出预算表(不含上年结转)")
    '一般公共预算支出预算表'
    """
    return _BRACKETED.sub("", _YEAR_PREFIX.sub("", title)).strip()


def tables_overview(doc) -> pd.DataFrame:
    """Each table read, in catalog order: title as printed, its English name, unit, rows, where."""
    records = []
    for table_id in [t for t in table_specs() if t in doc.tables]:
        frame = doc.tables[table_id]
        title = str(frame.attrs.get("title") or "")
        line, page = frame.attrs.get("line"), frame.attrs.get("page")
        records.append(
            {
                "table_id": table_id,
                "title": title,
                "title_en": english_name(plain_title(title), _year(doc)),
                "unit": frame.attrs.get("unit"),
                "rows": len(frame),
                "printed_empty": bool(frame.attrs.get("printed_empty")),
                "source": f"line {line}" if line is not None else f"page {page}",
            }
        )
    return pd.DataFrame.from_records(records)


def tables_in(where: str, tables: set[str]) -> list[str]:
    """The tables a finding's `where` names ('income line 127 合计 [total]; expenditure line …').

    >>> tables_in("income line 127 合计 [total]; expenditure line 153 合计 [total]", {"income", "expenditure"})
    ['income', 'expenditure']
    """
    named = [part.strip().split(" ", 1)[0] for part in str(where).split(";")]
    return list(dict.fromkeys(t for t in named if t in tables))


def identity_links(doc) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How the tables tie together, as the audit checked them in this document.

    Returns (links, within): links between two tables (left, right, checks, disagreeing) from the
    findings that name two tables; checks inside one table (table, checks, disagreeing).
    """
    audit = doc.audit()
    tables = set(doc.tables)
    pairs: Counter = Counter()
    pair_bad: Counter = Counter()
    inside: Counter = Counter()
    inside_bad: Counter = Counter()
    for row in audit.itertuples():
        named = tables_in(row.where, tables)
        bad = row.status == "mismatch"
        if len(named) >= 2:
            for other in named[1:]:
                key = tuple(sorted((named[0], other)))
                pairs[key] += 1
                pair_bad[key] += bad
        elif len(named) == 1:
            inside[named[0]] += 1
            inside_bad[named[0]] += bad
    links = pd.DataFrame(
        [{"left": a, "right": b, "checks": n, "disagreeing": pair_bad[(a, b)]} for (a, b), n in sorted(pairs.items())],
        columns=["left", "right", "checks", "disagreeing"],
    )
    within = pd.DataFrame(
        [{"table_id": t, "checks": n, "disagreeing": inside_bad[t]} for t, n in sorted(inside.items())],
        columns=["table_id", "checks", "disagreeing"],
    )
    return links, within


def code_tree(doc, table: str = "expenditure", column: str = "total") -> pd.DataFrame:
    """The functional codes of one table as a tree: 类 (3 digits) → 款 (5) → 项 (7), with amounts.

    Columns: code, level (class / kuan / item), parent_code, label, label_en (glossary, 类 and 款),
    amount_wan, source.
    """
    amounts = doc.amounts
    rows = amounts[(amounts["table"] == table) & (amounts["column"] == column) & amounts["code"].notna()]
    rows = rows[rows["code"].astype(str).str.match(r"^2\d{2}(\d{2}){0,2}$")]
    return pd.DataFrame(
        {
            "code": rows["code"].astype(str).tolist(),
            "level": rows["code_level"].tolist(),
            "parent_code": [None if pd.isna(p) else str(p) for p in rows["parent_code"]],
            "label": rows["label"].tolist(),
            "label_en": [english_name("", _year(doc), code=str(c)) for c in rows["code"]],
            "amount_wan": [in_wan(a, u) for a, u in zip(rows["amount"], rows["unit"], strict=True)],
            "source": rows["source"].tolist(),
        }
    )


def economic_items(doc) -> pd.DataFrame:
    """The basic-expenditure economic table: each department item under its class, the government
    item printed beside it (Shanxi prints both schemes), personnel or public use, in 万元."""
    table = doc.tables.get("basic_expenditure_economic")
    if table is None or table.empty:
        return pd.DataFrame()
    unit = table.attrs.get("unit") or "万元"
    label_column = next(c for c in ("dept_econ_name", "name", "item") if c in table.columns)
    records, current_class = [], None
    for row in table.itertuples():
        if row.role == "total":
            continue
        code = str(getattr(row, "code", "") or "")
        name = getattr(row, label_column)
        if len(code) == 3:
            current_class = name
        amount = row.total if row.total is not None and not pd.isna(row.total) else Decimal(0)
        records.append(
            {
                "code": code,
                "class": current_class if len(code) != 3 else name,
                "item": name,
                "government_item": getattr(row, "gov_econ_name", "") or "",
                "item_en": english_name(str(name), _year(doc)),
                "amount_wan": in_wan(amount, unit),
                "side": "personnel" if _filled(getattr(row, "personnel", None)) else "public_use",
                "source": f"line {row.line}" if row.line is not None else f"page {row.page}",
            }
        )
    return pd.DataFrame.from_records(records)


def _filled(value) -> bool:
    return value is not None and not pd.isna(value)


FUND_SOURCES = {
    "general_budget": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
    "fiscal_special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "carryover": "上年结转",
}


def fund_sources(doc) -> pd.DataFrame:
    """Where the money comes from: the income table's 合计 row by source (blank = 0), with the
    glossary's English name and meaning."""
    table = doc.tables.get("income")
    if table is None or table.empty:
        return pd.DataFrame()
    total = table[table["role"] == "total"]
    if total.empty:
        return pd.DataFrame()
    row = total.iloc[0]
    unit = table.attrs.get("unit") or "万元"
    records = []
    for column, name in FUND_SOURCES.items():
        if column not in table.columns:
            continue
        value = row[column]
        records.append(
            {
                "source_zh": name,
                "source_en": english_name(name, _year(doc)),
                "amount_wan": in_wan(value, unit) if _filled(value) else Decimal(0),
                "printed_blank": not _filled(value),
                "source": f"line {row['line']}" if row["line"] is not None else f"page {row['page']}",
            }
        )
    return pd.DataFrame.from_records(records)
