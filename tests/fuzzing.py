"""Run hostile cases (`tests/hostile.py`) through the command line and check the contract.

Each case runs in its own workspace that also holds the user's files: a notes file, another
disclosure, a folder of the user's own, `data/raw/keep.txt` and an earlier output of the tool in
`data/processed/previous-doc/`; an extract into `out/<id>` finds an earlier output there too.
Every run is `python -m kanshousuo ...` in a new session (process group) under an address-space
limit, killed with its whole group at the time limit, and checked for:

- the case's contract (see `tests/hostile.py`);
- exit status 0/1/2 (an extract never exits 1), and exactly one stderr line with exit 2;
- no "Traceback" in stdout or stderr;
- nothing changed outside the folders the run may replace (a hash of every file before/after);
- `--out` old-or-new: after a failed extract it is exactly as before; after a successful one it
  holds a complete output (datapackage.json and every resource it lists);
- no process of its group still alive after it exited.

Only the command line is used (black box); the package's modules are never imported here.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile import (
    COMPLETE,
    ERROR,
    FLAGGED,
    GUARD,
    JIANGNAN,
    READ_OR_ERROR,
    READ_OR_REFUSE,
    REFUSE,
    ROOT,
    SAFE,
    SHANXI,
    Case,
    Run,
)

MEMORY_LIMIT = 1 << 30  # address space per run (bytes); /dev/zero must not eat the machine
_SUMMARY = re.compile(r"([0-9]+) tables \(([0-9]+) printed empty\), ([0-9]+) rows, ([0-9]+) figures -> (.+)")
_LIMIT_AND_EXEC = (
    "import os, resource, sys\n"
    "memory, cpu = int(sys.argv[1]), int(sys.argv[2])\n"
    "resource.setrlimit(resource.RLIMIT_AS, (memory, memory))\n"
    "resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'kanshousuo', *sys.argv[3:]])\n"
)
AMOUNT_KEY = ("table", "code", "label", "column", "amount", "unit")


@dataclass
class RunResult:
    """What one command did."""

    run: Run
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    timed_out: bool
    cpu_seconds: float = 0.0
    over_cpu: bool = False
    orphans: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    complete: tuple[bool, str] | None = None  # (complete read?, why not) for runs compared with a seed

    @property
    def label(self) -> str:
        """`extract`/`audit` and the exit status, for messages."""
        return f"{self.run.kind}"

    def stderr_lines(self) -> list[str]:
        """The non-blank lines printed on stderr."""
        return [line for line in self.stderr.splitlines() if line.strip()]

    def last_traceback_line(self) -> str:
        """The last line of a traceback (the exception), or ''."""
        text = self.stderr + self.stdout
        if "Traceback" not in text:
            return ""
        lines = [line for line in text[text.rindex("Traceback") :].splitlines() if line.strip()]
        return lines[-1] if lines else ""


@dataclass
class CaseResult:
    """A case, its runs and every way it broke the contract."""

    case: Case
    runs: list[RunResult]
    problems: list[str]
    seconds: float

    @property
    def passed(self) -> bool:
        """True when the case kept its contract."""
        return not self.problems


@dataclass
class Baseline:
    """What the unmutated seed gives: the summary counts, the figures and the audit's exit status."""

    name: str
    out: Path
    counts: tuple[int, int, int, int]
    amounts: Counter
    audit_exit: int


# ----------------------------------------------------------------------------------------------
# Processes


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONUNBUFFERED="1")
    return env


