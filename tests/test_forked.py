"""Work shared with forked copies of the process: the fork helper, the shared walk, and scans
whose walk is shared (same files, screenings, cache entries as a walk in one process)."""

from __future__ import annotations

import gc
import hashlib
import os
import random
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from migrate_llm import discover as discovery
from migrate_llm import engine, forked, ignore_patterns, run_facts
from migrate_llm.discover import Sharing, discover
from migrate_llm.engine import ScanOptions

from .conftest import ACME_DIR
from .test_cache import settle

pytestmark = pytest.mark.skipif(not forked.possible(), reason="no fork on this system")


def test_each_copy_sends_back_its_result_in_index_order():
    fork = forked.Fork(3)
    index = fork.start()
    if fork.copy:
        fork.finish({"index": index, "pid": os.getpid(), "data": "x" * 200_000 * index})
    assert index == 0 and fork.started and not fork.copy
    results = fork.results()
    assert [r["index"] for r in results] == [1, 2]  # type: ignore[index]
    assert len({r["pid"] for r in results} | {os.getpid()}) == 3  # type: ignore[index]
    assert [len(r["data"]) for r in results] == [200_000, 400_000]  # larger than a pipe holds


@pytest.mark.parametrize("how", ["fails", "killed", "exit 0 without a result", "raises"])
def test_a_copy_that_ends_without_a_result_gives_none(how):
    fork = forked.Fork(3)
    if fork.start() == 1:
        if how == "fails":
            fork.fail()
        elif how == "killed":
            os.kill(os.getpid(), signal.SIGKILL)
        elif how == "exit 0 without a result":
            os._exit(0)
        fork.finish(lambda: None)  # "raises": a lambda cannot be pickled
    if fork.copy:
        fork.finish("fine")
    assert fork.results() == [None, "fine"]


def test_stop_ends_and_reaps_the_copies():
    fork = forked.Fork(2)
    if fork.start():
        time.sleep(60)
        fork.finish("too late")
    ((pid, _),) = fork._children
    started = time.monotonic()
    fork.stop()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left behind


def test_no_fork_while_another_thread_runs():
    assert forked.possible()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.possible()
    finally:
        stop.set()
        thread.join()


def _made(tmp_path: Path, seed: int) -> Path:
    """A tree of `_tree` at `tmp_path/tree`."""
    root = tmp_path / "tree"
    root.mkdir()
    _tree(root, seed)
    return root


@pytest.fixture
def share_at_once(monkeypatch):
    """A walk shared from its first level that holds a directory for each process."""
    monkeypatch.setattr(discovery, "SHARE_DIRECTORIES", 1)


def _tree(root: Path, seed: int) -> None:
    """Packages of modules, configs and .gitignore files at several depths, and links."""
    rng = random.Random(seed)
    for p in range(rng.randint(3, 7)):
        (root / f"pkg{p}").mkdir(parents=True)
        for s in range(rng.randint(0, 4)):
            for m in range(rng.randint(1, 6)):
                path = root / f"pkg{p}" / f"sub{s}" / f"m{m}.py"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("import openai\n" if rng.random() < 0.3 else f"x = {m}\n")
            if rng.random() < 0.4:
                (root / f"pkg{p}" / f"sub{s}" / ".gitignore").write_text("m1.py\n.env\n")
                (root / f"pkg{p}" / f"sub{s}" / ".env").write_text("OPENAI_API_KEY=sk-x\n")
        (root / f"pkg{p}" / "settings.toml").write_text('model = "gpt-4o"\n')
        # sets openai's module configuration yet is not worth examining: its own screening
        # still makes legacy code elsewhere build its client on first use
        (root / f"pkg{p}" / "keys.py").write_text("from base import *\nopenai.api_key = K\n")
    (root / ".gitignore").write_text("pkg1/sub0/\n*.log\n.env\n")
    (root / "pkg0" / ".env").write_text("OPENAI_API_KEY=sk-x\n")
    (root / "top.py").write_text(
        'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=[])\n'
    )
    outside = root.parent / f"outside{seed}.py"
    outside.write_text("import openai\n")
    (root / "pkg0" / "linked.py").symlink_to(outside)


