"""The claims table: one row per claim the explanatory text makes (`doc.claims`, `claims.csv`).

Each statement of part 3 is scanned for figures (amounts, percentages, counts, years) and each
figure is read by the words around it (`claim_patterns.csv`):

- an amount after 执行数为 is a `prior_year_amount`; after 比上年增加 a `change_amount` (signed);
  after a 主要原因是 it explains, a `reason_amount` (合计… : their stated `subtotal`); an amount
  followed by 以上 / after 单价 is a threshold and no claim; otherwise an `amount` of this year;
- a percentage after 占…的 is a `share_pct` (of a named base, or of the total before the listing;
  a `coverage_pct` of 项目支出总额); after 增长/减少 a `change_pct`;
- 与上年持平 is a `change_amount` of 0; a count (二级项目6个) a `count`; a year a `year`;
- a listing (其中 / 主要包括 / 包括) makes the amounts after it `part_of` the total before it;
- a reason names what changed (人员经费 of 人员经费增加461.69万元: its `subject`), and a change a
  主要原因是 explains says so in its `context` (`explained`), whether or not the reasons give amounts.

Claims refer to one another by id: a change to the amount it changes (`refers_to`), a reason to
the change it explains, a share to its part. Every claim keeps its section, sentence, line or page.
Citations (《…》(…〔2023〕480号)) are read from every line of the document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pandas as pd

from kanshousuo.catalog.claims import claim_pattern
from kanshousuo.claims.subjects import FunctionalNames, Subject, clean_subject, resolve_subject
from kanshousuo.claims.text import Statement, normalize, statements
from kanshousuo.sources.blocks import where_of

CLAIM_COLUMNS = [
    "doc_id",
    "claim",
    "statement",
    "section",
    "file",
    "line",
    "page",
    "where",
    "sentence",
    "text",
    "offset",
    "kind",
    "value",
    "unit",
    "sign",
    "subject",
    "subject_code",
    "subject_label",
    "figures",
    "relation",
    "refers_to",
    "part_of",
    "listing",
    "context",
]
PLAIN = "amount"
_CLAUSE_END = re.compile(r"[,;:、]")
_REASON_END = re.compile(r"[,;:]")  # 、 joins reasons and also the items one reason names
EXPLAINED = "explained"
_ENUMERATOR_RANK = {"cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4}


@dataclass
class _Claim:
    kind: str
    value: Decimal | None
    unit: str | None
    start: int
    end: int
    statement: Statement
    sign: int | None = None
    subject: Subject | None = None
    refers_to: _Claim | None = None
    part_of: _Claim | None = None
    listing: int | None = None
    context: str | None = None
    reference: str | None = None
    words: str = ""
    id: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.statement.text[self.start : self.end]


def _number(match: re.Match[str]) -> Decimal:
    return Decimal(match.group("number").replace(",", "") + (match.groupdict().get("decimals") or ""))


def _clause(words: str) -> str:
    """The words of the clause an amount closes (after the last , ; : 、; 收、支 is one word)."""
    words = words.replace("收、支", "收支")
    found = list(_CLAUSE_END.finditer(words))
    return words[found[-1].end() :] if found else words


def _direction(words: str) -> int | None:
    """+1 or -1 by the last direction word in `words`, None when there is none."""
    last = None
    for sign, name in ((1, "direction_up"), (-1, "direction_down")):
        for match in claim_pattern(name).finditer(words):
            if last is None or match.start() > last[0]:
                last = (match.start(), sign)
    return None if last is None else last[1]


def _tokens(statement: Statement) -> list[tuple[str, re.Match[str]]]:
    """Figures in reading order, those inside 《…》 (titles of documents) left out."""
    text = statement.text
    titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》]{0,80}》", text)]
    found = []
    for kind in ("amount", "percent", "count", "year"):
        for match in claim_pattern(kind).finditer(text):
            if not any(a <= match.start() < b for a, b in titles):
                found.append((kind, match))
    return sorted(found, key=lambda item: item[1].start())


class _Reader:
    """Reads the claims of one section's statements, in order."""

    def __init__(self, names: FunctionalNames, unit_names: tuple[str, ...], listings: int = 0):
        self.names = names
        self.unit_names = unit_names
        self.class_context: str | None = None
        self.listings = listings

    def read(self, statement: Statement) -> list[_Claim]:
        own: list[_Claim] = []
        text = statement.text
        heading = claim_pattern("marked_subject").search(text[:40])
        if heading and heading.group("level") == "类":
            self.class_context = heading.group("label")
        reasons = [m.end() for m in claim_pattern("reason_marker").finditer(text)]
        last_end = 0
        for kind, match in _tokens(statement):
            start = match.start()
            sentence_start, _ = statement.sentence_at(start)
            words = text[max(last_end, sentence_start) : start]
            claim = getattr(self, f"_{kind}")(statement, match, words, own, reasons)
            if claim is not None:
                own.append(claim)
            last_end = match.end()
        own += self._no_changes(statement, own)
        own.sort(key=lambda c: c.start)
        self._link_changes(statement, own)
        _mark_explained(own, reasons, statement)
        return own

    def _subject(self, words: str, own: list[_Claim], sentence: str = "") -> Subject:
        text = clean_subject(_clause(words), self.unit_names)
        if not text or claim_pattern("generic_subject").match(text):
            inherited = next((c.subject for c in own if c.kind == PLAIN and c.subject and c.subject.text), None)
            if inherited is not None:
                return inherited
        return resolve_subject(text, self.names, self.class_context, clean_subject(sentence, self.unit_names))

    def _in_reason(self, start: int, statement: Statement, own: list[_Claim], reasons: list[int]) -> _Claim | None:
        """The change a reason at `start` explains: a 主要原因 marker before it in its sentence, a
        change before the marker, and no amount of this year in between."""
        sentence_start, _ = statement.sentence_at(start)
        markers = [m for m in reasons if sentence_start <= m <= start]
        if not markers:
            return None
        marker = markers[-1]
        if any(c.kind == PLAIN and marker <= c.start < start for c in own):
            return None
        return _explained_change(own, marker, sentence_start)

    def _amount(self, statement, match, words, own, reasons) -> _Claim | None:
        after = statement.text[match.end() : match.end() + 12]
        clause = _clause(words)
        if claim_pattern("threshold_after").match(after) or claim_pattern("threshold_before").search(clause):
            return None
        claim = _Claim(PLAIN, _number(match), match.group("unit"), match.start(), match.end(), statement, words=words)
        compared = claim_pattern("compared_to_prior").search(words)
        explained = self._in_reason(match.start(), statement, own, reasons)
        sentence_start, _ = statement.sentence_at(match.start())
        prefix = statement.text[sentence_start : match.start()]
        if compared:
            claim.kind, claim.sign = "change_amount", -1 if compared.group("direction") in ("小于", "低于") else 1
        elif claim_pattern("prior_marker").search(words):
            claim.kind = "prior_year_amount"
        elif explained is not None and _direction(words) is not None:
            claim.kind = "subtotal" if claim_pattern("reason_total").search(clause) else "reason_amount"
            claim.sign, claim.refers_to = _direction(words), explained
            claim.subject = Subject(reason_subject(words, self.unit_names))
        elif _direction(clause) is not None and claim_pattern("comparison").search(prefix):
            claim.kind, claim.sign = "change_amount", _direction(clause)
        if claim.kind in (PLAIN, "prior_year_amount"):
            claim.subject = self._subject(words, own, prefix)
        return claim

    def _percent(self, statement, match, words, own, reasons) -> _Claim | None:
        clause = _clause(words)
        claim = _Claim("share_pct", _number(match), "%", match.start(), match.end(), statement, words=words)
        share = claim_pattern("share").search(clause)
        if share:
            base = share.group("base")
            claim.context = base or None
            if claim_pattern("coverage_base").search(base):
                claim.kind = "coverage_pct"
            claim.refers_to = _nearest(own, PLAIN, statement, match.start())
            return claim
        sign = _direction(clause)
        if sign is None:
            return None
        claim.kind, claim.sign = "change_pct", sign
        return claim

    def _count(self, statement, match, words, own, reasons) -> _Claim:
        claim = _Claim("count", _number(match), match.group("unit"), match.start(), match.end(), statement)
        claim.subject = Subject(clean_subject(_clause(words), self.unit_names))
        return claim

    def _year(self, statement, match, words, own, reasons) -> _Claim:
        claim = _Claim("year", _number(match), "年", match.start(), match.end(), statement)
        start, end = statement.sentence_at(match.start())
        if claim_pattern("prior_context").search(statement.text[start:end]):
            claim.context = "prior_year"
        return claim

    def _no_changes(self, statement: Statement, own: list[_Claim]) -> list[_Claim]:
        """与上年预算数持平: a change of 0 of the amount before it in its clause."""
        out = []
        for match in claim_pattern("no_change").finditer(statement.text):
            clause_start = max(statement.text.rfind(mark, 0, match.start()) for mark in ",;。") + 1
            if not re.search(r"[与比较]", statement.text[clause_start : match.start()]):
                continue
            base = _nearest(own, PLAIN, statement, match.start())
            if base is None:
                continue
            claim = _Claim("change_amount", Decimal(0), base.unit, match.start(), match.end(), statement, sign=0)
            claim.refers_to = base
            out.append(claim)
        return out

    def _link_changes(self, statement: Statement, own: list[_Claim]) -> None:
        """Each change refers to the amount it changes; a prior-year figure to this year's."""
        for claim in own:
            if claim.kind == "change_amount" and claim.refers_to is None:
                claim.refers_to = _changed_amount(own, statement, claim)
            elif claim.kind == "change_pct":
                start = _segment_start(statement, claim.start)
                changes = [c for c in own if c.kind == "change_amount" and start <= c.start < claim.start]
                claim.refers_to = changes[-1] if changes else _changed_amount(own, statement, claim)
            elif claim.kind == "prior_year_amount":
                start = _segment_start(statement, claim.start)
                end = _segment_end(statement, claim.start)
                current = [c for c in own if c.kind == PLAIN and start <= c.start < end]
                claim.refers_to = current[0] if current else None


