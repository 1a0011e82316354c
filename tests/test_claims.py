"""The claims table and the checks joined on it.

Expectations are typed from the printed pages (the Shanghai 2026 编制说明 rendered from
data/raw/02…pdf, pages 6-7; the Shanxi text, lines 379-447), never copied from our output. Each
check has a fault-injection test: a sentence or a figure changed so the check must fire.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from kanshousuo import read_disclosure
from kanshousuo.catalog.claims import claim_patterns, claim_subjects
from kanshousuo.claims.subjects import FunctionalNames, clean_subject, resolve_subject
from kanshousuo.claims.text import normalize
from kanshousuo.pipeline import build_disclosure
from tests.conftest import RAW, SEED

# 02, pages 6-7: (number, code, heading amount, 2025 执行数, 2026 预算安排, direction, stated %)
ITEMS_02 = [
    (1, "2040601", "1434.89", "1690.69", "1434.89", -1, "1.10"),
    (2, "2040604", "2170.39", "2149.45", "2170.39", 1, "0.97"),
    (3, "2040605", "124.29", "118.46", "124.29", 1, "4.92"),
    (4, "2040607", "116", "114.87", "116", 1, "0.98"),
    (5, "2040613", "227.88", "60.41", "227.88", 1, "277.22"),
    (6, "2040699", "3845.49", "3269.3", "3845.49", 1, "17.62"),
    (7, "2080501", "56.12", "57.43", "57.8", -1, "2.27"),
    (8, "2080505", "157.23", "133.84", "157.23", 1, "17.48"),
    (9, "2080506", "78.62", "66.74", "78.62", 1, "17.80"),
    (10, "2080599", "0.62", "0.50", "0.62", 1, "22.22"),
    (11, "2101101", "98.27", "50.78", "98.27", 1, "93.51"),
    (12, "2210201", "179.15", "205.04", "179.15", -1, "12.63"),
    (13, "2210203", "207", "241.76", "170.03", 1, "21.74"),
]


def _document_text(name: str) -> str:
    """A document's text as the claims see it (NFKC, spaces between Chinese characters removed),
    read without the table reader: the text lines of a PDF, or the text file."""
    path = next(p for p in RAW.iterdir() if p.stem == name)
    if path.suffix == ".txt":
        lines = path.read_text(encoding="utf-8").splitlines()
    else:
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        lines = [line for page in document for line in page.get_textpage().get_text_range().splitlines()]
    return "".join(normalize(unicodedata.normalize("NFKC", line).replace("\t", " ").strip()) for line in lines)


@pytest.fixture(scope="module")
def texts():
    names = {p.document for p in claim_patterns().values()} | {s.document for s in claim_subjects()}
    return {name: _document_text(name) for name in names}


@pytest.mark.parametrize("name", sorted(claim_patterns()))
def test_claim_pattern__matches_its_real_sentence(name, texts):
    pattern = claim_patterns()[name]
    assert pattern.example in texts[pattern.document], f"{name}: example not in {pattern.document}"
    assert pattern.pattern.search(pattern.example_text()), name


@pytest.mark.parametrize("subject", claim_subjects(), ids=lambda s: s.name)
def test_claim_subject__resolves_its_real_sentence(subject, texts):
    """The words before the example's (last) amount resolve to this very subject."""
    assert subject.example in texts[subject.document], f"{subject.name}: example not in {subject.document}"
    words = re.split(r"[\d,.]+万元", subject.example)[-2]
    clause = re.split(r"[,;:、]", words.replace("收、支", "收支"))[-1]
    no_tables = FunctionalNames(pd.DataFrame(columns=["table", "code", "label"]))
    resolved = resolve_subject(clean_subject(clause), no_tables, None, clean_subject(words))
    assert resolved.label == subject.name