class _Shared:
    """A Sharing whose report is the files' names (the copies fail, with `failing`)."""

    def __init__(self, jobs: int, failing: bool = False) -> None:
        self.parent, self.failing = os.getpid(), failing
        self.copies = 0  # the copies whose report came back
        self.received: list[str] = []
        self.sharing = Sharing(jobs, self.report, self.receive)

    def report(self, files):
        if self.failing and os.getpid() != self.parent:
            raise RuntimeError("a copy fails")
        return [f.name for f in files]

    def receive(self, files, names):
        assert names == [f.name for f in files]
        self.copies += 1
        self.received.extend(names)


@pytest.fixture
def tickets_to_copies(monkeypatch):
    """This process takes no ticket: every directory of the shared level goes to a copy."""
    here, take = os.getpid(), forked.Tickets.take
    monkeypatch.setattr(forked.Tickets, "take", lambda t: take(t) if os.getpid() != here else None)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("jobs", [2, 3])
def test_a_shared_walk_finds_what_one_process_finds(tmp_path, share_at_once, seed, jobs):
    root = _made(tmp_path, seed)
    alone_ignored: list[Path] = []
    alone = discover([root], ignored=alone_ignored)
    shared = _Shared(jobs)
    batches: list[str] = []
    ignored: list[Path] = []
    found = discover(
        [root],
        ignored=ignored,
        on_found=lambda files: batches.extend(f.name for f in files),
        sharing=shared.sharing,
    )
    assert found == alone and ignored and sorted(ignored) == sorted(alone_ignored)
    assert shared.copies == jobs - 1
    # every file is met once, here or in a copy (whose `on_found` ran there)
    assert sorted(batches + shared.received) == sorted(s.name for s in alone)


def test_what_a_failed_copy_took_is_walked_here(tmp_path, share_at_once, tickets_to_copies):
    root = _made(tmp_path, 3)
    alone = discover([root])
    shared = _Shared(2, failing=True)
    batches: list[str] = []
    found = discover(
        [root],
        on_found=lambda files: batches.extend(f.name for f in files),
        sharing=shared.sharing,
    )
    assert found == alone
    assert shared.copies == 0  # nothing came back
    assert sorted(batches) == sorted(s.name for s in alone)  # all of it met here


def test_a_narrow_tree_or_several_paths_are_walked_here(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    _tree(root, 1)  # at most 7 directories on a level: fewer than 16 for each of 2 jobs
    shared = _Shared(2)
    assert discover([root], sharing=shared.sharing) == discover([root])
    assert discover([root / "pkg0", root / "pkg2"], sharing=shared.sharing)
    assert shared.copies == 0


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_a_level_wider_than_the_tickets_is_shared_in_groups(
    tmp_path, monkeypatch, share_at_once, limit
):
    root = _made(tmp_path, 4)
    alone = discover([root])
    monkeypatch.setattr(forked.Tickets, "LIMIT", limit)
    shared = _Shared(3)
    assert discover([root], sharing=shared.sharing) == alone and shared.copies == 2


def test_every_ticket_is_taken_once(tmp_path):
    tickets = forked.Tickets(500)
    fork = forked.Fork(3)
    fork.start()
    taken = []
    while (ticket := tickets.take()) is not None:
        taken.append(ticket)
        if len(taken) % 50 == 0:
            time.sleep(0.001)  # let the others take some
    tickets.close()
    if fork.copy:
        fork.finish(taken)
    everyone = [taken, *fork.results()]
    assert sorted(t for each in everyone for t in each) == list(range(500))  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="at most"):
        forked.Tickets(forked.Tickets.LIMIT + 1)


def _options(root: Path, **kw) -> ScanOptions:
    return ScanOptions(paths=(root,), provider_dirs=(ACME_DIR,), cwd=root, **kw)


