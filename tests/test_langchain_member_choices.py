"""ML111 and ML604 where the chat model another object holds may be ChatOpenAI or another
provider's class, chosen when the program runs (t68: quivr's `LLMEndpoint.from_config` builds
ChatOpenAI, ChatAnthropic, ChatMistralAI... by its config's supplier and hands it to `cls(llm=)`;
`self.llm_endpoint._llm.bind_tools(tools, tool_choice="any")` and its json_schema structured
output stayed silent, so `check` was green after apply while Zhipu refused both). Any value that
is the OpenAI chat class apply moves to the provider makes a warning, left to a person: the fix
need not suit the other classes. The other module's bytes key the caller's cached results
(`RunFacts.member_holders`)."""

from __future__ import annotations

import json
import os
import time

from typer.testing import CliRunner

from migrate_llm.cli import app

ENDPOINT = """import os

from langchain_anthropic import ChatAnthropic
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_openai import ChatOpenAI


class Endpoint:
    def __init__(self, llm: BaseChatModel):
        self._llm = llm

    @classmethod
    def from_config(cls, vendor: str = "openai") -> "Endpoint":
        if vendor == "anthropic":
            _llm = ChatAnthropic(model="claude-sonnet-4-5")
        else:
            _llm = ChatOpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])
        return cls(llm=_llm)
"""

RAG = """from pydantic import BaseModel

from app.endpoint import Endpoint


class Answer(BaseModel):
    text: str


class Rag:
    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    def cite(self, q: str):
        return self.endpoint._llm.bind_tools([Answer], tool_choice="any").invoke(q)

    def split(self, q: str) -> Answer:
        return self.endpoint._llm.with_structured_output(Answer).invoke(q)
"""

HELD = (
    "ChatOpenAI() (held as Endpoint._llm in endpoint.py, which may also hold other providers' "
    "classes: ChatAnthropic())"
)
ZHIPU = [
    (
        "ML111",
        15,
        "warning",
        "manual",
        f'tool_choice="any" of {HELD}.bind_tools() is sent by langchain-openai as "required", '
        'which Zhipu AI (GLM) does not accept (accepted: auto); use "auto" and check that '
        "the model calls a tool",
    ),
    (
        "ML604",
        18,
        "warning",
        "manual",
        f"with_structured_output(Answer) of {HELD} asks for structured outputs by "
        "response_format json_schema (langchain-openai>=0.3.0's default method); Zhipu AI "
        "(GLM) has no OpenAI-compatible structured_outputs API; its file lists no named "
        'tool_choice either, so method="function_calling" may fail too: describe the JSON in '
        'the prompt and pass method="json_mode", by hand',
    ),
]


def project(root, endpoint: str = ENDPOINT) -> None:
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "endpoint.py").write_text(endpoint)
    (root / "app" / "rag.py").write_text(RAG)


def rag_findings(command: str, provider: str, *options: str) -> tuple[int, list[tuple]]:
    done = CliRunner().invoke(
        app, [command, ".", "--provider", provider, "--format", "json", *options]
    )
    found = json.loads(done.stdout)["findings"]
    return done.exit_code, [
        (f["rule"], f["line"], f["severity"], f["fix"], f["message"])
        for f in found
        if f["path"] == "app/rag.py"
    ]


def test_zhipu_warns_of_both_calls_before_and_after_apply(tmp_path, monkeypatch):
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert rag_findings("scan", "zhipu", "--no-cache") == (0, ZHIPU)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app" / "rag.py").read_text() == RAG  # nothing for apply to write
    assert "ZAI_API_KEY" in (tmp_path / "app" / "endpoint.py").read_text()
    assert rag_findings("check", "zhipu", "--no-cache") == (1, ZHIPU)


def test_deepseek_is_told_the_method_but_apply_leaves_it(tmp_path, monkeypatch):
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, found = rag_findings("scan", "deepseek", "--no-cache")
    assert (code, [f[:4] for f in found]) == (0, [("ML604", 18, "warning", "manual")])
    assert found[0][4].startswith(f"with_structured_output(Answer) of {HELD} asks for ")
    assert found[0][4].endswith(
        'where it holds ChatOpenAI, pass method="function_calling" (the schema sent as a '
        "forced tool call, which DeepSeek takes), by hand: apply leaves it, as it need not "
        "suit the other classes"
    )
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app" / "rag.py").read_text() == RAG


def test_every_value_the_openai_class_keeps_the_direct_findings(tmp_path, monkeypatch):
    # both branches ChatOpenAI: as before, an edit for deepseek, ML604 an error, no other class
    endpoint = ENDPOINT.replace('ChatAnthropic(model="claude-sonnet-4-5")', "ChatOpenAI()")
    project(tmp_path, endpoint)
    monkeypatch.chdir(tmp_path)
    code, found = rag_findings("scan", "deepseek", "--no-cache")
    assert (code, [f[:4] for f in found]) == (0, [("ML604", 18, "error", "review")])
    assert "may also hold" not in found[0][4]
    code, found = rag_findings("scan", "zhipu", "--no-cache")
    assert [f[:4] for f in found] == [
        ("ML111", 15, "warning", "manual"),
        ("ML604", 18, "error", "manual"),
    ]


