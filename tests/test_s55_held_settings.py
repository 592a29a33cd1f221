"""Settings fields held across modules (`held_settings`, `RunFacts.settings_fields_held`):
a settings class reading OpenAI's key and base URL defined in one module, subclassed with a
prefix chosen at run time, tested against a kept read of OPENAI_API_KEY, or given to a client
in another (langroid's `OpenAIGPTConfig`, defined in language_models/openai_gpt.py). A field
held for what one module does is held in both: ML401 leaves it where the class is, and the
clients given it and the read tested against it stay where it is imported.

The end-to-end tests run the applied code with pydantic-settings (the `frameworks` extra)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

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
SERVERS = """from pydantic_settings import SettingsConfigDict

from config import LLMConfig, client


def config_for(server: str) -> type[LLMConfig]:
    class ServerConfig(LLMConfig):
        pass

    ServerConfig.model_config = SettingsConfigDict(env_prefix=server.upper() + "_")
    return ServerConfig


if __name__ == "__main__":
    cfg = config_for("ollama")()
    client(cfg).chat.completions.create(model="llama3", messages=[])
"""
GEMINI = """import os

from openai import OpenAI

from config import LLMConfig

GEMINI_URL = os.getenv("GEMINI_API_BASE", "https://generativelanguage.googleapis.com/v1beta/")


def gemini_client(cfg: LLMConfig) -> OpenAI:
    OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "xxx")
    key = cfg.api_key
    if cfg.api_key == OPENAI_API_KEY:
        key = os.getenv("GEMINI_API_KEY", "xxx")
    return OpenAI(api_key=key, base_url=GEMINI_URL)


if __name__ == "__main__":
    gemini_client(LLMConfig()).chat.completions.create(model="gemini-2.0-flash", messages=[])
"""
# the Gemini client: named for that service, left with no fallback to the provider's key
# (rules/service_keys.py), whatever the key field holds
GEMINI_LEFT = (
    "llm.py",
    15,
    "ML003",
    "note",
    "none",
    "OpenAI() takes its base URL from `GEMINI_URL` at run time, named for 'gemini': the client "
    "the program builds for that service, not OpenAI; left as it is (no fallback to "
    "DEEPSEEK_API_KEY: DeepSeek's key would go to that service)",
)
KEY_LOOP = """import os


def test_keys():
    for p in ["openai", "gemini"]:
        os.environ[f"{p.upper()}_API_KEY"] = p
"""
PER_SERVER_CONFIG = """from typing import Optional

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
"""
APP = """from openai import OpenAI

from config import LLMConfig

cfg = LLMConfig()
client = OpenAI(api_key=cfg.api_key, base_url=cfg.api_base)
client.chat.completions.create(model="deepseek-v4-pro", messages=[])
"""
HELD_CLIENT = (
    "OpenAI() takes its base URL from `{url}` at run time; its key `{key}` is the settings "
    "field LLMConfig.api_key, which apply leaves reading OPENAI_API_KEY (ML401, see there{held}): "
    "pointed at DeepSeek, this client would send the key OPENAI_API_KEY holds there wherever "
    "it is set; apply leaves it, base URL and key: give it DeepSeek's key (DEEPSEEK_API_KEY) "
    "and base URL (DEEPSEEK_BASE_URL) apart, by hand"
)


def _scan() -> list[tuple]:
    code, report = run_json("scan", ".", "--provider", "deepseek", "--no-cache")
    assert code == 0, report
    found = finding_rows(report, "path", "line", "rule", "severity", "fix", "message")
    return [f for f in found if f[2] in ("ML401", "ML003") and f[0] != "test_keys.py"]


def _apply(tmp_path, files: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert {n: (tmp_path / n).read_text(encoding="utf-8") for n in files} == files


def test_a_subclass_elsewhere_with_a_run_time_prefix_holds_the_fields(tmp_path, monkeypatch):
    """servers.py derives from config.py's class with an env_prefix chosen at run time: the
    fields keep reading OpenAI's variables (before: aliased to DeepSeek's, so the config built
    for "ollama" read DeepSeek's key and URL), and the client given them stays."""
    files = {"config.py": CONFIG, "servers.py": SERVERS}
    write_here(tmp_path, monkeypatch, files)
    reason = (
        "code in servers.py builds a subclass of LLMConfig with an env_prefix chosen at run "
        "time, for other servers' variables: an alias ignores the prefix, so it would read "
        "{0} instead and send its requests to DeepSeek; make the field read {0} only where "
        "that subclass does not, by hand"
    )
    assert _scan() == [
        ("config.py", 9, "ML401", "warning", "manual", "settings field LLMConfig.api_key reads "
         f"OPENAI_API_KEY; not switched: {reason.format('DEEPSEEK_API_KEY')}"),
        ("config.py", 10, "ML401", "warning", "manual", "settings field LLMConfig.api_base "
         f"reads OPENAI_API_BASE; not switched: {reason.format('DEEPSEEK_BASE_URL')}"),
        ("config.py", 14, "ML003", "warning", "manual",
         HELD_CLIENT.format(
             url="cfg.api_base", key="cfg.api_key", held="; held for its use in servers.py"
         )),
    ]  # fmt: skip
    _apply(tmp_path, files)


