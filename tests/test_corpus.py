"""The corpus: many documents in one DuckDB database, built robustly, in parallel or on Dask."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from kanshousuo.corpus import CorpusError, open_corpus, schema
from kanshousuo.corpus import cli as corpus_cli
from kanshousuo.corpus.build import build_corpus
from kanshousuo.corpus.discover import file_sha256 as sha256
from kanshousuo.corpus.export import export_parquet
from kanshousuo.corpus.measures import document_measures, findings_per_document, last_digits
from kanshousuo.corpus.models import fit_log_log, last_digit_test
from kanshousuo.corpus.store import connect, write_document
from kanshousuo.corpus.worker import DocumentResult, Task, amount_rows, document_row, one_line_error
from tests.conftest import FIXTURE, ROOT, SEED, run_cli

RAW = ROOT / "data" / "raw"
RAW_DOCUMENTS = sorted(p for p in RAW.iterdir() if p.suffix in (".pdf", ".txt"))
TABLE_VOLUME = RAW / "13_jiangsu_swbgt_2019_dept_budget_table_volume.pdf"
TEXT_VOLUME = RAW / "12_jiangsu_swbgt_2019_dept_budget_text_volume.pdf"
PAIR = f"{TEXT_VOLUME.stem}+{TABLE_VOLUME.stem}"  # one disclosure in two files: one document
# each disclosure of data/raw: its doc_id and its files
DISCLOSURES = {
    **{p.stem: [p] for p in RAW_DOCUMENTS if p not in (TEXT_VOLUME, TABLE_VOLUME)},
    PAIR: [TEXT_VOLUME, TABLE_VOLUME],
}
ZX_2018 = RAW / "16_jiangsu_zx_2018_dept_budget_table_volume.pdf"


def rows(db: Path, table: str, doc_ids: list[str] | None = None) -> list[tuple]:
    """A table's rows in their reproducible order, read time left out (plain Python values)."""
    columns = [c for c in schema.column_names(table) if c not in schema.READ_TIME]
    where = "WHERE doc_id IN (SELECT unnest(?))" if doc_ids is not None else ""
    order = ", ".join(schema.quote(c) for c in schema.ORDER_BY[table])
    query = f"SELECT {', '.join(schema.quote(c) for c in columns)} FROM {table} {where} ORDER BY {order}"
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, [doc_ids] if doc_ids is not None else []).fetchall()
    finally:
        con.close()


def all_rows(db: Path, doc_ids: list[str] | None = None) -> dict[str, list[tuple]]:
    return {table: rows(db, table, doc_ids) for table in schema.TABLES}