def _explained_change(own: list[_Claim], marker: int, sentence_start: int) -> _Claim | None:
    """The change a reason marker (主要原因是) explains: the last change amount before it, else the
    last change rate. A marker in a sentence of its own (…增加(减少)的主要原因是业务量增加。 after
    the figures) explains a movement: the last change that is not 持平 (0), when there is one."""
    changes = [c for c in own if c.kind == "change_amount" and c.start < marker]
    changes = changes or [c for c in own if c.kind == "change_pct" and c.start < marker]
    if changes and changes[-1].start < sentence_start:
        changes = [c for c in changes if c.value != 0] or changes
    return changes[-1] if changes else None


def _mark_explained(own: list[_Claim], reasons: list[int], statement: Statement) -> None:
    """A change followed by 主要原因是… is explained, even when its reasons give no amount
    (原因是本年新增29人): the reader of a section needs to know a reason was given."""
    for marker in reasons:
        change = _explained_change(own, marker, statement.sentence_at(marker)[0])
        if change is not None:
            change.context = EXPLAINED


@cache
def _reason_verb() -> re.Pattern[str]:
    """A direction word (增加, 减少 …) ending the words before a figure."""
    up, down = claim_pattern("direction_up").pattern, claim_pattern("direction_down").pattern
    return re.compile(rf"(?:{up}|{down})了?$")


