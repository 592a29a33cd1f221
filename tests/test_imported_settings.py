"""A module-level setting reading OpenAI's key or base-URL variable, imported by another module
that gives it to a client: ML401's rename in the one module and the client rules' judgment in
the other agree (t63c, sweep's `config/server.py`).

- `OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY")`, imported into a module building
  `OpenAI(api_key=OPENAI_API_KEY)`: ML401 renames the read, and ML001 no longer judged the
  imported name by its words (`clients.openai_named`), so the client stayed on OpenAI with the
  provider's key (api.openai.com got the Zhipu key). The client now moves with the read.
- `API_BASE = os.environ.get("OPENAI_API_BASE")` given only as `AzureOpenAI(azure_endpoint=
  API_BASE)`, a client ML002 leaves: renamed, with the provider's URL as its default, the
  Azure key went to the provider. The read is left now (`setting_consumers`), and so is a
  key read another module gives to a client apply leaves, with the clients it feeds.
- Review of that change (s63 fA): a client moves only with a read ML401 really renames (not
  one its module's raw request sends to OpenAI), bound once (not rebound from secrets or a
  file), with no key as its default; a raw request to OpenAI given the name in its headers
  keeps the read; the spellings ML401 renames (`OPENAI_KEY`, `OPENAI_BASEURL`) are followed.
"""

from __future__ import annotations

import os

from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .cli_findings import finding_rows, run_json, write_here
from .conftest import ACME_DIR
from .loopback_server import AzureRoutes, LoopbackServer
from .program_runner import run_python

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

KEY_SETTINGS = (
    'import os\n\nOPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", None)  # may be None\n'
)
KEY_CLIENT = (
    "from openai import OpenAI\n"
    "\n"
    "from settings import OPENAI_API_KEY\n"
    "\n"
    "\n"
    "def ask(question: str) -> str:\n"
    "    client = OpenAI(api_key=OPENAI_API_KEY)\n"
    "    reply = client.chat.completions.create(\n"
    '        model="gpt-4o", messages=[{"role": "user", "content": question}]\n'
    "    )\n"
    "    return reply.choices[0].message.content\n"
    "\n"
    "\n"
    'if __name__ == "__main__":\n'
    '    print(ask("hi"))\n'
)
AZURE_SETTINGS = (
    "import os\n"
    "\n"
    'API_BASE = os.environ.get("OPENAI_API_BASE", None)\n'
    'AZURE_KEY = os.environ.get("AZURE_API_KEY", None)\n'
)
AZURE_CLIENT = (
    "from openai import AzureOpenAI\n"
    "\n"
    "from settings import API_BASE, AZURE_KEY\n"
    "\n"
    "\n"
    "def ask(question: str) -> str:\n"
    '    client = AzureOpenAI(api_key=AZURE_KEY, azure_endpoint=API_BASE, api_version="2024-02-01")\n'
    "    reply = client.chat.completions.create(\n"
    '        model="my-deployment", messages=[{"role": "user", "content": question}]\n'
    "    )\n"
    "    return reply.choices[0].message.content\n"
    "\n"
    "\n"
    'if __name__ == "__main__":\n'
    '    print(ask("hi"))\n'
)


def _run(script: str, cwd, env: dict[str, str]):
    """Run `script` with `env` added, no OPENAI_* variable but those `env` sets, the network
    guard on: the process and the hosts the guard refused."""
    given = {k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()} | env
    guard = cwd.parent / "guard"
    proc = run_python([script], cwd=cwd, env=network_guard.subprocess_env(given, guard), timeout=60)
    return proc, network_guard.blocked_hosts(guard)


KEY_CLIENT_MOVED = "import os\n\n" + KEY_CLIENT.replace(
    "    client = OpenAI(api_key=OPENAI_API_KEY)\n",
    "    client = OpenAI(\n"
    '        base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    '        api_key=OPENAI_API_KEY or os.environ.get("ACME_API_KEY", "unset"),\n'
    "    )\n",
).replace('model="gpt-4o"', 'model="acme-large"')


