"""The scan pipeline: discovery, reading, prefiltering, suppressions, errors, parallelism."""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pathspec
import pytest

from migrate_llm import engine, run_facts, textio
from migrate_llm.discover import DEFAULT_EXCLUDES, _DefaultExcludes, _kind_of, discover
from migrate_llm.engine import ScanOptions, display_path, scan
from migrate_llm.errors import MigrateError, ProviderError
from migrate_llm.formats import kind_of
from migrate_llm.gitignored import Gitignored
from migrate_llm.prefilter import prefilters
from migrate_llm.registry import load_registry
from migrate_llm.textio import UnreadableFile, _read_all, decode, read_source

from .conftest import ACME_DIR

CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(root: Path, *paths: str, **kwargs):
    options = ScanOptions(
        paths=tuple(Path(p) for p in paths) or (Path("."),),
        provider_dirs=(ACME_DIR,),
        cwd=root,
        **kwargs,
    )
    return scan(options)


def rel_files(root: Path, **kwargs) -> list[str]:
    return [f.path.relative_to(root).as_posix() for f in discover([root], cwd=root, **kwargs)]


def test_discover_honours_gitignore_default_excludes_and_virtualenvs(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "generated/\n*.local.py\n")
    write(tmp_path, "app/main.py", CLIENT)
    write(tmp_path, "app/skip.local.py", CLIENT)
    write(tmp_path, "app/.gitignore", "secret_config.yaml\n")
    write(tmp_path, "app/secret_config.yaml", "model: gpt-4o\n")
    write(tmp_path, "app/config.yaml", "model: gpt-4o\n")
    write(tmp_path, "generated/x.py", CLIENT)
    write(tmp_path, "node_modules/pkg/index.py", CLIENT)
    write(tmp_path, ".venv/lib/site.py", CLIENT)
    write(tmp_path, "myenv/pyvenv.cfg", "home = /usr\n")
    write(tmp_path, "myenv/lib/x.py", CLIENT)
    write(tmp_path, "build/lib/x.py", CLIENT)
    write(tmp_path, "notes.txt", "openai")
    write(tmp_path, ".env.example", "OPENAI_API_KEY=\n")
    write(tmp_path, "requirements-dev.txt", "openai==0.28.1\n")
    assert rel_files(tmp_path) == [
        ".env.example",
        "app/config.yaml",
        "app/main.py",
        "requirements-dev.txt",
    ]
    assert "generated/x.py" in rel_files(tmp_path, use_gitignore=False)


def test_gitignore_of_the_repository_root_applies_to_a_scanned_subdirectory(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "*.gen.py\n")
    write(tmp_path, "pkg/a.py", CLIENT)
    write(tmp_path, "pkg/b.gen.py", CLIENT)
    found = discover([tmp_path / "pkg"], cwd=tmp_path)
    assert [f.path.name for f in found] == ["a.py"]


def test_exclude_globs_and_explicit_files(tmp_path):
    write(tmp_path, "src/a.py", CLIENT)
    write(tmp_path, "tests/test_a.py", CLIENT)
    assert [f.path.name for f in discover([tmp_path], exclude=["tests/"], cwd=tmp_path)] == ["a.py"]
    explicit = discover([Path("tests/test_a.py")], exclude=["tests/"], cwd=tmp_path)
    assert [f.path.name for f in explicit] == ["test_a.py"]


def test_missing_path_and_unknown_file_type_are_errors(tmp_path):
    with pytest.raises(MigrateError, match="nope: no such file or directory"):
        discover([Path("nope")], cwd=tmp_path)
    write(tmp_path, "picture.png", b"\x89PNG")
    with pytest.raises(MigrateError, match="not a Python, notebook or config file"):
        discover([Path("picture.png")], cwd=tmp_path)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_does_not_trap_the_walk(tmp_path):
    write(tmp_path, "pkg/a.py", CLIENT)
    os.symlink(tmp_path, tmp_path / "pkg" / "loop")
    os.symlink(tmp_path / "pkg" / "a.py", tmp_path / "alias.py")
    assert rel_files(tmp_path) == ["pkg/a.py"]


