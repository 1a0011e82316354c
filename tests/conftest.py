"""Shared fixtures: the seed disclosure and the project's own second fixture, read once."""

from pathlib import Path

import pytest

from kanshousuo import read_disclosure

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "jiangnan-ecology-2025-dept-budget.gb18030.txt"


@pytest.fixture(scope="session")
def seed():
    return read_disclosure(SEED)


@pytest.fixture(scope="session")
def fixture_doc():
    return read_disclosure(FIXTURE)
