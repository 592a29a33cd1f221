"""A client given a name whose key read ML401 keeps OpenAI's for another module's OpenAI URL
stays with it (review r2 k2/k4 of session 65).

`config.py` reads OPENAI_API_KEY into `api_key`; a module imports it beside an OpenAI URL apply
leaves (ML402), so ML401 keeps the read OpenAI's. Before, a client given `api_key` (in that
module or another) still moved to DeepSeek (ML001, review): after apply, OpenAI's key went to
api.deepseek.com. Now it stays on OpenAI (ML001, manual), its message naming the module that
keeps the read, and apply leaves every file: the loopback standing for OpenAI gets OpenAI's
key and the one standing for DeepSeek nothing.
"""

from __future__ import annotations

import os

import pytest

from . import network_guard
from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python

OPENAI_SECRET = "sk-proj-" + "OpenaiOnlyKeyM3s65" * 3
DEEPSEEK_SECRET = "sk-deepseek-test-key-m3s65"

CONFIG = 'import os\n\napi_key = os.environ["OPENAI_API_KEY"]\n'

CLIENT = """\
from openai import OpenAI

from config import api_key

client = OpenAI(api_key=api_key, max_retries=0)


def ask(prompt):
    r = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]
    )
    return r.choices[0].message.content
"""

LIVE = """\
from config import api_key

REALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"


def live_headers():
    return REALTIME_URL, {"Authorization": f"Bearer {api_key}"}
"""

# k2: the URL (unused with the key) and the client in one module
ONE_MODULE = CLIENT.replace(
    "\nclient =",
    '\nREALTIME_URL = "wss://api.openai.com/v1/realtime?model=gpt-4o-realtime-preview"\n\nclient =',
)
ONE = {"config.py": CONFIG, "chat.py": ONE_MODULE}
# k4: the URL with the key in live.py, the client in chat.py
TWO = {"config.py": CONFIG, "chat.py": CLIENT, "live.py": LIVE}
# the same, the key read through the module imported (`config.api_key`)
THROUGH = {
    **TWO,
    "chat.py": CLIENT.replace("from config import api_key", "import config").replace(
        "api_key=api_key", "api_key=config.api_key"
    ),
}


def _held(sender: str, url_line: int, key: str) -> str:
    return (
        f"OpenAI() talks to OpenAI (key from `{key}`); its key `{key}` is `api_key` of "
        f"config.py, whose read of OpenAI's key apply leaves (ML401, see there): {sender} "
        "imports it and holds the OpenAI URL "
        f"api.openai.com/v1/realtime?model=gpt-4o-realtime-preview on line {url_line}, which "
        "apply leaves (ML402); pointed at DeepSeek, this client would send OpenAI's key there, "
        "so it stays on OpenAI with it; point them at DeepSeek (DEEPSEEK_API_KEY) together, by "
        "hand"
    )


@pytest.mark.parametrize(
    ("files", "line", "sender", "url_line", "key"),
    [
        (ONE, 7, "chat.py", 5, "api_key"),
        (TWO, 5, "live.py", 3, "api_key"),
        (THROUGH, 5, "live.py", 3, "config.api_key"),
    ],
    ids=["k2", "k4", "module"],
)
def test_a_client_given_a_key_kept_for_an_imported_openai_url_stays(
    tmp_path, monkeypatch, files, line, sender, url_line, key
) -> None:
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, files)
    code, report = run_json("scan", ".", "--provider", "deepseek")
    assert code == 0
    rows = finding_rows(report, "path", "line", "rule", "severity", "fix", rules={"ML001"})
    assert rows == [("chat.py", line, "ML001", "error", "manual")]
    assert [f["message"] for f in report["findings"] if f["rule"] == "ML001"] == [
        _held(sender, url_line, key)
    ]
    assert finding_rows(report, "path", "line", "fix", rules={"ML401"}) == [
        ("config.py", 3, "manual")
    ]
    done = cli("apply", ".", "--provider", "deepseek", "--yes")
    assert done.exit_code == 0, done.output
    assert {name: (project / name).read_text() for name in files} == files
    assert cli("check", ".", "--provider", "deepseek").exit_code == 1
    openai_server = LoopbackServer(key=OPENAI_SECRET).start()
    deepseek_server = LoopbackServer(key=DEEPSEEK_SECRET).start()
    try:
        env = {
            "OPENAI_API_KEY": OPENAI_SECRET,
            "OPENAI_BASE_URL": openai_server.base + "/v1",
            "DEEPSEEK_API_KEY": DEEPSEEK_SECRET,
            "DEEPSEEK_BASE_URL": deepseek_server.base,
        }
        base = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "DEEPSEEK" not in k}
        guard = tmp_path / "guard"
        proc = run_python(
            ["-c", "import chat; print(chat.ask('hi'))"],
            cwd=project,
            env=network_guard.subprocess_env(base | env, guard),
        )
    finally:
        openai_server.stop()
        deepseek_server.stop()
    assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
    assert [r.headers["authorization"] for r in openai_server.requests] == [
        f"Bearer {OPENAI_SECRET}"
    ]
    assert deepseek_server.requests == []
