"""`json.loads(str(resp))` in each path of a function (ML305).

XAgent's request code turns a v0 response back into its dict with `json.loads(str(response))`
in its `try` body and again in the `except` handler's retry. apply rewrote the first and left
the second (the handler's `response` was taken to maybe hold the `try` body's dict), scan
never reported it, check passed, and the retry raised JSONDecodeError (t64d). Now a name's
last plain binding before a use in its block is the one it reads; code an earlier apply left
is reported (and fixed) once migrated too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from .loopback_server import LoopbackServer
from .provider_run import run_on_provider

BEFORE = """import json

import openai


def ask(messages, model="gpt-4"):
    try:
        response = openai.ChatCompletion.create(model=model, messages=messages)
        response = json.loads(str(response))
    except openai.error.InvalidRequestError:
        response = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=messages[-1:])
        response = json.loads(str(response))
    return response


if __name__ == "__main__":
    reply = ask([{"role": "user", "content": "BAD-REQUEST"}, {"role": "user", "content": "hi"}])
    print(reply["choices"][0]["message"]["content"])
"""

DUMPED = "json.loads(json.dumps(response.to_dict(), sort_keys=True, indent=2))"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--no-cache"])
    return result.exit_code, result.stdout


def test_both_paths_are_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "app.py").write_text(BEFORE)
    monkeypatch.chdir(tmp_path)
    code, out = run("scan", ".", "-p", "deepseek", "--format", "json")
    assert code == 0
    texts = [
        (f["line"], f["fix"])
        for f in json.loads(out)["findings"]
        if f["rule"] == "ML305" and "str() gave" in f["message"]
    ]
    assert texts == [(9, "safe"), (12, "safe")]
    code, _ = run("apply", ".", "-p", "deepseek", "--yes")
    assert code == 0
    after = (tmp_path / "app.py").read_text()
    assert "str(response)" not in after
    assert after.count(f"response = {DUMPED}\n") == 2
    # the first request gets a 400, the handler's retry a reply it now reads as a dict
    provider = load_registry().get("deepseek")
    server = LoopbackServer.for_provider(provider).start()
    try:
        proc = run_on_provider(Path("app.py"), tmp_path, provider, server, tmp_path.parent / "g")
    finally:
        server.stop()
    assert proc.stdout == "reply from deepseek-flash\n"
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        ("/chat/completions", "deepseek-v4-pro"),
        ("/chat/completions", "deepseek-flash"),
    ]


def test_a_left_str_of_a_v1_response_fails_check_and_is_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left = """import json
import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)


def ask(messages):
    try:
        response = client.chat.completions.create(
            model="deepseek-v4-pro",
            messages=messages,
            extra_body={"thinking": {"type": "disabled"}},
        )
        response = json.loads(json.dumps(response.to_dict(), sort_keys=True, indent=2))
    except ValueError:
        response = client.chat.completions.create(
            model="deepseek-v4-pro",
            messages=messages,
            extra_body={"thinking": {"type": "disabled"}},
        )
        response = json.loads(str(response))
    return response
"""
    (tmp_path / "app.py").write_text(left)
    monkeypatch.chdir(tmp_path)
    code, out = run("check", ".", "-p", "deepseek", "--format", "json")
    assert code == 1
    found = [(f["rule"], f["line"], f["severity"], f["fix"]) for f in json.loads(out)["findings"]]
    assert found == [("ML305", 26, "error", "safe")]
    code, _ = run("apply", ".", "-p", "deepseek", "--yes")
    assert code == 0
    assert (tmp_path / "app.py").read_text() == left.replace("json.loads(str(response))", DUMPED)
    assert run("check", ".", "-p", "deepseek")[0] == 0
