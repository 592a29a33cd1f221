"""ML004 on placeholder keys, and on several keys in one literal or comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.clients import HardcodedSecret
from migrate_llm.rules.python import check_python
from migrate_llm.secrets import find_secrets, is_placeholder

# Random-looking keys: two share their masked form (`sk-Tq…Jh`), the third does not.
REAL = "sk-Tq7Lm2Zv9Kp4Wn8Rs3Yb6Hc1Xd5Fg0Jh"
TWIN = "sk-Tq2Bn6Vc8Mw3Pz5Rk9Hy4Ld7Gf1Sa0Jh"
OTHER = "sk-proj-Ab3Cd9Ef2Gh7Ij4Kl8Mn1Op6Qr5St0Uv"


def secrets(registry, text, provider=None):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return check_python(text, ctx, (HardcodedSecret,))


def places(found):
    return [(f.line, f.column, f.end_line, f.end_column, f.message) for f in found]


@pytest.mark.parametrize(
    "key",
    [
        "sk-" + "x" * 32,
        "sk-" + "X" * 20,
        "sk-abcdefghijklmnopqrstuvwxyz123456xxxx",
        "sk-abcdefghijklmnopqrstuvwxyz1234567xxx",
        "sk-Wq4Rt7Yu2Io9Pa3SXXX",
        "sk-123456789xxxxxxxxxxxxxxxxxxxxxxxxx123456789",
        "sk-proj-xx-xxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxx-xxxx",
        "sk-Gh5Jk8Lm2Nb0000000",
        "sk-proj-" + "a" * 24,
        "sk-your-openai-api-key",
        "sk-YOUR_API_KEY_GOES_HERE",
        "sk-proj-your-key-from-the-dashboard",
    ],
)
def test_placeholders(key):
    (found,) = find_secrets(f'KEY = "{key}"')
    assert is_placeholder(found)


@pytest.mark.parametrize("after", ["...", "…", "<...>"])
def test_a_key_cut_short_or_templated_is_a_placeholder(after):
    (found,) = find_secrets(f"use sk-Tq7Lm2Zv9Kp4Wn8R{after} here")
    assert is_placeholder(found)


@pytest.mark.parametrize(
    "key",
    [
        REAL,
        OTHER,
        "sk-Pz8Qw3Er6Ty1Ui4Op7As2Df5Gh9Jk0Lx",  # one x at the end
        "sk-Pz8Qw3Er6Ty1Ui4Op7As2Df5Gh9Jk0xX",  # two, of both cases
        "sk-Pz8Qw3Er6Ty1Ui4Op7As2Df5GhxxxK0L",  # three inside
        "sk-Pz8Qw3Er6Ty1Ui4Op7As2Df5Gh9Jk0000",  # a short run of one character
        "sk-Pz8Qw3Er6Ty1yourUi4Op7As2Df5Gh9",  # "your" inside a run of letters
        "sk-" + "k" * 24,  # one letter throughout: tests use these for real keys
        "sk-0123456789abcdefghijKLMN",
    ],
)
def test_keys_that_are_not_unmistakably_placeholders(key):
    (found,) = find_secrets(f'KEY = "{key}" # and more text')
    assert not is_placeholder(found)


def test_placeholders_in_a_docstring_are_not_reported(registry):
    text = (
        "def f():\n"
        '    """Example keys: sk-abcdefghijklmnopqrstuvwxyz123456xxxx and '
        'sk-abcdefghijklmnopqrstuvwxyz1234567xxx."""\n'
    )
    assert secrets(registry, text, "zhipu") == []


def test_placeholders_in_comments_and_bare_strings_are_not_reported(registry):
    text = (
        '"""Module doc: set sk-your-key-here-please in the environment."""\n'
        '# example: API_KEY = "sk-123456789xxxxxxxxxxxxxxxxxxxx"\n'
        "class A:\n"
        '    "Joined: sk-" "xxxxxxxxxxxxxxxxxxxxxxxx"\n'
        "    x = 1  # or sk-Tq7Lm2Zv9Kp4Wn8Rs3Y...\n"
    )
    assert secrets(registry, text) == []


