"""A project's own function wrapping `os.getenv` reads the variable it is given (trial t64c,
vocode's `from vocode import getenv`).

Before: `getenv("OPENAI_API_KEY", api_key)` with `getenv` imported from the project's util.py
(`return os.getenv(key, default)`) was an unknown string to ML401 ("the module does not show
how it is used"), while apply pointed the client given its result at Moonshot: with
OPENAI_API_KEY set, the OpenAI key went to Moonshot (the `or MOONSHOT_API_KEY` fallback never
ran, the code raising on an empty key first). Now the wrapper's read is renamed as
`os.getenv`'s is; a lookup the module cannot follow whose result keys a moved client is an
error."""

from __future__ import annotations

import pytest

from .cli_findings import cli, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

UTIL = """import os


def getenv(key, default=None):
    return os.getenv(key, default)
"""

BOT = """from typing import Optional

import openai

from util import getenv


class Bot:
    def __init__(self, api_key: Optional[str] = None):
        api_key = getenv("OPENAI_API_KEY", api_key)
        if not api_key:
            raise ValueError("no key given")
        self.client = openai.OpenAI(api_key=api_key, max_retries=0)

    def ask(self, text):
        answer = self.client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": text}]
        )
        return answer.choices[0].message.content
"""

BOT_AFTER = """import os
from typing import Optional

import openai

from util import getenv


class Bot:
    def __init__(self, api_key: Optional[str] = None):
        api_key = getenv("MOONSHOT_API_KEY", api_key)
        if not api_key:
            raise ValueError("no key given")
        self.client = openai.OpenAI(
            base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
            api_key=api_key or os.environ.get("MOONSHOT_API_KEY", "unset"),
            max_retries=0,
        )

    def ask(self, text):
        answer = self.client.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model="kimi-k2.6", messages=[{"role": "user", "content": text}]
        )
        return answer.choices[0].message.content
"""

RUN = """from bot import Bot

print(Bot().ask("hi"))
"""


def _key_findings(report: dict) -> list[tuple]:
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in report["findings"]
        if f["rule"] == "ML401"
    ]


def test_the_wrappers_read_is_renamed_as_os_getenvs(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"util.py": UTIL, "bot.py": BOT})
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    assert _key_findings(report) == [
        (
            "bot.py",
            10,
            "ML401",
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Moonshot AI (Kimi)'s key is in MOONSHOT_API_KEY (the OpenAI "
            "key is not copied)",
        )
    ]
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "bot.py").read_text(encoding="utf-8") == BOT_AFTER
    assert (tmp_path / "util.py").read_text(encoding="utf-8") == UTIL
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert (code, _key_findings(report)) == (0, [])


def test_the_moved_client_sends_the_providers_key_only(tmp_path, monkeypatch):
    """With both keys set, the request reaches the server standing for Moonshot with the
    Moonshot key, not the OpenAI key the unrenamed read used to give it."""
    write_here(tmp_path, monkeypatch, {"util.py": UTIL, "bot.py": BOT, "run.py": RUN})
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": "sk-openai-key-1",
            "MOONSHOT_API_KEY": "moonshot-key-1",
            "MOONSHOT_BASE_URL": server.base + "/v1",
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, proc.stdout, blocked) == (0, "reply from kimi-k2.6\n", []), proc.stderr
    assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
        ("/v1/chat/completions", "Bearer moonshot-key-1")
    ]


def test_a_wrapper_defined_in_the_module_is_read_too(tmp_path, monkeypatch):
    local = BOT.replace("from util import getenv\n", UTIL.replace("import os\n", ""))
    local = "import os\n" + local
    write_here(tmp_path, monkeypatch, {"bot.py": local})
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert (code, [(f[1], f[4]) for f in _key_findings(report)]) == (0, [(14, "safe")])


def test_a_function_rebinding_the_name_is_no_wrapper(tmp_path, monkeypatch):
    """`key = key.lower()` before the read: the variable read is not the one given."""
    rebinding = UTIL.replace("    return", "    key = key.lower()\n    return")
    write_here(tmp_path, monkeypatch, {"util.py": rebinding, "bot.py": BOT})
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert code == 1
    assert _key_findings(report) == [
        (
            "bot.py",
            10,
            "ML401",
            "error",
            "manual",
            "names OPENAI_API_KEY as what `getenv()` looks up, whose result is the key of "
            "openai.OpenAI() on line 13, which apply points at Moonshot AI (Kimi): where that "
            "call reads OPENAI_API_KEY, OpenAI's key would go to Moonshot AI (Kimi); make it "
            "name MOONSHOT_API_KEY (and read it), by hand",
        )
    ]


