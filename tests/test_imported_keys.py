"""A key read followed into the modules importing what holds it, and an Azure base URL kept
Azure's (t65b: eth-sri/lmql).

1. `secret.py` reads OPENAI_API_KEY into a name at its level; `send.py` imports that name and
   sends it to an OpenAI URL apply leaves (ML402). ML401 renamed the read ("safe"): once the
   user exported DEEPSEEK_API_KEY, the DeepSeek key went to OpenAI. Now the read stays until
   the URL moves; once it does, apply renames it and the key and the host change together.
2. Once the URL points at DeepSeek, a key named for OpenAI under the program's own name
   (`APP_OPENAI_SECRET`, a key file's `openai-secret:` line) still won over DEEPSEEK_API_KEY
   and went to DeepSeek, with check at rc 0. Now check fails naming them.
3. An Azure-only OPENAI_API_BASE read, built into `{base}/openai/deployments/...?api-version=`
   with an `api-key` header, was switched to DEEPSEEK_BASE_URL (the Azure key then went to
   DeepSeek); now it stays Azure's.
"""

from __future__ import annotations

import os

from . import network_guard
from .cli_findings import cli, finding_rows, run_json, write_here
from .loopback_server import AzureRoutes, LoopbackServer
from .program_runner import run_python

OPENAI_SECRET = "sk-proj-" + "OpenaiOnlyKeyT65b" * 3
DEEPSEEK_SECRET = "sk-deepseek-test-key-t65b"
AZURE_SECRET = "azure-test-key-t65b"

SECRET = """\
import os

if "OPENAI_API_KEY" in os.environ:
    token = os.environ["OPENAI_API_KEY"]
else:
    token = None
"""

# lmql's shape: a helper returns (endpoint, headers), another function posts them
SEND = """\
import json
import urllib.request


def endpoint_and_headers():
    from secret import token

    headers = {{"Authorization": f"Bearer {{token}}", "Content-Type": "application/json"}}
    return {endpoint}, headers


def ask(prompt):
    endpoint, headers = endpoint_and_headers()
    body = {{"model": "deepseek-flash", "thinking": {{"type": "disabled"}}}}
    body["messages"] = [{{"role": "user", "content": prompt}}]
    request = urllib.request.Request(endpoint, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request) as response:
        return json.load(response)["choices"][0]["message"]["content"]
"""
OPENAI_ENDPOINT = '"https://api.openai.com/v1/chat/completions"'
DEEPSEEK_ENDPOINT = (
    'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com") + "/chat/completions"'
)


def _send(endpoint: str) -> str:
    source = SEND.format(endpoint=endpoint)
    if "os.environ" in endpoint:
        source = source.replace("import json\n", "import json\nimport os\n", 1)
    return source


def _rows(report: dict, *rules: str) -> list[tuple]:
    fields = ("path", "line", "rule", "fix", "severity", "message")
    return finding_rows(report, *fields, rules=rules or None)


def _run(project, tmp_path, env: dict[str, str], call: str = "send.ask('hi')"):
    """Run `call` in `project` with `env` under the network guard: (the hosts it tried beyond
    the loopback interface, the process)."""
    guard = tmp_path / "guard"
    base = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "DEEPSEEK" not in k}
    proc = run_python(
        ["-c", f"import send; print({call})"],
        cwd=project,
        env=network_guard.subprocess_env(base | env, guard),
    )
    return network_guard.blocked_hosts(guard), proc


KEPT = (
    "reads OPENAI_API_KEY; not switched: this read reaches `token`, which send.py imports, "
    "and that module holds the OpenAI URL https://api.openai.com/v1/chat/completions on line "
    "9, which apply leaves (ML402): renamed, this read would send DeepSeek's key "
    "(DEEPSEEK_API_KEY) there, to OpenAI. Point that URL at DeepSeek first, then read the key "
    "here, by hand"
)


def test_a_key_imported_beside_an_openai_url_stays_until_the_url_moves(tmp_path, monkeypatch):
    """Before: apply rewrote secret.py to read DEEPSEEK_API_KEY ("2 safe fixes") and left
    send.py posting to api.openai.com, so the DeepSeek key went to OpenAI."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"secret.py": SECRET, "send.py": _send(OPENAI_ENDPOINT)})
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (project / "secret.py").read_bytes() == SECRET.encode()
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, _rows(report, "ML401")) == (
        1,
        [
            ("secret.py", 3, "ML401", "manual", "warning", KEPT),
            ("secret.py", 4, "ML401", "manual", "warning", KEPT),
        ],
    )
    server = LoopbackServer(key=DEEPSEEK_SECRET).start()
    try:
        env = {"OPENAI_API_KEY": OPENAI_SECRET, "DEEPSEEK_API_KEY": DEEPSEEK_SECRET}
        blocked, proc = _run(project, tmp_path, env | {"DEEPSEEK_BASE_URL": server.base})
        assert "NetworkBlockedError" in proc.stderr
        assert (blocked, server.requests) == (["api.openai.com"], [])
        # the user points the URL at DeepSeek: the next apply moves the key with it
        (project / "send.py").write_text(_send(DEEPSEEK_ENDPOINT))
        assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
        assert (project / "secret.py").read_text() == SECRET.replace(
            "OPENAI_API_KEY", "DEEPSEEK_API_KEY"
        )
        assert cli("check", ".", "--provider", "deepseek").exit_code == 0
        blocked, proc = _run(project, tmp_path, env | {"DEEPSEEK_BASE_URL": server.base})
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert [r.headers["authorization"] for r in server.requests] == [
            f"Bearer {DEEPSEEK_SECRET}"
        ]
    finally:
        server.stop()


# the key module once the request goes to DeepSeek: a variable and a key file named for OpenAI
# still come first
NAMED_SECRET = """\
import os


