"""The code and tables kept between runs (`kept_code`): what runs from them is what would
have been built, and the file they live in is written and read as bytecode is."""

from __future__ import annotations

import dataclasses
import marshal
import re
import sys
import types
from importlib.util import MAGIC_NUMBER

import pytest

from migrate_llm import kept_code

CLASS = """
import dataclasses
import re

@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 2
"""


@pytest.fixture
def kept(monkeypatch, tmp_path):
    """kept_code installed afresh, its file under tmp_path, nothing registered at exit."""
    path = tmp_path / "__pycache__" / "kept.marshal"
    monkeypatch.setattr(kept_code, "store", lambda: path)
    monkeypatch.setattr(kept_code, "_kept", None)
    monkeypatch.setattr(kept_code, "_used", {})
    monkeypatch.setattr(kept_code, "_state", {"installed": False, "new": False})
    monkeypatch.setattr(kept_code.atexit, "register", lambda function: None)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(dataclasses, "exec", kept_code._exec, raising=False)
    kept_code._state["installed"] = True
    return path


def fresh_process(monkeypatch):
    """What a new process starts with: nothing read, nothing used, nothing new."""
    monkeypatch.setattr(kept_code, "_kept", None)
    monkeypatch.setattr(kept_code, "_used", {})
    kept_code._state["new"] = False


def build(module_name: str) -> type:
    module = types.ModuleType(module_name)
    sys.modules[module_name] = module
    try:
        exec(CLASS, module.__dict__)
    finally:
        del sys.modules[module_name]
    return module.Point


def compiled_sources(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = compile

    def counting(source, *args, **kwargs):
        seen.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(kept_code, "compile", counting, raising=False)
    return seen


def test_a_kept_class_is_built_from_the_code_kept_and_behaves_the_same(kept, monkeypatch):
    first = build("migrate_llm.kept_probe")
    assert kept_code._state["new"] is True
    kept_code._save()
    assert kept.exists()
    saved = marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])
    # each value is marshal data of its own, read when it is used
    assert all(isinstance(marshal.loads(v), types.CodeType) for v in saved.values())
    assert any("def __init__(self" in k for k in saved)

    fresh_process(monkeypatch)
    compiled = compiled_sources(monkeypatch)
    second = build("migrate_llm.kept_probe")
    assert compiled == []
    assert kept_code._state["new"] is False
    for point in (first(1), second(1)):
        assert (point.x, point.y, repr(point)) == (1, 2, "Point(x=1, y=2)")
    assert second(1) == second(1, 2) and second(1) != second(1, 3)
    assert hash(second(1)) == hash(second(1, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        second(1).x = 5  # type: ignore[misc]


def test_an_annotation_written_as_text_is_compiled_once_and_kept(kept, monkeypatch):
    import typing

    monkeypatch.setattr(typing, "compile", kept_code._compile_annotation, raising=False)

    class Row(typing.NamedTuple):
        names: dict[str, int] | None  # a string here (`annotations`)

    key = ("annotation", "<string>", "dict[str, int] | None")
    assert key in kept_code._used and kept_code._state["new"] is True
    kept_code._save()

    fresh_process(monkeypatch)
    compiled = compiled_sources(monkeypatch)
    reference = typing.ForwardRef("dict[str, int] | None")
    assert compiled == [] and kept_code._state["new"] is False
    assert reference._evaluate({}, {}, frozenset()) == (dict[str, int] | None)
    with pytest.raises(SyntaxError):
        typing.ForwardRef("dict[str,")  # as typing says it, not kept


def test_a_named_tuples_new_is_compiled_once_and_kept(kept, monkeypatch):
    import collections

    monkeypatch.setattr(collections, "eval", kept_code._eval_tuple_new, raising=False)
    first = collections.namedtuple("Pair", "left right", defaults=(0,))
    key = ("namedtuple", "lambda _cls, left, right: _tuple_new(_cls, (left, right))")
    assert key in kept_code._used and kept_code._state["new"] is True
    kept_code._save()

    fresh_process(monkeypatch)
    compiled = compiled_sources(monkeypatch)
    second = collections.namedtuple("Pair", "left right", defaults=(0,))
    assert compiled == [] and kept_code._state["new"] is False
    for pair in (first(1), second(1)):
        assert (pair, repr(pair), pair.right) == ((1, 0), "Pair(left=1, right=0)", 0)
    assert (
        second.__new__.__doc__
        == first.__new__.__doc__
        == "Create new instance of Pair(left, right)"
    )
    assert second.__new__.__code__ == first.__new__.__code__
    with pytest.raises(TypeError):
        second()
    single = collections.namedtuple("One", "only")
    assert single(5).only == 5  # a one-field tuple's text (`(only,)`), kept by its own text


def test_another_packages_classes_are_compiled_as_always(kept, monkeypatch):
    compiled = compiled_sources(monkeypatch)
    point = build("someone_else.module")
    assert point(3).y == 2
    assert compiled == [] and kept_code._used == {} and kept_code._state["new"] is False
    kept_code._save()
    assert not kept.exists()


def test_nothing_is_written_under_dont_write_bytecode(kept, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    build("migrate_llm.kept_probe")
    kept_code._save()
    assert not kept.exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal data", MAGIC_NUMBER + marshal.dumps([1, 2]), marshal.dumps({"x": 1})],
)
def test_a_file_that_cannot_be_read_is_ignored_and_replaced(kept, monkeypatch, content):
    kept.parent.mkdir()
    kept.write_bytes(content)
    compiled = compiled_sources(monkeypatch)
    assert build("migrate_llm.kept_probe")(4).x == 4
    assert compiled
    kept_code._save()
    assert isinstance(marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :]), dict)
    assert [p.name for p in kept.parent.iterdir()] == ["kept.marshal"]  # no temporary left


