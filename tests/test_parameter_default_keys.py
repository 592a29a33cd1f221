"""A key read as a parameter's default goes where the parameter goes (t66f, DemoGPT).

ML401 renamed `def __init__(self, openai_api_key=os.getenv("OPENAI_API_KEY", ""), ...)` to
the provider's variable as safe, while the clients taking that parameter stayed on OpenAI
(`ChatOpenAI(openai_api_base=None)`, a base chosen at run time; `OpenAI(api_key=self.key)`,
which ML001 leaves): the applied program sent the provider's key to api.openai.com. The
default is now followed into the parameter's uses, as a key bound to a name is: left (manual)
where a client it reaches stays on OpenAI, renamed where every client it reaches moves."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

AGENT = """import os

from langchain_openai import ChatOpenAI
from openai import OpenAI


class Agent:
    def __init__(self, openai_api_key=os.getenv("OPENAI_API_KEY", ""), openai_api_base=None):
        self.key = openai_api_key
        self.llm = ChatOpenAI(openai_api_key=openai_api_key, openai_api_base=openai_api_base)

    def models(self):
        return OpenAI(api_key=self.key).models.list()
"""
# a literal None base: ChatOpenAI talks to OpenAI
LITERAL_NONE = """import os

from langchain_openai import ChatOpenAI


def make(openai_api_key=os.getenv("OPENAI_API_KEY", "")):
    return ChatOpenAI(model="gpt-4o-mini", openai_api_key=openai_api_key, openai_api_base=None)
"""
MOVED = """import os

from openai import OpenAI


def make(key=os.getenv("OPENAI_API_KEY", "")):
    return OpenAI(api_key=key)
"""
MOVED_AFTER = """import os

from openai import OpenAI


def make(key=os.getenv("MINIMAX_API_KEY", "")):
    return OpenAI(
        base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
        api_key=key or os.environ.get("MINIMAX_API_KEY", "unset"),
    )
"""


def _run(tmp_path, monkeypatch, code: str):
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["--provider", "minimax", "--format", "json"]
    scan = CliRunner().invoke(app, ["scan", ".", *args])
    found = [
        (f["rule"], f["line"], f["fix"], f["message"].split(":")[0])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML401"
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert done.exit_code == 0, done.stderr
    check = CliRunner().invoke(app, ["check", ".", *args])
    return found, (tmp_path / "app.py").read_text(encoding="utf-8"), check.exit_code


def test_default_given_to_clients_left_on_openai_stays(tmp_path, monkeypatch):
    found, after, rc = _run(tmp_path, monkeypatch, AGENT)
    assert found == [
        (
            "ML401",
            8,
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAI() on line 13, which apply leaves talking "
            "to OpenAI or Azure OpenAI (see its finding)",
        )
    ]
    assert after == AGENT  # was `os.getenv("MINIMAX_API_KEY", "")`
    assert rc == 1  # ML601, ML001 and ML401 stay for a person


def test_default_given_to_a_class_on_openai_with_a_literal_none_base_stays(tmp_path, monkeypatch):
    found, after, rc = _run(tmp_path, monkeypatch, LITERAL_NONE)
    assert [f[:3] for f in found] == [("ML401", 6, "manual")]
    assert "ChatOpenAI() on line 7" in found[0][3]
    assert after == LITERAL_NONE
    assert rc == 1


def test_default_given_to_a_client_apply_moves_is_renamed(tmp_path, monkeypatch):
    found, after, rc = _run(tmp_path, monkeypatch, MOVED)
    assert found == [
        (
            "ML401",
            6,
            "safe",
            "reads OPENAI_API_KEY; MiniMax's key is in MINIMAX_API_KEY (the OpenAI key is not "
            "copied)",
        )
    ]
    assert after == MOVED_AFTER
    assert rc == 0


MIXED = """import os

from openai import OpenAI


class Gen:
    def __init__(self, key=os.getenv("OPENAI_API_KEY")):
        self.a = OpenAI(api_key=key)
        self.b = OpenAI(api_key=key, base_url="https://my-proxy.internal/v1")
"""
MIXED_AFTER = """import os

from openai import OpenAI


class Gen:
    def __init__(self, key=os.getenv("OPENAI_API_KEY")):
        self.a = OpenAI(
            base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
            api_key=os.environ["MINIMAX_API_KEY"],
        )
        self.b = OpenAI(api_key=key, base_url="https://my-proxy.internal/v1")
"""


def test_default_left_on_openai_is_not_kept_for_the_client_apply_moves(tmp_path, monkeypatch):
    # The default stays OpenAI's (the proxy client keeps it); kept as `key or ...` in the
    # moved client, the OpenAI key in `key` went to the provider. It is replaced, as the
    # key of a module-level `key = os.getenv("OPENAI_API_KEY")` is.
    pre = tmp_path / "pre"
    pre.mkdir()
    (pre / "app.py").write_text(MIXED, encoding="utf-8")
    scan = CliRunner().invoke(app, ["scan", str(pre), "--provider", "minimax", "--format", "json"])
    moved = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML001"]
    # scan says what apply does: the key read replaced (safe), not `key` kept (review)
    assert [(f["line"], f["fix"]) for f in moved] == [(8, "safe")]
    assert "keep the key your code passes" not in moved[0]["message"]
    assert "program_key" not in moved[0]["data"]
    (pre / "app.py").unlink()
    pre.rmdir()
    found, after, rc = _run(tmp_path, monkeypatch, MIXED)
    assert [f[:3] for f in found] == [("ML401", 7, "manual")]
    assert "OpenAI() on line 9" in found[0][3]
    assert after == MIXED_AFTER
    assert rc == 1  # ML401 stays for a person
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert again.exit_code == 0, again.stderr
    assert again.stderr.startswith("Changed 0 files for MiniMax")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == MIXED_AFTER