@pytest.mark.parametrize(
    "name",
    [
        ".git",
        "build",
        "dist",
        "venv",
        ".venv",
        "x.egg-info",
        "egg-info",
        "builds",
        "package-lock.json",
        "node_modules",
        "site-packages",
        "__pycache__",
        "app.py",
        ".eggs",
        "build.py",
        "dist-info",
        ".promptflow",
        "promptflow",
    ],
)
@pytest.mark.parametrize("is_dir", [True, False])
def test_default_excludes_by_name_agree_with_their_gitignore_patterns(name, is_dir):
    by_pathspec = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDES)
    assert _DefaultExcludes(DEFAULT_EXCLUDES)(name, is_dir) == by_pathspec.match_file(
        name + ("/" if is_dir else "")
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_file_reached_twice_is_scanned_once(tmp_path):
    write(tmp_path, "pkg/a.py", CLIENT)
    outside = write(tmp_path.parent, f"{tmp_path.name}-outside/shared.py", CLIENT)
    os.symlink(outside, tmp_path / "pkg" / "one.py")
    os.symlink(outside, tmp_path / "pkg" / "two.py")
    found = discover([Path("pkg"), Path("pkg/a.py"), Path(".")], cwd=tmp_path)
    assert [f.path.relative_to(tmp_path).as_posix() for f in found] == ["pkg/a.py", "pkg/one.py"]


def test_the_files_a_scan_looked_at_include_those_ruled_out_unread_by_the_rules(
    tmp_path, monkeypatch
):
    write(tmp_path, "app.py", CLIENT)
    write(tmp_path, "pkg/plain.py", "x = 1\n")
    write(tmp_path, "pkg/notes.md", "nothing here\n")
    shown: list[str] = []
    real = engine.display_path

    def display_path(path, cwd):
        shown.append(os.path.basename(os.fspath(path)))
        return real(path, cwd)

    monkeypatch.setattr(engine, "display_path", display_path)
    result = run(tmp_path)
    # a file the prefilter rules out is shown only when the list is asked for (a baseline)
    assert "plain.py" not in shown
    assert "pkg/plain.py" in result.scanned and "other.py" not in result.scanned
    assert sorted(result.scanned) == ["app.py", "pkg/plain.py"]
    assert len(result.scanned) == 2 and "plain.py" in shown


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_files_are_shown_relative_to_the_working_directory_when_under_it(tmp_path):
    write(tmp_path, "work/pkg/a.py", CLIENT)
    write(tmp_path, "elsewhere/b.py", CLIENT)
    write(tmp_path, "elsewhere/other.py", CLIENT)
    os.symlink(tmp_path / "work", tmp_path / "link")
    work = tmp_path / "work"
    assert display_path(work / "pkg" / "a.py", work) == "pkg/a.py"
    # reached through a link, or with `..`: shown by where it really is
    assert display_path(tmp_path / "link" / "pkg" / "a.py", work) == "pkg/a.py"
    assert display_path(work / ".." / "work" / "pkg" / "a.py", work) == "pkg/a.py"
    assert (
        display_path(tmp_path / "elsewhere" / "b.py", work)
        == (tmp_path / "elsewhere" / "b.py").as_posix()
    )
    os.symlink(tmp_path / "elsewhere" / "b.py", work / "pkg" / "b_link.py")
    assert display_path(work / "pkg" / "b_link.py", work) == "pkg/b_link.py"
    # resolved, it is outside: shown as given
    assert (
        display_path(tmp_path / "link" / "pkg" / "b_link.py", work)
        == (tmp_path / "link" / "pkg" / "b_link.py").as_posix()
    )
    assert display_path(work, work) == "."
    result = run(work, str(tmp_path / "link"), "../elsewhere/other.py")
    assert sorted({f.path for f in result.findings}) == [
        (work / ".." / "elsewhere" / "other.py").as_posix(),  # as given: outside
        "pkg/a.py",
        "pkg/b_link.py",  # elsewhere/b.py, under the name it was found by
    ]


@pytest.mark.skipif(not hasattr(os, "symlink") or os.sep != "/", reason="POSIX paths")
def test_a_directory_is_shown_by_its_names_as_pathlib_would(tmp_path, monkeypatch):
    """`_display_directory` compares names as strings where the paths are written as `Path`
    writes them; `Path.relative_to` decides the others, and would decide these the same."""
    for name in ("work/pkg/sub", "work2/pkg", "elsewhere/deep"):
        (tmp_path / name).mkdir(parents=True)
    os.symlink(tmp_path / "work", tmp_path / "link")
    os.symlink(tmp_path / "work" / "pkg", tmp_path / "elsewhere" / "pkg_link")
    base = os.fspath(tmp_path)
    directories = [
        base + suffix
        for suffix in (
            "/work",
            "/work/pkg",
            "/work/pkg/sub",
            "/work2",
            "/work2/pkg",
            "/link/pkg",
            "/elsewhere/pkg_link",
            "/elsewhere/deep",
            "//work",
            "/work/./pkg",
            "/work/../work2",
            "/work/",
        )
    ] + ["/", "/tmp"]
    cwds = [tmp_path / "work", tmp_path / "work2", tmp_path / "link", Path("/"), tmp_path]
    fast = {(d, c): engine._display_directory.__wrapped__(d, c) for d in directories for c in cwds}
    monkeypatch.setattr(engine, "_normal", lambda directory: False)
    for (directory, cwd), shown in fast.items():
        assert engine._display_directory.__wrapped__(directory, cwd) == shown, (directory, cwd)
    assert fast[(base + "/work2/pkg", tmp_path / "work")] == (None, False, base + "/work2/pkg")
    assert fast[(base + "/link/pkg", tmp_path / "work")] == ("pkg", False, base + "/link/pkg")
    assert fast[("/", Path("/"))] == (".", True, "")


def test_decode_keeps_bom_and_declared_encodings():
    source = decode(codecs.BOM_UTF8 + b"x = 1\r\n", python=True)
    assert (source.text, source.encoding, source.bom) == ("x = 1\r\n", "utf-8", True)
    assert source.encode() == codecs.BOM_UTF8 + b"x = 1\r\n"
    latin = "# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1")
    source = decode(latin, python=True)
    assert source.encoding == "iso-8859-1"
    assert "café" in source.text
    assert source.encode() == latin


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x01binary", "binary file (contains NUL bytes)"),
        (b"x = '\xff\xfe'\n", "cannot decode as utf-8 (byte 5); declare its encoding"),
        (b"# coding: klingon\n", "bad encoding declaration: unknown encoding: klingon"),
    ],
)
def test_unreadable_text_is_a_one_line_reason(data, message):
    with pytest.raises(UnreadableFile) as info:
        decode(data, python=True)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


