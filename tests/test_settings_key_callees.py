"""A settings field handed both to a client apply moves and to an audio-only client it leaves
on OpenAI (trial t64c, vocode's turn-based quickstart).

Before: apply pointed the transcription-only client at Moonshot (its key `api_key or
os.getenv("OPENAI_API_KEY")` was not counted as OpenAI's, though each side is) and gave
`Settings.openai_api_key` the alias MOONSHOT_API_KEY; check then said both "point it at
Moonshot" and "keep it on OpenAI". Kept on OpenAI as told, check was green while the
transcriber sent the Moonshot key to api.openai.com.

After: the audio-only client stays on OpenAI, and the field stays reading OPENAI_API_KEY
(ML401, error, manual) since another module hands it to that client; a field already
aliased to the provider's key and handed there is an error of check."""

from __future__ import annotations

import importlib.util

import pytest

from .cli_findings import cli, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

APP = """from pydantic_settings import BaseSettings

from chatbot import Chatbot
from listener import Listener


class AppSettings(BaseSettings):
    openai_api_key: str = "put-your-key-here"


settings = AppSettings()


def hear(path):
    with open(path, "rb") as audio:
        return Listener(api_key=settings.openai_api_key).hear(audio)


def reply(text):
    return Chatbot(api_key=settings.openai_api_key).reply(text)
"""

LISTENER = """import os

import openai


class Listener:
    def __init__(self, api_key=None):
        self.client = openai.OpenAI(api_key=api_key or os.getenv("OPENAI_API_KEY"), max_retries=0)

    def hear(self, audio):
        return self.client.audio.transcriptions.create(model="whisper-1", file=audio).text
"""

CHATBOT = """import openai


class Chatbot:
    def __init__(self, api_key: str):
        self.client = openai.OpenAI(api_key=api_key)

    def reply(self, text):
        answer = self.client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        return answer.choices[0].message.content
"""

RUN = """from app import hear

print(hear("hello.wav"))
"""

FIELD_HELD = (
    "settings field AppSettings.openai_api_key reads OPENAI_API_KEY; not switched: it goes to "
    "Listener() on line 16, whose module hands it to `openai.OpenAI()` on line 8 of "
    "listener.py, which apply leaves talking to OpenAI (see its finding there): aliased to "
    "MOONSHOT_API_KEY, the field would give Moonshot AI (Kimi)'s key to that client, which "
    "would send it to OpenAI; give that client OpenAI's key from its own variable, or point "
    "it at Moonshot AI (Kimi), then make the field read MOONSHOT_API_KEY, by hand (until "
    "then, a client apply points at the provider given this field gets OpenAI's key)"
)
LISTENER_LEFT = (
    'OpenAI() talks to OpenAI (key from `api_key or os.getenv("OPENAI_API_KEY")`); its only '
    "requests are audio, which Moonshot AI (Kimi) does not serve: apply leaves it (base URL "
    "and key); keep it on OpenAI or point it at a provider that serves audio, with that "
    "provider's key, by hand"
)


def _project(tmp_path, monkeypatch, app: str = APP) -> None:
    write_here(
        tmp_path,
        monkeypatch,
        {"app.py": app, "listener.py": LISTENER, "chatbot.py": CHATBOT, "run.py": RUN},
    )


def _rows(report: dict) -> list[tuple]:
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"])
        for f in report["findings"]
        if f["rule"] in ("ML001", "ML401")
    ]


def test_scan_leaves_the_listener_and_the_field_it_is_given(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    assert _rows(report) == [
        ("app.py", 8, "ML401", "error", "manual"),
        ("chatbot.py", 6, "ML001", "error", "review"),
        ("listener.py", 8, "ML001", "error", "manual"),
        ("listener.py", 8, "ML401", "warning", "manual"),
    ]
    messages = {(f["path"], f["rule"]): f["message"] for f in report["findings"]}
    assert messages["app.py", "ML401"] == FIELD_HELD
    assert messages["listener.py", "ML001"] == LISTENER_LEFT


def test_apply_keeps_the_field_and_the_listener(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP
    assert (tmp_path / "listener.py").read_text(encoding="utf-8") == LISTENER
    assert (tmp_path / "chatbot.py").read_text(encoding="utf-8") != CHATBOT  # moved
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert code == 1
    assert [r[:3] for r in _rows(report)] == [
        ("app.py", 8, "ML401"),
        ("listener.py", 8, "ML001"),
        ("listener.py", 8, "ML401"),
    ]


def test_the_transcription_carries_the_openai_key_to_openai_only(tmp_path, monkeypatch):
    """A loopback server stands for OpenAI (OPENAI_BASE_URL, read by the client left there),
    another for Moonshot: after apply the upload reaches the first with OpenAI's key."""
    if importlib.util.find_spec("pydantic_settings") is None:
        pytest.skip("pydantic_settings is not installed (the frameworks venv has it)")
    _project(tmp_path, monkeypatch)
    (tmp_path / "hello.wav").write_bytes(b"RIFF0000WAVE")
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    openai_server, moonshot = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-key-1",
            "OPENAI_BASE_URL": openai_server.base + "/v1",
            "MOONSHOT_API_KEY": "moonshot-key-1",
            "MOONSHOT_BASE_URL": moonshot.base + "/v1",
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        openai_server.stop()
        moonshot.stop()
    assert (proc.returncode, proc.stdout, blocked) == (
        0,
        "transcript of hello.wav by whisper-1\n",
        [],
    ), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in openai_server.requests] == [
        ("/v1/audio/transcriptions", "Bearer sk-openai-key-1")
    ]
    assert moonshot.requests == []


def test_check_fails_on_a_field_already_aliased_to_the_providers_key(tmp_path, monkeypatch):
    """The state an earlier apply left, the listener kept on OpenAI by hand: the field holds
    Moonshot's key, which the listener would send to OpenAI."""
    aliased = APP.replace(
        '    openai_api_key: str = "put-your-key-here"',
        '    openai_api_key: str = Field("put-your-key-here", validation_alias="MOONSHOT_API_KEY")',
    ).replace("from pydantic_settings", "from pydantic import Field\nfrom pydantic_settings")
    _project(tmp_path, monkeypatch, aliased)
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert code == 1
    found = [f for f in report["findings"] if f["path"] == "app.py"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"]) for f in found] == [
        (9, "ML401", "error", "manual")
    ]
    assert found[0]["message"] == (
        "settings field AppSettings.openai_api_key reads MOONSHOT_API_KEY (Moonshot AI "
        "(Kimi)'s key) by its alias, and goes to Listener() on line 17, whose module hands it "
        "to `openai.OpenAI()` on line 8 of listener.py, which apply leaves talking to OpenAI: "
        "Moonshot AI (Kimi)'s key would go to OpenAI; give that client OpenAI's key from its "
        "own variable, or point it at Moonshot AI (Kimi), by hand"
    )
