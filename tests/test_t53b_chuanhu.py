"""ChuanhuChatGPT on Zhipu (trial t53b).

- D1: `self.api_key = openai_api_key` two lines above a ChatOpenAI given `openai_api_key`
  (left: "names OpenAI"); a later `ChatOpenAI(openai_api_key=self.api_key)` became
  `self.api_key or ZAI_API_KEY` beside Zhipu's URL: the OpenAI key went to Zhipu, and `check`
  passed once the first line was fixed as told. A key naming nothing is what it is set from.
- D2: config_example.json's `"users": [], // e.g. [["u", "p"]]` ended the comment at a `]`
  and blanked the comma: the whole file "could not be scanned".
- D4: `os` from `from modules.utils import *`: the first apply left the OpenAI embeddings
  branch (its key "computed at run time"), migrated the Azure one and added `import os`; the
  second apply then migrated the first. An unbound `os` is the os module in both runs.
- D6: `logging.info(f"... {os.environ['OPENAI_API_BASE']}")` below the read apply leaves on
  OPENAI_API_BASE was made to print Zhipu's default URL: a read in a message follows the
  other reads of its variable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.formats import read_entries
from migrate_llm.rules.base import RuleContext

from . import network_guard
from .cli_findings import finding_rows, run_json, write
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_e2e_app import HTTPX_ALIAS

ZHIPU = "Zhipu AI (GLM)"
ZHIPU_URL = '"ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"'
OPENAI_KEY = "sk-proj-OPENAIKEY0123456789"
ZAI_KEY = "zai-test-key"


def migrate(registry, text: str, provider: str = "zhipu"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # idempotent
    assert [f for f in again.findings if f.edit is not None] == []
    return change


def rows(findings, *rules: str) -> list[tuple]:
    return [(f.line, f.rule, f.fix.value, f.message) for f in findings if f.rule in rules]


def clean_env_of_openai() -> dict[str, str]:
    """The test process's environment without any OpenAI, Zhipu or proxy variable."""
    dropped = ("OPENAI", "ZAI_", "PROXY")
    return {k: v for k, v in os.environ.items() if not any(d in k.upper() for d in dropped)}


def _json_findings(*paths: str) -> list[tuple]:
    code, report = run_json("scan", *paths, "--provider", "zhipu", "--no-cache")
    assert code == 0, report
    assert report["errors"] == []
    fields = ("path", "line", "rule", "severity", "fix", "message", "data")
    return finding_rows(report, *fields)


def _apply(*paths: str) -> str:
    done = CliRunner().invoke(
        app, ["apply", *paths, "--provider", "zhipu", "--yes", "--allow-dirty", "--no-cache"]
    )
    assert done.exit_code == 0, done.output
    return done.output


def _check(*paths: str) -> int:
    return CliRunner().invoke(app, ["check", *paths, "--provider", "zhipu", "--no-cache"]).exit_code


# --- D1: a key set from a name that names OpenAI ----------------------------------------------

AGENT = """import os
from langchain_openai import ChatOpenAI


class Agent:
    def __init__(self, openai_api_key):
        self.api_key = openai_api_key
        self.cheap_llm = ChatOpenAI(
            openai_api_key=openai_api_key,
            model_name="gpt-3.5-turbo",
            openai_api_base=os.environ.get("OPENAI_API_BASE"),
        )

    def stream(self):
        self.llm = ChatOpenAI(
            openai_api_key=self.api_key,
            model_name="gpt-3.5-turbo",
            openai_api_base=os.environ.get("OPENAI_API_BASE"),
            streaming=True,
        )
        return self.llm.invoke("hi").content
"""


def _blocker(said: str) -> str:
    """The name the message says keeps the client from the provider: what the key is set
    from, else the key itself."""
    found = re.search(r"is set from (`[^`]+`)", said) or re.match(r"(`[^`]+`)", said)
    assert found is not None
    return found.group(1)


def _unblocked(said: str) -> str:
    return (
        f"in its place, by hand: apply points it at {ZHIPU} once {_blocker(said)} no longer "
        "names OpenAI (renamed where it is set and read, as it then holds that key)"
    )


def _left_class(key: str, said: str) -> str:
    return (
        f"ChatOpenAI() (LangChain) talks to OpenAI (key from `{key}`); its key {said}, so it "
        f"likely holds the OpenAI key: kept, that key would go to {ZHIPU}; give it {ZHIPU}'s "
        f"key (ZAI_API_KEY) {_unblocked(said)}"
    )