def test_huge_file_is_skipped_with_a_reason(tmp_path):
    path = write(tmp_path, "big.py", "x = 1\n" * 100)
    with pytest.raises(UnreadableFile, match=r"skipped: 0\.0 MiB is over the 0 MiB limit"):
        read_source(path, python=True, max_bytes=10)


def test_scan_reports_findings_errors_and_keeps_going(tmp_path):
    write(tmp_path, "a.py", CLIENT)
    write(tmp_path, "broken.py", "import openai\ndef f(:\n")
    write(tmp_path, "bad.yaml", "model: gpt-4o\n  - : [\n")
    write(tmp_path, "latin.py", b"import openai\nx = '\xe9'\n")
    write(tmp_path, "z.py", CLIENT)
    result = run(tmp_path)
    assert result.files == 5
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        ("a.py", 2, "ML001"),
        ("z.py", 2, "ML001"),
    ]
    errors = [(e.path, e.line, e.message.split(":")[0]) for e in result.errors]
    assert errors == [
        ("bad.yaml", 2, "cannot parse yaml"),
        ("broken.py", 2, "syntax error"),
        ("latin.py", None, "cannot decode as utf-8 (byte 19); declare its encoding"),
    ]


def test_prefilter_skips_files_that_only_mention_openai_in_prose(tmp_path):
    write(tmp_path, "licence_header.py", "# Portions (c) OpenAI; see openai.com\nx = 1\n")
    write(tmp_path, "client.py", CLIENT)
    result = run(tmp_path)
    assert (result.files, result.parsed) == (2, 1)


def test_a_framework_import_alone_is_parsed_only_with_one_of_its_names(tmp_path):
    # LlamaIndex's own modules import llama_index everywhere; only a name of its OpenAI
    # classes (or ServiceContext.from_defaults) gives a framework rule something to report
    write(tmp_path, "index.py", "from llama_index.core import VectorStoreIndex\nx = 1\n")
    write(tmp_path, "llm.py", "from llama_index.llms.openai import OpenAI\nllm = OpenAI()\n")
    write(tmp_path, "chat.py", "import litellm\nlitellm.set_verbose = True\n")
    write(tmp_path, "call.py", "import litellm\nr = litellm.completion(model=m, messages=[])\n")
    # a name of another framework does not count
    write(tmp_path, "other.py", "import dspy\nfrom litellm_like import Router\n")
    result = run(tmp_path)
    assert (result.files, result.parsed) == (5, 2)
    filters = prefilters(load_registry().openai)
    assert filters["notebook"].search('["from llama_index.llms.openai import OpenAI\\n"]')
    assert not filters["notebook"].search('["from llama_index.core import Settings\\n"]')


def _first_lines_parsed(monkeypatch) -> list[str]:
    """The first line of each text libcst parses from now on, in order."""
    from migrate_llm.rules import python as python_rules

    parsed: list[str] = []
    real = python_rules.check_python

    def check_python(text, *args, **kwargs):
        parsed.append(text.splitlines()[0])
        return real(text, *args, **kwargs)

    monkeypatch.setattr(python_rules, "check_python", check_python)
    return parsed


def test_a_framework_import_that_leads_nowhere_its_rules_look_is_not_parsed(tmp_path, monkeypatch):
    parsed = _first_lines_parsed(monkeypatch)
    # its words are all there, but not on the way to LlamaIndex's OpenAI classes
    write(tmp_path, "a.py", "from llama_index.legacy.llms import OpenAI  # llms\nOpenAI()\n")
    write(tmp_path, "b.py", 'from llama_index.core import Settings\n"""llms: OpenAI"""\n')
    # on the way: the class, its module, a module above it, or everything from it
    write(tmp_path, "c.py", "from llama_index.llms.openai import OpenAI\nOpenAI()\n")
    write(tmp_path, "d.py", "import llama_index.llms as llms\nllms.OpenAI()\n")
    write(tmp_path, "e.py", "from llama_index import llms\nllms.OpenAI()\n")
    write(tmp_path, "f.py", "from llama_index.llms import *\nOpenAI()\n")
    write(tmp_path, "g.py", "import llama_index\nllama_index.llms.OpenAI()\n")
    # an import in a block counts as one at the top does
    write(
        tmp_path,
        "h.py",
        "try:\n    pass\nexcept ImportError:\n"
        "    from llama_index.llms.openai import OpenAI\nOpenAI()\n",
    )
    result = run(tmp_path)
    assert sorted(parsed) == [
        "from llama_index import llms",
        "from llama_index.llms import *",
        "from llama_index.llms.openai import OpenAI",
        "import llama_index",
        "import llama_index.llms as llms",
        "try:",
    ]
    # (a name from `import *` has no qualified name to go by: parsed, nothing found)
    assert sorted({f.path for f in result.findings}) == ["c.py", "d.py", "e.py", "g.py", "h.py"]