def load_token():
    if "APP_OPENAI_SECRET" in os.environ:
        return os.environ["APP_OPENAI_SECRET"]
    if "DEEPSEEK_API_KEY" in os.environ:
        return os.environ["DEEPSEEK_API_KEY"]
    with open(os.path.join(os.path.expanduser("~"), ".app", "api.env")) as f:
        for line in f:
            if line.startswith("openai-secret: "):
                return line.split("openai-secret: ")[1].strip()
    raise ValueError("no key")


token = load_token()
"""


def _named(what: str) -> str:
    return (
        f"names {what}, an OpenAI key under the program's own name, whose value reaches "
        "`token`, which send.py imports, and that module sends requests to DeepSeek's URL "
        "(https://api.deepseek.com, line 10): where it is set, the OpenAI key goes to "
        "DeepSeek; take the key from DEEPSEEK_API_KEY there, by hand"
    )


def test_an_openai_named_key_sent_to_the_provider_fails_check(tmp_path, monkeypatch):
    """Before: check rc 0, while the loopback (DeepSeek) received the OpenAI key from
    APP_OPENAI_SECRET."""
    project = tmp_path / "app"
    project.mkdir()
    files = {"secret.py": NAMED_SECRET, "send.py": _send(DEEPSEEK_ENDPOINT)}
    write_here(project, monkeypatch, files)
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, _rows(report)) == (
        1,
        [
            ("secret.py", 5, "ML401", "manual", "error", _named("the variable APP_OPENAI_SECRET")),
            (
                "secret.py",
                11,
                "ML401",
                "manual",
                "error",
                _named("the key file entry 'openai-secret:'"),
            ),
        ],
    )
    # what check reports: with APP_OPENAI_SECRET set, DeepSeek receives the OpenAI key
    server = LoopbackServer().start()
    try:
        env = {"APP_OPENAI_SECRET": OPENAI_SECRET, "DEEPSEEK_API_KEY": DEEPSEEK_SECRET}
        blocked, proc = _run(project, tmp_path, env | {"DEEPSEEK_BASE_URL": server.base})
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert [r.headers["authorization"] for r in server.requests] == [f"Bearer {OPENAI_SECRET}"]
    finally:
        server.stop()


def test_the_provider_key_alone_sent_to_the_provider_passes_check(tmp_path, monkeypatch):
    """The same modules reading DEEPSEEK_API_KEY alone: nothing to report (rc 0), and the
    loopback receives the DeepSeek key."""
    secret = 'import os\n\n\ndef load_token():\n    return os.environ["DEEPSEEK_API_KEY"]\n\n\n'
    secret += "token = load_token()\n"
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"secret.py": secret, "send.py": _send(DEEPSEEK_ENDPOINT)})
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, _rows(report)) == (0, [])
    server = LoopbackServer(key=DEEPSEEK_SECRET).start()
    try:
        env = {"OPENAI_API_KEY": OPENAI_SECRET, "DEEPSEEK_API_KEY": DEEPSEEK_SECRET}
        blocked, proc = _run(project, tmp_path, env | {"DEEPSEEK_BASE_URL": server.base})
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert [r.headers["authorization"] for r in server.requests] == [
            f"Bearer {DEEPSEEK_SECRET}"
        ]
    finally:
        server.stop()


AZURE = """\
import json
import os
import urllib.request


def endpoint_and_headers(deployment):
    if os.environ.get("OPENAI_API_TYPE", "") == "azure":
        base = os.environ.get("OPENAI_API_BASE", None)
        key = os.environ.get("OPENAI_API_KEY", None)
        url = f"{base}/openai/deployments/{deployment}/chat/completions?api-version=2024-06-01"
        return url, {"api-key": key, "Content-Type": "application/json"}
    raise ValueError("set OPENAI_API_TYPE=azure")


def ask(prompt):
    endpoint, headers = endpoint_and_headers("chat-prod")
    body = {"messages": [{"role": "user", "content": prompt}]}
    request = urllib.request.Request(endpoint, data=json.dumps(body).encode(), headers=headers)
    with urllib.request.urlopen(request) as response:
        return json.load(response)["choices"][0]["message"]["content"]
