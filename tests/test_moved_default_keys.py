"""ML505 on a key in a settings mapping that names no base URL, where the settings class it
builds has a key field without a default and a base-URL default ML402 moves to the provider
(t62f: Kirara AI's `OpenAIConfig`, `api_key: str` beside `api_base: str =
"https://api.openai.com/v1"`; data/config.yaml's `adapter: openai` backend with no
`api_base`). The key was written for OpenAI and goes to the provider after apply: an error
(manual), before and after apply, never a note, even in a gitignored file; the same key
beside a base URL of its own, or in another client's record, is left as before."""

from __future__ import annotations

import json
import subprocess

import pytest

from .cli_findings import cli as invoke
from .cli_findings import write

# a legacy-shaped key: `sk-` and 48 characters, without T3BlbkFJ (not unmistakably OpenAI's)
KEY = "sk-" + "T62fLegacyKey0123456789abcdefghijklmnopqrstuvwxyzAB"
BACKEND = """\
import requests
import yaml
from pydantic import BaseModel


class BackendSettings(BaseModel):
    api_key: str
    api_base: str = "https://api.openai.com/v1"


def load() -> BackendSettings:
    with open("data/settings.yaml", encoding="utf-8") as f:
        return BackendSettings(**yaml.safe_load(f)["openai"])


def ask(model: str, text: str) -> str:
    s = load()
    r = requests.post(
        f"{s.api_base}/chat/completions",
        json={"model": model, "messages": [{"role": "user", "content": text}]},
        headers={"Authorization": f"Bearer {s.api_key}"},
    )
    return r.json()["choices"][0]["message"]["content"]
"""
SETTINGS = f'openai:\n  api_key: "{KEY}"  # OpenAI API key\n'
MESSAGE = (
    "API key sk-T6…AB in a config file (openai.api_key), in a mapping naming no api_base: it "
    "builds BackendSettings (backend.py), whose default BackendSettings.api_base (line {line}) "
    "{reads} DASHSCOPE_BASE_URL: Alibaba Qwen (DashScope / Model Studio), so this key is sent "
    "there now; a key written for OpenAI is rejected there and leaks there: rotate it, and "
    "replace it here with an Alibaba Qwen (DashScope / Model Studio) key (keep a file holding "
    "a real key out of version control); once it holds an Alibaba Qwen (DashScope / Model "
    "Studio) key, record that with `# migrate-llm: ignore[ML505]` at the end of this line (or "
    "in a `check --baseline` file), as check cannot tell whose key it is (in a gitignored file "
    "that backend.py:{reader} reads)"
)


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def _keys(*args: str) -> list[dict]:
    found = json.loads(invoke(*args, "-p", "qwen", "-f", "json").stdout)["findings"]
    return [f for f in found if f["rule"] == "ML505"]


def test_a_plain_key_sent_to_the_moved_default_fails_check_before_and_after_apply(here):
    write(here, {".gitignore": "data/settings.yaml\n", "backend.py": BACKEND})
    write(here, {"data/settings.yaml": SETTINGS})
    (found,) = _keys("scan", ".")
    assert (found["line"], found["column"], found["severity"], found["fix"]) == (
        2,
        13,
        "error",
        "manual",
    )
    assert found["message"] == MESSAGE.format(line=8, reads="apply makes read", reader=12)
    assert found["data"] == {
        "secret": "sk-T6…AB",
        "setting": "api_key",
        "settings_class": "BackendSettings",
        "read_in": "backend.py:8",
        "default_url_field": "api_base",
        "gitignored": True,
        "read_by": "backend.py:12",
    }
    assert KEY not in invoke("scan", ".", "-p", "qwen").stdout
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert (here / "data/settings.yaml").read_text() == SETTINGS  # never edited
    assert 'os.environ.get(\n        "DASHSCOPE_BASE_URL"' in (here / "backend.py").read_text()
    checked = invoke("check", ".", "-p", "qwen")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        # the request's key is read from the settings, not DASHSCOPE_API_KEY (raw_http)
        'backend.py:22:9 ML403 raw HTTP request (POST f"{s.api_base}/chat/completions") sends '
        "Alibaba Qwen (DashScope / Model Studio) the key from `s.api_key`, not traced to "
        "DASHSCOPE_API_KEY: an OpenAI key there would go to Alibaba Qwen (DashScope / Model "
        "Studio); send the key from DASHSCOPE_API_KEY there, by hand",
        "data/settings.yaml:2:13 ML505 " + MESSAGE.format(line=10, reads="reads", reader=16),
        "2 findings for qwen in 2 of 2 files; 1 error, 1 warning, 0 note",
    ]
    # the provider's key put there, and recorded as done: ML505 is settled
    (here / "data/settings.yaml").write_text(
        SETTINGS.replace("  # OpenAI API key", "  # migrate-llm: ignore[ML505]")
    )
    assert _rules("check", ".") == ["ML403"]