def test_a_client_given_an_imported_key_moves_with_its_read(tmp_path, monkeypatch):
    root = tmp_path / "app"
    root.mkdir()
    write_here(root, monkeypatch, {"settings.py": KEY_SETTINGS, "llm.py": KEY_CLIENT})
    code, report = run_json("scan", ".", *ACME, "--no-cache")
    assert code == 0, report
    assert finding_rows(report, "path", "line", "rule", "fix", rules=("ML001", "ML401")) == [
        ("llm.py", 7, "ML001", "review"),
        ("settings.py", 3, "ML401", "safe"),
    ]
    assert finding_rows(report, "message", rules=("ML001",)) == [
        (
            "OpenAI() talks to OpenAI (key from `OPENAI_API_KEY`); for Acme Cloud read the base "
            "URL from ACME_BASE_URL (default https://api.acme.example/v1) and keep the key your "
            "code passes (`OPENAI_API_KEY`), with ACME_API_KEY when it is empty: it must be an "
            "Acme Cloud key; `OPENAI_API_KEY` of settings.py reads ACME_API_KEY after apply "
            "(ML401), so the key and the base URL move together",
        )
    ]
    for _ in range(2):  # a second apply changes nothing
        done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
        assert done.exit_code == 0, done.output
        assert (root / "settings.py").read_text() == KEY_SETTINGS.replace(
            '"OPENAI_API_KEY", None', '"ACME_API_KEY", None'
        )
        assert (root / "llm.py").read_text() == KEY_CLIENT_MOVED
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert (code, report["findings"]) == (0, [])

    # the provider's key goes to the provider's URL, and nothing reaches OpenAI
    server = LoopbackServer(key="acme-secret").start()
    try:
        env = {"ACME_API_KEY": "acme-secret", "ACME_BASE_URL": server.base + "/v1"}
        proc, blocked = _run("llm.py", root, env)
        assert (proc.returncode, blocked) == (0, []), proc.stderr
        assert [(r.path, r.headers["authorization"]) for r in server.requests] == [
            ("/v1/chat/completions", "Bearer acme-secret")
        ]
    finally:
        server.stop()
    # ACME_BASE_URL unset: the provider's own host, never api.openai.com (refused by the guard)
    proc, blocked = _run("llm.py", root, {"ACME_API_KEY": "acme-secret"})
    assert (proc.returncode, blocked) == (1, ["api.acme.example"])


def test_a_client_left_beside_a_read_renamed_before_moves_now(tmp_path, monkeypatch):
    """The project as the earlier apply left it (t63c): the read renamed, the client on
    OpenAI with the provider's key. check fails on the client, and apply moves it."""
    renamed = KEY_SETTINGS.replace('"OPENAI_API_KEY", None', '"ACME_API_KEY", None')
    write_here(tmp_path, monkeypatch, {"settings.py": renamed, "llm.py": KEY_CLIENT})
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert code == 1, report
    assert finding_rows(report, "path", "line", "rule", "fix", rules=("ML001",)) == [
        ("llm.py", 7, "ML001", "review")
    ]
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.py").read_text() == renamed
    assert (tmp_path / "llm.py").read_text() == KEY_CLIENT_MOVED


AZURE_LEFT = (
    "reads OPENAI_API_BASE; not switched: `API_BASE` is given to AzureOpenAI() on llm.py:7, "
    "which apply leaves on OpenAI or Azure OpenAI: renamed, that client would send the key it "
    "is given (an OpenAI or Azure key) to Acme Cloud; point them at Acme Cloud together, by "
    "hand"
)


