"""Build the corpus: read many documents (a local process pool or a Dask cluster) into one database.

Results are streamed: at most a few documents are in flight at once (`window`), each result is
written in its own transaction as soon as it arrives (`kanshousuo.corpus.store`) and then
dropped, so the parent's memory does not grow with the number of documents. A document whose
file's SHA-256 is already in the database is skipped unless `force`.

Workers are started with the 'forkserver' method: a clean server process imports kanshousuo,
pandas and camelot once and every worker is forked from it, so workers start fast, never inherit
the parent's threads (DuckDB's, tqdm's, a Jupyter kernel's) and read many documents each
(`benchmarks/bench_corpus.py` compares the start methods).
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import kanshousuo.corpus.store as store
from kanshousuo.corpus.discover import DocumentFiles, discover, file_sha256
from kanshousuo.corpus.errors import CorpusError
from kanshousuo.corpus.volumes import volume_pairs_in
from kanshousuo.corpus.worker import DocumentResult, Task, document_row, init_worker, one_line_error, read_document

START_METHOD = "forkserver"
PRELOAD = ["kanshousuo", "kanshousuo.corpus.worker", "pandas", "pyarrow", "camelot"]
Reader = Callable[[Task], DocumentResult]


@dataclass
class BuildSummary:
    """What one build did: documents read, failed and skipped, figures and findings written."""

    db: Path
    read: int = 0
    failed: int = 0
    skipped: int = 0
    figures: int = 0
    findings: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    counted: dict[str, DocumentResult] = field(default_factory=dict, repr=False)  # volumes written by this build

    def add(self, result: DocumentResult, sign: int = 1) -> None:
        """Count one written document (`sign` -1 takes it back)."""
        if sign > 0 and result.document["volume"] in ("text", "tables"):  # may be joined later: kept, the rest not
            self.counted[result.document["doc_id"]] = DocumentResult(result.document)
        if result.ok:
            self.read += sign
            self.figures += sign * (result.document["figures"] or 0)
            self.findings += sign * (result.document["findings"] or 0)
        else:
            self.failed += sign

    def replace(self, doc_ids: Iterable[str], result: DocumentResult) -> None:
        """Count `result` in place of the documents it replaced (those counted by this build)."""
        for doc_id in doc_ids:
            if doc_id in self.counted:
                self.add(self.counted.pop(doc_id), -1)
        self.add(result)

    def line(self) -> str:
        """The one-line summary printed at the end of a build."""
        return (
            f"corpus: {self.read} documents read, {self.failed} failed, {self.skipped} files skipped (already in the "
            f"database); {self.figures} figures, {self.findings} findings; {self.seconds:.1f} s -> {self.db}"
        )


def plan_tasks(
    documents: list[DocumentFiles], known: dict[str, tuple[str, str]], force: bool
) -> tuple[list[Task], int, list[str]]:
    """The documents to read: (tasks, number skipped, notes).

    Skipped: a file whose SHA-256 is already in the database (unless `force`) and a second file
    with the same bytes as one earlier in this build. Two different files with one doc_id cannot
    both be kept, in one build or across builds (a budget.pdf of another folder would silently
    replace the one in the database): that is bad input.
    """
    in_db = {doc_id: file for doc_id, file in known.values()}
    by_id: dict[str, Path] = {}
    for document in documents:
        other = by_id.setdefault(document.doc_id, document.path)
        if other != document.path:
            raise CorpusError(f"two files would have the doc_id {document.doc_id!r}: {other} and {document.path}")
    tasks, seen, skipped, notes = [], set(), 0, []
    for document in documents:
        sha256 = file_sha256(document.path)
        if sha256 in seen:
            notes.append(f"{document.path}: the same bytes as a file read earlier in this build; skipped")
            skipped += 1
            continue
        seen.add(sha256)
        if sha256 in known and not force:
            skipped += 1
            continue
        earlier = in_db.get(document.doc_id)
        if earlier is not None and earlier != str(document.path):
            raise CorpusError(
                f"{document.path}: the database already holds {earlier} under the doc_id {document.doc_id!r}; "
                "rename one of them, or build into another --db"
            )
        tasks.append(Task(doc_id=document.doc_id, path=str(document.path), sha256=sha256))
    return tasks, skipped, notes


def default_workers() -> int:
    """The local cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def read_in_process(tasks: Iterable[Task], reader: Reader = read_document) -> Iterator[DocumentResult]:
    """Read the documents one after another in this process (`--workers 1`)."""
    for task in tasks:
        yield reader(task)


