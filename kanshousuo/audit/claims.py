"""Numeric claims of the explanatory section, tied to the tables and recomputed.

Shapes handled (DOMAIN.md): `X万元` (tied to a printed figure), `X万元，占Y%` (share of the
sentence's first total), `比上年增加/减少X万元，增长/下降Y%` (checked against its own sentence,
with the implied prior-year figure reported), counts such as `项目6个`, item names listed after
主要包括 (must be names in the economic table), class names under a former name.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from kanshousuo.amounts import half_unit
from kanshousuo.audit.findings import Finding, compare
from kanshousuo.catalog import former_class_names
from kanshousuo.labels import normalize_name

_AMOUNT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元"
_SHARE = re.compile(_AMOUNT + r"\s*[，,]\s*占\s*(\d+(?:\.\d+)?)\s*%")
_CHANGE = re.compile(
    _AMOUNT
    + r"[^。；;]{0,12}?比(?:上年|20\d{2}年)(?:预算数?)?(?:相比)?(?:预算数)?\s*(增加|减少|增长|下降)\s*"
    + _AMOUNT
    + r"(?:\s*[，,]\s*(?:增长|下降|减少|增加)\s*(\d+(?:\.\d+)?)\s*%)?"
)
_COUNT = re.compile(r"(?:二级)?项目\s*(\d+)\s*个[，,]?\s*(?:共计|涉及)?(?:项目)?金额\s*" + _AMOUNT)
_TARGET_COUNT = re.compile(r"公开项目绩效目标\s*(\d+)\s*个[，,]?\s*涉及(?:项目)?金额\s*" + _AMOUNT)
_LISTED = re.compile(r"(人员经费|公用经费)\s*" + _AMOUNT + r"\s*[，,。]\s*主要包括\s*[:：]\s*([^；;。]+)")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _round_like(value: Decimal, printed: str) -> Decimal:
    places = len(printed.split(".")[1]) if "." in printed else 0
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _sections(doc) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section heading, [(where, line text), …]) for each section of the explanatory part (3)."""
    part3 = doc.sections[doc.sections["part"] == 3]
    return [
        (
            section.heading,
            [
                (f"{section.place} {number}", text)
                for number, text in zip(section.text_lines, section.text.split("\n"), strict=False)
            ],
        )
        for section in part3.itertuples()
    ]


def _section_lines(doc) -> list[tuple[str, str, str]]:
    """(where, section heading, sentence text) for the explanatory part (part 3)."""
    return [(where, heading, text) for heading, lines in _sections(doc) for where, text in lines]


def _joined_sections(doc) -> list[tuple[str, str, list[tuple[int, str]]]]:
    """(section heading, its lines joined, [(offset, where) per line]) for part 3.

    A PDF breaks a sentence over lines (津贴补 / 贴): a listing is read from the joined text and
    cited at the line where its match starts.
    """
    joined = []
    for heading, lines in _sections(doc):
        offsets, offset = [], 0
        for where, text in lines:
            offsets.append((offset, where))
            offset += len(text)
        joined.append((heading, "".join(text for _, text in lines), offsets))
    return joined


def _where_in(offsets: list[tuple[int, str]], position: int) -> str:
    return [where for start, where in offsets if start <= position][-1]


def _listed_names(listing: str) -> list[str]:
    """The item names after 主要包括：, normalised (办公费、水费…等 -> ['办公费', '水费', …])."""
    names = (normalize_name(name.strip().removesuffix("等")) for name in re.split(r"[、，,]", listing.rstrip("等")))
    return [name for name in names if name]


def _listed_sums(doc) -> dict[str, dict[Decimal, Decimal]]:
    """Per section, each `人员经费 X万元，主要包括：A、B…` amount with the sum of the economic items
    it names (their 合计 in the economic table). A PDF breaks such a paragraph over lines, so
    the section's lines are joined first."""
    economic = doc.amounts[
        (doc.amounts["table"] == "basic_expenditure_economic")
        & (doc.amounts["column"] == "total")
        & (doc.amounts["code_level"] == "item")
    ]
    by_name = {label: amount for label, amount in zip(economic["label"], economic["amount"], strict=True)}
    sums: dict[str, dict[Decimal, Decimal]] = {}
    for heading, text, _ in _joined_sections(doc):
        for match in _LISTED.finditer(text):
            names = _listed_names(match.group(3))
            if names and all(name in by_name for name in names):
                total = sum((by_name[name] for name in names), Decimal(0))
                sums.setdefault(heading, {})[_decimal(match.group(2))] = total
    return sums