def test_real_keys_in_a_docstring_are_reported_once_each_where_they_end(registry):
    text = f'def f():\n    """Keys: {REAL} and {TWIN}, again {REAL}."""\n'
    message = "hard-coded API key sk-Tq…Jh; read it from the environment and rotate it"
    found = secrets(registry, text)
    # each from the docstring's start, where suppressions and baselines look, to its key's end
    first, second = (text.index(key) + len(key) - text.index("\n") for key in (REAL, TWIN))
    assert places(found) == [(2, 5, 2, first, message), (2, 5, 2, second, message)]
    assert all(f.severity is Severity.ERROR for f in found)


def test_a_key_on_a_later_line_is_reported_from_the_literal_and_can_be_suppressed(registry):
    text = f'# migrate-llm: ignore[ML004]\nDOC = """\nkey: {OTHER}\n"""\nLATER = """\n{REAL}\n"""\n'
    found = secrets(registry, text)
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [
        (2, 7, 3, 6 + len(OTHER)),
        (5, 9, 6, 1 + len(REAL)),
    ]
    ctx = RuleContext(registry)
    kept = FileScanner(ctx, Path(".")).findings("python", "app.py", text) or []
    assert [(f.rule, f.line) for f in kept] == [("ML004", 5)]


def test_two_real_keys_with_one_masked_form_in_a_comment_give_one_finding(registry):
    text = f"x = 1  # {REAL} or {TWIN}, not {OTHER}\n"
    found = secrets(registry, text)
    assert [(f.line, f.column, f.end_column) for f in found] == [(1, 8, len(text))] * 2
    assert [f.data["secret"] for f in found] == ["sk-Tq…Jh", "sk-pr…Uv"]


def test_a_placeholder_in_code_is_a_note_saying_where_the_key_belongs(registry):
    text = 'KEY = "sk-xxxxxxxxxxxxxxxxxxxxxxxx"\nOK = "sk-Tq7Lm2Zv9Kp4Wn8Rs3Y..."\n'
    found = secrets(registry, text, "acme")
    expected = "placeholder API key sk-xx…xx; the real key belongs in ACME_API_KEY"
    assert [(f.line, f.severity, f.fix, f.message) for f in found] == [
        (1, Severity.NOTE, FixClass.MANUAL, expected),
        (2, Severity.NOTE, FixClass.MANUAL, expected.replace("sk-xx…xx", "sk-Tq…3Y")),
    ]
    assert found[0].data == {"secret": "sk-xx…xx", "placeholder": True, "key_env": "ACME_API_KEY"}


def test_a_placeholder_passed_to_a_client_is_replaced_by_apply(registry):
    text = 'from openai import OpenAI\nc = OpenAI(api_key="sk-your-openai-key-here")\n'
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    (fixed,) = [f for f in change.fixed if f.rule == "ML004"]
    assert (fixed.severity, fixed.fix) == (Severity.NOTE, FixClass.SAFE)
    assert "sk-your" not in change.after
    assert 'os.environ.get("ACME_API_KEY"' in change.after


def test_real_keys_are_reported_as_before(registry):
    text = f'KEY = "{REAL}"\n# {OTHER}\nH = f"Bearer {OTHER}"\n'
    found = secrets(registry, text, "acme")
    assert [(f.line, f.column, f.severity, f.fix, f.data) for f in found] == [
        (1, 7, Severity.ERROR, FixClass.MANUAL, {"secret": "sk-Tq…Jh", "key_env": "ACME_API_KEY"}),
        (2, 1, Severity.ERROR, FixClass.MANUAL, {"secret": "sk-pr…Uv", "key_env": "ACME_API_KEY"}),
        (3, 7, Severity.ERROR, FixClass.MANUAL, {"secret": "sk-pr…Uv", "key_env": "ACME_API_KEY"}),
    ]
    assert found[0].message == (
        "hard-coded API key sk-Tq…Jh; read it from ACME_API_KEY and rotate it"
    )
