"""ML117 on an assistant turn a call of the program builds from the reply's fields (trial t52a,
OpenManus to Kimi: `Message.from_tool_calls(content=..., tool_calls=...)` drops the reply's
reasoning_content, and the second request of the tool loop got HTTP 400 while check was
green). The turn is reported where the module shows the request with tools to a model that
thinks, and where the reply comes from a call given `tools=` that another module makes the
request of, in a project using an OpenAI client."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.prefilter import prefilters

UNCONFIRMED = (
    " (unconfirmed: needed by the thinking models (kimi-k2.6 by default, kimi-k3); the error "
    "text is quoted by a third party, the official thinking-model guide was not read in full)"
)
HEAD = (
    "Moonshot AI (Kimi) rejects the next request (HTTP 400, thinking mode) unless the assistant "
    "turn with tool calls gives back the reply's reasoning_content: this turn is built by "
)
ADVICE = (
    'in the turn the program sends back (as "reasoning_content"), or send the reply message '
    'itself, or turn thinking off for these requests (extra_body={"thinking": {"type": '
    '"disabled"}}), by hand' + UNCONFIRMED
)
# the trial's repro r1b: a class of the module rebuilds the turn
AGENT = """import os
from openai import OpenAI

client = OpenAI(base_url=os.environ["LLM_BASE_URL"], api_key=os.environ["LLM_API_KEY"])

class Msg:
    def __init__(self, role, content=None, tool_calls=None, tool_call_id=None):
        self.role, self.content, self.tool_calls = role, content, tool_calls
        self.tool_call_id = tool_call_id
    def to_dict(self):
        return {"role": self.role, "content": self.content, "tool_calls": self.tool_calls}

def loop(model, history, tools):
    for _ in range(3):
        msg = client.chat.completions.create(
            model=model, messages=[m.to_dict() for m in history], tools=tools
        ).choices[0].message
        history.append(Msg("assistant", msg.content, msg.tool_calls))
        for tc in msg.tool_calls or []:
            history.append(Msg("tool", "42", tool_call_id=tc.id))
"""
# OpenManus's shape: the request in llm.py, the turn built in agent.py from what it returns
LLM = """from openai import AsyncOpenAI


class LLM:
    def __init__(self, model, base_url, api_key):
        self.model = model
        self.client = AsyncOpenAI(base_url=base_url, api_key=api_key)

    async def ask_tool(self, messages, tools=None, tool_choice="auto"):
        params = {"model": self.model, "messages": messages, "tools": tools}
        response = await self.client.chat.completions.create(**params, stream=False)
        return response.choices[0].message
"""
TOOLCALL = """from app.schema import Message


class ToolCallAgent:
    async def think(self):
        response = await self.llm.ask_tool(
            messages=self.messages, tools=self.tools.to_params(), tool_choice="auto"
        )
        self.tool_calls = tool_calls = (
            response.tool_calls if response and response.tool_calls else []
        )
        content = response.content if response and response.content else ""
        assistant_msg = (
            Message.from_tool_calls(content=content, tool_calls=self.tool_calls)
            if self.tool_calls
            else Message.assistant_message(content)
        )
        self.memory.add_message(assistant_msg)
        return bool(tool_calls)
"""


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def checked(
    root: Path, provider: str = "moonshot"
) -> tuple[int, list[tuple[str, int, int, str, str]]]:
    """`check --format json` in `root`: its exit code and the ML117 findings as (path, line,
    column, fix, message)."""
    result = CliRunner().invoke(
        app, ["check", str(root), "-p", provider, "--format", "json", "--no-cache"]
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (Path(f["path"]).name, f["line"], f["column"], f["fix"], f["message"])
        for f in findings
        if f["rule"] == "ML117"
    ]


def test_a_turn_a_class_of_the_module_builds_from_the_reply_is_reported(tmp_path):
    code, found = checked(project(tmp_path, {"agent.py": AGENT}))
    message = f"{HEAD}`Msg(...)` from the tool calls of `msg`, which does not carry it: keep "
    assert (code, found) == (
        1,
        [("agent.py", 18, 24, "manual", f"{message}msg.reasoning_content {ADVICE}")],
    )


def test_the_json_data_name_the_fields_and_the_builder(tmp_path):
    root = str(project(tmp_path, {"agent.py": AGENT}))
    result = CliRunner().invoke(
        app, ["check", root, "-p", "moonshot", "--format", "json", "--no-cache"]
    )
    data = [f["data"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML117"]
    assert data == [{"fields": ["reasoning_content"], "built_by": "Msg"}]


def test_a_provider_that_needs_nothing_back_has_nothing_to_report(tmp_path):
    assert checked(project(tmp_path, {"agent.py": AGENT}), "qwen") == (0, [])


def test_a_request_with_thinking_off_or_without_tools_is_not_counted(tmp_path):
    off = AGENT.replace(
        "tools=tools\n", 'tools=tools, extra_body={"thinking": {"type": "disabled"}}\n'
    )
    no_tools = AGENT.replace("tools=tools\n", "tools=None\n")
    for text in (off, no_tools):
        assert checked(project(tmp_path, {"agent.py": text}))[1] == []


def test_a_builder_given_the_reasoning_or_the_reply_is_not_reported(tmp_path):
    given = AGENT.replace(
        'Msg("assistant", msg.content, msg.tool_calls)',
        'Msg("assistant", msg.content, msg.tool_calls, msg.reasoning_content)',
    )
    whole = AGENT.replace(
        'Msg("assistant", msg.content, msg.tool_calls)', "Msg.of(msg, msg.tool_calls)"
    )
    for text in (given, whole):
        assert checked(project(tmp_path, {"agent.py": text}))[1] == []


def test_a_turn_the_program_does_not_keep_is_not_reported(tmp_path):
    logged = AGENT.replace(
        'history.append(Msg("assistant", msg.content, msg.tool_calls))',
        'print(Msg("assistant", msg.content, msg.tool_calls))',
    )
    assert checked(project(tmp_path, {"agent.py": logged}))[1] == []


def test_a_turn_built_from_the_reply_of_a_request_another_module_makes(tmp_path):
    """OpenManus: app/agent/toolcall.py imports nothing of openai; `self.llm.ask_tool(...)`
    is given tools and its reply's tool calls reach `Message.from_tool_calls(...)`."""
    root = project(tmp_path, {"app/llm.py": LLM, "app/agent/toolcall.py": TOOLCALL})
    message = (
        f"{HEAD}`Message.from_tool_calls(...)` from the tool calls of `response`, what "
        "`self.llm.ask_tool(...)` answers to a request with tools, which does not carry it: "
        "where that request goes to Moonshot AI (Kimi) with a model that thinks, keep "
        f"response.reasoning_content {ADVICE}"
    )
    assert checked(root) == (1, [("toolcall.py", 14, 13, "manual", message)])


def test_without_an_openai_client_in_the_project_such_a_turn_is_not_read(tmp_path):
    root = project(tmp_path, {"app/agent/toolcall.py": TOOLCALL})
    assert checked(root) == (0, [])


def test_without_tools_given_the_call_is_not_a_tool_request(tmp_path):
    text = TOOLCALL.replace("tools=self.tools.to_params(), ", "")
    root = project(tmp_path, {"app/llm.py": LLM, "app/agent/toolcall.py": text})
    assert checked(root)[1] == []


def test_such_a_module_passes_the_prefilter_only_for_a_provider_needing_turn_fields(registry):
    openai = registry.openai
    assert prefilters(openai, tool_turns=True)["python"].search(TOOLCALL)
    assert not prefilters(openai)["python"].search(TOOLCALL)
