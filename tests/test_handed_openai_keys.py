"""A key handed to a client factory through a parameter named for OpenAI (t58d D1).

screenshot-to-code takes the key of its UI's "OpenAI API key" box (the request field
`openAiApiKey`) before the environment's, and carries it through an Agent to
`create_client(openai_api_key=...)` in a third module. apply renamed the settings reads and
left the factory's client (ML003, its base URL chosen at run time); the warning asked only for
the provider's URL, and once that was written `check` passed while the request's OpenAI key
went to DashScope. The parameter's name is what the factory's module shows of where the key
comes from: pointed at the provider, that client is now an error, and the run-time warning
asks for the provider's URL and key together.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e import clean_env

URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN = "Alibaba Qwen (DashScope / Model Studio)"

SETTINGS = """import os

OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", None)
OPENAI_BASE_URL = os.environ.get("OPENAI_BASE_URL", None)
"""

FACTORY = """from typing import Optional

from openai import OpenAI


def create_client(openai_api_key: Optional[str], openai_base_url: Optional[str]) -> OpenAI:
    if not openai_api_key:
        raise ValueError("API key is missing.")
    return OpenAI(api_key=openai_api_key, base_url=openai_base_url)
"""

AGENT = """from factory import create_client


class Agent:
    def __init__(self, openai_api_key, openai_base_url):
        self.openai_api_key = openai_api_key
        self.openai_base_url = openai_base_url

    def run(self, prompt: str) -> str:
        client = create_client(
            openai_api_key=self.openai_api_key, openai_base_url=self.openai_base_url
        )
        reply = client.chat.completions.create(
            model="qwen-plus", messages=[{"role": "user", "content": prompt}]
        )
        return reply.choices[0].message.content
"""

ROUTE = """import json
import sys

from agent import Agent
from settings import OPENAI_API_KEY, OPENAI_BASE_URL


def from_request_or_env(params: dict, name: str, env_value):
    return params.get(name) or env_value


def handle(params: dict) -> str:
    key = from_request_or_env(params, "openAiApiKey", OPENAI_API_KEY)
    url = from_request_or_env(params, "openAiBaseURL", OPENAI_BASE_URL)
    return Agent(key, url).run(params["prompt"])


if __name__ == "__main__":
    print(handle(json.loads(sys.argv[1])))
"""

SETTINGS_APPLIED = f"""import os