def text(value: object) -> str:
    """A cell as text for comparing with a CSV: Decimals by value, missing as empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


# --- the corpus of data/raw --------------------------------------------------------------------


def test_build__one_documents_row_per_disclosure_the_two_volumes_of_one_as_one(raw_corpus):
    documents = {row[0]: row for row in rows(raw_corpus, "documents")}
    assert sorted(documents) == sorted(DISCLOSURES)
    names = schema.column_names("documents")
    assert {d for d, row in documents.items() if row[names.index("status")] == "failed"} == set()
    pair = documents[PAIR]
    assert (pair[names.index("file")], pair[names.index("volume")]) == (str(TEXT_VOLUME), "full")
    assert json.loads(pair[names.index("other_files")]) == [{"file": str(TABLE_VOLUME), "sha256": sha256(TABLE_VOLUME)}]
    final = documents["11_shanghai_putuo_czj_2024_dept_final_accounts"]
    assert final[names.index("document_kind")] == "final_accounts" and final[names.index("volume")] == "full"
    seed = documents[SEED.stem]
    assert seed[names.index("unit_name")] == "山西省看守所" and seed[names.index("year")] == 2026
    assert seed[names.index("kind")] == "text" and seed[names.index("figures")] == 231


def test_build__a_text_volume_alone_fails_with_its_error_and_says_whose_it_is(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(TEXT_VOLUME, docs)
    summary = build_corpus([docs], tmp_path / "c.duckdb", workers=1)
    assert (summary.read, summary.failed) == (0, 1)
    (row,) = rows(tmp_path / "c.duckdb", "documents")
    names = schema.column_names("documents")
    assert row[names.index("error")].startswith(
        "12_jiangsu_swbgt_2019_dept_budget_text_volume.pdf: no standard budget table was recognised in the PDF"
    )
    # its cover (page 1): 江苏省委办公厅2019年度部门预算公开
    assert (row[names.index("volume")], row[names.index("year")], row[names.index("status")]) == (
        "text",
        2019,
        "failed",
    )
    assert row[names.index("unit_name")] == "江苏省委办公厅"


def test_build__a_volume_read_in_an_earlier_build_is_joined_when_its_other_volume_arrives(raw_corpus, tmp_path):
    db = tmp_path / "c.duckdb"
    build_corpus([TEXT_VOLUME], db, workers=1)  # an interrupted build, say, that read only the text volume
    summary = build_corpus([TEXT_VOLUME, TABLE_VOLUME], db, workers=1)
    assert (summary.read, summary.failed, summary.skipped) == (1, 0, 1)
    assert all_rows(db) == all_rows(raw_corpus, [PAIR])
    again = build_corpus([TEXT_VOLUME, TABLE_VOLUME], db, workers=1)
    assert (again.read, again.failed, again.skipped) == (0, 0, 2)  # both files known: nothing read twice


def test_build__a_table_volume_that_changed_is_joined_again_with_its_text_volume(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text_volume, table_volume = shutil.copy(TEXT_VOLUME, docs), shutil.copy(TABLE_VOLUME, docs)
    db = tmp_path / "c.duckdb"
    build_corpus([docs], db, workers=1)
    figures = rows(db, "amounts")
    _copy(TABLE_VOLUME, docs, mark="republished")  # the table volume published again
    summary = build_corpus([docs], db, workers=1)
    assert (summary.read, summary.failed, summary.skipped) == (1, 0, 1)
    (pair,) = rows(db, "documents")
    names = schema.column_names("documents")
    assert pair[names.index("doc_id")] == f"{TEXT_VOLUME.stem}+{TABLE_VOLUME.stem}"
    republished = {"file": table_volume, "sha256": sha256(Path(table_volume))}
    assert json.loads(pair[names.index("other_files")]) == [republished]
    assert pair[names.index("file")] == text_volume and rows(db, "amounts") == figures  # once, not twice


def test_build__two_table_volumes_of_one_unit_and_year_leave_the_text_volume_alone(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(TEXT_VOLUME, docs)
    _copy(TABLE_VOLUME, docs, "tables-a.pdf", mark="a")
    _copy(TABLE_VOLUME, docs, "tables-b.pdf", mark="b")
    summary = build_corpus([docs], tmp_path / "c.duckdb", workers=1)
    assert (summary.read, summary.failed) == (2, 1)  # which table volume is it? not guessed


def test_build__amounts_of_each_document_equal_what_kanshousuo_extract_writes(raw_corpus, tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from tests.corpus_readers import run_extract

    # `kanshousuo extract` as its command line runs it, two documents at a time in two processes
    # (a disclosure in two files as `kanshousuo extract TEXT.pdf TABLES.pdf`)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        outs = [str(tmp_path / f"out{i}") for i in range(len(DISCLOSURES))]
        inputs = [[str(p) for p in files] for files in DISCLOSURES.values()]
        results = dict(zip(DISCLOSURES, pool.map(run_extract, inputs, outs), strict=True))
    names = schema.column_names("amounts")
    for (doc_id, (status, stderr)), out in zip(results.items(), outs, strict=True):
        assert status == 0, stderr
        with (Path(out) / "amounts.csv").open(encoding="utf-8", newline="") as stream:
            printed = [
                tuple(text(Decimal(v)) if k == "amount" and v else v for k, v in r.items())
                for r in csv.DictReader(stream)
            ]
        header = list(csv.DictReader((Path(out) / "amounts.csv").open(encoding="utf-8")).fieldnames or [])
        assert header == names[:-1]  # every column of amounts.csv, then amount_yuan
        stored = [tuple(text(v) for v in row[:-1]) for row in rows(raw_corpus, "amounts", [doc_id])]
        # the doc_id aside: extract names a disclosure in two files after its first file, the corpus after both
        assert stored and sorted(r[1:] for r in stored) == sorted(r[1:] for r in printed), doc_id
        assert {r[0] for r in printed} == {doc_id.split("+")[0]}


def test_build__figures_keep_their_exact_decimals_and_yuan(raw_corpus, seed):
    names = schema.column_names("amounts")
    stored = {
        (r[names.index("table")], r[names.index("row")], r[names.index("column")]): r
        for r in rows(raw_corpus, "amounts", [SEED.stem])
    }
    for figure in seed.amounts.itertuples(index=False):
        row = stored[(figure.table, figure.row, figure.column)]
        amount, yuan = row[names.index("amount")], row[names.index("amount_yuan")]
        assert isinstance(amount, Decimal) and amount == figure.amount
        assert yuan == figure.amount * figure.unit_factor
    # printed on line 156 of the seed: 2040201 行政运行, 基本支出 1430.75 (万元)
    with open_corpus(raw_corpus) as corpus:
        pinned = corpus.sql(
            """SELECT amount, amount_yuan, source FROM amounts WHERE doc_id = ? AND "table" = 'expenditure'
               AND code = '2040201' AND "column" = 'basic'""",
            [SEED.stem],
        )
    assert pinned.to_dict("records") == [
        {"amount": Decimal("1430.75"), "amount_yuan": Decimal("14307500"), "source": "line 156"}
    ]


def test_store__extreme_decimals_round_trip_exactly_and_a_fifth_decimal_is_refused(tmp_path):
    frame = pd.DataFrame(
        {
            "table": ["expenditure", "expenditure", "three_public"],
            "row": [0, 1, 2],
            "source": ["line 1"] * 3,
            "role": ["line"] * 3,
            "column": ["total"] * 3,
            "amount": [Decimal("9999999999999999999999999999.9999"), Decimal("0.0001"), Decimal("-12.34")],
            "amount_raw": ["9999999999999999999999999999.9999", "0.0001", "-12.34"],
            "unit": ["元", "亿元", "万元"],
            "unit_factor": [1, 100_000_000, 10_000],
        }
    )
    task = Task("extreme", "extreme.txt", "0" * 64)
    result = DocumentResult(
        document_row(task, status="read", figures=3),
        {"amounts": schema.arrow_table("amounts", amount_rows(frame, "extreme"))},
    )
    con = connect(tmp_path / "c.duckdb")
    write_document(con, result)
    con.close()
    with open_corpus(tmp_path / "c.duckdb") as corpus:
        back = corpus.table("amounts")
    assert back["amount"].tolist() == frame["amount"].tolist()
    assert back["amount_yuan"].tolist() == [
        Decimal("9999999999999999999999999999.9999"),
        Decimal("10000"),
        Decimal("-123400"),
    ]
    assert all(isinstance(v, Decimal) for v in back["amount_yuan"])
    fifth = frame.assign(amount=[Decimal("1.00001")] * 3)
    with pytest.raises(pa.ArrowInvalid, match="data loss"):
        schema.arrow_table("amounts", amount_rows(fifth, "extreme"))


# --- robustness -----------------------------------------------------------------------------------


def _copy(path: Path, folder: Path, name: str | None = None, mark: str = "") -> Path:
    target = folder / (name or path.name)
    target.write_bytes(path.read_bytes() + (f"\n# {mark}\n".encode() if mark else b""))
    return target


def test_build__a_failing_document_is_recorded_and_the_batch_goes_on_then_skipped_then_forced(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _copy(SEED, docs)
    (docs / "notes.txt").write_text("会议纪要\n没有预算表。\n", encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    db = tmp_path / "corpus.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "kanshousuo", "corpus", "build", str(docs), "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("corpus: 1 documents read, 2 failed, 0 files skipped")
    documents = {r[0]: r for r in rows(db, "documents")}
    names = schema.column_names("documents")
    assert documents["notes"][names.index("status")] == "failed"
    assert documents["notes"][names.index("error")] == "notes.txt: no standard budget table was recognised in the text"
    assert "\n" not in documents["empty"][names.index("error")]
    assert documents[SEED.stem][names.index("status")] == "read"
    before = rows(db, "amounts")

    again = build_corpus([docs], db, workers=1)
    assert (again.read, again.failed, again.skipped) == (0, 0, 3)

    forced = build_corpus([docs], db, workers=1, force=True)
    assert (forced.read, forced.failed, forced.skipped) == (1, 2, 0)
    assert rows(db, "amounts") == before  # replaced, not duplicated
    assert len(rows(db, "documents")) == 3


def test_one_line_error__names_the_type_and_the_first_line_of_anything_but_a_disclosure_error():
    assert one_line_error(ValueError("bad value\nmore detail")) == "ValueError: bad value"
    from kanshousuo import DisclosureError

    assert one_line_error(DisclosureError("x.txt: the file is empty")) == "x.txt: the file is empty"


def test_build__a_worker_that_dies_fails_its_document_only(tmp_path):
    from tests.corpus_readers import crash_on_name

    docs = tmp_path / "docs"
    docs.mkdir()
    _copy(SEED, docs, "a.txt", mark="a")
    _copy(SEED, docs, "crash.txt", mark="crash")
    _copy(FIXTURE, docs, "b.txt")
    summary = build_corpus([docs], tmp_path / "c.duckdb", workers=2, reader=crash_on_name)
    assert (summary.read, summary.failed) == (2, 1)
    documents = {r[0]: r for r in rows(tmp_path / "c.duckdb", "documents")}
    assert documents["crash"][schema.column_names("documents").index("error")].startswith("the worker process")


def test_build__killed_midway_then_rerun_completes_the_database_without_duplicates(raw_corpus, tmp_path):
    files = [
        RAW / "14_jiangsu_rd_2019_dept_budget_table_volume.pdf",
        RAW / "15_jiangsu_fy_2018_dept_budget.pdf",
        ZX_2018,
        SEED,
    ]
    db = tmp_path / "corpus.duckdb"
    args = [sys.executable, "-m", "kanshousuo", "corpus", "build", *map(str, files), "--db", str(db), "--workers", "1"]
    process = subprocess.Popen([*args, "-v"], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        first = process.stdout.readline()  # printed once the first document is committed
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        process.stdout.close()
    assert first.startswith(files[0].stem)
    left = rows(db, "documents")
    assert 1 <= len(left) < len(files)  # consistent: whole documents only
    summary = build_corpus(files, db, workers=2)
    assert summary.skipped == len(left) and summary.read == len(files) - len(left)
    ids = [p.stem for p in files]
    assert all_rows(db) == all_rows(raw_corpus, ids)


# The cluster runs in its own process: its scheduler thread would otherwise stay in this one, and
# kanshousuo forks a PDF's camelot pass only in a process running a single thread (tests/test_pdf.py).
DASK_BUILD = """
import sys
from distributed import LocalCluster
from kanshousuo.corpus.cli import main
with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
    status = main(["build", *sys.argv[2:], "--db", sys.argv[1], "--dask", cluster.scheduler_address, "--send-bytes"])
