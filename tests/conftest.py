"""Shared fixtures: the seed disclosure and the project's own second fixture, read once."""

import subprocess
import sys
from pathlib import Path

import pytest

from kanshousuo import read_disclosure

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "shanxi-kanshousuo-2026-unit-budget.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "jiangnan-ecology-2025-dept-budget.gb18030.txt"
RAW = ROOT / "data" / "raw"
SHANGHAI_2025 = RAW / "01_shanghai_putuo_zfbgs_2025_unit_budget.pdf"
SHANGHAI_2026 = RAW / "02_shanghai_putuo_sfj_2026_unit_budget.pdf"
JIANGSU_2019 = RAW / "08_jiangsu_gaoyuan_2019_dept_budget.pdf"


@pytest.fixture(scope="session")
def seed():
    return read_disclosure(SEED)


@pytest.fixture(scope="session")
def fixture_doc():
    return read_disclosure(FIXTURE)


@pytest.fixture(scope="session")
def real_docs():
    """The three real PDFs most tests pin figures on, read once: '01', '02', '08'."""
    return {path.name[:2]: read_disclosure(path) for path in (SHANGHAI_2025, SHANGHAI_2026, JIANGSU_2019)}


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


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory, raw_corpus):
    """The report of the seed, built once per test session (every notebook executed, the corpus
    notebook on the session's corpus)."""
    from kanshousuo.publish.report import build_report

    out = tmp_path_factory.mktemp("report") / "reports"
    build_report(SEED, out, corpus_db=raw_corpus)
    return out
