"""Normalise Chinese labels as printed in budget disclosures.

Each rule is a small function with a doctest showing raw -> normalised. The order follows the
project style guide: NFKC -> record indentation -> strip -> remove spaces inside CJK runs ->
parse ordinal / circled markers -> fold traditional characters -> explicit synonym table ->
flag 其中 rows. Unknown labels are kept as printed; nothing is guessed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kanshousuo.catalog.synonyms import label_synonyms
from kanshousuo.text.numbers import chinese_numeral
from kanshousuo.text.patterns import CN_NUMERAL

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

_CJK_PUNCT = r"\u3000-\u303f\uff08\uff09()（）“”‘’《》〈〉、，。：；"

_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])\s+(?=[{_CJK}{_CJK_PUNCT}])")

_ORDINAL = re.compile(rf"^\s*(?:[(（]\s*({CN_NUMERAL})\s*[)）]|({CN_NUMERAL})\s*、|(\d{{1,2}})\s*[、.．](?!\d))\s*")

_CIRCLED = re.compile(r"^\s*([\u2460-\u2473])\s*")


def nfkc(text: str) -> str:
    """Fold full-width letters, digits and punctuation to their ordinary forms.

    >>> nfkc("２０２６年（预算）：１，２３４")
    '2026年(预算):1,234'
    """
    return unicodedata.normalize("NFKC", text)


def indentation(text: str) -> int:
    """Count the leading spaces, which some documents use to show the level of a row.

    >>> indentation("    其中：基本工资")
    4
    """
    return len(text) - len(text.lstrip(" \u3000"))


def remove_spaces_in_cjk(text: str) -> str:
    """Remove the spaces that line wrapping put inside a Chinese label.

    >>> remove_spaces_in_cjk("国有资本经营 预算支出")
    '国有资本经营预算支出'
    >>> remove_spaces_in_cjk("市县(区)财政资 金")
    '市县(区)财政资金'
    >>> remove_spaces_in_cjk("Noto Sans 字体")
    'Noto Sans 字体'
    """
    return _SPACE_IN_CJK.sub("", text)


def split_ordinal(text: str) -> tuple[int | None, str]:
    """Split an ordinal prefix (二十二、 / （一） / 3、) from a label.

    >>> split_ordinal("二十二、国有资本经营预算支出")
    (22, '国有资本经营预算支出')
    >>> split_ordinal("(一)政府购买服务")
    (1, '政府购买服务')
    >>> split_ordinal("公共安全支出")
    (None, '公共安全支出')
    """
    match = _ORDINAL.match(text)
    if not match:
        return None, text
    chinese, chinese_after, arabic = match.groups()
    number = int(arabic) if arabic else chinese_numeral(chinese or chinese_after)
    return number, text[match.end() :]


def split_circled(text: str) -> tuple[int | None, str]:
    """Split a circled marker (①, ②) from a label.

    >>> split_circled("②公务用车运行维护费")
    (2, '公务用车运行维护费')
    """
    match = _CIRCLED.match(text)
    if not match:
        return None, text
    return ord(match.group(1)) - 0x2460 + 1, text[match.end() :]


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Fold traditional characters to simplified ones (OpenCC t2s).

    >>> to_simplified("可持續影响")
    '可持续影响'
    """
    if text.isascii():
        return text
    return _t2s().convert(text)


def destutter(text: str) -> str:
    """Collapse a value the extraction printed twice in a row (胜任胜任 -> 胜任).

    Only exact doubles of two or more characters are collapsed, so a word such as 谢谢 stays.

    >>> destutter("胜任胜任"), destutter("保障保障"), destutter("100%"), destutter("谢谢")
    ('胜任', '保障', '100%', '谢谢')
    """
    half, rest = divmod(len(text), 2)
    if rest == 0 and half >= 2 and text[:half] == text[half:]:
        return text[:half]
    return text


def apply_synonyms(text: str, scope: str | None = None) -> str:
    """Replace a known variant name by its canonical name from `label_synonyms.csv`, within
    `scope` (every scope when None).

    >>> apply_synonyms("其他交通费"), apply_synonyms("办公费")
    ('其他交通费用', '办公费')
    """
    return label_synonyms(scope).get(text, text)


def is_of_which(text: str) -> bool:
    """Flag 其中 ("of which") rows: they repeat part of the row above and are never summed.

    >>> is_of_which("其中：基本工资"), is_of_which("基本工资")
    (True, False)
    """
    return nfkc(text).lstrip().startswith("其中")


# Labels repeat within and across documents, so the two text rules below are memoised; the caches
# are bounded, as a corpus worker reads thousands of documents in one process.
LABEL_CACHE = 1 << 16


@lru_cache(maxsize=LABEL_CACHE)
def clean_text(text: str) -> str:
    """NFKC, strip, CJK spaces removed, simplified: the common core for labels and values.

    >>> clean_text("  政府性 基金预 算 ")
    '政府性基金预算'
    """
    return to_simplified(remove_spaces_in_cjk(nfkc(text).strip()))


@dataclass(frozen=True)
class Label:
    """A label as printed and its normalised parts."""

    raw: str
    label: str
    ordinal: int | None
    marker: int | None
    indent: int
    of_which: bool


@lru_cache(maxsize=LABEL_CACHE)
def normalize_label(raw: str, scope: str | None = None) -> Label:
    """Apply every rule in order and keep what each rule took off.

    >>> normalize_label("二十二、国有资本经营 预算支出").label
    '国有资本经营预算支出'
    >>> lab = normalize_label("①公务用车购置费")
    >>> (lab.label, lab.marker)
    ('公务用车购置费', 1)
    >>> normalize_label("其中：基本工资").of_which
    True
    """
    marker, text = split_circled(raw or "")  # before NFKC, which folds ① into 1
    text = nfkc(text)
    indent = indentation(text)
    text = remove_spaces_in_cjk(text.strip())
    ordinal, text = split_ordinal(text)
    of_which = text.startswith("其中")
    if of_which:
        text = re.sub(r"^其中\s*[:：]?\s*", "", text)
    text = apply_synonyms(to_simplified(text), scope)
    return Label(raw=raw or "", label=text, ordinal=ordinal, marker=marker, indent=indent, of_which=of_which)


def normalize_name(raw: str, scope: str | None = None) -> str:
    """The normalised label alone, for matching names between tables and text.

    >>> normalize_name("（一）其他交通费")
    '其他交通费用'
    """
    return normalize_label(raw, scope).label