sys.exit(status)
"""


def test_build__on_a_dask_cluster_gives_the_same_database_as_the_local_pool(raw_corpus, tmp_path):
    files = [TEXT_VOLUME, TABLE_VOLUME, SEED]
    db = tmp_path / "dask.duckdb"
    args = [sys.executable, "-c", DASK_BUILD, str(db), *map(str, files)]
    result = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "corpus: 2 documents read, 0 failed" in result.stdout  # the two volumes are one document
    assert all_rows(db) == all_rows(raw_corpus, [PAIR, SEED.stem])


# --- reading the corpus ---------------------------------------------------------------------------


def test_open_corpus__returns_exact_decimals_read_only(raw_corpus):
    with open_corpus(raw_corpus) as corpus:
        documents = corpus.table("documents")
        assert list(documents.columns) == schema.column_names("documents")
        assert len(documents) == len(DISCLOSURES)
        total = corpus.sql("SELECT sum(amount_yuan) AS s FROM amounts WHERE doc_id = ?", [SEED.stem])["s"].iloc[0]
        assert isinstance(total, Decimal)
        with pytest.raises(duckdb.Error):
            corpus.sql("DELETE FROM documents")
        with pytest.raises(CorpusError):
            corpus.table("nope")


def test_export__one_parquet_dataset_per_table_partitioned_by_year_readable_by_pandas(raw_corpus, tmp_path):
    out = tmp_path / "parquet"
    counts = export_parquet(raw_corpus, out)
    # beside the datasets, the marker that lets the next export replace this one (hidden: readers skip it)
    assert sorted(p.name for p in out.iterdir()) == sorted([*schema.TABLES, ".kanshousuo"])
    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "year=2017",
        "year=2018",
        "year=2019",
        "year=2024",
        "year=2025",
        "year=2026",
    ]
    amounts = pd.read_parquet(out / "amounts")
    assert len(amounts) == counts["amounts"] == len(rows(raw_corpus, "amounts"))
    seed = amounts[amounts["doc_id"] == SEED.stem]
    assert set(seed["year"].astype(int)) == {2026}
    pinned = seed[(seed["table"] == "expenditure") & (seed["code"] == "2040201") & (seed["column"] == "basic")]
    assert pinned["amount_yuan"].tolist() == [Decimal("14307500")]
    claims = pd.read_parquet(out / "claims")
    total = claims[(claims["doc_id"] == SEED.stem) & (claims["line"] == 379) & (claims["kind"] == "amount")]
    # line 379 of the seed: 2026年度山西省看守所预算收入总计2,551.79万元
    assert (total["value"].iloc[0], total["unit"].iloc[0]) == (Decimal("2551.79"), "万元")
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents["doc_id"]) == sorted(DISCLOSURES)


def test_schema__amounts_has_every_field_of_the_amounts_resource_then_amount_yuan(seed):
    fields = resources.files("kanshousuo").joinpath("package_data", "fields.csv").read_text(encoding="utf-8")
    amounts = [r["field"] for r in csv.DictReader(fields.splitlines()) if r["resource"] == "amounts"]
    assert schema.column_names("amounts") == [*amounts, "amount_yuan"]
    targets = seed.performance
    assert set(targets.projects.columns) <= set(schema.column_names("performance_projects"))
    assert set(targets.indicators.columns) <= set(schema.column_names("performance_indicators"))


# --- the command line -----------------------------------------------------------------------------


def _cli(capsys, *args: object) -> tuple[int, str, str]:
    status = corpus_cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "{docs}", "--db", "{tmp}/missing/c.duckdb"], "the folder of the database does not exist"),
        (["build", "{tmp}/empty", "--db", "{db}"], "no .pdf or .txt documents found"),
        (["build", "{tmp}/nowhere", "--db", "{db}"], "no such file or folder"),
        (["build", "{docs}", "--db", "{db}", "--send-bytes"], "--send-bytes goes with --dask"),
        (["export", "--db", "{tmp}/missing.duckdb", "--parquet", "{tmp}/out"], "no corpus database"),
    ],
)
def test_cli__bad_input_is_one_line_and_exit_2(capsys, tmp_path, args, message):
    (tmp_path / "docs").mkdir()
    _copy(SEED, tmp_path / "docs")
    (tmp_path / "empty").mkdir()
    paths = {"tmp": tmp_path, "docs": tmp_path / "docs", "db": tmp_path / "c.duckdb"}
    status, _, err = _cli(capsys, *(a.format(**paths) for a in args))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("kanshousuo corpus: error: ") and message in err


def test_cli__a_database_of_another_layout_is_refused_in_one_line_before_reading(capsys, tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE documents (doc_id VARCHAR, file VARCHAR, sha256 VARCHAR)")  # an older toolkit's
    con.close()
    status, _, err = _cli(capsys, "build", SEED, "--db", db)
    assert status == 2 and err.count("\n") == 1
    assert "has other columns in its table documents" in err
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (0,)  # nothing read into it
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("documents",)]
    con.close()


def test_cli__a_duckdb_file_that_is_no_corpus_is_refused_in_one_line_and_left_alone(capsys, tmp_path):
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (a INTEGER)")
    con.close()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for args in (["build", SEED, "--db", foreign], ["export", "--db", empty, "--parquet", tmp_path / "out"]):
        status, _, err = _cli(capsys, *args)
        assert status == 2 and err.count("\n") == 1 and "not a kanshousuo corpus" in err
    con = duckdb.connect(str(foreign), read_only=True)
    assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("t",)]
    con.close()
    assert not (tmp_path / "out").exists()


def test_export__never_replaces_a_folder_it_did_not_write(capsys, raw_corpus, tmp_path, monkeypatch):
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "chapter1.tex").write_text("my work", encoding="utf-8")
    status, _, err = _cli(capsys, "export", "--db", raw_corpus, "--parquet", mine)
    assert status == 2 and err.count("\n") == 1 and "did not write" in err
    assert [p.name for p in mine.iterdir()] == ["chapter1.tex"]
    monkeypatch.chdir(mine)
    status, _, err = _cli(capsys, "export", "--db", raw_corpus, "--parquet", ".")
    assert status == 2 and "working folder" in err and [p.name for p in mine.iterdir()] == ["chapter1.tex"]
    out = tmp_path / "parquet"
    assert _cli(capsys, "export", "--db", raw_corpus, "--parquet", out)[0] == 0
    assert _cli(capsys, "export", "--db", raw_corpus, "--parquet", out)[0] == 0  # an earlier export is replaced


def test_build__a_doc_id_already_in_the_database_for_another_file_is_refused(capsys, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _copy(SEED, first, "budget.txt")
    _copy(SEED, second, "budget.txt", mark="another unit's budget.txt")
    db = tmp_path / "c.duckdb"
    assert _cli(capsys, "build", first, "--db", db, "--workers", "1")[0] == 0
    status, _, err = _cli(capsys, "build", second, "--db", db, "--workers", "1")
    assert status == 2 and err.count("\n") == 1 and "already holds" in err
    assert [row[1] for row in rows(db, "documents")] == [str(first / "budget.txt")]


def test_build__an_earlier_pair_whose_text_volume_vanished_is_removed_not_kept_beside_its_table_volume(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text_volume, table_volume = Path(shutil.copy(TEXT_VOLUME, docs)), Path(shutil.copy(TABLE_VOLUME, docs))
    db = tmp_path / "c.duckdb"
    build_corpus([docs], db, workers=1)
    text_volume.unlink()
    summary = build_corpus([docs], db, workers=1, force=True)
    (document,) = rows(db, "documents")  # the table volume alone, its figures once
    assert document[0] == table_volume.stem
    assert any("could not be read as one" in note and "removed" in note for note in summary.notes)
    names = schema.column_names("amounts")
    assert len(rows(db, "amounts")) == len({tuple(r[: names.index("amount")]) for r in rows(db, "amounts")})


def test_cli__ctrl_c_stops_a_build_in_one_line_and_the_next_build_completes_it(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(6):
        _copy(SEED, docs, f"{i}.txt", mark=str(i))
    db = tmp_path / "c.duckdb"
    args = [sys.executable, "-m", "kanshousuo", "corpus", "build", str(docs), "--db", str(db), "--workers", "2", "-v"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.stdout.readline()  # the first document is committed
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 130, err[-3000:]
    assert err.strip().count("\n") == 0 and "interrupted" in err, err[-3000:]  # one line, no traceback
    summary = build_corpus([docs], db, workers=1)
    assert summary.read + summary.skipped == 6 and len(rows(db, "documents")) == 6


def test_cli__an_unreachable_dask_scheduler_is_one_line_and_exit_2(tmp_path):
    # in its own process, like the cluster above: a Dask client leaves threads behind
    args = [
        "corpus",
        "build",
        SEED,
        "--db",
        tmp_path / "c.duckdb",
        "--dask",
        "tcp://127.0.0.1:9",
        "--connect-timeout",
        "1",
    ]
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("kanshousuo corpus: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert result.stderr.count("\n") == 1


def test_cli__dask_not_installed_is_one_line_and_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now raises ImportError
    _copy(SEED, tmp_path)
    status, _, err = _cli(capsys, "build", tmp_path / SEED.name, "--db", tmp_path / "c.duckdb", "--dask", "tcp://x:1")
    assert status == 2
    assert err == "kanshousuo corpus: error: --dask needs dask[distributed]: pip install 'kanshousuo[dask]'\n"


def test_kanshousuo_cli__delegates_the_corpus_sub_command(capsys, tmp_path):
    from kanshousuo.cli import main

    assert main(["corpus", "build", str(tmp_path), "--db", str(tmp_path / "c.duckdb")]) == 2
    assert "no .pdf or .txt documents found" in capsys.readouterr().err


# --- measures and models --------------------------------------------------------------------------


def test_document_measures__same_meaning_across_templates(raw_corpus):
    with open_corpus(raw_corpus) as corpus:
        measures = document_measures(corpus).set_index("doc_id")
    shanxi = measures.loc[SEED.stem]
    # printed on line 251 (合计 of the economic table: 人员经费 1440.39, 公用经费 272.13 万元) and line 153
    assert shanxi["personnel_yuan"] == Decimal("14403900") == shanxi["personnel_printed_yuan"]
    assert shanxi["public_use_yuan"] == Decimal("2721300") == shanxi["public_use_printed_yuan"]
    assert (shanxi["basic_yuan"], shanxi["project_yuan"], shanxi["total_yuan"]) == (
        Decimal("17125200"),
        Decimal("8392700"),
        Decimal("25517900"),
    )
    assert shanxi["project_share"] == pytest.approx(839.27 / 2551.79)
    assert shanxi["template"] == "shanxi"
    # page 9 of the Jiangsu 2018 table volume: “三公”经费小计 675.10 = 106.00 + 156.60 + 412.50 (its 合计 1,656.86
    # also holds 会议费 and 培训费)
    zx = measures.loc[ZX_2018.stem]
    assert zx["three_public_yuan"] == Decimal("6751000") and zx["template"] == "jiangsu"
    assert measures.loc[PAIR, "template"] == "jiangsu"


def test_findings_per_document__counts_equal_the_documents_table(raw_corpus):
    with open_corpus(raw_corpus) as corpus:
        per_document = findings_per_document(corpus).set_index("doc_id")
        documents = corpus.table("documents").set_index("doc_id")
        digits = last_digits(corpus)
    read = documents[documents["status"] == "read"]
    assert per_document["findings"].to_dict() == read["findings"].to_dict()
    assert set(digits["last_digit"]) <= set("0123456789") and (digits["significant_digits"] >= 3).all()


def test_fit_log_log__recovers_the_slope_and_names_the_outlier():
    # y = 2·x^0.8 exactly for six units; the seventh spends ten times the line
    x = [Decimal(v) for v in ("100", "200", "400", "800", "1600", "3200", "500")]
    y = [2 * float(v) ** 0.8 for v in x[:6]] + [20 * 500**0.8]
    frame = pd.DataFrame({"doc_id": list("abcdefg"), "x": x, "y": y})
    fit = fit_log_log(frame, y="y", x="x")
    assert fit.n == 7
    assert fit.slope("RLM")["estimate"] == pytest.approx(0.8, abs=0.05)
    assert fit.units.set_index("label")["outlying"].to_dict() == {**dict.fromkeys("abcdef", False), "g": True}
    band = fit.band(points=5)
    assert (band["obs_low"] <= band["mean_low"]).all() and (band["mean_high"] <= band["obs_high"]).all()


def test_last_digit_test__chi_square_against_uniform():
    uniform = last_digit_test(pd.Series(list("0123456789") * 3))
    assert uniform.chi2 == 0 and uniform.n == 30 and uniform.p_value == pytest.approx(1)
    zeros = last_digit_test(pd.Series(["0"] * 10))
    assert zeros.chi2 == pytest.approx(90)  # (10-1)²/1 + 9·(0-1)²/1
    no_zeros = last_digit_test(pd.Series(["0"] * 10 + list("123456789")), support="123456789")
    assert (no_zeros.n, no_zeros.dof, no_zeros.chi2) == (9, 8, 0)


def test_corpus_tests__leave_this_process_with_one_thread_so_kanshousuo_may_still_fork():
    import threading

    assert threading.active_count() == 1, threading.enumerate()


def test_volume_pairs__by_index_agree_with_the_rule_compared_pairwise():
    from kanshousuo.corpus.volumes import Volume, volume_pairs

    def volume(doc_id: str, name: str, folder: str = "/d", year: int = 2019) -> Volume:
        return Volume(doc_id, f"{folder}/{doc_id}.pdf", doc_id, name, year, "department_budget")

    texts = [volume(f"t{i}", f"江苏省单位{i}办公厅") for i in range(40)] + [volume("short", "办公厅", year=2017)]
    tables = [volume(f"b{i}", f"中共江苏省单位{i}办公厅") for i in range(0, 40, 2)]
    tables += [volume("other-folder", "江苏省单位1办公厅", folder="/e")]
    tables += [volume("other-year", "江苏省单位3办公厅", year=2018)]
    tables += [volume("twin", "江苏省单位4办公厅")]  # a second table volume for t4: ambiguous, not guessed
    tables += [volume(f"s{i}", f"单位{i}办公厅", year=2017) for i in range(2)]  # two that "办公厅" could be

    def pairwise() -> list[tuple[str, str]]:
        found = []
        for text in texts:
            matches = [table for table in tables if text.belongs_with(table)]
            if len(matches) == 1 and sum(matches[0].belongs_with(t) for t in texts) == 1:
                found.append((text.doc_id, matches[0].doc_id))
        return found

    indexed = [(text.doc_id, table.doc_id) for text, table in volume_pairs(texts, tables)]
    assert sorted(indexed) == sorted(pairwise())
    assert ("t2", "b2") in indexed and not any(t in ("t4", "short", "t1", "t3") for t, _ in indexed)
