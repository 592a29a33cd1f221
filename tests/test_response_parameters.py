"""A response passed to a function of the module that reads it as a dict (t52g D4): gptcache's
README examples had `def response_text(r): return r["choices"][0]["message"]["content"]`, called
with the response of a call apply migrated; the helper kept its subscripts (TypeError:
'ChatCompletion' object is not subscriptable) and `check` was green."""

from __future__ import annotations

from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied

HELPER = """import openai


def text(resp):
    return resp["choices"][0]["message"]["content"]


def ask(q):
    r = openai.ChatCompletion.create(model="acme-large", messages=[{"role": "user", "content": q}])
    return text(r)
"""

HELPER_AFTER = """import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)


def text(resp):
    return resp.choices[0].message.content


def ask(q):
    r = client.chat.completions.create(
        model="acme-large", messages=[{"role": "user", "content": q}]
    )
    return text(r)
"""


def ml305(registry, text: str) -> list[tuple[int, FixClass, str]]:
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_python(text, ctx, PYTHON_RULES)
    return [(f.line, f.fix, f.message) for f in found if f.rule == "ML305"]


def test_a_parameter_every_call_passes_a_response_is_a_response(registry):
    assert ml305(registry, HELPER) == [
        (
            5,
            FixClass.SAFE,
            "openai 1.0 returns objects, not dicts; write resp.choices[0].message.content",
        )
    ]
    assert applied(registry, HELPER, "acme") == HELPER_AFTER


def test_after_apply_check_still_reports_the_helper(registry):
    # the module as an earlier apply left it
    migrated = HELPER_AFTER.replace(
        "resp.choices[0].message.content", 'resp["choices"][0]["message"]["content"]'
    )
    assert ml305(registry, migrated) == [
        (
            12,
            FixClass.SAFE,
            "openai 1.0 returns objects, not dicts; write resp.choices[0].message.content",
        )
    ]


def test_a_parameter_also_given_a_dict_or_used_as_a_value_is_reported_not_rewritten(registry):
    partly = HELPER.replace("    return text(r)\n", '    return text(r), text({"choices": []})\n')
    shown = (
        "openai 1.0 returns objects, not dicts, and resp holds one only on some paths (a "
        "response comes from line 10); where it holds a response, write "
        "resp.choices[0].message.content"
    )
    assert ml305(registry, partly) == [(5, FixClass.MANUAL, shown)]
    mapped = HELPER.replace("    return text(r)\n", "    return text(r), list(map(text, [r]))\n")
    assert [fix for _, fix, _ in ml305(registry, mapped)] == [FixClass.MANUAL]
