"""Trial t54c (langroid -> DeepSeek): ML401's settings fields left where an alias would leak the
key (a sentinel read left beside them, D1), break callers passing them by name (D2), move an
embeddings configuration to a provider without embeddings (D4) or reroute the classes built
for other servers (D5); ML693, langroid's model enum and default model (D3).

The end-to-end tests run the applied code with pydantic-settings (the `frameworks` extra);
the scans need nothing more."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

SENTINEL = """import os

from openai import OpenAI
from pydantic_settings import BaseSettings, SettingsConfigDict

GEMINI_URL = os.getenv("GEMINI_API_BASE", "https://generativelanguage.googleapis.com/v1beta/")


class LLMConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENAI_")
    api_key: str = "xxx"
    chat_model: str = "deepseek-flash"


def make_client(cfg: LLMConfig) -> OpenAI:
    OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "xxx")
    key = cfg.api_key
    if cfg.chat_model.startswith("gemini/"):
        if key == OPENAI_API_KEY:
            key = os.getenv("GEMINI_API_KEY", "xxx")
        return OpenAI(api_key=key, base_url=GEMINI_URL)
    return OpenAI(api_key=key)


if __name__ == "__main__":
    client = make_client(LLMConfig(chat_model="gemini/gemini-2.0-flash"))
    client.chat.completions.create(model="gemini-2.0-flash", messages=[])
"""
KEY_LOOP = """import os


def test_keys():
    for p in ["openai", "gemini"]:
        os.environ[f"{p.upper()}_API_KEY"] = p
"""
CONFIG = """from typing import Optional

from openai import OpenAI
from pydantic_settings import BaseSettings, SettingsConfigDict


class LLMConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENAI_")
    api_key: str = "xxx"
    api_base: Optional[str] = None


def client(cfg: LLMConfig) -> OpenAI:
    return OpenAI(api_key=cfg.api_key, base_url=cfg.api_base)
"""
CALLER = """import os

from config import LLMConfig, client

cfg = LLMConfig(api_key="sk-from-my-vault", api_base=os.environ["APP_SERVER"])
client(cfg).chat.completions.create(model="deepseek-flash", messages=[])
"""
EMBEDDINGS = """from typing import Optional

from openai import OpenAI
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbeddingsConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENAI_")
    api_key: str = ""
    api_base: Optional[str] = None
    model_name: str = "text-embedding-3-small"


class Embeddings:
    def __init__(self, config: EmbeddingsConfig):
        self.config = config
        self.client = OpenAI(api_key=self.config.api_key, base_url=self.config.api_base)

    def embed(self, texts):
        return self.client.embeddings.create(model=self.config.model_name, input=texts)
"""
PER_SERVER = """from typing import Optional

from openai import OpenAI
from pydantic_settings import BaseSettings, SettingsConfigDict


class LLMConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENAI_")
    api_key: str = "xxx"
    api_base: Optional[str] = None

    @classmethod
    def create(cls, prefix: str):
        class DynamicConfig(LLMConfig):
            pass

        DynamicConfig.model_config = SettingsConfigDict(env_prefix=prefix.upper() + "_")
        return DynamicConfig


def client(cfg: LLMConfig) -> OpenAI:
    return OpenAI(api_key=cfg.api_key, base_url=cfg.api_base)


if __name__ == "__main__":
    cfg = LLMConfig.create("ollama")()
    client(cfg).chat.completions.create(model="llama3", messages=[])