def reason_subject(words: str, unit_names: tuple[str, ...] = ()) -> str:
    """What a reason names: the words of its clause after the reason marker, without the verb
    that introduces the figure (、 stays: it also joins the items of one reason).

    >>> reason_subject(",增长15.76%,主要原因是本年新增29人,相关人员经费增加")
    '相关人员经费'
    >>> reason_subject("主要原因是基本支出增加人员工资、住房公积金、提租补贴等")
    '基本支出增加人员工资、住房公积金、提租补贴等'
    """
    markers = list(claim_pattern("reason_marker").finditer(words))
    words = words[markers[-1].end() :] if markers else words
    ends = list(_REASON_END.finditer(words))
    words = words[ends[-1].end() :] if ends else words
    return _reason_verb().sub("", clean_subject(words.strip("、 "), unit_names))


def _segment_start(statement: Statement, offset: int) -> int:
    return max(statement.text.rfind(mark, 0, offset) for mark in ";。") + 1


def _segment_end(statement: Statement, offset: int) -> int:
    ends = [e for e in (statement.text.find(mark, offset) for mark in ";。") if e >= 0]
    return min(ends) if ends else len(statement.text)


def _nearest(own: list[_Claim], kind: str, statement: Statement, offset: int) -> _Claim | None:
    """The nearest claim of `kind` before `offset` in the same segment (between ; and 。), else
    in the statement."""
    before = [c for c in own if c.kind == kind and c.start < offset]
    start = _segment_start(statement, offset)
    same = [c for c in before if c.start >= start]
    return (same or before or [None])[-1]


