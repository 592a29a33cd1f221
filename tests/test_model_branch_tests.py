"""ML204 leaves a model default that a prefix test of the module on the same name would send
down another branch once mapped (babyagi's `if not M.startswith("gpt-")` took the legacy
completions branch with Qwen's model and looped on 404)."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

BRANCHED = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
    'M = os.getenv("LLM_MODEL", "gpt-3.5-turbo").lower()\n\n\n'
    "def ask(prompt):\n"
    "    if not TEST:\n"
    "        return client.completions.create(model=M, prompt=prompt)\n"
    '    return client.chat.completions.create(model=M, messages=[{"role": "user", "content": '
    "prompt}])\n"
)


def settings(registry, text):
    ctx = RuleContext(registry, registry.get("qwen"))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]


@pytest.mark.parametrize(
    ("test", "shown"),
    [
        pytest.param('M.startswith("gpt-")', 'M.startswith("gpt-")', id="startswith"),
        pytest.param(
            'M.strip().startswith(("gpt-3", "gpt-4"))',
            'M.strip().startswith(("gpt-3", "gpt-4"))',
            id="read-through-a-method",
        ),
    ],
)
def test_a_default_a_prefix_test_would_send_elsewhere_is_left(registry, test, shown):
    text = BRANCHED.replace("TEST", test)
    [found] = settings(registry, text)
    assert (found.fix, found.edit, found.message) == (
        FixClass.MANUAL,
        None,
        "env default 'gpt-3.5-turbo' of constant M maps to 'qwen-flash' on Alibaba Qwen "
        f"(DashScope / Model Studio), but apply leaves it: {shown} on line 10 tests it, which "
        "'gpt-3.5-turbo' passes and 'qwen-flash' does not, so the program would take another "
        "branch; change the test and the model together, by hand",
    )
    after, _ = migrate_text(text, "python", "app.py", settings(registry, text))
    assert after == text


def test_a_default_the_test_treats_alike_is_mapped(registry):
    text = BRANCHED.replace("TEST", 'M.startswith("o1")')
    [found] = settings(registry, text)
    assert found.fix is FixClass.REVIEW
    after, _ = migrate_text(text, "python", "app.py", [found])
    assert after == text.replace('"gpt-3.5-turbo"', '"qwen-flash"')
    assert settings(registry, after) == []


def test_a_test_on_another_name_does_not_hold_the_default(registry):
    text = BRANCHED.replace("TEST", 'prompt.startswith("gpt-")')
    [found] = settings(registry, text)
    assert found.fix is FixClass.REVIEW
