"""The English glossary: one name per term and year, every Chinese class attested, exported with the data."""

from __future__ import annotations

import json

import pandas as pd

from kanshousuo.catalog.glossary import english_name, glossary_for_year, glossary_rows
from kanshousuo.publish.package import write_disclosure


def test_glossary__gives_a_class_the_name_of_the_documents_year():
    # 210 is printed as 医疗卫生与计划生育支出 in the 2018 Jiangsu budget (15, p9) and as 卫生健康支出
    # in the Shanxi 2026 text (line 91)
    names_2018 = {r["term_zh"] for r in glossary_for_year(2018) if r["code"] == "210"}
    names_2026 = {r["term_zh"] for r in glossary_for_year(2026) if r["code"] == "210"}
    assert names_2018 == {"医疗卫生与计划生育支出"}
    assert names_2026 == {"卫生健康支出"}
    assert english_name("", 2026, code="210") == "Health"


def test_glossary__names_every_class_and_kuan_the_seed_prints(seed):
    codes = set(seed.amounts["code"].dropna())
    classes_and_kuan = {c for c in codes if len(c) in (3, 5) and c.startswith("2")}
    assert {"204", "20402", "208", "20805", "210", "21007", "21011"} <= classes_and_kuan
    missing = [c for c in sorted(classes_and_kuan) if english_name("", 2026, code=c) is None]
    assert missing == []


def test_glossary__names_the_seeds_fund_sources_and_terms_in_english():
    assert english_name("上年结转") == "Carry-over from the previous year"
    assert english_name("机关运行经费") == "Administrative operating costs"
    assert english_name("一般公共预算") == "General public budget"


def test_glossary__every_class_row_says_where_its_chinese_name_is_printed():
    for row in glossary_rows():
        zh, _, en = row["source"].partition(" en:")
        assert zh.startswith("zh:") and en, row
        if row["kind"] in ("functional_class", "economic_class"):
            assert "doc:" in zh or "search:" in zh, row
            assert zh != "zh:knowledge", row


def test_data_package__exports_the_glossary_of_the_documents_year(seed, tmp_path):
    write_disclosure(seed, tmp_path / "package")
    glossary = pd.read_csv(tmp_path / "package" / "glossary.csv", dtype=str, keep_default_na=False)
    health = glossary[glossary["code"] == "210"]
    assert health["term_zh"].tolist() == ["卫生健康支出"]
    three_public = glossary[glossary["term_zh"] == "“三公”经费"]
    assert three_public["term_en"].tolist() == ["“Three public expenses”"]
    package = json.loads((tmp_path / "package" / "datapackage.json").read_text(encoding="utf-8"))
    assert "glossary" in [r["name"] for r in package["resources"]]
