"""A name bound to OpenAI in one branch and to AzureOpenAI in another (ML002, t68d).

ML002 rewrote `Client(**settings)` to `OpenAI(...)` with a new top-level import, and the
import cleanup dropped `from openai import AzureOpenAI as Client`; `from openai import OpenAI
as Client` stayed, unused (ruff F401), and alone in its `if` body, so removing it was no
option. Now the Azure import becomes the plain one under the same name and the call keeps it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

BEFORE = """import os


def make_client():
    settings = dict(api_key=os.environ["AZURE_OPENAI_API_KEY"])
    if settings["api_key"].startswith("sk-"):
        from openai import OpenAI as Client
    else:
        from openai import AzureOpenAI as Client
        settings.update(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])
    return Client(**settings)
"""
AFTER = """import os


def make_client():
    settings = dict(api_key=os.environ["AZURE_OPENAI_API_KEY"])
    if settings["api_key"].startswith("sk-"):
        from openai import OpenAI as Client
    else:
        from openai import OpenAI as Client
        settings.update(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])
    return Client(
        **{
            **{
                k: v
                for k, v in settings.items()
                if k != "api_version" and not k.startswith("azure_")
            },
            "api_key": os.environ["DEEPSEEK_API_KEY"],
            "base_url": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        }
    )
"""


def test_both_branches_import_the_plain_class_and_nothing_is_unused(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(BEFORE)
    monkeypatch.chdir(tmp_path)
    args = ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app.py").read_text() == AFTER
    again = CliRunner().invoke(app, [*args[:-3], "--diff", "--no-cache"])
    assert again.exit_code == 0, again.output
    assert "changes 0 files" in again.output
    pytest.importorskip("ruff")
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "F401,F811", "app.py"],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout


def test_an_alias_bound_otherwise_too_keeps_the_old_rewrite(tmp_path, monkeypatch):
    # `Client` may also be the parameter: the plain class is imported and called by name
    text = BEFORE.replace("def make_client():", "def make_client(Client=None):")
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--diff", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "-        from openai import AzureOpenAI as Client\n" in result.output
    assert "+        from openai import OpenAI as Client\n" not in result.output