def test_no_value_the_openai_class_is_left(tmp_path, monkeypatch):
    endpoint = ENDPOINT.replace(
        'ChatOpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])',
        'ChatOpenAI(model="llama3", base_url="http://localhost:11434/v1")',
    )
    project(tmp_path, endpoint)
    monkeypatch.chdir(tmp_path)
    assert rag_findings("scan", "zhipu", "--no-cache") == (0, [])


def _touch_later(path) -> None:
    later = time.time() + 5  # past the cache's check of a file modified within its clock tick
    os.utime(path, (later, later))


def test_editing_only_the_endpoint_module_reaches_a_cached_scan(tmp_path, monkeypatch):
    """The endpoint's module keys the caller's cached results (`RunFacts.member_holders`):
    pointing its ChatOpenAI at a server of the program's own clears the caller's findings, and
    adding ChatOpenAI to a module that had none brings them back."""
    local = ENDPOINT.replace(
        'ChatOpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])',
        'ChatOpenAI(model="llama3", base_url="http://localhost:11434/v1")',
    )
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert rag_findings("scan", "zhipu") == (0, ZHIPU)
    assert rag_findings("scan", "zhipu") == (0, ZHIPU)  # warm
    endpoint = tmp_path / "app" / "endpoint.py"
    endpoint.write_text(local)
    _touch_later(endpoint)
    assert rag_findings("scan", "zhipu") == (0, [])
    # a module building no OpenAI class at all, then one that does
    anthropic_only = ENDPOINT.replace(
        'ChatOpenAI(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"])',
        'ChatAnthropic(model="claude-haiku-4-5")',
    ).replace("from langchain_openai import ChatOpenAI\n", "")
    endpoint.write_text(anthropic_only)
    _touch_later(endpoint)
    assert rag_findings("scan", "zhipu") == (0, [])
    endpoint.write_text(ENDPOINT)
    _touch_later(endpoint)
    assert rag_findings("scan", "zhipu") == (0, ZHIPU)


def test_an_azure_class_among_the_values_is_named_as_another(tmp_path, monkeypatch):
    # AzureChatOpenAI stays on Azure OpenAI: named among the others, the message shows the
    # ChatOpenAI that moves, whichever branch comes first
    endpoint = ENDPOINT.replace(
        "from langchain_openai import ChatOpenAI",
        "from langchain_openai import AzureChatOpenAI, ChatOpenAI",
    ).replace(
        'if vendor == "anthropic":\n            _llm = ChatAnthropic(model="claude-sonnet-4-5")',
        'if vendor == "azure":\n'
        '            _llm = AzureChatOpenAI(azure_deployment="gpt-4o", api_version="2024-10-21")',
    )
    endpoint = endpoint.replace(
        '        else:\n            _llm = ChatOpenAI(model="gpt-4o"',
        '        elif vendor == "anthropic":\n'
        '            _llm = ChatAnthropic(model="claude-sonnet-4-5")\n'
        '        else:\n            _llm = ChatOpenAI(model="gpt-4o"',
    )
    project(tmp_path, endpoint)
    monkeypatch.chdir(tmp_path)
    held = HELD.replace("ChatAnthropic())", "AzureChatOpenAI(), ChatAnthropic())")
    code, found = rag_findings("scan", "zhipu", "--no-cache")
    assert (code, found) == (0, [(*f[:4], f[4].replace(HELD, held)) for f in ZHIPU])


OWN_MEMBER = """from langchain_openai import ChatOpenAI


class Agent:
    def __init__(self):
        self.llm = ChatOpenAI(model="gpt-4o")

    def ask(self, tools, q):
        return self.llm.bind_tools(tools).invoke(q)
"""


def test_a_class_asking_its_own_member_keys_no_other_module():
    """`self.llm.bind_tools(`: the class's own attribute, which `member_read` does not follow
    (it follows `name.X.` and `self.X.Y.`): no ASKS_MEMBER_MODEL bit, so the project's client
    modules do not key its cached results; `self.endpoint._llm.bind_tools(` (RAG) does (the
    keying itself, through the CLI's cache: `test_editing_only_the_endpoint_module_...`)."""
    from migrate_llm.run_facts import ASKS_MEMBER_MODEL, facts_of

    def bits(text: str) -> int:
        return facts_of("python", text.encode(), True, True, None) & ASKS_MEMBER_MODEL

    assert bits(OWN_MEMBER) == 0
    assert bits(OWN_MEMBER.replace("self.llm.bind_tools", "agent.llm.bind_tools")) != 0
    assert bits(RAG) != 0
    assert bits("x = a.b.c.with_structured_output(A)\n") == 0
