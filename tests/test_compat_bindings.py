"""The parameter checks on a name bound in several places (`if json: rf = {...}` / `else:
rf = None`): each assignment that may reach the request is read, and one the provider does
not accept is reported (manual), the message saying it is one of the values the name holds."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
MANUAL, SAFE, REVIEW = FixClass.MANUAL, FixClass.SAFE, FixClass.REVIEW


def findings(registry, text, provider="acme", rules=("ML111",)):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.rule, f.line, f.column, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


def migrated(registry, text, provider="acme"):
    """The function `text` defines, once migrated (apply points the client elsewhere)."""
    ctx = RuleContext(registry, registry.get(provider))
    after = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after
    return function(after)


def function(text: str) -> str:
    return text[text.index("def ") :]


def branches(name: str, first: str, second: str, keyword: str) -> str:
    return HEAD + (
        "\n\ndef ask(m, mode):\n"
        '    if mode == "a":\n'
        f"        {name} = {first}\n"
        "    else:\n"
        f"        {name} = {second}\n"
        f"    return c.chat.completions.create(model=m, messages=[], {keyword}={name})\n"
    )


def test_a_json_schema_in_one_branch_is_reported(registry):
    schema = '{"type": "json_schema", "json_schema": {"name": "r", "schema": {}}}'
    text = branches("rf", schema, "None", "response_format")
    assert findings(registry, text, "deepseek") == [
        (
            "ML111",
            10,
            76,
            MANUAL,
            'response_format type "json_schema" (one of the values rf may hold, line 7) is not '
            "accepted by DeepSeek (accepted: text, json_object); use json_object and describe "
            "the schema in the prompt",
        )
    ]
    assert migrated(registry, text, "deepseek") == function(text)


def test_a_key_set_later_on_one_binding_still_reports_it(registry):
    text = HEAD + (
        "\n\ndef ask(m, schema):\n"
        "    rf = None\n"
        "    if schema:\n"
        '        rf = {"type": "json_schema"}\n'
        '        rf["json_schema"] = schema\n'
        "    return c.chat.completions.create(model=m, messages=[], response_format=rf)\n"
    )
    assert [m for *_, m in findings(registry, text)] == [
        'response_format type "json_schema" (one of the values rf may hold, line 8) is not '
        "accepted by Acme Cloud (accepted: text, json_object); use json_object and describe "
        "the schema in the prompt"
    ]


def test_every_reaching_binding_that_is_refused_is_named(registry):
    text = branches("tc", '"required"', '{"type": "function", "function": {}}', "tool_choice")
    assert findings(registry, text) == [
        (
            "ML111",
            10,
            72,
            MANUAL,
            'tool_choice="required" (one of the values tc may hold, lines 7 and 9) is not '
            'accepted by Acme Cloud (accepted: auto, none); use "auto" and check that the '
            "model calls a tool",
        )
    ]


def test_a_temperature_out_of_range_in_one_branch_is_left_to_a_person(registry):
    text = branches("t", "0.5", "1.5", "temperature")
    assert findings(registry, text) == [
        (
            "ML111",
            10,
            72,
            MANUAL,
            "temperature 1.5 (one of the values t may hold, line 9) is outside the range Acme "
            "Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    assert migrated(registry, text) == function(text)


def test_n_over_the_maximum_in_one_branch(registry):
    assert [m for *_, m in findings(registry, branches("k", "1", "4", "n"))] == [
        "n=4 (one of the values k may hold, line 9) asks for more choices than Acme Cloud "
        "returns (at most 1); make several requests instead"
    ]


def test_accepted_none_or_unknown_values_are_silent(registry):
    assert (
        findings(registry, branches("rf", '{"type": "json_object"}', "None", "response_format"))
        == []
    )
    assert findings(registry, branches("tc", '"auto"', "choose(m)", "tool_choice")) == []
    assert findings(registry, branches("t", "0.2", "1.0", "temperature")) == []
    # a binding further down the same straight-line code does not reach the request
    later = HEAD + (
        "\n\ndef ask(m):\n"
        "    t = 0.5\n"
        "    c.chat.completions.create(model=m, messages=[], temperature=t)\n"
        "    t = 1.5\n"
        "    return t\n"
    )
    assert findings(registry, later) == []


def test_one_binding_is_read_as_before(registry):
    text = HEAD + 'TC = "required"\nc.chat.completions.create(model=m, tool_choice=TC)\n'
    assert [m for *_, m in findings(registry, text)] == [
        'tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); use "auto" '
        "and check that the model calls a tool"
    ]
    # a json_schema format held so is ML101's error (its request asks for structured outputs)
    schema = (
        HEAD
        + 'RF = {"type": "json_schema"}\nc.chat.completions.create(model=m, response_format=RF)\n'
    )
    assert [(r, line) for r, line, *_ in findings(registry, schema, rules=("ML101", "ML111"))] == [
        ("ML101", 4)
    ]
    constant = HEAD + "T = 2\nc.chat.completions.create(model=m, messages=[], temperature=T)\n"
    assert [m for *_, m in findings(registry, constant)] == [
        "temperature 2 (constant T) is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1"
    ]


def test_developer_messages_of_each_binding_become_system(registry):
    text = branches(
        "msgs",
        '[{"role": "developer", "content": "a"}]',
        '[{"role": "developer", "content": "b"}]',
        "messages",
    ).replace("messages=[], ", "")
    assert [
        (r, line, fix) for r, line, _, fix, _ in findings(registry, text, "qwen", ("ML113",))
    ] == [
        ("ML113", 7, SAFE),
        ("ML113", 9, SAFE),
    ]
    after = migrated(registry, text, "qwen")
    assert after == function(text).replace('"developer"', '"system"')
    assert migrated(registry, HEAD + after, "qwen") == after


def test_dimensions_refused_in_one_branch(registry):
    text = HEAD + (
        "\n\ndef embed(x, wide):\n"
        "    if wide:\n"
        "        d = 1536\n"
        "    else:\n"
        "        d = 1024\n"
        '    return c.embeddings.create(model="acme-embed", input=[x], dimensions=d)\n'
    )
    assert [
        (line, message) for _, line, _, _, message in findings(registry, text, rules=("ML114",))
    ] == [
        (
            10,
            "vectors from acme-embed (dimensions=d) are not comparable with stored OpenAI "
            "vectors: re-embed what you store",
        ),
        (
            10,
            "dimensions=1536 (one of the values d may hold, line 7) is not offered by Acme "
            "Cloud (offered: 1024)",
        ),
    ]


def test_a_stream_flag_true_in_one_branch_needs_the_extra_body(registry):
    text = branches("s", "True", "False", "stream").replace("messages=[]", "messages=[], tools=T")
    after = migrated(registry, text)
    assert after == function(text).replace(
        "create(model=m,", 'create(\n        extra_body={"tool_stream": True}, model=m,'
    ).replace("stream=s)", "stream=s\n    )")
    assert findings(registry, HEAD + after, rules=("ML116",)) == []
    assert migrated(registry, HEAD + after) == after
