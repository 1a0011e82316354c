"""Audit a disclosure against itself: identities, cross-table agreement, text claims, targets, citations.

`audit_disclosure(doc)` runs every registered rule (`kanshousuo/audit/rules/`) and returns one row
per checked identity or claim (see `findings.py`). Nothing here knows a particular document: the
rules read the catalog ids, roles and codes.
"""

from __future__ import annotations

import pandas as pd

from kanshousuo.audit.findings import findings_as_json, findings_as_text, findings_frame, stamp
from kanshousuo.audit.propagation import group_rounding
from kanshousuo.audit.registry import ordered_rules, phase_of
from kanshousuo.audit.rules import load_rules

__all__ = ["audit_disclosure", "findings_as_json", "findings_as_text"]


def audit_disclosure(doc) -> pd.DataFrame:
    """Run every rule that applies to the document's phase, in order; one row per identity or
    claim checked. A rounding difference that propagates is one finding with its consequences;
    every finding gets the document's id, its file and a stable id."""
    load_rules()
    phase = phase_of(doc)
    findings = [finding for rule in ordered_rules() if rule.applies_to(phase) for finding in rule.check(doc)]
    findings = group_rounding(findings)
    claims = doc.claims
    places = zip(claims["claim"], claims["where"], claims["offset"], claims["text"], strict=True)
    positions = {int(n): f"{where}@{offset}:{text}" for n, where, offset, text in places}
    return findings_frame(stamp(findings, doc.doc_id, doc.meta.get("source_file"), positions))
