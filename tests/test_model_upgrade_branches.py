"""ML205 does not widen a comparison (or a membership test) whose branch sets the very value it
tests to another model (open-interpreter's `elif profile["llm"]["model"] ==
"gpt-4-turbo-preview": profile["llm"]["model"] = "gpt-4o"`: widened, a profile of the
provider's model was switched to OpenAI's `gpt-4o`)."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def findings(registry, text):
    return check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)


def rows(found, rule="ML205"):
    return [
        (f.line, f.column, f.severity.value, f.fix.value, f.message)
        for f in found
        if f.rule == rule
    ]


def migrate(registry, text):
    """(ML205's rows before, text after apply, ML205's rows after); a second apply edits
    nothing."""
    found = findings(registry, text)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = findings(registry, after)
    assert [f.message for f in again if f.edit is not None] == []
    return rows(found), after, rows(again)


def left(subject: str, value: str, line: int) -> str:
    return (
        f"apply leaves it: the branch sets `{subject}` to {value!r} on line {line}, an OpenAI "
        "model: accepting 'acme-small' here would turn it into that model as well, whichever "
        "OpenAI model was mapped to it or a person chose; Acme Cloud's models skip the branch "
        "and keep their own; make it accept them by hand only if they should take it, with an "
        "Acme Cloud model set there"
    )


def noted(subject: str, value: str, line: int) -> str:
    return (
        f"apply leaves it: the branch sets `{subject}` to {value!r} on line {line}: accepting "
        "'acme-small' here would turn it into that model as well, whichever OpenAI model was "
        "mapped to it or a person chose; Acme Cloud's models skip the branch and keep their own"
    )


COMPARED = (
    "comparison with OpenAI model 'gpt-3.5-turbo-0301': Acme Cloud's model names never equal it; "
)

PROFILES = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def upgrade(profile):\n"
    '    if profile["llm"]["model"] == "gpt-3.5-turbo-0301":\n'
    '        profile["llm"]["model"] = "gpt-4o"\n'
    "    return profile\n\n\n"
    "def ask(profile):\n"
    '    return client.chat.completions.create(model=upgrade(profile)["llm"]["model"], '
    "messages=[])\n"
)


def test_a_branch_setting_the_tested_entry_to_an_openai_model_is_not_widened(registry):
    """open-interpreter's profile upgrade: ML204 maps the model the branch sets; the test
    stays, so a profile of Acme Cloud's model keeps it."""
    before, after, again = migrate(registry, PROFILES)
    subject = 'profile["llm"]["model"]'
    assert before == [(7, 35, "warning", "manual", COMPARED + left(subject, "gpt-4o", 8))]
    assert "\n" + after.split("\n\n\n", 1)[1] == (
        "\ndef upgrade(profile):\n"
        '    if profile["llm"]["model"] == "gpt-3.5-turbo-0301":\n'
        '        profile["llm"]["model"] = "acme-large"\n'
        "    return profile\n\n\n"
        "def ask(profile):\n"
        '    return client.chat.completions.create(model=upgrade(profile)["llm"]["model"], '
        "messages=[])\n"
    )
    assert again == [(12, 35, "note", "none", COMPARED + noted(subject, "acme-large", 13))]


def test_a_branch_setting_an_openai_model_for_litellm_stays_manual(registry):
    """The model litellm is given: ML204 writes the provider's route; the test is left."""
    text = (
        "import litellm\n\n\ndef ask(model):\n"
        '    if model == "gpt-3.5-turbo-0301":\n        model = "gpt-4o"\n'
        "    return litellm.completion(model=model, messages=[])\n"
    )
    before, after, again = migrate(registry, text)
    assert before == [(5, 17, "warning", "manual", COMPARED + left("model", "gpt-4o", 6))]
    assert after == text.replace('"gpt-4o"', '"acme/acme-large"')
    assert again == [(5, 17, "note", "none", COMPARED + noted("model", "acme/acme-large", 6))]


@pytest.mark.parametrize(
    ("test", "line"),
    [
        pytest.param('m != "gpt-3.5-turbo-0301":\n        return m\n    else:', 5, id="not-equal"),
        pytest.param('m == "gpt-3.5-turbo-0301" and upgrade:', 3, id="and"),
        pytest.param('m == "gpt-3.5-turbo-0301" or m == "x":', 3, id="or"),
    ],
)
def test_the_branch_taken_where_the_model_equals_it_is_read(registry, test, line):
    text = f'def pick(m, upgrade):\n    if {test}\n        m = "gpt-4o"\n    return m\n'
    before, after, _ = migrate(registry, text)
    assert before == [(2, 13, "warning", "manual", COMPARED + left("m", "gpt-4o", line))]
    assert after == text.replace('"gpt-4o"', '"acme-large"')


def test_a_membership_test_whose_branch_sets_the_tested_name_is_not_widened(registry):
    text = (
        "def pick(m):\n"
        '    if m in ("gpt-3.5-turbo-0301", "gpt-3.5-turbo-0613"):\n'
        '        m = "gpt-4o"\n    return m\n'
    )
    before, after, again = migrate(registry, text)
    listed = (
        "'gpt-3.5-turbo-0301', 'gpt-3.5-turbo-0613' in a tuple are OpenAI model ids: code that "
        "checks models against them may reject Acme Cloud's models; "
    )
    assert before == [(2, 14, "warning", "manual", listed + left("m", "gpt-4o", 3))]
    assert after == text.replace('"gpt-4o"', '"acme-large"')
    assert again == [(2, 14, "note", "none", listed + noted("m", "acme-large", 3))]


def test_a_branch_setting_what_the_model_maps_to_is_left_with_a_note(registry):
    """Accepting it there would change nothing of the model; apply still leaves the test, so
    that a second run does what the first did."""
    text = (
        'def pick(m):\n    if m == "gpt-3.5-turbo-0301":\n        m = "acme-small"\n    return m\n'
    )
    before, after, _ = migrate(registry, text)
    assert before == [
        (
            2,
            13,
            "note",
            "none",
            COMPARED + "apply leaves it: the branch sets `m` to 'acme-small' on line 3: Acme "
            "Cloud's models skip the branch and keep their own",
        )
    ]
    assert after == text


def test_a_branch_setting_another_name_is_still_widened(registry):
    text = (
        'def pick(m):\n    if m == "gpt-3.5-turbo-0301":\n        n = "acme-large"\n'
        "        return n\n    return m\n"
    )
    before, after, _ = migrate(registry, text)
    assert before == [
        (
            2,
            13,
            "warning",
            "review",
            "comparison with OpenAI model 'gpt-3.5-turbo-0301': Acme Cloud's model names never "
            "equal it, so the branch would change after the switch; apply makes it accept "
            "'acme-small' as well (what 'gpt-3.5-turbo-0301' maps to)",
        )
    ]
    assert after == text.replace(
        'm == "gpt-3.5-turbo-0301"', 'm in ("gpt-3.5-turbo-0301", "acme-small")'
    )