def test_a_framework_class_imported_but_never_called_derived_from_or_handed_on_is_not_parsed(
    tmp_path, monkeypatch
):
    parsed = _first_lines_parsed(monkeypatch)
    imported = "from llama_index.llms.openai import OpenAI"
    # LlamaIndex's own agents: the class in a test and an annotation, nothing to report
    write(
        tmp_path,
        "a.py",
        f"# a\n{imported}\n\ndef pick(llm: OpenAI) -> bool:\n"
        "    return isinstance(llm, OpenAI) and callable(llm)\n",
    )
    write(tmp_path, "h.py", f"# h\n{imported}\n\nclass Mine(dict, metaclass=OpenAI):\n    pass\n")
    # called, derived from, reached through an attribute, a call or a subscript, or handed on
    # as a value (constructed elsewhere)
    write(tmp_path, "b.py", f"# b\n{imported} as O\nLLMS = [O]\nprint(O.__name__)\n")
    write(tmp_path, "c.py", f"# c\n{imported}\nllm = OpenAI(model='m')\n")
    write(tmp_path, "d.py", f"# d\n{imported} as O\n\nclass Mine(O):\n    pass\n")
    write(tmp_path, "e.py", "# e\nimport llama_index.llms as L\nL.OpenAI.class_name()\n")
    write(tmp_path, "f.py", f"# f\n{imported}\nOpenAI[int]().complete('x')\n")
    write(tmp_path, "g.py", f"# g\n{imported}\n\n@OpenAI(model='m')\ndef h():\n    pass\n")
    # the package's own name, bound or not, reaches every name in it
    write(tmp_path, "i.py", f"# i\n{imported}\nllama_index.llms.openai.OpenAI()\n")
    result = run(tmp_path)
    assert sorted(parsed) == ["# b", "# c", "# d", "# e", "# f", "# g", "# i"]
    assert sorted({f.path for f in result.findings}) == ["b.py", "c.py", "d.py", "g.py", "i.py"]


def test_a_llama_index_pin_is_read_only_when_moving_to_another_provider(tmp_path):
    write(tmp_path, "requirements.txt", "llama-index>=0.10\n")
    write(tmp_path, "pyproject.toml", '[project]\ndependencies = ["llama-index>=0.10"]\n')
    assert run(tmp_path).parsed == 0
    moving = run(tmp_path, provider="acme")
    assert moving.parsed == 2
    assert moving.findings == ()  # no code imports an OpenAI-like class: nothing to add
    # code that apply rewrites to OpenAILikeEmbedding needs its package
    write(
        tmp_path,
        "app.py",
        "from llama_index.embeddings.openai import OpenAIEmbedding\n\nembed = OpenAIEmbedding()\n",
    )
    moving = run(tmp_path, provider="acme")
    assert sorted((f.path, f.rule) for f in moving.findings if f.rule == "ML613") == [
        ("pyproject.toml", "ML613"),
        ("requirements.txt", "ML613"),
    ]
    assert [f.data["missing"] for f in moving.findings if f.rule == "ML613"] == [
        ["llama-index-embeddings-openai-like"]
    ] * 2


def test_suppression_comments(tmp_path):
    write(
        tmp_path,
        "a.py",
        "from openai import OpenAI\n"
        "a = OpenAI()  # migrate-llm: ignore\n"
        "# migrate-llm: ignore[ML001]\n"
        "b = OpenAI()\n"
        "c = OpenAI()  # migrate-llm: ignore[ML999]\n",
    )
    write(tmp_path, "b.py", "# migrate-llm: ignore-file\n" + CLIENT)
    write(tmp_path, ".env", "OPENAI_API_KEY=  # migrate-llm: ignore\nOPENAI_BASE_URL=x\n")
    result = run(tmp_path)
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        (".env", 2, "ML501"),
        ("a.py", 5, "ML001"),
    ]


def test_unknown_provider_lists_the_known_ones(tmp_path):
    write(tmp_path, "a.py", CLIENT)
    with pytest.raises(ProviderError, match=r"unknown provider 'nope'; known providers: acme, "):
        run(tmp_path, provider="nope")


