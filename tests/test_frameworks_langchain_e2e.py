"""End to end with the real frameworks (marker `frameworks`; `pip install -e ".[test,frameworks]"`):
the LangChain and LlamaIndex programs in tests/frameworks_apps are migrated with `apply
--provider zhipu|qwen`, then run against tests/loopback_server.py with no OPENAI_* variable set
and tests/network_guard.py installed (any host but 127.0.0.1 fails the run). The requests the
server receives show the provider's path, model and key, and the embeddings request shape.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from . import network_guard
from .loopback_server import JSON_SCHEMA_REFUSED, TOKEN_INPUT_REFUSED, LoopbackServer
from .test_e2e_app import HTTPX_ALIAS, clean_env

pytestmark = pytest.mark.frameworks

APPS = Path(__file__).resolve().parent / "frameworks_apps"
PROVIDERS = ["zhipu", "qwen"]
KEY = "test-provider-key"


def migrate(app_name: str, provider_id: str, tmp_path: Path, monkeypatch) -> Path:
    project = tmp_path / app_name
    shutil.copytree(APPS / app_name, project)
    return migrated(project, provider_id, monkeypatch)


def migrated(project: Path, provider_id: str, monkeypatch) -> Path:
    """`project` after `apply`, which `check` then passes and a second `apply` leaves."""
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--yes"])
    assert result.exit_code == 0, result.stderr or repr(result.exception)
    # Nothing left that still depends on OpenAI, and a second run changes nothing.
    check = CliRunner().invoke(app, ["check", ".", "--provider", provider_id])
    assert check.exit_code == 0, check.stdout
    again = CliRunner().invoke(app, ["apply", ".", "--provider", provider_id, "--diff"])
    assert again.exit_code == 0 and again.stdout == "", again.stdout
    return project


def run(
    project: Path, provider, server: LoopbackServer, registry, tmp_path: Path, **extra: str
) -> dict:
    """Run the migrated `assistant.py` against the loopback server with only the provider's
    variables (and `extra`, a framework's own switches) set, no other host reachable; its
    last line of output, as JSON."""
    proc = run_process(project, provider, server, registry, tmp_path, **extra)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_process(
    project: Path, provider, server: LoopbackServer, registry, tmp_path: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`run`'s process, whatever its outcome (no other host reached)."""
    path = urlsplit(provider.base_url).path
    env = clean_env(registry)
    env[provider.api_key_env] = KEY
    env[provider.base_url_env] = server.base + path
    env.update(extra)
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
    proc = subprocess.run(
        [sys.executable, "assistant.py"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert network_guard.blocked_hosts(guard) == []
    return proc


def check_requests(server: LoopbackServer, provider) -> tuple[dict, dict]:
    """The chat and embeddings request bodies, after checking path, model and key."""
    base = urlsplit(provider.base_url).path
    paths = sorted({r.path for r in server.requests})
    assert paths == [f"{base}/chat/completions", f"{base}/embeddings"]
    for request in server.requests:
        assert request.headers["authorization"] == f"Bearer {KEY}"
    chat = next(r.body for r in server.requests if r.path.endswith("/chat/completions"))
    embeddings = next(r.body for r in server.requests if r.path.endswith("/embeddings"))
    assert chat["model"] == provider.map_model("gpt-4o-mini")
    assert embeddings["model"] == provider.map_model("text-embedding-3-small")
    return chat, embeddings


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_langchain_app_runs_on_the_provider(registry, server, tmp_path, monkeypatch, provider_id):
    provider = registry.get(provider_id)
    project = migrate("langchain_app", provider_id, tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    assert "check_embedding_ctx_length=False" in source
    output = run(project, provider, server, registry, tmp_path)
    chat, embeddings = check_requests(server, provider)
    assert output == {
        "answer": f"reply from {provider.map_model('gpt-4o-mini')}",
        "vectors": 2,
    }
    assert chat["messages"] == [{"role": "user", "content": "Say hello in one word."}]
    # Text, not token ids: the provider rejects the arrays LangChain sends by default.
    assert embeddings["input"] == ["first document", "second document"]


# Where tiktoken caches cl100k_base (the sha1 of its URL), and where litellm's wheel bundles
# it (litellm/litellm_core_utils/default_encoding.py points TIKTOKEN_CACHE_DIR there): LangChain's
# default path tokenizes with it, and the guard would refuse its download.
CL100K_CACHE_NAME = "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"


def tiktoken_cache() -> str:
    """A directory holding tiktoken's cl100k_base file (litellm's bundled copy)."""
    spec = importlib.util.find_spec("litellm")
    folder = (
        Path(spec.origin).parent / "litellm_core_utils" / "tokenizers"
        if spec and spec.origin
        else None
    )
    if folder is None or not (folder / CL100K_CACHE_NAME).is_file():
        pytest.skip("no bundled cl100k_base for tiktoken (litellm, of the frameworks extra)")
    return str(folder)


def test_token_ids_fail_where_the_provider_takes_text_only(registry, tmp_path, monkeypatch):
    """Qwen's embeddings take text only (`[params] embedding_token_input = false`), and the
    loopback refuses token ids there (400). The class apply writes
    (`check_embedding_ctx_length=False`) sends the text and runs; LangChain's default, as the
    class was before (and as langchain<0.1's always is, ML602), splits it with tiktoken and
    sends token ids: the program fails."""
    provider = registry.get("qwen")
    project = migrate("langchain_app", "qwen", tmp_path, monkeypatch)
    cache = tiktoken_cache()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", cache)
    import tiktoken

    ids = [
        tiktoken.get_encoding("cl100k_base").encode(t)
        for t in ("first document", "second document")
    ]
    server = LoopbackServer.for_provider(provider).start()
    try:
        output = run(project, provider, server, registry, tmp_path, TIKTOKEN_CACHE_DIR=cache)
        source = (project / "assistant.py").read_text()
        assert source.count("check_embedding_ctx_length=False") == 1
        default = source.replace(
            "check_embedding_ctx_length=False", "check_embedding_ctx_length=True"
        )
        (project / "assistant.py").write_text(default)
        proc = run_process(project, provider, server, registry, tmp_path, TIKTOKEN_CACHE_DIR=cache)
    finally:
        server.stop()
    assert output == {"answer": f"reply from {provider.map_model('gpt-4o-mini')}", "vectors": 2}
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    # the SDK's error: the message alone (openai 3) or the whole body (openai 2)
    assert last.startswith("openai.BadRequestError: Error code: 400 - ")
    assert TOKEN_INPUT_REFUSED in last
    sent = [r.body["input"] for r in server.requests if r.path.endswith("/embeddings")]
    assert sent == [["first document", "second document"], ids]


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_langchain_init_functions_run_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    """`init_chat_model("gpt-4o-mini")` and `init_embeddings("openai:...")` (ML603): the
    model keeps `openai:` in front, the key and base URL pass through to the class."""
    provider = registry.get(provider_id)
    project = migrate("langchain_init_app", provider_id, tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    assert f'"openai:{provider.map_model("gpt-4o-mini")}"' in source
    output = run(project, provider, server, registry, tmp_path)
    chat, embeddings = check_requests(server, provider)
    assert output == {
        "answer": f"reply from {provider.map_model('gpt-4o-mini')}",
        "vectors": 2,
    }
    assert chat["temperature"] == 0
    assert embeddings["input"] == ["first document", "second document"]


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_llamaindex_app_runs_on_the_provider(registry, server, tmp_path, monkeypatch, provider_id):
    provider = registry.get(provider_id)
    project = migrate("llamaindex_app", provider_id, tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    assert "from llama_index.llms.openai_like import OpenAILike" in source
    assert "from llama_index.embeddings.openai_like import OpenAILikeEmbedding" in source
    output = run(project, provider, server, registry, tmp_path)
    chat, embeddings = check_requests(server, provider)
    assert output == {
        "answer": f"reply from {provider.map_model('gpt-4o-mini')}",
        "dimensions": 8,
    }
    assert chat["messages"] == [{"role": "user", "content": "Say hello in one word."}]
    assert embeddings["input"] == ["first document"]


KIMI_APP = """import json

from langchain_openai import ChatOpenAI

chat = ChatOpenAI(model="gpt-4o-mini", temperature=0)
print(json.dumps({"answer": chat.invoke("Say hello in one word.").content}))
"""


def test_a_temperature_the_model_fixes_is_sent_as_fixed(registry, server, tmp_path, monkeypatch):
    """Chainlit's cookbook on Kimi: kimi-k2.6 fixes its temperature (0.6 with thinking off),
    so the migrated ChatOpenAI sends that value beside the switch (ML601 writes it: removed,
    langchain-openai<0.3 would send its own 0.7)."""
    provider = registry.get("moonshot")
    project = tmp_path / "kimi_app"
    project.mkdir()
    (project / "assistant.py").write_text(KIMI_APP)
    migrated(project, "moonshot", monkeypatch)
    assert "temperature=0.6," in (project / "assistant.py").read_text()
    output = run(project, provider, server, registry, tmp_path)
    assert output == {"answer": "reply from kimi-k2.6"}
    [request] = server.requests
    assert request.path == urlsplit(provider.base_url).path + "/chat/completions"
    assert request.body["model"] == "kimi-k2.6"
    assert request.body["temperature"] == 0.6
    assert request.body["thinking"] == {"type": "disabled"}


PER_CALL_APP = """import json

from langchain_openai import ChatOpenAI

chat = ChatOpenAI(model="gpt-4o-mini")
asked = chat.invoke("Say hello in one word.", model="gpt-4o").content
bound = chat.bind(model="gpt-4o").invoke("Say hello in one word.").content
print(json.dumps({"answers": [asked, bound, chat.invoke("Say hello in one word.").content]}))
"""


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_a_model_given_to_the_request_methods_is_the_providers(
    registry, server, tmp_path, monkeypatch, provider_id
):
    """`chat.invoke(..., model="gpt-4o")` and `chat.bind(model="gpt-4o")` send that model
    instead of the class's: apply maps it there too (ML201)."""
    provider = registry.get(provider_id)
    project = tmp_path / "per_call_app"
    project.mkdir()
    (project / "assistant.py").write_text(PER_CALL_APP)
    migrated(project, provider_id, monkeypatch)
    small, large = provider.map_model("gpt-4o-mini"), provider.map_model("gpt-4o")
    assert f'model="{large}").content' in (project / "assistant.py").read_text()
    output = run(project, provider, server, registry, tmp_path)
    assert [r.body["model"] for r in server.requests] == [large, large, small]
    assert output == {"answers": [f"reply from {m}" for m in (large, large, small)]}


def test_unmigrated_langchain_app_is_blocked_by_the_guard(registry, server, tmp_path):
    """The guard catches the original program: it would reach api.openai.com."""
    env = clean_env(registry)
    env["OPENAI_API_KEY"] = "sk-test"
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard, HTTPX_ALIAS)
    env["OPENAI_MAX_RETRIES"] = "0"
    subprocess.run(
        [sys.executable, "assistant.py"],
        cwd=APPS / "langchain_app",
        env={**env, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "api.openai.com" in network_guard.blocked_hosts(guard)
    assert server.requests == []


@pytest.mark.parametrize("provider_id", PROVIDERS)
def test_langchain_agents_built_from_model_strings_run_on_the_provider(
    registry, server, tmp_path, monkeypatch, provider_id
):
    """`create_agent(model="openai:gpt-4o")` builds ChatOpenAI from the string at OpenAI's URL
    with OPENAI_API_KEY (ML603): apply gives it `init_chat_model(...)` pointed at the provider,
    the constant's model mapped where it is written."""
    provider = registry.get(provider_id)
    project = migrate("langchain_agent_app", provider_id, tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    small, large = provider.map_model("gpt-4o-mini"), provider.map_model("gpt-4o")
    assert f'PLANNER = "openai:{small}"' in source
    assert "from langchain.chat_models import init_chat_model" in source
    output = run(project, provider, server, registry, tmp_path)
    base = urlsplit(provider.base_url).path
    assert {r.path for r in server.requests} == {f"{base}/chat/completions"}
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {KEY}"}
    # the planner calls its tool, then answers; the writer answers
    assert [r.body["model"] for r in server.requests] == [small, small, large]
    assert server.requests[0].body["tools"][0]["function"]["name"] == "lookup"
    assert output == {"planned": f"reply from {small}", "written": f"reply from {large}"}


@pytest.fixture
def thinking_server():
    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


SWITCH = 'extra_body={"thinking": {"type": "disabled"}}'


COMMUNITY_SWITCH = '"extra_body": {"thinking": {"type": "disabled"}}, '


def test_the_older_chat_class_gets_the_switch_in_its_model_kwargs(
    registry, thinking_server, tmp_path, monkeypatch
):
    """langchain-community's ChatOpenAI has no `extra_body` field: the switch goes in the
    "extra_body" entry of its `model_kwargs` (beside the entries given there), which it hands
    to the client's `create()`. Without it DeepSeek's thinking mode refuses the tool turn."""
    pytest.importorskip("langchain_community")
    provider = registry.get("deepseek")
    project = migrate("langchain_community_tools_app", "deepseek", tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    assert f'model_kwargs={{{COMMUNITY_SWITCH}"top_p": 0.5}}' in source
    output = run(project, provider, thinking_server, registry, tmp_path)
    model = provider.map_model("gpt-4o-mini")
    assert output == {"tool_calls": 1, "answer": f"reply from {model}"}
    first, second = thinking_server.requests
    for request in (first, second):
        assert request.body["thinking"] == {"type": "disabled"}
        assert request.body["top_p"] == 0.5 and "extra_body" not in request.body
    assert [m["role"] for m in second.body["messages"]] == ["user", "assistant", "tool"]
    # without the switch the second request is refused
    thinking_server.requests.clear()
    (project / "assistant.py").write_text(source.replace(COMMUNITY_SWITCH, ""))
    with pytest.raises(AssertionError, match="must be passed back"):
        run(project, provider, thinking_server, registry, tmp_path)
    assert len(thinking_server.requests) == 2


@pytest.mark.parametrize("provider_id", ["deepseek", "moonshot"])
def test_a_langchain_tool_loop_runs_on_a_model_that_thinks_by_default(
    registry, thinking_server, tmp_path, monkeypatch, provider_id
):
    """ChatOpenAI(model="gpt-4o") maps to a model that thinks unless told not to; LangChain
    does not send the reasoning back with the model's tool-call turn, which the provider then
    rejects (HTTP 400). apply turns thinking off in the class's `extra_body`."""
    provider = registry.get(provider_id)
    project = migrate("langchain_tools_app", provider_id, tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    assert SWITCH in source
    output = run(project, provider, thinking_server, registry, tmp_path)
    model = provider.map_model("gpt-4o")
    assert output == {"tool_calls": 1, "answer": f"reply from {model}"}
    first, second = thinking_server.requests
    assert first.body["thinking"] == second.body["thinking"] == {"type": "disabled"}
    assert [m["role"] for m in second.body["messages"]] == ["user", "assistant", "tool"]
    # without the switch the second request is refused
    thinking_server.requests.clear()
    (project / "assistant.py").write_text(source.replace(SWITCH + ",", ""))
    with pytest.raises(AssertionError, match="must be passed back"):
        run(project, provider, thinking_server, registry, tmp_path)
    assert len(thinking_server.requests) == 2


def test_a_configurable_model_asked_for_a_schema_runs_on_the_provider(
    registry, tmp_path, monkeypatch
):
    """`init_chat_model(configurable_fields=...)` with the `openai:` model named per run
    (open_deep_research): ML605 gives it the provider's base URL and key as its default config,
    ML604 asks `with_structured_output(Order)` for a forced tool call. DeepSeek takes no
    json_schema response_format (the loopback refuses it with 400, as its file says): with
    LangChain's default method the program fails there."""
    provider = registry.get("deepseek")
    project = migrate("langchain_configurable_app", "deepseek", tmp_path, monkeypatch)
    source = (project / "assistant.py").read_text()
    fixed = 'with_structured_output(Order, method="function_calling")'
    assert fixed in source
    assert 'MODEL = "openai:deepseek-flash"' in source
    server = LoopbackServer.for_provider(provider).start()
    try:
        output = run(project, provider, server, registry, tmp_path)
        (project / "assistant.py").write_text(
            source.replace(fixed, "with_structured_output(Order)")
        )
        proc = run_process(project, provider, server, registry, tmp_path)
    finally:
        server.stop()
    assert output == {"order_id": "42"}
    first, second = server.requests
    assert (first.path, first.headers["authorization"]) == ("/chat/completions", f"Bearer {KEY}")
    assert (first.body["model"], first.body["temperature"]) == ("deepseek-flash", 0)
    assert [t["function"]["name"] for t in first.body["tools"]] == ["Order"]
    assert first.body["tool_choice"] == {"type": "function", "function": {"name": "Order"}}
    assert "response_format" not in first.body
    assert second.body["response_format"]["type"] == "json_schema"
    assert "tools" not in second.body
    assert proc.returncode == 1
    assert JSON_SCHEMA_REFUSED in proc.stderr.strip().splitlines()[-1]


def test_a_configurable_model_moved_to_the_providers_route_keeps_its_default_method(
    registry, tmp_path, monkeypatch
):
    """The same program in a project requiring langchain-deepseek (t47f): ML204 moves the run's
    model to `deepseek:`, whose ChatDeepSeek asks for the schema by a forced tool call by
    default, so ML604 leaves `with_structured_output(Order)` as it is; it runs at the URL
    DEEPSEEK_API_BASE names, with no json_schema response_format."""
    provider = registry.get("deepseek")
    project = tmp_path / "langchain_configurable_app"
    shutil.copytree(APPS / "langchain_configurable_app", project)
    with (project / "requirements.txt").open("a") as requirements:
        requirements.write("langchain-deepseek>=0.1.2\n")
    migrated(project, "deepseek", monkeypatch)
    source = (project / "assistant.py").read_text()
    assert "configurable_model.with_structured_output(Order)\n" in source
    assert 'MODEL = "deepseek:deepseek-flash"' in source
    server = LoopbackServer.for_provider(provider).start()
    try:
        output = run(project, provider, server, registry, tmp_path, DEEPSEEK_API_BASE=server.base)
    finally:
        server.stop()
    assert output == {"order_id": "42"}
    [request] = server.requests
    assert (request.path, request.headers["authorization"]) == (
        "/chat/completions",
        f"Bearer {KEY}",
    )
    assert request.body["model"] == "deepseek-flash"
    assert [t["function"]["name"] for t in request.body["tools"]] == ["Order"]
    assert request.body["tool_choice"] == {"type": "function", "function": {"name": "Order"}}
    assert "response_format" not in request.body


COMMUNITY_EMBEDDINGS_APP = """import json

from langchain_community.embeddings import OpenAIEmbeddings

if __name__ == "__main__":
    vectors = OpenAIEmbeddings().embed_documents(["first document", "second document"])
    print(json.dumps({"vectors": len(vectors)}))
"""
MODEL_NOT_FOUND = "Warning: model not found. Using cl100k_base encoding."


def test_the_older_embeddings_class_counts_tokens_with_the_openai_model(
    registry, tmp_path, monkeypatch
):
    """langchain-community's OpenAIEmbeddings counts every text with tiktoken by model name
    and logs "model not found" on each call for a provider's model (t50f D6): apply gives it
    `tiktoken_model_name=` the OpenAI model, as it gives ChatOpenAI. The requests carry the
    provider's model and the token ids of the OpenAI model's encoding."""
    pytest.importorskip("langchain_community")
    provider = registry.get("zhipu")
    project = tmp_path / "embeddings_app"
    project.mkdir()
    (project / "assistant.py").write_text(COMMUNITY_EMBEDDINGS_APP)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert result.exit_code == 0, result.stderr or repr(result.exception)
    source = (project / "assistant.py").read_text()
    assert 'tiktoken_model_name="text-embedding-ada-002",' in source
    cache = tiktoken_cache()
    server = LoopbackServer.for_provider(provider).start()
    try:
        proc = run_process(project, provider, server, registry, tmp_path, TIKTOKEN_CACHE_DIR=cache)
        without = source.replace('tiktoken_model_name="text-embedding-ada-002",', "")
        (project / "assistant.py").write_text(without)
        before = run_process(
            project, provider, server, registry, tmp_path, TIKTOKEN_CACHE_DIR=cache
        )
    finally:
        server.stop()
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"vectors": 2}
    assert MODEL_NOT_FOUND not in proc.stderr
    assert before.returncode == 0 and MODEL_NOT_FOUND in before.stderr
    sent = [r.body for r in server.requests if r.path.endswith("/embeddings")]
    assert [body["model"] for body in sent] == [provider.map_model("text-embedding-ada-002")] * 2
    assert all(isinstance(body["input"][0], list) for body in sent)