"""


def _scan(*paths: str) -> list[tuple]:
    code, report = run_json("scan", *paths, "--provider", "deepseek", "--no-cache")
    assert code == 0, report
    fields = ("path", "line", "rule", "severity", "fix", "message")
    return finding_rows(report, *fields, rules=("ML401", "ML003", "ML693"))


def _apply(*paths: str) -> None:
    result = CliRunner().invoke(app, ["apply", *paths, "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr


def test_a_field_beside_a_sentinel_read_that_stays_is_left_with_it(tmp_path, monkeypatch):
    """D1: the read of OPENAI_API_KEY stays (a test writes `*_API_KEY` under a computed name),
    so the field stays too, an error naming the comparison that would leak the key."""
    write_here(tmp_path, monkeypatch, {"llm.py": SENTINEL, "test_keys.py": KEY_LOOP})
    found = [f for f in _scan(".") if f[0] == "llm.py" and f[1] == 11]
    assert found == [
        (
            "llm.py",
            11,
            "ML401",
            "error",
            "manual",
            "settings field LLMConfig.api_key reads OPENAI_API_KEY; not switched: the read of "
            "OPENAI_API_KEY on line 16 stays (see there); switched alone, LLMConfig.api_key "
            "would read DEEPSEEK_API_KEY while that read keeps reading OPENAI_API_KEY, so the "
            "test `key == OPENAI_API_KEY` on line 19 would tell them apart and the branch it "
            "guards would keep DeepSeek's key and send it to the server that branch picks "
            "(another provider's); switch both together, or keep both, by hand",
        )
    ]
    _apply(".")
    after = (tmp_path / "llm.py").read_text(encoding="utf-8")
    assert '    api_key: str = "xxx"\n' in after
    assert '    OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "xxx")\n' in after


def test_a_field_other_modules_pass_by_name_keeps_its_name(tmp_path, monkeypatch):
    """D2: `LLMConfig(api_key=...)` in main.py would fail once the field has an alias."""
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "main.py": CALLER})
    found = [f for f in _scan(".") if f[2] == "ML401"]
    assert found == [
        (
            "config.py",
            line,
            "ML401",
            "warning",
            "manual",
            f"settings field LLMConfig.{field} reads {name}; not switched: code in main.py "
            f"builds `LLMConfig({field}=...)`, which pydantic refuses once the field has an "
            f'alias (extra inputs are not permitted): give it validation_alias="{alias}" and '
            f"pass `LLMConfig({alias}=...)` in each of them, or keep the field and pass "
            "DeepSeek's value explicitly, by hand",
        )
        for line, field, name, alias in (
            (9, "api_key", "OPENAI_API_KEY", "DEEPSEEK_API_KEY"),
            (10, "api_base", "OPENAI_API_BASE", "DEEPSEEK_BASE_URL"),
        )
    ]
    _apply(".")
    after = (tmp_path / "config.py").read_text(encoding="utf-8")
    assert "validation_alias" not in after
    assert (tmp_path / "main.py").read_text(encoding="utf-8") == CALLER


def test_an_embeddings_configuration_stays_on_openai_with_its_client(tmp_path, monkeypatch):
    """D4: DeepSeek serves no embeddings; the fields and the client stay, as ML001 says."""
    write_here(tmp_path, monkeypatch, {"emb.py": EMBEDDINGS})
    found = _scan(".")
    reason = (
        "not switched: EmbeddingsConfig configures OpenAI embeddings (`model_name = "
        "'text-embedding-3-small'`), which DeepSeek does not serve: it stays on OpenAI with the "
        "client it configures (ML001, ML003); point both at a provider that serves embeddings, "
        "with that provider's key, by hand"
    )
    assert found[:2] == [
        ("emb.py", 9, "ML401", "warning", "manual", f"settings field "
         f"EmbeddingsConfig.api_key reads OPENAI_API_KEY; {reason}"),
        ("emb.py", 10, "ML401", "warning", "manual", f"settings field "
         f"EmbeddingsConfig.api_base reads OPENAI_API_BASE; {reason}"),
    ]  # fmt: skip
    assert [f[2:5] for f in found if f[2] == "ML003"] == [("ML003", "warning", "manual")]
    _apply(".")
    assert (tmp_path / "emb.py").read_text(encoding="utf-8") == EMBEDDINGS


def test_a_class_built_for_other_servers_keeps_their_variables(tmp_path, monkeypatch):
    """D5: `LLMConfig.create("ollama")` reads OLLAMA_API_KEY / OLLAMA_API_BASE through its
    prefix; an alias would make it read DeepSeek's and send the prompts there."""
    write_here(tmp_path, monkeypatch, {"llm.py": PER_SERVER})
    found = [f for f in _scan(".") if f[2] == "ML401"]
    assert [f[1] for f in found] == [9, 10]
    assert found[0][3:] == (
        "warning",
        "manual",
        "settings field LLMConfig.api_key reads OPENAI_API_KEY; not switched: the module "
        "builds settings classes with an env_prefix chosen at run time "
        '(`SettingsConfigDict(env_prefix=prefix.upper() + "_")` on line 17), for other '
        "servers' variables (an `OLLAMA_` prefix: OLLAMA_API_KEY): an alias ignores the "
        "prefix, so each of them would read DEEPSEEK_API_KEY instead and send its requests to "
        "DeepSeek; make the field read DEEPSEEK_API_KEY only where the prefix is 'OPENAI_', "
        "by hand",
    )


LANGROID_APP = """import langroid.language_models as lm

cfg = lm.OpenAIGPTConfig(chat_model=lm.OpenAIChatModel.GPT4o)
print(lm.OpenAIGPT(cfg).chat("hi"))
"""
# langroid's shapes (frameworks/langroid.py): a settings class with env_prefix OPENAI_ whose
# client goes to `api_base`, or OpenAI's URL when it is None, and a str enum of OpenAI models
LANGROID_STANDIN = """from enum import Enum
from typing import Optional

from openai import OpenAI
from pydantic_settings import BaseSettings, SettingsConfigDict


class OpenAIChatModel(str, Enum):
    GPT4o = "gpt-4o"


class OpenAIGPTConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPENAI_")
    api_key: str = "xxx"
    api_base: Optional[str] = None
    chat_model: str = OpenAIChatModel.GPT4o


class OpenAIGPT:
    def __init__(self, config):
        self.config = config

    def chat(self, text):
        client = OpenAI(api_key=self.config.api_key, base_url=self.config.api_base)
        reply = client.chat.completions.create(
            model=self.config.chat_model, messages=[{"role": "user", "content": text}]
        )
        return reply.choices[0].message.content
"""


