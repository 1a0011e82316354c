"""The audit's rules, registered where they are defined (as camelot registers its parsers).

A rule is a function of a Disclosure returning findings. Adding a rule is one file under
`kanshousuo/audit/rules/` with a function decorated `@rule(order=N)`; `order` fixes where its
findings come in the report (and keeps that order stable when files are added). `phase` says
which documents a rule applies to: `budget` (the default: 预算 only), `final_accounts` (决算) or
`all`; a final-accounts document (`doc.meta["kind"] == "final_accounts"`) gets no budget-only check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kanshousuo.audit.findings import Finding
    from kanshousuo.document import Disclosure

Check = Callable[["Disclosure"], list["Finding"]]


PHASES = ("budget", "final_accounts", "all")


@dataclass(frozen=True)
class Rule:
    """One registered check: its name (the function's), its place in the order, the function,
    and the phase of the documents it applies to."""

    name: str
    order: int
    check: Check
    phase: str = "budget"

    def applies_to(self, phase: str) -> bool:
        """True when the rule checks documents of this phase."""
        return self.phase in ("all", phase)


RULES: dict[str, Rule] = {}


def rule(order: int, phase: str = "budget") -> Callable[[Check], Check]:
    """Register the decorated function as an audit rule run at position `order` on documents of
    `phase` (budget, final_accounts or all)."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}; one of {PHASES}")

    def register(check: Check) -> Check:
        if check.__name__ in RULES:
            raise ValueError(f"audit rule {check.__name__!r} is registered twice")
        RULES[check.__name__] = Rule(check.__name__, order, check, phase)
        return check

    return register


def phase_of(doc) -> str:
    """`final_accounts` for a 决算 (`doc.meta["kind"]`), else `budget`."""
    return "final_accounts" if doc.meta.get("kind") == "final_accounts" else "budget"


def ordered_rules() -> list[Rule]:
    """Every registered rule, in the order its findings are reported."""
    return sorted(RULES.values(), key=lambda r: (r.order, r.name))
