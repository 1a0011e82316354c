"""Label normalisation: each rule pinned on a real label."""

from kanshousuo.text.labels import destutter, normalize_label, remove_spaces_in_cjk, split_ordinal, to_simplified


def test_normalize_label__removes_space_inside_cjk():
    assert remove_spaces_in_cjk("财政资 金") == "财政资金"


def test_normalize_label__parses_ordinal_into_its_own_field():
    label = normalize_label("二十二、国有资本经营 预算支出")
    assert (label.ordinal, label.label) == (22, "国有资本经营预算支出")
    assert split_ordinal("（二）其他") == (2, "其他")


def test_normalize_label__folds_full_width_and_traditional():
    assert normalize_label("可持續影响").label == "可持续影响"
    assert normalize_label("维修（护）费").label == "维修(护)费"
    assert to_simplified("醫療") == "医疗"


def test_normalize_label__applies_explicit_synonyms_only():
    assert normalize_label("其他交通费").label == "其他交通费用"
    assert normalize_label("其他交通").label == "其他交通"


def test_destutter__keeps_raw_and_normalises():
    assert destutter("胜任胜任") == "胜任"
    assert destutter("胜任") == "胜任"
