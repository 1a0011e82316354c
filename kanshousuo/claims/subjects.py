"""What an amount of the text is cited as, and which printed figures it must therefore equal.

The words before an amount name its subject in one of a few ways:

- by codes: 公共安全支出(204类)司法(06款)行政运行(01项) (Shanghai 2026);
- by names with their level marked: “一般公共服务支出(类)统计信息事务(款)专项普查活动(项)”科目,
  or 法院(款)行政运行(项) under a heading 公共安全(类) (Jiangsu);
- by names joined with dashes: “一般公共服务支出-政府办公厅(室)及相关机构事务-行政运行”科目;
- by a class name (公共安全支出2,270.02万元), or a phrase the catalog lists (`claim_subjects.csv`:
  预算收入总计, 基本支出, “三公”经费 … each with the figures it names).

Names are matched against the document's own tables (the label printed at each code), so a code
is never taken from a name of another year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from kanshousuo.catalog.claims import claim_pattern, claim_subjects
from kanshousuo.catalog.classifications import former_class_names, functional_classes
from kanshousuo.catalog.tables import table_ids

_LEAD = re.compile(
    r"^(?:(?:其中|此外|另外|具体情况如下|主要包括|包括)[:,]?|(?:20\d\d年)?度|20\d\d年|本单位|本部门|我单位|我部门|全年|(?:主要)?原因[是为])"
)
_TAIL = re.compile(r"(?:为|是|达|约)$")
_BRACKETS = re.compile(r"[()（）“”\"'《》〈〉\s]")
LEVELS = {"类": "class", "款": "kuan", "项": "item"}


def clean_subject(words: str, unit_names: tuple[str, ...] = ()) -> str:
    """The subject an amount is cited under, without the lead-in words of its sentence.

    >>> clean_subject("2026年度山西省看守所预算收入总计", ("山西省看守所",))
    '预算收入总计'
    >>> clean_subject("1、公共安全支出(204类)司法(06款)行政运行(01项)")
    '公共安全支出(204类)司法(06款)行政运行(01项)'
    """
    text = claim_pattern("enumerator").sub("", words.strip(" ,;:。、"))
    for _ in range(4):
        before = text
        text = _LEAD.sub("", text)
        for name in unit_names:
            if name and text.startswith(name):
                text = text[len(name) :]
        if text == before:
            break
    return _TAIL.sub("", text)


def same_name(a: str, b: str) -> bool:
    """Two names of one classification item: equal without brackets, quotes and a final 支出.

    >>> same_name("公共安全", "公共安全支出")
    True
    >>> same_name("政府办公厅(室)及相关机构事务", "政府办公厅（室）及相关机构事务")
    True
    """
    a, b = _BRACKETS.sub("", a), _BRACKETS.sub("", b)
    return a == b or a.removesuffix("支出") == b.removesuffix("支出")


@dataclass(frozen=True)
class Subject:
    """What an amount is cited as: the words, the code they resolve to, and the figures it must equal."""

    text: str
    code: str | None = None
    label: str | None = None
    figures: str | None = None  # a selector (kanshousuo.tables.select) or None
    relation: str = "equals"
    cited: tuple[tuple[str, str], ...] = ()  # (name as cited, level) for a subject cited by names


class FunctionalNames:
    """The document's functional codes and the labels its tables print at them."""

    def __init__(self, amounts: pd.DataFrame):
        tables = set(table_ids(code_scheme="functional"))
        coded = amounts[amounts["table"].isin(tables) & amounts["code"].notna()]
        self.labels: dict[str, set[str]] = {}
        for code, label in zip(coded["code"], coded["label"], strict=True):
            if isinstance(label, str):
                self.labels.setdefault(code, set()).add(label)

    @cached_property
    def by_level(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for code in sorted(self.labels):
            out.setdefault(len(code), []).append(code)
        return out

    def named(self, code: str, name: str) -> bool:
        """Whether the tables (or the catalog, for a class) print `name` at `code`."""
        names = set(self.labels.get(code, ()))
        if len(code) == 3:
            names |= {functional_classes().get(code, "")}
            names |= {former for former, current in former_class_names().items() if current in names}
        return any(same_name(name, known) for known in names if known)

    def class_named(self, name: str) -> str | None:
        """The class code a class name cites (the document's label, or a catalog name for it)."""
        found = [code for code in self.by_level.get(3, []) if self.named(code, name)]
        if not found:
            found = [code for code, current in functional_classes().items() if same_name(name, current)]
            found += [
                code
                for former, current in former_class_names().items()
                if same_name(name, former)
                for code, known in functional_classes().items()
                if known == current
            ]
        return found[0] if len(set(found)) == 1 else None

    def path(self, names: list[tuple[str, str]], class_context: str | None = None) -> str | None:
        """The code a path of names cites ((name, level) from class down; the class may come from
        the heading above, `class_context`)."""
        by_level = {LEVELS[level]: name for name, level in names}
        if "class" not in by_level and class_context:
            by_level["class"] = class_context
        lowest = "item" if "item" in by_level else "kuan" if "kuan" in by_level else "class"
        if lowest == "class":
            return self.class_named(by_level["class"])
        width = 7 if lowest == "item" else 5
        candidates = [c for c in self.by_level.get(width, []) if self.named(c, by_level[lowest])]
        if "kuan" in by_level and lowest == "item":
            candidates = [c for c in candidates if self.named(c[:5], by_level["kuan"])]
        if "class" in by_level:
            candidates = [c for c in candidates if self.named(c[:3], by_level["class"])]
        return candidates[0] if len(candidates) == 1 else None


def resolve_subject(text: str, names: FunctionalNames, class_context: str | None = None, sentence: str = "") -> Subject:
    """The subject the words before an amount cite: by code, by a path of names, by a catalog
    phrase (in the clause, else in the sentence's words before it: 整体绩效目标,涉及资金) or by a
    class name, in that order; unresolved words are kept as cited."""
    coded = claim_pattern("code_subject").search(text)
    if coded:
        code = coded.group("c") + coded.group("k") + coded.group("i")
        cited = ((coded.group("class"), "类"), (coded.group("kuan"), "款"), (coded.group("item"), "项"))
        return Subject(text, code, coded.group("item"), f"{{code_scheme=functional}}.*[code={code}]", cited=cited)
    marked = [(m.group("label"), m.group("level")) for m in claim_pattern("marked_subject").finditer(text)]
    if marked:
        return _by_path(text, tuple(marked), names, class_context)
    dashed = claim_pattern("dashed_subject").search(text)
    if dashed:
        parts = [p for p in dashed.group("path").split("-") if p]
        cited = tuple(zip(parts, ("类", "款", "项")[: len(parts)], strict=False))
        return _by_path(text, cited, names, None)
    for words in (text, sentence):
        for subject in claim_subjects():
            if words and subject.pattern.search(words):
                return Subject(text, None, subject.name, subject.figures or None, subject.relation)
        if words is text:
            code = names.class_named(text) if text else None
            if code:
                return Subject(text, code, text, f"{{code_scheme=functional}}.*[code={code}]")
    return Subject(text)


def _by_path(text, cited, names: FunctionalNames, class_context: str | None) -> Subject:
    code = names.path(list(cited), class_context)
    label = cited[-1][0] if cited else None
    return Subject(
        text, code, label, f"{{code_scheme=functional}}.*[code={code}]" if code else None, cited=tuple(cited)
    )
