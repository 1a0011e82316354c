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
def raw_corpus(tmp_path_factory):
    """The corpus of every document in data/raw, built once per session with two workers."""
    from kanshousuo.corpus.build import build_corpus

    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    build_corpus([ROOT / "data" / "raw"], db, workers=2)
    return db