def test_claims__every_item_statement_of_the_shanghai_2026_text_is_a_row(real_docs):
    claims = real_docs["02"].claims
    assert set(claims["file"].dropna()) == {"02_shanghai_putuo_sfj_2026_unit_budget.pdf"}
    for number, code, heading, prior, arranged, sign, pct in ITEMS_02:
        item = claims[claims["subject_code"] == code]
        amounts = item[item["kind"] == "amount"]["value"].tolist()
        assert amounts == [Decimal(heading), Decimal(arranged)], number
        statement = amounts and item["statement"].iloc[0]
        rows = claims[claims["statement"] == statement]
        assert rows[rows["kind"] == "prior_year_amount"]["value"].tolist() == [Decimal(prior)], number
        rate = rows[rows["kind"] == "change_pct"]
        assert rate["value"].tolist() == [Decimal(pct)] and rate["sign"].tolist() == [sign], number
        assert set(rows["page"]) <= {6, 7}


def test_claims__a_reason_in_a_sentence_of_its_own_explains_the_increase_not_the_unchanged_line(real_docs):
    claims = real_docs["02"].claims
    changes = claims[(claims["kind"] == "change_amount") & (claims["page"] == 6)]
    # page 6: …一般公共预算拨款支出预算8695.94万元,比2025年预算增加794.88万元;…国有资本经营预算拨款支出预
    # 算0万元,与2025年预算持平。 财政拨款收入支出增加(减少)的主要原因是业务量增加。
    explained = changes[changes["context"] == "explained"]
    assert explained["value"].tolist() == [Decimal("794.88")]
    assert explained["sentence"].iloc[0].startswith("财政拨款支出预算中")
    unchanged = changes[changes["value"] == 0]
    assert len(unchanged) == 2 and unchanged["context"].isna().all()


def test_audit__reports_each_self_contradiction_of_the_shanghai_2026_text(real_docs):
    audit = real_docs["02"].audit()
    errors = audit[audit["severity"] == "error"]

    def at(check: str, text: str):
        return errors[(errors["check"] == check) & errors["where"].str.contains(text, regex=False)]

    assert len(at("text_change_rate", "减少1.10%")) == 1  # 1434.89 vs 1690.69 is -15.13%
    assert len(at("text_item", "预算安排57.8万元")) == 1  # heading 56.12, 预算安排 57.8
    assert len(at("text_amount", "预算安排57.8万元")) == 1  # the table prints 561,240.00 元
    assert len(at("text_change_rate", "减少2.27%")) == 1  # 57.8 against 57.43 is an increase
    assert len(at("text_item", "预算安排170.03万元")) == 1  # heading 207
    assert len(at("text_change_rate", "增加21.74%")) == 1  # 170.03 against 241.76 is -29.67%
    assert len(at("text_change_rate_table", "增加21.74%")) == 1  # 207 (2,070,000.00 元) is -14.38%
    former = audit[(audit["check"] == "text_name") & audit["message"].str.contains("医疗卫生与计划生育支出")]
    assert former["severity"].tolist() == ["warning"]
    ok_rates = audit[(audit["check"] == "text_change_rate") & (audit["status"] == "ok")]
    assert len(ok_rates) >= 7  # items 2, 3, 4, 5, 6, 8, 12 recompute exactly


def test_audit__no_error_in_01_and_in_jiangsu_08(real_docs):
    for name in ("01", "08"):
        audit = real_docs[name].audit()
        assert not (audit["severity"] == "error").any(), audit[audit["severity"] == "error"][["check", "where"]]
    claims = real_docs["08"].claims
    assert (claims["kind"] == "change_pct").sum() >= 15 and (claims["kind"] == "reason_amount").sum() >= 9


def _rebuilt(doc, old: str, new: str):
    """The document rebuilt from its source with the first printed line holding `old` changed
    (the tables as camelot read them; no rerun)."""
    source = copy.deepcopy(doc.source)
    first = next(i for i, line in enumerate(source.lines) if old in line)
    source.lines[first] = source.lines[first].replace(old, new, 1)
    return build_disclosure(source)


