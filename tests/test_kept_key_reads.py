"""A client given a key that may hold a read of OPENAI_API_KEY which ML401 leaves as it is (the
module also names the variable for a check of its own) is left too (ML001, manual).

self-operating-computer's `Config` reads `os.getenv("OPENAI_API_KEY")` into `api_key`, builds
`OpenAI(api_key=api_key)`, and names "OPENAI_API_KEY" for `require_api_key()`: ML401 left the
read (renamed alone it would name another variable than that check), while ML001 pointed the
client at the provider and kept `api_key`, so with OPENAI_API_KEY set the OpenAI key went to
DashScope. Exact text and messages, and the requests the loopback receives."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_model_labels import migrated

CONFIG = (
    "import os\n\n"
    "from openai import OpenAI\n\n\n"
    "class Config:\n"
    "    key = None\n\n"
    "    def client(self):\n"
    "        if self.key:\n"
    "            api_key = self.key\n"
    "        else:\n"
    '            api_key = os.getenv("OPENAI_API_KEY")\n'
    "        return OpenAI(api_key=api_key)\n\n"
    "    def validate(self):\n"
    '        self.require("OPENAI_API_KEY")\n\n'
    "    def require(self, name):\n"
    "        if not os.environ.get(name):\n"
    '            raise SystemExit(f"set {name}")\n'
)


def test_a_client_whose_key_may_hold_a_read_left_as_it_is_is_left(registry):
    found, after = migrated(registry, CONFIG)
    assert after == CONFIG
    rows = [(line, rule, fix, message) for line, _, rule, _, fix, message in found]
    assert rows == [
        (
            13,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY; not switched: the module also uses the name as a key on line "
            '17 (`self.require("OPENAI_API_KEY")`), which apply does not rename: renamed alone, '
            "this read and that key would name different variables; make both use ACME_API_KEY, "
            "by hand",
        ),
        (
            14,
            "ML001",
            "manual",
            "OpenAI() talks to OpenAI (key from `api_key`); its key `api_key` may hold "
            "OPENAI_API_KEY (read on line 13, which apply leaves as it is: see there): kept, that "
            "key would go to Acme Cloud; give this client Acme Cloud's key (ACME_API_KEY) apart, "
            "by hand",
        ),
        (
            17,
            "ML401",
            "manual",
            "names OPENAI_API_KEY, but the module does not show how it is used (the module reads "
            "it on line 13: if this names it for a check that it is set, that check stops the "
            "program until both name the same variable); make it name ACME_API_KEY by hand",
        ),
    ]


def test_a_key_read_apply_switches_is_still_kept_with_the_client(registry):
    text = CONFIG.replace('        self.require("OPENAI_API_KEY")\n', "        pass\n")
    found, after = migrated(registry, text)
    assert '            api_key = os.getenv("ACME_API_KEY", "unset")\n' in after
    assert [(f[2], f[4]) for f in found if f[2] == "ML001"] == [("ML001", "review")]


APP = CONFIG + (
    "\n\nif __name__ == '__main__':\n"
    "    reply = Config().client().chat.completions.create(\n"
    '        model="qwen-plus", messages=[{"role": "user", "content": "ping"}]\n'
    "    )\n"
    "    print(reply.choices[0].message.content)\n"
)
OPENAI_KEY = "sk-openai-secret-never-sent-to-qwen"


def test_the_openai_key_never_reaches_the_provider(registry, tmp_path, monkeypatch):
    provider = registry.get("qwen")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP
    check = CliRunner().invoke(app, ["check", "app.py", "--provider", "qwen"])
    assert check.exit_code == 1

    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": OPENAI_KEY,
            provider.api_key_env: "qwen-key",
            provider.base_url_env: server.base + "/compatible-mode/v1",
            "OPENAI_MAX_RETRIES": "0",
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
        requests = list(server.requests)
    finally:
        server.stop()
    # left on OpenAI: the request goes there (blocked here), never to the provider
    assert proc.returncode != 0
    assert blocked != []
    assert requests == []


def test_the_writes_on_such_a_client_are_left_with_it(registry):
    # the real program also sets `client.api_key` and `client.base_url` after building it:
    # rewritten, they pointed the client at the provider with the OpenAI key all the same
    text = CONFIG.replace(
        "        return OpenAI(api_key=api_key)\n",
        "        client = OpenAI(api_key=api_key)\n"
        "        client.api_key = api_key\n"
        '        client.base_url = os.getenv("OPENAI_API_BASE_URL", client.base_url)\n'
        "        return client\n",
    )
    found, after = migrated(registry, text)
    assert after == text
    assert [(line, rule, fix) for line, _, rule, _, fix, _ in found] == [
        (13, "ML401", "manual"),
        (14, "ML001", "manual"),
        (15, "ML001", "manual"),
        (16, "ML401", "manual"),
        (20, "ML401", "manual"),
    ]
    assert found[3][5] == (
        "reads OPENAI_API_BASE_URL; not switched: it is the base URL of OpenAI() on line 14, "
        "which apply leaves talking to OpenAI or Azure OpenAI (see its finding) with its key "
        "(`api_key`, which may hold the read of OPENAI_API_KEY on line 13): switched, it would "
        "send that key to Acme Cloud; point both at Acme Cloud (the key from ACME_API_KEY) "
        "together, by hand"
    )
