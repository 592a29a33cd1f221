"""ML111 on `parallel_tool_calls` for DeepSeek (t56b D2): its API reference has no such
parameter and a user found no way to stop parallel calls, so the file says `false`
(uncertain). swarm sends it on every request with tools, as an entry it writes into the dict
the request spreads; airline's agents rely on `parallel_tool_calls=False`."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

SWARM = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def get_chat_completion(agent, history, tools, stream):\n"
    "    create_params = {\n"
    '        "model": agent.model,\n'
    '        "messages": history,\n'
    '        "tools": tools or None,\n'
    '        "tool_choice": agent.tool_choice,\n'
    '        "stream": stream,\n'
    "    }\n"
    "    if tools:\n"
    '        create_params["parallel_tool_calls"] = agent.parallel_tool_calls\n'
    "    return client.chat.completions.create(**create_params)\n"
)
UNSUPPORTED = (
    "parallel_tool_calls= is not supported by DeepSeek; remove it (unconfirmed: absent from "
    "the API reference (the copies in the store list tools and tool_choice only); a user "
    "found no way to stop parallel calls (2025, closed as stale); whether DeepSeek ignores or "
    "rejects the parameter is not documented)"
)


def migrate(registry, text, provider="deepseek"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "core.py", "core.py")


def ml111(change):
    return [
        (f.line, f.column, f.severity, f.fix, f.message)
        for f in change.findings
        if f.rule == "ML111"
    ]


def test_the_file_says_deepseek_takes_no_parallel_tool_calls(registry):
    deepseek = registry.get("deepseek")
    assert deepseek.params["parallel_tool_calls"] is False
    assert deepseek.is_uncertain("params", "parallel_tool_calls")
    urls = [s.url for s in deepseek.source_of("params", "parallel_tool_calls")]
    assert urls == [
        "https://api-docs.deepseek.com/zh-cn/api/create-chat-completion",
        "https://github.com/deepseek-ai/DeepSeek-V3/issues/883",
    ]


def test_swarms_subscript_write_is_reported_before_and_after_apply(registry):
    change = migrate(registry, SWARM)
    assert ml111(change) == [(15, 9, Severity.WARNING, FixClass.MANUAL, UNSUPPORTED)]
    line = change.after.splitlines().index(
        '        create_params["parallel_tool_calls"] = agent.parallel_tool_calls'
    )
    assert ml111(migrate(registry, change.after)) == [
        (line + 1, 9, Severity.WARNING, FixClass.MANUAL, UNSUPPORTED)
    ]


def test_a_keyword_in_the_call_is_reported_too(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "client.chat.completions.create(\n"
        '    model="gpt-4o", messages=[], tools=[], parallel_tool_calls=False\n'
        ")\n"
    )
    assert ml111(migrate(registry, text)) == [
        (5, 44, Severity.WARNING, FixClass.MANUAL, UNSUPPORTED)
    ]
    # a provider whose file says it takes the parameter: nothing to report
    assert ml111(migrate(registry, text, "doubao")) == []