@pytest.mark.parametrize(
    ("document", "old", "new", "check", "severity", "hint"),
    [
        ("02", "2026年预算安排2170.39万元", "2026年预算安排2107.39万元", "text_item", "error", "2107.39"),
        ("02", "2026年预算安排2170.39万元", "2026年预算安排2107.39万元", "text_amount", "error", "probably 2170.39"),
        ("02", "增加4.92%", "增加4.29%", "text_change_rate", "error", "4.29"),
        # a change stated as an amount beside the stated prior year (2170.39 - 2149.45 = 20.94)
        ("02", "比2025年预算执行数增加0.97%", "比2025年预算执行数增加30.94万元", "text_change", "error", "30.94"),
        ("02", "行政运行（01项）1434.89万", "行政运行（01项）1443.89万", "text_amount", "error", "probably 1434.89"),
        ("08", "增长 16.30%", "增长 16.03%", "text_change_rate", "error", "16.03"),
        ("08", "3059.87 万元", "3095.87 万元", "text_subtotal", "error", "5227.59"),
        # no 合计 is stated: reasons that do not add up cannot be confirmed (主要原因 may omit some)
        ("08", "机动经费增加 1753.34 万元。", "机动经费增加 1735.34 万元。", "text_reasons", "warning", "18"),
        ("08", "计 37188.34 万元。", "计 37183.34 万元。", "text_amount", "error", "probably 37188.34"),
    ],
)
def test_fault_injection__a_changed_claim_in_a_pdf_text_is_caught(real_docs, document, old, new, check, severity, hint):
    audit = _rebuilt(real_docs[document], old, new).audit()
    caught = audit[(audit["severity"] == severity) & (audit["check"] == check)]
    assert (caught["message"] + caught["where"] + caught["actual"].astype(str)).str.contains(hint).any()
    before = real_docs[document].audit()
    assert len(caught) > ((before["severity"] == severity) & (before["check"] == check)).sum()


def _seed_with(tmp_path: Path, *changes: tuple[str, str]):
    text = SEED.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "changed.txt"
    path.write_text(text, encoding="utf-8")
    return read_disclosure(path).audit()


@pytest.mark.parametrize(
    ("old", "new", "check", "severity"),
    [
        ("预算收入总计2,551.79万元", "预算收入总计2,515.79万元", "text_amount", "error"),
        ("增长1.61%", "增长1.16%", "text_change_rate", "error"),
        ("占87.27%", "占78.27%", "text_share", "error"),
        ("购置费减少36.9万元，合计减少8.90万元。", "购置费减少39.6万元，合计减少8.90万元。", "text_reasons", "error"),
        ("政府采购服务预算10.00万元", "政府采购服务预算11.00万元", "text_subtotal", "error"),
        ("占部门（单位）项目支出总额的100%", "占部门（单位）项目支出总额的90%", "text_coverage", "error"),
        (
            "2026年度山西省看守所一般公共预算当年支出2,214.25万元，比",
            "2024年度山西省看守所一般公共预算当年支出2,214.25万元，比",
            "text_year",
            "warning",
        ),
        ("卫生健康支出89.46万元，占4.04%", "医疗卫生与计划生育支出89.46万元，占4.04%", "text_name", "warning"),
        ("比2025年预算增加85.53万元，增长46%", "比2025年预算增加85.53万元，增长64%", "text_change_rate", "error"),
    ],
)
def test_fault_injection__a_changed_sentence_of_the_seed_is_caught(tmp_path, seed, old, new, check, severity):
    before = seed.audit()
    after = _seed_with(tmp_path, (old, new))
    caught = after[(after["check"] == check) & (after["severity"] == severity)]
    assert len(caught) > len(before[(before["check"] == check) & (before["severity"] == severity)])


def test_seed__a_reason_names_what_changed_and_refers_to_the_change_it_explains(seed):
    claims = seed.claims
    reasons = claims[(claims["kind"] == "reason_amount") & (claims["line"] == 423)]
    # line 423: …比2025年减少8.90万元，主要原因是…公务用车运行维护费增加28万元，公务用车购置费减少36.9万元
    assert list(zip(reasons["subject"], reasons["value"], reasons["sign"], strict=True)) == [
        ("公务用车运行维护费", Decimal("28"), 1),
        ("公务用车购置费", Decimal("36.9"), -1),
    ]
    change = claims[claims["claim"] == reasons["refers_to"].iloc[0]].iloc[0]
    assert (change["kind"], change["value"], change["sign"], change["context"]) == (
        "change_amount",
        Decimal("8.90"),
        -1,
        "explained",
    )


