"""The command line, the written data package and the project's bookkeeping."""

import hashlib
import tomllib

import pandas as pd
import pytest
import yaml

from kanshousuo.catalog.fields import field_rows
from kanshousuo.cli import main
from kanshousuo.publish.schema import SchemaMismatch, check_frame, pandera_schema, table_schema
from tests.conftest import ROOT, SEED, run_cli


def test_extract__writes_tables_amounts_and_a_valid_data_package(tmp_path, capsys):
    out = tmp_path / "seed"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    assert "231 figures" in capsys.readouterr().out
    amounts = pd.read_csv(out / "amounts.csv", dtype=str, keep_default_na=False)
    assert amounts.loc[
        (amounts.table == "expenditure") & (amounts.code == "2040201") & (amounts.column == "basic"), "amount"
    ].tolist() == ["1430.75"]
    from frictionless import Package

    report = Package(str(out / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_data_package__schema_comes_from_the_same_dictionary_as_pandera():
    fields = field_rows("amounts")
    frictionless_names = [f["name"] for f in table_schema(fields)["fields"]]
    assert frictionless_names == list(pandera_schema(fields).columns)


def _broken_amounts(seed, how):
    broken = seed.amounts.copy()
    if how == "integer codes":
        broken["code"] = broken["code"].map(lambda c: int(c) if isinstance(c, str) else None)
    elif how == "float amounts":
        broken["amount"] = broken["amount"].map(float)
    elif how == "blank table":
        broken.loc[0, "table"] = None
    elif how == "code pattern":
        broken.loc[broken["code"].notna().idxmax(), "code"] = "20402x"
    elif how == "extra column":
        broken["note"] = ""
    return broken


@pytest.mark.parametrize("how", ["integer codes", "float amounts", "blank table", "code pattern", "extra column"])
def test_validation__quick_check_and_pandera_both_refuse_a_broken_amounts_table(seed, how):
    import pandera.errors

    broken = _broken_amounts(seed, how)
    with pytest.raises(SchemaMismatch):
        check_frame(broken, field_rows("amounts"))
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        pandera_schema(field_rows("amounts")).validate(broken)


def test_validation__quick_check_and_pandera_both_accept_the_seed(seed):
    check_frame(seed.amounts, field_rows("amounts"))
    pandera_schema(field_rows("amounts")).validate(seed.amounts)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x7fELF\x02\x01\x00\x00binary", "binary"),
        (b"\xff\xfe\xfa\x80\x81", "cannot be decoded"),
        ("只是一段文字，没有表格。\n".encode(), "no standard budget table"),
    ],
)
def test_extract__bad_input_gives_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli("extract", path, "--out", out)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_extract__failure_leaves_previous_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "seed"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    before = sorted(p.name for p in out.iterdir())

    def explode(*args, **kwargs):
        raise OSError(28, "No space left on device", "amounts.csv")

    monkeypatch.setattr("kanshousuo.publish.package.write_csv", explode)
    assert main(["extract", str(SEED), "--out", str(out)]) == 2
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["seed"]


def test_raw_data__matches_its_hashes():
    raw = ROOT / "data" / "raw"
    for line in (raw / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest


def test_environment_yml__lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = set(project["dependencies"]) | {d for group in project["optional-dependencies"].values() for d in group}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert set(pip) - {"-e ."} == declared
