"""ChuanhuChatGPT on Zhipu, re-run (trial t53h), and LightRAG's Qwen demo (t53k).

- N1: a client already pointed at Zhipu whose key may be a value naming OpenAI (`self.api_key
  or ...` with `self.api_key` set from an `openai_api_key` parameter) passed `check`. The
  default of `os.environ.get("ZAI_API_KEY", my_api_key)`, `my_api_key` read from the config's
  `openai_api_key`, is the user's setting: ML505 names an OpenAI key written there.
- N2: apply replaced a read of ZAI_API_KEY the user wrote (`os.environ.get("ZAI_API_KEY",
  "unset")`) with `os.environ["ZAI_API_KEY"]`.
- N3: the OPENAI_API_BASE read given to a ChatOpenAI left on OpenAI was told "remove this
  read" once the other read had been renamed.
- t53k N1: `os.getenv("EMBEDDING_BINDING_HOST", HOST)`, HOST read with DashScope's URL as its
  default, was "OpenAI's when that is None" (ML003), and apply added a fallback that never runs.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .test_t53b_chuanhu import OPENAI_KEY, _apply, _check, migrate

ZHIPU = "Zhipu AI (GLM)"


def _findings(*paths: str, provider: str = "zhipu", command: str = "scan") -> list[tuple]:
    _, report = run_json(command, *paths, "--provider", provider, "--no-cache")
    assert report["errors"] == []
    fields = ("line", "rule", "severity", "fix", "message", "data")
    return [row for row in finding_rows(report, *fields) if row[2] != "note"]


# --- N1: a key that may be the OpenAI key, beside Zhipu's URL ---------------------------------

CFG_APP = """import json, os
from openai import OpenAI

config = json.load(open("config.json"))
my_api_key = config.get("openai_api_key", "")
my_api_key = os.environ.get("ZAI_API_KEY", my_api_key)
client = OpenAI(api_key=my_api_key, base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"))
print(client.chat.completions.create(model="glm-4-flash", messages=[{"role": "user", "content": "hi"}]))
"""


def test_a_config_entry_named_for_openais_key_is_the_users_setting(tmp_path, monkeypatch):
    """The entry is where the provider's key goes (ML505 names it once it holds an OpenAI
    key), so the client reading it as its fallback is no error of its own."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": CFG_APP, "config.json": json.dumps({"openai_api_key": ""})})
    assert _findings("app.py") == []
    assert _check(".") == 0
    write(tmp_path, {"config.json": json.dumps({"openai_api_key": OPENAI_KEY})})
    assert _check(".") == 1
    assert [row[:4] for row in _findings(".", command="check")] == [(1, "ML505", "error", "manual")]
    _apply(".")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == CFG_APP


def test_the_repro_as_is_sends_the_config_openai_key_to_zhipu(tmp_path):
    """Why N1 is an error: with ZAI_API_KEY unset, the request to Zhipu's URL carries the
    OpenAI key from config.json."""
    write(tmp_path, {"app.py": CFG_APP, "config.json": json.dumps({"openai_api_key": OPENAI_KEY})})
    server = LoopbackServer().start()
    try:
        env = {"ZAI_BASE_URL": server.base + "/api/paas/v4"}
        proc, blocked = run_guarded("app.py", tmp_path, env)
        assert (blocked, proc.returncode) == ([], 0), proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert request.path == "/api/paas/v4/chat/completions"
    assert request.headers["authorization"] == f"Bearer {OPENAI_KEY}"


LEAK_AGENT = """import os
from langchain_openai import ChatOpenAI


class Agent:
    def __init__(self, openai_api_key):
        self.api_key = openai_api_key

    def stream(self):
        self.llm = ChatOpenAI(
            openai_api_key=self.api_key or os.environ.get("ZAI_API_KEY"),
            model_name="glm-4-flash",
            openai_api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
        )
"""


def test_an_attribute_set_from_an_openai_parameter_beside_zhipus_url_is_an_error(registry):
    change = migrate(registry, LEAK_AGENT)
    assert change.after == LEAK_AGENT
    (found,) = [f for f in change.findings if f.rule == "ML601"]
    assert (found.line, found.severity.value, found.fix.value, found.data) == (
        10,
        "error",
        "manual",
        {"openai_key": "self.api_key", "openai_key_line": 7},
    )
    assert found.message == (
        f"ChatOpenAI() (LangChain) points at {ZHIPU}, but its key "
        '`self.api_key or os.environ.get("ZAI_API_KEY")` may be `self.api_key`, set from '
        "`openai_api_key` (line 7), which names OpenAI: the OpenAI key it may hold would go to "
        f"{ZHIPU}; give it {ZHIPU}'s key (ZAI_API_KEY) alone, by hand"
    )


