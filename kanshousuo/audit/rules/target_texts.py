"""What the performance-target tables state about their own money.

- 实施期资金总额 and 年度资金总额 each equal the sum of the sources printed under them;
- a one-off project (一次性项目, 项目期 1年) has one year: its implementation-period funds are its
  annual funds;
- a stated subtotal in a target text equals the components it lists (1.生活补助45.6万元 against its
  items (1)…(5): 全年需21.8万元 … 全年需17.1万元; and 17.1 against 6.3 + 10.8 stated before it);
- the need the text states (each numbered item, or 全年需/每年… X万元) beside the annual funds
  allocated: a derived fact, reported with the share covered.
"""

from __future__ import annotations

import re
from decimal import Decimal

from kanshousuo.audit.claimed import probable_misprint
from kanshousuo.audit.findings import Finding, compare
from kanshousuo.audit.registry import rule
from kanshousuo.claims.text import normalize
from kanshousuo.document import Location
from kanshousuo.targets.parse import FUND_SOURCES
from kanshousuo.text.numbers import half_unit

_ITEM = re.compile(r"(?:^|[;。])\s{0,2}(\d{1,2})[.、](?!\d)")
_SUB_ITEM = re.compile(r"\((\d{1,2})\)")
_WAN = re.compile(r"(?<![\d.])(\d{1,6}(?:\.\d{1,4})?)万元(?![/／])")
_NEED = re.compile(r"(?:全年需|每年[^,;。]{0,8}?)[^,;。\d]{0,20}?(\d{1,6}(?:\.\d{1,4})?)万元")
SOURCES = tuple(dict.fromkeys(FUND_SOURCES.values()))


def _location(target) -> Location:
    first = str(target.lines).split("-")[0]
    return Location(table="performance_projects", line=int(first) if first.isdigit() else None)


def _where(target) -> str:
    return f"target lines {target.lines} ({target.project})"


@rule(order=131)
def check_target_texts(doc) -> list[Finding]:
    """Sources, one-off projects, stated subtotals and need against allocation (module docstring)."""
    findings = []
    for target in doc.performance.projects.itertuples():
        findings += _sources(target)
        findings += _one_off(target)
        text = normalize(target.overview) if isinstance(target.overview, str) else ""
        findings += _subtotals(target, text)
        findings += _need(target, text)
    return findings