def test_parallel_and_serial_scans_agree(tmp_path, monkeypatch):
    for i in range(60):
        write(
            tmp_path,
            f"pkg/m{i:02}.py",
            CLIENT + f'client.embeddings.create(model="gpt-4o", input="{i}")\n',
        )
    write(tmp_path, "pkg/settings.py", "import openai\nopenai.api_key = KEY\n")
    legacy = 'import openai\nr = openai.ChatCompletion.create(model="gpt-4", messages=[])\n'
    write(tmp_path, "pkg/legacy.py", legacy)
    for i in range(40):
        write(tmp_path, f"plain/p{i:02}.py", f"x = {i}\n")
    serial = run(tmp_path, jobs=1, provider="acme")
    parallel = run(tmp_path, jobs=2, provider="acme")
    assert serial == parallel
    assert len(serial.findings) == 243
    # screened by workers too (a tree of thousands of files is), in chunks of 7
    monkeypatch.setattr(engine, "SCREEN_PARALLEL", 1)
    monkeypatch.setattr(engine, "SCREEN_CHUNK", 7)
    assert run(tmp_path, jobs=2, provider="acme") == serial
    plan = engine.plan(
        ScanOptions(provider="acme", provider_dirs=(ACME_DIR,), cwd=tmp_path, jobs=2)
    )
    # the settings module, screened by a worker, still makes legacy code build its client
    # on first use
    (migrated,) = [p.change.after for p in plan.planned if p.change.path == "pkg/legacy.py"]
    assert "def _client():" in migrated
    assert len(plan.planned) == 62  # the plain modules are ruled out: nothing to plan


def test_setup_py_and_requirements_folders_are_dependency_files(tmp_path):
    write(
        tmp_path,
        "setup.py",
        "from setuptools import setup\nsetup(install_requires=['openai==0.28.1'])\n",
    )
    write(tmp_path, "requirements/base.txt", "openai<1\n")
    result = run(tmp_path)
    assert [(f.path, f.rule) for f in result.findings] == [
        ("requirements/base.txt", "ML504"),
        ("setup.py", "ML504"),
    ]


@pytest.mark.parametrize("size", [5, 19, 21, 100])
def test_a_file_whose_size_changed_after_its_stat_is_read_to_its_end(tmp_path, monkeypatch, size):
    path = tmp_path / "grew.py"
    path.write_bytes(b"import openai  # 20\n")
    real = os.fstat

    def stale(descriptor):
        found = real(descriptor)
        return os.stat_result((*found[:6], size, *found[7:]))

    monkeypatch.setattr(textio.os, "fstat", stale)
    data, stamp = textio.read_stamped(path, 1 << 20)
    assert (data, stamp[0]) == (b"import openai  # 20\n", size)
    with pytest.raises(UnreadableFile, match=r"^skipped: "):
        textio.read_stamped(path, 12)


@pytest.mark.parametrize(
    "size", [0, 1, textio.SMALL_READ - 1, textio.SMALL_READ, textio.SMALL_READ + 1, 200_000]
)
def test_a_file_is_read_whole_with_or_without_its_stamp(tmp_path, size):
    path = tmp_path / "m.py"
    content = bytes(i % 251 for i in range(size))
    path.write_bytes(content)
    assert textio.read_bytes(path) == content
    data, stamp = textio.read_stamped(str(path))
    assert (data, stamp) == (content, textio.stamp_of(path.stat()))


def test_a_file_is_read_without_a_stat_when_small(tmp_path, monkeypatch):
    small, large = tmp_path / "small.py", tmp_path / "large.py"
    small.write_bytes(b"x = 1\n")
    large.write_bytes(b"#" * (textio.SMALL_READ + 5))
    stats: list[int] = []
    real = os.fstat
    monkeypatch.setattr(textio.os, "fstat", lambda fd: stats.append(fd) or real(fd))
    assert textio.read_bytes(small) == b"x = 1\n"
    assert stats == []
    assert len(textio.read_bytes(large)) == textio.SMALL_READ + 5
    assert len(stats) == 1


def test_a_file_that_reads_short_is_read_to_its_end(tmp_path, monkeypatch):
    """A read may give fewer bytes than asked before the end (a network file system): the
    end is the read that gives none."""
    path = tmp_path / "m.py"
    path.write_bytes(b"import openai\n" * 10)
    real = os.read
    monkeypatch.setattr(textio.os, "read", lambda fd, n: real(fd, min(n, 7)))
    assert textio.read_bytes(path) == b"import openai\n" * 10
    assert textio.read_stamped(path)[0] == b"import openai\n" * 10


@pytest.mark.parametrize("size", [100, textio.SMALL_READ + 100])
def test_a_file_over_the_limit_is_named_by_its_size_with_or_without_its_stamp(tmp_path, size):
    path = tmp_path / "big.py"
    path.write_bytes(b"#" * size)
    message = rf"^skipped: {size / 1048576:.1f} MiB is over the 0 MiB limit$"
    for read in (textio.read_bytes, textio.read_stamped):
        with pytest.raises(UnreadableFile, match=message):
            read(path, size - 1)


def test_what_cannot_be_read_is_said_in_one_line_with_or_without_its_stamp(tmp_path):
    for read in (textio.read_bytes, textio.read_stamped):
        with pytest.raises(UnreadableFile, match=r"^is a directory$"):
            read(tmp_path)
        with pytest.raises(UnreadableFile, match=r"^No such file or directory$"):
            read(tmp_path / "gone.py")


