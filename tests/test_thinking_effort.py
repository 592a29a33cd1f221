"""ML118 on a request that sends `reasoning_effort` only when it is set (magentic's
`reasoning_effort=_if_given(self.reasoning_effort)`): the provider's model thinks where none is
sent, so the request is reported, manual (the switch beside an effort would contradict it),
with the condition to write; a `reasoning_effort` that is a string on every path keeps the
request's choice, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

HEAD = (
    "import openai\n"
    "from openai import NOT_GIVEN, OpenAI\n\n"
    'c = OpenAI(api_key="unused", base_url="https://api.deepseek.com")\n'
)
SWITCH = '{"thinking": {"type": "disabled"}}'
THINKS = (
    "deepseek-v4-pro thinks before it answers unless told not to, which gpt-4o did not (replies "
    "and stream deltas carry reasoning_content, temperature is ignored, a tool loop must send "
    "the reasoning back)"
)
NOT_BESIDE = " (not beside a reasoning_effort, which asks for thinking)"


def migrate(registry, text, provider="deepseek"):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def ml118(change):
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.edit)
        for f in change.findings
        if f.rule == "ML118"
    ]


def method(effort: str, extra: str = "") -> str:
    return (
        "\n\nclass Model:\n"
        "    def __init__(self, effort=None):\n"
        "        self.effort = effort\n\n"
        "    def ask(self, messages):\n"
        "        return c.chat.completions.create(\n"
        f'            model="gpt-4o", messages=messages, reasoning_effort={effort}{extra}\n'
        "        )\n"
    )


HELPER = "\n\ndef _if_given(value):\n    return value if value is not None else openai.omit\n"


@pytest.mark.parametrize(
    ("effort", "subject"),
    [
        ("self.effort", "self.effort"),
        ("self.effort if self.effort is not None else openai.omit", "self.effort"),
        ("openai.omit if self.effort is None else self.effort", "self.effort"),
        ("self.effort or NOT_GIVEN", "self.effort"),
        ("_if_given(self.effort)", "self.effort"),
        ("pick(self.effort)", None),  # a function the module does not define
    ],
)
def test_an_effort_sent_only_when_set_gets_the_condition_to_write(registry, effort, subject):
    before = HEAD + HELPER + method(effort)
    change = migrate(registry, before)
    example = f", as in extra_body=None if {subject} is not None else {SWITCH}" if subject else ""
    message = (
        f"{THINKS}, also where reasoning_effort={effort} sends nothing: pass "
        f"extra_body={SWITCH} only there{example}{NOT_BESIDE}, by hand"
    )
    assert ml118(change) == [(16, "warning", "manual", message, None)]
    assert "thinking" not in change.after


def test_an_extra_body_of_its_own_is_named(registry):
    before = HEAD + method("self.effort", ', extra_body={"top_k": 1}')
    (found,) = ml118(migrate(registry, before))
    assert found[3] == (
        f"{THINKS}, also where reasoning_effort=self.effort sends nothing: add "
        f'"thinking": {{"type": "disabled"}} to the extra_body it sends only there{NOT_BESIDE}, '
        "by hand"
    )


@pytest.mark.parametrize(
    "program",
    [
        'c.chat.completions.create(model="gpt-4o", messages=[], reasoning_effort="low")\n',
        'EFFORT = "high"\nc.chat.completions.create(model="gpt-4o", messages=[], '
        "reasoning_effort=EFFORT)\n",
        "def ask(fast):\n    effort = 'low' if fast else 'high'\n"
        '    return c.chat.completions.create(model="gpt-4o", messages=[], '
        "reasoning_effort=effort)\n",
        "def ask(effort):\n"
        '    return c.chat.completions.create(model="gpt-4o", messages=[], '
        "reasoning_effort=effort)\n\n\n"
        'ask("low")\nask(effort="high")\n',
        'def ask(effort="low"):\n'
        '    return c.chat.completions.create(model="gpt-4o", messages=[], '
        "reasoning_effort=effort)\n\n\n"
        'ask()\nask("high")\n',
        method("self.effort").replace("effort=None", 'effort="low"') + '\n\nModel("high")\n',
    ],
)
def test_an_effort_sent_on_every_path_keeps_the_requests_choice(registry, program):
    assert ml118(migrate(registry, HEAD + program)) == []


@pytest.mark.parametrize(
    "calls",
    [
        "",  # no call in the module shows what is passed
        'ask("low")\nask(None)\n',
    ],
)
def test_a_parameter_a_call_may_leave_unset_is_reported(registry, calls):
    program = (
        "def ask(effort):\n"
        '    return c.chat.completions.create(model="gpt-4o", messages=[], '
        f"reasoning_effort=effort)\n\n\n{calls}"
    )
    assert [f[2] for f in ml118(migrate(registry, HEAD + program))] == ["manual"]


def test_a_model_chosen_at_run_time_gets_the_condition_in_its_note(registry):
    """magentic's OpenaiChatModel.complete: `model=self.model`, `_if_given(...)`."""
    before = HEAD + HELPER + method("_if_given(self.effort)").replace('"gpt-4o"', "self.model")
    assert ml118(migrate(registry, before)) == [
        (
            16,
            "note",
            "manual",
            "its model is chosen at run time, and every DeepSeek model that apply maps OpenAI's "
            "chat models to thinks before it answers unless told not to (replies and stream deltas "
            "carry reasoning_content, temperature is ignored), also where "
            "reasoning_effort=_if_given(self.effort) sends nothing: where the program wants "
            f"answers as OpenAI's gave them, pass extra_body={SWITCH} only there, as in "
            f"extra_body=None if self.effort is not None else {SWITCH}{NOT_BESIDE}",
            None,
        )
    ]


def test_the_stream_entry_is_still_written_without_the_switch(registry):
    """Zhipu (gpt-4.1-nano maps to glm-4.7-flash, which thinks): ML116's `tool_stream` goes
    in; ML118's switch, which would contradict an effort, does not."""
    before = (
        "from openai import OpenAI\n\n"
        'c = OpenAI(api_key="unused", base_url="https://open.bigmodel.cn/api/paas/v4")\n\n\n'
        "def ask(messages, tools, effort=None):\n"
        "    return c.chat.completions.create(\n"
        '        model="gpt-4.1-nano", messages=messages, tools=tools, stream=True,\n'
        "        reasoning_effort=effort,\n"
        "    )\n"
    )
    change = migrate(registry, before, "zhipu")
    assert [f[2] for f in ml118(change)] == ["manual"]
    assert '"tool_stream": True' in change.after
    assert "thinking" not in change.after
