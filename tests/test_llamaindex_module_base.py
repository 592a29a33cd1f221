"""LlamaIndex's OpenAI classes read openai's module-level base URL but OPENAI_API_KEY first
(t62d, Chainlit's cookbook llama-index): apply pointed `openai.api_key` / `openai.base_url` at
Moonshot in a module whose `VectorStoreIndex.from_documents()` builds LlamaIndex's default
OpenAIEmbedding, which then sent the OpenAI key the user keeps for it to Moonshot's URL. Now
ML103 leaves that client on OpenAI (an error naming the class), ML401 the key read it holds,
and an example .env keeps OPENAI_API_KEY for the framework classes left on OpenAI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .test_frameworks_agents_e2e import needs

APP = """import os

import openai
from llama_index.core import Document, VectorStoreIndex

openai.api_key = os.environ.get("OPENAI_API_KEY")

index = VectorStoreIndex.from_documents([Document(text="hello world")])
"""
ML103 = (
    "openai.api_key configures the module-level client, whose base URL LlamaIndex's OpenAI "
    "classes read: VectorStoreIndex.from_documents() (LlamaIndex's default embedding model) "
    "on line 8 builds one apply leaves on OpenAI, which takes its key from OPENAI_API_KEY "
    "(before openai.api_key) but its base URL from openai.base_url; pointed at Moonshot AI "
    "(Kimi), that client would have each send OpenAI's key there; left as it is: give those "
    "classes api_base= and api_key= of one endpoint (Settings.llm / Settings.embed_model for "
    "the defaults) before pointing this client at Moonshot AI (Kimi)"
)
ML401 = (
    "reads OPENAI_API_KEY, which goes to `openai.api_key` on line 6, the module-level client "
    "apply leaves on OpenAI (ML103 says why: LlamaIndex's classes read its base URL): given "
    "Moonshot AI (Kimi)'s key (MOONSHOT_API_KEY) it would send that key there; keep it, or "
    "point that client and those classes at Moonshot AI (Kimi) together, by hand"
)
MIGRATED = (
    "openai.api_key configures the module-level client, whose base URL LlamaIndex's OpenAI "
    "classes read: VectorStoreIndex.from_documents() (LlamaIndex's default embedding model) "
    "on line 11 builds one apply leaves on OpenAI, which takes its key from OPENAI_API_KEY "
    "(before openai.api_key) but its base URL from openai.base_url; the module points that "
    "client at Moonshot AI (Kimi), so each sends OpenAI's key there; left as it is: give those "
    "classes api_base= and api_key= of one endpoint (Settings.llm / Settings.embed_model for "
    "the defaults) or point this client back at OpenAI"
)
# what apply wrote before (t62d)
POINTED = APP.replace(
    'openai.api_key = os.environ.get("OPENAI_API_KEY")\n',
    'openai.api_key = os.environ.get("MOONSHOT_API_KEY", "unset")\n'
    "openai.base_url = (\n"
    '    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1").rstrip("/") + "/"\n'
    ")\n",
)
KEPT = (
    "OPENAI_API_KEY=YOUR_OPENAI_API_KEY\n"
    "# OPENAI_API_KEY stays for code that still sends it to OpenAI; migrate-llm check names it\n"
    "MOONSHOT_API_KEY=\n"
)


def _findings(rule: str) -> list[tuple[int, str, str, str]]:
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == rule
    ]


def test_the_module_client_read_by_llamaindex_default_embedding_is_left(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert _findings("ML103") == [(6, "error", "manual", ML103)]
    assert _findings("ML401") == [(6, "warning", "manual", ML401)]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert checked.exit_code == 1


def test_a_module_client_pointed_at_the_provider_by_hand_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(POINTED, encoding="utf-8")
    assert _findings("ML103") == [
        (6, "error", "manual", MIGRATED),
        (7, "error", "manual", MIGRATED.replace("openai.api_key", "openai.base_url", 1)),
    ]


def test_a_module_whose_llamaindex_calls_get_their_model_is_migrated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    given = APP.replace("])\n", "], embed_model=emb)\n")
    (tmp_path / "app.py").write_text(given, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == POINTED.replace(
        "])\n", "], embed_model=emb)\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "from langchain_openai import ChatOpenAI, OpenAIEmbeddings\n\n"
            'embeddings = OpenAIEmbeddings()\nllm = ChatOpenAI(model_name="gpt-3.5-turbo")\n',
            id="langchain-embeddings-left",
        ),
        pytest.param(
            "from llama_index.core import Document, VectorStoreIndex\n\n"
            'index = VectorStoreIndex.from_documents([Document(text="hi")])\n',
            id="llamaindex-default-embedding",
        ),
    ],
)
def test_an_example_env_keeps_the_key_a_framework_class_left_on_openai_reads(
    tmp_path, monkeypatch, text
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=YOUR_OPENAI_API_KEY\n", "utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_bytes() == KEPT.encode()


def test_an_example_env_key_no_code_reads_after_apply_is_renamed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(
        'from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model_name="gpt-4o")\n',
        encoding="utf-8",
    )
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=YOUR_OPENAI_API_KEY\n", "utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_bytes() == b"MOONSHOT_API_KEY=\n"


def _run(project: Path, server, guard: Path) -> subprocess.CompletedProcess[str]:
    """app.py run with LlamaIndex installed, the user's OpenAI key exported (apply says to
    keep it for the embeddings), Moonshot's variables pointing at the loopback server, the
    network guard on (retries do not wait)."""
    base = {k: v for k, v in os.environ.items() if "OPENAI" not in k.upper()}
    base.update(
        OPENAI_API_KEY="sk-openai-user-key",
        MOONSHOT_API_KEY="moonshot-key",
        MOONSHOT_BASE_URL=f"{server.base}/v1",
    )
    # the retries of a blocked request without their waits
    env = network_guard.subprocess_env(base, guard, "import time\ntime.sleep = lambda s: None")
    return subprocess.run(
        [sys.executable, "app.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.frameworks
def test_the_openai_key_never_reaches_the_provider_url(tmp_path, monkeypatch, server):
    """With real llama-index: what apply wrote before sends the OpenAI key to the provider's
    URL (LlamaIndex's resolution order); what it writes now sends nothing there."""
    needs("llama_index.core")
    needs("llama_index.embeddings.openai")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(POINTED, encoding="utf-8")
    _run(tmp_path, server, tmp_path / "guard-before")
    assert [(r.path, r.headers.get("authorization")) for r in server.requests][:1] == [
        ("/v1/embeddings", "Bearer sk-openai-user-key")
    ]
    server.requests.clear()
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    proc = _run(tmp_path, server, tmp_path / "guard")
    assert proc.returncode == 1  # its embeddings go to OpenAI, which the guard blocks
    assert server.requests == []
    assert set(network_guard.blocked_hosts(tmp_path / "guard")) == {"api.openai.com"}


def test_a_service_context_built_without_models_keeps_the_module_client(tmp_path, monkeypatch):
    """llama-index<0.10: `ServiceContext.from_defaults()` given no llm= nor embed_model=
    builds both defaults, which read the module's base URL too."""
    monkeypatch.chdir(tmp_path)
    text = (
        "import os\n\nimport openai\nfrom llama_index import ServiceContext\n\n"
        'openai.api_key = os.environ.get("OPENAI_API_KEY")\n'
        "ctx = ServiceContext.from_defaults(chunk_size=512)\n"
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    assert _findings("ML103") == [
        (
            6,
            "error",
            "manual",
            ML103.replace(
                "VectorStoreIndex.from_documents() (LlamaIndex's default embedding model) on "
                "line 8",
                "ServiceContext.from_defaults() (LlamaIndex's default LLM and embedding model) "
                "on line 7",
            ),
        )
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text


# t7 (r2): a request through the module-level client ML103 leaves on OpenAI goes there too
REQUEST = (
    "import os\n\nimport openai\nfrom llama_index.embeddings.openai import OpenAIEmbedding\n\n"
    'openai.api_key = os.environ["OPENAI_API_KEY"]\n'
    "embed_model = OpenAIEmbedding()\n"
    'print(openai.chat.completions.create(model="gpt-4o-mini", messages=[]))\n'
)
STAYS = (
    "apply leaves the module-level client on OpenAI (ML103 says why: LlamaIndex's classes "
    "read its base URL), so this call and its model still go there"
)
MODEL_STAYS = (
    "model 'gpt-4o-mini' is sent as model= on line 8 through openai's module-level client, "
    "which stays on OpenAI, as LlamaIndex's classes apply leaves there read its base URL "
    "(see ML103 or ML102): apply leaves the model too; change them together, by hand"
)
HEAD = (
    "openai.chat.completions.create() uses the module-level client; its endpoint is whatever "
    "openai.base_url and OPENAI_BASE_URL say; "
)


def _request_findings(command: str) -> list[tuple[str, int, str, str, str]]:
    run = CliRunner().invoke(app, [command, ".", "--provider", "deepseek", "--format", "json"])
    return [
        (f["rule"], f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(run.stdout)["findings"]
        if f["rule"] in ("ML102", "ML118", "ML201")
    ]


def test_a_request_through_the_module_client_left_on_openai_keeps_its_model(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(REQUEST, encoding="utf-8")
    found = [
        ("ML102", 8, "warning", "manual", HEAD + STAYS),
        ("ML201", 8, "warning", "manual", MODEL_STAYS),
    ]
    assert _request_findings("scan") == found
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == REQUEST
    assert _request_findings("check") == found
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"])
    assert checked.exit_code == 1


def test_a_request_through_the_unconfigured_module_client_kept_on_openai_keeps_its_model(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    text = REQUEST.replace('openai.api_key = os.environ["OPENAI_API_KEY"]\n', "")
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    assert _request_findings("scan") == [
        (
            "ML102",
            7,
            "warning",
            "manual",
            HEAD + "apply leaves the module-level client on OpenAI (unconfigured: "
            "OpenAIEmbedding() on line 6 builds a LlamaIndex OpenAI class apply leaves on "
            "OpenAI, which reads its base URL with OPENAI_API_KEY: it would send OpenAI's key "
            "to DeepSeek), so this call and its model still go there",
        ),
        ("ML201", 7, "warning", "manual", MODEL_STAYS.replace("line 8", "line 7")),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == text


def test_a_request_through_the_module_client_pointed_at_the_provider_is_mapped(
    tmp_path, monkeypatch
):
    """The module points the client at the provider by hand (ML103's error): its requests
    go there, so their model is mapped and told not to think."""
    monkeypatch.chdir(tmp_path)
    text = REQUEST.replace(
        'openai.api_key = os.environ["OPENAI_API_KEY"]\n',
        'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
        'openai.base_url = os.environ["DEEPSEEK_BASE_URL"]\n',
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    assert [(rule, fix) for rule, _, _, fix, _ in _request_findings("scan")] == [
        ("ML118", "review"),
        ("ML201", "review"),
    ]