def check_amount_claims(doc) -> list[Finding]:
    """Each `X万元` in the text: is the figure printed in a table (in 万元)?"""
    figures = doc.amounts[doc.amounts["unit"] == "万元"]
    by_value: dict[Decimal, pd.DataFrame] = {v: g for v, g in figures.groupby("amount")}
    listed = _listed_sums(doc)
    findings = []
    for heading, lines in _sections(doc):
        # `before` is the line above in the section: a PDF breaks sentences, so the words before
        # an amount may be there
        for (line, text), before in zip(lines, ["", *(text for _, text in lines)], strict=False):
            change_amounts = {m.start(3) for m in _CHANGE.finditer(text)}
            change_amounts |= {m.start(2) for m in _COUNT.finditer(text)} | {
                m.start(2) for m in _TARGET_COUNT.finditer(text)
            }
            for match in re.finditer(_AMOUNT, text):
                if match.start() in change_amounts:
                    continue  # a change is checked against its sentence, not the tables
                value = _decimal(match.group(1))
                where = f"{line} ({heading}): …{text[max(0, match.start() - 18) : match.end()]}"
                hits = by_value.get(value)
                if hits is not None:
                    first = hits.iloc[0]
                    findings.append(
                        Finding(
                            "text_amount",
                            "info",
                            "ok",
                            "文中金额见于表中 (amount found in the tables)",
                            f"{where} = {first['table']} {first['source']} {first['label']}",
                            value,
                            value,
                            Decimal(0),
                        )
                    )
                    continue
                if value == 0:
                    continue
                nearest = min(by_value, key=lambda v: abs(v - value)) if by_value else None
                context = (before + text[: match.start()])[-12:]
                if re.search(r"增加|减少|增长|下降", context):
                    continue  # an explained change (人员经费增加X万元) has no counterpart in this year's tables
                if listed.get(heading, {}).get(value) == value:
                    findings.append(
                        Finding(
                            "text_amount",
                            "info",
                            "ok",
                            "文中金额等于其所列经济科目之和 (amount = sum of the economic items it lists)",
                            where,
                            value,
                            value,
                            Decimal(0),
                        )
                    )
                    continue
                findings.append(
                    Finding(
                        "text_amount",
                        "warning",
                        "unmatched",
                        f"文中金额在表中找不到 (amount not printed in any table); nearest printed {nearest}",
                        where,
                        None,
                        value,
                        None if nearest is None else value - nearest,
                    )
                )
    return findings


def check_share_claims(doc) -> list[Finding]:
    """`X万元，占Y%`: Y recomputed from X and the paragraph's first amount (its total).

    A PDF's text breaks a listing into lines (合计 37188.34 万元，其中： / 基本支出 21968 万元，
    占 59.07%；…): a line that opens with a share takes its total from the line above it.
    """
    findings = []
    for heading, lines in _sections(doc):
        base_match = None
        for line, text in lines:
            amounts = list(re.finditer(_AMOUNT, text))
            shares = list(_SHARE.finditer(text))
            if amounts and not (shares and shares[0].start() == amounts[0].start()):
                base_match = amounts[0]  # a share is of the paragraph's first amount, its total
            if base_match is None:
                continue
            base = _decimal(base_match.group(1))
            for match in shares:
                part, printed = _decimal(match.group(1)), match.group(2)
                if base == 0:
                    continue
                share = part / base * 100
                recomputed = _round_like(share, printed)
                where = f"{line} ({heading}): {match.group(0)} of {base_match.group(0)}"
                tolerance = half_unit(Decimal(printed))
                findings.append(
                    compare(
                        "text_share",
                        "占比按文中金额重算 (share recomputed)",
                        where,
                        Decimal(printed),
                        recomputed,
                        tolerance,
                    )
                )
    return findings