@pytest.mark.parametrize("provider", [None, "acme"])
def test_a_scan_whose_walk_is_shared_equals_one_in_one_process(
    tmp_path, monkeypatch, provider, share_at_once, tickets_to_copies
):
    for seed in range(3):
        _tree(tmp_path / f"t{seed}", seed)
    (tmp_path / "settings.py").write_text("import openai\nopenai.api_key = KEY\n")
    serial = engine.scan(_options(tmp_path, jobs=1, provider=provider))
    received = []
    real = engine.Screener._receive

    def receive(self, files, report):
        received.extend(files)
        real(self, files, report)

    monkeypatch.setattr(engine.Screener, "_receive", receive)
    shared = engine.scan(_options(tmp_path, jobs=2, provider=provider))
    assert received and shared == serial
    assert serial.findings and serial.files == shared.files
    planned = engine.plan(_options(tmp_path, jobs=2, provider="acme"))
    assert planned == engine.plan(_options(tmp_path, jobs=1, provider="acme"))
    (legacy,) = [p.change.after for p in planned.planned if p.change.path == "t0/top.py"]
    assert "def _client():" in legacy  # a module elsewhere configures openai


def test_a_shared_walk_keeps_every_screening_in_the_cache(tmp_path, monkeypatch, share_at_once):
    root = tmp_path / "tree"
    for seed in range(3):
        _tree(root / f"t{seed}", seed)
    settle(root)  # stamps old enough to be kept
    cache = tmp_path / "cache"
    first = engine.scan(_options(root, jobs=2, cache_dir=cache))
    assert first == engine.scan(_options(root, jobs=1))

    def screened(filters, source):
        raise AssertionError(f"{source.name} read again")

    # unchanged: no file is read again, here or in a copy (whose failure would make this
    # process walk its share and screen it)
    monkeypatch.setattr(engine, "_screen_one", screened)
    assert engine.scan(_options(root, jobs=2, cache_dir=cache)) == first
    assert engine.scan(replace(_options(root, jobs=1, cache_dir=cache))) == first


def test_patterns_read_in_a_copy_are_kept_for_the_next_run(
    tmp_path, monkeypatch, share_at_once, tickets_to_copies
):
    root = tmp_path / "tree"
    for seed in range(3):
        _tree(root / f"t{seed}", seed)
    (root / "t1" / "pkg0" / ".gitignore").write_text("*.tmp\n!keep.tmp\n")  # only a copy reads it
    settle(root)
    cache = tmp_path / "cache"
    first = engine.scan(_options(root, jobs=2, cache_dir=cache))

    def read(lines):
        raise AssertionError(f"{lines} read again")

    # what this process made of them before is forgotten: the next run has only the cache
    ignore_patterns._patterns.cache_clear()
    discovery._patterns_in.cache_clear()
    monkeypatch.setattr(ignore_patterns, "_spec_of", read)
    assert engine.scan(_options(root, jobs=2, cache_dir=cache)) == first
    assert engine.scan(_options(root, jobs=1, cache_dir=cache)) == first


