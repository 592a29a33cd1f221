"""A test of a URL against OpenAI's that counts a base URL of None as OpenAI's (trial t55a D4,
khoj's `is_openai_api(u): return u is None or u.startswith("https://api.openai.com/v1")`).

apply gives a client whose base URL may be None the provider's URL as fallback, so None now
means the provider; the test still says OpenAI there, and khoj sent its OpenAI-only requests
(the Responses API) to Zhipu: 404. ML402 had called it a note ("with the provider's base URL
it no longer holds"). Now it is a warning (manual) saying to make the test false for None.
Exact findings and data, apply's bytes, and the paths the loopback server (standing for
Zhipu) receives before and after the hand edit."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

PROGRAM = """from openai import OpenAI


def is_official(api_base_url=None):
    return api_base_url is None or api_base_url.startswith("https://api.openai.com/v1")


def client_for(api_key, api_base_url=None):
    return OpenAI(api_key=api_key, base_url=api_base_url)


def reply(text, model, api_key, api_base_url=None):
    client = client_for(api_key, api_base_url)
    if is_official(api_base_url):
        return client.responses.create(model=model, input=text).output_text
    answer = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": text}]
    )
    return answer.choices[0].message.content


if __name__ == "__main__":
    try:
        print(reply("hi", "glm-4.7-flash", None))
    except Exception as error:
        print("failed:", type(error).__name__)
"""

WARNING = (
    "tests whether a URL is OpenAI's (https://api.openai.com/v1), and counts a base URL of None "
    "(`api_base_url is None`) as OpenAI's too: a client given None goes to Zhipu AI (GLM) once "
    "apply gives it the fallback ZAI_BASE_URL, and this test still says OpenAI for it, so the "
    "code for OpenAI runs against Zhipu AI (GLM); make the test false for None, by hand (in "
    "place of `api_base_url is None or ...`, `api_base_url is not None and ...`)"
)
NOTE = (
    "tests whether a URL is OpenAI's (https://api.openai.com/v1): with Zhipu AI (GLM)'s base "
    "URL it no longer holds, so the code for other servers runs; nothing to replace"
)


def _ml402(tmp_path, monkeypatch, text: str) -> list[tuple]:
    write_here(tmp_path, monkeypatch, {"chat.py": text})
    _, report = run_json("scan", "chat.py", "-p", "zhipu")
    fields = ("line", "severity", "fix", "message", "data")
    return finding_rows(report, *fields, rules=("ML402",))


def test_none_counted_as_openais_url_is_a_warning(tmp_path, monkeypatch):
    assert _ml402(tmp_path, monkeypatch, PROGRAM) == [
        (5, "warning", "manual", WARNING, {"none_counted": "api_base_url is None"})
    ]


@pytest.mark.parametrize(
    ("test", "counted"),
    [
        pytest.param('not url or "api.openai.com" in url', "not url", id="not-in"),
        pytest.param(
            'url == "https://api.openai.com/v1" or url is None', "url is None", id="equal-after"
        ),
    ],
)
def test_other_shapes_of_the_same_test(tmp_path, monkeypatch, test, counted):
    text = f"def official(url):\n    return {test}\n"
    [(line, severity, fix, message, data)] = _ml402(tmp_path, monkeypatch, text)
    assert (line, severity, fix, data) == (2, "warning", "manual", {"none_counted": counted})
    assert message.endswith(f"(in place of `{counted} or ...`, `url is not None and ...`)")


@pytest.mark.parametrize(
    "test",
    [
        pytest.param('url is not None and url.startswith("https://api.openai.com/v1")', id="and"),
        pytest.param('other is None or url.startswith("https://api.openai.com/v1")', id="other"),
    ],
)
def test_a_test_not_counting_this_url_none_stays_a_note(tmp_path, monkeypatch, test):
    text = f"def official(url, other=None):\n    return {test}\n"
    assert _ml402(tmp_path, monkeypatch, text) == [(2, "note", "none", NOTE, {})]


def _paths(tmp_path) -> list[str]:
    server = LoopbackServer().start()
    try:
        env = {"ZAI_API_KEY": "zhipu-loopback-key", "ZAI_BASE_URL": server.base + "/v4"}
        proc, blocked = run_guarded("chat.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    return [r.path for r in server.requests]


def test_the_hand_edit_sends_chat_to_the_provider(tmp_path, monkeypatch):
    (tmp_path / "chat.py").write_text(PROGRAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "chat.py", "-p", "zhipu", "--yes"])
    assert done.exit_code == 0, done.output
    applied = (tmp_path / "chat.py").read_text(encoding="utf-8")
    assert "return api_base_url is None or api_base_url.startswith(" in applied
    # as applied, with no base URL given: the Responses request goes to Zhipu
    assert _paths(tmp_path) == ["/v4/responses"]

    edited = applied.replace(
        "return api_base_url is None or api_base_url",
        "return api_base_url is not None and api_base_url",
    )
    assert _ml402(tmp_path, monkeypatch, edited) == [(7, "note", "none", NOTE, {})]
    assert _paths(tmp_path) == ["/v4/chat/completions"]
