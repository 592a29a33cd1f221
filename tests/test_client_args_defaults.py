"""A client given `**(client_args or {})`, or a dict whose key and base URL the module defaults
with `setdefault` before the call (ML001, ML003; t68a, agentscope's OpenAIChatModel).

`**(client_args or {})` was left to a person ("may hold your callers' key and base URL, which
apply cannot keep") while `client_args = client_args or {}` then `**client_args` got the
review rewrite keeping them; and ML001's own advice followed by hand (`client_args.setdefault(
"base_url", <provider's variable>)`) still read as a client talking to OpenAI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

HEAD = "import os\n\nimport openai\n\n\ndef make(api_key=None, client_args=None):\n"
BASE = '"base_url", os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'


def findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, rc: int) -> list:
    (tmp_path / "app.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", ".", "-p", "zhipu", "--format", "json"])
    assert result.exit_code == rc, result.output
    return [
        (f["rule"], f["line"], f["severity"], f["fix"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in ("ML001", "ML003")
    ]


def test_the_key_and_base_url_defaulted_by_hand_are_the_fix_done(tmp_path, monkeypatch):
    text = (
        f"{HEAD}    client_args = dict(client_args or {{}})\n"
        f"    client_args.setdefault({BASE})\n"
        '    client_args.setdefault("api_key", api_key or os.environ.get("ZAI_API_KEY"))\n'
        "    return openai.AsyncClient(**client_args)\n"
    )
    assert findings(tmp_path, monkeypatch, text, 0) == []


def test_a_parameter_rebound_in_a_branch_still_reaches_the_call(tmp_path, monkeypatch):
    text = (
        f"{HEAD}    if client_args is None:\n"
        "        client_args = {}\n"
        f"        client_args.setdefault({BASE})\n"
        '    return openai.AsyncClient(api_key=api_key or os.environ.get("ZAI_API_KEY"), '
        "**client_args)\n"
    )
    assert findings(tmp_path, monkeypatch, text, 1) == [("ML001", 10, "error", "review")]


def test_an_openai_key_behind_or_is_left_to_a_person(tmp_path, monkeypatch):
    text = (
        'import os\n\nimport openai\n\nsettings = {"api_key": os.environ["OPENAI_API_KEY"]}\n\n\n'
        "def make(extra=None):\n    return openai.OpenAI(**(extra or settings))\n"
    )
    assert findings(tmp_path, monkeypatch, text, 1) == [("ML001", 9, "error", "manual")]
