"""Trial t54c follow-ups: ML693 in a project defining langroid's classes itself (a fork),
clients given a settings field ML401 leaves reading OPENAI_API_KEY, and ML112 through a
wrapper's `**kwargs`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_s54_langroid_settings import CALLER, CONFIG

AGENT_BASE = """from typing import Optional

from pydantic_settings import BaseSettings

from langroid.language_models.openai_gpt import LLMConfig, OpenAIGPTConfig


class AgentConfig(BaseSettings):
    name: str = "LLM-Agent"
    llm: Optional[LLMConfig] = OpenAIGPTConfig()
"""
CHAT_AGENT = """from langroid.agent.base import AgentConfig


class ChatAgentConfig(AgentConfig):
    system_message: str = "You are helpful."
"""
FORK_TEST = """import langroid as lr


def test_agent():
    assert lr.ChatAgent(lr.ChatAgentConfig())
"""
FORK_CONFIG = """from pydantic import Field
from pydantic_settings import BaseSettings


class OpenAIGPTConfig(BaseSettings):
    api_key: str = Field(default="", validation_alias="{key}")
    api_base: str = Field(default="https://api.deepseek.com", validation_alias="{url}")
    chat_model: str = "{model}"
"""
BARE = """import langroid.language_models as lm

cfg = lm.OpenAIGPTConfig()
"""


def _found(command: str, *rules: str) -> tuple[int, list[tuple]]:
    code, report = run_json(command, ".", "--provider", "deepseek", "--no-cache")
    assert code in (0, 1), report
    return code, finding_rows(report, "path", "line", "rule", "fix", "message", rules=rules)


def _apply() -> None:
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr


def _fork(tmp_path, monkeypatch) -> None:
    write_here(
        tmp_path,
        monkeypatch,
        {
            "langroid/__init__.py": "",
            "langroid/agent/__init__.py": "",
            "langroid/agent/base.py": AGENT_BASE,
            "langroid/agent/chat_agent.py": CHAT_AGENT,
            "tests/test_agent.py": FORK_TEST,
        },
    )


def test_a_fork_agent_config_follows_the_forks_own_default(tmp_path, monkeypatch):
    """The fork's `AgentConfig.llm` is the bare config ML693 rewrites in the same run: scan
    reports that one line, not `ChatAgentConfig()`; check is quiet after apply."""
    _fork(tmp_path, monkeypatch)
    _, found = _found("scan", "ML693")
    assert [f[:4] for f in found] == [("langroid/agent/base.py", 10, "ML693", "review")]
    _apply()
    assert (tmp_path / "langroid/agent/base.py").read_text(encoding="utf-8") == (
        "import os\n"
        + AGENT_BASE.replace(
            "    llm: Optional[LLMConfig] = OpenAIGPTConfig()\n",
            "    llm: Optional[LLMConfig] = OpenAIGPTConfig(\n"
            '        chat_model="deepseek-v4-pro",\n'
            '        api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
            '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
            "    )\n",
        )
    )
    assert (tmp_path / "tests/test_agent.py").read_text(encoding="utf-8") == FORK_TEST
    assert _found("check", "ML693") == (0, [])


def test_an_agent_config_of_langroid_from_pypi_stays_an_error(tmp_path, monkeypatch):
    """The project defines no `AgentConfig`: langroid's default (OpenAI's) counts."""
    write_here(tmp_path, monkeypatch, {"app.py": FORK_TEST})
    _, found = _found("scan", "ML693")
    assert [f[:4] for f in found] == [("app.py", 5, "ML693", "manual")]


def test_a_bare_config_follows_the_forks_class(tmp_path, monkeypatch):
    """A fork whose `OpenAIGPTConfig` reads DeepSeek's variables with a DeepSeek model: a
    bare config is DeepSeek's. One still reading OpenAI's (its class as langroid ships it,
    ML401 holding its fields) is rewritten as a user's is."""
    mine = FORK_CONFIG.format(key="DEEPSEEK_API_KEY", url="DEEPSEEK_BASE_URL", model="x-chat")
    files = {"langroid/__init__.py": "", "langroid/language_models/__init__.py": mine}
    write_here(tmp_path, monkeypatch, {**files, "app.py": BARE})
    assert _found("scan", "ML693") == (0, [])
    openai = FORK_CONFIG.format(key="OPENAI_API_KEY", url="OPENAI_API_BASE", model="gpt-4o")
    (tmp_path / "langroid/language_models/__init__.py").write_text(openai, encoding="utf-8")
    _, found = _found("scan", "ML693")
    assert [f[:4] for f in found] == [("app.py", 3, "ML693", "review")]


