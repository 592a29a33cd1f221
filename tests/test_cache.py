"""The result cache of `scan` and `check`: a second run reads unchanged files from it, and any
change to what a result depends on (the bytes, the target, the provider data) is a miss."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm import engine, run_facts
from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, scan

from .conftest import ACME_DIR
from .notebook_builder import STYLES, cell, notebook

CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"


def tree(root: Path) -> None:
    (root / "app.py").write_text(CLIENT, encoding="utf-8")
    (root / "plain.py").write_text("x = 1\n", encoding="utf-8")
    (root / ".env").write_text("OPENAI_API_KEY=\n", encoding="utf-8")
    (root / "demo.ipynb").write_text(STYLES["jupyter"](notebook(cell(CLIENT))), encoding="utf-8")


def run(root: Path, provider: str = "acme", dirs: tuple[Path, ...] = (ACME_DIR,)):
    options = ScanOptions(
        provider=provider, provider_dirs=dirs, cwd=root, cache_dir=root / ".cache", jobs=1
    )
    return scan(options)


def rows(result) -> list[tuple[str, int | None, int, str, str, str]]:
    return [(f.path, f.cell, f.line, f.rule, f.fix.value, f.message) for f in result.findings]


@pytest.fixture
def counted(monkeypatch):
    """The names of the files examined (read and checked by the rules) in this test."""
    seen: list[str] = []
    real = engine.FileScanner.examine

    def examine(self, kind, name, text, *args, **kwargs):
        seen.append(name)
        return real(self, kind, name, text, *args, **kwargs)

    monkeypatch.setattr(engine.FileScanner, "examine", examine)
    return seen


def test_a_second_scan_reads_every_kind_of_file_from_the_cache(tmp_path, counted):
    tree(tmp_path)
    first = run(tmp_path)
    # plain.py names nothing the rules look for: ruled out when it is read, never examined
    assert sorted(counted) == [".env", "app.py", "demo.ipynb"]
    counted.clear()
    second = run(tmp_path)
    assert counted == []
    assert rows(second) == rows(first)
    assert {f.path for f in first.findings} == {".env", "app.py", "demo.ipynb"}
    assert [f.data for f in second.findings] == [f.data for f in first.findings]
    assert (second.files, second.parsed, second.errors) == (first.files, first.parsed, ())
    assert (tmp_path / ".cache" / ".gitignore").read_text() == "# written by migrate-llm\n*\n"


def test_a_changed_file_a_new_target_or_new_provider_data_is_read_again(tmp_path, counted):
    tree(tmp_path)
    run(tmp_path)
    (tmp_path / "app.py").write_text(CLIENT + "other = OpenAI()\n", encoding="utf-8")
    counted.clear()
    assert [r[:4] for r in rows(run(tmp_path)) if r[0] == "app.py"] == [
        ("app.py", None, 2, "ML001"),
        ("app.py", None, 3, "ML001"),
    ]
    assert counted == ["app.py"]
    counted.clear()
    run(tmp_path, provider="zhipu")
    assert sorted(counted) == [".env", "app.py", "demo.ipynb"]
    # the same provider id from another file: its data differs, so no result is reused
    other = tmp_path.parent / f"{tmp_path.name}-providers"
    other.mkdir()
    text = (ACME_DIR / "acme.toml").read_text(encoding="utf-8")
    (other / "acme.toml").write_text(text.replace("ACME_API_KEY", "ACME_TOKEN"), encoding="utf-8")
    counted.clear()
    result = run(tmp_path, dirs=(other,))
    assert sorted(counted) == [".env", "app.py", "demo.ipynb"]
    assert any("ACME_TOKEN" in f.message for f in result.findings)


def test_a_damaged_store_is_a_miss_and_is_written_again(tmp_path, counted):
    tree(tmp_path)
    first = run(tmp_path)
    (tmp_path / ".cache" / "results.sqlite3").write_bytes(b"not a database" * 100)
    counted.clear()
    assert rows(run(tmp_path)) == rows(first)
    assert len(counted) == 3
    counted.clear()
    assert rows(run(tmp_path)) == rows(first)
    assert counted == []


def test_a_file_that_could_not_be_parsed_is_cached_with_its_error(tmp_path, counted):
    (tmp_path / "broken.py").write_text("import openai\nx = (\n", encoding="utf-8")
    first = run(tmp_path)
    counted.clear()
    second = run(tmp_path)
    assert counted == []
    assert second.errors == first.errors
    assert [(e.path, e.line) for e in second.errors] == [("broken.py", 2)]


def test_a_run_on_another_python_reads_no_result_of_this_one(tmp_path, counted, monkeypatch):
    """A file this Python cannot parse may be valid for a newer one: the run the error's own
    advice asks for ("run migrate-llm with that one") examines it again (t66c)."""
    from migrate_llm import cache as result_cache

    (tmp_path / "app.py").write_text(CLIENT, encoding="utf-8")
    first = run(tmp_path)
    counted.clear()
    assert rows(run(tmp_path)) == rows(first) and counted == []
    monkeypatch.setattr(result_cache, "python_version", lambda: "3.99")
    assert rows(run(tmp_path)) == rows(first)
    assert counted == ["app.py"]
    counted.clear()
    assert rows(run(tmp_path)) == rows(first) and counted == []


def test_cli_flags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tree(tmp_path)
    runner = CliRunner()
    args = ["--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    plain = runner.invoke(app, ["scan", ".", *args, "--no-cache"])
    assert plain.exit_code == 0, plain.stderr
    assert not (tmp_path / ".migrate-llm-cache").exists()
    cached = runner.invoke(app, ["scan", ".", *args])
    assert json.loads(cached.stdout)["findings"] == json.loads(plain.stdout)["findings"]
    assert (tmp_path / ".migrate-llm-cache" / "results.sqlite3").is_file()
    elsewhere = tmp_path / "elsewhere"
    check = runner.invoke(app, ["check", ".", *args, "--cache-dir", str(elsewhere)])
    assert check.exit_code == 1
    assert (elsewhere / "results.sqlite3").is_file()
    # the cache directory is never scanned itself
    again = runner.invoke(app, ["scan", ".", *args, "--no-gitignore"])
    assert json.loads(again.stdout)["files"] == json.loads(plain.stdout)["files"]


def test_a_cache_directory_that_cannot_be_written_is_said_once_and_the_run_goes_on(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    tree(tmp_path)
    (tmp_path / "taken").write_text("a file, not a directory\n", encoding="utf-8")
    runner = CliRunner()
    args = ["--providers-dir", str(ACME_DIR), "-p", "acme", "--format", "json"]
    plain = runner.invoke(app, ["scan", ".", *args, "--no-cache"])
    for command, code in (("scan", 0), ("check", 1)):
        given = runner.invoke(app, [command, ".", *args, "--cache-dir", "taken/cache"])
        assert given.exit_code == code
        wanted = tmp_path / "taken" / "cache"
        assert given.stderr.splitlines() == [
            f"migrate-llm: warning: results not kept: cannot write {wanted}: Not a directory"
        ]
        assert json.loads(given.stdout)["findings"] == json.loads(plain.stdout)["findings"]
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "a file, not a directory\n"
    # the default directory is used where it can be, without a word where it cannot
    (tmp_path / ".migrate-llm-cache").write_text("", encoding="utf-8")
    default = runner.invoke(app, ["scan", ".", *args])
    assert default.exit_code == 0 and default.stderr == ""
    # nothing to write (every result read from the store): nothing to say
    kept = runner.invoke(app, ["scan", ".", *args, "--cache-dir", "store"])
    again = runner.invoke(app, ["scan", ".", *args, "--cache-dir", "store"])
    assert kept.stderr == again.stderr == ""


def test_a_store_that_cannot_be_written_says_why_when_closed(tmp_path):
    from migrate_llm.cache import ResultCache

    (tmp_path / "file").write_text("", encoding="utf-8")
    blocked = ResultCache(tmp_path / "file" / "cache", "context")
    assert blocked.close() is None  # nothing was put
    blocked.put(blocked.key("python", "a.py", "0" * 64), engine.FileResult("a.py"))
    assert blocked.close() == f"cannot write {tmp_path / 'file' / 'cache'}: Not a directory"
    store = ResultCache(tmp_path / "ok", "context")
    store.put(store.key("python", "a.py", "0" * 64), engine.FileResult("a.py"))
    assert store.close() is None
    assert (tmp_path / "ok" / "results.sqlite3").is_file()


def test_a_new_process_reads_what_another_wrote(tmp_path):
    """Each run is a new process with its own string hash seed, so set order differs between
    them; the key must not (the provider data holds sets)."""
    tree(tmp_path)
    store = tmp_path / ".cache" / "results.sqlite3"
    command = [sys.executable, "-m", "migrate_llm", "scan", ".", "-p", "acme"]
    command += ["--providers-dir", str(ACME_DIR), "--cache-dir", ".cache", "-f", "json"]
    entries = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        with contextlib.closing(sqlite3.connect(store)) as db:
            entries.append(sorted(row[0] for row in db.execute("SELECT key FROM results")))
    assert len(entries[0]) == 3  # the files with something to report
    assert entries[1] == entries[0]


@pytest.fixture
def reads(monkeypatch):
    """The files read from disk (by name) in this test."""
    seen: list[str] = []
    real = engine.read_stamped

    def read_stamped(path, max_bytes):
        seen.append(Path(path).name)
        return real(path, max_bytes)

    monkeypatch.setattr(engine, "read_stamped", read_stamped)
    return seen


def settle(root: Path, *names: str, seconds: float = 10.0) -> None:
    """The files' (all of them by default) modification time some seconds back: older than a
    stamp can be trusted."""
    for path in [root / n for n in names] or list(root.rglob("*")):
        if path.is_file() and ".cache" not in path.parts:
            status = path.stat()
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns - int(seconds * 1e9)))


def test_an_unchanged_file_is_not_read_again(tmp_path, reads, counted):
    tree(tmp_path)
    settle(tmp_path)
    first = run(tmp_path)
    assert sorted(reads) == [".env", "app.py", "demo.ipynb", "plain.py"]
    reads.clear()
    counted.clear()
    second = run(tmp_path)
    assert (reads, counted) == ([], [])
    assert rows(second) == rows(first)
    assert (second.files, second.parsed) == (first.files, first.parsed)


def test_a_file_changed_since_is_read_again_even_with_its_old_times(tmp_path, reads):
    tree(tmp_path)
    settle(tmp_path)
    run(tmp_path)
    app = tmp_path / "app.py"
    before = app.stat()
    # same size, same modification time: only the change time (and the bytes) differ
    app.write_text(CLIENT.replace("client", "CLIENT"), encoding="utf-8")
    os.utime(app, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    result = run(tmp_path)
    assert reads == ["app.py"]
    assert [f.line for f in result.findings if f.path == "app.py"] == [2]


def test_a_file_modified_just_now_is_screened_again_next_time(tmp_path, reads):
    tree(tmp_path)
    settle(tmp_path)
    (tmp_path / "plain.py").write_text("y = 2\n", encoding="utf-8")  # now: its stamp is racy
    run(tmp_path)
    reads.clear()
    run(tmp_path)
    assert reads == ["plain.py"]


def test_a_settings_module_known_from_the_cache_still_counts(tmp_path, reads, counted):
    (tmp_path / "settings.py").write_text("import openai\nopenai.api_key = KEY\n", "utf-8")
    (tmp_path / "app.py").write_text(
        'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=[])\n', "utf-8"
    )
    settle(tmp_path)
    first = run(tmp_path)
    (tmp_path / "app.py").write_text(
        'import openai\nr = openai.ChatCompletion.create(model="gpt-4o", messages=[])\n', "utf-8"
    )
    settle(tmp_path, "app.py")
    reads.clear()
    counted.clear()
    second = run(tmp_path)
    # settings.py's screening came from the cache, and with it what it sets: the results
    # of the first run (keyed by it) are found again for it
    assert (reads, counted) == (["app.py"], ["app.py"])
    uncached = scan(ScanOptions(provider="acme", provider_dirs=(ACME_DIR,), cwd=tmp_path, jobs=1))
    assert rows(second) == rows(uncached)
    assert rows(first) != rows(second)


def test_screenings_of_a_run_on_part_of_the_tree_are_kept_beside_the_others(tmp_path, reads):
    tree(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("y = 2\n", encoding="utf-8")
    settle(tmp_path)
    run(tmp_path)
    options = ScanOptions(
        paths=(Path("pkg"),),
        provider="acme",
        provider_dirs=(ACME_DIR,),
        cwd=tmp_path,
        cache_dir=tmp_path / ".cache",
        jobs=1,
    )
    (tmp_path / "pkg" / "mod.py").write_text("y = 3\n", encoding="utf-8")
    settle(tmp_path, "pkg/mod.py")
    reads.clear()
    scan(options)
    assert reads == ["mod.py"]
    reads.clear()
    run(tmp_path)
    assert reads == []


def test_damaged_screenings_or_those_of_an_older_store_are_screened_again(tmp_path, reads):
    tree(tmp_path)
    settle(tmp_path)
    first = run(tmp_path)
    store = tmp_path / ".cache" / "results.sqlite3"
    with contextlib.closing(sqlite3.connect(store)) as db, db:
        db.execute("UPDATE screened SET value = ?", ('{"app.py": [true, false, 7, ""]}',))
    reads.clear()
    assert rows(run(tmp_path)) == rows(first)
    assert sorted(reads) == [".env", "app.py", "demo.ipynb", "plain.py"]
    # a store written before schema 3 kept a row a file
    with contextlib.closing(sqlite3.connect(store)) as db, db:
        db.execute("DROP TABLE screened")
        db.execute("CREATE TABLE screenings (context TEXT, path TEXT, worth INTEGER)")
    reads.clear()
    assert rows(run(tmp_path)) == rows(first)
    assert len(reads) == 4
    reads.clear()
    run(tmp_path)
    assert reads == []


def test_a_kept_screening_holds_for_the_same_stamp_only(tmp_path):
    path = tmp_path / "app.py"
    path.write_text("import openai\n", encoding="utf-8")
    stamp = engine.stamp_of(os.stat(path))
    entry = [True, 0, *stamp, "d" * 64]
    assert engine.Screening.kept(entry, str(path)) == engine.Screening(True, 0, stamp, "d" * 64)
    assert engine.Screening.kept(entry, str(tmp_path / "gone.py")) is None
    path.write_text("import openai  # changed\n", encoding="utf-8")
    assert engine.Screening.kept(entry, str(path)) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda stamp: [True, False, *stamp],  # no digest
        lambda stamp: [True, False, *stamp, "", "more"],
        lambda stamp: [1, False, *stamp, ""],  # not a bool
        lambda stamp: [True, None, *stamp, ""],
        lambda stamp: [True, False, *stamp, ""],  # facts as a bool, as before they were bits
        lambda stamp: [True, run_facts.FACTS, *stamp, ""],  # bits no screening sets
        lambda stamp: [True, False, [*stamp], ""],  # the stamp nested, as schema 3 kept it
        lambda stamp: "a string",
        lambda stamp: {"worth": True},
        lambda stamp: 7,
        lambda stamp: None,
    ],
)
def test_a_damaged_kept_screening_is_not_used(tmp_path, damage):
    path = tmp_path / "app.py"
    path.write_text("import openai\n", encoding="utf-8")
    entry = damage(engine.stamp_of(os.stat(path)))
    assert engine.Screening.kept(entry, str(path)) is None


def test_a_kept_digest_that_is_not_text_is_no_digest(tmp_path):
    path = tmp_path / "app.py"
    path.write_text("import openai\n", encoding="utf-8")
    stamp = engine.stamp_of(os.stat(path))
    kept = engine.Screening.kept([True, 1, *stamp, 12], str(path))
    assert kept == engine.Screening(True, 1, stamp, "")


def stored(root: Path) -> tuple[int, list[str]]:
    """(result entries, screening contexts) in the store under `root`."""
    with contextlib.closing(sqlite3.connect(root / ".cache" / "results.sqlite3")) as db:
        (results,) = db.execute("SELECT COUNT(*) FROM results").fetchone()
        contexts = [c for (c,) in db.execute("SELECT context FROM screened ORDER BY written")]
    return results, contexts


def test_entries_not_written_for_a_month_go_when_a_run_writes(tmp_path, monkeypatch, counted):
    from migrate_llm import cache

    tree(tmp_path)
    settle(tmp_path)
    start = 1_800_000_000
    monkeypatch.setattr(cache.time, "time", lambda: start)
    run(tmp_path)
    results, contexts = stored(tmp_path)
    assert results == 3 and len(contexts) == 1
    # a month and a day later a run that only reads leaves them all
    monkeypatch.setattr(cache.time, "time", lambda: start + cache.KEEP_SECONDS + 86400)
    counted.clear()
    run(tmp_path)
    assert counted == [] and stored(tmp_path) == (results, contexts)
    # one that writes (a file changed) keeps what it wrote and its own screenings only
    (tmp_path / "app.py").write_text(CLIENT + "client.models.list()\n", encoding="utf-8")
    settle(tmp_path, "app.py")
    run(tmp_path)
    assert stored(tmp_path) == (1, contexts)
    counted.clear()
    run(tmp_path)
    assert sorted(counted) == [".env", "demo.ipynb"]  # their results were dropped: read again


def test_screenings_of_the_contexts_written_last_are_kept(tmp_path, monkeypatch):
    from migrate_llm import cache

    tree(tmp_path)
    settle(tmp_path)
    clock = iter(range(1_800_000_000, 1_800_000_100))
    monkeypatch.setattr(cache.time, "time", lambda: next(clock))
    contexts = []
    for width in range(cache.KEEP_CONTEXTS + 2):
        options = ScanOptions(
            provider="acme",
            provider_dirs=(ACME_DIR,),
            cwd=tmp_path,
            cache_dir=tmp_path / ".cache",
            jobs=1,
            models=(("gpt-4o", f"acme-{width}"),),  # another context each run
        )
        scan(options)
        contexts.append(stored(tmp_path)[1][-1])
    assert stored(tmp_path)[1] == contexts[-cache.KEEP_CONTEXTS :]


def test_a_store_of_an_older_layout_is_emptied_and_used(tmp_path, counted):
    tree(tmp_path)
    settle(tmp_path)
    store = tmp_path / ".cache" / "results.sqlite3"
    store.parent.mkdir()
    with contextlib.closing(sqlite3.connect(store)) as db, db:
        db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO results VALUES ('k', 'v')")
        db.execute("CREATE TABLE screenings (context TEXT, path TEXT, worth INTEGER)")
    first = run(tmp_path)
    with contextlib.closing(sqlite3.connect(store)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (7,)
        tables = sorted(
            n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
    assert tables == ["ignores", "readings", "results", "screened"]
    assert stored(tmp_path)[0] == 3
    counted.clear()
    assert rows(run(tmp_path)) == rows(first) and counted == []


def _stored(directory: Path, count: int):
    """A store holding `count` results, each with one finding, and their keys."""
    from migrate_llm.cache import ResultCache
    from migrate_llm.model import FileResult, Finding, FixClass, Severity

    store = ResultCache(directory, "results:test")
    results = {}
    for n in range(count):
        finding = Finding(
            "ML001",
            "client",
            Severity.ERROR,
            FixClass.SAFE,
            f"m{n}",
            n + 1,
            1,
            n + 1,
            9,
            f"f{n}.py",
        )
        key = store.key("python", f"f{n}.py", f"{n:064x}")
        results[key] = FileResult(f"f{n}.py", (finding,), None, True)
        store.put(key, results[key])
    store.close()
    return results


def test_results_are_looked_up_many_at_a_time(tmp_path):
    from migrate_llm.cache import ResultCache

    kept = _stored(tmp_path, 1200)  # more than one query holds
    store = ResultCache(tmp_path, "results:test")
    asked = [*kept, "0" * 64]  # and one never kept
    assert store.get_many(asked) == kept
    assert store.get_many([]) == {}
    assert ResultCache(tmp_path / "none", "results:test").get_many(list(kept)) == {}


def test_a_damaged_result_is_a_miss_alone(tmp_path):
    from migrate_llm.cache import ResultCache

    kept = _stored(tmp_path, 3)
    first, *others = kept
    with contextlib.closing(sqlite3.connect(tmp_path / "results.sqlite3")) as db, db:
        db.execute("UPDATE results SET value = '{\"path\": 1' WHERE key = ?", (first,))
    store = ResultCache(tmp_path, "results:test")
    assert store.get_many(list(kept)) == {key: kept[key] for key in others}
    (tmp_path / "results.sqlite3").write_bytes(b"not a database" * 100)
    assert ResultCache(tmp_path, "results:test").get_many(list(kept)) == {}


def planned(root: Path, cache: bool = True) -> list[tuple[str, str]]:
    options = ScanOptions(
        provider="acme",
        provider_dirs=(ACME_DIR,),
        cwd=root,
        cache_dir=root / ".cache" if cache else None,
        jobs=1,
    )
    return [(p.change.path, p.change.after) for p in engine.plan(options).planned]


@pytest.fixture
def screened(monkeypatch):
    """The files screened (read and searched by the prefilter) in this test, by name."""
    seen: list[str] = []
    real = engine._screen_one

    def screen_one(filters, source):
        seen.append(Path(source.name).name)
        return real(filters, source)

    monkeypatch.setattr(engine, "_screen_one", screen_one)
    return seen


def test_apply_screens_with_the_screenings_a_scan_kept(tmp_path, screened):
    tree(tmp_path)
    settle(tmp_path)
    run(tmp_path)
    screened.clear()
    cached = planned(tmp_path)
    assert screened == []
    assert sorted(path for path, _ in cached) == [".env", "app.py", "demo.ipynb"]
    assert cached == planned(tmp_path, cache=False)
    assert sorted(screened) == [".env", "app.py", "demo.ipynb", "plain.py"]


def test_apply_takes_the_cache_flags_and_writes_no_cache(tmp_path, monkeypatch, screened):
    monkeypatch.chdir(tmp_path)
    tree(tmp_path)
    settle(tmp_path)  # screenings of files written just now are not kept
    runner = CliRunner()
    args = ["--providers-dir", str(ACME_DIR), "-p", "acme"]
    plain = runner.invoke(app, ["apply", ".", *args, "--diff", "--no-cache"])
    assert plain.exit_code == 0, plain.stderr
    assert not (tmp_path / ".migrate-llm-cache").exists()
    unkept = runner.invoke(app, ["apply", ".", *args, "--diff"])
    assert (unkept.exit_code, unkept.stdout) == (0, plain.stdout)
    assert not (tmp_path / ".migrate-llm-cache").exists()
    assert runner.invoke(app, ["scan", ".", *args, "--cache-dir", "kept"]).exit_code == 0
    screened.clear()
    kept = runner.invoke(app, ["apply", ".", *args, "--diff", "--cache-dir", "kept"])
    assert (kept.exit_code, kept.stdout, screened) == (0, plain.stdout, [])


def test_apply_says_it_only_reads_the_cache():
    shown = " ".join(CliRunner().invoke(app, ["apply", "--help"]).stdout.split())
    assert "--no-cache Screen every file again; read no kept screenings." in shown
    assert "apply only reads the screenings there and writes nothing to it." in shown


def test_the_code_fingerprint_hashes_the_packages_modules_and_data_by_name():
    """The names (from the package, `/`-separated, in path order) and bytes of every module
    and data file of migrate_llm, not its bytecode: what the fingerprint kept while their
    stamps are unchanged stands for."""
    import hashlib

    from migrate_llm import __version__
    from migrate_llm import cache as result_cache

    package = Path(result_cache.__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}:{result_cache._SCHEMA}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    assert result_cache.code_fingerprint.__wrapped__() == digest.hexdigest()


def test_the_package_files_are_in_the_order_of_their_path_parts(tmp_path):
    """`rules.json` after `rules/a.py` (as `Path.parts` sort), where a plain string sort puts
    "." before "/": the order the code fingerprint hashed them in from the start."""
    from migrate_llm import cache as result_cache

    package = tmp_path / "pkg"
    (package / "rules" / "deep").mkdir(parents=True)
    for name in ("rules/a.py", "rules/deep/b.py", "rules.json", "rules-x.py", "a.py"):
        (package / name).write_text("\n")
    files = result_cache._package_files(str(package))
    assert files == ["a.py", "rules/a.py", "rules/deep/b.py", "rules-x.py", "rules.json"]
    assert files == sorted(files, key=lambda name: Path(name).parts)
    assert files != sorted(files)


def test_the_code_fingerprint_is_kept_while_the_files_stamps_are_the_same(tmp_path, monkeypatch):
    from migrate_llm import cache as result_cache
    from migrate_llm import kept_code

    package = tmp_path / "pkg"
    (package / "rules" / "__pycache__").mkdir(parents=True)
    (package / "rules" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")
    (package / "rules" / "a.py").write_text("A = 1\n")
    (package / "table.json").write_text("{}\n")
    (package / "notes.txt").write_text("not hashed\n")
    assert result_cache._package_files(str(package)) == ["rules/a.py", "table.json"]
    monkeypatch.setattr(result_cache, "__file__", str(package / "cache.py"))
    monkeypatch.setattr(kept_code, "store", lambda: tmp_path / "kept.marshal")
    monkeypatch.setattr(kept_code, "_kept", None)
    monkeypatch.setattr(kept_code, "_used", {})
    monkeypatch.setattr(kept_code, "_state", {"installed": True, "new": False})
    hashed: list[int] = []
    real = result_cache._fingerprint

    def counted(*args):
        hashed.append(1)
        return real(*args)

    monkeypatch.setattr(result_cache, "_fingerprint", counted)
    first = result_cache.code_fingerprint.__wrapped__()
    assert result_cache.code_fingerprint.__wrapped__() == first and len(hashed) == 1
    module = package / "rules" / "a.py"
    before = module.stat()
    module.write_text("A = 2\n")  # the same size: its times tell
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    second = result_cache.code_fingerprint.__wrapped__()
    assert len(hashed) == 2 and second != first