def test_a_base_url_read_an_azure_client_takes_from_another_module_is_left(tmp_path, monkeypatch):
    root = tmp_path / "app"
    root.mkdir()
    write_here(root, monkeypatch, {"settings.py": AZURE_SETTINGS, "llm.py": AZURE_CLIENT})
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert code == 1, report
    rows = finding_rows(report, "path", "line", "rule", "fix", "message")
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML002", "manual"),
        ("llm.py", 9, "ML201", "manual"),
        ("settings.py", 3, "ML401", "manual"),
    ]
    assert rows[2][4] == AZURE_LEFT
    assert "which stays on Azure OpenAI" in rows[1][4]
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (root / "settings.py").read_text() == AZURE_SETTINGS
    assert (root / "llm.py").read_text() == AZURE_CLIENT

    # the Azure key goes to the Azure resource the user configured, not to the provider
    azure = AzureRoutes(key="azure-secret", deployments=frozenset({"my-deployment"}))
    server = LoopbackServer(azure=azure).start()
    try:
        env = {
            "OPENAI_API_BASE": server.base,
            "AZURE_API_KEY": "azure-secret",
            "ACME_BASE_URL": "https://api.acme.example/v1",
        }
        proc, blocked = _run("llm.py", root, env)
        assert (proc.returncode, blocked) == (0, []), proc.stderr
        assert [(r.path, r.headers.get("api-key")) for r in server.requests] == [
            (
                "/openai/deployments/my-deployment/chat/completions?api-version=2024-02-01",
                "azure-secret",
            )
        ]
    finally:
        server.stop()


def test_a_base_url_read_also_given_as_a_plain_base_url_is_renamed(tmp_path, monkeypatch):
    plain = (
        "from openai import OpenAI\n\nfrom settings import API_BASE\n\n"
        "client = OpenAI(base_url=API_BASE)\n"
    )
    files = {"settings.py": AZURE_SETTINGS, "plain.py": plain}
    write_here(tmp_path, monkeypatch, files)
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.py").read_text() == AZURE_SETTINGS.replace(
        '"OPENAI_API_BASE", None', '"ACME_BASE_URL", "https://api.acme.example/v1"'
    )


SHARED = (
    "from openai import AzureOpenAI, OpenAI\n"
    "\n"
    "import settings\n"
    "\n"
    "\n"
    "def azure() -> AzureOpenAI:\n"
    "    return AzureOpenAI(\n"
    '        api_key=settings.OPENAI_API_KEY, azure_endpoint="https://x.openai.azure.com",\n'
    '        api_version="2024-02-01",\n'
    "    )\n"
    "\n"
    "\n"
    "def plain() -> OpenAI:\n"
    "    return OpenAI(api_key=settings.OPENAI_API_KEY)\n"
)


def test_a_key_read_an_azure_client_takes_from_another_module_is_left_with_its_clients(
    tmp_path, monkeypatch
):
    write_here(tmp_path, monkeypatch, {"settings.py": KEY_SETTINGS, "llm.py": SHARED})
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert code == 1, report
    rows = finding_rows(report, "path", "line", "rule", "fix", "message")
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML002", "manual"),
        ("llm.py", 14, "ML001", "manual"),
        ("settings.py", 3, "ML401", "manual"),
    ]
    assert rows[1][4] == (
        "OpenAI() talks to OpenAI (key from `settings.OPENAI_API_KEY`); its key "
        "`settings.OPENAI_API_KEY` is `OPENAI_API_KEY` of settings.py, also given to "
        "AzureOpenAI() on llm.py:7 (which apply leaves on OpenAI or Azure OpenAI): the read "
        "of OpenAI's key there is left (ML401, see there), so this client stays on OpenAI "
        "with it; point them at Acme Cloud (ACME_API_KEY) together, by hand"
    )
    assert rows[2][4] == (
        "reads OPENAI_API_KEY; not switched: `OPENAI_API_KEY` is given to AzureOpenAI() on "
        "llm.py:7, which apply leaves on OpenAI or Azure OpenAI: renamed, Acme Cloud's key "
        "would go to OpenAI (or Azure OpenAI) there; point them at Acme Cloud together, by hand"
    )
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.py").read_text() == KEY_SETTINGS
    assert (tmp_path / "llm.py").read_text() == SHARED