def _group_members(group: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


def execute(
    args: list[str], cwd: Path, limit: float, memory: int = MEMORY_LIMIT, wall: float | None = None
) -> RunResult:
    """Run `python -m kanshousuo ARGS` in `cwd` in its own process group.

    `limit` is CPU seconds per process (RLIMIT_CPU: the kernel stops it, whatever the load of a
    shared machine); `wall` (default 6x the limit, at least limit + 10 s) kills the whole group of
    a run that blocks without using CPU (a FIFO), or that a very loaded machine starves.
    """
    cpu = max(1, math.ceil(limit))
    argv = [sys.executable, "-c", _LIMIT_AND_EXEC, str(memory), str(cpu), *args]
    timed_out = threading.Event()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
            env=_environment(),
        )

        def expire() -> None:
            timed_out.set()
            _kill_group(process.pid)

        timer = threading.Timer(wall or max(6 * limit, limit + 10), expire)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        orphans = _group_members(process.pid)
        if orphans:  # give a child that is on its way out a moment
            time.sleep(0.5)
            orphans = _group_members(process.pid)
        _kill_group(process.pid)
        out.seek(0)
        err.seek(0)
        cpu_seconds = usage.ru_utime + usage.ru_stime
        return RunResult(
            run=Run(tuple(args), "?"),
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            max_rss_mb=usage.ru_maxrss / 1024,
            timed_out=timed_out.is_set(),
            orphans=orphans,
            cpu_seconds=cpu_seconds,
            over_cpu=process.returncode == -signal.SIGXCPU
            or (process.returncode == -signal.SIGKILL and not timed_out.is_set() and cpu_seconds >= cpu - 0.5),
        )


# ----------------------------------------------------------------------------------------------
# Trees


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under `root` (not following links, never opening a FIFO or device): path -> kind, digest."""
    found: dict[str, tuple[str, str]] = {}

    def walk(folder: Path, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    found[rel] = ("link", str(Path(entry.path).readlink()))
                elif stat.S_ISDIR(info.st_mode):
                    found[rel] = ("dir", "")
                    walk(Path(entry.path), rel + "/")
                elif stat.S_ISREG(info.st_mode):
                    digest = hashlib.sha256()
                    with Path(entry.path).open("rb") as handle:
                        for chunk in iter(lambda handle=handle: handle.read(1 << 20), b""):
                            digest.update(chunk)
                    found[rel] = ("file", digest.hexdigest())
                else:
                    found[rel] = ("special", oct(stat.S_IFMT(info.st_mode)))

    walk(root, "")
    return found


def _norm(rel: str) -> str:
    return os.path.normpath(rel).replace(os.sep, "/")


def _inside(path: str, folders: list[str]) -> bool:
    return any(f == "." or path == f or path.startswith(f + "/") for f in folders)


def tree_problems(before: dict, after: dict, replace: list[str], add: list[str]) -> list[str]:
    """Entries removed, changed or added outside what the run may touch."""
    problems = []
    removed = [p for p in before if p not in after and not _inside(p, replace)]
    changed = [p for p in before if p in after and after[p] != before[p] and not _inside(p, replace)]
    allowed_parents = {"/".join(f.split("/")[: i + 1]) for f in replace for i in range(f.count("/") + 1)}
    added = [p for p in after if p not in before and not _inside(p, replace + add) and p not in allowed_parents]
    for what, paths in (("removed", removed), ("changed", changed), ("added", added)):
        if paths:
            shown = ", ".join(sorted(paths)[:4]) + (f" (+{len(paths) - 4} more)" if len(paths) > 4 else "")
            problems.append(f"{what} outside --out: {shown}")
    return problems


def _subtree(tree: dict, folder: str) -> dict:
    if folder == ".":
        return dict(tree)
    return {p: v for p, v in tree.items() if p == folder or p.startswith(folder + "/")}


def output_problems(folder: Path) -> list[str]:
    """A complete output: datapackage.json whose every resource file exists, and amounts.csv."""
    package = folder / "datapackage.json"
    if not package.is_file():
        return [f"no datapackage.json in {folder.name or folder}"]
    try:
        resources = json.loads(package.read_text(encoding="utf-8"))["resources"]
    except (ValueError, KeyError) as error:
        return [f"datapackage.json unreadable: {error}"]
    missing = [r["path"] for r in resources if not (folder / r["path"]).is_file()]
    if missing or not (folder / "amounts.csv").is_file():
        return [f"incomplete output, missing {missing or ['amounts.csv']}"]
    return []


# ----------------------------------------------------------------------------------------------
# Reading what a run printed and wrote


def summary_counts(stdout: str) -> tuple[tuple[int, int, int, int], str] | None:
    """(tables, printed empty, rows, figures), out folder from extract's summary line."""
    for line in stdout.splitlines():
        found = _SUMMARY.search(line)
        if found:
            return tuple(int(found.group(i)) for i in range(1, 5)), found.group(5).strip()
    return None