def _changed_amount(own: list[_Claim], statement: Statement, change: _Claim) -> _Claim | None:
    """The amount a change changes: after an earlier change of the same segment, the amount
    between them; else the segment's first amount; else the previous sentence's."""
    start = _segment_start(statement, change.start)
    earlier = [c for c in own if c.kind == "change_amount" and start <= c.start < change.start]
    plain = [c for c in own if c.kind == PLAIN and c.start < change.start]
    if earlier:
        between = [c for c in plain if c.start > earlier[-1].start]
        return between[-1] if between else earlier[-1].refers_to
    in_segment = [c for c in plain if c.start >= start]
    if in_segment:
        return in_segment[0]
    sentence_start, _ = statement.sentence_at(change.start)
    previous_start, _ = statement.sentence_at(max(sentence_start - 2, 0))
    previous = [c for c in plain if previous_start <= c.start < sentence_start]
    if previous:
        segment = _segment_start(statement, previous[-1].start)
        return next(c for c in previous if c.start >= segment or c is previous[-1])
    return None


CLOSERS = ("change_amount", "change_pct", "reason_amount", "subtotal", "prior_year_amount")


@dataclass
class _Listing:
    total: _Claim
    parts: list[_Claim] = field(default_factory=list)
    end: int = 0


def _listings(statements_: list[Statement], claims: dict[int, list[_Claim]], reader: _Reader) -> None:
    """Mark the amounts a listing (其中 / 主要包括 / 包括) names as parts of the total before it.

    Within a sentence the listings nest: an amount belongs to the innermost open listing; a
    listing that has named no amount when a ';' comes (主要包括:办公费、水费…;) closes there; a
    change or reason closes them all (the sentence moves on to the total's change). A listing
    that ends its statement (…其中:) names the numbered statements after it.
    """
    for index, statement in enumerate(statements_):
        own = claims[statement.number]
        plain = [c for c in own if c.kind == PLAIN]
        events: list[tuple[int, str, object]] = [
            (m.start(), "marker", m) for m in claim_pattern("list_marker").finditer(statement.text)
        ]
        events += [(c.start, "claim", c) for c in own]
        events += [(m.start(), "break", m.group(0)) for m in re.finditer(r"[;。]", statement.text)]
        open_: list[_Listing] = []
        suspended = False
        ordered = sorted(events, key=lambda e: (e[0], e[1] != "break"))
        for at, (_position, kind, item) in enumerate(ordered):
            if kind == "break":
                if item == "。":
                    _close(reader, open_, statement)
                elif open_ and not open_[-1].parts:
                    open_.pop()
                suspended = False
            elif kind == "claim":
                if item.kind in CLOSERS:
                    suspended = True  # the sentence turns to a change: no part until the next ';'
                elif item.kind == PLAIN and _opens_listing(ordered[at + 1 :]) and (suspended or not open_):
                    _close(reader, open_, statement)  # after a change: a new total with its own listing
                elif item.kind == PLAIN and open_ and not suspended:
                    open_[-1].parts.append(item)
            else:
                total = _listing_total(statement, plain, item)
                if total is None:
                    continue
                if statement.text[item.end() :].strip(" :,") == "":
                    parts = _parts_in_following(statements_[index + 1 :], claims)
                    _mark_listing(reader, _Listing(total, parts), statement)
                else:
                    open_.append(_Listing(total))
        _close(reader, open_, statement)


