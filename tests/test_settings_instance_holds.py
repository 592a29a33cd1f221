"""A settings field whose instance another module imports and hands to a client apply
leaves on OpenAI (vocode's `from .config import settings`, then `WhisperTranscriber(api_key=
settings.openai_api_key)`).

Before: ML401 judged the field with its own module's reads only; a module importing the
instance (not the class) was not read, so the field got `validation_alias="MOONSHOT_API_KEY"`
while the transcriber it feeds stayed on OpenAI: the Moonshot key went to api.openai.com.
Nor, in its own module, did a library no table knows handed the field with an OpenAI model
and no base URL hold it, as it holds a read of OPENAI_API_KEY handed there.

After: both hold the field (ML401, error, manual), and apply leaves config.py."""

from __future__ import annotations

import importlib.util

import pytest

from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

CONFIG = """from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    openai_api_key: str = "put-your-key-here"


settings = Settings()
"""

LISTENER = """import os

import openai


class Listener:
    def __init__(self, api_key=None):
        self.client = openai.OpenAI(api_key=api_key or os.getenv("OPENAI_API_KEY"), max_retries=0)

    def hear(self, audio):
        return self.client.audio.transcriptions.create(model="whisper-1", file=audio).text
"""

HEAR = """from config import settings
from listener import Listener

with open("hello.wav", "rb") as audio:
    print(Listener(api_key=settings.openai_api_key).hear(audio))
"""

NOTES = """from config import settings
from speechkit import Transcriber

ears = Transcriber(api_key=settings.openai_api_key, model="whisper-1")
"""

HELD = (
    "settings field Settings.openai_api_key reads OPENAI_API_KEY; not switched: code in "
    "{module} imports an instance of Settings and hands `openai_api_key` to a client apply "
    "leaves on OpenAI, through {through} (see there): aliased to MOONSHOT_API_KEY, the field "
    "would give Moonshot AI (Kimi)'s key to that client, which would send it to OpenAI; point "
    "that client at Moonshot AI (Kimi), or give it OpenAI's key from its own variable, then "
    "make the field read MOONSHOT_API_KEY, by hand"
)


@pytest.mark.parametrize(
    ("files", "module", "through"),
    [
        ({"hear.py": HEAR, "listener.py": LISTENER}, "hear.py", "the project's code"),
        ({"notes.py": NOTES}, "notes.py", "a library"),
    ],
)
def test_a_field_handed_elsewhere_through_an_imported_instance_stays(
    tmp_path, monkeypatch, files, module, through
) -> None:
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, **files})
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    found = [f for f in report["findings"] if f["path"] == "config.py"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (5, "ML401", "error", "manual", HELD.format(module=module, through=through))
    ]
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "config.py").read_text(encoding="utf-8") == CONFIG
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert code == 1
    assert ("config.py", "ML401") in finding_rows(report, "path", "rule")


def test_a_field_not_handed_there_is_still_aliased(tmp_path, monkeypatch) -> None:
    """Imported and read for something else (printed, here), the field moves as before."""
    elsewhere = "from config import settings\n\nprint(settings.openai_api_key[:3])\n"
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "show.py": elsewhere})
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    assert finding_rows(report, "path", "line", "rule", "fix", rules={"ML401"}) == [
        ("config.py", 5, "ML401", "review")
    ]


def test_the_transcription_keeps_openais_key(tmp_path, monkeypatch) -> None:
    """After apply, a loopback server standing for OpenAI (OPENAI_BASE_URL, read by the client
    left there) gets the upload with OpenAI's key; before, it got Moonshot's."""
    if importlib.util.find_spec("pydantic_settings") is None:
        pytest.skip("pydantic_settings is not installed")
    write_here(
        tmp_path, monkeypatch, {"config.py": CONFIG, "hear.py": HEAR, "listener.py": LISTENER}
    )
    (tmp_path / "hello.wav").write_bytes(b"RIFF0000WAVE")
    assert cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
    openai_server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-key-1",
            "OPENAI_BASE_URL": openai_server.base + "/v1",
            "MOONSHOT_API_KEY": "moonshot-key-1",
        }
        proc, blocked = run_guarded("hear.py", tmp_path, env)
    finally:
        openai_server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in openai_server.requests] == [
        ("/v1/audio/transcriptions", "Bearer sk-openai-key-1")
    ]