HELD_MESSAGE = (
    "OpenAI() takes its base URL from `cfg.api_base` at run time; its key `cfg.api_key` is "
    "the settings field LLMConfig.api_key, which apply leaves reading OPENAI_API_KEY (ML401, "
    "see there): pointed at DeepSeek, this client would send the key OPENAI_API_KEY holds "
    "there wherever it is set; apply leaves it, base URL and key: give it DeepSeek's key "
    "(DEEPSEEK_API_KEY) and base URL (DEEPSEEK_BASE_URL) apart, by hand"
)
RUN = """from config import LLMConfig, client

client(LLMConfig()).chat.completions.create(model="deepseek-v4-pro", messages=[])
"""


def test_a_client_given_a_held_key_field_is_left(tmp_path, monkeypatch):
    """ML401 holds `LLMConfig.api_key` (main.py passes it by name): the client given
    `cfg.api_key` keeps its key and base URL (before: DeepSeek's URL as a fallback)."""
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "main.py": CALLER})
    _, found = _found("scan", "ML001", "ML003")
    assert found == [("config.py", 14, "ML003", "manual", HELD_MESSAGE)]
    _apply()
    assert (tmp_path / "config.py").read_text(encoding="utf-8") == CONFIG


@pytest.mark.frameworks
def test_held_key_field_e2e_the_openai_key_never_reaches_deepseek(tmp_path, monkeypatch):
    """A user keeping OPENAI_API_KEY set: after apply, its key goes to the OpenAI stand-in
    only, and DeepSeek's host receives nothing (before: `Bearer sk-openai-user` there)."""
    pytest.importorskip("pydantic_settings")
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "main.py": CALLER, "run.py": RUN})
    _apply()
    openai, deepseek = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-user",
            "OPENAI_BASE_URL": f"{openai.base}/v1",
            "DEEPSEEK_API_KEY": "sk-deepseek",
            "DEEPSEEK_BASE_URL": f"{deepseek.base}/v1",
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        openai.stop()
        deepseek.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    by_host = {
        "openai": [r.headers["authorization"] for r in openai.requests],
        "deepseek": [r.headers["authorization"] for r in deepseek.requests],
    }
    assert by_host == {"openai": ["Bearer sk-openai-user"], "deepseek": []}


WRAPPED = """from openai import OpenAI


class LLM:
    def __init__(self):
        self.client = OpenAI(base_url="https://api.deepseek.com")

    def _with_backoff(self, **kwargs):
        return self.client.chat.completions.create(**kwargs)

    def chat(self, m, n):
        args = {spread}
        return self._with_backoff(**args)

    def short(self, m):
        return self._with_backoff(model=m, messages=[], max_completion_tokens=5)
"""


@pytest.mark.parametrize(
    "spread",
    [
        "dict(model=m, messages=[], max_completion_tokens=n)",
        '{"model": m, "messages": [], "max_completion_tokens": n}',
    ],
)
def test_max_completion_tokens_through_a_wrappers_kwargs(tmp_path, monkeypatch, spread):
    """ML112 reads a local dict (and the keywords) a call of the module's function gives
    its `**kwargs`, which the request spreads; renamed where the dict is used for nothing
    else."""
    before = WRAPPED.replace("{spread}", spread)
    write_here(tmp_path, monkeypatch, {"llm.py": before})
    _, found = _found("scan", "ML112")
    via = " (sent through the **kwargs of _with_backoff(), which the request spreads on line 9)"
    assert found == [
        ("llm.py", line, "ML112", "safe", f"DeepSeek takes max_tokens=, not max_completion_tokens={via}")
        for line in (12, 16)
    ]  # fmt: skip
    _apply()
    after = (tmp_path / "llm.py").read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if "max_" in line] == [
        line.replace("max_completion_tokens", "max_tokens")
        for line in before.splitlines()
        if "max_" in line
    ]
