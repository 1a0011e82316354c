"""Per-document measures that mean the same in every template, computed in SQL from the corpus.

Each ratio is taken inside one table, so that templates that print different subsets of money
(all funds in the expenditure table, general-budget basic spending in the economic table) stay
comparable:

- `personnel_yuan` / `public_use_yuan`: 人员经费 and 公用经费 of basic spending, from the
  economic classes of `basic_expenditure_economic` (301 工资福利支出 + 303 对个人和家庭的补助 =
  人员经费; every other 3xx class = 公用经费). Jiangsu prints only the classes; Shanghai and
  Shanxi also print 人员经费 / 公用经费 columns, which the notebook checks against this.
- `basic_yuan` / `project_yuan` / `total_yuan`: the 合计 row of `expenditure`, or the sum of
  its classes (类) where no 合计 row is printed (`expenditure_from`).
- `three_public_yuan`: 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费 (Jiangsu's 合计 also
  holds 会议费 and 培训费, so the table's total is not used).
- `operating_costs_yuan`: the 合计 of 机关运行经费.

Amounts are exact Decimals in yuan; the ratios are floats (they feed charts and models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kanshousuo.catalog.templates import template_places

if TYPE_CHECKING:
    import pandas as pd

    from kanshousuo.corpus.open import Corpus

PERSONNEL_CLASSES = ("301", "303")
THREE_PUBLIC_ITEMS = ("因公出国(境)费用", "公务接待费", "公务用车购置及运行费")

MEASURES_SQL = """
WITH docs AS (
    SELECT doc_id, unit_name, year, file, status FROM documents
),
economic AS (
    SELECT doc_id,
           sum(amount_yuan) FILTER (WHERE code IN {personnel}) AS personnel_yuan,
           sum(amount_yuan) FILTER (WHERE code NOT IN {personnel}) AS public_use_yuan,
           count(*) AS economic_classes
    FROM amounts
    WHERE "table" = 'basic_expenditure_economic' AND "column" = 'total' AND code_level = 'class'
      AND code LIKE '3%'
    GROUP BY doc_id
),
printed_split AS (
    SELECT doc_id,
           any_value(amount_yuan) FILTER (WHERE "column" = 'personnel') AS personnel_printed_yuan,
           any_value(amount_yuan) FILTER (WHERE "column" = 'public_use') AS public_use_printed_yuan
    FROM amounts
    WHERE "table" = 'basic_expenditure_economic' AND role = 'total'
    GROUP BY doc_id
),
expenditure_total AS (
    SELECT doc_id,
           any_value(amount_yuan) FILTER (WHERE "column" = 'basic') AS basic_yuan,
           any_value(amount_yuan) FILTER (WHERE "column" = 'project') AS project_yuan,
           any_value(amount_yuan) FILTER (WHERE "column" = 'total') AS total_yuan
    FROM amounts
    WHERE "table" = 'expenditure' AND role = 'total'
    GROUP BY doc_id
),
expenditure_classes AS (
    SELECT doc_id,
           sum(amount_yuan) FILTER (WHERE "column" = 'basic') AS basic_yuan,
           sum(amount_yuan) FILTER (WHERE "column" = 'project') AS project_yuan,
           sum(amount_yuan) FILTER (WHERE "column" = 'total') AS total_yuan
    FROM amounts
    WHERE "table" = 'expenditure' AND code_level = 'class'
    GROUP BY doc_id
),
three_public AS (
    SELECT doc_id, sum(amount_yuan) AS three_public_yuan
    FROM amounts
    WHERE "table" = 'three_public' AND "column" = 'total' AND role = 'line' AND label IN {three}
    GROUP BY doc_id
),
operating AS (
    SELECT doc_id, any_value(amount_yuan) AS operating_costs_yuan
    FROM amounts
    WHERE "table" = 'operating_costs' AND "column" = 'total' AND role = 'total'
    GROUP BY doc_id
)
SELECT d.doc_id, d.unit_name, d.year, d.file, d.status,
       e.personnel_yuan, e.public_use_yuan,
       p.personnel_printed_yuan, p.public_use_printed_yuan,
       coalesce(t.basic_yuan, c.basic_yuan) AS basic_yuan,
       coalesce(t.project_yuan, c.project_yuan) AS project_yuan,
       coalesce(t.total_yuan, c.total_yuan) AS total_yuan,
       CASE WHEN t.doc_id IS NOT NULL THEN 'total row' WHEN c.doc_id IS NOT NULL THEN 'sum of classes' END
           AS expenditure_from,
       tp.three_public_yuan, o.operating_costs_yuan
