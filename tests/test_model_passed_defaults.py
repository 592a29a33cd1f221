"""A model setting the module passes on to a parameter of its own function whose default
ML204 leaves (a test of that parameter, a table lookup) is left too (manual): mapped, it
would reach the test its callee's default is left for (autogen's `count_token()` handed its
default to a family-test chain that ends in a raise)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .test_model_labels import migrated

COUNT = """MODEL = "gpt-3.5-turbo-0613"


def _count(messages, model="gpt-3.5-turbo-0613"):
    if "gpt-3.5-turbo" in model:
        return 3 * len(messages)
    elif "gpt-4" in model:
        return 4 * len(messages)
    raise NotImplementedError(model)


def by_keyword(messages, model: str = "gpt-3.5-turbo-0613") -> int:
    return _count(messages, model=model)


def by_position(messages, model="gpt-4"):
    return _count(messages, model)


def outer(messages, model="gpt-3.5-turbo"):
    return by_position(messages, model=model)


def by_constant(messages):
    return _count(messages, model=MODEL)
"""
TEST = (
    "\"gpt-3.5-turbo\" in model on line 5 tests it, which 'gpt-3.5-turbo-0613' passes and "
    "'acme-small' does not"
)


def _settings(found):
    return [f for f in found if f[2] == "ML204"]


def test_defaults_passed_to_a_default_left_for_a_test_are_left(registry):
    found, after = migrated(registry, COUNT)
    passed = f"passed to _count() as model on line {{}}, whose default apply leaves: {TEST}"
    assert _settings(found) == [
        (
            1,
            9,
            "ML204",
            "warning",
            "manual",
            "constant MODEL = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, but "
            f"apply leaves it: {passed.format(25)}; change them together, by hand",
        ),
        (
            4,
            28,
            "ML204",
            "warning",
            "manual",
            "default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, but "
            f"apply leaves it: {TEST}, so the program would take another branch; change the "
            "test and the model together, by hand",
        ),
        (
            12,
            39,
            "ML204",
            "warning",
            "manual",
            "default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, but "
            f"apply leaves it: {passed.format(13)}; change them together, by hand",
        ),
        (
            16,
            33,
            "ML204",
            "warning",
            "manual",
            "default of model = 'gpt-4' maps to 'acme-large' on Acme Cloud, but apply leaves "
            f"it: {passed.format(17)}; change them together, by hand",
        ),
        (
            20,
            27,
            "ML204",
            "warning",
            "manual",
            "default of model = 'gpt-3.5-turbo' maps to 'acme-small' on Acme Cloud, but apply "
            "leaves it: passed to by_position() as model on line 21, whose default apply "
            f"leaves: {passed.format(17)}; change them together, by hand",
        ),
    ]
    assert after == COUNT
    namespace: dict[str, object] = {}
    exec(after, namespace)
    calls = ("by_keyword", "by_position", "outer", "by_constant")
    assert [namespace[name]([1, 2]) for name in calls] == [6, 8, 6, 6]  # type: ignore[operator]


PLAIN = """def _size(model="gpt-4o"):
    return len(model)


def ask(client, model="gpt-4o"):
    return client.count(model=model) + _size(model)
"""


def test_a_default_passed_to_a_mapped_default_is_mapped(registry):
    found, after = migrated(registry, PLAIN)
    mapped = "default of model = 'gpt-4o' maps to 'acme-large' on Acme Cloud"
    assert _settings(found) == [
        (1, 17, "ML204", "warning", "review", mapped),
        (5, 23, "ML204", "warning", "review", mapped),
    ]
    assert after == PLAIN.replace('"gpt-4o"', '"acme-large"')
    namespace: dict[str, object] = {}
    exec(after, namespace)
    assert namespace["_size"]() == len("acme-large")  # type: ignore[operator]


def test_check_keeps_failing_on_the_default_passed_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tc.py").write_text(COUNT)
    options = [".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    assert CliRunner().invoke(app, ["apply", *options, "--yes"]).exit_code == 0
    assert (tmp_path / "tc.py").read_text() == COUNT
    result = CliRunner().invoke(app, ["check", *options, "--format", "json"])
    assert result.exit_code == 1
    assert "passed to _count() as model on line 13, whose default apply leaves" in result.output
