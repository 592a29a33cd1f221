"""ML007: the project's own client code handed another server's base URL with a key that may
be None (magentic's Mistral model on top of its OpenAI model): the code's fallback key, the
provider's after `apply` (ML003), would go to that server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_findings import invoke, write
from .test_project_facts import ACME, TARGET

CHAT = """import openai


class Chat:
    def __init__(self, api_key=None, base_url=None):
        self.client = openai.OpenAI(api_key=api_key, base_url=base_url)
"""
SUBCLASS = """

class MistralChat(Chat):
    def __init__(self):
        super().__init__(api_key={key}, base_url="https://api.mistral.ai/v1/")
"""
CALLER = """import os

import openai

from .chat import Chat


def mistral(api_key=None, base_url=None):
    return Chat(api_key=api_key or {key}, base_url=base_url or "https://api.mistral.ai/v1/")
"""
GETENV = 'os.getenv("MISTRAL_API_KEY")'
REQUIRED = 'os.environ["MISTRAL_API_KEY"]'


def message(callee: str, key: str, builds: str = "the client it builds") -> str:
    return (
        f"`{callee}` is given a base URL for api.mistral.ai and the key `{key}`, which may be "
        f"None: {builds} then takes a key of its own (OPENAI_API_KEY, or ACME_API_KEY where "
        "apply gives it that fallback), which would go to api.mistral.ai; make this key "
        "required (`os.environ[...]`, or stop when it is missing)"
    )


def ml007(root: Path) -> list[tuple[str, int, str, str]]:
    code, out = invoke("scan", ".", *ACME, "--format", "json")
    assert code == 0, out
    return [
        (f["path"], f["line"], f["fix"], f["message"])
        for f in json.loads(out)["findings"]
        if f["rule"] == "ML007"
    ]


def one_module(key: str) -> dict[str, str]:
    return {"app.py": "import os\n" + CHAT + SUBCLASS.format(key=key)}


def test_a_subclass_pointing_the_modules_client_at_another_server_is_reported(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, one_module(GETENV))
    assert ml007(tmp_path) == [("app.py", 12, "manual", message("Chat.__init__", GETENV))]


def test_check_stays_red_after_apply_until_the_key_is_required(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, one_module(GETENV))
    assert invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")[0] == 0
    text = (tmp_path / "app.py").read_text()
    # ML003's key: Acme Cloud's where apply gives Acme Cloud's URL (t58b D2, t59g)
    assert (
        '            api_key=os.environ.get("ACME_API_KEY", "unset")\n            if not base_url\n'
        in text
    )
    code, out = invoke("check", ".", *ACME)
    assert code == 1 and "ML007" in out
    (tmp_path / "app.py").write_text(text.replace(GETENV, REQUIRED))
    assert invoke("check", ".", *ACME)[0] == 0


def test_the_key_it_names_goes_there_as_applied(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    """Run the applied module: with MISTRAL_API_KEY unset the client built for api.mistral.ai
    takes OPENAI_API_KEY (what ML007 keeps `check` red for), never the provider's key: ML003's
    fallback holds only on the provider's URL (t58b D2); with the key required it cannot."""
    write(tmp_path, one_module(GETENV))
    invoke("apply", ".", *TARGET, "--yes", "--allow-dirty")
    probe = (
        "from app import MistralChat\nc = MistralChat().client\nprint(c.base_url.host, c.api_key)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "MISTRAL_"))}
    env |= {"ACME_API_KEY": "acme-test-key", "PYTHONPATH": str(tmp_path)}
    env["OPENAI_API_KEY"] = "openai-test-key"
    run = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert run.stdout.split() == ["api.mistral.ai", "openai-test-key"]
    del env["OPENAI_API_KEY"]
    text = (tmp_path / "app.py").read_text()
    (tmp_path / "app.py").write_text(text.replace(GETENV, REQUIRED))
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "KeyError: 'MISTRAL_API_KEY'" in run.stderr


@pytest.mark.parametrize(
    "key",
    [
        REQUIRED,
        'os.getenv("MISTRAL_API_KEY", "")',
        'os.getenv("MISTRAL_API_KEY") or ""',
    ],
)
def test_a_key_that_is_never_none_is_not_reported(tmp_path, key, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, one_module(key))
    assert ml007(tmp_path) == []


def test_a_caller_in_another_module_of_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "chatkit"\n',
            "chatkit/__init__.py": "",
            "chatkit/chat.py": CHAT,
            "chatkit/mistral.py": CALLER.format(key=GETENV),
        },
    )
    key = f"api_key or {GETENV}"
    assert ml007(tmp_path) == [
        ("chatkit/mistral.py", 9, "manual", message("Chat", key, "a client it builds"))
    ]


def test_a_key_checked_first_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    guarded = CALLER.replace(
        "    return Chat(",
        f"    if not (api_key or {GETENV}):\n        raise ValueError('no key')\n    return Chat(",
    )
    write(tmp_path, {"pkg/__init__.py": "", "pkg/chat.py": CHAT, "pkg/mistral.py": guarded})
    assert ml007(tmp_path) == []


def test_a_parameter_every_call_of_the_module_fills_is_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    """magentic's private OpenRouter model: its `api_key` parameter goes to the base class with
    its own default URL, and its one caller checks the key first."""
    source = (
        "import os\n" + CHAT + "\n\nclass _Router(Chat):\n"
        '    def __init__(self, api_key=None, base_url="https://openrouter.ai/api/v1"):\n'
        "        super().__init__(api_key=api_key, base_url=base_url)\n\n\n"
        "def router(api_key=None):\n"
        f"    if not (api_key or {GETENV.replace('MISTRAL', 'OPENROUTER')}):\n"
        "        raise ValueError('no key')\n"
        f"    return _Router(api_key=api_key or {GETENV.replace('MISTRAL', 'OPENROUTER')})\n"
    )
    write(tmp_path, {"app.py": source})
    assert ml007(tmp_path) == []
    write(tmp_path, {"app.py": source + "\n\nbare = _Router()\n"})
    assert [f[1] for f in ml007(tmp_path)] == [12]


def test_library_classes_and_the_sdk_client_are_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "app.py": "import os\nimport openai\nfrom langchain_openai import ChatOpenAI\n"
            f'c = openai.OpenAI(api_key={GETENV}, base_url="https://api.mistral.ai/v1/")\n'
            f'llm = ChatOpenAI(api_key={GETENV}, base_url="https://api.mistral.ai/v1/")\n'
        },
    )
    assert ml007(tmp_path) == []


def test_a_local_class_that_builds_no_client_is_not_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = (
        "import os\nimport openai\nimport httpx\n\n"
        "class Mistral:\n"
        "    def __init__(self, api_key=None, base_url=None):\n"
        "        self.http = httpx.Client(base_url=base_url, headers={'key': api_key or ''})\n\n"
        f'm = Mistral(api_key={GETENV}, base_url="https://api.mistral.ai/v1/")\n'
    )
    write(tmp_path, {"app.py": source})
    assert ml007(tmp_path) == []