FROM docs d
LEFT JOIN economic e USING (doc_id)
LEFT JOIN printed_split p USING (doc_id)
LEFT JOIN expenditure_total t USING (doc_id)
LEFT JOIN expenditure_classes c USING (doc_id)
LEFT JOIN three_public tp USING (doc_id)
LEFT JOIN operating o USING (doc_id)
ORDER BY d.doc_id
"""


def _sql_list(values: tuple[str, ...]) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def template_of(unit_name: str | None) -> str:
    """The template family of a document: the place its unit's name is in (`templates.csv`),
    'unknown' when the name is unknown (a document that failed) or names no known place.

    >>> template_of("上海市普陀区司法局"), template_of("中共江苏省委办公厅"), template_of(None)
    ('shanghai', 'jiangsu', 'unknown')
    """
    if not isinstance(unit_name, str):
        return "unknown"
    return next((template for place, template in template_places() if place in unit_name), "unknown")


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    import pandas as pd

    pairs = zip(numerator, denominator, strict=True)
    return pd.Series(
        [
            float(n / d) if n is not None and d is not None and not pd.isna(n) and not pd.isna(d) and d != 0 else None
            for n, d in pairs
        ],
        index=numerator.index,
        dtype="Float64",
    )


def document_measures(corpus: Corpus) -> pd.DataFrame:
    """One row per document: the exact amounts above (yuan) and the shares computed from them."""
    frame = corpus.sql(MEASURES_SQL.format(personnel=_sql_list(PERSONNEL_CLASSES), three=_sql_list(THREE_PUBLIC_ITEMS)))
    frame.insert(2, "template", [template_of(u) for u in frame["unit_name"]])
    basic = frame["personnel_yuan"].combine(frame["public_use_yuan"], _add)
    frame["economic_basic_yuan"] = basic
    frame["personnel_share"] = _ratio(frame["personnel_yuan"], basic)
    frame["public_use_share"] = _ratio(frame["public_use_yuan"], basic)
    frame["project_share"] = _ratio(frame["project_yuan"], frame["total_yuan"])
    frame["three_public_per_basic"] = _ratio(frame["three_public_yuan"], basic)
    frame["operating_costs_per_basic"] = _ratio(frame["operating_costs_yuan"], basic)
    return frame


def _add(a: object, b: object) -> object:
    import pandas as pd

    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return None
    return a + b


def findings_per_document(corpus: Corpus) -> pd.DataFrame:
    """Findings of each read document by severity, with its template and number of figures."""
    frame = corpus.sql(
        """
        SELECT d.doc_id, d.unit_name, d.year, d.file, d.figures,
               count(f.finding_id) AS findings,
               count(f.finding_id) FILTER (WHERE f.severity = 'error') AS errors,
               count(f.finding_id) FILTER (WHERE f.severity = 'warning') AS warnings,
               count(f.finding_id) FILTER (WHERE f.status = 'ok') AS agreements
        FROM documents d LEFT JOIN findings f USING (doc_id)
        WHERE d.status = 'read'
        GROUP BY ALL ORDER BY d.doc_id
        """
    )
    frame.insert(1, "template", [template_of(u) for u in frame["unit_name"]])
    return frame


def last_digits(corpus: Corpus, min_digits: int = 3) -> pd.DataFrame:
    """The last printed digit of every figure with at least `min_digits` significant digits.

    Digits are read from `amount_raw` (as printed, thousands separators dropped); a figure
    printed twice counts twice. Only the figures of read documents.
    """
    frame = corpus.sql(
        """
        SELECT a.doc_id, a."table", a.amount_raw, a.unit
        FROM amounts a JOIN documents d USING (doc_id)
        WHERE d.status = 'read'
        ORDER BY a.doc_id, a."table", a."row", a."column"
        """
    )
    digits = frame["amount_raw"].str.replace(r"[^0-9]", "", regex=True).str.lstrip("0")
    frame["significant_digits"] = digits.str.len()
    frame["last_digit"] = digits.str[-1:]
    return frame[frame["significant_digits"] >= min_digits].reset_index(drop=True)