def test_a_kept_entry_of_the_wrong_type_is_compiled_again(kept, monkeypatch):
    build("migrate_llm.kept_probe")
    kept_code._save()
    saved = marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])
    kept.write_bytes(MAGIC_NUMBER + marshal.dumps(dict.fromkeys(saved, "not code")))
    fresh_process(monkeypatch)
    compiled = compiled_sources(monkeypatch)
    assert build("migrate_llm.kept_probe")(5).x == 5
    assert sorted(compiled) == sorted(saved)


@pytest.mark.parametrize("damaged", [b"not marshal data", "a value written whole"])
def test_an_entry_that_is_not_what_was_kept_is_made_again(kept, monkeypatch, damaged):
    build("migrate_llm.kept_probe")
    kept_code._save()
    saved = marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])
    kept.write_bytes(MAGIC_NUMBER + marshal.dumps(dict.fromkeys(saved, damaged)))
    fresh_process(monkeypatch)
    compiled = compiled_sources(monkeypatch)
    assert build("migrate_llm.kept_probe")(6).x == 6
    assert sorted(compiled) == sorted(saved) and kept_code._state["new"] is True


def test_an_entry_is_read_only_when_it_is_used(kept, monkeypatch):
    build("migrate_llm.kept_probe")
    kept_code.derived(("table", "x"), lambda: (1, 2))
    kept_code._save()
    fresh_process(monkeypatch)
    assert kept_code.derived(("table", "x"), lambda: (3, 4)) == (1, 2)
    held = kept_code._all()
    assert held[("table", "x")] == (1, 2)
    assert all(type(v) is bytes for k, v in held.items() if k != ("table", "x"))


def test_a_derived_table_is_computed_once_and_kept(kept, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return (("one", "value", "value"),)

    key = ("table", "libcst.x", "Node", 123, 456)
    assert kept_code.derived(key, compute) == (("one", "value", "value"),)
    assert kept_code.derived(key, compute) == (("one", "value", "value"),)
    assert len(calls) == 1
    kept_code._save()
    fresh_process(monkeypatch)
    assert kept_code.derived(key, compute) == (("one", "value", "value"),)
    assert len(calls) == 1
    assert kept_code.derived((*key[:-1], 457), compute) == (("one", "value", "value"),)
    assert len(calls) == 2  # its file changed: computed again


def test_without_install_a_derived_table_is_computed_each_time(kept):
    kept_code._state["installed"] = False
    calls = []
    for _ in range(2):
        kept_code.derived(("table",), lambda: calls.append(1))
    assert len(calls) == 2 and not kept_code._used


def test_only_what_was_used_is_written_once_most_of_the_file_went_unused(kept, monkeypatch):
    kept.parent.mkdir()
    stale = {f"stale source {i}": compile("x = 1", "<string>", "exec") for i in range(20)}
    kept.write_bytes(MAGIC_NUMBER + marshal.dumps(stale))
    build("migrate_llm.kept_probe")
    kept_code._save()
    written = marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])
    assert written.keys() == kept_code._used.keys()
    assert not set(written) & set(stale)


# expressions of every kind our modules write: literals, classes, groups and their names,
# lookarounds, repeats, inline and given flags, bytes
EXPRESSIONS = [
    ("openai", 0),
    (r"(?P<head>[A-Z]\w*)\.(?:create|parse)\(\s*(?=\w)", 0),
    (r"word(?<=\bword)\s*=\s*([\"'])(.*?)\1", 0),
    (r"(?i:\bopenai\b)[^\n]{0,40}$", re.MULTILINE),
    (r"^\s*#.*$", re.IGNORECASE | re.MULTILINE),
    (r"(?x) a  b # spaced\n c", 0),
    (rb"[\"'](deepseek|qwen):[A-Za-z0-9][\w.:-]*\\?[\"'](?![ \t]*:)", 0),
    ("é+ß", re.IGNORECASE),
]


def _install_compiler(monkeypatch) -> None:
    monkeypatch.setattr(kept_code._COMPILER, "compile", kept_code.compile_kept)
    monkeypatch.setattr(re, "_cache", {})  # each compile reaches the compiler
    if hasattr(re, "_cache2"):  # Python 3.12 and later keep a second cache
        monkeypatch.setattr(re, "_cache2", {})