def check_change_claims(doc) -> list[Finding]:
    """`X万元，比上年增加Z万元，增长R%`: the prior year is X ∓ Z, and R must be Z / prior."""
    findings = []
    for line, heading, text in _section_lines(doc):
        for match in _CHANGE.finditer(text):
            direction, change, rate = match.group(2), match.group(3), match.group(4)
            segment_start = max(text.rfind(mark, 0, match.start(3)) for mark in "；;。") + 1
            this_year = re.search(_AMOUNT, text[segment_start:]).group(1)  # the segment's first amount
            sign = Decimal(1) if direction in ("增加", "增长") else Decimal(-1)
            prior = _decimal(this_year) - sign * _decimal(change)
            where = f"{line} ({heading}): {match.group(0)}"
            findings.append(
                Finding(
                    "text_prior_year",
                    "info",
                    "implied",
                    f"上年数由本句推出 (implied prior-year figure) = {prior}万元",
                    where,
                    None,
                    prior,
                    None,
                )
            )
            if rate is not None and prior != 0:
                recomputed = _round_like(_decimal(change) / prior * 100, rate)
                findings.append(
                    compare(
                        "text_change_rate",
                        "增减幅度按本句重算 (rate recomputed from its sentence)",
                        where,
                        Decimal(rate),
                        recomputed,
                        half_unit(Decimal(rate)),
                    )
                )
    return findings


def check_counts_and_names(doc) -> list[Finding]:
    """Project counts and totals, item names listed after 主要包括, former class names."""
    findings = []
    projects = doc.amounts[
        (doc.amounts["table"] == "projects") & (doc.amounts["column"] == "total") & (doc.amounts["role"] == "project")
    ]
    economic = set(doc.amounts.loc[doc.amounts["table"] == "basic_expenditure_economic", "label"].dropna())
    for line, heading, text in _section_lines(doc):
        for match in _TARGET_COUNT.finditer(text):
            targets = doc.performance.projects
            where = f"{line} ({heading}): {match.group(0)}"
            findings.append(
                compare(
                    "text_count",
                    "公开绩效目标的项目个数 (published target tables)",
                    where,
                    Decimal(match.group(1)),
                    Decimal(len(targets)),
                    Decimal(0),
                )
            )
            funds = sum((v for v in targets["annual_funds_yuan"] if isinstance(v, Decimal)), Decimal(0)) / 10000
            findings.append(
                compare(
                    "text_count",
                    "公开绩效目标涉及金额 (funds of the published targets, 万元)",
                    where,
                    _decimal(match.group(2)),
                    funds,
                    half_unit(_decimal(match.group(2))),
                )
            )
        for match in _COUNT.finditer(text):
            count, total = int(match.group(1)), _decimal(match.group(2))
            where = f"{line} ({heading}): {match.group(0)}"
            if text[max(0, match.start() - 1) : match.start()] == "类":
                continue  # a count by category (其他运转类项目6个); the tables do not print categories
            findings.append(
                compare(
                    "text_count",
                    "项目个数与项目支出表一致 (project count)",
                    where,
                    Decimal(count),
                    Decimal(len(projects)),
                    Decimal(0),
                )
            )
            findings.append(
                compare(
                    "text_count",
                    "项目金额合计与项目支出表一致 (project total)",
                    where,
                    total,
                    sum(projects["amount"], Decimal(0)),
                    sum((half_unit(v) for v in projects["amount"]), Decimal(0)),
                )
            )
        for former, current in former_class_names().items():
            if former in text:
                findings.append(
                    Finding(
                        "text_name",
                        "warning",
                        "mismatch",
                        f"文中使用旧科目名称 (class cited under a former name): {former} → {current}",
                        f"{line} ({heading})",
                        current,
                        former,
                    )
                )
    for heading, text, offsets in _joined_sections(doc):
        for match in _LISTED.finditer(text):
            for name in _listed_names(match.group(3)):
                if name not in economic:
                    findings.append(
                        Finding(
                            "text_name",
                            "warning",
                            "mismatch",
                            f"文中科目名称不在经济科目表中 (item name not in the economic table): {name}",
                            f"{_where_in(offsets, match.start())} ({heading})",
                            None,
                            name,
                        )
                    )
    return findings
