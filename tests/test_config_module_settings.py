"""A client whose base URL is a setting another module of the project binds at its level
(ML003, `config_tables.module_settings`, `rules/table_reads.module_setting`).

chatgpt-telegram-bot's config module binds `openrouter_api_base =
config_yaml.get("openrouter_api_base", "https://openrouter.ai/api/v1")`, and its second client
is `AsyncOpenAI(api_key=config.openrouter_api_key, base_url=config.openrouter_api_base)`.
apply gave that URL the provider's as a fallback that never ran, and its Next line told the
user to put the provider's key in `config.openrouter_api_key`, which then went to openrouter.ai
(t50c). The setting is followed to its default: another service's leaves the client as it is
(a note), the provider's says it points there already; None or OpenAI's URL, as before.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.config_tables import TableDefault, defaults_of, holds_table

ROUTER = "https://openrouter.ai/api/v1"
ZHIPU_URL = "https://open.bigmodel.cn/api/paas/v4"

CONFIG = """import os

import yaml

with open("config.yml") as f:
    config_yaml = yaml.safe_load(f)

router_key = config_yaml.get("router_key")
{setting}
"""

APP = """import cfg
from openai import OpenAI

client = None
if cfg.router_key:
    client = OpenAI(api_key=cfg.router_key, base_url=cfg.router_base)
"""

LEFT = (
    "OpenAI() points at " + ROUTER + " by default (`cfg.router_base`, set in cfg.py{read}), not "
    "OpenAI; left as it is"
)


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], *args: str):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [*args, ".", "-p", "zhipu", "--no-cache"])


def ml003(tmp_path, monkeypatch, files: dict[str, str]) -> list[tuple[object, ...]]:
    """ML003's findings (path, line, severity, fix, message, data) of `scan --format json`."""
    result = run(tmp_path, monkeypatch, files, "scan", "--format", "json")
    assert result.exit_code == 0, result.output
    return [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML003"
    ]


@pytest.mark.parametrize(
    ("setting", "read"),
    [
        (f'router_base = config_yaml.get("router_base", "{ROUTER}")', ""),
        (f'router_base = os.getenv("ROUTER_BASE", "{ROUTER}")', " from ROUTER_BASE"),
        (f'router_base = os.environ.get("ROUTER_BASE", "{ROUTER}")', " from ROUTER_BASE"),
    ],
    ids=["yaml-get", "getenv-default", "environ-default"],
)
def test_setting_defaulting_to_another_service_leaves_the_client(
    tmp_path, monkeypatch, setting, read
):
    files = {"cfg.py": CONFIG.format(setting=setting), "app.py": APP}
    assert ml003(tmp_path, monkeypatch, files) == [
        (
            "app.py",
            6,
            "note",
            "none",
            LEFT.format(read=read),
            {
                "client": "OpenAI",
                "endpoint": "custom",
                "url": ROUTER,
                "table": "cfg.py:router_base",
            },
        )
    ]
    result = run(tmp_path, monkeypatch, files, "apply", "--diff")
    assert result.exit_code == 0, result.output
    # no edit, and no Next line naming the key it hands that client
    assert result.stdout == ""
    assert "cfg.router_key" not in result.output and "Next:" not in result.output


def test_name_imported_from_the_config_module(tmp_path, monkeypatch):
    setting = f'router_base = config_yaml.get("router_base", "{ROUTER}")'
    files = {
        "pkg/__init__.py": "",
        "pkg/cfg.py": CONFIG.format(setting=setting),
        "pkg/app.py": "from openai import OpenAI\n\nfrom .cfg import router_base, router_key\n\n"
        "client = OpenAI(api_key=router_key, base_url=router_base)\n",
    }
    assert ml003(tmp_path, monkeypatch, files) == [
        (
            "pkg/app.py",
            5,
            "note",
            "none",
            f"OpenAI() points at {ROUTER} by default (`router_base`, set in pkg/cfg.py), not "
            "OpenAI; left as it is",
            {
                "client": "OpenAI",
                "endpoint": "custom",
                "url": ROUTER,
                "table": "pkg/cfg.py:router_base",
            },
        )
    ]


