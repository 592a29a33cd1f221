"""A pydantic settings class whose `model_config` is a module-level variable with an
`env_prefix` chosen at run time (sec-insights, t51k) still reads OPENAI_API_KEY where the prefix
is empty: its OpenAI-named field is reported (manual), where before it was passed over and the
OpenAI key in `.env.development` went to Hunyuan with check green."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

CONFIG = """\
import os

from pydantic_settings import BaseSettings, SettingsConfigDict

is_preview = os.environ.get("PREVIEW") == "1"
model_config = SettingsConfigDict(env_prefix="PREVIEW_" if is_preview else "")


class Settings(BaseSettings):
    OPENAI_API_KEY: str
    model_config = model_config


settings = Settings()
"""

APP = """\
from config import settings
from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o", api_key=settings.OPENAI_API_KEY)
"""

MESSAGE = (
    "settings field Settings.OPENAI_API_KEY reads OPENAI_API_KEY (after the env_prefix its "
    "model_config chooses at run time: OPENAI_API_KEY itself where it is empty); Tencent Hunyuan's key is in HUNYUAN_API_KEY (the OpenAI key is not copied): make "
    "the field read it (validation_alias=, or env= in pydantic<2), by hand"
)


def _invoke(*args: str):
    return CliRunner().invoke(app, [*args, "-p", "hunyuan", "--no-cache"])


def test_a_field_behind_a_run_time_prefix_keeps_check_red(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.py").write_text(CONFIG)
    (tmp_path / "app.py").write_text(APP)
    assert _invoke("apply", ".", "--yes").exit_code == 0
    assert (tmp_path / "config.py").read_text() == CONFIG
    result = _invoke("check", ".", "--format", "json")
    assert result.exit_code == 1
    found = [f for f in json.loads(result.stdout)["findings"] if f["path"] == "config.py"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (10, "ML401", "warning", "manual", MESSAGE)
    ]


def test_a_prefix_written_in_the_class_is_read_as_before(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown = CONFIG.replace(
        "    model_config = model_config", '    model_config = SettingsConfigDict(env_prefix="")'
    )
    (tmp_path / "config.py").write_text(shown)
    result = _invoke("scan", ".", "--format", "json")
    [found] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML401"]
    assert found["message"].startswith(
        "settings field Settings.OPENAI_API_KEY reads OPENAI_API_KEY; "
    )
    assert "at run time" not in found["message"]
