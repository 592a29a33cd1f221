"""A client built from `**kw` where `kw` is bound more than once (D2, shell_gpt): the binding
that reaches the call is the one trusted, and a mapping that may hold OpenAI's key is never
merged as `kw.get("api_key") or <provider's key>` (OpenAI's key would win and go to the
provider)."""

from __future__ import annotations

import ast

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "import os\n\nfrom openai import OpenAI\n\n"
NO_WRAP = 10_000


def run(registry, text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """(text after apply for acme, (line, rule, fix) of each finding); the result parses, a
    second run edits nothing, and every safe/review finding carries an edit (scan == apply)."""
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_python(text, ctx, PYTHON_RULES)
    assert all((f.edit is None) == (f.fix.value in ("manual", "none")) for f in found)
    after, _ = migrate_text(text, "python", "app.py", found, NO_WRAP)
    ast.parse(after)
    assert [f.rule for f in check_python(after, ctx, PYTHON_RULES) if f.edit is not None] == []
    return after, [(f.line, f.rule, f.fix.value) for f in found]


def test_a_later_rebinding_does_not_hide_the_dict_that_reaches_the_call(registry):
    text = HEAD + (
        'b = os.getenv("API_BASE_URL", "default")\n'
        'kw = {"api_key": os.getenv("OPENAI_API_KEY"), "base_url": None if b == "default" '
        "else b}\n"
        "client = OpenAI(**kw)\n"
        "kw = {}\n"
    )
    after, found = run(registry, text)
    assert after == text  # as without `kw = {}`: nothing rewritten
    assert found == [(6, "ML401", "manual"), (7, "ML003", "manual")]


def test_two_bindings_one_with_openai_key_leave_the_client(registry):
    text = HEAD + (
        'kw = {"api_key": os.getenv("OPENAI_API_KEY")}\n'
        'if os.getenv("X"):\n'
        '    kw = {"timeout": 5}\n'
        "client = OpenAI(**kw)\n"
    )
    after, found = run(registry, text)
    assert after == text
    assert found == [(5, "ML401", "manual"), (8, "ML001", "manual")]
    ctx = RuleContext(registry, registry.get("acme"))
    message = next(f.message for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML001")
    assert '`**kw` may hold OpenAI\'s key (`os.getenv("OPENAI_API_KEY")` on line 5)' in message


def test_openai_key_bound_later_in_a_loop_leaves_the_client(registry):
    text = HEAD + (
        'kw = {"timeout": 5}\n'
        "for _ in range(2):\n"
        "    client = OpenAI(**kw)\n"
        '    kw = {"api_key": os.environ["OPENAI_API_KEY"]}\n'
    )
    after, found = run(registry, text)
    assert after == text
    assert found == [(7, "ML001", "manual"), (8, "ML401", "manual")]


def test_a_mapping_of_unknown_content_bound_in_the_module_is_left(registry):
    text = HEAD + "from settings import load\n\nkw = load()\nclient = OpenAI(**kw)\n"
    after, found = run(registry, text)
    assert after == text
    assert found == [(8, "ML001", "manual")]


def test_a_rebound_dict_used_again_gets_the_provider_key_over_it(registry):
    text = HEAD + (
        'kw = {"api_key": os.getenv("OPENAI_API_KEY"), "timeout": 5}\n'
        "client = OpenAI(**kw)\n"
        "kw = {}\n"
        "print(kw)\n"
    )
    after, found = run(registry, text)
    assert after == HEAD + (
        'kw = {"api_key": os.getenv("ACME_API_KEY"), "timeout": 5}\n'
        'client = OpenAI(**{**kw, "api_key": os.environ.get("ACME_API_KEY", "unset"), '
        '"base_url": kw.get("base_url") or os.environ.get("ACME_BASE_URL", '
        '"https://api.acme.example/v1")})\n'
        "kw = {}\n"
        "print(kw)\n"
    )
    assert [f for f in found if f[1] == "ML001"] == [(6, "ML001", "review")]


def test_a_parameter_mapping_still_keeps_its_callers_key(registry):
    text = HEAD + "def make(**kw):\n    return OpenAI(**kw)\n"
    after, found = run(registry, text)
    assert 'kw.get("api_key") or os.environ.get("ACME_API_KEY", "unset")' in after
    assert found == [(6, "ML001", "review")]