def read_amounts(folder: Path) -> Counter:
    """The figures an extract wrote, as a multiset of (table, code, label, column, amount, unit)."""
    with (folder / "amounts.csv").open(encoding="utf-8", newline="") as handle:
        return Counter(tuple(row.get(k, "") for k in AMOUNT_KEY) for row in csv.DictReader(handle))


def findings(stdout: str) -> list[dict] | None:
    """The findings printed by `audit --json`, or None when stdout is not that JSON."""
    try:
        return list(json.loads(stdout)["findings"])
    except (ValueError, KeyError, TypeError):
        return None


# ----------------------------------------------------------------------------------------------
# Contracts


def _complete(result: RunResult, ws: Path, baseline: Baseline) -> tuple[bool, str]:
    if result.run.kind == "audit":
        ok = result.returncode == baseline.audit_exit
        return ok, "" if ok else f"audit exit {result.returncode}, the seed's audit exits {baseline.audit_exit}"
    if result.returncode != 0:
        return False, f"extract exit {result.returncode}"
    summary = summary_counts(result.stdout)
    if summary is None:
        return False, "no summary line"
    counts, printed_out = summary
    if counts != baseline.counts:
        names = ("tables", "printed empty", "rows", "figures")
        diff = ", ".join(
            f"{n} {a} (seed {b})" for n, a, b in zip(names, counts, baseline.counts, strict=True) if a != b
        )
        return False, f"partial read: {diff}"
    folder = ws / result.run.cwd / printed_out
    try:
        amounts = read_amounts(folder)
    except OSError as error:
        return False, f"amounts.csv unreadable: {error}"
    if amounts != baseline.amounts:
        extra = sum((amounts - baseline.amounts).values())
        lost = sum((baseline.amounts - amounts).values())
        return False, f"figures differ from the seed's: {extra} new, {lost} lost"
    return True, ""


def _is_refusal(result: RunResult) -> bool:
    return result.returncode == 2 and len(result.stderr_lines()) == 1


def _error_reported(result: RunResult) -> tuple[bool, str]:
    if _is_refusal(result):
        return True, ""
    found = findings(result.stdout)
    if found is None:
        return False, f"audit exit {result.returncode} without findings JSON"
    errors = [f for f in found if f.get("severity") == "error"]
    if result.returncode == 1 and errors:
        return True, ""
    return False, f"audit exit {result.returncode} with {len(errors)} error findings ({len(found)} checks)"


