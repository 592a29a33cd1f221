"""ML117 on an assistant turn whose role is not written as the literal "assistant": a
constant, an enum member's `.value` (magentic's `OpenaiMessageRole.ASSISTANT.value`), a
`str` enum's member, a plain class's attribute. The edit is the literal case's."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

HEAD = (
    "from enum import Enum, StrEnum\n\n"
    "from openai import OpenAI\n\n"
    "from roles import Imported\n\n"
    'c = OpenAI(api_key="unused", base_url="https://api.deepseek.com")\n'
)
STEP = (
    "\n\ndef step(messages, tools):\n"
    '    msg = c.chat.completions.create(model="m", messages=messages, tools=tools)'
    ".choices[0].message\n"
    "    messages.append({\n"
    '        "role": ROLE,\n'
    '        "tool_calls": msg.tool_calls,\n'
    "    })\n"
)
ADDED = '        "reasoning_content": getattr(msg, "reasoning_content", None),\n'
REJECTS = (
    "DeepSeek rejects the next request (HTTP 400, thinking mode) unless the assistant turn "
    "with tool calls gives back the reply's reasoning_content: "
)


def migrate(registry, text):
    ctx = RuleContext(registry, registry.get("deepseek"))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml117(change):
    return [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML117"]


ENUM = 'class Role(Enum):\n    ASSISTANT = "assistant"\n    USER = "user"\n'
STR_ENUM = 'class Role(str, Enum):\n    ASSISTANT = "assistant"\n'
STRENUM = 'class Role(StrEnum):\n    ASSISTANT = "assistant"\n'
PLAIN = 'class Role:\n    ASSISTANT: str = "assistant"\n'


@pytest.mark.parametrize(
    ("defined", "role"),
    [
        ('ROLE_ASSISTANT = "assistant"\n', "ROLE_ASSISTANT"),
        (ENUM, "Role.ASSISTANT.value"),
        (STR_ENUM, "Role.ASSISTANT.value"),
        (STR_ENUM, "Role.ASSISTANT"),
        (STRENUM, "Role.ASSISTANT"),
        (PLAIN, "Role.ASSISTANT"),
    ],
)
def test_a_role_that_is_assistant_gets_the_literal_cases_edit(registry, defined, role):
    before = HEAD + defined + STEP.replace("ROLE", role)
    change = migrate(registry, before)
    lines = before.count("\n")
    assert ml117(change) == [(lines - 3, "review", REJECTS + "apply adds it from msg")]
    assert change.after == before.replace("    })\n", ADDED + "    })\n")
    again = migrate(registry, change.after)
    assert again.after == change.after
    assert ml117(again) == []


@pytest.mark.parametrize(
    ("defined", "role"),
    [
        (ENUM, "Role.ASSISTANT"),  # a plain enum's member is no string
        (ENUM, "Role.USER.value"),
        (PLAIN, "Role.ASSISTANT.value"),
        ("", "Imported.ASSISTANT.value"),  # another module's class is not read
        ('ROLE = "assistant"\nROLE = "user"\n', "ROLE"),
        ('import os\nROLE = os.getenv("ROLE", "assistant")\n', "ROLE"),
        ('class Role(Base):\n    ASSISTANT = "assistant"\n', "Role.ASSISTANT"),
    ],
)
def test_a_role_not_shown_to_be_assistant_is_not_reported(registry, defined, role):
    assert ml117(migrate(registry, HEAD + defined + STEP.replace("ROLE", role))) == []


def test_a_parameters_default_is_not_the_role(registry):
    before = HEAD + STEP.replace("(messages, tools)", '(messages, tools, role="assistant")')
    assert ml117(migrate(registry, before.replace("ROLE", "role"))) == []


def test_magentics_turn_from_its_own_function_calls_is_left_to_a_person(registry):
    """magentic builds the turn from its FunctionCall objects, which keep no reasoning: the
    dict shows no reply to read it from."""
    before = (
        HEAD
        + 'class OpenaiMessageRole(Enum):\n    ASSISTANT = "assistant"\n\n\n'
        + "def to_openai(message):\n"
        + '    c.chat.completions.create(model="m", messages=[])\n'
        + "    return {\n"
        + '        "role": OpenaiMessageRole.ASSISTANT.value,\n'
        + '        "tool_calls": [block(call) for call in message.content],\n'
        + "    }\n"
    )
    change = migrate(registry, before)
    assert ml117(change) == [
        (
            14,
            "manual",
            REJECTS + 'add it as "reasoning_content" (from a stream, collect '
            "delta.reasoning_content as the tool calls are), by hand",
        )
    ]
    assert change.after == before