def _crashed(task: Task, what: str) -> DocumentResult:
    return DocumentResult(document_row(task, status="failed", error=what))


def _submit(pool, pending: dict, reader: Reader, task: Task) -> None:
    """Submit one task, remembered in `pending` even when the pool is already broken (then it raises)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        pending[pool.submit(reader, task)] = task
    except BrokenProcessPool:
        pending[object()] = task  # lost with the others in flight, and read again
        raise


def read_in_pool(
    tasks: Iterable[Task], workers: int, reader: Reader = read_document, start_method: str = START_METHOD
) -> Iterator[DocumentResult]:
    """Read the documents in a local process pool, yielding each result as it is ready.

    At most 2 x `workers` documents are in flight. A worker process that dies (a crash in a
    native library) breaks the pool: the documents then in flight are read again one at a time
    in a fresh pool, and one that breaks a pool while alone in it is recorded as failed.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        context.set_forkserver_preload(PRELOAD)
    queue: deque[Task] = deque(tasks)
    suspects: deque[Task] = deque()  # in flight when a worker died: each is read again alone
    with_pdf = any(t.path.lower().endswith(".pdf") for t in queue)
    while queue or suspects:
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(with_pdf,))
        pending: dict = {}
        alone = False
        try:
            while queue or suspects or pending:
                if not pending and suspects:
                    alone = True
                    _submit(pool, pending, reader, suspects.popleft())
                if not alone and not suspects:
                    while queue and len(pending) < 2 * workers:
                        _submit(pool, pending, reader, queue.popleft())
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    result = future.result()
                    del pending[future]
                    alone = False
                    yield result
        except BrokenProcessPool:
            lost = list(pending.values())
            if alone:
                yield _crashed(lost[0], "the worker process reading it died (a crash in a native library?)")
            else:
                suspects.extend(lost)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def read_on_dask(
    tasks: Iterable[Task],
    address: str,
    *,
    send_bytes: bool = False,
    connect_timeout: float = 10,
    reader: Reader = read_document,
) -> Iterator[DocumentResult]:
    """Read the documents on a Dask distributed cluster, one task per document, as they complete.

    With `send_bytes`, each task carries its file's bytes (workers that do not share the files);
    otherwise the workers open the same paths. At most 2 x the cluster's threads are in flight.
    """
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise CorpusError("--dask needs dask[distributed]: pip install 'kanshousuo[dask]'") from None
    try:
        client = Client(address, timeout=connect_timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CorpusError(f"cannot reach the Dask scheduler at {address}: {message}") from None
    try:
        window = max(4, 2 * sum(client.nthreads().values()))
        queue: deque[Task] = deque(tasks)
        running = as_completed(loop=client.loop)
        submitted: dict[str, Task] = {}

        def submit() -> None:
            task = queue.popleft()
            if send_bytes:
                more_data = tuple(Path(path).read_bytes() for path, _ in task.more)
                task = replace(task, data=Path(task.path).read_bytes(), more_data=more_data)
            future = client.submit(reader, task, key=f"kanshousuo-corpus-{task.doc_id}-{task.sha256[:12]}", pure=False)
            submitted[future.key] = replace(task, data=None, more_data=())
            running.add(future)

        for _ in range(min(window, len(queue))):
            submit()
        for future in running:
            task = submitted.pop(future.key)
            try:
                result = future.result()
            except Exception as error:  # KilledWorker: the document killed its worker processes
                if type(error).__name__ != "KilledWorker":
                    raise CorpusError(f"the Dask cluster at {address} failed: {str(error).splitlines()[0]}") from None
                result = _crashed(task, "the Dask worker reading it died (KilledWorker)")
            future.release()
            if queue:
                submit()
            yield result
    finally:
        client.close()


@contextmanager
def _ctrl_c_between_documents() -> Iterator[Callable[[], bool]]:
    """Ctrl-C stops the build after the document being written, never inside a transaction:
    DuckDB turns an interrupt during a query into an error of that query (the document would be
    recorded as failed and the build go on, or a traceback end it). The first Ctrl-C is noted and
    the build stops at the next document; a second one interrupts at once. Yields whether it was
    pressed. Outside the main thread (where no signal handler can be set) nothing changes."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    pressed: list[int] = []

    def note(signum, frame) -> None:
        pressed.append(signum)
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield lambda: bool(pressed)
    finally:
        signal.signal(signal.SIGINT, previous)


def _progress(total: int):
    """A tqdm progress bar on a terminal; nothing when stderr is not one."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread: with `--workers 1` kanshousuo may fork (camelot's pass)

    return Bar(total=total, unit="doc", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True)


def _write(con, result: DocumentResult) -> DocumentResult:
    """Write one result; rows the database refuses fail that document (its documents row says why)."""
    import duckdb

    try:
        store.write_document(con, result)
        return result
    except duckdb.Error as error:
        task = Task(result.document["doc_id"], result.document["file"], result.document["sha256"])
        failed = DocumentResult(document_row(task, status="failed", error="not written: " + one_line_error(error)))
        store.write_document(con, failed)
        return failed


def _join_volumes(con, read: Callable[[list[Task]], Iterator[DocumentResult]], summary: BuildSummary) -> None:
    """Read each text volume in the database with its table volume and write the pair in place
    of the two (`kanshousuo.corpus.volumes`). A pair that cannot be read or written together
    leaves the volumes as they were read alone, with a note; an earlier pair of one of them
    (whose other file changed or vanished) is then removed, so no figure is held twice."""
    import duckdb

    pairs = volume_pairs_in(con)
    if not pairs:
        return
    replaced = {task.doc_id: volumes for task, volumes in pairs}
    for result in read([task for task, _ in pairs]):
        doc_id = result.document["doc_id"]
        volumes = replaced[doc_id]
        reason = None if result.ok else result.document["error"]
        if reason is None:
            try:
                store.write_document(con, result, replaces=volumes)
            except duckdb.Error as error:
                reason = "not written: " + one_line_error(error)
        if reason is not None:
            stale = store.joined_documents(con, volumes)
            store.remove_documents(con, stale)
            removed = f"; the earlier pair {', '.join(stale)} removed" if stale else ""
            summary.notes.append(f"{doc_id}: the two volumes could not be read as one ({reason}){removed}")
            continue
        summary.replace(volumes, result)
        summary.notes.append(f"{doc_id}: a text and a table volume read as one disclosure")


def build_corpus(
    paths: Iterable[str | Path],
    db: str | Path,
    *,
    workers: int | None = None,
    force: bool = False,
    dask: str | None = None,
    send_bytes: bool = False,
    connect_timeout: float = 10,
    verbose: bool = False,
    reader: Reader = read_document,
    start_method: str = START_METHOD,
) -> BuildSummary:
    """Read every document under `paths` into the corpus database `db`; returns the summary.

    From a script, call it under `if __name__ == "__main__":`: the pool's workers import the
    script that started them, and one that builds at import time makes each worker build again.

    `workers` defaults to the local cores; 1 reads in this process; `dask` is a scheduler
    address. `verbose` prints one line per document as it is committed.
    """
    start = time.perf_counter()
    documents = discover(paths)
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise CorpusError(f"--workers must be at least 1, not {workers}")
    con = store.connect(db)
    try:
        tasks, skipped, notes = plan_tasks(documents, store.known_documents(con), force)
        summary = BuildSummary(db=Path(db), skipped=skipped, notes=notes)

        def read(tasks: list[Task]) -> Iterator[DocumentResult]:
            if dask:
                return read_on_dask(tasks, dask, send_bytes=send_bytes, connect_timeout=connect_timeout, reader=reader)
            if workers == 1 or len(tasks) <= 1:
                return read_in_process(tasks, reader)
            return read_in_pool(tasks, min(workers, len(tasks)), reader, start_method)

        with _progress(len(tasks)) as bar, _ctrl_c_between_documents() as pressed:
            for result in read(tasks):
                written = _write(con, result)  # what the database holds (a refused row fails it)
                summary.add(written)
                bar.update()
                if verbose:
                    document = written.document
                    what = f"{document['figures']} figures" if written.ok else f"failed: {document['error']}"
                    print(f"{document['doc_id']}: {what}", flush=True)
                if pressed():
                    raise KeyboardInterrupt
            _join_volumes(con, read, summary)
            con.execute("CHECKPOINT")
            if pressed():
                raise KeyboardInterrupt
    finally:
        con.close()
    summary.seconds = time.perf_counter() - start
    return summary