OPENAI_API_KEY = os.environ.get("DASHSCOPE_API_KEY", None)
OPENAI_BASE_URL = os.environ.get(
    "DASHSCOPE_BASE_URL", "{URL}"
)
"""

CLIENT = "    return OpenAI(api_key=openai_api_key, base_url=openai_base_url)\n"
# ML003's advice before this change: the provider's URL for when the caller's is None
POINTED = f'    return OpenAI(api_key=openai_api_key, base_url=openai_base_url or "{URL}")\n'

FAKE_OPENAI_KEY = "sk-proj-made-up-for-this-test-0000"


def project(tmp_path):
    files = {"settings.py": SETTINGS, "factory.py": FACTORY, "agent.py": AGENT, "route.py": ROUTE}
    for name, text in files.items():
        (tmp_path / name).write_text(text)


def invoke(tmp_path, monkeypatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, [*args, ".", "--provider", "qwen", "--no-cache"])


def findings(tmp_path, monkeypatch) -> tuple[int, list[tuple]]:
    done = invoke(tmp_path, monkeypatch, "check", "-f", "json")
    rows = [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(done.stdout)["findings"]
    ]
    return done.exit_code, rows


def applied(tmp_path, monkeypatch) -> None:
    project(tmp_path)
    done = invoke(tmp_path, monkeypatch, "apply", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text() == SETTINGS_APPLIED
    for name, text in (("factory.py", FACTORY), ("agent.py", AGENT), ("route.py", ROUTE)):
        assert (tmp_path / name).read_text() == text


def test_check_asks_for_the_providers_url_and_key_together(tmp_path, monkeypatch):
    applied(tmp_path, monkeypatch)
    assert findings(tmp_path, monkeypatch) == (
        1,
        [
            (
                "factory.py",
                9,
                "ML003",
                "warning",
                "manual",
                "OpenAI() takes its base URL from `openai_base_url` at run time (OpenAI's when "
                "that is None); its key `openai_api_key`, a parameter (line 6), names OpenAI, so "
                "its callers may hand it an OpenAI key (a user's, or a request's field named for "
                f"OpenAI): make sure the URL and the key are {QWEN}'s together ({URL}, and "
                f"{QWEN}'s key from DASHSCOPE_API_KEY in every caller, then `openai_api_key` "
                "renamed where it is set and read) in place of OpenAI's; a server of "
                "your own needs no change",
                {
                    "client": "OpenAI",
                    "endpoint": "dynamic",
                    "openai_key": "openai_api_key",
                    "openai_key_line": 6,
                },
            )
        ],
    )


def test_pointed_at_the_provider_by_hand_the_key_is_an_error(tmp_path, monkeypatch):
    """Following the URL half alone no longer makes `check` pass."""
    applied(tmp_path, monkeypatch)
    factory = tmp_path / "factory.py"
    factory.write_text(FACTORY.replace(CLIENT, POINTED))
    assert findings(tmp_path, monkeypatch) == (
        1,
        [
            (
                "factory.py",
                9,
                "ML003",
                "error",
                "manual",
                f"OpenAI() points at {QWEN}, but its key `openai_api_key`, a parameter (line 6), "
                "names OpenAI, so its callers may hand it an OpenAI key (a user's, or a request's "
                f"field named for OpenAI), which would go to {QWEN}: make every caller give it "
                f"{QWEN}'s key (DASHSCOPE_API_KEY; a key a user types must be asked for as "
                f"{QWEN}'s), then rename `openai_api_key` where it is set and read, by hand",
                {
                    "client": "OpenAI",
                    "endpoint": "provider",
                    "url": URL,
                    "endpoint_provider": "qwen",
                    "openai_key": "openai_api_key",
                    "openai_key_line": 6,
                },
            )
        ],
    )


def test_a_key_set_from_such_a_parameter_is_one_too(tmp_path, monkeypatch):
    (tmp_path / "llm.py").write_text(
        "from openai import OpenAI\n\n\n"
        "class Chat:\n"
        "    def __init__(self, openai_api_key):\n"
        "        self.api_key = openai_api_key\n\n"
        "    def client(self):\n"
        f'        return OpenAI(api_key=self.api_key, base_url="{URL}")\n'
    )
    assert findings(tmp_path, monkeypatch) == (
        1,
        [
            (
                "llm.py",
                9,
                "ML003",
                "error",
                "manual",
                f"OpenAI() points at {QWEN}, but its key `self.api_key` is set from the "
                "parameter `openai_api_key` (line 6), which names OpenAI, so its callers may "
                "hand it an OpenAI key (a user's, or a request's field named for OpenAI), which "
                f"would go to {QWEN}: make every caller give it {QWEN}'s key (DASHSCOPE_API_KEY; "
                f"a key a user types must be asked for as {QWEN}'s), then rename "
                "`openai_api_key` where it is set and read, by hand",
                {
                    "client": "OpenAI",
                    "endpoint": "provider",
                    "url": URL,
                    "endpoint_provider": "qwen",
                    "openai_key": "self.api_key",
                    "openai_key_line": 6,
                },
            )
        ],
    )


def test_a_settings_name_whose_read_apply_renames_is_not_one(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "main.py").write_text(
        "from openai import OpenAI\n\nimport settings\n\n"
        f'client = OpenAI(api_key=settings.OPENAI_API_KEY, base_url="{URL}")\n'
    )
    assert invoke(tmp_path, monkeypatch, "apply", "--yes").exit_code == 0
    assert findings(tmp_path, monkeypatch) == (0, [])


def run_route(tmp_path, request: dict, label: str) -> tuple[list[tuple[str, str, str]], list]:
    """Run route.py under the network guard with the DashScope variables set (the base URL
    the loopback server's): each request received as (path, model, authorization), and the
    hosts the guard blocked."""
    server = LoopbackServer().start()
    try:
        env = {
            **clean_env(),
            "DASHSCOPE_API_KEY": "test-key-dashscope",
            "DASHSCOPE_BASE_URL": server.base + "/compatible-mode/v1",
        }
        guard = tmp_path / f"guard-{label}"
        proc = run_python(
            ["route.py", json.dumps(request)],
            cwd=tmp_path,
            env=network_guard.subprocess_env(env, guard),
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        received = [(r.path, r.body["model"], r.headers["authorization"]) for r in server.requests]
        return received, network_guard.blocked_hosts(guard)
    finally:
        server.stop()


def test_the_request_key_reaches_the_provider_until_the_callers_give_its_own(tmp_path, monkeypatch):
    """What the error is about, on the loopback server: pointed by hand, the client sends the
    request's OpenAI-style key; with the advice followed (the route takes no OpenAI key from
    the request, the parameter renamed), `check` passes and only the DashScope key goes."""
    applied(tmp_path, monkeypatch)
    (tmp_path / "factory.py").write_text(FACTORY.replace(CLIENT, POINTED))
    asked = {"prompt": "hi", "openAiApiKey": FAKE_OPENAI_KEY}
    assert run_route(tmp_path, asked, "pointed") == (
        [("/compatible-mode/v1/chat/completions", "qwen-plus", f"Bearer {FAKE_OPENAI_KEY}")],
        [],
    )

    (tmp_path / "factory.py").write_text(
        FACTORY.replace(CLIENT, POINTED).replace("openai_api_key", "api_key")
    )
    (tmp_path / "agent.py").write_text(AGENT.replace("openai_api_key=", "api_key="))
    (tmp_path / "route.py").write_text(
        ROUTE.replace(
            'from_request_or_env(params, "openAiApiKey", OPENAI_API_KEY)', "OPENAI_API_KEY"
        )
    )
    assert findings(tmp_path, monkeypatch) == (0, [])
    assert run_route(tmp_path, asked, "fixed") == (
        [("/compatible-mode/v1/chat/completions", "qwen-plus", "Bearer test-key-dashscope")],
        [],
    )


def test_a_langchain_class_given_such_a_parameter_is_one_too(tmp_path, monkeypatch):
    (tmp_path / "chat.py").write_text(
        "from langchain_openai import ChatOpenAI\n\n\n"
        "def make(openai_api_key):\n"
        f'    return ChatOpenAI(api_key=openai_api_key, base_url="{URL}", model="qwen-plus")\n'
    )
    assert findings(tmp_path, monkeypatch) == (
        1,
        [
            (
                "chat.py",
                5,
                "ML601",
                "error",
                "manual",
                f"ChatOpenAI() (LangChain) points at {QWEN}, but its key `openai_api_key`, a "
                "parameter (line 4), names OpenAI, so its callers may hand it an OpenAI key (a "
                f"user's, or a request's field named for OpenAI), which would go to {QWEN}: make "
                f"every caller give it {QWEN}'s key (DASHSCOPE_API_KEY; a key a user types must "
                f"be asked for as {QWEN}'s), then rename `openai_api_key` where it is set and "
                "read, by hand",
                {"openai_key": "openai_api_key", "openai_key_line": 4},
            )
        ],
    )