def test_a_test_elsewhere_against_a_kept_read_holds_the_key_field(tmp_path, monkeypatch):
    """llm.py tests `cfg.api_key == OPENAI_API_KEY` against a read it keeps (a test module
    writes `*_API_KEY` under a computed name): the key field stays, an error (before: aliased,
    so the Gemini branch got DeepSeek's key), and its base-URL field stays beside it."""
    files = {"config.py": CONFIG, "llm.py": GEMINI, "test_keys.py": KEY_LOOP}
    write_here(tmp_path, monkeypatch, files)
    found = _scan()
    assert found[:2] == [
        ("config.py", 9, "ML401", "error", "manual", "settings field LLMConfig.api_key reads "
         "OPENAI_API_KEY; not switched: code in llm.py tests `api_key` against a read of "
         "OPENAI_API_KEY that stays there (see there): switched alone, LLMConfig.api_key would "
         "read DEEPSEEK_API_KEY, the test would tell them apart and the branch it guards would "
         "send DeepSeek's key to the server that branch picks (another provider's); switch both "
         "together, or keep both, by hand"),
        ("config.py", 10, "ML401", "warning", "manual", "settings field LLMConfig.api_base reads "
         "OPENAI_API_BASE; not switched: the key field LLMConfig.api_key stays reading "
         "OPENAI_API_KEY (see there): switched alone (DEEPSEEK_BASE_URL), a client given both "
         "would send that key to DeepSeek; switch both together, by hand"),
    ]  # fmt: skip
    assert found[4] == GEMINI_LEFT
    _apply(tmp_path, files)


def test_a_client_elsewhere_given_a_field_held_in_its_own_module_is_left(tmp_path, monkeypatch):
    """config.py holds its fields (a prefix chosen at run time); app.py, importing the class,
    gives them to a client: left with its key and base URL (before: DeepSeek's URL as its
    fallback, with the OpenAI key the field reads)."""
    files = {"config.py": PER_SERVER_CONFIG, "app.py": APP}
    write_here(tmp_path, monkeypatch, files)
    found = _scan()
    assert found[0] == (
        "app.py", 6, "ML003", "warning", "manual",
        HELD_CLIENT.format(url="cfg.api_base", key="cfg.api_key", held=""),
    )  # fmt: skip
    assert [f[:5] for f in found[1:]] == [
        ("config.py", line, "ML401", "warning", "manual") for line in (8, 9)
    ]
    _apply(tmp_path, files)


def test_a_read_tested_against_an_imported_held_field_stays(tmp_path, monkeypatch):
    """llm.py tests the field config.py holds against its own read of OPENAI_API_KEY: the
    read stays (before: renamed to DEEPSEEK_API_KEY, so the test failed on the OpenAI key the
    field holds and the Gemini branch got it)."""
    files = {"config.py": PER_SERVER_CONFIG, "llm.py": GEMINI}
    write_here(tmp_path, monkeypatch, files)
    found = [f for f in _scan() if f[0] == "llm.py"]
    assert found == [
        ("llm.py", 11, "ML401", "warning", "manual", "reads OPENAI_API_KEY; not switched: the "
         "settings field LLMConfig.api_key reads it too and stays (ML401, see there), and the "
         "test `cfg.api_key == OPENAI_API_KEY` on line 13 tells the two apart: renamed alone, "
         "this read would hold DeepSeek's key and the branch that test guards would send the "
         "OpenAI key the field holds to the server it picks; switch both together, by hand"),
        GEMINI_LEFT,
    ]  # fmt: skip
    _apply(tmp_path, files)