# Review of f2 (s63): the settings a client moves with are those ML401 really renames, bound
# once, with no key as their default, and given nowhere apply leaves.
RAW_IN_SETTINGS = (
    "import os\n"
    "\n"
    'OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", None)  # may be None\n'
    "\n"
    "\n"
    "def moderate(text):\n"
    "    import requests\n"
    "\n"
    "    return requests.post(\n"
    '        "https://api.openai.com/v1/moderations",\n'
    '        headers={"Authorization": f"Bearer {OPENAI_API_KEY}"},\n'
    '        json={"input": text},\n'
    "    ).json()\n"
)
REBOUND_FROM_SECRETS = KEY_SETTINGS + (
    "if not OPENAI_API_KEY:\n"
    '    OPENAI_API_KEY = open(os.path.expanduser("~/.openai/key")).read().strip()\n'
)
KEY_AS_DEFAULT = (
    "import os\n\n"
    'OPENAI_API_KEY = os.environ.get("OPENAI_API_KEY", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w'
    'Xy4zAb7cDe0fGh3iJk")\n'
)
CLIENT_KEPT = (
    "OpenAI() talks to OpenAI (key from `OPENAI_API_KEY`); its key `OPENAI_API_KEY` names "
    "OpenAI, so it likely holds the OpenAI key: kept, that key would go to Acme Cloud; give this "
    "client Acme Cloud's key (ACME_API_KEY) in its place, by hand: apply points it at Acme Cloud "
    "once `OPENAI_API_KEY` no longer names OpenAI (renamed where it is set and read, as it then "
    "holds that key)"
)


def _applied(root, monkeypatch, files: dict[str, str]) -> list[tuple]:
    """Write `files` in `root`, apply twice: the findings of check after it (path, line, rule,
    fix), having asserted apply's exit code."""
    root.mkdir(exist_ok=True)
    write_here(root, monkeypatch, files)
    for _ in range(2):
        done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
        assert done.exit_code == 0, done.output
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert code == 1, report
    return finding_rows(report, "path", "line", "rule", "fix", "message")


def _openai_key_stays_home(root) -> None:
    """Run llm.py with an OpenAI key and the provider's URL on a loopback server: the provider
    receives nothing, the request goes to api.openai.com (refused by the network guard)."""
    server = LoopbackServer(key="acme-secret").start()
    try:
        env = {
            "OPENAI_API_KEY": "openai-secret",
            "ACME_API_KEY": "acme-secret",
            "ACME_BASE_URL": server.base + "/v1",
        }
        proc, blocked = _run("llm.py", root, env)
        assert (proc.returncode, blocked) == (1, ["api.openai.com"]), proc.stderr
        assert server.requests == []
    finally:
        server.stop()


def test_a_key_read_its_own_module_sends_to_openai_keeps_the_client(tmp_path, monkeypatch):
    """r12: ML401 keeps the read its module's raw moderation request sends to OpenAI; ML001
    took the client as moving with it, and the OpenAI key went to the provider."""
    root = tmp_path / "app"
    rows = _applied(root, monkeypatch, {"settings.py": RAW_IN_SETTINGS, "llm.py": KEY_CLIENT})
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML001", "manual"),
        ("llm.py", 9, "ML201", "manual"),
        ("settings.py", 9, "ML403", "manual"),
    ]
    assert rows[0][4] == CLIENT_KEPT
    assert (root / "settings.py").read_text() == RAW_IN_SETTINGS
    assert (root / "llm.py").read_text() == KEY_CLIENT
    _openai_key_stays_home(root)