@pytest.mark.parametrize("cached", [False, True])
def test_the_screenings_a_copy_sends_back_keep_every_flag(
    tmp_path, monkeypatch, share_at_once, tickets_to_copies, cached
):
    # the root's files here, then its two directories in the copy (this process takes no
    # ticket): `b` holds a module that configures openai without being worth examining
    (tmp_path / "top.py").write_text(
        'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=[])\n'
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "plain.py").write_text("x = 1\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "keys.py").write_text("from base import *\nopenai.api_key = K\n")
    (tmp_path / "b" / "app.py").write_text("import openai\nopenai.Model.list()\n")
    (tmp_path / "b" / "plain.py").write_text("y = 2\n")
    # LlamaIndex: a module that may use its default models, one that sets its embedding model
    (tmp_path / "b" / "rag.py").write_text(
        "from llama_index.core import VectorStoreIndex\n"
        "index = VectorStoreIndex.from_documents([])\n"
    )
    (tmp_path / "a" / "conf.py").write_text(
        "from llama_index.core import Settings\nSettings.embed_model = local\n"
    )
    # crewAI: a module importing it, a .env setting its model (the highest facts: a copy's
    # report once packed them into one byte with its other flags, and lost them)
    (tmp_path / "b" / "crew.py").write_text("from crewai import LLM\n")
    (tmp_path / "a" / ".env").write_text("MODEL=acme/acme-large\n")
    if cached:
        settle(tmp_path)  # stamps old enough to be kept: sent back with the flags
    received: dict[str, engine.Screening] = {}
    real = engine.Screener._receive

    def receive(self, files, report):
        real(self, files, report)
        received.update((f.name[len(str(tmp_path)) + 1 :], self._judged[f.name]) for f in files)

    monkeypatch.setattr(engine.Screener, "_receive", receive)
    here, real_take = os.getpid(), forked.Tickets.take
    monkeypatch.setattr(
        forked.Tickets, "take", lambda t: real_take(t) if os.getpid() != here else None
    )
    cache = tmp_path.parent / f"{tmp_path.name}-cache" if cached else None
    options = _options(tmp_path, jobs=2, provider="acme", cache_dir=cache)
    planned = engine.plan(options)
    assert {name: (s.worth, s.facts) for name, s in received.items()} == {
        "a/.env": (True, run_facts.SETS_CREWAI_MODEL),
        "b/crew.py": (True, run_facts.IMPORTS_CREWAI | run_facts.HOLDS_CODE),
        "a/plain.py": (False, 0),
        # `embed_model` names a model: the word `callee_stamps` decides by, the highest bit
        "a/conf.py": (False, run_facts.SETS_EMBED_MODEL | run_facts.NAMES_MODEL_WORD),
        # code the rules read, on openai<1.0 (ML504)
        "b/app.py": (
            True,
            run_facts.HOLDS_CODE | run_facts.USES_OPENAI_V0 | run_facts.IMPORTS_OPENAI_SDK,
        ),
        "b/keys.py": (False, run_facts.SETS_OPENAI),
        "b/plain.py": (False, 0),
        "b/rag.py": (
            False,
            run_facts.MAY_USE_LLAMAINDEX_DEFAULT | run_facts.KEEPS_OPENAI_KEY,
        ),
    }
    assert received["b/app.py"].digest and not received["b/plain.py"].digest
    # a module that may use LlamaIndex's default is let through with screening's digest
    rag = (tmp_path / "b" / "rag.py").read_bytes()
    assert received["b/rag.py"].digest == hashlib.sha256(rag).hexdigest()
    (legacy,) = [p.change.after for p in planned.planned if p.change.path == "top.py"]
    assert "def _client():" in legacy
    assert planned == engine.plan(replace(options, jobs=1))


def test_a_refused_fork_leaves_fewer_copies(monkeypatch):
    real, calls = os.fork, []

    def fork():
        calls.append(1)
        if len(calls) > 1:
            raise BlockingIOError("Resource temporarily unavailable")
        return real()

    monkeypatch.setattr(os, "fork", fork)
    work = forked.Fork(4)
    if work.start():
        work.finish("the one copy")
    assert work.results() == ["the one copy"] and len(calls) == 2


def test_an_interrupted_walk_ends_its_copies(tmp_path, monkeypatch, share_at_once):
    root = _made(tmp_path, 2)
    parent, copies = os.getpid(), []
    start = forked.Fork.start

    def started(fork):
        index = start(fork)
        copies.extend(pid for pid, _ in fork._children)
        return index

    def report(files):
        if os.getpid() != parent:
            time.sleep(60)  # still working when this process is interrupted
        return []

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(forked.Fork, "start", started)
    before = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    began = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            discover([root], sharing=Sharing(2, report, lambda files, report: None))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    assert time.monotonic() - began < 10 and copies
    for pid in copies:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # ended and reaped


def test_tickets_a_pipe_cannot_hold_raise_rather_than_wait(tmp_path, monkeypatch, share_at_once):
    monkeypatch.setattr(forked.Tickets, "LIMIT", 10**6)
    started = time.monotonic()
    with pytest.raises(OSError):
        forked.Tickets(200_000)  # 800 KB: more than a pipe holds
    assert time.monotonic() - started < 10
    # a walk whose level is that wide is walked here, whole
    real = forked.Tickets.__init__

    def small_pipe(tickets, count):
        real(tickets, 200_000)

    monkeypatch.setattr(forked.Tickets, "__init__", small_pipe)
    root = _made(tmp_path, 5)
    shared = _Shared(2)
    assert discover([root], sharing=shared.sharing) == discover([root]) and shared.copies == 0


def test_ctrl_c_waits_until_each_copy_is_counted(monkeypatch):
    real, held = os.fork, []

    def fork():
        held.append(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))
        return real()

    monkeypatch.setattr(os, "fork", fork)
    work = forked.Fork(3)
    if work.start():
        work.finish(signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []))
    assert held == [True, True]  # blocked while each copy is made and counted
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert work.results() == [False, False]  # and not in the copies once they run


