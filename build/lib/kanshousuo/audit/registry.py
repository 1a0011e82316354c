"""The audit's rules, registered where they are defined (as camelot registers its parsers).

A rule is a function of a Disclosure returning findings. Adding a rule is one file under
`kanshousuo/audit/rules/` with a function decorated `@rule(order=N)`; `order` fixes where its
findings come in the report (and keeps that order stable when files are added).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kanshousuo.audit.findings import Finding
    from kanshousuo.document import Disclosure

Check = Callable[["Disclosure"], list["Finding"]]


@dataclass(frozen=True)
class Rule:
    """One registered check: its name (the function's), its place in the order, the function."""

    name: str
    order: int
    check: Check


RULES: dict[str, Rule] = {}


def rule(order: int) -> Callable[[Check], Check]:
    """Register the decorated function as an audit rule run at position `order`."""

    def register(check: Check) -> Check:
        if check.__name__ in RULES:
            raise ValueError(f"audit rule {check.__name__!r} is registered twice")
        RULES[check.__name__] = Rule(check.__name__, order, check)
        return check

    return register


def ordered_rules() -> list[Rule]:
    """Every registered rule, in the order its findings are reported."""
    return sorted(RULES.values(), key=lambda r: (r.order, r.name))
