"""A settings class whose key default apply points at the provider is shared by every config
entry building it (t58a, MetaGPT's `LLMConfig`): an entry naming a server of its own and no key
sends the provider's key there, and ML502 says so (error, manual) in scan and in check; an
entry naming no base URL takes the provider's base URL from the class, not OpenAI's.

Before: check passed (rc 0) while a local server's entry sent the Zhipu key to that server, and
an entry with no base URL was an error saying it went to api.openai.com."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

CONFIG = """from pydantic import BaseModel


class LLMConfig(BaseModel):
    api_type: str = "openai"
    api_key: str = "sk-"
    base_url: str = "https://api.openai.com/v1"
    model: str = "gpt-4o-mini"
"""

CONFIG_APPLIED = """import os

from pydantic import BaseModel


class LLMConfig(BaseModel):
    api_type: str = "openai"
    api_key: str = os.environ.get("ZAI_API_KEY", "unset")
    base_url: str = os.environ.get(
        "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"
    )
    model: str = "glm-4-air-250414"
"""

MAIN = """import sys

import yaml
from openai import OpenAI

from app.config import LLMConfig


def ask(path):
    with open(path) as f:
        cfg = LLMConfig(**yaml.safe_load(f)["llm"])
    client = OpenAI(api_key=cfg.api_key, base_url=cfg.base_url, max_retries=0)
    messages = [{"role": "user", "content": "hi"}]
    return client.chat.completions.create(model=cfg.model, messages=messages)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        ask(path)
"""

# a local OpenAI-compatible server (vLLM, LM Studio) that needs no key, as MetaGPT documents
LOCAL = "llm:\n  api_type: open_llm\n  base_url: {url}\n  model: llama3\n"
# the provider's entry, with no base URL: the class's default sends it
PROVIDER = "llm:\n  api_type: openai\n  model: glm-4-air-250414\n"

LOCAL_MESSAGE = (
    "this entry sends requests to http://127.0.0.1:8000/v1 and names no api_key: it takes "
    "the default of LLMConfig.api_key (line {line} of app/config.py), which {reads} "
    "ZAI_API_KEY, so your Zhipu AI (GLM) key would go to 127.0.0.1:8000; give this entry its "
    "own `api_key:` (what that server expects; any text where it needs none), by hand"
)


def _project(tmp_path, monkeypatch, local: str = LOCAL.format(url="http://127.0.0.1:8000/v1")):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "app" / "config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "app" / "main.py").write_text(MAIN, encoding="utf-8")
    (tmp_path / "local.yaml").write_text(local, encoding="utf-8")
    (tmp_path / "provider.yaml").write_text(PROVIDER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def _run(command: str) -> tuple[int, list[dict]]:
    args = [command, ".", "--provider", "zhipu", "--format", "json", "--no-cache"]
    done = CliRunner().invoke(app, args)
    return done.exit_code, json.loads(done.stdout)["findings"]


def _config_findings(found: list[dict]) -> list[tuple]:
    return [
        (f["path"], f["line"], f["column"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in found
        if f["path"].endswith(".yaml")
    ]


def test_scan_reports_the_local_entry_that_would_carry_the_provider_key(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    code, found = _run("scan")
    assert code == 0
    assert _config_findings(found) == [
        (
            "local.yaml",
            3,
            13,
            "ML502",
            "error",
            "manual",
            LOCAL_MESSAGE.format(line=6, reads="apply makes read"),
        )
    ]
    local = next(f for f in found if f["path"] == "local.yaml")
    assert local["data"] == {
        "settings_class": "LLMConfig",
        "key_field": "api_key",
        "read_in": "app/config.py:6",
        "default_key_variable": "ZAI_API_KEY",
        "host": "127.0.0.1",
    }


def test_check_fails_after_apply_until_the_entry_has_its_own_key(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    # the Next line says so too, for the entries check cannot see (a config kept elsewhere)
    assert done.stderr.splitlines()[-1].endswith(
        " The default key of api_key (app/config.py:6) now reads ZAI_API_KEY: an object built "
        "without a key of its own (a config entry naming another server, also one kept outside "
        "this tree) sends your Zhipu AI (GLM) key wherever its base URL points; give such "
        "entries their own key (check reports those in this tree, ML502)."
    )
    assert (tmp_path / "app" / "config.py").read_text(encoding="utf-8") == CONFIG_APPLIED
    local = LOCAL.format(url="http://127.0.0.1:8000/v1")
    assert (tmp_path / "local.yaml").read_text(encoding="utf-8") == local
    assert (tmp_path / "provider.yaml").read_text(encoding="utf-8") == PROVIDER
    code, found = _run("check")
    assert code == 1
    assert _config_findings(found) == [
        (
            "local.yaml",
            3,
            13,
            "ML502",
            "error",
            "manual",
            LOCAL_MESSAGE.format(line=8, reads="reads"),
        )
    ]
    # the advice followed: the entry's own key (an empty one too) replaces the default
    (tmp_path / "local.yaml").write_text(local + '  api_key: ""\n', encoding="utf-8")
    assert _run("check") == (0, [f for f in found if f["severity"] == "note"])


def test_an_entry_with_no_base_url_takes_the_provider_url_of_the_class(tmp_path, monkeypatch):
    """No error saying it goes to api.openai.com, in scan or after apply; a key beside it
    goes to the provider with it: that one is reported, naming the class's default."""
    _project(tmp_path, monkeypatch, local=PROVIDER + "  api_key: ${OPENAI_API_KEY}\n")
    code, found = _run("scan")
    assert code == 0
    assert [f for f in found if f["path"] == "provider.yaml"] == []
    keyed = [f for f in found if f["path"] == "local.yaml" and f["rule"] == "ML502"]
    assert [(f["line"], f["column"], f["severity"], f["fix"]) for f in keyed] == [
        (2, 13, "error", "manual")
    ]
    assert keyed[0]["message"] == (
        "this entry picks OpenAI (api_type: openai) and names no base URL: it takes the "
        "default of LLMConfig.base_url (line 7 of app/config.py), which apply makes read "
        "ZAI_BASE_URL: Zhipu AI (GLM); the key on line 4 (${OPENAI_API_KEY}) goes there too: "
        "put a Zhipu AI (GLM) key in its place, or delete that line so LLMConfig.api_key's "
        "default reads ZAI_API_KEY, by hand"
    )
    assert keyed[0]["data"] == {
        "settings_class": "LLMConfig",
        "read_in": "app/config.py:7",
        "default_url_variable": "ZAI_BASE_URL",
        "entry_key_line": 4,
    }
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    code, found = _run("check")
    assert code == 1
    assert [f for f in found if f["path"] == "provider.yaml"] == []
    assert [(f["path"], f["line"], f["rule"]) for f in found if f["severity"] == "error"] == [
        ("local.yaml", 2, "ML502")
    ]