def test_a_module_naming_the_class_without_holding_changes_nothing(tmp_path, monkeypatch):
    """A module only building the class (no subclass, no test of a field) holds nothing: the
    fields get DeepSeek's variables as before."""
    run = "from config import LLMConfig, client\n\nclient(LLMConfig())\n"
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "run.py": run})
    assert [f[1:5] for f in _scan()] == [
        (9, "ML401", "warning", "review"),
        (10, "ML401", "warning", "review"),
        (14, "ML003", "warning", "review"),
    ]


def _run(tmp_path, script: str, env_of) -> dict[str, list[tuple[str, str]]]:
    servers = {name: LoopbackServer().start() for name in ("openai", "deepseek", "other")}
    try:
        proc, blocked = run_guarded(
            script, tmp_path, env_of({n: s.base for n, s in servers.items()})
        )
    finally:
        for server in servers.values():
            server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    return {
        name: [(r.path, r.headers["authorization"]) for r in server.requests]
        for name, server in servers.items()
    }


@pytest.mark.frameworks
def test_per_server_subclass_e2e_keeps_its_server_and_key(tmp_path, monkeypatch):
    """servers.py's config for "ollama" still reads OLLAMA_API_KEY / OLLAMA_API_BASE."""
    pytest.importorskip("pydantic_settings")
    files = {"config.py": CONFIG, "servers.py": SERVERS}
    write_here(tmp_path, monkeypatch, files)
    _apply(tmp_path, files)
    by_host = _run(tmp_path, "servers.py", lambda base: {
        "OLLAMA_API_KEY": "sk-ollama",
        "OLLAMA_API_BASE": f"{base['other']}/ollama",
        "DEEPSEEK_API_KEY": "sk-deepseek",
        "DEEPSEEK_BASE_URL": f"{base['deepseek']}/v1",
    })  # fmt: skip
    assert by_host == {
        "openai": [], "deepseek": [], "other": [("/ollama/chat/completions", "Bearer sk-ollama")]
    }  # fmt: skip


@pytest.mark.frameworks
def test_held_field_client_elsewhere_e2e_the_openai_key_never_reaches_deepseek(
    tmp_path, monkeypatch
):
    """A user keeping OPENAI_API_KEY set: app.py's client sends it to the OpenAI stand-in
    only, and DeepSeek's host receives nothing."""
    pytest.importorskip("pydantic_settings")
    files = {"config.py": PER_SERVER_CONFIG, "app.py": APP}
    write_here(tmp_path, monkeypatch, files)
    _apply(tmp_path, files)
    by_host = _run(tmp_path, "app.py", lambda base: {
        "OPENAI_API_KEY": "sk-openai-user",
        "OPENAI_BASE_URL": f"{base['openai']}/v1",
        "DEEPSEEK_API_KEY": "sk-deepseek",
        "DEEPSEEK_BASE_URL": f"{base['deepseek']}/v1",
    })  # fmt: skip
    assert by_host == {
        "openai": [("/v1/chat/completions", "Bearer sk-openai-user")], "deepseek": [], "other": []
    }  # fmt: skip


@pytest.mark.frameworks
def test_tested_read_e2e_the_gemini_route_gets_geminis_key(tmp_path, monkeypatch):
    """llm.py's Gemini route: the field and the read both hold the OpenAI key, the test holds,
    and Gemini's key goes to Gemini's server (before: the OpenAI key went there)."""
    pytest.importorskip("pydantic_settings")
    files = {"config.py": PER_SERVER_CONFIG, "llm.py": GEMINI}
    write_here(tmp_path, monkeypatch, files)
    _apply(tmp_path, files)
    by_host = _run(tmp_path, "llm.py", lambda base: {
        "OPENAI_API_KEY": "sk-openai-user",
        "GEMINI_API_KEY": "sk-gemini",
        "GEMINI_API_BASE": f"{base['other']}/gemini",
        "DEEPSEEK_API_KEY": "sk-deepseek",
    })  # fmt: skip
    assert by_host == {
        "openai": [], "deepseek": [], "other": [("/gemini/chat/completions", "Bearer sk-gemini")]
    }  # fmt: skip