def test_a_branch_naming_openai_is_found_and_zhipus_own_key_is_not(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\nURL = 'https://open.bigmodel.cn/api/paas/v4'\n"
        "\n\ndef make(openai_key, use_env):\n"
        '    key = os.environ["ZAI_API_KEY"] if use_env else openai_key\n'
        "    return OpenAI(api_key=key, base_url=URL)\n"
        "\n\ndef own():\n"
        '    return OpenAI(api_key=os.environ.get("ZAI_API_KEY", ""), base_url=URL)\n'
    )
    change = migrate(registry, text)
    assert change.after == text
    assert [
        (f.line, f.severity.value, f.data.get("openai_key"))
        for f in change.findings
        if f.rule == "ML003"
    ] == [
        (10, "error", "openai_key"),
        (14, "note", None),
    ]


# --- N2: a read of the provider's key the user wrote ------------------------------------------

OWN_KEY = """import os

from langchain_openai import ChatOpenAI
from openai import OpenAI


def make():
    llm = ChatOpenAI(openai_api_key=os.environ.get("ZAI_API_KEY", "unset"), model_name="gpt-4o")
    client = OpenAI(api_key=os.getenv("ZAI_API_KEY", "mine"))
    return llm, client
"""

OWN_KEY_AFTER = """import os

from langchain_openai import ChatOpenAI
from openai import OpenAI


def make():
    llm = ChatOpenAI(
        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
        tiktoken_model_name="gpt-4o",
        openai_api_key=os.environ.get("ZAI_API_KEY", "unset"),
        model_name="glm-5.3",
    )
    client = OpenAI(
        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
        api_key=os.getenv("ZAI_API_KEY", "mine"),
    )
    return llm, client
"""


def test_a_read_of_zhipus_key_the_user_wrote_is_kept(registry):
    assert migrate(registry, OWN_KEY).after == OWN_KEY_AFTER


def test_a_read_of_zhipus_key_defaulting_to_an_openai_name_is_replaced(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(openai_key):\n"
        '    return OpenAI(api_key=os.getenv("ZAI_API_KEY", openai_key))\n'
    )
    assert migrate(registry, text).after == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(openai_key):\n"
        "    return OpenAI(\n"
        '        base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        '        api_key=os.environ["ZAI_API_KEY"],\n'
        "    )\n"
    )


# --- N3: the base URL of a client left on OpenAI ----------------------------------------------

LEFT = """import os
from langchain_openai import ChatOpenAI


class Agent:
    def __init__(self, openai_api_key):
        self.api_key = openai_api_key
        self.cheap_llm = ChatOpenAI(
            openai_api_key=os.environ.get("ZAI_API_KEY", "unset"),
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
"""

LEFT_AFTER = LEFT.replace(
    """            openai_api_key=os.environ.get("ZAI_API_KEY", "unset"),
            model_name="gpt-3.5-turbo",
            openai_api_base=os.environ.get("OPENAI_API_BASE"),
        )
""",
    """            tiktoken_model_name="gpt-3.5-turbo",
            openai_api_key=os.environ.get("ZAI_API_KEY", "unset"),
            model_name="glm-4-flash",
            openai_api_base=os.environ.get(
                "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"
            ),
        )
""",
)


def test_the_base_url_of_a_client_left_on_openai_stays_after_apply(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"agent.py": LEFT})
    _apply("agent.py")
    after = (tmp_path / "agent.py").read_text(encoding="utf-8")
    assert after == LEFT_AFTER
    message = (
        "reads OPENAI_API_BASE; not switched: it is the base URL of ChatOpenAI() on line 18, "
        "which apply leaves talking to OpenAI or Azure OpenAI (see its finding) with its key "
        f"(`self.api_key`): switched, it would send that key to {ZHIPU}; point both at {ZHIPU} "
        "(the key from ZAI_API_KEY) together, by hand"
    )
    assert [f[:5] for f in _findings("agent.py") if f[1] == "ML401"] == [
        (21, "ML401", "warning", "manual", message)
    ]


# --- t53k N1: a base URL read whose default is a read with DashScope's URL --------------------

DEMO = """import os
from openai import OpenAI

HOST = os.getenv("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1")
EMB_HOST = os.getenv("EMBEDDING_BINDING_HOST", HOST)


def embed(texts):
    client = OpenAI(api_key=os.environ["DASHSCOPE_API_KEY"], base_url=EMB_HOST)
    return client.embeddings.create(model="text-embedding-v4", input=texts[:10]).data
"""


def test_a_chain_of_reads_ending_in_dashscopes_url_already_points_there(registry):
    change = migrate(registry, DEMO, "qwen")
    assert change.after == DEMO
    (found,) = [f for f in change.findings if f.rule == "ML003"]
    assert (found.severity.value, found.fix.value, found.message) == (
        "note",
        "none",
        "OpenAI() already points at Alibaba Qwen (DashScope / Model Studio)",
    )


def test_check_passes_on_the_demo(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"demo.py": DEMO})
    done = CliRunner().invoke(app, ["check", "demo.py", "--provider", "qwen", "--no-cache"])
    assert done.exit_code == 0, done.output