def _left_url(line: int, key: str) -> str:
    return (
        f"reads OPENAI_API_BASE; not switched: it is the base URL of ChatOpenAI() on line "
        f"{line}, which apply leaves talking to OpenAI or Azure OpenAI (see its finding) with its "
        f"key (`{key}`): switched, it would send that key to {ZHIPU}; point both at {ZHIPU} "
        "(the key from ZAI_API_KEY) together, by hand"
    )


LANGCHAIN = {
    "framework": "langchain",
    "class": "ChatOpenAI",
    "api_key_env": "ZAI_API_KEY",
    "base_url_env": "ZAI_BASE_URL",
    "langchain_integration": "langchain_community.chat_models.ChatZhipuAI",
}
URL_DATA = {"variable_from": "OPENAI_API_BASE", "variable_to": "ZAI_BASE_URL"}


def test_a_key_attribute_set_from_an_openai_named_parameter_is_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"agent.py": AGENT})
    said = "`self.api_key` is set from `openai_api_key` (line 7), which names OpenAI"
    assert _json_findings(".") == [
        ("agent.py", 8, "ML601", "error", "manual", _left_class("openai_api_key", "`openai_api_key` names OpenAI"), LANGCHAIN),
        ("agent.py", 11, "ML401", "warning", "manual", _left_url(8, "openai_api_key"), URL_DATA),
        ("agent.py", 15, "ML601", "error", "manual", _left_class("self.api_key", said), LANGCHAIN),
        ("agent.py", 18, "ML401", "warning", "manual", _left_url(15, "self.api_key"), URL_DATA),
    ]  # fmt: skip
    _apply(".")
    assert (tmp_path / "agent.py").read_text(encoding="utf-8") == AGENT
    assert _check(".") == 1

    # the first line fixed as its finding says: the second is still red
    fixed = AGENT.replace(
        "            openai_api_key=openai_api_key,\n",
        '            openai_api_key=os.environ["ZAI_API_KEY"],\n',
    )
    write(tmp_path, {"agent.py": fixed})
    _apply(".")
    assert _check(".") == 1
    assert [row[1:5] for row in _json_findings(".") if row[3] != "note"] == [
        (18, "ML601", "error", "manual"),
        (21, "ML401", "warning", "manual"),
    ]


@pytest.mark.parametrize(
    ("text", "line", "key", "said"),
    [
        pytest.param(
            "from openai import OpenAI\n\n\nclass Bot:\n    def __init__(self, openai_api_key):\n"
            "        self.key = openai_api_key\n\n    def client(self):\n"
            "        return OpenAI(api_key=self.key)\n",
            9,
            "self.key",
            "`self.key` is set from `openai_api_key` (line 6), which names OpenAI",
            id="attribute-from-parameter",
        ),
        pytest.param(
            "from openai import OpenAI\n\nfrom config import settings\n\n\ndef make():\n"
            "    key = settings.openai.key\n    return OpenAI(api_key=key)\n",
            8,
            "key",
            "`key` is set from `settings.openai.key` (line 7), which names OpenAI",
            id="name-from-setting",
        ),
        pytest.param(
            "from openai import OpenAI\n\n\nclass Bot:\n    def __init__(self, openai_key):\n"
            "        key = openai_key\n        self.key = key\n\n    def client(self):\n"
            "        return OpenAI(api_key=self.key)\n",
            10,
            "self.key",
            "`self.key` is set from `key` (line 7), which names OpenAI",
            id="two-steps",
        ),
    ],
)
def test_a_plain_client_given_a_key_set_from_an_openai_name_is_left(
    registry, text, line, key, said
):
    change = migrate(registry, text)
    assert change.after == text
    assert rows(change.findings, "ML001") == [
        (
            line,
            "ML001",
            "manual",
            f"OpenAI() talks to OpenAI (key from `{key}`); its key {said}, so it likely holds "
            f"the OpenAI key: kept, that key would go to {ZHIPU}; give this client {ZHIPU}'s key "
            f"(ZAI_API_KEY) {_unblocked(said)}",
        )
    ]


