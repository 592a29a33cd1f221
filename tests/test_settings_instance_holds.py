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
import os

import pytest

from . import network_guard
from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .program_runner import run_python

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


# where the test venv lacks pydantic_settings, the program runs with this stand-in for how it
# reads a field: the variable its `Field(validation_alias=...)` names (in `Annotated` or as
# the default; the first set of `AliasChoices`), else the field's name, any case, else the
# default
SETTINGS_STAND_IN = """import os


class BaseSettings:
    def __init__(self, **given):
        env = {k.upper(): v for k, v in os.environ.items()}
        for klass in reversed(type(self).__mro__):
            for name, hint in getattr(klass, "__annotations__", {}).items():
                value = getattr(type(self), name, None)
                infos = [*getattr(hint, "__metadata__", ()), value]
                field = next((i for i in infos if hasattr(i, "validation_alias")), None)
                alias = getattr(field, "validation_alias", None)
                names = list(getattr(alias, "choices", None) or [alias or name])
                default = getattr(value, "default", value)
                found = [env[n.upper()] for n in names if n.upper() in env]
                setattr(self, name, given.get(name, found[0] if found else default))
"""


def _settings_path(tmp_path) -> dict[str, str]:
    """PYTHONPATH for the program: the stand-in for pydantic_settings where it is not
    installed (outside the project, which apply reads)."""
    if importlib.util.find_spec("pydantic_settings") is not None:
        return {}
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "pydantic_settings.py").write_text(SETTINGS_STAND_IN, encoding="utf-8")
    return {"PYTHONPATH": str(shim)}


def test_the_transcription_keeps_openais_key(tmp_path, monkeypatch) -> None:
    """After apply, a loopback server standing for OpenAI (OPENAI_BASE_URL, read by the client
    left there) gets the upload with OpenAI's key; before, it got Moonshot's."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(
        project, monkeypatch, {"config.py": CONFIG, "hear.py": HEAR, "listener.py": LISTENER}
    )
    (project / "hello.wav").write_bytes(b"RIFF0000WAVE")
    assert cli("apply", ".", "--provider", "moonshot", "--yes").exit_code == 0
    openai_server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-key-1",
            "OPENAI_BASE_URL": openai_server.base + "/v1",
            "MOONSHOT_API_KEY": "moonshot-key-1",
            **_settings_path(tmp_path),
        }
        proc, blocked = run_guarded("hear.py", project, env)
    finally:
        openai_server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in openai_server.requests] == [
        ("/v1/audio/transcriptions", "Bearer sk-openai-key-1")
    ]


CHAT = """from openai import OpenAI

from config import settings

client = OpenAI(api_key=settings.openai_api_key, max_retries=0)


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return r.choices[0].message.content
"""

CHAT_HELD = (
    "OpenAI() talks to OpenAI (key from `settings.openai_api_key`); its key "
    "`settings.openai_api_key` is the settings field Settings.openai_api_key, which apply "
    "leaves reading OPENAI_API_KEY (ML401, see there; held for its use in notes.py): pointed "
    "at Moonshot AI (Kimi), this client would send the key OPENAI_API_KEY holds there wherever it is set; apply leaves it, "
    "base URL and key: give it Moonshot AI (Kimi)'s key (MOONSHOT_API_KEY) and base URL "
    "(MOONSHOT_BASE_URL) apart, by hand"
)


def test_a_client_given_a_field_held_through_an_instance_stays(tmp_path, monkeypatch) -> None:
    """Review r2 h1: the field is held for notes.py's transcriber, so chat.py's client given
    the same field through the imported instance stays on OpenAI with it. Before, it moved to
    Moonshot (ML001, review) and took OpenAI's key there."""
    project = tmp_path / "app"
    project.mkdir()
    files = {"config.py": CONFIG, "notes.py": NOTES, "chat.py": CHAT}
    write_here(project, monkeypatch, files)
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    assert finding_rows(report, "path", "line", "rule", "severity", "fix", rules={"ML001"}) == [
        ("chat.py", 5, "ML001", "error", "manual")
    ]
    assert [f["message"] for f in report["findings"] if f["rule"] == "ML001"] == [CHAT_HELD]
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    assert {name: (project / name).read_text() for name in files} == files
    openai_server = LoopbackServer(key="sk-openai-key-1").start()
    moonshot_server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-key-1",
            "OPENAI_BASE_URL": openai_server.base + "/v1",
            "MOONSHOT_API_KEY": "moonshot-key-1",
            "MOONSHOT_BASE_URL": moonshot_server.base + "/v1",
            **_settings_path(tmp_path),
        }
        guard = tmp_path / "guard"
        proc = run_python(
            ["-c", "import chat; print(chat.ask('hi'))"],
            cwd=project,
            env=network_guard.subprocess_env(_without_keys(env), guard),
        )
    finally:
        openai_server.stop()
        moonshot_server.stop()
    assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
    assert [r.headers["authorization"] for r in openai_server.requests] == [
        "Bearer sk-openai-key-1"
    ]
    assert moonshot_server.requests == []


def _without_keys(env: dict[str, str]) -> dict[str, str]:
    """This process's environment without its OpenAI or Moonshot variables, plus `env`."""
    kept = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "MOONSHOT" not in k}
    return kept | env


@pytest.mark.parametrize(
    ("imports", "given"),
    [
        ("from config import settings as cfg\n", "cfg.openai_api_key"),
        ("import config\n", "config.settings.openai_api_key"),
    ],
    ids=["as", "module"],
)
def test_the_instance_is_matched_by_the_name_it_is_bound_to(
    tmp_path, monkeypatch, imports, given
) -> None:
    """Review r2 h2: imported under another name, or read through its module, the instance
    holds the field as `from config import settings` does (before: aliased, review)."""
    notes = (
        f"{imports}from speechkit import Transcriber\n\n"
        f'ears = Transcriber(api_key={given}, model="whisper-1")\n'
    )
    write_here(tmp_path, monkeypatch, {"config.py": CONFIG, "notes.py": notes})
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    found = [f for f in report["findings"] if f["path"] == "config.py"]
    assert [(f["line"], f["rule"], f["severity"], f["fix"], f["message"]) for f in found] == [
        (5, "ML401", "error", "manual", HELD.format(module="notes.py", through="a library"))
    ]