def test_a_screening_takes_the_stamp_only_for_a_cache(tmp_path):
    path = write(tmp_path, "m.py", b"import openai\n")
    source = engine.SourceFile(str(path), "python")
    plain = ScanOptions(provider_dirs=(ACME_DIR,), cwd=tmp_path)
    cached = replace(plain, cache_dir=tmp_path / "cache")
    digest = engine.hashlib.sha256(b"import openai\n").hexdigest()
    code = run_facts.HOLDS_CODE | run_facts.IMPORTS_OPENAI_SDK  # (ML504)
    assert engine._screen_one(engine._filters_for(plain), source) == (True, code, None, digest)
    stamp = textio.stamp_of(path.stat())
    assert engine._screen_one(engine._filters_for(cached), source) == (True, code, stamp, digest)


@pytest.mark.skipif(not hasattr(os, "pipe"), reason="needs pipes")
def test_a_file_without_a_size_is_read_to_its_end_within_the_limit():
    for limit, expected in ((1 << 20, b"x" * 60000), (1000, None)):
        read, write_end = os.pipe()
        os.write(write_end, b"x" * 60000)
        os.close(write_end)
        try:
            if expected is None:
                with pytest.raises(UnreadableFile, match=r"^skipped: 0\.1 MiB is over the 0 MiB"):
                    _read_all(read, 0, limit)
            else:
                assert _read_all(read, 0, limit) == expected
        finally:
            os.close(read)


@pytest.mark.parametrize(
    "name",
    [
        "a.py",
        "pkg/setup.py",
        "pkg/Setup.py",
        "x.PY",
        "stub.pyi",
        "req/requirements.txt",
        "pkg/.env",
        "a.env.py",
        "notebook.ipynb",
        "setup.py.bak",
        "dir.py/x.toml",
    ],
)
def test_the_walks_shortcut_to_a_files_kind_agrees_with_kind_of(name):
    path = os.path.join("/root", *name.split("/"))
    assert _kind_of(path) == kind_of(path)


def test_discovery_hands_over_each_file_once_as_it_walks(tmp_path):
    for rel in ("a/x.py", "a/b/y.py", "a/b/c/z.py", "a/pyproject.toml", "top.py", "notes.txt"):
        write(tmp_path, rel, "x = 1\n")
    batches: list[list[str]] = []

    def found(batch):
        batches.append([Path(s.name).relative_to(tmp_path).as_posix() for s in batch])

    # overlapping paths and a file named twice: each file once, under the name met first
    paths = [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "top.py", tmp_path / "top.py"]
    sources = discover(paths, cwd=tmp_path, on_found=found)
    names = [Path(s.name).relative_to(tmp_path).as_posix() for s in sources]
    assert names == ["a/b/c/z.py", "a/b/y.py", "a/pyproject.toml", "a/x.py", "top.py"]
    assert sorted(n for batch in batches for n in batch) == names
    assert all(batches) and len(batches) == 4  # a directory at a time, then the named file


def test_a_large_tree_is_screened_while_it_is_walked(tmp_path, monkeypatch):
    """By a pool of workers, where the walk cannot be shared by forking."""
    from concurrent.futures import Future

    from migrate_llm import forked

    monkeypatch.setattr(forked, "possible", lambda: False)

    for d in range(4):
        for i in range(3):
            text = "import openai\n" if i == 0 else f"x = {i}\n"
            write(tmp_path, f"d{d}/m{i}.py", text)
    events: list[str] = []

    class Here(engine.Workers):
        """Runs each task at once, in this process."""

        def submit(self, work, jobs, *args):
            events.append("sent")
            done: Future = Future()
            done.set_result(work(*args))
            return done

    real_add = engine.Screener.add

    def add(self, sources):
        events.append("found")
        real_add(self, sources)

    monkeypatch.setattr(engine.Screener, "add", add)
    monkeypatch.setattr(engine, "SCREEN_PARALLEL", 4)
    monkeypatch.setattr(engine, "SCREEN_CHUNK", 2)
    options = ScanOptions(provider_dirs=(ACME_DIR,), cwd=tmp_path, jobs=2)
    ctx = engine._context(options)
    sources, verdicts = engine._discovered(
        options, engine.Screener(options, Here()), Gitignored(), ctx
    )
    # 3 files: not yet a large tree; 6: three chunks of 2 go; 9 and 12 files: one, then two
    found, sent = "found", "sent"
    assert events == [found, found, sent, sent, sent, found, sent, found, sent, sent]
    serial = engine._discovered(
        replace(options, jobs=1),
        engine.Screener(replace(options, jobs=1), Here()),
        Gitignored(),
        ctx,
    )
    assert (sources, verdicts) == serial and events.count("sent") == 6
    assert [v.worth for v in verdicts] == [True, False, False] * 4