"""

AZURE_BASE_KEPT = (
    "reads OPENAI_API_BASE; not switched: its value is the Azure OpenAI endpoint of the request "
    "URL built on line 10 (a deployment path or api-version), whose requests carry an Azure "
    "key: pointed at DeepSeek, they would send that key there, on a path DeepSeek does not "
    "serve. It stays Azure's, as Azure clients do; move the request to DeepSeek (its URL, path "
    "and key together) or keep it on Azure, by hand"
)

AZURE_KEY_KEPT = (
    "reads OPENAI_API_KEY; not switched: the function reading it builds an Azure OpenAI "
    "request URL on line 10 (a deployment path or api-version), whose requests carry an Azure "
    "key: renamed, this read would send DeepSeek's key to Azure. It stays Azure's with that "
    "URL; move the request to DeepSeek (its URL, path and key together) or keep it on Azure, "
    "by hand"
)


def test_an_azure_base_url_built_into_a_deployment_path_stays_azures(tmp_path, monkeypatch):
    """Before: apply read DEEPSEEK_BASE_URL there (default https://api.deepseek.com, "safe"),
    and the Azure key went to DeepSeek as `api-key:`; the key read beside it became
    DEEPSEEK_API_KEY, so the DeepSeek key went to Azure once OPENAI_API_BASE was set."""
    project = tmp_path / "app"
    project.mkdir()
    write_here(project, monkeypatch, {"send.py": AZURE})
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert (project / "send.py").read_bytes() == AZURE.encode()
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, _rows(report, "ML401")[:3]) == (
        1,
        [
            (
                "send.py",
                7,
                "ML401",
                "manual",
                "warning",
                "reads OPENAI_API_TYPE, an OpenAI-only setting; DeepSeek has no equivalent",
            ),
            ("send.py", 8, "ML401", "manual", "warning", AZURE_BASE_KEPT),
            ("send.py", 9, "ML401", "manual", "warning", AZURE_KEY_KEPT),
        ],
    )
    azure = LoopbackServer(azure=AzureRoutes(AZURE_SECRET, frozenset({"chat-prod"}))).start()
    deepseek = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_TYPE": "azure",
            "OPENAI_API_BASE": azure.base,
            "OPENAI_API_KEY": AZURE_SECRET,
            "DEEPSEEK_API_KEY": DEEPSEEK_SECRET,
            "DEEPSEEK_BASE_URL": deepseek.base,
        }
        blocked, proc = _run(project, tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        assert [r.headers["api-key"] for r in azure.requests] == [AZURE_SECRET]
        assert deepseek.requests == []
    finally:
        azure.stop()
        deepseek.stop()


CONFIG = 'import os\n\nOPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")\n'
# a client given the imported setting, beside an OpenAI URL another function sends it to
CLIENT_AND_URL = """\
from openai import OpenAI

from config import OPENAI_API_KEY
from http_util import post_json

client = OpenAI(api_key=OPENAI_API_KEY)
SPEECH_URL = "https://api.openai.com/v1/audio/speech"


def speech(text):
    return post_json(SPEECH_URL, OPENAI_API_KEY, {"model": "tts-1", "input": text})
"""


def test_a_client_given_a_setting_kept_for_an_openai_url_stays_with_it(tmp_path, monkeypatch):
    """The setting's read stays OpenAI's (app.py sends it to an OpenAI URL apply leaves), so
    the client given it stays too: moved with the setting as if renamed (the project pass
    deciding without the importer), it sent the OpenAI key to DeepSeek."""
    project = tmp_path / "app"
    project.mkdir()
    files = {
        "config.py": CONFIG,
        "app.py": CLIENT_AND_URL,
        "http_util.py": "def post_json(url, key, body):\n    return url, key, body\n",
    }
    write_here(project, monkeypatch, files)
    assert cli("apply", ".", "--provider", "deepseek", "--yes").exit_code == 0
    assert [(project / f).read_text() for f in files] == list(files.values())
    code, report = run_json("check", ".", "--provider", "deepseek")
    assert (code, [r[:5] for r in _rows(report, "ML001", "ML401")]) == (
        1,
        [
            ("app.py", 6, "ML001", "manual", "error"),
            ("config.py", 3, "ML401", "manual", "warning"),
        ],
    )
    assert _rows(report, "ML401")[0][5] == (
        "reads OPENAI_API_KEY; not switched: this read reaches `OPENAI_API_KEY`, which app.py "
        "imports, and that module holds the OpenAI URL https://api.openai.com/v1/audio/speech "
        "on line 7, which apply leaves (ML402): renamed, this read would send DeepSeek's key "
        "(DEEPSEEK_API_KEY) there, to OpenAI. Point that URL at DeepSeek first, then read the "
        "key here, by hand"
    )
