"""The request-parameter checks follow a helper's parameter to the values the module's calls
pass it (ML111, ML114's dimensions), reported where each is passed; ML114 warns on an
embeddings input that holds tiktoken's token ids, without the batch advice."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
TOK_HEAD = "import tiktoken\n" + HEAD
MANUAL = FixClass.MANUAL
HELPER = (
    HEAD + "\n\ndef ask(m, tools=None, tool_choice=None):\n"
    "    return c.chat.completions.create(model=m, messages=m, tools=tools, "
    "tool_choice=tool_choice)\n\n\n"
)
QWEN_TC = (
    " is not accepted by Alibaba Qwen (DashScope / Model Studio) (accepted: none, auto){hint} "
    "(unconfirmed: older models only none/auto (2025-03); thinking mode rejects "
    "required/object (2026); no Alibaba page found)"
)
TOKENS = (
    " holds token ids from tiktoken's {method}(), which Acme Cloud may reject: they number "
    "OpenAI's tokens, not its models'; send text instead (split the text itself, or decode "
    "the ids with the same encoding)"
)


def findings(registry, text, provider="acme", rules=("ML111",)):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.rule, f.line, f.column, f.severity, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


def migrate(registry, text, provider="acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def test_a_named_tool_passed_to_a_helper_is_reported_where_passed(registry):
    text = (
        HELPER + 'ask(msgs, tools=t, tool_choice={"type": "function", "function": {"name": "f"}})\n'
    )
    hint = '; use "auto" and offer only that tool in tools='
    assert findings(registry, text, "qwen") == [
        (
            "ML111",
            9,
            32,
            Severity.WARNING,
            MANUAL,
            "a named tool in tool_choice (argument tool_choice of ask(), sent as tool_choice= "
            "on line 6)" + QWEN_TC.format(hint=hint),
        )
    ]


def test_required_passed_by_position_and_by_a_constant_each_reported(registry):
    text = HELPER + 'TC = "required"\nask(a, t, "required")\nask(b, t, tool_choice=TC)\nask(c, t)\n'
    hint = '; use "auto" and check that the model calls a tool'
    subject = (
        'tool_choice="required" (argument tool_choice of ask(), sent as tool_choice= on line 6)'
    )
    assert findings(registry, text, "qwen") == [
        ("ML111", 10, 11, Severity.WARNING, MANUAL, subject + QWEN_TC.format(hint=hint)),
        ("ML111", 11, 23, Severity.WARNING, MANUAL, subject + QWEN_TC.format(hint=hint)),
    ]


def test_accepted_values_passed_to_a_helper_are_silent(registry):
    text = HELPER + 'ask(a, t, tool_choice="auto")\nask(b, t, tool_choice=None)\nask(c)\n'
    assert findings(registry, text, "qwen") == []


def test_a_temperature_passed_to_a_helper_is_reported_without_an_edit(registry):
    text = (
        HEAD + "\n\ndef ask(m, temp):\n"
        "    return c.chat.completions.create(model=m, messages=[], temperature=temp)\n\n\n"
        "ask([], 1.5)\n"
    )
    assert findings(registry, text) == [
        (
            "ML111",
            9,
            9,
            Severity.WARNING,
            MANUAL,
            "temperature 1.5 (argument temp of ask(), sent as temperature= on line 6) is outside "
            "the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    assert migrate(registry, text).after.endswith("ask([], 1.5)\n")


def test_apply_leaves_the_helper_call_and_check_still_reports_it(registry):
    text = HELPER + 'ask(m, tools=t, tool_choice="required")\n'
    change = migrate(registry, text, "qwen")
    assert change.after.endswith('ask(m, tools=t, tool_choice="required")\n')
    again = findings(registry, change.after, "qwen")
    assert [(r, line, fix) for r, line, _, _, fix, _ in again] == [("ML111", 16, MANUAL)]


BOT = (
    HEAD + "\n\nclass Bot:\n    def ask(self, m, tool_choice=None):\n"
    "        return c.chat.completions.create(model=m, messages=[], tool_choice=tool_choice)\n"
)


def test_a_method_called_on_an_instance_of_unknown_class_is_not_followed(registry):
    text = BOT + "\n\nmake_bot().ask([], tool_choice='required')\n"
    assert findings(registry, text, "qwen") == []


def test_a_method_called_on_an_instance_the_call_makes_is_followed(registry):
    # `Bot()` is the module's class: its method is the one called (t56f S1)
    text = BOT + "\n\nBot().ask([], tool_choice='required')\n"
    hint = '; use "auto" and check that the model calls a tool'
    subject = (
        'tool_choice="required" (argument tool_choice of ask(), sent as tool_choice= on line 7)'
    )
    assert findings(registry, text, "qwen") == [
        ("ML111", 10, 27, Severity.WARNING, MANUAL, subject + QWEN_TC.format(hint=hint)),
    ]


def test_a_parameters_default_is_checked_where_it_is_written(registry):
    # TaskWeaver (t42a D1): top_p=0 went out as a helper's default, beside Zhipu's [0.01, 1]
    text = (
        HEAD + "\n\ndef ask(m, temp=1.5, top_p=0.5):\n"
        "    return c.chat.completions.create(\n"
        "        model=m, messages=[], temperature=temp, top_p=top_p\n    )\n\n\n"
        "ask([])\nask([], temp=0.2)\n"
    )
    assert findings(registry, text) == [
        (
            "ML111",
            5,
            17,
            Severity.WARNING,
            MANUAL,
            "temperature 1.5 (the default of temp of ask(), sent as temperature= on line 7) is "
            "outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]


def test_the_values_a_class_gives_an_attribute_are_checked(registry):
    text = (
        HEAD + "\n\nclass Bot:\n    def __init__(self, hot):\n"
        "        self.temp = 0.5\n        if hot:\n            self.temp = 1.5\n\n"
        "    def ask(self, m):\n"
        "        return c.chat.completions.create(model=m, messages=[], temperature=self.temp)\n"
    )
    assert findings(registry, text) == [
        (
            "ML111",
            12,
            76,
            Severity.WARNING,
            MANUAL,
            "temperature 1.5 (one of the values self.temp may hold, line 9) is outside the range "
            "Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]


def test_token_ids_as_embeddings_input_are_reported_without_batch_advice(registry):
    text = TOK_HEAD + (
        'toks = tiktoken.get_encoding("cl100k_base").encode(text)[:8191]\n'
        'c.embeddings.create(input=toks, model="text-embedding-3-small")\n'
    )
    found = findings(registry, text, "qwen", ("ML114",))
    assert [(line, col, sev, fix) for _, line, col, sev, fix, _ in found] == [
        (5, 1, Severity.NOTE, FixClass.REVIEW),
        (5, 27, Severity.WARNING, MANUAL),
    ]
    assert found[1][5] == (
        "input=toks holds token ids from tiktoken's encode(), which Alibaba Qwen (DashScope / "
        "Model Studio) may reject: they number OpenAI's tokens, not its models'; send text "
        "instead (split the text itself, or decode the ids with the same encoding)"
    )
    assert "batches" not in found[1][5]


def test_token_ids_through_an_encoding_name_list_and_a_list_of_them(registry):
    for value, method in (
        ("list(enc.encode_ordinary(text))", "encode_ordinary"),
        ("[enc.encode(a), enc.encode(b)]", "encode"),
        ("enc.encode_batch(texts)", "encode_batch"),
    ):
        text = TOK_HEAD + (
            'enc = tiktoken.encoding_for_model("gpt-4o")\n'
            f'c.embeddings.create(input={value}, model="acme-embed")\n'
        )
        found = findings(registry, text, rules=("ML114",))
        assert found[1:] == [
            (
                "ML114",
                5,
                27,
                Severity.WARNING,
                MANUAL,
                f"input={value}" + TOKENS.format(method=method),
            )
        ], value


def test_token_ids_passed_to_a_helper_are_reported_where_passed(registry):
    text = TOK_HEAD + (
        "\n\ndef embed(text_or_tokens):\n"
        '    return c.embeddings.create(input=text_or_tokens, model="acme-embed")\n\n\n'
        'embed(tiktoken.get_encoding("cl100k_base").encode(doc)[:8191])\n'
    )
    found = findings(registry, text, rules=("ML114",))
    assert found[1:] == [
        (
            "ML114",
            10,
            7,
            Severity.WARNING,
            MANUAL,
            "argument text_or_tokens of embed() (sent as input= on line 7)"
            + TOKENS.format(method="encode"),
        )
    ]


def test_encode_of_something_else_and_text_are_not_token_ids(registry):
    for value in ("text.encode()", "coder.encode(text)[:10]", '"hello"'):
        text = HEAD + f'c.embeddings.create(input={value}, model="acme-embed")\n'
        found = findings(registry, text, "qwen", ("ML114",))
        assert not any("token ids" in f[5] for f in found), value


def test_token_ids_on_openai_and_azure_are_not_reported(registry):
    text = TOK_HEAD + (
        'toks = tiktoken.get_encoding("cl100k_base").encode(text)\n'
        'c.embeddings.create(input=toks, model="text-embedding-3-small")\n'
    )
    for provider in ("openai", "azure"):
        found = findings(registry, text, provider, ("ML114",))
        assert not any("token ids" in f[5] for f in found), provider


def test_a_value_a_class_sets_in_its_body_is_checked(registry):
    text = (
        HEAD + "\n\nclass Bot:\n    temp: float = 1.5\n\n"
        "    def ask(self, m):\n"
        "        return c.chat.completions.create(model=m, messages=[], temperature=self.temp)\n"
    )
    assert [row[1:3] + row[5:] for row in findings(registry, text)] == [
        (
            9,
            76,
            "temperature 1.5 (one of the values self.temp may hold, line 6) is outside the range "
            "Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]


CHUNKED = (
    "from itertools import islice\n\n"
    "import tiktoken\n"
    "from openai import OpenAI\n\n"
    "c = OpenAI()\n\n\n"
    "def chunks(text, size):\n"
    '    tokens = iter(tiktoken.get_encoding("cl100k_base").encode(text))\n'
    "    out = []\n"
    "    while piece := list(islice(tokens, size)):\n"
    "        out.append(piece)\n"
    "    return out\n\n\n"
    "def send(**kwargs):\n"
    '    return c.embeddings.create(model="acme-embed", **kwargs)\n\n\n'
    "def embed(text):\n"
    "    inputs = []\n"
    "    inputs.extend(chunks(text, 8191))\n"
    "    return send(input=inputs)\n"
)


def test_token_ids_grown_by_a_helper_and_spread_through_kwargs_are_reported(registry):
    """t66d, kotaemon's embeddings: the ids of `iter(encode(text))`, cut by `islice` in a `:=`
    loop and appended by a helper whose return the caller `.extend()`s into its input, reach
    the request through the `**kwargs` of the function calling it: before, nothing reported
    them (check rc 0) and SiliconFlow was sent cl100k ids."""
    mixed = CHUNKED.replace(
        "    inputs.extend(chunks(text, 8191))\n",
        "    if len(text) > 8191:\n"
        "        inputs.extend(chunks(text, 8191))\n"
        "    else:\n"
        "        inputs.append(text)\n",
    )
    # the ids of a text too long, else the text itself (kotaemon's `input_`): the ids go on
    # one path
    assert [f[1:3] for f in findings(registry, mixed, rules=("ML114",))] == [(18, 12), (27, 23)]
    found = findings(registry, CHUNKED, rules=("ML114",))
    assert found[1:] == [
        (
            "ML114",
            24,
            23,
            Severity.WARNING,
            MANUAL,
            "input=inputs of send() (sent as input= through **kwargs on line 18)"
            + TOKENS.format(method="encode"),
        )
    ]


def test_a_list_grown_with_text_or_changed_otherwise_is_not_token_ids(registry):
    for before, after in (
        ("out.append(piece)", "out.append(str(piece))"),  # text appended
        ("    return out\n", "    out.insert(0, [])\n    return out\n"),  # not only grown
        ("    inputs = []\n", '    inputs = ["title"]\n'),  # not bound to `[]`
        ("return send(input=inputs)", "return send(input=[text])"),  # the text itself
    ):
        text = CHUNKED.replace(before, after)
        assert text != CHUNKED
        found = findings(registry, text, rules=("ML114",))
        assert [f for f in found if f[3] is Severity.WARNING] == [], after