@pytest.mark.frameworks
def test_sentinel_e2e_each_route_gets_its_own_key(tmp_path, monkeypatch):
    """D1 run: the Gemini route still gets Gemini's key (before: DeepSeek's)."""
    pytest.importorskip("pydantic_settings")
    write_here(tmp_path, monkeypatch, {"llm.py": SENTINEL, "test_keys.py": KEY_LOOP})
    _apply(".")
    server = LoopbackServer().start()
    try:
        env = {
            "GEMINI_API_KEY": "sk-gemini",
            "GEMINI_API_BASE": f"{server.base}/gemini",
            "DEEPSEEK_API_KEY": "sk-deepseek",
            "DEEPSEEK_BASE_URL": f"{server.base}/deepseek",
        }
        proc, blocked = run_guarded("llm.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/gemini/chat/completions", "Bearer sk-gemini")
    ]


@pytest.mark.frameworks
def test_caller_e2e_passes_its_key_by_name(tmp_path, monkeypatch):
    """D2 run: main.py's `LLMConfig(api_key=..., api_base=...)` still builds (before: a
    ValidationError) and its key goes to its server."""
    pytest.importorskip("pydantic_settings")
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "main.py": CALLER})
    _apply(".")
    server = LoopbackServer().start()
    try:
        env = {"APP_SERVER": f"{server.base}/app", "DEEPSEEK_API_KEY": "sk-deepseek"}
        proc, blocked = run_guarded("main.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/app/chat/completions", "Bearer sk-from-my-vault")
    ]


@pytest.mark.frameworks
def test_per_server_e2e_keeps_ollama_on_its_server(tmp_path, monkeypatch):
    """D5 run: the config built for "ollama" reads OLLAMA_API_KEY / OLLAMA_API_BASE."""
    pytest.importorskip("pydantic_settings")
    write_here(tmp_path, monkeypatch, {"llm.py": PER_SERVER})
    _apply(".")
    server = LoopbackServer().start()
    try:
        env = {
            "OLLAMA_API_KEY": "sk-ollama",
            "OLLAMA_API_BASE": f"{server.base}/ollama",
            "DEEPSEEK_API_KEY": "sk-deepseek",
            "DEEPSEEK_BASE_URL": f"{server.base}/deepseek",
        }
        proc, blocked = run_guarded("llm.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"], r.body["model"]) for r in server.requests] == [
        ("/ollama/chat/completions", "Bearer sk-ollama", "llama3")
    ]


@pytest.mark.frameworks
def test_langroid_enum_model_e2e_reaches_the_provider(tmp_path, monkeypatch):
    """D3 run, with a stand-in of langroid's shapes (langroid itself is not in the
    `frameworks` extra: its dependencies are heavy): the enum member becomes DeepSeek's model
    and the config gets DeepSeek's base URL and key; before, the request went to OpenAI."""
    pytest.importorskip("pydantic_settings")
    (tmp_path / "langroid" / "language_models").mkdir(parents=True)
    (tmp_path / "langroid" / "__init__.py").write_text("")
    stand_in = tmp_path / "langroid" / "language_models" / "__init__.py"
    stand_in.write_text(LANGROID_STANDIN)
    write_here(tmp_path, monkeypatch, {"app.py": LANGROID_APP})
    assert [f[2:5] for f in _scan("app.py")] == [("ML693", "error", "review")]
    _apply("app.py")
    server = LoopbackServer().start()
    try:
        env = {"DEEPSEEK_API_KEY": "sk-deepseek", "DEEPSEEK_BASE_URL": f"{server.base}/v1"}
        proc, blocked = run_guarded("app.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"], r.body["model"]) for r in server.requests] == [
        ("/v1/chat/completions", "Bearer sk-deepseek", "deepseek-v4-pro")
    ]


def test_check_names_the_leak_of_a_field_aliased_beside_a_sentinel(tmp_path, monkeypatch):
    """D1 after an earlier apply: the field reads DEEPSEEK_API_KEY, the sentinel
    OPENAI_API_KEY; the sentinel's read is an error that says where the key goes."""
    aliased = SENTINEL.replace(
        '    api_key: str = "xxx"\n',
        '    api_key: str = Field(default="xxx", validation_alias="DEEPSEEK_API_KEY")\n',
    ).replace(
        "from openai import OpenAI\n", "from openai import OpenAI\nfrom pydantic import Field\n"
    )
    write_here(tmp_path, monkeypatch, {"llm.py": aliased, "test_keys.py": KEY_LOOP})
    found = [f for f in _scan(".") if f[0] == "llm.py" and f[1] == 17]
    assert found == [
        (
            "llm.py",
            17,
            "ML401",
            "error",
            "manual",
            "reads OPENAI_API_KEY; not switched: a module of the project sets `*_API_KEY` under "
            "a name computed at run time, which can be OPENAI_API_KEY: renamed, this read would "
            "miss what that write stores; make both use DEEPSEEK_API_KEY, by hand; the settings "
            "field LLMConfig.api_key reads DEEPSEEK_API_KEY already, so the test `key == "
            "OPENAI_API_KEY` on line 20 tells the two apart: the branch it guards keeps the "
            "provider's key and sends it to the server it picks (another provider's); make both "
            "read the same variable",
        )
    ]
