"""The audit: identities, claims, targets, citations; fault injection on the seed and the fixture."""

import json

import pytest

from kanshousuo import read_disclosure
from tests.conftest import FIXTURE, SEED, run_cli


def test_audit__clean_fixture_has_no_error_or_warning(fixture_doc):
    findings = fixture_doc.audit()
    assert set(findings["severity"]) == {"info"}
    assert len(findings) > 300


def test_audit__seed_has_rounding_warnings_but_no_error(seed):
    findings = seed.audit()
    assert not (findings["severity"] == "error").any()
    rounding = findings[findings["rounding_explains"] == True]  # noqa: E712
    assert len(rounding) >= 4


def test_audit__seed_reports_published_quirks(seed):
    findings = seed.audit()
    messages = " ".join(findings.loc[findings["status"] != "ok", "message"])
    assert "专项设备购置费 ≈ 专用设备购置费" in messages
    assert "《关于印发公安监管场所医疗卫生专业化建设方案的通知》" in messages or "公监管" in " ".join(
        findings["actual"].astype(str)
    )
    implied = findings[findings["check"] == "text_prior_year"]["actual"].astype(str).tolist()
    assert "2204.35" in implied  # 2,551.79 - 347.44


def _mutated(tmp_path, source, line_number, cell_index, delta="1.00"):
    from decimal import Decimal

    lines = source.read_bytes().decode("gb18030" if source == FIXTURE else "utf-8").splitlines()
    cells = lines[line_number - 1].split("\t")
    value = Decimal(cells[cell_index].replace(",", "")) + Decimal(delta)
    cells[cell_index] = f"{value:,.2f}" if "," in cells[cell_index] else f"{value:.2f}"
    lines[line_number - 1] = "\t".join(cells)
    path = tmp_path / "mutated.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return read_disclosure(path)


def test_fault_injection__every_sampled_seed_cell_is_caught(seed, tmp_path):
    """Change one printed figure by +1.00: the audit must report a new error."""
    cells = seed.amounts[["line", "amount_raw"]].drop_duplicates("line")
    sample = cells.sample(n=40, random_state=7)
    missed = []
    for line in sample["line"]:
        raw_cells = SEED.read_text(encoding="utf-8").splitlines()[line - 1].split("\t")
        index = next(i for i, c in enumerate(raw_cells) if c.strip() and c.strip()[0].isdigit() and "." in c)
        doc = _mutated(tmp_path, SEED, line, index)
        if not (doc.audit()["severity"] == "error").any():
            missed.append(line)
    assert missed == []


@pytest.mark.parametrize(
    ("needle", "check"),
    [
        ("2110101\t行政运行\t300.00\t300.00", "hierarchy"),  # a functional item
        ("基本工资\t工资奖金津补贴\t120.00\t120.00", "hierarchy"),  # an economic item
        ("公务接待费\t2.50\t2.50", "three_public"),  # 三公 part
        ("生态环境保护宣传教育\t45.50\t45.50", "project_hierarchy"),  # a project
    ],
)
def test_fault_injection__fixture_plants_each_kind(tmp_path, needle, check):
    text = FIXTURE.read_bytes().decode("gb18030")
    assert needle in text
    first, *rest = needle.split("\t")
    changed = needle.replace(rest[-1], str(float(rest[-1]) + 1) + "0")
    path = tmp_path / "planted.txt"
    path.write_bytes(text.replace(needle, changed, 1).encode("gb18030"))
    findings = read_disclosure(path).audit()
    assert (findings[findings["severity"] == "error"]["check"].isin([check, "row_total", "cross_table"])).any()


def test_fault_injection__fixture_text_claims_and_targets(tmp_path):
    text = FIXTURE.read_bytes().decode("gb18030")
    planted = (
        text.replace("占48.87%", "占49.87%")
        .replace("增长9.15%", "增长9.51%")
        .replace("年度资金总额：\t12,800,000", "年度资金总额：\t12,900,000", 1)
        .replace("纳入绩效目标管理的项目3个", "纳入绩效目标管理的项目4个")
        .replace(
            "立项依据\t《江南县水环境监测实施方案》（江环发〔2023〕12号）",
            "立项依据\t《江南县水环境监测实施方案》（江环发〔2023〕21号）",
        )
    )
    path = tmp_path / "planted.txt"
    path.write_bytes(planted.encode("gb18030"))
    findings = read_disclosure(path).audit()
    problems = findings[findings["status"] != "ok"]
    assert {"text_share", "text_change_rate", "targets", "text_count"} <= set(
        problems.loc[problems.severity == "error", "check"]
    )
    assert "citations" in set(problems.loc[problems.severity == "warning", "check"])


def test_audit_cli__json_and_exit_codes(tmp_path):
    result = run_cli("audit", FIXTURE, "--json")
    assert result.returncode == 0
    findings = json.loads(result.stdout)["findings"]
    assert {"check", "severity", "message", "where", "expected", "actual", "difference"} <= set(findings[0])
    strict = run_cli("audit", SEED, "--strict")
    assert strict.returncode == 1
    bad = run_cli("audit", tmp_path / "missing.txt")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