def _rules(*args: str) -> list[str]:
    found = json.loads(invoke(*args, "-p", "qwen", "-f", "json").stdout)["findings"]
    return [f["rule"] for f in found]


@pytest.mark.parametrize(
    "record",
    [
        # its own base URL: ML505's note as before (the key goes where the entry says)
        f'openai:\n  api_key: "{KEY}"\n  api_base: "https://api.deepseek.com"\n',
        # a record picking another client: not the class's
        f'openai:\n  adapter: "deepseek"\n  config:\n    api_key: "{KEY}"\n',
    ],
    ids=["own-base-url", "other-adapter"],
)
def test_a_key_that_does_not_take_the_default_stays_a_note(here, record):
    write(here, {".gitignore": "data/settings.yaml\n", "backend.py": BACKEND})
    write(here, {"data/settings.yaml": record})
    (found,) = _keys("scan", ".")
    assert (found["severity"], found["fix"]) == ("note", "none")
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert _rules("check", ".") == ["ML403"]  # the request's key only (raw_http)


ADAPTER = """\
import requests
from pydantic import BaseModel, ConfigDict


class OpenAIConfig(BaseModel):
    api_key: str
    api_base: str = "https://api.openai.com/v1"
    model_config = ConfigDict(frozen=True)


def chat(config: OpenAIConfig, model: str) -> dict:
    return requests.post(
        f"{config.api_base}/chat/completions",
        headers={"Authorization": f"Bearer {config.api_key}"},
        json={"model": model, "messages": []},
    ).json()
"""
LOADER = """\
import yaml


def load() -> dict:
    with open("data/config.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)
"""
CONFIG = f"""\
llms:
  api_backends:
    - name: "main"
      adapter: "openai"
      config:
        api_key: "{KEY}"
      models:
        - "gpt-4o-mini"
"""


def test_the_class_of_a_plugin_project_within_counts_for_the_outer_config(here):
    """Kirara AI's shape: the adapter sits in a plugin with a setup.py of its own, and the
    outer project's loader reads data/config.yaml, whose backend names no api_base."""
    write(
        here,
        {
            "pyproject.toml": '[project]\nname = "bot"\n',
            ".gitignore": "data/config.yaml\n",
            "bot/config_loader.py": LOADER,
            "bot/plugins/adapters/setup.py": "from setuptools import setup\n\nsetup()\n",
            "bot/plugins/adapters/openai_adapter.py": ADAPTER,
            "data/config.yaml": CONFIG,
        },
    )
    (found,) = _keys("scan", ".")
    assert (found["line"], found["severity"], found["fix"]) == (6, "error", "manual")
    assert found["data"]["read_in"] == "bot/plugins/adapters/openai_adapter.py:7"
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert (here / "data/config.yaml").read_text() == CONFIG
    checked = invoke("check", ".", "-p", "qwen", "-f", "json")
    assert checked.exit_code == 1
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(checked.stdout)["findings"]] == [
        ("bot/plugins/adapters/openai_adapter.py", 16, "ML403"),
        ("data/config.yaml", 6, "ML505"),
        ("data/config.yaml", 8, "ML503"),
    ]
