"""A name bound to a builtin (`id`, `vars`) has no assignment node: rules that follow a name to
its one binding must treat it as unknown, not crash (mypy found these; they were internal errors).
"""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def findings(registry, text: str) -> list[tuple[int, str, str]]:
    ctx = RuleContext(registry, registry.get("acme"))
    return [(f.line, f.rule, f.message) for f in check_python(text, ctx, PYTHON_RULES)]


def test_model_argument_naming_a_builtin_is_a_run_time_value(registry) -> None:
    text = (
        "from openai import OpenAI\n\n"
        "client = OpenAI()\n"
        "client.chat.completions.create(model=id, messages=[])\n"
    )
    found = findings(registry, text)
    assert [(line, rule) for line, rule, _ in found] == [(3, "ML001"), (4, "ML101"), (4, "ML203")]
    assert found[2][2].startswith("model comes from `id` at run time;")


def test_client_kwargs_from_a_builtin_are_not_followed(registry) -> None:
    found = findings(registry, "from openai import OpenAI\n\nclient = OpenAI(**vars)\n")
    assert [(line, rule) for line, rule, _ in found] == [(3, "ML001")]
    assert "key from `**vars` or OPENAI_API_KEY" in found[0][2]


def test_legacy_call_spreading_a_builtin_is_checked_by_hand(registry) -> None:
    text = 'import openai\n\nopenai.ChatCompletion.create(model="gpt-4", messages=[], **vars)\n'
    found = findings(registry, text)
    assert [(line, rule) for line, rule, _ in found] == [(3, "ML302"), (3, "ML201"), (3, "ML304")]
    assert found[2][2].startswith("`**vars` is passed to an openai<1.0 call;")