def test_seed__a_count_of_new_people_is_a_claim_without_its_lead_in_words(seed):
    claims = seed.claims
    people = claims[(claims["kind"] == "count") & claims["unit"].isin(["人", "名"])]
    # line 379 (twice: income and expenditure) and line 433: …主要原因是本年新增29人…
    assert list(zip(people["line"], people["subject"], people["value"], strict=True)) == [
        (379, "本年新增", Decimal("29")),
        (379, "本年新增", Decimal("29")),
        (433, "本年新增", Decimal("29")),
    ]
    vehicles = claims[(claims["kind"] == "count") & (claims["line"] == 423)]
    # line 423: …减少8.90万元，主要原因是机构改革划入8辆公务用车…
    assert vehicles["subject"].tolist() == ["机构改革划入"]


def test_seed__a_change_explained_without_amounts_says_it_is_explained(seed):
    claims = seed.claims
    changes = claims[claims["kind"] == "change_amount"].set_index("line")
    # line 433: 比2025年预算增加85.53万元，增长46%，原因是本年新增29人。 line 402 gives no reason
    assert (changes.at[433, "value"], changes.at[433, "context"]) == (Decimal("85.53"), "explained")
    assert pd.isna(changes.at[402, "context"])


def test_seed__a_misprinted_total_is_named_with_the_figure_it_should_be(seed):
    """Line 443: '2025年山西省看守所整体绩效目标，涉及资金2251.79万元' — the budget is 2,551.79."""
    audit = seed.audit()
    found = audit[(audit["check"] == "text_amount") & audit["where"].str.contains("2251.79")]
    assert found["severity"].tolist() == ["error"]
    assert "probably 2551.79" in found["message"].iloc[0] and found["expected"].iloc[0] == Decimal("2551.79")
    year = audit[(audit["check"] == "text_year") & (audit["line"] == 443)]
    assert year["severity"].tolist() == ["warning"]


def test_seed__checks_run_on_every_sentence_they_apply_to(seed):
    audit = seed.audit()

    def lines(check: str) -> list[int]:
        return sorted(audit.loc[audit["check"] == check, "line"].dropna().astype(int))

    assert lines("text_share") == [383] * 6 + [391] * 2 + [406] * 3
    assert lines("text_prior_year") == [379, 379, 402, 423, 425, 425, 425, 433]
    assert lines("text_change_rate") == [379, 379, 402, 433]
    assert set(lines("text_reasons")) == {379, 423, 425}
    assert lines("text_coverage") == [447]
    assert set(lines("text_subtotal")) >= {379, 383, 391, 395, 414, 437, 447}
    years = seed.claims[seed.claims["kind"] == "year"]
    assert len(audit[audit["check"] == "text_year"]) == len(years)
    reasons = audit[(audit["check"] == "text_reasons") & (audit["line"] == 379)]
    assert reasons["difference"].tolist() == [Decimal("537.32")] * 2  # 461.69 + 85.53 + 337.54 - 347.44


def test_seed__one_rounding_difference_is_one_finding_with_its_consequences(seed):
    """67.31 + 16.03 printed as 83.33 (行政事业单位医疗, 21011) shows in 16 identities."""
    audit = seed.audit()
    rounding = audit[audit["rounding_explains"] == True]  # noqa: E712
    grouped = rounding[rounding["consequences"].map(len) > 0]
    assert len(grouped) == 1 and grouped["code"].iloc[0] == "21011"
    assert len(grouped["consequences"].iloc[0]) == 15
    warnings = audit[audit["severity"] == "warning"]
    assert len(warnings) < 12 and warnings["check"].isin(["hierarchy", "summary"]).sum() == 1


def test_seed__thresholds_and_untabled_amounts_are_not_unprinted_amounts(seed):
    """50万元（原值）以上 is a threshold (line 737); 政府采购 (line 437) has no table in this template."""
    assert not seed.claims["text"].str.contains("50万元").any()
    audit = seed.audit()
    procurement = audit[(audit["check"] == "text_amount") & (audit["line"] == 437)]
    assert set(procurement["status"]) == {"unchecked"} and set(procurement["severity"]) == {"info"}


