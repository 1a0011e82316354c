"""The corpus database: its tables and their columns, written once and turned into DuckDB DDL.

Every table but `documents` holds rows of many documents and carries `doc_id`. Amounts keep the
figure exactly as printed in the published unit (`amount`) and in yuan (`amount_yuan` = amount x
unit_factor, computed exactly); both are DECIMAL(38, 4): figures are printed with at most 2-4
decimals, and a figure with more is refused rather than rounded (`pyarrow` checks each value when
the worker builds its rows). Findings keep expected / actual / difference / tolerance as text:
a check may compare names, and a share's difference can carry 28 digits.

The columns of `amounts` and `claims` are those of the field dictionary (`package_data/fields.csv`,
the columns of `amounts.csv` and `claims.csv`), so the corpus cannot drift from the data package;
`findings` are the audit's columns, with its stable `id` as `finding_id`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from kanshousuo.catalog.fields import field_rows

if TYPE_CHECKING:
    import pyarrow as pa

AMOUNT = "DECIMAL(38, 4)"  # yuan or published unit, at most 4 printed decimals
NUMBER = "DECIMAL(38, 10)"  # a number stated in an indicator (8人, 95%, 0.5小时)

DOCUMENTS = [
    ("doc_id", "VARCHAR"),
    ("file", "VARCHAR"),
    ("sha256", "VARCHAR"),
    ("other_files", "VARCHAR"),  # a disclosure in several files: the others, JSON [{"file", "sha256"}]
    ("unit_name", "VARCHAR"),
    ("year", "INTEGER"),
    ("kind", "VARCHAR"),  # text or pdf
    ("document_kind", "VARCHAR"),  # unit_budget, department_budget, final_accounts … (meta kind)
    ("volume", "VARCHAR"),  # full, tables (a table volume) or text
    ("pages", "INTEGER"),
    ("amount_unit", "VARCHAR"),
    ("encoding", "VARCHAR"),
    ("status", "VARCHAR"),  # read or failed
    ("error", "VARCHAR"),
    ("figures", "INTEGER"),
    ("findings", "INTEGER"),
    ("warnings", "INTEGER"),
    ("toolkit_version", "VARCHAR"),
    ("read_at", "TIMESTAMP"),  # UTC, when the worker finished reading
    ("read_seconds", "DOUBLE"),
    ("cpu_seconds", "DOUBLE"),  # CPU of the reading process and the children it waited for
]

_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN"}


def _dictionary(resource: str, number: str) -> list[tuple[str, str]]:
    """The columns of one resource of the field dictionary, numbers as the given DECIMAL."""
    return [(f["field"], number if f["type"] == "number" else _SQL_TYPES[f["type"]]) for f in field_rows(resource)]


AMOUNTS = [*_dictionary("amounts", AMOUNT), ("amount_yuan", AMOUNT)]

CLAIMS = _dictionary("claims", NUMBER)

FINDINGS = [
    ("doc_id", "VARCHAR"),
    ("finding_no", "INTEGER"),  # order in the audit
    ("finding_id", "VARCHAR"),  # the audit's stable id
    ("check", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("status", "VARCHAR"),
    ("message", "VARCHAR"),
    ("where", "VARCHAR"),
    ("expected", "VARCHAR"),
    ("actual", "VARCHAR"),
    ("difference", "VARCHAR"),
    ("tolerance", "VARCHAR"),
    ("rounding_explains", "BOOLEAN"),
    ("file", "VARCHAR"),
    ("table", "VARCHAR"),
    ("code", "VARCHAR"),
    ("column", "VARCHAR"),
    ("line", "INTEGER"),
    ("page", "INTEGER"),
    ("section", "VARCHAR"),
]

_FUNDS = [
    f"{horizon}_{source}_yuan"
    for horizon in ("implementation", "annual")
    for source in ("central", "provincial", "local", "self_raised", "other")
]
PERFORMANCE_PROJECTS = [
    ("doc_id", "VARCHAR"),
    ("project_no", "INTEGER"),
    ("project", "VARCHAR"),
    ("project_raw", "VARCHAR"),
    ("department_code", "VARCHAR"),
    ("department", "VARCHAR"),
    ("implementing_unit", "VARCHAR"),
    ("project_type", "VARCHAR"),
    ("period", "VARCHAR"),
    ("implementation_funds_yuan", AMOUNT),
    ("annual_funds_yuan", AMOUNT),
    *[(name, AMOUNT) for name in _FUNDS],
    ("overview", "VARCHAR"),
    ("basis", "VARCHAR"),
    ("necessity", "VARCHAR"),
    ("safeguards", "VARCHAR"),
    ("plan", "VARCHAR"),
    ("goal_implementation", "VARCHAR"),
    ("goal_annual", "VARCHAR"),
    ("filled_date", "VARCHAR"),
    ("pages", "INTEGER"),
    ("lines", "VARCHAR"),
    ("conflicts", "VARCHAR"),
]

PERFORMANCE_INDICATORS = [
    ("doc_id", "VARCHAR"),
    ("indicator_no", "INTEGER"),
    ("project", "VARCHAR"),
    ("horizon", "VARCHAR"),
    ("level_1", "VARCHAR"),
    ("level_1_printed", "VARCHAR"),
    ("level_2", "VARCHAR"),
    ("level_3", "VARCHAR"),
    ("value_raw", "VARCHAR"),
    ("value", "VARCHAR"),
    ("operator", "VARCHAR"),
    ("number", NUMBER),
    ("value_unit", "VARCHAR"),
    ("qualitative", "VARCHAR"),
    ("is_empty", "BOOLEAN"),
    ("stuttered", "BOOLEAN"),
    ("line", "INTEGER"),
]

TABLES_MISSING = [
    ("doc_id", "VARCHAR"),
    ("table_id", "VARCHAR"),
]

# table name -> columns; `documents` first, then the tables of each document's rows
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": DOCUMENTS,
    "amounts": AMOUNTS,
    "claims": CLAIMS,
    "findings": FINDINGS,
    "performance_projects": PERFORMANCE_PROJECTS,
    "performance_indicators": PERFORMANCE_INDICATORS,
    "tables_missing": TABLES_MISSING,
}
ROW_TABLES = [name for name in TABLES if name != "documents"]
# the order that makes each table's rows reproducible (read time aside)
READ_TIME = ("read_at", "read_seconds", "cpu_seconds")
ORDER_BY = {
    "documents": ["doc_id"],
    "amounts": ["doc_id", "table", "row", "column"],
    "claims": ["doc_id", "claim"],
    "findings": ["doc_id", "finding_no"],
    "performance_projects": ["doc_id", "project_no"],
    "performance_indicators": ["doc_id", "indicator_no"],
    "tables_missing": ["doc_id", "table_id"],
}


def quote(name: str) -> str:
    """A column name as a DuckDB identifier (`table`, `row`, `column` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def column_names(table: str) -> list[str]:
    """The columns of one corpus table, in order."""
    return [name for name, _ in TABLES[table]]


def ddl() -> list[str]:
    """CREATE TABLE IF NOT EXISTS statements for every corpus table."""
    return [
        f"CREATE TABLE IF NOT EXISTS {table} ("
        + ", ".join(f"{quote(name)} {sql_type}" for name, sql_type in columns)
        + ")"
        for table, columns in TABLES.items()
    ]


def _arrow_type(sql_type: str) -> pa.DataType:
    import pyarrow as pa

    if sql_type.startswith("DECIMAL"):
        precision, scale = (int(x) for x in sql_type[len("DECIMAL(") : -1].split(","))
        return pa.decimal128(precision, scale)
    return {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "TIMESTAMP": pa.timestamp("us"),
    }[sql_type]


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema a worker builds one table's rows with (types as in the DDL)."""
    import pyarrow as pa

    return pa.schema([(name, _arrow_type(sql_type)) for name, sql_type in TABLES[table]])


def arrow_table(table: str, rows: list[tuple]) -> pa.Table:
    """Plain rows (tuples in column order) as an Arrow table of the corpus schema.

    pyarrow refuses a Decimal that the column's scale cannot hold exactly ("Rescaling Decimal
    value would cause data loss"), so no figure is ever rounded on its way into the database.
    """
    import pyarrow as pa

    schema = arrow_schema(table)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    return pa.table(
        [pa.array(list(values), type=f.type) for values, f in zip(columns, schema, strict=True)], schema=schema
    )
