"""A raw HTTP request whose URL reads a class field (`f"{self.settings.api_base}/chat/
completions"`) whose default in the same module is OpenAI's base URL, which ML402 points at
the provider in the same run: the request goes to the provider, as one to a module constant
holding that URL does (t62f: Kirara AI's `OpenAIConfig`). Its body's `max_tokens` is
renamed (ML112), and ML403 says the key it sends is not traced to the provider's variable."""

from __future__ import annotations

import json

from .cli_findings import cli as invoke
from .cli_findings import write

ADAPTER = """\
import requests
from pydantic import {base}


class BackendSettings({base}):
    api_key: str
    api_base: str = "https://api.openai.com/v1"


class Backend:
    def __init__(self, settings: BackendSettings):
        self.settings = settings

    def ask(self, model: str, text: str, limit: int | None = None) -> str:
        body = {{"model": model, "messages": [], "max_tokens": limit}}
        r = requests.post(
            f"{{self.settings.api_base}}/chat/completions",
            json=body,
            headers={{"Authorization": f"Bearer {{self.settings.api_key}}"}},
        )
        return r.json()["choices"][0]["message"]["content"]
"""
APPLIED = """\
import os

import requests
from pydantic import BaseModel


class BackendSettings(BaseModel):
    api_key: str
    api_base: str = os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    )


class Backend:
    def __init__(self, settings: BackendSettings):
        self.settings = settings

    def ask(self, model: str, text: str, limit: int | None = None) -> str:
        body = {"model": model, "messages": [], "max_completion_tokens": limit}
        r = requests.post(
            f"{self.settings.api_base}/chat/completions",
            json=body,
            headers={"Authorization": f"Bearer {self.settings.api_key}"},
        )
        return r.json()["choices"][0]["message"]["content"]
"""
KEY_LEFT = (
    'adapter.py:{line}:13 ML403 raw HTTP request (POST f"{{self.settings.api_base}}/chat/'
    'completions") sends Alibaba Qwen (DashScope / Model Studio) the key from '
    "`self.settings.api_key`, not traced to DASHSCOPE_API_KEY: an OpenAI key there would go "
    "to Alibaba Qwen (DashScope / Model Studio); send the key from DASHSCOPE_API_KEY there, "
    "by hand"
)


def _rules(*args: str) -> list[tuple[int, str, str]]:
    found = json.loads(invoke(*args, "-p", "qwen", "-f", "json").stdout)["findings"]
    return [(f["line"], f["rule"], f["fix"]) for f in found]


def test_a_request_to_a_field_default_ml402_moves_goes_to_the_provider(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"adapter.py": ADAPTER.format(base="BaseModel")})
    assert _rules("scan", ".") == [
        (7, "ML402", "safe"),
        (15, "ML112", "safe"),
        (16, "ML403", "manual"),
    ]
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "adapter.py").read_text() == APPLIED
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout.splitlines()[0]) == (1, KEY_LEFT.format(line=20))


def test_a_settings_class_field_is_not_followed(tmp_path, monkeypatch):
    """pydantic's BaseSettings reads the field from the environment first: ML402 leaves its
    default, and the request's URL stays unknown (nothing renamed)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"adapter.py": ADAPTER.format(base="BaseSettings")})
    assert "ML112" not in {rule for _, rule, _ in _rules("scan", ".")}
