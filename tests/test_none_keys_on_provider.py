"""A client already pointed at the provider whose key is None where the program's value is empty
(t59a D2: `OpenAI(api_key=cfg_key or None, base_url=<provider>)`): the SDK then sends
OPENAI_API_KEY to the provider. ML003 fails check on it and apply reads the provider's key
variable in place of the None. And apply's Next line offers "leave the key entry empty" only
where every client the program builds then reads the provider's variable: where it left one
that would send OPENAI_API_KEY (ChatDev's `if self.base_url:` client), it asks for the
provider's key in the entry. Runs: the loopback server standing for Acme Cloud, the network
guard, an OPENAI_API_KEY sentinel set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from . import network_guard
from .conftest import ACME_DIR
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
READ_URL = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
# the program's own key setting, "" where unset, handed over as `or None`
APP = f"""import os

from openai import OpenAI

cfg_key = os.environ.get("API_KEY", "")
client = OpenAI(api_key=cfg_key or None, base_url={READ_URL})

if __name__ == "__main__":
    reply = client.chat.completions.create(
        model="acme-small", messages=[{{"role": "user", "content": "hi"}}]
    )
    print(reply.choices[0].message.content)
"""
APP_AFTER = APP.replace(
    f"client = OpenAI(api_key=cfg_key or None, base_url={READ_URL})\n",
    "client = OpenAI(\n"
    '    api_key=cfg_key or os.environ.get("ACME_API_KEY", "unset"),\n'
    f"    base_url={READ_URL},\n"
    ")\n",
)
MESSAGE = (
    "OpenAI() already points at Acme Cloud, but its key `cfg_key or None` may be None, and the "
    "SDK then sends OPENAI_API_KEY in its place: the OpenAI key would go to Acme Cloud; apply "
    "reads ACME_API_KEY in place of that None"
)
SENTINEL = "sk-proj-SENTINELopenaiKeyAbCdEfGh1234"
ACME_KEY = "acme-0123456789abcdef0000000000000001"
PROGRAM_KEY = "acme-0123456789abcdef0000000000000002"


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


def findings(root: Path) -> tuple[int, list[tuple]]:
    done = invoke("check", str(root), "--format", "json")
    rows = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(done.stdout)["findings"]
    ]
    return done.exit_code, rows


def sent_keys(root: Path, script: str, **env: str) -> list[tuple[str, str]]:
    """Run `script` with an OPENAI_API_KEY sentinel, ACME_API_KEY set, ACME_BASE_URL and `env`
    (`{base}` standing for the loopback server's base URL): (path, which key) of each request
    the server got, the key named by its variable."""
    server = LoopbackServer.for_provider(load_registry([ACME_DIR]).get("acme")).start()
    try:
        given = clean_env(load_registry([ACME_DIR])) | {
            "OPENAI_API_KEY": SENTINEL,
            "ACME_API_KEY": ACME_KEY,
            "ACME_BASE_URL": server.base + "/v1",
        }
        given |= {k: v.format(base=server.base + "/v1") for k, v in env.items()}
        guard = root.parent / "guard"
        proc = run_python(
            [script], cwd=root, env=network_guard.subprocess_env(given, guard), timeout=60
        )
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        names = {SENTINEL: "OPENAI_API_KEY", ACME_KEY: "ACME_API_KEY", PROGRAM_KEY: "API_KEY"}
        return [
            (r.path, names.get(r.headers["authorization"].removeprefix("Bearer "), "other"))
            for r in server.requests
        ]
    finally:
        server.stop()


def test_check_fails_on_a_key_that_may_be_none_and_apply_reads_the_providers_variable(tmp_path):
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(APP)
    assert findings(root) == (
        1,
        [
            (
                6,
                "ML003",
                "warning",
                "safe",
                MESSAGE,
                {
                    "client": "OpenAI",
                    "endpoint": "provider",
                    "url": "https://api.acme.example/v1",
                    "endpoint_provider": "acme",
                    "key_when_none": "OPENAI_API_KEY",
                },
            )
        ],
    )
    # before: the program's key unset, the SDK sends the OpenAI key to the provider
    assert sent_keys(root, "app.py") == [("/v1/chat/completions", "OPENAI_API_KEY")]
    done = invoke("apply", str(root), "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (root / "app.py").read_text() == APP_AFTER
    assert findings(root) == (0, [])
    assert invoke("apply", str(root), "--yes", "--allow-dirty").exit_code == 0
    assert (root / "app.py").read_text() == APP_AFTER
    # after: the provider's variable where the program's key is empty, the program's key where set
    assert sent_keys(root, "app.py") == [("/v1/chat/completions", "ACME_API_KEY")]
    assert sent_keys(root, "app.py", API_KEY=PROGRAM_KEY) == [("/v1/chat/completions", "API_KEY")]


@pytest.mark.parametrize(
    ("key", "after"),
    [
        ('"" or None', '"" or os.environ.get("ACME_API_KEY", "unset")'),
        ("None", 'os.environ.get("ACME_API_KEY", "unset")'),
        (
            "cfg_key if cfg_key else None",
            'cfg_key if cfg_key else os.environ.get("ACME_API_KEY", "unset")',
        ),
    ],
)
def test_written_nones_are_replaced_by_the_providers_key_read(tmp_path, key, after):
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(APP.replace("cfg_key or None", key))
    code, rows = findings(root)
    assert (code, [(r[1], r[3]) for r in rows]) == (1, [("ML003", "safe")])
    assert invoke("apply", str(root), "--yes", "--allow-dirty").exit_code == 0
    assert f"    api_key={after},\n" in (root / "app.py").read_text()
    assert findings(root) == (0, [])


def test_a_none_written_elsewhere_is_left_to_a_person(tmp_path):
    source = APP.replace(
        'cfg_key = os.environ.get("API_KEY", "")\n',
        'cfg_key = os.environ.get("API_KEY", "") or None\n',
    ).replace("api_key=cfg_key or None", "api_key=cfg_key")
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(source)
    code, rows = findings(root)
    assert code == 1
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        (
            6,
            "ML003",
            "manual",
            "OpenAI() already points at Acme Cloud, but its key `cfg_key` may be None, and the "
            "SDK then sends OPENAI_API_KEY in its place: the OpenAI key would go to Acme Cloud; "
            "make the None on line 5 a read of ACME_API_KEY, by hand",
        )
    ]
    assert invoke("apply", str(root), "--yes", "--allow-dirty").exit_code == 0
    assert (root / "app.py").read_text() == source


# ChatDev's shape, in our words: the program's settings give the client its base URL and key;
# apply gives the `else` client a fallback to ACME_API_KEY, and leaves the `if` one (ML003)
SETTINGS_APP = """import os

from openai import OpenAI


class Settings:
    def __init__(self):
        self.base_url = os.environ.get("BASE_URL") or None
        self.api_key = os.environ.get("API_KEY") or None

    def client(self):
        if self.base_url:
            return OpenAI(api_key=self.api_key, base_url=self.base_url)
        return OpenAI(api_key=self.api_key)


if __name__ == "__main__":
    reply = Settings().client().chat.completions.create(
        model="acme-small", messages=[{"role": "user", "content": "hi"}]
    )
    print(reply.choices[0].message.content)
"""
ENV_EXAMPLE = "BASE_URL=https://api.openai.com/v1\nAPI_KEY=sk-your-openai-api-key-here\n"


def test_the_next_line_asks_for_the_providers_key_where_a_left_client_would_send_openais(
    tmp_path, monkeypatch
):
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(SETTINGS_APP)
    (root / ".env.example").write_text(ENV_EXAMPLE)
    monkeypatch.chdir(root)
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    next_line = done.stderr.splitlines()[-1]
    assert "left empty if the program then reads" not in next_line
    assert next_line.endswith(
        "OpenAI's base URL and key stay in .env.example:1 and .env.example:2 (left for you): "
        "where the program reads them, they win over any variable; point both at Acme Cloud "
        "together: its base URL in the URL entry, your Acme Cloud key in the key entry (left "
        "empty, the key of the client at app.py:13 is None and the SDK sends OPENAI_API_KEY to "
        "the URL beside it; your own copy of the file: a key committed there fails check, "
        "ML505)."
    )
    # the advice followed: the provider's URL and key in the program's settings
    assert sent_keys(root, "app.py", BASE_URL="{base}", API_KEY=PROGRAM_KEY) == [
        ("/v1/chat/completions", "API_KEY")
    ]
    # the advice it no longer gives (the key entry left empty) sends the OpenAI key
    assert sent_keys(root, "app.py", BASE_URL="{base}", API_KEY="") == [
        ("/v1/chat/completions", "OPENAI_API_KEY")
    ]
