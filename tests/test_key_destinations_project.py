"""A key handed to a class of the project itself, where another module of the project holds an
OpenAI URL with an API path that `apply` leaves (ML402, manual): the class may send the key
there, so ML401 leaves the read (simpleaichat: `ChatGPTSession(auth={"api_key": key})`, whose
class field `api_url` is `https://api.openai.com/v1/chat/completions`)."""

from __future__ import annotations

import pytest

from migrate_llm.run_facts import HOLDS_OPENAI_ENDPOINT, RunFacts, endpoint_urls, facts_of

from .cli_findings import invoke, write
from .test_project_facts import ACME, TARGET, found

SESSION = """from httpx import Client


class ChatSession:
    api_url: str = "https://api.openai.com/v1/chat/completions"

    def __init__(self, auth, **kwargs):
        self.auth = auth

    def ask(self, prompt):
        headers = {"Authorization": f"Bearer {self.auth['api_key']}"}
        return Client().post(self.api_url, json={"prompt": prompt}, headers=headers)
"""
APP = """import os

{import_line}


def new_session(**kwargs):
    key = kwargs.get("api_key") or os.getenv("OPENAI_API_KEY")
    return ChatSession(auth={{"api_key": key}}, **kwargs)
"""
RELATIVE = "from .session import ChatSession"
ABSOLUTE = "from chatkit.session import ChatSession"
SDK_APP = """import os

from openai import OpenAI

client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))
"""


def left(name: str) -> str:
    return (
        f"reads OPENAI_API_KEY, which goes to ChatSession() on line 8, imported from the "
        f"project (`{name}`), and a module of the project holds an OpenAI URL with an API "
        "path, which apply leaves (ML402): given Acme Cloud's key (ACME_API_KEY) that code may "
        "send it there, to OpenAI; point that URL at Acme Cloud first, then read ACME_API_KEY "
        "here, by hand"
    )


MOVED = "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not copied)"
SWITCHED = ("ML401", 7, "safe", MOVED)
URL_LEFT = (
    "ML402",
    5,
    "manual",
    "hard-coded OpenAI URL https://api.openai.com/v1/chat/completions; replace it with Acme "
    "Cloud's base URL + /chat/completions by hand (https://api.acme.example/v1/chat/completions,"
    " the base URL read from ACME_BASE_URL): the base URL alone is no endpoint; change with it "
    "the key and the models its requests carry (Acme Cloud's key from ACME_API_KEY, Acme "
    "Cloud's models), or the program's OpenAI key and models go to Acme Cloud",
)


def project(import_line: str, session: str = SESSION) -> dict[str, str]:
    return {
        "pyproject.toml": '[project]\nname = "chatkit"\n',
        "chatkit/__init__.py": "",
        "chatkit/session.py": session,
        "chatkit/app.py": APP.format(import_line=import_line),
    }


@pytest.mark.parametrize(
    ("import_line", "name"),
    [(RELATIVE, ".session.ChatSession"), (ABSOLUTE, "chatkit.session.ChatSession")],
)
def test_a_key_handed_to_a_class_of_the_project_holding_openais_url_is_left(
    tmp_path, monkeypatch, import_line, name
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, project(import_line))
    shown = found(".")
    assert shown["chatkit/app.py"] == [("ML401", 7, "manual", left(name))]
    assert shown["chatkit/session.py"] == [URL_LEFT]
    code, _ = invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")
    assert code == 0
    assert (tmp_path / "chatkit/app.py").read_text() == APP.format(import_line=import_line)
    assert invoke("check", ".", *ACME)[0] == 1  # still red: both are left to a person


def test_a_key_handed_to_a_class_of_a_project_without_openais_url_is_switched(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    elsewhere = SESSION.replace("api.openai.com/v1", "api.example.com/v1")
    write(tmp_path, project(RELATIVE, elsewhere))
    assert found(".") == {"chatkit/app.py": [SWITCHED]}


def test_a_plain_base_url_elsewhere_in_the_project_does_not_leave_the_key(tmp_path, monkeypatch):
    """A plain base URL is one ML402 points at the provider: no API path is left."""
    monkeypatch.chdir(tmp_path)
    base = SESSION.replace("/v1/chat/completions", "/v1")
    write(tmp_path, project(RELATIVE, base))
    assert found(".")["chatkit/app.py"] == [SWITCHED]


def test_a_class_imported_from_another_package_is_not_the_projects(tmp_path, monkeypatch):
    """`from chatlib.session import ...`: no directory the file is in is named chatlib."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, project(ABSOLUTE.replace("chatkit", "chatlib")))
    assert found(".")["chatkit/app.py"] == [SWITCHED]


def test_a_key_given_to_a_client_apply_moves_stays_switched(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {**project(RELATIVE), "chatkit/app.py": SDK_APP})
    assert [f for f in found(".")["chatkit/app.py"] if f[0] == "ML401"] == [
        ("ML401", 5, "safe", MOVED)
    ]


def test_the_app_scanned_alone_knows_no_url_of_its_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, project(RELATIVE))
    assert found("chatkit/app.py") == {"chatkit/app.py": [SWITCHED]}


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ('URL = "https://api.openai.com/v1/chat/completions"\n', True),
        ('URL = f"https://api.openai.com/v1/{path}"\n', True),
        ('URL = "wss://api.openai.com/v1/realtime"\n', True),
        ('URL = "https://api.openai.com/v1"\n', False),
        ('URL = "https://api.openai.com/v1/"\n', False),
        ('URL = "https://api.example.com/v1/chat/completions"\n', False),
    ],
)
def test_screening_learns_an_openai_url_with_an_api_path(text, held):
    endpoints = endpoint_urls(("api.openai.com",))
    bits = facts_of("python", text.encode(), True, True, None, endpoints)
    assert bool(bits & HOLDS_OPENAI_ENDPOINT) is held
    assert RunFacts.of_bits(bits).openai_endpoint_held is held
    assert not facts_of("python", text.encode(), False, True, None, endpoints)  # not worth it
