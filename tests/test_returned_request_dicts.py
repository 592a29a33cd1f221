"""A request's `**mapping` built by another method or function of the module (t64c D1).

vocode's ChatGPTAgent builds `{messages, max_tokens, temperature, model, functions}` in
`get_chat_parameters()` and spreads it in `_create_openai_stream(self, chat_parameters)`,
whose caller binds the name to the builder's result in two branches: none of the entries was
read, so after `apply` `check` was green while Moonshot refused `functions=` (HTTP 400) and
kimi-k2.6 the temperature it fixes. The mapping a parameter spreads is now read at the
module's calls of its function (a method's through `self.<name>(...)`), one call up, as the
mapping a builder returns (`self._params(...)`, or a function of the module by its name)."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import FUNCTIONS_REFUSED, LoopbackServer
from .program_runner import run_python

AGENT = """import os
from typing import Any, Dict

from openai import OpenAI

FUNCTIONS = [{"name": "end_call", "parameters": {"type": "object", "properties": {}}}]


class Agent:
    def __init__(self, model="gpt-4o", temperature=0.7, max_tokens=256):
        self.client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
        self.model = model
        self.temperature = temperature
        self.max_tokens = max_tokens

    def chat_parameters(self, text: str) -> Dict[str, Any]:
        params: Dict[str, Any] = {
            "messages": [{"role": "user", "content": text}],
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
        }
        params["model"] = self.model
        params["functions"] = FUNCTIONS
        return params

    def _send(self, chat_parameters: Dict[str, Any]):
        return self.client.chat.completions.create(**chat_parameters)

    def ask(self, text: str, short: bool = False):
        chat_parameters = {}
        if short:
            chat_parameters = self.chat_parameters(text[:100])
        else:
            chat_parameters = self.chat_parameters(text)
        chat_parameters["stream"] = False
        return self._send(chat_parameters)


print(Agent().ask("please end the call").choices[0].message.content)
"""

MODULE_FUNCTION = """from openai import OpenAI

client = OpenAI()


def build(text):
    params = {"model": "gpt-4o", "messages": [{"role": "user", "content": text}]}
    params["functions"] = [{"name": "f", "parameters": {}}]
    return params


def ask(text):
    params = build(text)
    return client.chat.completions.create(**params)
"""

ML111 = (
    "functions= is not supported by Moonshot AI (Kimi); rewrite it as tools=, then read the "
    "calls from the reply's message.tool_calls[i].function.name and .arguments (not "
    "message.function_call) and send back the assistant message with its tool_calls and each "
    'result as {"role": "tool", "tool_call_id": ..., "content": ...}'
)


def compat(registry, text: str, codes: tuple[str, ...]) -> list[tuple[int, int, str]]:
    ctx = RuleContext(registry, registry.get("moonshot"))
    return [
        (f.line, f.column, f.rule) for f in check_python(text, ctx, PYTHON_RULES) if f.rule in codes
    ]


def test_entries_of_a_builder_s_mapping_spread_by_a_parameter_are_read(registry):
    # the entries written in the builder, and the key set on it there; ML118 knows the model
    assert compat(registry, AGENT, ("ML111", "ML112", "ML115", "ML118")) == [
        (19, 13, "ML112"),
        (20, 13, "ML115"),
        (23, 9, "ML111"),
        (27, 16, "ML118"),
    ]
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = {f.rule: f for f in check_python(AGENT, ctx, PYTHON_RULES)}
    assert found["ML111"].message == ML111
    assert found["ML118"].severity.value == "warning"
    assert found["ML118"].message.startswith(
        "kimi-k2.6 (the default of model of Agent()) thinks before it answers unless told not "
        "to, which gpt-4o did not"
    )


def test_a_module_function_s_returned_mapping_is_read(registry):
    assert compat(registry, MODULE_FUNCTION, ("ML111", "ML118")) == [
        (8, 5, "ML111"),
        (14, 12, "ML118"),
    ]


def test_a_parameter_is_followed_one_call_up_only(registry):
    # `_send` gets the mapping from `relay`'s parameter, which its caller fills: two calls up
    text = AGENT.replace(
        "        return self._send(chat_parameters)\n",
        "        return self.relay(chat_parameters)\n\n"
        "    def relay(self, given):\n"
        "        return self._send(given)\n",
    )
    assert compat(registry, text, ("ML111", "ML112", "ML115")) == []


def _env(provider, server, tmp_path) -> dict[str, str]:
    path = urlsplit(provider.base_url).path.rstrip("/")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {provider.api_key_env: "test-key", provider.base_url_env: server.base + path}
    return network_guard.subprocess_env(env, tmp_path / "guard")


def test_check_fails_where_the_provider_refuses_the_migrated_request(
    registry, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agent.py").write_text(AGENT)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.output
    migrated = (tmp_path / "agent.py").read_text()
    assert migrated == AGENT.replace(
        '    def __init__(self, model="gpt-4o", temperature=0.7, max_tokens=256):\n'
        '        self.client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
        '    def __init__(self, model="kimi-k2.6", temperature=0.7, max_tokens=256):\n'
        "        self.client = OpenAI(\n"
        '            base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        '            api_key=os.environ["MOONSHOT_API_KEY"],\n'
        "        )\n",
    )
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert [line.split(" ")[:2] for line in lines[:-1]] == [
        ["agent.py:22:13", "ML112"],
        ["agent.py:23:13", "ML115"],
        ["agent.py:26:9", "ML111"],
        ["agent.py:30:16", "ML118"],
    ]
    assert lines[-1] == "4 findings for moonshot in 1 of 1 file; 0 error, 4 warning, 0 note"

    # what check reports is what the provider refuses
    provider = registry.get("moonshot")
    server = LoopbackServer.for_provider(provider).start()
    try:
        proc = run_python(["agent.py"], cwd=tmp_path, env=_env(provider, server, tmp_path))
        assert network_guard.blocked_hosts(tmp_path / "guard") == []
        assert proc.returncode == 1
        assert FUNCTIONS_REFUSED in proc.stderr
        (sent,) = server.requests
        assert sent.path == "/v1/chat/completions"
        assert (sent.body["model"], sent.body["temperature"], sent.body["max_tokens"]) == (
            "kimi-k2.6",
            0.7,
            256,
        )
        assert sent.body["functions"][0]["name"] == "end_call"
    finally:
        server.stop()
