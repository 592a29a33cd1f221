"""ML101 on a request to an API the provider serves in part says what its file's
`[partial.<surface>]` says (t68d: promptflow's completions node; DeepSeek serves /completions
as fill-in-the-middle only, in non-thinking mode, under its /beta base, and `check` said only
"partial; test this call" while the request went to <base>/completions and got a 404)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

APP = (
    "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef complete(text):\n"
    "    reply = client.completions.create(model=MODEL, prompt=text, max_tokens=50)\n"
    "    return reply.choices[0].text\n"
)
AFTER = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    ")\n\n\ndef complete(text):\n"
    "    reply = client.completions.create(model=MODEL, prompt=text, max_tokens=50)\n"
    "    return reply.choices[0].text\n"
)
WORDS = (
    "completions.create() through an OpenAI client; DeepSeek serves completions only at "
    "https://api.deepseek.com/beta/completions (another base URL), as fill-in-the-middle: a "
    "prompt and an optional suffix, in non-thinking mode; its chat API serves the rest at "
    "https://api.deepseek.com/chat/completions (the prompt as a user message, the reply in "
    "choices[0].message.content); point this call's client at https://api.deepseek.com/beta "
    "or move the call to chat, by hand, then test it (see https://api-docs.deepseek.com)"
)


def deepseek(*args: str):
    return CliRunner().invoke(app, [*args, "--provider", "deepseek"])


def test_ml101_names_what_the_provider_serves_of_completions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    done = deepseek("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == AFTER
    checked = deepseek("check", ".", "--format", "json")
    assert checked.exit_code == 1
    (found,) = json.loads(checked.stdout)["findings"]
    assert (found["line"], found["rule"], found["severity"], found["fix"]) == (
        12,
        "ML101",
        "warning",
        "manual",
    )
    assert found["message"] == WORDS
    assert found["data"] == {
        "surface": "completions",
        "call": "completions.create",
        "partial": {
            "only": "fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode",
            "base_url": "https://api.deepseek.com/beta",
            "instead": "chat",
        },
    }


def test_a_provider_file_without_partial_words_keeps_the_short_verdict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP)
    checked = CliRunner().invoke(app, ["scan", ".", "--provider", "qwen", "--format", "json"])
    found = [f for f in json.loads(checked.stdout)["findings"] if f["rule"] == "ML101"]
    assert [f["message"] for f in found] == [
        "completions.create() through an OpenAI client; Alibaba Qwen (DashScope / Model "
        "Studio)'s completions support is partial; test this call (see "
        "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope)"
    ]
    assert "partial" not in found[0]["data"]


def test_a_client_given_the_base_serving_it_is_told_what_it_serves_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    beta = AFTER.replace("https://api.deepseek.com", "https://api.deepseek.com/beta")
    (tmp_path / "app.py").write_text(beta)
    checked = deepseek("check", ".", "--format", "json")
    assert checked.exit_code == 1
    (found,) = json.loads(checked.stdout)["findings"]
    assert found["message"] == (
        "completions.create() through an OpenAI client; DeepSeek serves completions at this "
        "base URL (https://api.deepseek.com/beta) only as fill-in-the-middle: a prompt and an "
        "optional suffix, in non-thinking mode; test this call (see "
        "https://api-docs.deepseek.com)"
    )