def _funds(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _sources(target) -> list[Finding]:
    out = []
    for horizon, name in (("implementation", "实施期资金总额"), ("annual", "年度资金总额")):
        total = _funds(getattr(target, f"{horizon}_funds_yuan"))
        parts = [_funds(getattr(target, f"{horizon}_{source}_yuan")) for source in SOURCES]
        parts = [p for p in parts if p is not None]
        if total is None or not parts:
            continue
        out.append(
            compare(
                "targets",
                f"{name} = 各资金来源之和 ({name} = the sum of its sources, 元)",
                _where(target),
                total,
                sum(parts, Decimal(0)),
                sum((half_unit(p) for p in parts), Decimal(0)),
                _location(target),
                subject=target.project,
            )
        )
    return out


def _one_off(target) -> list[Finding]:
    kind = f"{target.project_type or ''} {target.period or ''}"
    one_year = "一次性" in kind or re.search(r"(?<!\d)1年", str(target.period or ""))
    whole, annual = _funds(target.implementation_funds_yuan), _funds(target.annual_funds_yuan)
    if not one_year or whole is None or annual is None:
        return []
    return [
        compare(
            "targets",
            f"一次性项目(项目期{target.period})的实施期资金等于年度资金 (a one-off project: implementation-period "
            "funds = annual funds, 元)",
            _where(target),
            whole,
            annual,
            Decimal(0),
            _location(target),
            subject=target.project,
        )
    ]


def _subtotals(target, text: str) -> list[Finding]:
    """A numbered item's amount against the sub-items (1)…(n) under it, each by its last amount;
    a sub-item's closing 全年需X against the amounts 需… stated before it."""
    out = []
    starts = [m for m in _ITEM.finditer(text)]
    for index, item in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[item.end() : end]
        head = _WAN.search(body)
        subs = list(_SUB_ITEM.finditer(body))
        if head is None or len(subs) < 2 or head.start() > subs[0].start():
            continue
        totals = []
        for k, sub in enumerate(subs):
            part = body[sub.end() : subs[k + 1].start() if k + 1 < len(subs) else len(body)]
            amounts = [Decimal(a) for a in _WAN.findall(part)]
            if amounts:
                totals.append(amounts[-1])
                out += _sub_item(target, sub.group(1), part, amounts)
        if len(totals) >= 2:
            out.append(_subtotal_finding(target, item.group(1), Decimal(head.group(1)), totals))
    return out


def _subtotal_finding(target, number: str, stated: Decimal, parts: list[Decimal]) -> Finding:
    added = sum(parts, Decimal(0))
    listing = " + ".join(str(p) for p in parts)
    finding = compare(
        "target_subtotal",
        f"第{number}项所述金额 = 其各分项之和 (item {number} = the sum of its items: {listing})",
        _where(target),
        stated,
        added,
        sum((half_unit(p) for p in parts), Decimal(0)),
        _location(target),
        subject=target.project,
    )
    probable = probable_misprint(stated, [added])
    if finding.severity == "error" and probable is not None:
        finding = Finding(
            finding.check,
            finding.severity,
            finding.status,
            f"{finding.message}; 疑为 {probable} 之误 (probably {probable}: one digit differs)",
            finding.where,
            finding.expected,
            finding.actual,
            finding.difference,
            finding.tolerance,
            finding.rounding_explains,
            finding.location,
            subject=finding.subject,
        )
    return finding


def _sub_item(target, number: str, text: str, amounts: list[Decimal]) -> list[Finding]:
    closing = re.search(r"全年需[^,;。\d]{0,20}?(\d{1,6}(?:\.\d{1,4})?)万元$", text.rstrip(";。 "))
    needs = [Decimal(a) for a in re.findall(r"需[^,;。\d]{0,20}?(\d{1,6}(?:\.\d{1,4})?)万元", text)]
    if closing is None or len(needs) < 3 or needs[-1] != amounts[-1]:
        return []
    parts = needs[:-1]
    return [
        compare(
            "target_subtotal",
            f"分项({number})所述全年需要 = 其前述各项之和 (item ({number}) = the amounts stated before it: "
            f"{' + '.join(str(p) for p in parts)})",
            _where(target),
            needs[-1],
            sum(parts, Decimal(0)),
            sum((half_unit(p) for p in parts), Decimal(0)),
            _location(target),
            subject=target.project,
        )
    ]


def _need(target, text: str) -> list[Finding]:
    """The stated need beside the annual funds (万元 against 元), as information."""
    annual = _funds(target.annual_funds_yuan)
    if annual is None or not text:
        return []
    items = [m for m in _ITEM.finditer(text)]
    amounts = []
    for index, item in enumerate(items):
        end = items[index + 1].start() if index + 1 < len(items) else len(text)
        head = _WAN.search(text[item.end() : end])
        if head:
            amounts.append(Decimal(head.group(1)))
    if not amounts:
        need = _NEED.search(text)
        amounts = [Decimal(need.group(1))] if need else []
    if not amounts:
        return []
    need = sum(amounts, Decimal(0))
    allocated = annual / 10000
    share = (allocated / need * 100).quantize(Decimal("0.1")) if need else None
    message = (
        f"文中所述需求 {need}万元，年度资金 {allocated}万元，覆盖 {share}% (the need the text states beside the "
        "annual funds allocated)"
    )
    return [
        Finding(
            "target_need",
            "info",
            "derived",
            message,
            _where(target),
            need,
            allocated,
            location=_location(target),
            subject=target.project,
        )
    ]
