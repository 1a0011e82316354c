"""The wheel as a user gets it: built, installed (not editable) into a fresh virtual environment,
and run from a folder outside the checkout.

The new environment gets the wheel alone; the dependencies are those of `.venv`, reached through a
`.pth` line (a line that adds a folder to the path, so `.venv`'s editable link to this checkout is
not loaded) and, for their data files, JUPYTER_PATH. So the test installs nothing from the network
and imports `kanshousuo` only from the wheel: a subpackage or catalog missing from the wheel
fails here.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

# the dependencies' data files (nbconvert's base templates) live under .venv's prefix, where an
# install of the wheel with its dependencies would have them
ENVIRONMENT = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}


def _run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False, timeout=600, env=ENVIRONMENT
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(python of a fresh venv holding the built wheel, a working folder outside the checkout)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # what the wheel is built from, without a stale build/ of the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "kanshousuo", source / "kanshousuo", ignore=shutil.ignore_patterns("__pycache__"))
    built = _run(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp, source, cwd=tmp
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp.glob("kanshousuo-*.whl"))
    venv = tmp / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp).returncode == 0
    python = venv / "bin" / "python"
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel, cwd=tmp)
    assert done.returncode == 0, done.stderr
    purelib = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip()
    )
    ours = [Path(p) for p in site.getsitepackages()] or [Path(sysconfig.get_paths()["purelib"])]
    (purelib / "dependencies-of-the-checkout.pth").write_text("\n".join(map(str, ours)) + "\n", encoding="utf-8")
    work = tmp / "work"
    work.mkdir()
    return python, work


def test_wheel__imports_kanshousuo_from_the_wheel_not_the_checkout(installed):
    python, work = installed
    where = _run(python, "-c", "import kanshousuo.audit.rules, kanshousuo.corpus; print(kanshousuo.__file__)", cwd=work)
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout and "site-packages" in where.stdout


def test_wheel__extract_and_audit_run_on_the_seed(installed):
    python, work = installed
    extracted = _run(python, "-m", "kanshousuo", "extract", SEED, "--out", work / "package", cwd=work)
    assert extracted.returncode == 0, extracted.stderr
    assert {"amounts.csv", "claims.csv", "datapackage.json"} <= {p.name for p in (work / "package").iterdir()}
    audited = _run(python, "-m", "kanshousuo", "audit", SEED, cwd=work)
    assert audited.returncode in (0, 1) and "checks:" in audited.stdout, audited.stderr


def test_wheel__report_says_where_it_looked_for_notebooks_then_runs_with_them(installed):
    python, work = installed
    missing = _run(python, "-m", "kanshousuo.publish.report", SEED, "--out", work / "nothing", cwd=work)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "no notebooks in" in missing.stderr and "--notebooks" in missing.stderr
    args = ["-m", "kanshousuo.publish.report", SEED, "--out", work / "report", "--notebooks", ROOT / "notebooks"]
    report = _run(python, *args, cwd=work)
    assert report.returncode == 0, report.stderr
    assert "left out: no corpus" in report.stdout  # the installed copy has no data/raw to build a corpus from
    pages = {p.name for p in (work / "report").glob("*.html")}
    assert {"index.html", "glossary.html", "6.0-audit-report.html"} <= pages
    assert "7.0-compare-units.html" not in pages
