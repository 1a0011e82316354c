"""Shared fixtures: the seed disclosure and the project's own second fixture, read once."""

import subprocess
import sys
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


def run_cli(*args: object) -> subprocess.CompletedProcess[str]:
    """Run `python -m kanshousuo ARGS` as a separate process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kanshousuo", *map(str, args)], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory):
    """The report of the seed, built once per test session (every notebook executed)."""
    from kanshousuo.publish.report import build_report

    out = tmp_path_factory.mktemp("report") / "reports"
    build_report(SEED, out)
    return out