def test_a_class_with_a_key_of_its_own_shares_nothing(tmp_path, monkeypatch):
    """A default key that is not a literal beside OpenAI's URL (here empty) is left by apply:
    an entry naming its own server sends that, and nothing is reported on it."""
    _project(tmp_path, monkeypatch)
    (tmp_path / "app" / "config.py").write_text(CONFIG.replace('"sk-"', '""'), encoding="utf-8")
    code, found = _run("scan")
    assert code == 0
    assert [f for f in found if f["path"] == "local.yaml"] == []


def test_a_pydantic_settings_class_apply_leaves_shares_nothing(tmp_path, monkeypatch):
    """ML402 leaves a `BaseSettings` class's defaults (pydantic reads the environment first):
    no default moves to the provider, so no entry is reported for it."""
    _project(tmp_path, monkeypatch)
    settings = CONFIG.replace(
        "from pydantic import BaseModel", "from pydantic_settings import BaseSettings"
    )
    settings = settings.replace("(BaseModel)", "(BaseSettings)")
    (tmp_path / "app" / "config.py").write_text(settings, encoding="utf-8")
    code, found = _run("scan")
    assert code == 0
    assert [f for f in found if f["path"] == "local.yaml"] == []
    ml402 = [(f["line"], f["fix"]) for f in found if f["rule"] == "ML402"]
    assert ml402 == [(7, "manual")]  # the URL, left; the key beside it is not rewritten