def _opens_listing(following: list[tuple[int, str, object]]) -> bool:
    """Whether the next event after an amount is a listing marker (…总计X万元,其中:)."""
    for _, kind, _item in following:
        return kind == "marker"
    return False


def _close(reader: _Reader, open_: list[_Listing], statement: Statement) -> None:
    for listing in open_:
        _mark_listing(reader, listing, statement)
    open_.clear()


def _listing_total(statement: Statement, plain: list[_Claim], marker: re.Match[str]) -> _Claim | None:
    """The total a listing names the parts of: the amount before its marker in the sentence, or
    the statement's first amount when the marker opens the sentence (…万元。其中:)."""
    sentence_start, _ = statement.sentence_at(marker.start())
    before = statement.text[sentence_start : marker.start()].strip(" ,:。")
    earlier = [c for c in plain if c.start < marker.start()]
    in_sentence = [c for c in earlier if c.start >= sentence_start]
    if before and in_sentence:
        return in_sentence[-1]
    return earlier[0] if earlier else None


def _parts_in_following(following: list[Statement], claims: dict[int, list[_Claim]]) -> list[_Claim]:
    """A listing that ends its statement (…其中:) names the first amount of each numbered
    statement after it, of the level of the first one."""
    if not following or following[0].enumerator is None:
        return []
    level = _ENUMERATOR_RANK[following[0].enumerator]
    parts = []
    for statement in following:
        if statement.enumerator is None or _ENUMERATOR_RANK[statement.enumerator] < level:
            break
        if _ENUMERATOR_RANK[statement.enumerator] == level:
            plain = [c for c in claims[statement.number] if c.kind == PLAIN]
            if plain:
                parts.append(plain[0])
    return parts


def _mark_listing(reader: _Reader, listing: _Listing, statement: Statement) -> None:
    parts = [p for p in listing.parts if p is not listing.total and p.part_of is None]
    if len(parts) < 2:
        return
    reader.listings += 1
    last = parts[-1]
    _, sentence_end = last.statement.sentence_at(last.start)
    partial = "等" in last.statement.text[last.end : sentence_end]
    for part in parts:
        part.part_of, part.listing = listing.total, reader.listings
        part.context = "partial listing (等)" if partial else part.context


def _citations(doc) -> list[dict[str, object]]:
    """Every policy document cited by title and number, in any line of the document."""
    source = doc.source
    if source is None:
        return []
    pages = source.line_pages
    out = []
    for index, raw in enumerate(source.lines):
        text = normalize(unicodedata.normalize("NFKC", raw).replace("\t", " "))
        for match in claim_pattern("citation").finditer(text):
            line, page = (None, pages[index]) if source.kind == "pdf" and pages else (index + 1, None)
            number = f"{match.group('issuer')}〔{match.group('year')}〕{match.group('number')}号"
            out.append(
                {
                    "kind": "citation",
                    "line": line,
                    "page": page,
                    "sentence": text[max(0, match.start() - 40) : match.end() + 10],
                    "text": match.group(0),
                    "offset": match.start() - max(0, match.start() - 40),
                    "subject": match.group("title"),
                    "reference": number,
                }
            )
    return out