def test_seed__target_texts(seed, tmp_path):
    """在押人员给养费: 1.生活补助45.6万元 lists 21.8 + 1.1 + 1.7 + 3.4 + 17.1 = 45.1; 专项设备购置费 is
    一次性 (1年) with 实施期 9,990,000 and 年度 1,280,700 元."""
    audit = seed.audit()
    subtotal = audit[(audit["check"] == "target_subtotal") & (audit["severity"] == "error")]
    assert subtotal["message"].str.contains("probably 45.1").tolist() == [True]
    one_off = audit[(audit["check"] == "targets") & audit["message"].str.contains("一次性")]
    assert one_off["severity"].tolist() == ["error"] and one_off["expected"].tolist() == [Decimal(9990000)]
    need = audit[(audit["check"] == "target_need") & audit["where"].str.contains("在押人员给养费")]
    assert need["expected"].tolist() == [Decimal("125.6")] and need["actual"].tolist() == [Decimal("31.96")]
    fixed = _seed_with(tmp_path, ("1.生活补助45.6万元", "1.生活补助45.1万元"))
    assert not ((fixed["check"] == "target_subtotal") & (fixed["severity"] == "error")).any()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("市县（区）财政资金\t26,000,000", "市县（区）财政资金\t26,100,000", "实施期资金总额 = 各资金来源之和"),
        ("实施期资金总额：\t455,000", "实施期资金总额：\t555,000", "一次性项目"),
    ],
)
def test_fault_injection__target_table_sums_of_the_fixture(tmp_path, fixture_doc, old, new, message):
    """The fixture's target tables add up (水环境质量监测: 26,000,000 + 2,000,000; the 1年 project
    宣传教育 has 455,000 over its period and for its year); one changed figure breaks them."""
    from tests.conftest import FIXTURE

    before = fixture_doc.audit()
    assert not ((before["severity"] == "error") & before["message"].str.contains(message)).any()
    text = FIXTURE.read_bytes().decode("gb18030")
    assert text.count(old) == 1
    path = tmp_path / "targets.txt"
    path.write_bytes(text.replace(old, new).encode("gb18030"))
    after = read_disclosure(path).audit()
    assert ((after["severity"] == "error") & after["message"].str.contains(message)).any()


def test_citations__same_title_two_numbers_is_an_error_same_number_two_titles_a_warning(seed):
    audit = seed.audit()
    cited = audit[audit["check"] == "citations"]
    errors = cited[cited["severity"] == "error"]
    assert errors["message"].str.contains("关于深入推进智慧监管建设的意见").tolist() == [True]  # 480 / 490号
    warnings = " ".join(cited.loc[cited["severity"] == "warning", "message"])
    assert "公科信〔2022〕1102号" in warnings and "智 / 赋" in warnings  # 智能基层 / 赋能基层
    assert "公监管〔2014〕359号" in " ".join(cited["actual"].astype(str))  # …建设方案 / …建设工作方案: 559号


def test_names__a_name_differing_in_word_order_is_reported(real_docs):
    """08, page 20: 法院（款）一般行政事务管理（项）; the tables print 一般行政管理事务 at 2040502."""
    audit = real_docs["08"].audit()
    names = audit[(audit["check"] == "names") & (audit["subject"] == "2040502")]
    assert names["expected"].tolist() == ["一般行政管理事务"] and names["actual"].tolist() == ["一般行政事务管理"]


def test_names__one_code_two_names_in_two_tables(tmp_path, seed):
    text = SEED.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text) if t.startswith("2101101\t行政单位医疗"))
    text[line] = text[line].replace("行政单位医疗", "行政单位医药")
    path = tmp_path / "renamed.txt"
    path.write_text("\n".join(text), encoding="utf-8")
    audit = read_disclosure(path).audit()
    found = audit[(audit["check"] == "names") & (audit["subject"] == "2101101")]
    assert len(found) == 1 and "行政单位医药" in found["message"].iloc[0]
    assert not ((seed.audit()["check"] == "names") & (seed.audit()["subject"] == "2101101")).any()
