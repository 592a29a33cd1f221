"""A key read handed to a function of the module that gives it back (t66f, DemoGPT's sidebar).

`key = text_input("API key", value=os.getenv("OPENAI_API_KEY", ""))`, the module's own text
box returning what is typed or else `value`, then `OpenAI(api_key=key, base_url=base or None)`
(or LangChain's `ChatOpenAI(...)`), `base` another box. ML401 followed the key into the
function and stopped at its `return`: it saw no client and renamed the read to
MINIMAX_API_KEY as a safe fix, while ML003/ML601 leave the client, whose URL is OpenAI's when
the base box is empty. The MiniMax key then went to api.openai.com. The value a function
returns is now followed on from the call that gave it: the read is left, manual, saying so.
Exact findings, bytes on disk, and the requests a loopback server standing for OpenAI's URL
receives."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

BOX = """import os

{imports}

TYPED = {{}}  # what the person typed in each box: nothing


def text_input(label, value=""):
    return TYPED.get(label, "") or value


key = text_input("API key", value=os.getenv("OPENAI_API_KEY", ""))
base = text_input("Base URL")
{client}
"""

SDK_APP = BOX.format(
    imports="from openai import OpenAI",
    client="client = OpenAI(api_key=key, base_url=base or None)\n"
    'reply = client.chat.completions.create(model="gpt-4o-mini", messages=[])\n'
    "print(reply.choices[0].message.content)",
)
LANGCHAIN_APP = BOX.format(
    imports="from langchain_openai import ChatOpenAI",
    client='llm = ChatOpenAI(model="gpt-4o-mini", openai_api_key=key, base_url=base or None)',
)


def scan_findings(rule: str) -> list[dict]:
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "minimax", "--format", "json"])
    assert scan.exit_code == 0, scan.stderr
    return [
        {k: f[k] for k in ("line", "column", "severity", "fix", "message", "data")}
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == rule
    ]


def apply_minimax() -> None:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert done.exit_code == 0, done.stderr


def test_a_key_given_back_by_the_modules_box_to_an_sdk_client_is_left(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(SDK_APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert scan_findings("ML401") == [
        {
            "line": 12,
            "column": 35,
            "severity": "warning",
            "fix": "manual",
            "message": "reads OPENAI_API_KEY, which goes to OpenAI() on line 14, a client whose "
            "base URL is chosen at run time (OpenAI's when `base` is empty): given MiniMax's "
            "key (MINIMAX_API_KEY) it would send that key to OpenAI there; make sure the "
            "client gets MiniMax's base URL, then read MINIMAX_API_KEY, by hand",
            "data": {"variable_from": "OPENAI_API_KEY", "variable_to": "MINIMAX_API_KEY"},
        }
    ]
    apply_minimax()
    # the model's mapping (ML201, review) is the only edit: the key read stays OpenAI's
    after = SDK_APP.replace('model="gpt-4o-mini"', 'model="MiniMax-M2.5"')
    assert (tmp_path / "app.py").read_bytes() == after.encode()

    # the base box left empty: the SDK takes OpenAI's URL (OPENAI_BASE_URL, here a loopback
    # server standing for api.openai.com); of the two keys exported, OpenAI's goes there
    server = LoopbackServer().start()
    try:
        env = {
            "MINIMAX_API_KEY": "minimax-loopback-key",
            "OPENAI_API_KEY": "openai-loopback-key",
            "OPENAI_BASE_URL": server.base,
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert [(r.path, r.headers.get("authorization")) for r in server.requests] == [
        ("/chat/completions", "Bearer openai-loopback-key")
    ]
    # only MiniMax's key exported: the client gets none and stops before connecting
    proc, blocked = run_guarded("app.py", tmp_path, {"MINIMAX_API_KEY": "minimax-loopback-key"})
    assert (proc.returncode, blocked) == (1, [])
    assert "openai.OpenAIError: Missing credentials" in proc.stderr


def test_a_key_given_back_by_the_modules_box_to_chatopenai_is_left(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(LANGCHAIN_APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert scan_findings("ML401") == [
        {
            "line": 12,
            "column": 35,
            "severity": "warning",
            "fix": "manual",
            "message": "reads OPENAI_API_KEY, which goes to ChatOpenAI() on line 14, a class "
            "apply leaves on a base URL chosen at run time (OpenAI's when `base` is empty): "
            "given MiniMax's key (MINIMAX_API_KEY) it would send that key to OpenAI there; "
            "point the class at MiniMax (its base URL and key), then read MINIMAX_API_KEY, by "
            "hand",
            "data": {"variable_from": "OPENAI_API_KEY", "variable_to": "MINIMAX_API_KEY"},
        }
    ]
    apply_minimax()
    assert (tmp_path / "app.py").read_bytes() == LANGCHAIN_APP.encode()


def test_a_key_given_back_to_a_client_apply_moves_is_switched(tmp_path, monkeypatch):
    """Followed through the box to a client with no base URL, which ML001 points at MiniMax:
    key and host change together, as before."""
    text = BOX.format(imports="from openai import OpenAI", client="client = OpenAI(api_key=key)")
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [(f["line"], f["fix"]) for f in scan_findings("ML401")] == [(12, "safe")]
    apply_minimax()
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text.replace(
        'os.getenv("OPENAI_API_KEY", "")', 'os.getenv("MINIMAX_API_KEY", "")'
    ).replace(
        "client = OpenAI(api_key=key)",
        "client = OpenAI(\n"
        '    base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),\n'
        '    api_key=os.environ.get("MINIMAX_API_KEY", "unset"),\n'
        ")",
    )


def test_a_base_read_of_openais_variable_or_none_moves_with_the_key(tmp_path, monkeypatch):
    """`base_url=os.getenv("OPENAI_BASE_URL") or None`: ML401 renames both reads and the
    `None` becomes MiniMax's URL, so the key never goes where the URL is OpenAI's."""
    text = BOX.format(
        imports="from openai import OpenAI",
        client='client = OpenAI(api_key=key, base_url=os.getenv("OPENAI_BASE_URL") or None)',
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [(f["line"], f["fix"], f["data"]) for f in scan_findings("ML401")] == [
        (12, "safe", {"variable_from": "OPENAI_API_KEY", "variable_to": "MINIMAX_API_KEY"}),
        (14, "safe", {"variable_from": "OPENAI_BASE_URL", "variable_to": "MINIMAX_BASE_URL"}),
    ]
    apply_minimax()
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text.replace(
        'os.getenv("OPENAI_API_KEY", "")', 'os.getenv("MINIMAX_API_KEY", "")'
    ).replace(
        'client = OpenAI(api_key=key, base_url=os.getenv("OPENAI_BASE_URL") or None)',
        "client = OpenAI(\n"
        '    api_key=key, base_url=os.getenv("MINIMAX_BASE_URL") or "https://api.minimaxi.com/v1"\n'
        ")",
    )


GETTER = """import os

from openai import OpenAI


def get_key():
    return os.getenv("OPENAI_API_KEY", "")


base = input("Base URL: ")
client = OpenAI(api_key=get_key(), base_url=base or None)
"""


def test_a_key_a_function_of_the_module_returns_goes_where_its_calls_go(tmp_path, monkeypatch):
    """Read inside the function and returned: followed to each call of it in the module."""
    (tmp_path / "app.py").write_text(GETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [(f["line"], f["fix"], f["message"]) for f in scan_findings("ML401")] == [
        (
            7,
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAI() on line 11, a client whose base URL "
            "is chosen at run time (OpenAI's when `base` is empty): given MiniMax's key "
            "(MINIMAX_API_KEY) it would send that key to OpenAI there; make sure the client "
            "gets MiniMax's base URL, then read MINIMAX_API_KEY, by hand",
        )
    ]
    apply_minimax()
    assert (tmp_path / "app.py").read_bytes() == GETTER.encode()
    # given to a client ML001 points at MiniMax, the read is renamed with it
    moved = GETTER.replace(", base_url=base or None", "")
    (tmp_path / "app.py").write_text(moved, encoding="utf-8")
    assert [(f["line"], f["fix"]) for f in scan_findings("ML401")] == [(7, "safe")]