def run_problems(result: RunResult, before: dict, after: dict, ws: Path) -> list[str]:
    """What every run must do, whatever its case expects."""
    run = result.run
    problems = []
    if result.over_cpu:
        problems.append(
            f"{run.kind}: did not finish within its time limit; stopped after {result.cpu_seconds:.1f} s of CPU "
            f"({result.seconds:.1f} s wall)"
        )
    elif result.timed_out:
        problems.append(
            f"{run.kind}: killed at its wall-clock limit after {result.seconds:.1f} s, having used "
            f"{result.cpu_seconds:.1f} s of CPU (blocked, or starved by the machine's load)"
        )
    elif result.returncode < 0 and not result.over_cpu:
        problems.append(f"{run.kind}: killed by signal {-result.returncode}")
    elif result.returncode not in ((0, 2) if run.kind == "extract" else (0, 1, 2)):
        tail = result.last_traceback_line() or (result.stderr_lines() or [""])[-1]
        problems.append(f"{run.kind}: exit {result.returncode} ({tail[:160]})")
    if result.returncode == 2 and len(result.stderr_lines()) != 1 and not result.over_cpu:
        problems.append(f"{run.kind}: exit 2 with {len(result.stderr_lines())} stderr lines, not one")
    if result.last_traceback_line():
        problems.append(f"{run.kind}: traceback: {result.last_traceback_line()[:200]}")
    if result.orphans:
        problems.append(f"{run.kind}: {len(result.orphans)} child process(es) left running after exit")
    cwd = _norm(run.cwd)
    out = _norm(f"{cwd}/{run.out}") if run.out is not None else None
    replace = [_norm(f"{cwd}/{p}") for p in run.may_replace]
    add = [_norm(f"{cwd}/{p}") for p in run.may_add]
    if run.kind == "extract" and result.returncode == 0 and not result.timed_out:
        summary = summary_counts(result.stdout)
        written = _norm(f"{cwd}/{summary[1]}") if summary else out
        if written is not None and not _inside(written, replace + add):
            problems.append(f"extract: wrote {written!r}, which it may not replace")
            replace.append(written)
        if written is not None:
            problems += [f"extract: {p}" for p in output_problems(ws / written)]
    problems += [f"{run.kind}: {p}" for p in tree_problems(before, after, replace, add)]
    if run.kind == "extract" and out is not None and (result.returncode != 0 or result.timed_out or result.over_cpu):
        if _subtree(before, out) != _subtree(after, out):
            problems.append(f"extract failed but changed --out {out!r} (not old-or-new)")
    return problems


def case_problems(case: Case, results: list[RunResult], baselines: dict[str, Baseline]) -> list[str]:
    """How the runs of a case broke its contract (beyond the problems every run checks)."""
    audits = [r for r in results if r.run.kind == "audit"]
    complete = [r.complete for r in results if r.complete is not None]
    read_fully = bool(complete) and all(ok for ok, _ in complete)
    why_partial = "; ".join(why for ok, why in complete if not ok)
    if case.expect == COMPLETE:
        return [] if read_fully else [f"not a complete read: {why_partial}"]
    if case.expect == READ_OR_REFUSE:
        if read_fully or all(_is_refusal(r) for r in results):
            return []
        return [f"neither a complete read nor a one-line refusal: {why_partial}"]
    if case.expect in (ERROR, READ_OR_ERROR):
        if case.expect == READ_OR_ERROR and read_fully:
            return []
        problems = []
        for result in audits:
            ok, why = _error_reported(result)
            if not ok:
                problems.append(f"half-read or wrong document not reported as an error: {why}")
        return problems
    if case.expect == FLAGGED:
        problems = []
        for result in audits:
            if _is_refusal(result):
                continue
            named = [
                f
                for f in findings(result.stdout) or []
                if f.get("severity") in ("warning", "error") and case.mention in json.dumps(f, ensure_ascii=False)
            ]
            if not named or result.returncode != 1:
                problems.append(f"no warning or error names {case.mention} (audit --strict exit {result.returncode})")
        return problems
    if case.expect == REFUSE:
        return [f"{r.run.kind}: not refused with one line (exit {r.returncode})" for r in results if not _is_refusal(r)]
    if case.expect in (SAFE, GUARD):
        return []
    raise ValueError(f"unknown expectation {case.expect}")


# ----------------------------------------------------------------------------------------------
# Workspaces and the pool


