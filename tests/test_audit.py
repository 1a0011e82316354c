"""The audit: identities, claims, targets, citations; fault injection on the seed and the fixture."""

import json

import pytest

from kanshousuo import read_disclosure
from kanshousuo.audit import audit_disclosure, findings_as_text
from tests.conftest import FIXTURE, SEED, run_cli


def test_audit__clean_fixture_has_no_error_or_warning(fixture_doc):
    findings = fixture_doc.audit()
    assert set(findings["severity"]) == {"info"}
    assert len(findings) > 300


def test_audit__seed_errors_are_the_documents_own_contradictions(seed):
    """Line 443 says 2251.79 for the 2,551.79 budget; the 给养费 target text gives 45.6 for items adding
    to 45.1; the one-off 专项设备购置费 has 9,990,000 元 over its one year but 1,280,700 元 for the year;
    《关于深入推进智慧监管建设的意见》 is 公监管〔2023〕480号 on lines 641… and 490号 on lines 691/693."""
    findings = seed.audit()
    errors = findings[findings["severity"] == "error"]
    assert sorted(errors["check"]) == ["citations", "target_subtotal", "targets", "text_amount"]
    rounding = findings[findings["rounding_explains"] == True]  # noqa: E712
    assert len(rounding) == 1 and len(rounding["consequences"].iloc[0]) == 15  # one difference, 16 places


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
    assert {"text_share", "text_change_rate", "targets", "text_count", "citations"} <= set(
        problems.loc[problems.severity == "error", "check"]
    )


def test_audit_cli__json_and_exit_codes(tmp_path):
    result = run_cli("audit", FIXTURE, "--json")
    assert result.returncode == 0
    findings = json.loads(result.stdout)["findings"]
    assert {"check", "severity", "message", "where", "expected", "actual", "difference"} <= set(findings[0])
    strict = run_cli("audit", SEED, "--strict")
    assert strict.returncode == 1
    bad = run_cli("audit", tmp_path / "missing.txt")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_audit__a_final_accounts_document_gets_no_budget_only_check(seed):
    """meta kind 'final_accounts' (a 决算): identities within tables still apply, and so do the
    rates and shares the text recomputes from its own figures; budget-only rules and the
    cross-table identities of the budget set do not."""
    import dataclasses

    budget = seed.audit()
    accounts = audit_disclosure(dataclasses.replace(seed, meta={**seed.meta, "kind": "final_accounts"}))
    assert {"cross_table", "text_amount", "targets"} <= set(budget["check"])
    assert not {"cross_table", "text_amount", "targets"} & set(accounts["check"])
    assert {"row_total", "hierarchy", "summary", "text_year", "citations", "text_change_rate"} <= set(accounts["check"])


def test_audit__ids_are_stable_and_unaffected_by_unrelated_findings(seed, tmp_path):
    first = seed.audit()
    assert first["id"].is_unique and first["doc_id"].eq(seed.doc_id).all()
    assert first["file"].eq("shanxi-kanshousuo-2026-unit-budget.txt").all()
    again = read_disclosure(SEED).audit()
    assert list(again["id"]) == list(first["id"])
    # a figure of the 三公 table changed: its identities fail, the text findings keep their ids
    changed = _mutated(tmp_path, SEED, _line_of("②公务用车运行维护费\t"), 1)
    ids = set(changed.audit()["id"])
    text_ids = set(first.loc[first["check"].isin(["text_year", "citations", "target_subtotal"]), "id"])
    assert text_ids and text_ids <= ids


def test_audit_text__expected_and_actual_only_where_they_mean_something(seed):
    text = findings_as_text(seed.audit())
    assert "None" not in text
    assert "also: " in text  # the consequences of the grouped rounding difference


def _line_of(needle: str) -> int:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def test_finding_ids__survive_a_reader_that_finds_more_claims_before_the_one_cited():
    from kanshousuo.audit.findings import Finding, stamp
    from kanshousuo.document import Location

    cited = Finding("text_amount", "error", "mismatch", "…", "line 443", location=Location(line=443), claim=99)
    renumbered = Finding("text_amount", "error", "mismatch", "…", "line 443", location=Location(line=443), claim=102)
    before = stamp([cited], "doc", "doc.txt", {99: "line 443@31:2251.79万元"})
    after = stamp([renumbered], "doc", "doc.txt", {102: "line 443@31:2251.79万元"})
    assert before[0].id == after[0].id
    elsewhere = stamp([cited], "doc", "doc.txt", {99: "line 443@80:2251.79万元"})
    assert elsewhere[0].id != before[0].id