def test_provider_default_points_the_client_there(tmp_path, monkeypatch):
    setting = f'router_base = os.getenv("LLM_BASE_URL", "{ZHIPU_URL}")'
    files = {"cfg.py": CONFIG.format(setting=setting), "app.py": APP}
    assert ml003(tmp_path, monkeypatch, files) == [
        (
            "app.py",
            6,
            "note",
            "none",
            "OpenAI() already points at Zhipu AI (GLM) by default: `cfg.router_base` is set in "
            f"cfg.py, which reads LLM_BASE_URL (default {ZHIPU_URL})",
            {
                "client": "OpenAI",
                "endpoint": "provider",
                "url": ZHIPU_URL,
                "endpoint_provider": "zhipu",
                "table": "cfg.py:router_base",
            },
        )
    ]


FALLBACK = """import os

import cfg
from openai import OpenAI

client = None
if cfg.router_key:
    client = OpenAI(
        api_key=os.environ.get("ZAI_API_KEY", "unset")
        if not cfg.router_base
        else cfg.router_key,
        base_url=cfg.router_base
        or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
    )
"""


@pytest.mark.parametrize(
    ("setting", "app_text"),
    [
        ('router_base = config_yaml.get("router_base", None)', APP),
        ('router_base = config_yaml.get("router_base")', APP),
        # the module using it may set it: its value is not the default
        (
            f'router_base = config_yaml.get("router_base", "{ROUTER}")',
            APP.replace("client = None\n", "client = None\ncfg.router_base = None\n"),
        ),
    ],
    ids=["none-default", "no-default", "set-by-the-user"],
)
def test_setting_that_may_be_none_gets_the_fallback_as_before(
    tmp_path, monkeypatch, setting, app_text
):
    files = {"cfg.py": CONFIG.format(setting=setting), "app.py": app_text}
    result = run(tmp_path, monkeypatch, files, "apply", "--yes")
    assert result.exit_code == 0, result.output
    expected = FALLBACK
    if "cfg.router_base = None" in app_text:
        expected = FALLBACK.replace("client = None\n", "client = None\ncfg.router_base = None\n")
    assert (tmp_path / "app.py").read_text() == expected
    assert "Put your Zhipu AI (GLM) key where the program keeps" in result.output


def test_module_settings_read_as_entries_without_a_holder():
    data = CONFIG.format(
        setting=f'router_base = config_yaml.get("router_base", "{ROUTER}")\n'
        f'own = os.getenv("OWN_URL", "{ZHIPU_URL}")\n'
        'main = config_yaml.get("main", None)\nname = "bot"\nplain = "https://x.example"\n'
        'if X:\n    twice = os.getenv("A", "http://a")\nelse:\n    twice = os.getenv("B", "http://b")\n'
    ).encode()
    assert holds_table(data)
    assert sorted(defaults_of("/p/cfg.py", "cfg.py", data)) == [
        TableDefault("/p/cfg.py", "cfg.py", "", "", "", "own", "OWN_URL", ZHIPU_URL, False, None),
        TableDefault("/p/cfg.py", "cfg.py", "", "", "", "router_base", "", ROUTER, False, None),
    ]
    # a read only inside a function, or a plain string, is no setting it reads
    assert not holds_table(b'def f():\n    url = os.getenv("U", "https://x.example")\n')
    assert not holds_table(b'URL = "https://x.example"\n')


@pytest.mark.parametrize(
    "setting",
    [
        f'own = os.getenv("OWN_URL") or "{ZHIPU_URL}"\n',
        f'own = (\n    os.environ.get("OWN_URL")\n    or "{ZHIPU_URL}"\n)\n',
    ],
)
def test_a_read_or_a_url_is_a_setting_defaulting_to_that_url(setting):
    """As ML401 writes `os.getenv(X) or None` (t60b): the URL where the variable is unset."""
    data = CONFIG.format(setting=setting).encode()
    assert holds_table(data)
    assert defaults_of("/p/cfg.py", "cfg.py", data) == [
        TableDefault("/p/cfg.py", "cfg.py", "", "", "", "own", "OWN_URL", ZHIPU_URL, False, None)
    ]
    # a run-time value after `or`, or a read with a default before it: not this shape
    for other in (
        'own = os.getenv("OWN_URL") or BASE\n',
        'own = os.getenv("A", "x") or "https://y"\n',
    ):
        assert defaults_of("/p/cfg.py", "cfg.py", CONFIG.format(setting=other).encode()) == []