def prepare_workspace(ws: Path, baselines: dict[str, Baseline]) -> None:
    """The user's files every case runs among."""
    (ws / "docs").mkdir(parents=True)
    (ws / "notes.md").write_text("# my notes\nkeep me\n", encoding="utf-8")
    shutil.copyfile(JIANGNAN, ws / "docs" / "other-disclosure.txt")
    (ws / "userdir").mkdir()
    (ws / "userdir" / "mine.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (ws / "data" / "raw").mkdir(parents=True)
    (ws / "data" / "raw" / "keep.txt").write_text("raw data\n", encoding="utf-8")
    shutil.copytree(baselines["jiangnan"].out, ws / "data" / "processed" / "previous-doc")


def run_case(case: Case, tmp: Path, baselines: dict[str, Baseline], memory: int = MEMORY_LIMIT) -> CaseResult:
    """Build a case in a fresh workspace under `tmp`, run its commands and check them."""
    start = time.monotonic()
    ws = tmp / case.id / "ws"
    prepare_workspace(ws, baselines)
    runs = case.build(ws)
    results = []
    for run in runs:
        if run.out and run.out.startswith("out/") and not (ws / run.out).exists():
            shutil.copytree(baselines["shanxi"].out, ws / run.out)  # an earlier output: old-or-new
        before = snapshot(ws)
        result = execute(list(run.args), ws / run.cwd, case.limit, case.memory or memory, case.wall)
        result.run = run
        after = snapshot(ws)
        result.problems = run_problems(result, before, after, ws)
        if run.compare is not None:
            result.complete = _complete(result, ws, baselines[run.compare])
        results.append(result)
    problems = [p for r in results for p in r.problems] + case_problems(case, results, baselines)
    return CaseResult(case, results, problems, time.monotonic() - start)


def make_baselines(tmp: Path, workers: int = 2) -> dict[str, Baseline]:
    """Extract and audit each unmutated text seed once (the reference for a complete read)."""
    seeds = {"shanxi": SHANXI, "jiangnan": JIANGNAN}
    for name, path in seeds.items():
        (tmp / "baselines" / name).mkdir(parents=True)
        shutil.copyfile(path, tmp / "baselines" / name / path.name)
    commands = [
        (name, kind, ["extract", path.name, "--out", "out"] if kind == "extract" else ["audit", path.name, "--json"])
        for name, path in seeds.items()
        for kind in ("extract", "audit")
    ]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = pool.map(lambda c: (c[0], c[1], execute(c[2], tmp / "baselines" / c[0], 60)), commands)
        ran = {(name, kind): result for name, kind, result in done}
    baselines = {}
    for name in seeds:
        extract, audit = ran[name, "extract"], ran[name, "audit"]
        folder = tmp / "baselines" / name
        summary = summary_counts(extract.stdout)
        if extract.returncode != 0 or summary is None or audit.returncode not in (0, 1):
            raise RuntimeError(f"the unmutated seed {name} does not read: {extract.stderr}{audit.stderr}")
        baselines[name] = Baseline(name, folder / "out", summary[0], read_amounts(folder / "out"), audit.returncode)
    return baselines


def run_all(
    cases: list[Case],
    tmp: Path,
    workers: int = 2,
    memory: int = MEMORY_LIMIT,
    baselines: dict[str, Baseline] | None = None,
) -> dict[str, CaseResult]:
    """Every case, `workers` at a time, the slowest first; case id -> result."""
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate case ids: {sorted(duplicates)}")
    baselines = baselines or make_baselines(tmp, workers)
    ordered = sorted(cases, key=lambda c: (c.klass not in ("size", "special"), c.klass != "pdf", -c.limit))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(lambda c: run_case(c, tmp, baselines, memory), ordered))
    return {result.case.id: result for result in done}


def describe(result: CaseResult) -> str:
    """One paragraph for a failed case: what it is and how it broke the contract."""
    runs = ", ".join(f"{r.run.kind} exit {r.returncode} in {r.seconds:.1f} s" for r in result.runs)
    problems = "\n  - ".join(result.problems)
    return f"[{result.case.klass}] {result.case.id}: {result.case.about}\n  ({runs})\n  - {problems}"