def test_a_key_set_from_a_name_naming_nothing_is_kept_as_before(registry):
    text = (
        "from openai import OpenAI\n\n\nclass Bot:\n    def __init__(self, api_key):\n"
        "        self.key = api_key\n\n    def client(self):\n"
        "        return OpenAI(api_key=self.key)\n"
    )
    change = migrate(registry, text)
    assert change.after == (
        "import os\n\nfrom openai import OpenAI\n\n\nclass Bot:\n    def __init__(self, api_key):\n"
        "        self.key = api_key\n\n    def client(self):\n        return OpenAI(\n"
        f"            base_url=os.environ.get({ZHIPU_URL}),\n"
        '            api_key=self.key or os.environ.get("ZAI_API_KEY", "unset"),\n        )\n'
    )
    assert [r[2] for r in rows(change.findings, "ML001")] == ["review"]


SDK_AGENT = """from openai import OpenAI


class Agent:
    def __init__(self, openai_api_key):
        self.api_key = openai_api_key
        self.cheap = OpenAI(api_key=openai_api_key, max_retries=0)

    def ask(self, text):
        client = OpenAI(api_key=self.api_key, max_retries=0)
        messages = [{"role": "user", "content": text}]
        reply = client.chat.completions.create(model="gpt-4o-mini", messages=messages)
        return reply.choices[0].message.content
"""
RUN = f'from agent import Agent\n\nprint(Agent("{OPENAI_KEY}").ask("hi"))\n'


def test_the_openai_key_an_attribute_holds_never_reaches_zhipu(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"agent.py": SDK_AGENT})
    _apply("agent.py")
    assert (tmp_path / "agent.py").read_text(encoding="utf-8") == SDK_AGENT
    assert _check("agent.py") == 1
    write(tmp_path, {"run.py": RUN})
    server = LoopbackServer().start()
    try:
        env = {"ZAI_API_KEY": ZAI_KEY, "ZAI_BASE_URL": server.base + "/api/paas/v4"}
        proc, blocked = run_guarded("run.py", tmp_path, env)
        # as applied: still OpenAI's (blocked), and nothing reached Zhipu's URL with its key
        assert (server.requests, blocked) == ([], ["api.openai.com"])
        assert proc.returncode != 0

        # both clients given Zhipu's key as their findings say; apply then points them there
        fixed = "import os\n\n" + SDK_AGENT.replace(
            "api_key=openai_api_key", 'api_key=os.environ["ZAI_API_KEY"]'
        ).replace("api_key=self.api_key", 'api_key=os.environ["ZAI_API_KEY"]')
        write(tmp_path, {"agent.py": fixed})
        _apply("agent.py")
        assert _check("agent.py") == 0
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert (request.path, request.body["model"]) == (
        "/api/paas/v4/chat/completions",
        "glm-4-air-250414",
    )
    assert request.headers["authorization"] == f"Bearer {ZAI_KEY}"


