"""A request dict bound to the name of the `**kwargs` parameter it spreads (t68a, agentscope's
`OpenAIChatModel.__call__`: `kwargs = {"model": ..., **kwargs}`, `kwargs["stream_options"] =
...`, `create(**kwargs)`).

The name was bound twice (the parameter, the dict), so the request's arguments were not
followed: ML111 and ML116 were missed, with check green, while every streamed request sent
`stream_options` and tools without `tool_stream` to Zhipu. The same function with the dict
named otherwise was reported. A rebinding in a statement of the function's body is now
followed like any other dict: uses after it read the dict, uses before it (or in its value)
the parameter.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .cli_findings import invoke, write

HEAD = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("ZAI_API_KEY"), base_url="https://open.bigmodel.cn/api/paas/v4"\n'
    ")\n\n\n"
)


def streamed(name: str) -> str:
    return HEAD + (
        "def ask(messages, tools, **kwargs):\n"
        f'    {name} = {{"model": "glm-5.3", "messages": messages, "stream": True, **kwargs}}\n'
        f'    {name}["tools"] = tools\n'
        f'    {name}["stream_options"] = {{"include_usage": True}}\n'
        f"    return client.chat.completions.create(**{name})\n"
    )


def migrate(registry, text: str, provider: str = "zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def rows(change, rules=("ML111", "ML116")) -> list[tuple]:
    return [(f.rule, f.line, f.fix.value, f.message) for f in change.findings if f.rule in rules]


STREAM_OPTIONS = (
    "stream_options= is not supported by Zhipu AI (GLM); remove it and count tokens another way "
    "(unconfirmed: one third-party source (AgentScope GLM formatter))"
)
TOOL_STREAM = (
    'Zhipu AI (GLM) streams tool calls only when extra_body sends "tool_stream": True beside '
    'stream=True: pass extra_body={"tool_stream": True} (apply adds none to a request built '
    "from **kwargs, which may hold one) (unconfirmed: documented for GLM-4.6 and later; what "
    "older models (glm-4-air-250414, glm-4-flash) do with tool_stream is not)"
)


@pytest.mark.parametrize("name", ["kwargs", "params"])
def test_the_dict_is_read_whatever_its_name(registry, name):
    change = migrate(registry, streamed(name))
    assert rows(change) == [
        ("ML111", 13, "manual", STREAM_OPTIONS),
        ("ML116", 14, "manual", TOOL_STREAM),
    ]
    assert change.after == streamed(name)


def test_check_is_red_on_the_rebound_kwargs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": streamed("kwargs")})
    code, out = invoke("check", "app.py", "--provider", "zhipu")
    assert code == 1
    assert out.splitlines() == [
        f"app.py:13:5 ML111 {STREAM_OPTIONS}",
        f"app.py:14:12 ML116 {TOOL_STREAM}",
        "2 findings for zhipu in 1 of 1 file; 0 error, 2 warning, 0 note",
    ]


def test_an_entry_set_at_the_top_is_fixed_as_for_any_dict(registry):
    def text(name: str, temperature: str) -> str:
        return HEAD.replace("ZAI", "ACME").replace(
            "https://open.bigmodel.cn/api/paas/v4", "https://api.acme.example/v1"
        ) + (
            "def ask(messages, **kwargs):\n"
            f'    {name} = {{"model": "acme-large", "messages": messages, **kwargs}}\n'
            f'    {name}["temperature"] = {temperature}\n'
            f"    return client.chat.completions.create(**{name})\n"
        )

    for name in ("kwargs", "params"):
        change = migrate(registry, text(name, "1.5"), "acme")
        assert rows(change) == [
            (
                "ML111",
                12,
                "review",
                "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
            )
        ]
        assert change.after == text(name, "1.0")
        again = migrate(registry, change.after, "acme")
        assert again.after == change.after
        assert [f for f in again.findings if f.edit is not None] == []


def test_a_use_before_the_rebinding_reads_the_parameter(registry):
    # the first request spreads what callers pass; the dict bound after it is not sent there
    text = HEAD + (
        "def ask(messages, **kwargs):\n"
        "    first = client.chat.completions.create(\n"
        '        model="glm-5.3", messages=messages, **kwargs\n'
        "    )\n"
        '    kwargs = {"stream_options": {"include_usage": True}}\n'
        "    return first, kwargs\n"
    )
    change = migrate(registry, text)
    assert rows(change) == []
    assert change.after == text


@pytest.mark.parametrize("name", ["kwargs", "params"])
def test_the_callers_entries_are_handed_on_whatever_its_name(registry, name):
    # a keyword the module's call gives the `**kwargs` the rebound dict spreads
    text = (
        HEAD.replace("ZAI", "ACME").replace(
            "https://open.bigmodel.cn/api/paas/v4", "https://api.acme.example/v1"
        )
        + "def ask(messages, **kwargs):\n"
        f'    {name} = {{"model": "acme-large", "messages": messages, **kwargs}}\n'
        f"    return client.chat.completions.create(**{name})\n\n\n"
        "ask([], temperature=1.5)\n"
    )
    change = migrate(registry, text, "acme")
    assert rows(change) == [
        (
            "ML111",
            15,
            "manual",
            "temperature 1.5 (argument temperature of ask(), sent as temperature= on line 12) "
            "is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    assert change.after == text