@pytest.mark.parametrize("kept", [True, False])
def test_the_syntax_tree_of_a_file_is_parsed_once_for_its_layout(registry, monkeypatch, kept):
    import ast

    from migrate_llm.rules.base import RuleContext

    text = "from openai import OpenAI\n\nclient = OpenAI()\nclient.models.list()\n"
    given: list[object] = []
    real = engine._laid_out

    def laid_out(before, after, imports, setup, line_length, tree=None, directory=None):
        given.append(tree)
        return real(before, after, imports, setup, line_length, tree, directory)

    monkeypatch.setattr(engine, "_laid_out", laid_out)
    if not kept:
        monkeypatch.setattr(engine, "KEPT_TREE_CHARACTERS", len(text) - 1)
    scanner = engine.FileScanner(RuleContext(registry, registry.get("acme")), Path("."))
    examined = scanner.examine("python", "app.py", text)
    assert examined is not None and "ACME_API_KEY" in examined.after
    (tree,) = given
    if kept:
        assert isinstance(tree, ast.Module) and ast.dump(tree) == ast.dump(ast.parse(text))
    else:
        assert tree is None
    assert scanner._parsed is None  # not kept beyond the file
    without = engine.migrate_text(text, "python", "app.py", scanner.reported("python", "a", text))
    assert without[0] == examined.after


def test_screening_and_examining_share_one_set_of_prefilters(tmp_path):
    options = engine.ScanOptions(paths=(tmp_path,), provider="qwen", cwd=tmp_path)
    screening = engine._filters_for(options)[0]
    scanner = engine.FileScanner(engine._context(options), tmp_path)
    assert scanner.filters is screening
    other = engine.FileScanner(engine._context(engine.ScanOptions(cwd=tmp_path)), tmp_path)
    assert other.filters is not screening  # a run that switches provider screens for more
    assert other.filters["python"].search("import openai\n")


@pytest.mark.parametrize(
    ("text", "worth", "facts"),
    [
        (
            b"import openai\nopenai.api_key = K\n",
            True,
            run_facts.SETS_OPENAI | run_facts.IMPORTS_OPENAI_SDK,
        ),
        (b"from base import *\nopenai.api_key = K\n", False, run_facts.SETS_OPENAI),
        # a comparison sets nothing, but reads the setting as a value (ML103's `unread_settings`)
        (b"from base import *\nopenai.api_key == K\n", False, run_facts.READS_MODULE_SETTING),
        (b"import os\nprint(os.sep)\n", False, 0),
        # not decodable: examined (to say why), its bytes searched for the settings
        (b"# -*- coding: nope -*-\nopenai.api_key = K\n", True, run_facts.SETS_OPENAI),
        (b"# -*- coding: nope -*-\nx = 1\n", True, 0),
        # LlamaIndex's default models: set, or perhaps used (examined if the run sets none)
        (b"from llama_index.core import Settings\nSettings.llm = Ollama()\n", False, 2),
        (
            b"from llama_index.core import Settings\nSettings.embed_model = e\nSettings.llm == x\n",
            False,
            run_facts.SETS_EMBED_MODEL,
        ),
        (
            b"from llama_index import set_global_service_context\nset_global_service_context(c)\n",
            False,
            run_facts.SETS_LLM | run_facts.SETS_EMBED_MODEL,
        ),
        # one made only inside a function runs if it is called (`RunFacts.llamaindex_set_in`)
        (
            b"from llama_index.core import Settings\n\n\nclass App:\n    async def start(self):"
            b"\n        if ok:\n\n            # local\n            Settings.embed_model = e\n",
            False,
            run_facts.SETS_EMBED_MODEL_LATER,
        ),
        (
            b"from llama_index.core import Settings\n\n\ndef f():\n    Settings.llm = x\n\n\n"
            b'if __name__ == "__main__":\n    Settings.llm = x\n',
            False,
            run_facts.SETS_LLM,
        ),
        # settings of a module that does not import LlamaIndex are not its
        (b"Settings.llm = x\n", False, 0),
        # a module naming LlamaIndex and calling what may use a default: examined if the run
        # sets none (`Screened.of`), with the digest screening took; the default model may
        # read OpenAI's key itself, left on OpenAI (`key_left` decides: t62d)
        (
            b"from llama_index.core import X\nq = index.as_query_engine()\n",
            False,
            8 | run_facts.KEEPS_OPENAI_KEY,
        ),
        (b"from llama_index.core import X\nq = index.as_retriever()\n", False, 0),
        (b"q = index.as_query_engine()\n", False, 0),  # no LlamaIndex in sight
        # an OpenAI URL with an API path (a key handed to the project's classes may go there)
        (
            b'URL = "https://api.openai.com/v1/chat/completions"\n',
            True,
            run_facts.HOLDS_OPENAI_ENDPOINT,
        ),
        (b'URL = "https://api.openai.com/v1"\n', True, 0),
        # chromadb's part that calls the removed openai API, named (ML504)
        (
            b"from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n",
            False,
            run_facts.NAMES_PART["chromadb"],
        ),
    ],
)
def test_a_screening_says_what_the_module_tells_of_the_run(tmp_path, text, worth, facts):
    path = write(tmp_path, "m.py", text)
    options = ScanOptions(provider_dirs=(ACME_DIR,), cwd=tmp_path)
    screening = engine._screen_one(
        engine._filters_for(options), engine.SourceFile(str(path), "python")
    )
    # a module the rules read is code of its project (ML504)
    held = run_facts.HOLDS_CODE if worth else 0
    # and every module says which words `callee_stamps` decides by
    words = (
        (run_facts.NAMES_OPENAI_VARIABLE if b"OPENAI_" in text else 0)
        | (run_facts.NAMES_MODEL_WORD if b"model" in text else 0)
        | (run_facts.DEFINES_TEST if b"def test" in text else 0)
    )
    assert (screening.worth, screening.facts) == (worth, facts | held | words)
    digested = worth or bool(facts & run_facts.MAY_USE_LLAMAINDEX_DEFAULT)
    assert screening.digest == (hashlib.sha256(text).hexdigest() if digested else "")