def _run_frameworks(tmp_path: Path, env: dict[str, str]) -> tuple[list[str], int, str]:
    """Run run.py with the frameworks' interpreter, only `env`'s provider variables set and the
    network guard on: the hosts it refused, the exit code and stderr."""
    guard = tmp_path / "guard"
    given = network_guard.subprocess_env({**clean_env_of_openai(), **env}, guard, HTTPX_ALIAS)
    proc = subprocess.run(
        [sys.executable, "run.py"], cwd=tmp_path, env=given, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    return network_guard.blocked_hosts(guard), proc.returncode, proc.stderr[-2000:]


@pytest.mark.frameworks
def test_the_trials_agent_sends_zhipus_key_only_once_fixed_as_told(tmp_path, monkeypatch):
    """The repro run with LangChain: as applied both classes stay OpenAI's (blocked, nothing
    reaches Zhipu's URL); fixed as their findings say, the request carries Zhipu's key."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"agent.py": AGENT})
    write(
        tmp_path, {"run.py": f'from agent import Agent\n\nprint(Agent("{OPENAI_KEY}").stream())\n'}
    )
    _apply("agent.py")
    assert (tmp_path / "agent.py").read_text(encoding="utf-8") == AGENT
    server = LoopbackServer().start()
    try:
        env = {"ZAI_API_KEY": ZAI_KEY, "ZAI_BASE_URL": server.base + "/api/paas/v4"}
        blocked, code, _ = _run_frameworks(tmp_path, env)
        assert (server.requests, set(blocked), code != 0) == ([], {"api.openai.com"}, True)

        fixed = AGENT.replace(
            "openai_api_key=openai_api_key", 'openai_api_key=os.environ["ZAI_API_KEY"]'
        )
        fixed = fixed.replace(
            "openai_api_key=self.api_key", 'openai_api_key=os.environ["ZAI_API_KEY"]'
        )
        write(tmp_path, {"agent.py": fixed})
        _apply("agent.py")
        assert _check("agent.py") == 0
        blocked, code, stderr = _run_frameworks(tmp_path, env)
        assert (blocked, code) == ([], 0), stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert (request.path, request.body["model"], request.body["stream"]) == (
        "/api/paas/v4/chat/completions",
        "glm-4-flash",
        True,
    )
    assert request.headers["authorization"] == f"Bearer {ZAI_KEY}"


# --- D2: a `//` comment runs to the end of its line ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '{\n  "users": [], // e.g. [["u", "p"]]\n  "openai_api_key": "",\n'
            '  "openai_api_base": "https://api.openai.com/v1"\n}\n',
            [
                ("users", ("users",), None),
                ("openai_api_key", ("openai_api_key",), ""),
                ("openai_api_base", ("openai_api_base",), "https://api.openai.com/v1"),
            ],
            id="trial",
        ),
        pytest.param(
            '{\n  "a": 1, // say "b": ] or }\n  "b": [2, // x ]\n  3]\n}\n',
            [("a", ("a",), None), ("b", ("b",), None)],
            id="quotes-and-brackets-in-comment",
        ),
        pytest.param(
            '{\n  "a": "x // not a comment ]", // a ], "comment"\n  "b": "y"\n}\n',
            [("a", ("a",), "x // not a comment ]"), ("b", ("b",), "y")],
            id="slashes-in-a-string",
        ),
        pytest.param(
            '{\n  "url": "https://api.openai.com/v1", // the [default]\n'
            '  "list": ["http://a/b", ], // trailing ]\n}\n',
            [
                ("url", ("url",), "https://api.openai.com/v1"),
                ("list", ("list",), None),
                ("list", ("list", "0"), "http://a/b"),
            ],
            id="urls-in-strings",
        ),
        pytest.param(
            '{\n  "a": [1, 2], /* [x] */ // ]\n  "b": 3, // }\n}\n',
            [("a", ("a",), None), ("b", ("b",), None)],
            id="block-then-line-comment",
        ),
    ],
)
def test_a_line_comment_with_brackets_keeps_the_comma_before_it(text, expected):
    entries = read_entries("json", text)
    assert [(e.key, e.path, e.value) for e in entries if len(e.path) == 1 or e.key == "list"] == (
        expected
    )
    for e in entries:  # spans are spans of the file as written
        if e.key_span is not None:
            assert text[e.key_span.start : e.key_span.end] == json.dumps(e.key)


def test_the_trials_config_file_is_scanned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            "config.json": '{\n  "users": [], // e.g. [["u", "p"]]\n  "openai_api_key": "",\n'
            '  "openai_api_base": "https://api.openai.com/v1"\n}\n'
        },
    )
    assert [row[:5] for row in _json_findings(".")] == [
        ("config.json", 4, "ML502", "error", "safe")
    ]


# --- D4: `os` through a star import ------------------------------------------------------------

EMBEDDINGS = """from langchain_openai import AzureOpenAIEmbeddings, OpenAIEmbeddings

from helpers import *


def make(api_key):
    if os.environ.get("OPENAI_API_TYPE", "openai") == "openai":
        embeddings = OpenAIEmbeddings(
            openai_api_base=os.environ.get("OPENAI_API_BASE", None),
            openai_api_key=os.environ.get("OPENAI_EMBEDDING_API_KEY", api_key),
            model="text-embedding-3-large",
        )
    else:
        embeddings = AzureOpenAIEmbeddings(
            deployment=os.environ["AZURE_EMBEDDING_DEPLOYMENT_NAME"],
            openai_api_key=os.environ["AZURE_OPENAI_API_KEY"],
            model=os.environ["AZURE_EMBEDDING_MODEL_NAME"],
            azure_endpoint=os.environ["AZURE_OPENAI_API_BASE_URL"],
            openai_api_type="azure",
        )
    return embeddings
"""
EMBEDDINGS_AFTER = f"""import os

from langchain_openai import OpenAIEmbeddings

from helpers import *


def make(api_key):
    if os.environ.get("OPENAI_API_TYPE", "openai") == "openai":
        embeddings = OpenAIEmbeddings(
            check_embedding_ctx_length=False,
            chunk_size=64,
            openai_api_base=os.environ.get(
                {ZHIPU_URL}
            ),
            openai_api_key=os.environ["ZAI_API_KEY"],
            model="embedding-3",
        )
    else:
        embeddings = OpenAIEmbeddings(
            base_url=os.environ.get(
                {ZHIPU_URL}
            ),
            check_embedding_ctx_length=False,
            chunk_size=64,
            openai_api_key=os.environ["ZAI_API_KEY"],
            model=os.environ["AZURE_EMBEDDING_MODEL_NAME"],
        )
    return embeddings
"""


def test_os_from_a_star_import_is_read_alike_in_both_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"helpers.py": "import os\n", "mod.py": EMBEDDINGS})
    found = [row[1:5] for row in _json_findings(".") if row[2] == "ML601"]
    assert found == [(8, "ML601", "error", "review"), (14, "ML601", "error", "review")]
    _apply(".")
    assert (tmp_path / "mod.py").read_text(encoding="utf-8") == EMBEDDINGS_AFTER
    again = CliRunner().invoke(
        app, ["apply", ".", "--provider", "zhipu", "--diff", "--allow-dirty", "--no-cache"]
    )
    assert (again.exit_code, again.stdout) == (0, "")
    # what is left: OPENAI_API_TYPE, which picks the branch
    assert [row[1:5] for row in _json_findings(".") if row[3] != "note"] == [
        (9, "ML401", "warning", "manual")
    ]


def test_an_unbound_os_reads_the_environment_as_an_imported_one(registry):
    star = "from helpers import *\n\n"
    text = 'def key():\n    return os.environ.get("OPENAI_API_KEY")\n'
    assert migrate(registry, star + text).after == star + text.replace(
        "OPENAI_API_KEY", "ZAI_API_KEY"
    )
    assert migrate(registry, "import os\n\n" + text).after == "import os\n\n" + text.replace(
        "OPENAI_API_KEY", "ZAI_API_KEY"
    )


# --- D6: a read shown in a message follows the reads of its variable --------------------------

CONFIG = """import logging
import os

from shared import set_api_host

api_host = os.environ.get("OPENAI_API_BASE", None)
if api_host is not None:
    set_api_host(api_host)
    logging.info(f"OpenAI API Base set to: {os.environ['OPENAI_API_BASE']}")
"""
SHARED = 'import os\n\n\ndef set_api_host(api_host):\n    os.environ["OPENAI_API_BASE"] = f"{api_host}/v1"\n'


def test_a_logged_read_is_left_with_the_read_apply_leaves(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"config.py": CONFIG, "shared.py": SHARED})
    found = [row for row in _json_findings(".") if row[0] == "config.py"]
    assert [row[1:5] for row in found] == [
        (6, "ML401", "warning", "manual"),
        (9, "ML401", "warning", "manual"),
    ]
    assert found[1][5:] == (
        "reads OPENAI_API_BASE in a message; not switched: it shows the value of OPENAI_API_BASE, "
        "which the read on line 6 leaves as it is (see there): renamed, it would show "
        "ZAI_BASE_URL (or its default), not the value the program uses; switch both together, "
        "by hand",
        URL_DATA,
    )
    _apply(".")
    assert (tmp_path / "config.py").read_text(encoding="utf-8") == CONFIG


@pytest.mark.parametrize(
    "call", ["print({})", "logging.info(f'base: {{{}}}')", "raise SystemExit({})"]
)
def test_a_shown_read_is_renamed_with_the_other_reads_of_its_variable(registry, call):
    shown = call.format('os.environ["OPENAI_API_BASE"]')
    text = (
        "import logging\nimport os\n\n"
        'base = os.environ.get("OPENAI_API_BASE", "https://api.openai.com/v1")\n' + shown + "\n"
    )
    change = migrate(registry, text)
    switched = call.format(f"os.environ.get({ZHIPU_URL})")
    assert change.after == (
        f"import logging\nimport os\n\nbase = os.environ.get({ZHIPU_URL})\n{switched}\n"
    )
    assert [r[:3] for r in rows(change.findings, "ML401")] == [
        (4, "ML401", "safe"),
        (5, "ML401", "safe"),
    ]


# --- D3: OpenAI's /v1 appended to a base URL chosen at run time --------------------------------

HOST_APP = """import json

import requests

with open("config.json") as f:
    config = json.load(f)


def format_openai_host(api_host):
    api_host = api_host.rstrip("/")
    return f"{api_host}/v1/chat/completions"


def ask(text):
    url = format_openai_host(config["openai_api_base"])
    r = requests.post(url, headers={"Authorization": f"Bearer {config['openai_api_key']}"},
                      json={"model": "gpt-4o", "messages": [{"role": "user", "content": text}]})
    return r.json()["choices"][0]["message"]["content"]
"""


def _appended(path: str, where: str = "`api_host`") -> str:
    shown = f" (in /v1{path})" if path else ""
    kept = f"the base URL + {path}" if path else "the base URL itself"
    went = f"/api/paas/v4/v1{path}" if path else "/api/paas/v4/v1/..."
    return (
        f"appends OpenAI's version path /v1{shown} to a base URL chosen at run time ({where}): "
        f"{ZHIPU}'s base URL https://open.bigmodel.cn/api/paas/v4 already ends in its own "
        f"version path (/v4), so given it the requests go to {went}, which {ZHIPU} does not "
        f"serve; drop the /v1 here ({kept}) where the base is {ZHIPU}'s, by hand"
    )


def test_an_appended_v1_is_reported_and_the_request_names_its_builder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": HOST_APP})
    found = [row for row in _json_findings("app.py") if row[2] in ("ML402", "ML403")]
    assert found == [
        (
            "app.py",
            11,
            "ML402",
            "warning",
            "manual",
            _appended("/chat/completions"),
            {"url_from": "/v1/chat/completions", "url_to": "/chat/completions"},
        ),
        (
            "app.py",
            16,
            "ML403",
            "error",
            "manual",
            "raw HTTP request (POST url) sending an OpenAI model left unchanged: its URL is built "
            "by format_openai_host() (line 9) from a base URL chosen at run time (`api_host`) + "
            "/v1/chat/completions (line 11, ML402); send it to Zhipu AI (GLM)'s base URL "
            "(ZAI_BASE_URL) with the key from ZAI_API_KEY by hand, or use the openai SDK",
            {},
        ),
    ]
    # a provider whose base URL ends in /v1 serves it given its host: no ML402
    scanned = CliRunner().invoke(
        app, ["scan", "app.py", "--provider", "moonshot", "--no-cache", "--format", "json"]
    )
    rows_ = [(f["rule"], f["message"]) for f in json.loads(scanned.stdout)["findings"]]
    assert [r for r, _ in rows_ if r in ("ML402", "ML403")] == ["ML403"]
    assert "+ /v1/chat/completions (line 11); send it to" in dict(rows_)["ML403"]


@pytest.mark.parametrize(
    ("line", "reported"),
    [
        pytest.param(
            'url = config["openai_api_base"] + "/v1/chat/completions"',
            _appended("/chat/completions", '`config["openai_api_base"]`'),
            id="concatenated",
        ),
        pytest.param(
            'def openai_base(host):\n    return f"{host}/v1"',
            _appended("", "`host`"),
            id="bare-version",
        ),
        pytest.param(
            'def openai_urls(host):\n    return f"{host}/v1/images/generations?x=1"',
            _appended("/images/generations", "`host`"),
            id="query",
        ),
        pytest.param(
            'def vllm_url(base):\n    return f"{base}/v1/chat/completions"', None, id="own-server"
        ),
        pytest.param(
            'OPENAI_HOST = "http://localhost:8000"\nurl = f"{OPENAI_HOST}/v1/chat/completions"',
            None,
            id="host-shown",
        ),
        pytest.param(
            'def openai_url(host):\n    return f"{host}/v1beta/models"', None, id="other-version"
        ),
    ],
)
def test_which_appended_versions_are_reported(registry, line, reported):
    text = "import openai\n\nconfig = {}\n" + line + "\n"  # ChuanhuChatGPT's shared.py
    change = migrate(registry, text)
    assert change.after == text
    found = [r[3] for r in rows(change.findings, "ML402") if r[3].startswith("appends")]
    assert found == ([reported] if reported else [])