def test_a_lookup_the_module_cannot_follow_is_an_error(tmp_path, monkeypatch):
    config = (
        "VALUES = {}\n\n\ndef getenv(name, default=None):\n    return VALUES.get(name, default)\n"
    )
    write_here(tmp_path, monkeypatch, {"util.py": config, "bot.py": BOT})
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    after = (tmp_path / "bot.py").read_text(encoding="utf-8")
    assert 'getenv("OPENAI_API_KEY", api_key)' in after  # left for a person
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert code == 1
    # apply added `import os` above it (the client is moved)
    assert [f[:5] for f in _key_findings(report)] == [("bot.py", 11, "ML401", "error", "manual")]


SETTER_CALLER = """import os

from openai import OpenAI

from envs import {name}


def run(cfg):
    {name}("OPENAI_API_KEY", cfg["openai_key"])
    client = OpenAI(base_url="https://api.openai.com/v1")
    return client.chat.completions.create(model="gpt-4o-mini", messages=[])
"""
SETTERS = {
    # reads the variable too, but sets it where it is unset
    "ensure": (
        "import os\n\n\ndef ensure(name, value=None):\n"
        "    if not os.environ.get(name):\n"
        '        os.environ[name] = value or ""\n'
        "    return value\n"
    ),
    "export": "import os\n\n\ndef export(name, value):\n    os.environ[name] = value\n",
    "default": (
        "import os\n\n\ndef default(name, value):\n"
        "    os.getenv(name)\n    return os.environ.setdefault(name, value)\n"
    ),
    "drop": (
        "import os\n\n\ndef drop(name, value=None):\n"
        "    value = os.environ[name]\n    del os.environ[name]\n"
    ),
    "alias": (
        "import os\n\n\ndef alias(name, value):\n    key = name\n"
        "    os.environ[key] = os.getenv(name) or value\n"
    ),
    "putenv": (
        "import os\n\n\ndef putenv(name, value):\n"
        "    os.putenv(name, os.environ.get(name) or value)\n"
    ),
}


@pytest.mark.parametrize("name", sorted(SETTERS))
def test_a_setter_is_no_wrapper_and_its_name_is_left(tmp_path, monkeypatch, name):
    """t64 review: `ensure("OPENAI_API_KEY", cfg["openai_key"])` setting the variable was read
    as a wrapper, and apply renamed it to MOONSHOT_API_KEY: the OpenAI key copied into
    Moonshot's variable, check passing. A function that writes the variable it is named
    (stores or deletes `os.environ[name]`, `setdefault`, `putenv`, or passes the name on)
    is no wrapper: the call stays a name the module does not show used, for a person."""
    caller = SETTER_CALLER.format(name=name)
    write_here(tmp_path, monkeypatch, {"envs.py": SETTERS[name], "m.py": caller})
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    after = (tmp_path / "m.py").read_text(encoding="utf-8")
    assert f'    {name}("OPENAI_API_KEY", cfg["openai_key"])\n' in after
    assert "MOONSHOT_API_KEY" not in after.split("client", 1)[0]
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert (code, _key_findings(report)) == (
        1,
        [
            (
                "m.py",
                9,
                "ML401",
                "warning",
                "manual",
                "names OPENAI_API_KEY, but the module does not show how it is used; make it "
                "name MOONSHOT_API_KEY by hand",
            )
        ],
    )


def test_a_wrapper_subscripting_the_environment_to_read_is_still_read(tmp_path, monkeypatch):
    """`return os.environ[name]` (a read, Load) keeps the wrapper a read: renamed."""
    need = "import os\n\n\ndef need(name, value=None):\n    return os.environ[name]\n"
    caller = SETTER_CALLER.format(name="need")
    write_here(tmp_path, monkeypatch, {"envs.py": need, "m.py": caller})
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    after = (tmp_path / "m.py").read_text(encoding="utf-8")
    assert '    need("MOONSHOT_API_KEY", cfg["openai_key"])\n' in after