def extract_claims(doc) -> pd.DataFrame:
    """The claims table of a Disclosure (see the module docstring and `package_data/fields.csv`)."""
    names = FunctionalNames(doc.amounts)
    unit_names = tuple(n for n in {doc.meta.get("unit_name") or ""} if n)
    kind = doc.source.kind if doc.source is not None else "text"
    rows: list[dict[str, object]] = []
    next_id = 1
    statement_base, listings = 0, 0
    part3 = doc.sections[doc.sections["part"] == 3]
    for section in part3.itertuples():
        reader = _Reader(names, unit_names, listings)
        stmts = statements(section.heading, list(section.text_lines), kind)
        by_statement = {s.number: reader.read(s) for s in stmts}
        _listings(stmts, by_statement, reader)
        ordered = [c for s in stmts for c in by_statement[s.number]]
        for claim in ordered:
            claim.id, next_id = next_id, next_id + 1
        for claim in ordered:
            rows.append(_row(doc, section.heading, claim, statement_base))
        statement_base, listings = statement_base + len(stmts), reader.listings
    section_of = _section_finder(doc)
    for citation in _citations(doc):
        rows.append(_citation_row(doc, citation, next_id, section_of(citation["line"], citation["page"])))
        next_id += 1
    return claims_frame(rows)


def _row(doc, heading: str, claim: _Claim, statement_base: int) -> dict[str, object]:
    statement = claim.statement
    line = statement.line_at(claim.start)
    start, end = statement.sentence_at(claim.start)
    subject = claim.subject or Subject("")
    return {
        "doc_id": doc.doc_id,
        "claim": claim.id,
        "statement": statement_base + statement.number + 1,
        "section": heading,
        "file": doc.meta.get("source_file"),
        "line": line.line,
        "page": line.page,
        "where": where_of(line.line, line.page),
        "sentence": statement.text[start:end],
        "text": claim.text,
        "offset": claim.start - start,
        "kind": claim.kind,
        "value": claim.value,
        "unit": claim.unit,
        "sign": claim.sign,
        "subject": subject.text or None,
        "subject_code": subject.code,
        "subject_label": subject.label,
        "figures": subject.figures,
        "relation": subject.relation if subject.text else None,
        "refers_to": claim.refers_to.id if claim.refers_to is not None else None,
        "part_of": claim.part_of.id if claim.part_of is not None else None,
        "listing": claim.listing,
        "context": claim.context,
    }


def _section_finder(doc):
    """A function: (line, page) -> the heading of the section it lies in (None before the first)."""
    import bisect

    starts = {"line": [], "page": []}
    for section in doc.sections.itertuples():
        for key in starts:
            value = getattr(section, key)
            if value is not None and not pd.isna(value):
                starts[key].append((int(value), str(section.heading)))

    def find(line: int | None, page: int | None) -> str | None:
        key, position = ("line", line) if line is not None else ("page", page)
        found = starts[key]
        at = bisect.bisect_right(found, (position, "\uffff"))
        return found[at - 1][1] if at else None

    return find


def _citation_row(doc, citation: dict[str, object], claim_id: int, heading: str | None) -> dict[str, object]:
    return {
        "doc_id": doc.doc_id,
        "claim": claim_id,
        "statement": None,
        "section": heading,
        "file": doc.meta.get("source_file"),
        "line": citation["line"],
        "page": citation["page"],
        "where": where_of(citation["line"], citation["page"]),
        "sentence": citation["sentence"],
        "text": citation["text"],
        "offset": citation["offset"],
        "kind": "citation",
        "value": None,
        "unit": None,
        "sign": None,
        "subject": citation["subject"],
        "subject_code": None,
        "subject_label": None,
        "figures": None,
        "relation": None,
        "refers_to": None,
        "part_of": None,
        "listing": None,
        "context": citation["reference"],
    }


def claims_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The claims as a DataFrame in dictionary order (ids and positions as nullable integers)."""
    frame = pd.DataFrame.from_records(rows, columns=CLAIM_COLUMNS)
    for column in ("claim", "statement", "line", "page", "offset", "sign", "refers_to", "part_of", "listing"):
        frame[column] = frame[column].astype("Int64")
    for column in CLAIM_COLUMNS:
        if frame[column].dtype == float and frame[column].isna().all():
            frame[column] = frame[column].astype(object)
    return frame