def test_a_key_setting_bound_twice_is_not_followed(tmp_path, monkeypatch):
    """r11 / r6: `if not KEY: KEY = <the OpenAI key from a file or secrets>`: the name may hold
    the OpenAI key after apply, so the client is not moved, and the read is left with it."""
    root = tmp_path / "app"
    files = {"settings.py": REBOUND_FROM_SECRETS, "llm.py": KEY_CLIENT}
    rows = _applied(root, monkeypatch, files)
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML001", "manual"),
        ("llm.py", 9, "ML201", "manual"),
        ("settings.py", 3, "ML401", "manual"),
    ]
    assert rows[0][4] == CLIENT_KEPT
    assert rows[2][4] == (
        "reads OPENAI_API_KEY; not switched: `OPENAI_API_KEY` is given to OpenAI() on llm.py:7, "
        "which apply leaves on OpenAI or Azure OpenAI: renamed, Acme Cloud's key would go to "
        "OpenAI (or Azure OpenAI) there; point them at Acme Cloud together, by hand"
    )
    assert (root / "settings.py").read_text() == REBOUND_FROM_SECRETS
    assert (root / "llm.py").read_text() == KEY_CLIENT
    _openai_key_stays_home(root)


def test_a_key_setting_with_a_key_as_its_default_is_not_followed(tmp_path, monkeypatch):
    """r4: the OpenAI key literal is what the setting holds while the variable is unset."""
    rows = _applied(tmp_path, monkeypatch, {"settings.py": KEY_AS_DEFAULT, "llm.py": KEY_CLIENT})
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML001", "manual"),
        ("llm.py", 9, "ML201", "manual"),
        ("settings.py", 3, "ML401", "manual"),
        ("settings.py", 3, "ML004", "manual"),
    ]
    assert (tmp_path / "settings.py").read_text() == KEY_AS_DEFAULT
    assert (tmp_path / "llm.py").read_text() == KEY_CLIENT


RAW_MODULE = (
    "import requests\n"
    "\n"
    "from settings import OPENAI_API_KEY\n"
    "\n"
    "\n"
    "def moderate(text):\n"
    "    r = requests.post(\n"
    '        "https://api.openai.com/v1/moderations",\n'
    '        headers={"Authorization": f"Bearer {OPENAI_API_KEY}"},\n'
    '        json={"input": text},\n'
    "    )\n"
    "    return r.json()\n"
)


def test_a_key_setting_another_module_sends_to_openai_in_a_raw_request_is_left(
    tmp_path, monkeypatch
):
    """r10: renamed, the provider's key went to api.openai.com in raw.py's header."""
    files = {"settings.py": KEY_SETTINGS, "llm.py": KEY_CLIENT, "raw.py": RAW_MODULE}
    rows = _applied(tmp_path, monkeypatch, files)
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML001", "manual"),
        ("llm.py", 9, "ML201", "manual"),
        ("raw.py", 7, "ML403", "manual"),
        ("settings.py", 3, "ML401", "manual"),
    ]
    assert "also given to requests.post() on raw.py:7" in rows[0][4]
    assert rows[3][4].startswith(
        "reads OPENAI_API_KEY; not switched: `OPENAI_API_KEY` is given to requests.post() on "
        "raw.py:7, which apply leaves on OpenAI or Azure OpenAI"
    )
    for name, text in files.items():
        assert (tmp_path / name).read_text() == text


def test_spellings_ml401_renames_are_followed(tmp_path, monkeypatch):
    """r7: `OPENAI_KEY` (renamed by ML401) moves the client given it, where the provider's key
    went to OpenAI; r8: `OPENAI_BASEURL` given to an Azure client is left, where the Azure key
    went to the provider."""
    spelled = KEY_SETTINGS.replace("OPENAI_API_KEY", "OPENAI_KEY")
    client = KEY_CLIENT.replace("OPENAI_API_KEY", "OPENAI_KEY")
    root = tmp_path / "key"
    root.mkdir()
    write_here(root, monkeypatch, {"settings.py": spelled, "llm.py": client})
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (root / "settings.py").read_text() == spelled.replace(
        '"OPENAI_KEY", None', '"ACME_API_KEY", None'
    )
    assert (root / "llm.py").read_text() == KEY_CLIENT_MOVED.replace("OPENAI_API_KEY", "OPENAI_KEY")
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert (code, report["findings"]) == (0, [])

    azure = AZURE_SETTINGS.replace("OPENAI_API_BASE", "OPENAI_BASEURL")
    rows = _applied(tmp_path / "azure", monkeypatch, {"settings.py": azure, "llm.py": AZURE_CLIENT})
    assert [r[:4] for r in rows] == [
        ("llm.py", 7, "ML002", "manual"),
        ("llm.py", 9, "ML201", "manual"),
        ("settings.py", 3, "ML401", "manual"),
    ]
    assert rows[2][4] == AZURE_LEFT.replace("OPENAI_API_BASE", "OPENAI_BASEURL")
    assert (tmp_path / "azure" / "settings.py").read_text() == azure