def compile_in(module_name: str, pattern, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)` as a module of that name calls it."""
    namespace = {"__name__": module_name, "re": re}
    exec("def make(pattern, flags):\n    return re.compile(pattern, flags)\n", namespace)
    return namespace["make"](pattern, flags)


@pytest.mark.parametrize(("pattern", "flags"), EXPRESSIONS)
def test_an_expression_made_from_kept_code_is_the_one_re_compiles(
    kept, monkeypatch, pattern, flags
):
    _install_compiler(monkeypatch)
    fresh = kept_code._compile_anew(pattern, flags)
    first = compile_in("migrate_llm.kept_probe", pattern, flags)
    kept_code._save()
    fresh_process(monkeypatch)
    re.purge()
    again = compile_in("migrate_llm.kept_probe", pattern, flags)
    assert kept_code._state["new"] is False  # made from what was kept
    # a pattern's equality compares its flags, its expression and its matcher code
    assert first == fresh and again == fresh
    assert (again.groups, again.groupindex, again.flags) == (
        fresh.groups,
        fresh.groupindex,
        fresh.flags,
    )


def test_every_expression_our_modules_compile_is_made_as_re_makes_it():
    """The matcher code `kept_code` keeps, for each expression this process has compiled
    (every module of the package imported, the prefilters built)."""
    import migrate_llm.engine  # noqa: F401  (every module a scan imports)
    from migrate_llm.prefilter import prefilters
    from migrate_llm.registry import load_registry

    built = prefilters(load_registry().openai, True, ("deepseek-chat",), ("glm-4",), ("X",))
    patterns = [
        expression.pattern
        for prefilter in built.values()
        for _, expression in prefilter.tests
        if expression is not None
    ]
    compiled = [(p, 0) for p in patterns] + [
        (key[1], key[2]) for key in re._cache if isinstance(key, tuple) and len(key) == 3
    ]
    differ = [
        pattern
        for pattern, flags in compiled
        if isinstance(pattern, (str, bytes))
        and _sre_compile(pattern, kept_code.matcher_code(pattern, flags))
        != kept_code._compile_anew(pattern, flags)
    ]
    assert len(compiled) > 100 and differ == []


def _sre_compile(pattern, parts):
    import _sre

    return _sre.compile(pattern, *parts)


def test_an_expression_of_another_module_or_from_a_projects_files_is_compiled_as_always(
    kept, monkeypatch
):
    _install_compiler(monkeypatch)
    assert compile_in("someone_else", "a+b").match("aab")
    assert compile_in("migrate_llm.ignore_patterns", "(?:^|/)build/").search("x/build/")
    # a glob handed to fnmatch may come from a project's files (a tox.ini's passenv)
    for caller in ("someone_else", "migrate_llm.rules.tox_plan", "migrate_llm.registry"):
        assert glob_in(caller, "OPENAI_*")("OPENAI_API_KEY")
    assert kept_code._used == {} and kept_code._state["new"] is False


@pytest.mark.parametrize(
    "module", ["typer.core", "libcst._parser.parso.utils", "textwrap", "json.decoder"]
)
def test_an_expression_of_typer_libcst_or_the_standard_library_is_kept(kept, monkeypatch, module):
    """Their expressions are written in their code (typer's import compiles 22)."""
    _install_compiler(monkeypatch)
    pattern = r"(?:^|_)kept[0-9]+\b"
    fresh = kept_code._compile_anew(pattern, 0)
    first = compile_in(module, pattern)
    assert ("re", kept_code._sre.MAGIC, pattern, 0) in kept_code._used
    kept_code._save()
    fresh_process(monkeypatch)
    re.purge()
    again = compile_in(module, pattern)
    assert kept_code._state["new"] is False and first == fresh and again == fresh


def glob_in(module_name: str, glob: str):
    """`fnmatch.fnmatchcase(name, glob)` as a module of that name calls it."""
    import fnmatch

    fnmatch._compile_pattern.cache_clear()  # type: ignore[attr-defined]
    namespace = {"__name__": module_name, "fnmatch": fnmatch}
    exec("def match(name, glob):\n    return fnmatch.fnmatchcase(name, glob)\n", namespace)
    return lambda name: namespace["match"](name, glob)


def test_a_kept_expression_that_is_not_matcher_code_is_compiled_again(kept, monkeypatch):
    _install_compiler(monkeypatch)
    compile_in("migrate_llm.kept_probe", "a(b+)c")
    kept_code._save()
    saved = marshal.loads(kept.read_bytes()[len(MAGIC_NUMBER) :])
    kept.write_bytes(MAGIC_NUMBER + marshal.dumps(dict.fromkeys(saved, ("not", "code"))))
    fresh_process(monkeypatch)
    re.purge()
    assert compile_in("migrate_llm.kept_probe", "a(b+)c").match("abbc")[1] == "bb"
    assert kept_code._state["new"] is True
