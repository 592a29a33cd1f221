"""The screen in front of gitignore-style patterns decides every path as pathspec does."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pathspec
import pytest

from migrate_llm import ignore_patterns
from migrate_llm.discover import discover
from migrate_llm.ignore_patterns import (
    Kept,
    Patterns,
    _by_name,
    _component,
    _ends_in_class,
    _leading,
    _plain,
    patterns_of,
    screen,
    screen_plan,
)

# what projects write in .gitignore, and lines that stress the translation
LINES = [
    "__pycache__/",
    "*.py[cod]",
    "*$py.class",
    "*.so",
    "build/",
    "dist/",
    "*.egg-info/",
    ".env",
    ".env.*",
    "!.env.example",
    ".venv",
    "/site",
    "docs/_build/",
    "**/node_modules",
    "logs/**",
    "a/**/b",
    "data/*.csv",
    "!data/keep.csv",
    "*.log",
    "!important.log",
    "\\#notes",
    "\\!bang",
    "trailing\\ ",
    "[!a-c]*.tmp",
    "[]]odd",
    "x?y",
    "a|b",
    "(paren)",
    "*.[ch]",
    "/*.md",
    "!/README.md",
    "secrets/",
    "!secrets/public/",
    "out",
    "**",
    ".coverage.*",
    "*tmp*",
    "pre*post",
    "a+b",
    "c{2}",
    "ümlaut/",
    "/docs/_build/",
    "sub/dir/file.txt",
    "**/cache/",
    "*",
]

PATHS = [
    "app.py",
    "app.pyc",
    "pkg/__pycache__/",
    "pkg/__pycache__/m.cpython-311.pyc",
    "pkg/mod.py",
    "pkg/mod.so",
    "build/",
    "build/lib/x.py",
    "src/build/x.py",
    "my.egg-info/",
    "my.egg-info/PKG-INFO",
    ".env",
    ".env.local",
    ".env.example",
    "sub/.env",
    "site/index.html",
    "docs/site/x",
    "docs/_build/html/i.html",
    "web/node_modules/x.js",
    "logs/a/b.txt",
    "a/b",
    "a/x/y/b",
    "data/x.csv",
    "data/keep.csv",
    "data/sub/x.csv",
    "run.log",
    "important.log",
    "#notes",
    "!bang",
    "trailing ",
    "d.tmp",
    "a.tmp",
    "]odd",
    "xzy",
    "x/y",
    "a|b",
    "(paren)",
    "m.c",
    "m.h",
    "README.md",
    "CHANGES.md",
    "docs/CHANGES.md",
    "secrets/key",
    "secrets/public/key",
    "out",
    "out/",
    "layout/x.py",
    ".coverage.x",
    ".coverage",
    "x.tmp.y",
    "prefoopost",
    "pre/post",
    "a+b",
    "aab",
    "c{2}",
    "cc",
    "ümlaut/x",
    "x/ümlaut",
    "sub/dir/file.txt",
    "sub/dir/file.txtx",
    "y/cache/z",
    "cachex",
]


@pytest.mark.parametrize("seed", range(40))
def test_the_screened_patterns_decide_as_pathspec_does(seed):
    rng = random.Random(seed)
    lines = rng.sample(LINES, k=rng.choice([1, 2, 5, 12, len(LINES)]))
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    screened = Patterns(spec)
    for path in PATHS:
        assert screened.match_file(path) == spec.match_file(path), (path, lines)


def test_each_line_alone_decides_as_pathspec_does():
    for line in LINES:
        spec = pathspec.GitIgnoreSpec.from_lines([line])
        for path in PATHS:
            assert Patterns(spec).match_file(path) == spec.match_file(path), (path, line)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (".env", ("name", ".env")),
        ("build/", ("name", "build")),
        ("*.pyc", ("end", ".pyc")),
        ("*$py.class", ("end", "$py.class")),
        (".coverage.*", ("start", ".coverage.")),
        ("db.sqlite3-journal", ("name", "db.sqlite3-journal")),
        ("*", None),  # pathspec writes `.`: joined with the others
        ("*.py[cod]", None),
        ("*tmp*", None),
        ("pre*post", None),
        ("x?y", None),
        ("/site", None),
        ("docs/_build/", None),
        ("**/cache/", ("name", "cache")),
        ("a/**/b", None),
    ],
)
def test_a_pattern_without_a_slash_inside_is_matched_by_name(line, named):
    (pattern,) = pathspec.GitIgnoreSpec.from_lines([line]).patterns
    assert _by_name(pattern.regex.pattern) == named


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("*.py[cod]", r"[^/]*\.py[cod]"),
        ("*.[ch]", r"[^/]*\.[ch]"),
        ("x?y", "x[^/]y"),
        ("*tmp*", "[^/]*tmp[^/]*"),
        ("pre*post", "pre[^/]*post"),
        ("a+b", r"a\+b"),
        ("[]]odd", "[]]odd"),
        ("[!a-c]*.tmp", None),  # `[^a-c]` matches a `/` too
        ("*", None),
        ("**/cache/", "cache"),
        ("a/**/b", None),
        ("/*.md", None),
        ("data/*.csv", None),
    ],
)
def test_a_pattern_within_one_component_is_matched_on_the_component(line, body):
    (pattern,) = pathspec.GitIgnoreSpec.from_lines([line]).patterns
    assert _component(pattern.regex.pattern) == body


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("*.py[cod]", (".pyc", ".pyo", ".pyd")),
        ("*.py[cod]/", (".pyc", ".pyo", ".pyd")),
        ("*.[ch]", (".c", ".h")),
        ("*~[aa]", ("~a",)),
        ("*.[a-c]", None),  # a range: read as an expression
        ("*.py[!c]", None),
        ("x*.[ch]", None),  # a literal before the `*`
        ("*.py[co]d", None),
        ("*\\[x]", None),  # an escaped bracket is a literal
        ("*.[abcdefghi]", None),  # more endings than are worth a test each
        ("a/*.[ch]", None),
    ],
)
def test_a_class_ending_a_name_is_matched_as_its_endings(line, ends):
    (pattern,) = pathspec.GitIgnoreSpec.from_lines([line]).patterns
    assert _ends_in_class(pattern.regex.pattern) == ends


def test_a_template_gitignore_needs_no_expression_for_its_names():
    lines = ["__pycache__/", "*.py[cod]", "*$py.class", "*.so", ".env.*"]
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    plan = screen_plan([p.regex for p in spec.patterns if p.include is not None])
    assert plan.ends == (".pyc", ".pyo", ".pyd", "$py.class", ".so")
    assert plan.components == ()
    assert plan.starts == (".env.",)
    names = ["a.pyc", "a.pyo", "a.pyd", "a.py", "a.pyx", "pyc", "b.pyd.txt", "__pycache__"]
    held = screen([p.regex for p in spec.patterns if p.include is not None]).files_in("")
    assert held is not None
    assert held.held(names) == ["a.pyc", "a.pyo", "a.pyd", "__pycache__"]
    # pathspec decides the names held: `__pycache__/` is a directory's pattern
    assert [n for n in names if spec.match_file(n)] == ["a.pyc", "a.pyo", "a.pyd"]
    assert spec.match_file("__pycache__/")


@pytest.mark.parametrize("seed", range(40))
def test_the_names_screen_of_a_directory_holds_for_every_entry_the_patterns_ignore(seed):
    rng = random.Random(seed)
    lines = rng.sample(LINES, k=rng.choice([1, 2, 5, 12, len(LINES)]))
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    screened = Patterns(spec)
    # every file and directory path, a directory's with its `/`
    entries = {p for p in PATHS} | {d for p in PATHS for d in _dirs_of(p.rstrip("/"))}
    by_head: dict[str, list[str]] = {}
    for entry in entries:
        head = entry.rstrip("/").rpartition("/")[0]
        by_head.setdefault(head + "/" if head else "", []).append(entry)
    for head, paths in by_head.items():
        names_screen = screened.files_in(head)
        if names_screen is None:
            continue
        held = set(names_screen.held([p[len(head) :].rstrip("/") for p in paths]))
        for path in paths:
            if spec.match_file(path):
                assert path[len(head) :].rstrip("/") in held, (path, lines)


def test_a_directory_below_an_ignored_name_has_its_files_matched_in_full():
    screened = patterns_of(["build/", "*.log", "/site", "docs/_build"])
    assert screened.files_in("build/") is None
    assert screened.files_in("pkg/build/sub/") is None
    assert screened.files_in("site/") is None
    held = screened.files_in("docs/").held(["a.py", "_build", "run.log", "_buildx"])
    assert held == ["_build", "run.log", "_buildx"]
    assert screened.files_in("").held(["a.py", "sitemap.xml"]) == ["sitemap.xml"]
    assert patterns_of(["*", "!*.py"]).files_in("") is None


def test_a_walk_skips_what_pathspec_ignores_in_every_directory(tmp_path):
    rng = random.Random(7)
    lines = [line for line in LINES if line not in ("*", "**")]
    files = [p + ".py" for p in PATHS if not p.endswith("/")] + [".env", "sub/.env", "a.toml"]
    for path in files:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x = 1\n")
    every = {s.name for s in discover([tmp_path], use_gitignore=False)}
    assert len(every) > 40
    for _ in range(8):
        chosen = rng.sample(lines, k=12)
        (tmp_path / ".gitignore").write_text("\n".join(chosen) + "\n")
        spec = pathspec.GitIgnoreSpec.from_lines(chosen)
        kept = set()
        for name in every:
            rel = Path(name).relative_to(tmp_path).as_posix()
            if not any(spec.match_file(p) for p in (*_dirs_of(rel), rel)):
                kept.add(name)
        assert {s.name for s in discover([tmp_path])} == kept, chosen


@pytest.mark.parametrize("seed", range(12))
def test_a_walk_under_nested_gitignore_files_skips_what_any_of_them_ignores(tmp_path, seed):
    # .gitignore files at several depths: a path is skipped when the patterns of its own
    # directory or of any directory above it, each relative to its directory, ignore it
    rng = random.Random(seed)
    lines = [line for line in LINES if line not in ("*", "**")]
    layers: dict[str, list[str]] = {}
    files = [p + ".py" for p in PATHS if not p.endswith("/")] + [".env", "sub/.env", "a.toml"]
    for top in ("", "pkg/", "pkg/inner/", "sub/"):
        for path in rng.sample(files, k=10):
            (tmp_path / top / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / top / path).write_text("x = 1\n")
        if top == "" or rng.random() < 0.8:
            layers[top] = rng.sample(lines, k=rng.randint(1, 10))
            (tmp_path / top).mkdir(parents=True, exist_ok=True)
            (tmp_path / top / ".gitignore").write_text("\n".join(layers[top]) + "\n")
    every = {s.name for s in discover([tmp_path], use_gitignore=False)}
    specs = {top: pathspec.GitIgnoreSpec.from_lines(text) for top, text in layers.items()}

    def ignored_by_a_layer(rel: str) -> bool:
        return any(
            spec.match_file(p[len(top) :])
            for top, spec in specs.items()
            for p in (*_dirs_of(rel), rel)
            if p.startswith(top) and p != top
        )

    kept = {
        name
        for name in every
        if not ignored_by_a_layer(Path(name).relative_to(tmp_path).as_posix())
    }
    assert {s.name for s in discover([tmp_path])} == kept, layers


def test_patterns_anchored_to_their_gitignore_are_read_from_its_directory(tmp_path):
    (tmp_path / ".gitignore").write_text("docs/_build/\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / ".gitignore").write_text("/gen\nout/deep.py\n")
    for path in (
        "docs/_build/html/page.py",
        "docs/conf.py",
        "docs/api/_build/kept.py",
        "pkg/gen/made.py",
        "pkg/sub/gen/kept.py",
        "pkg/out/deep.py",
        "pkg/out/kept.py",
        "pkg/sub/out/deep.py",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x = 1\n")
    found = [Path(s.name).relative_to(tmp_path).as_posix() for s in discover([tmp_path])]
    assert found == [
        "docs/api/_build/kept.py",
        "docs/conf.py",
        "pkg/out/kept.py",
        "pkg/sub/gen/kept.py",
        "pkg/sub/out/deep.py",
    ]


def test_a_directory_the_patterns_ignore_is_not_walked_whatever_its_files_say(tmp_path):
    # git never looks inside an ignored directory: a later `!*.py` cannot bring its files back
    (tmp_path / ".gitignore").write_text("vault/\n!*.py\n")
    for path in ("vault/a.py", "vault/inner/b.py", "app.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x = 1\n")
    assert [Path(s.name).name for s in discover([tmp_path])] == ["app.py"]


def _dirs_of(path):
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


@pytest.mark.parametrize(
    ("line", "lead"),
    [
        ("/site", "site"),
        ("docs/_build/", "docs/_build"),
        ("/docs/_build/", "docs/_build"),
        ("sub/dir/file.txt", "sub/dir/file.txt"),
        ("/*.md", None),
        ("data/*.csv", None),
        (".env", None),
    ],
)
def test_an_anchored_pattern_without_wildcards_is_matched_by_its_start(line, lead):
    (pattern,) = pathspec.GitIgnoreSpec.from_lines([line]).patterns
    assert _leading(pattern.regex.pattern) == lead


def test_patterns_are_joined_into_one_expression():
    spec = pathspec.GitIgnoreSpec.from_lines(LINES)
    joined = [p.regex.pattern for p in spec.patterns if p.include is not None]
    assert all(_plain(text) is not None for text in joined)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("^(?:.+/)?build(?P<ps_d>/)", "^(?:.+/)?build(?:/)"),
        ("^a(?:(?P<ps_d>/)|$)", "^a(?:(?:/)|$)"),
        (r"^a\(?P<x>", r"^a\(?P<x>"),  # an escaped parenthesis opens no group
        ("^[|(]x", "^[|(]x"),  # a class holds no alternation, no group
        ("^[]|]x", "^[]|]x"),
        ("^a|b", None),  # joined by `|` as it is, it would mean something else
        (r"^(a)\1", None),
        ("^(?P<n>a)(?P=n)", None),
        ("(?i)^a", None),
        ("^(?<=x)a", None),
        ("^a)", None),
        ("^[a", None),
    ],
)
def test_an_expression_is_joined_only_as_written(text, plain):
    assert _plain(text) == plain


def test_an_expression_that_cannot_be_joined_is_searched_apart():
    expressions = [re.compile("^a|b"), re.compile("(?i)^c$"), re.compile("^d"), None]
    held = screen(expressions)
    assert [held(p) for p in ("a", "xbx", "C", "dx", "xd", "e")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert not screen([])("anything")


def test_the_same_lines_are_read_once():
    first = patterns_of(["*.pyc", "build/"])
    assert patterns_of(("*.pyc", "build/")) is first
    assert patterns_of(["*.pyc"]) is not first


def test_packages_sharing_a_template_gitignore_are_walked_as_before(tmp_path):
    template = "*.pyc\nbuild/\n.env\n!.env.example\n"
    for package in ("one", "two", "three"):
        root = tmp_path / package
        (root / "build").mkdir(parents=True)
        (root / ".gitignore").write_text(template)
        for name in ("app.py", "app.pyc", ".env", ".env.example", "build/gen.py"):
            (root / name).write_text("x = 1\n")
    skipped: list = []
    found = [s.name for s in discover([tmp_path], ignored=skipped)]
    expected = sorted(
        str(tmp_path / p / n) for p in ("one", "two", "three") for n in ("app.py", ".env.example")
    )
    assert found == expected
    assert sorted(skipped) == sorted(tmp_path / p / ".env" for p in ("one", "two", "three"))


def test_a_pattern_python_warns_about_says_nothing_on_the_terminal(tmp_path):
    import subprocess
    import sys

    (tmp_path / ".gitignore").write_text("*[[]*\n[z-a]\n")
    (tmp_path / "app.py").write_text("x = 1\n")
    (tmp_path / "a[b.py").write_text("x = 1\n")
    code = (
        "import sys\n"
        "sys.argv = ['migrate-llm', 'scan', '.', '--no-cache']\n"
        "from migrate_llm.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""
    assert "0 findings in 0 of 1 file" in done.stdout


def _relearned(kept: Kept, version: str = "v1") -> Kept:
    """A Kept of a later run: what `kept` learned, as the result cache stores and reads it."""
    return Kept({k: json.dumps(v) for k, v in kept.learned().items()}, version)


@pytest.fixture
def spec_reads(monkeypatch):
    """The pattern lines pathspec is made to read in this test."""
    read: list[tuple[str, ...]] = []
    real = ignore_patterns._spec_of

    def counted(lines):
        read.append(lines)
        return real(lines)

    monkeypatch.setattr(ignore_patterns, "_spec_of", counted)
    return read


@pytest.mark.parametrize("seed", range(20))
def test_kept_patterns_decide_as_pathspec_does_without_reading_the_lines_again(seed, spec_reads):
    rng = random.Random(seed)
    lines = (*rng.sample(LINES, k=rng.choice([1, 2, 5, 12, len(LINES)])), f"#{seed}")
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    first = Kept({}, "v1")
    for path in PATHS:
        assert patterns_of(lines, first).match_file(path) == spec.match_file(path), path
    assert spec_reads == [lines]
    later = _relearned(first)
    restored = patterns_of(lines, later)
    assert restored is not patterns_of(lines) and restored.plan == patterns_of(lines).plan
    for path in PATHS:
        assert restored.match_file(path) == spec.match_file(path), path
    assert spec_reads == [lines]  # every path the screen held was decided in the first run
    assert later.learned() == {}  # nothing new to keep


def test_a_path_no_run_decided_is_read_by_pathspec_and_kept():
    lines = ("build/", "!build/keep/", "*.log")
    first = Kept({}, "v1")
    assert patterns_of(lines, first).match_file("build/")
    later = _relearned(first)
    restored = patterns_of(lines, later)
    assert restored.match_file("a.py") is False and restored._spec is None  # screened out
    assert restored.match_file("run.log") is True and restored._spec is not None
    (entry,) = later.learned().values()
    assert entry[1] == {"build/": True, "run.log": True}


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        "[]",
        '[[["a"]], {}]',  # a plan of one field
        '[[["a"],[],[],[],[],[],[]], {"x": 1}]',  # a decision that is not a bool
        "[[[1],[],[],[],[],[],[]], {}]",
        '[[["a"],[],[],[],[],[],[["(", 32]]], {}]',  # an expression that does not compile
        '[[["a"],[],[],[],[],[],[["x", "flags"]]], {}]',
        '{"plan": 1}',
    ],
)
def test_a_damaged_kept_entry_is_read_from_the_lines_again(value, spec_reads):
    lines = ("build/", "*.log", f"# {value}")
    kept = Kept({Kept({}, "v1").key(lines): value}, "v1")
    patterns = patterns_of(lines, kept)
    assert patterns.match_file("build/") and not patterns.match_file("a.py")
    assert spec_reads == [lines]
    assert list(kept.learned()) == [kept.key(lines)]  # kept again, whole


def test_kept_entries_are_keyed_by_the_lines_and_the_version():
    lines = ("build/", "*.log")
    first = Kept({}, "v1")
    patterns_of(lines, first).match_file("build/")
    entries = {k: json.dumps(v) for k, v in first.learned().items()}
    assert patterns_of(lines, Kept(entries, "v1"))._spec is None
    # another pathspec or migrate-llm, or other lines: not what was kept
    assert Kept(entries, "v2").key(lines) not in entries
    assert Kept(entries, "v1").key(("build/", "*.log", "")) not in entries
    assert Kept(entries, "v2").learned() == {}
    assert patterns_of(lines, other := Kept(entries, "v2")) and list(other.learned()) == [
        other.key(lines)
    ]


def test_what_other_processes_learned_is_taken_in():
    lines = ("build/", "*.log")
    here = Kept({}, "v1")
    patterns_of(lines, here).match_file("run.log")
    for path in ("build/", "x.log"):  # each copy made its own patterns, and decided a path
        there = Kept({}, "v1")
        made = Patterns(pathspec.GitIgnoreSpec.from_lines(lines), lines=lines)
        there._made[there.key(lines)] = (made, None)
        made.match_file(path)
        here.take_in(there.learned())
    (entry,) = here.learned().values()
    assert entry[1] == {"run.log": True, "build/": True, "x.log": True}
    assert entry[0] == [list(field) for field in patterns_of(lines).plan]


def test_a_walk_with_kept_patterns_finds_what_it_found(tmp_path, spec_reads):
    (tmp_path / ".gitignore").write_text("*.log\nbuild/\n.env\n")
    for package in ("one", "two"):
        (tmp_path / package / "build").mkdir(parents=True)
        (tmp_path / package / ".gitignore").write_text("/local/\n*.tmp\n!keep.tmp\n")
        for name in ("a.py", "x.log", "x.tmp", "keep.tmp", ".env", "build/b.py", "local.py"):
            (tmp_path / package / name).write_text("x = 1\n")
    (tmp_path / "two" / "local").mkdir()
    (tmp_path / "two" / "local" / "c.py").write_text("x = 1\n")
    plain_skipped: list[Path] = []
    plain = discover([tmp_path], ignored=plain_skipped)
    first = Kept({}, "v1")
    skipped: list[Path] = []
    assert discover([tmp_path], ignored=skipped, kept=first) == plain
    assert skipped == plain_skipped
    spec_reads.clear()
    later = _relearned(first)
    skipped = []
    assert discover([tmp_path], ignored=skipped, kept=later) == plain
    assert skipped == plain_skipped and spec_reads == [] and later.learned() == {}
    assert [Path(s.name).name for s in plain] == ["a.py", "local.py", "a.py", "local.py"]


def test_a_gitignore_is_read_as_its_text_reads(tmp_path):
    from migrate_llm.discover import _gitignore

    data = b"*.log\r\nbuild/\rcaf\xc3\xa9/\n\xff.env\n" + b"x" * 70_000 + b"\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".gitignore").write_bytes(data)
    text = (tmp_path / "a" / ".gitignore").read_text(encoding="utf-8", errors="replace")
    read = _gitignore(str(tmp_path / "a"))
    assert read is not None and read is patterns_of(text.splitlines())
    assert read.lines[:4] == ("*.log", "build/", "café/", "\ufffd.env")
    (tmp_path / "b" / ".gitignore").mkdir(parents=True)  # not a file: no patterns
    assert _gitignore(str(tmp_path / "b")) is None
    assert _gitignore(str(tmp_path / "c")) is None


def test_a_kept_entry_keeps_the_latest_decisions(monkeypatch):
    monkeypatch.setattr(ignore_patterns, "KEPT_DECISIONS", 3)
    lines = ("*.csv", "# capped")
    first = Kept({}, "v1")
    for n in range(5):
        assert patterns_of(lines, first).match_file(f"d{n}.csv")
    (entry,) = first.learned().values()
    assert entry[1] == {"d2.csv": True, "d3.csv": True, "d4.csv": True}
    later = _relearned(first)
    restored = patterns_of(lines, later)
    assert restored.match_file("d0.csv") and restored._spec is not None  # asked again
    (entry,) = later.learned().values()
    assert list(entry[1]) == ["d3.csv", "d4.csv", "d0.csv"]


def test_decisions_made_in_a_run_stay_bounded(monkeypatch):
    monkeypatch.setattr(ignore_patterns, "KEPT_DECISIONS", 2)
    patterns = Patterns(pathspec.GitIgnoreSpec.from_lines(["*.csv"]))
    for n in range(5):
        assert patterns.match_file(f"d{n}.csv")
    assert patterns.decided == {"d3.csv": True, "d4.csv": True}  # past 4: the latest 2
    assert patterns.asked == 5
    assert patterns.match_file("d4.csv") and patterns.asked == 5  # decided: not asked again


def _git(directory: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(directory), "-c", "user.email=t@t", "-c", "user.name=t", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _walked_and_what_git_keeps(root: Path) -> tuple[list[str], list[str]]:
    """The files discover() walks and those git neither ignores nor lacks (tracked, or
    untracked and not ignored), as paths relative to `root`."""
    walked = sorted(Path(s.name).relative_to(root).as_posix() for s in discover([root]))
    listed = _git(root, "ls-files", "--cached", "--others", "--exclude-standard").split()
    kept = sorted(p for p in listed if p.endswith(".py") or p.endswith(".ini"))
    return walked, kept


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repository(root: Path, gitignore: str, files: tuple[str, ...]) -> None:
    """A git work tree at `root` with that .gitignore and `files` (each `x = 1`)."""
    _git(root, "init", "-q")
    (root / ".gitignore").write_text(gitignore)
    for path in files:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x = 1\n")


@needs_git
def test_directories_inside_a_directory_pattern_are_ignored_not_the_directory(tmp_path):
    # chatgpt-on-wechat (t42c D1): `plugins/**/` ignores the directories inside plugins/,
    # not plugins/ itself, and `!plugins/agent` brings that one back: git keeps
    # plugins/top.py and plugins/agent/a.py, which the walk used to skip with all of plugins/
    files = ("plugins/top.py", "plugins/agent/a.py", "plugins/other/b.py", "app.py")
    _repository(tmp_path, "plugins/**/\n!plugins/agent\n", files)
    walked, kept = _walked_and_what_git_keeps(tmp_path)
    assert walked == kept == ["app.py", "plugins/agent/a.py", "plugins/top.py"]


@needs_git
def test_a_tracked_file_a_gitignore_matches_is_walked(tmp_path):
    # ChatPaper (t42c D2) commits apikey.ini and lists it in .gitignore: git does not ignore
    # a tracked file, so check read its OpenAI URL and model (they were never scanned)
    files = ("apikey.ini", "secrets/keys.py", "secrets/local.py", "app.py")
    _repository(tmp_path, "apikey.ini\nsecrets/\n", files)
    _git(tmp_path, "add", "app.py", ".gitignore")
    _git(tmp_path, "add", "-f", "apikey.ini", "secrets/keys.py")
    _git(tmp_path, "commit", "-qm", "tracked")
    walked, kept = _walked_and_what_git_keeps(tmp_path)
    assert walked == kept == ["apikey.ini", "app.py", "secrets/keys.py"]
    # the same walk from a directory inside the repository
    inner = [Path(s.name).name for s in discover([tmp_path / "secrets"])]
    assert inner == ["keys.py"]