URL_SETTINGS = AZURE_SETTINGS.replace(
    '"OPENAI_API_BASE", None', '"OPENAI_API_BASE", "https://api.openai.com/v1"'
)
URL_LEFT = (
    "hard-coded OpenAI URL https://api.openai.com/v1; not switched: `API_BASE` is given to "
    "{} on {}, which apply leaves on OpenAI or Azure OpenAI: switched, that client would send "
    "the key it is given (an OpenAI or Azure key) to {}; point them at {} together, by hand"
)


def test_an_openai_url_default_an_azure_client_takes_from_another_module_stays(
    tmp_path, monkeypatch
):
    """s64 review 2: ML401 left the read, but ML402 made its default the provider's URL, so
    with OPENAI_API_BASE unset the Azure client sent its Azure key to the provider."""
    write_here(tmp_path, monkeypatch, {"settings.py": URL_SETTINGS, "llm.py": AZURE_CLIENT})
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert code == 1, report
    rows = finding_rows(report, "path", "line", "rule", "fix", "message", rules={"ML401", "ML402"})
    assert rows == [
        ("settings.py", 3, "ML401", "manual", AZURE_LEFT),
        (
            "settings.py",
            3,
            "ML402",
            "manual",
            URL_LEFT.format("AzureOpenAI()", "llm.py:7", "Acme Cloud", "Acme Cloud"),
        ),
    ]
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.py").read_text() == URL_SETTINGS
    assert (tmp_path / "llm.py").read_text() == AZURE_CLIENT


EMBEDDER = (
    "import os\n\nfrom openai import OpenAI\n\nfrom settings import API_BASE\n\n"
    'emb = OpenAI(base_url=API_BASE, api_key=os.environ["OPENAI_API_KEY"])\n\n\n'
    "def embed(text):\n"
    '    return emb.embeddings.create(model="text-embedding-3-small", input=text)\n'
)


def test_an_openai_url_default_a_client_left_on_openai_takes_stays(tmp_path, monkeypatch):
    """The same for a plain client apply leaves on OpenAI (its only requests are embeddings,
    which DeepSeek does not serve): switched, it sent OpenAI's key to DeepSeek."""
    write_here(tmp_path, monkeypatch, {"settings.py": URL_SETTINGS, "emb.py": EMBEDDER})
    code, report = run_json("check", ".", "--provider", "deepseek", "--no-cache")
    assert code == 1, report
    rows = finding_rows(report, "path", "rule", "fix", "message", rules={"ML402"})
    assert rows == [
        (
            "settings.py",
            "ML402",
            "manual",
            URL_LEFT.format("OpenAI()", "emb.py:7", *["DeepSeek"] * 2),
        )
    ]
    done = CliRunner().invoke(
        app, ["apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty"]
    )
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.py").read_text() == URL_SETTINGS
    assert (tmp_path / "emb.py").read_text() == EMBEDDER


def test_an_openai_url_default_a_moving_client_takes_is_switched(tmp_path, monkeypatch):
    plain = "from openai import OpenAI\n\nfrom settings import API_BASE\n\nclient = OpenAI(base_url=API_BASE)\n"
    write_here(tmp_path, monkeypatch, {"settings.py": URL_SETTINGS, "plain.py": plain})
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "settings.py").read_text() == URL_SETTINGS.replace(
        '"OPENAI_API_BASE", "https://api.openai.com/v1"',
        '"ACME_BASE_URL", "https://api.acme.example/v1"',
    )