@pytest.fixture
def readied(monkeypatch, tmp_path_factory):
    """Reads the calls of `_ready_to_examine` so far: (the process, whether it had forked
    copies by then, the file), from a file each process writes to (a copy's memory is its
    own)."""
    log = tmp_path_factory.mktemp("ready") / "calls"
    forks: list[int] = []
    start = forked.Fork.start

    def fork_start(self):
        index = start(self)
        forks.append(index)
        return index

    def ready(options, source):
        with open(log, "a") as out:
            out.write(f"{os.getpid()}\t{forks == [0]}\t{source.name}\n")

    monkeypatch.setattr(forked.Fork, "start", fork_start)
    monkeypatch.setattr(engine, "_ready_to_examine", ready)

    def calls() -> list[tuple[int, bool, str]]:
        lines = log.read_text().splitlines() if log.exists() else []
        return [(int(p), f == "True", n) for p, f, n in (line.split("\t") for line in lines)]

    return calls


def test_this_process_gets_ready_to_examine_while_the_copies_walk(tmp_path, share_at_once, readied):
    for seed in range(3):
        _tree(tmp_path / f"t{seed}", seed)
    (tmp_path / "t1" / "pkg0" / "big.py").write_text("import openai\n" + "x = 1\n" * 6000)
    (tmp_path / "first.py").write_text("x = 1\n")  # found first, and not worth examining
    result = engine.scan(_options(tmp_path, jobs=2))
    assert result == engine.scan(_options(tmp_path, jobs=1))
    ((process, forked_here, name),) = readied()
    assert process == os.getpid() and forked_here
    assert Path(name).suffix == ".py" and Path(name).stat().st_size <= engine.READY_BYTES
    assert Path(name).read_text().startswith("import openai")  # worth examining


def test_nothing_worth_examining_leaves_this_process_as_it_was(tmp_path, share_at_once, readied):
    for p in range(3):
        (tmp_path / f"pkg{p}").mkdir()
        (tmp_path / f"pkg{p}" / "plain.py").write_text("x = 1\n")
        (tmp_path / f"pkg{p}" / "big.py").write_text("import openai\n" + "x = 1\n" * 6000)
    engine.scan(_options(tmp_path, jobs=2))
    assert readied() == []


def test_getting_ready_on_a_file_that_breaks_the_rules_raises_nothing(tmp_path):
    (tmp_path / "bad.py").write_text("import openai\ndef f(:\n")
    options = _options(tmp_path, jobs=2)
    for name in ("bad.py", "gone.py"):
        engine._ready_to_examine(options, engine.SourceFile(str(tmp_path / name), "python"))


def test_the_workers_leave_what_they_were_forked_with_to_no_collection():
    with engine.Workers() as workers:
        frozen = workers.submit(gc.get_freeze_count, 2).result()
    assert frozen > 10_000  # the modules and everything else this process holds
    assert gc.get_freeze_count() == 0  # here, nothing is frozen


def test_a_tree_whose_results_are_kept_leaves_this_process_as_it_was(
    tmp_path, share_at_once, readied
):
    root, cache = tmp_path / "tree", tmp_path / "cache"
    for seed in range(3):
        _tree(root / f"t{seed}", seed)
    settle(root)
    first = engine.scan(_options(root, jobs=2, cache_dir=cache))
    assert len(readied()) == 1  # nothing kept yet: examined here first
    settle(root)  # every file touched (a fresh checkout in CI): read again, not examined
    assert engine.scan(_options(root, jobs=2, cache_dir=cache)) == first
    assert len(readied()) == 1