def _key_names(server: LoopbackServer, names: dict[str, str]) -> list[tuple[str, str, str]]:
    """(path, model, key name) of each request `server` got: the key by its name, never its
    value."""
    return [
        (
            r.path,
            r.body["model"],
            names.get(r.headers.get("authorization", "").removeprefix("Bearer "), "other"),
        )
        for r in server.requests
    ]


def test_the_provider_key_travels_only_with_the_provider_url(tmp_path, monkeypatch):
    """After apply, run against two loopback servers: the provider's (ZAI_BASE_URL) and a
    local one named by local.yaml. The leak check reports is real; once the entry has its own
    key, each server gets its own key, and the entry with no base URL goes to the provider."""
    provider, local = LoopbackServer().start(), LoopbackServer().start()
    try:
        _project(tmp_path, monkeypatch, local=LOCAL.format(url=f"{local.base}/v1"))
        args = ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"]
        assert CliRunner().invoke(app, args).exit_code == 0
        env = {"ZAI_API_KEY": "zai-test-key", "ZAI_BASE_URL": f"{provider.base}/api/paas/v4"}
        names = {"zai-test-key": "ZAI_API_KEY", "local-token": "local.yaml api_key"}
        script = tmp_path / "run.py"
        # as applied, with no key of its own: the provider's key goes to the local server,
        # which check reports (above)
        _run_entries(script, tmp_path, env, "local.yaml")
        assert _key_names(local, names) == [("/v1/chat/completions", "llama3", "ZAI_API_KEY")]
        assert provider.requests == []

        text = (tmp_path / "local.yaml").read_text(encoding="utf-8")
        (tmp_path / "local.yaml").write_text(text + "  api_key: local-token\n", encoding="utf-8")
        assert _run("check")[0] == 0
        local.requests.clear()
        _run_entries(script, tmp_path, env, "local.yaml", "provider.yaml")
        assert _key_names(local, names) == [
            ("/v1/chat/completions", "llama3", "local.yaml api_key")
        ]
        assert _key_names(provider, names) == [
            ("/api/paas/v4/chat/completions", "glm-4-air-250414", "ZAI_API_KEY")
        ]
    finally:
        provider.stop()
        local.stop()


def _run_entries(script, cwd, env, *entries: str) -> None:
    """Run the migrated program over config `entries`; asserts it succeeded on loopback only."""
    code = f"import sys, runpy\nsys.argv = ['main', *{list(entries)!r}]\n" + (
        "runpy.run_module('app.main', run_name='__main__')\n"
    )
    script.write_text(code, encoding="utf-8")
    proc, blocked = run_guarded(f"{script}", cwd, env)
    assert proc.returncode == 0, proc.stderr
    assert blocked == []


CONFIG_READS_OPENAI = """import os

from pydantic import BaseModel


class LLMConfig(BaseModel):
    api_type: str = "openai"
    api_key: str = os.getenv("OPENAI_API_KEY", "")
    base_url: str = os.getenv("OPENAI_BASE_URL", "https://api.openai.com/v1")
    model: str = "gpt-4o-mini"
"""


def test_a_class_reading_openai_variables_is_reported_before_apply(tmp_path, monkeypatch):
    """Defaults reading OpenAI's key and base-URL variables, which ML401 renames: scan reports
    the local entry as check does after apply (before: only check did)."""
    _project(tmp_path, monkeypatch)
    (tmp_path / "app" / "config.py").write_text(CONFIG_READS_OPENAI, encoding="utf-8")
    code, found = _run("scan")
    assert code == 0
    expected = ("local.yaml", 3, 13, "ML502", "error", "manual")
    assert _config_findings(found) == [
        (*expected, LOCAL_MESSAGE.format(line=8, reads="apply makes read"))
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app" / "config.py").read_text(encoding="utf-8") == (
        CONFIG_READS_OPENAI.replace("OPENAI_API_KEY", "ZAI_API_KEY")
        .replace("OPENAI_BASE_URL", "ZAI_BASE_URL")
        .replace("https://api.openai.com/v1", "https://open.bigmodel.cn/api/paas/v4")
        .replace("gpt-4o-mini", "glm-4-air-250414")
    )
    code, found = _run("check")
    assert code == 1
    assert _config_findings(found) == [(*expected, LOCAL_MESSAGE.format(line=8, reads="reads"))]