def test_a_forked_screeners_report_carries_every_fact_and_flag(tmp_path):
    """What a copy sends back of a file screened afresh, with a stamp and every fact."""
    options = ScanOptions(provider_dirs=(ACME_DIR,), cwd=tmp_path)
    source = engine.SourceFile("m.py", "python")
    screening = engine.Screening(True, run_facts.FACTS - 1, (1, 2, 3, 4), "d")
    copy = engine.Screener(options, None, known={})
    copy._judged[source.name] = screening
    copy.fresh.add(source.name)
    here = engine.Screener(options, None, known={})
    here._receive([source], copy._report([source]))
    assert here._judged == {source.name: screening} and here.fresh == {source.name}


def test_a_module_without_openai_is_not_searched_again_for_its_settings(tmp_path, monkeypatch):
    searched: list[bytes] = []
    real = run_facts._OPENAI_DOT
    monkeypatch.setattr(run_facts, "_OPENAI_DOT", lambda data: searched.append(data) or real(data))
    options = ScanOptions(provider_dirs=(ACME_DIR,), cwd=tmp_path)
    filters = engine._filters_for(options)
    for name, text in (("a.py", "OPENAI_KEY = 1\n"), ("b.py", "import openai\n")):
        path = write(tmp_path, name, text)
        engine._screen_one(filters, engine.SourceFile(str(path), "python"))
    assert searched == [b"import openai\n"]  # the prefilter found no `openai` in a.py


def test_scan_checks_that_the_migration_parses_without_laying_it_out(tmp_path, monkeypatch):
    """A scan writes nothing: what it says is fixed comes from the edits alone, so the layout
    (imports, wrapping) is left to `apply`; a migration that would not parse fixes nothing."""
    write(tmp_path, "app.py", "from openai import OpenAI\nclient = OpenAI()\n")
    options = ScanOptions(provider="acme", provider_dirs=(ACME_DIR,), cwd=tmp_path, jobs=1)
    laid_out: list[str] = []
    real = engine._laid_out
    monkeypatch.setattr(engine, "_laid_out", lambda *a: laid_out.append("x") or real(*a))
    scanned = scan(options)
    assert laid_out == []
    planned = engine.plan(options)
    assert laid_out == ["x"]
    (change,) = [p.change for p in planned.planned]
    assert [f.fix for f in scanned.findings] == [f.fix for f in change.fixed]
    assert [f.fix.value for f in scanned.findings] == ["safe"]
    parses = engine._parses
    monkeypatch.setattr(engine, "_parses", lambda text: parses("("))
    assert [f.fix.value for f in scan(options).findings] == ["manual"]


def test_a_file_the_screening_let_through_is_not_screened_again(tmp_path, monkeypatch):
    from .notebook_builder import STYLES, cell, notebook

    app = write(tmp_path, "app.py", CLIENT)
    book = STYLES["jupyter"](notebook(cell(CLIENT), cell("print(client)")))
    write(tmp_path, "nb.ipynb", book)
    # no OpenAI in sight: let through for a LlamaIndex default model no file sets (ML612)
    default = "from llama_index.core import VectorStoreIndex\n"
    default += "index = VectorStoreIndex.from_documents(docs)\n"
    write(tmp_path, "rag.py", default)
    write(tmp_path, "notes.py", "# openai, in prose only\nx = 1\n")
    asked: list[tuple[str, str]] = []
    real = engine.worth_examining

    def worth_examining(filters, kind, text, unused):
        asked.append((kind, text))
        return real(filters, kind, text, unused)

    monkeypatch.setattr(engine, "worth_examining", worth_examining)
    result = run(tmp_path)
    # the notebook's code is asked as a module (its own text), the let-through module again
    code = CLIENT + "#@@ml-cell-2@@\nprint(client)\n"  # the cells as one module
    assert sorted(asked) == [("python", default), ("python", code)]
    assert [(f.path, f.rule, f.line) for f in result.findings] == [
        ("app.py", "ML001", 2),
        ("nb.ipynb", "ML001", 2),
        ("rag.py", "ML612", 2),
    ]
    assert result.parsed == 3
    # told stale bytes, the scanner screens them itself; told their digest, it trusts it
    scanner = engine.FileScanner(engine._context(ScanOptions(cwd=tmp_path)), tmp_path)
    notes = engine.SourceFile(str(tmp_path / "notes.py"), "python")
    scanner.passed = hashlib.sha256(app.read_bytes()).hexdigest()
    assert scanner.scan(notes).parsed is False and scanner.passed == ""
    scanner.passed = hashlib.sha256((tmp_path / "notes.py").read_bytes()).hexdigest()
    assert scanner.scan(notes).parsed is True and scanner.passed == ""