def summarise(results: dict[str, CaseResult]) -> str:
    """Counts per class: tried, passed, failed."""
    by_class: dict[str, list[CaseResult]] = {}
    for result in results.values():
        by_class.setdefault(result.case.klass, []).append(result)
    lines = [f"{'class':12} {'tried':>5} {'pass':>5} {'fail':>5}"]
    for klass, group in sorted(by_class.items()):
        passed = sum(r.passed for r in group)
        lines.append(f"{klass:12} {len(group):5} {passed:5} {len(group) - passed:5}")
    total = list(results.values())
    passed = sum(r.passed for r in total)
    lines.append(f"{'all':12} {len(total):5} {passed:5} {len(total) - passed:5}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------
# Killing a run at the worst moment


def _spawn(args: list[str], cwd: Path, memory: int = MEMORY_LIMIT) -> subprocess.Popen:
    argv = [sys.executable, "-c", _LIMIT_AND_EXEC, str(memory), "600", *args]
    return subprocess.Popen(
        argv,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=_environment(),
    )


def kill_during_replace(tmp: Path, baselines: dict[str, Baseline], padding: int = 4000, limit: float = 30) -> list[str]:
    """SIGKILL an extract the moment it starts to remove its earlier output; `--out` must then hold
    the old output or the new one, whole.

    The earlier output is a real one with `padding` more files beside it, so that removing it takes
    long enough to be caught; a tool that refuses such a folder (exit 2, old output untouched) passes.
    """
    ws = tmp / "kill-during-replace" / "ws"
    prepare_workspace(ws, baselines)
    shutil.copyfile(SHANXI, ws / "docs" / "seed.txt")
    out = ws / "out" / "seed"
    shutil.copytree(baselines["shanxi"].out, out)
    for k in range(padding):
        (out / f"old-part-{k:05d}.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    old = snapshot(out)
    process = _spawn(["extract", "docs/seed.txt", "--out", "out/seed"], ws)
    initial = len(os.listdir(out))  # noqa: PTH208 (os.listdir: the polling loop must be fast)
    killed = False
    deadline = time.monotonic() + limit
    try:
        while process.poll() is None and time.monotonic() < deadline:
            try:
                count = len(os.listdir(out))  # noqa: PTH208
            except FileNotFoundError:
                count = -1
            if count != initial:  # the earlier output is going (or gone): the worst moment to die
                _kill_group(process.pid)
                killed = True
                break
            time.sleep(0.0002)
        else:
            if process.poll() is None:
                _kill_group(process.pid)
                return [f"extract did not finish within {limit:.0f} s"]
    finally:
        _kill_group(process.pid)
        process.wait()
    if out.exists() and snapshot(out) == old:
        return []
    if out.exists() and not output_problems(out) and not any(p.name.startswith("old-part-") for p in out.iterdir()):
        return []
    left = sum(1 for p in out.iterdir()) if out.exists() else 0
    when = "killed while it replaced --out" if killed else f"exit {process.returncode}"
    return [
        f"{when}: --out holds neither the old output ({len(old)} files) nor a complete new one "
        f"({'missing' if not out.exists() else f'{left} files left'}; {output_problems(out) if out.exists() else ''})"
    ]


def terminate_mid_run(tmp: Path, pdf: bytes, settle: float = 2.0, limit: float = 20) -> list[str]:
    """SIGTERM an extract of a PDF once it has a child process (camelot's); no process of its group
    may still run `settle` seconds later."""
    ws = tmp / "terminate-mid-run" / "ws"
    ws.mkdir(parents=True)
    (ws / "input.pdf").write_bytes(pdf)
    process = _spawn(["extract", "input.pdf", "--out", "out"], ws)
    try:
        deadline = time.monotonic() + limit
        while len(_group_members(process.pid)) < 2:
            if process.poll() is not None or time.monotonic() > deadline:
                return [f"no child process appeared (exit {process.returncode}); nothing to check"]
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=limit)
        time.sleep(settle)
        left = _group_members(process.pid)
        if left:
            return [f"{len(left)} child process(es) still running {settle:.0f} s after the extract was terminated"]
        return []
    finally:
        _kill_group(process.pid)
        if process.poll() is None:
            process.kill()
            process.wait()
