"""A model id passed to a function of the same module that only compares the parameter with
the program's own labels (self-operating-computer's `get_system_prompt("gpt-4o", objective)`)
picks a branch and is never sent: ML205 says so in a note that `check` does not fail on. A
parameter that reaches anything else keeps the warning."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .test_model_labels import migrated

GREETING = (
    "import sys\n\n\n"
    "def greeting(flavour, name):\n"
    '    if sys.platform == "darwin":\n'
    '        host = "mac"\n'
    "    else:\n"
    '        host = "other"\n'
    '    if flavour == "brief-mode" or "terse-mode" == flavour:\n'
    '        text = "hi " + name\n'
    '    elif flavour in ("chatty-mode", "warm-mode"):\n'
    '        text = "hello there, " + name\n'
    "    else:\n"
    '        text = "hello " + name\n'
    "    print('flavour:', flavour, host)\n"
    "    return text\n\n\n"
    'print(greeting("gpt-4o", "Ann"))\n'
)


def test_an_argument_only_compared_with_labels_is_a_note(registry):
    found, after = migrated(registry, GREETING)
    assert after == GREETING
    assert found == [
        (
            19,
            16,
            "ML205",
            "note",
            "none",
            "'gpt-4o' passed to greeting(), which only compares it with 'brief-mode', "
            "'terse-mode', 'chatty-mode' and 1 more and shows it in a message and never sends "
            "it as a model: apply leaves it; no request depends on it",
        )
    ]


def test_a_keyword_argument_to_a_label_check_is_a_note_too(registry):
    text = 'def pick(mode):\n    return 1 if mode != "lite-mode" else 2\n\n\npick(mode="o1-mini")\n'
    found, after = migrated(registry, text)
    assert after == text
    assert found == [
        (
            5,
            11,
            "ML205",
            "note",
            "none",
            "'o1-mini' passed as mode= to pick(), which only compares it with 'lite-mode' and "
            "never sends it as a model: apply leaves it; no request depends on it",
        )
    ]


WARNED = (
    "'gpt-4o' (passed to pick()) is an OpenAI model id: if it reaches a request or a model "
    "check, Acme Cloud will not know it; change it by hand"
)


@pytest.mark.parametrize(
    "body",
    [
        # it reaches a call that is not a message
        '    if mode == "lite-mode":\n        return 1\n    return send(mode)\n',
        # it is returned
        '    if mode == "lite-mode":\n        return 1\n    return mode\n',
        # a family test, not a comparison with labels
        '    return mode.startswith("lite")\n',
        # a test of what it contains
        '    return "lite" in mode\n',
        # compared with something that is not a literal
        "    return mode == DEFAULT\n",
        # bound again
        '    mode = mode or "lite-mode"\n    return mode == "lite-mode"\n',
        # never read
        "    return 1\n",
    ],
)
def test_a_parameter_that_goes_anywhere_else_keeps_the_warning(registry, body):
    text = f'def pick(mode):\n{body}\n\npick("gpt-4o")\n'
    found, after = migrated(registry, text)
    assert after == text
    assert [(rule, severity, fix, message) for _, _, rule, severity, fix, message in found] == [
        ("ML205", "warning", "manual", WARNED)
    ]


def test_a_function_of_another_module_keeps_the_warning(registry):
    text = 'from prompts import pick\n\npick("gpt-4o")\n'
    found, _ = migrated(registry, text)
    assert [(rule, fix) for _, _, rule, _, fix, _ in found] == [("ML205", "manual")]


def test_check_passes_where_only_the_note_is_left(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(GREETING)
    monkeypatch.chdir(tmp_path)
    args = ["check", ".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stdout
