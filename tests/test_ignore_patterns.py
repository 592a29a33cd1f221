"""The screen in front of gitignore-style patterns decides every path as pathspec does."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pathspec
import pytest

from migrate_llm.discover import discover
from migrate_llm.ignore_patterns import (
    Patterns,
    _by_name,
    _component,
    _leading,
    _plain,
    patterns_of,
    screen,
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
