"""An embeddings-only client given the key its caller hands it (ML001, `unserved_clients`), and
a field read under a built name found in its own class only (`openai_fallback_keys`).

Trial t63d (llmware's OpenAIEmbeddingModel): `OpenAI(api_key=self.api_key)`, whose only
request is `embeddings.create`, was pointed at DeepSeek (review), which serves no embeddings,
and the caller's OpenAI key went there; the same client given `os.environ["OPENAI_API_KEY"]` was
left on OpenAI. Now both are left. A project caller reading OPENAI_API_KEY for it keeps its read
(ML401, `callee_keys`), so the OpenAI key goes to OpenAI alone. And ML001 cited another class's
`self.api_key = os.environ.get(env_var)` (a field of the same name) as this client's key.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python

EMB = """from openai import OpenAI


class Embedder:
    def __init__(self, api_key):
        self.api_key = api_key

    def embed(self, texts):
        client = OpenAI(api_key=self.api_key)
        out = client.embeddings.create(model="text-embedding-3-small", input=texts)
        return [d.embedding for d in out.data]
"""

MAIN = """import os

from emb import Embedder

print(len(Embedder(os.environ.get("OPENAI_API_KEY")).embed(["hi"])))
"""

LEFT = (
    "OpenAI() talks to OpenAI (key from `self.api_key`); its only requests are embeddings, "
    "which DeepSeek does not serve: apply leaves it (base URL and key); keep it on OpenAI or "
    "point it at a provider that serves embeddings, with that provider's key, by hand"
)

# two classes, each setting `self.api_key` from a read under a name built at run time: only
# the first's may be OPENAI_API_KEY
TWO = """import os

from openai import OpenAI


class Gen:
    def __init__(self, api_key=None):
        self.api_key = api_key

    def _get_api_key(self, env_var="OPENAI_API_KEY"):
        self.api_key = os.environ.get(env_var)
        return self.api_key

    def run(self):
        if not self.api_key:
            self.api_key = self._get_api_key()
        client = OpenAI(api_key=self.api_key)
        return client.chat.completions.create(model="gpt-4o", messages=[])


class Other:
    def __init__(self, api_key=None):
        self.api_key = api_key

    def _get_api_key(self, env_var="MY_SERVICE_KEY"):
        self.api_key = os.environ.get(env_var)
        return self.api_key

    def run(self):
        if not self.api_key:
            self.api_key = self._get_api_key()
        client = OpenAI(api_key=self.api_key)
        return client.{request}
"""


def findings(root: Path, rules: tuple[str, ...]) -> list[tuple[str, int, str, str]]:
    result = CliRunner().invoke(
        app, ["scan", str(root), "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (Path(f["path"]).name, f["line"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] in rules
    ]


def test_an_embeddings_only_client_given_the_callers_key_stays_on_openai(tmp_path: Path):
    root = tmp_path / "app"
    root.mkdir()
    (root / "emb.py").write_text(EMB)
    (root / "main.py").write_text(MAIN)
    found = findings(root, ("ML001", "ML401"))
    assert found[0] == ("emb.py", 9, "manual", LEFT)
    assert found[1:] == [
        (
            "main.py",
            5,
            "manual",
            "reads OPENAI_API_KEY, which goes to Embedder() on line 5, whose module hands it to "
            "`OpenAI()` on line 9 of emb.py, which apply leaves talking to OpenAI (see its finding "
            "there): renamed, DeepSeek's key (DEEPSEEK_API_KEY) would go to OpenAI; point that "
            "client at DeepSeek first, then read DEEPSEEK_API_KEY, by hand",
        )
    ]
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output
    assert (root / "emb.py").read_bytes() == EMB.encode()
    assert (root / "main.py").read_bytes() == MAIN.encode()

    provider = load_registry().get("deepseek")
    openai, deepseek = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "DEEPSEEK" not in k}
        env |= {
            "OPENAI_API_KEY": "sk-openai-key",
            "OPENAI_BASE_URL": openai.base + "/v1",
            provider.api_key_env: "sk-deepseek-key",
            provider.base_url_env: deepseek.base,
        }
        guard = tmp_path / "guard"
        proc = run_python(
            ["main.py"], cwd=root, env=network_guard.subprocess_env(env, guard), timeout=60
        )
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        assert [(r.path, r.headers.get("authorization")) for r in openai.requests] == [
            ("/v1/embeddings", "Bearer sk-openai-key")
        ]
        assert deepseek.requests == []
    finally:
        openai.stop()
        deepseek.stop()


def test_a_field_read_under_a_built_name_is_the_one_of_its_own_class(tmp_path: Path):
    """Other's `self.api_key` reads MY_SERVICE_KEY, not Gen's OPENAI_API_KEY: its chat client
    is pointed at DeepSeek as any client given the caller's key (before: left, citing line
    11 of Gen), and its embeddings-only one stays on OpenAI."""
    chat = tmp_path / "chat"
    chat.mkdir()
    request = 'chat.completions.create(model="gpt-4o", messages=[])'
    (chat / "models.py").write_text(TWO.format(request=request))
    said = findings(chat, ("ML001",))
    assert [(line, fix) for _, line, fix, _ in said] == [(17, "manual"), (32, "review")]
    assert "line 11" in said[0][3] and "line 11" not in said[1][3]
    embeddings = tmp_path / "embeddings"
    embeddings.mkdir()
    request = 'embeddings.create(model="text-embedding-3-small", input=["hi"])'
    (embeddings / "models.py").write_text(TWO.format(request=request))
    said = findings(embeddings, ("ML001",))
    assert said[1] == ("models.py", 32, "manual", LEFT)


AZURE = """import os

from openai import AzureOpenAI

import registry

emb_client = AzureOpenAI(
    azure_endpoint=os.getenv("AZURE_OPENAI_ENDPOINT"),
    api_key=os.getenv("AZURE_OPENAI_API_KEY"),
    api_version="2024-02-01",
    azure_deployment="my-text-embedding-3-small-deployment",
)
registry.set_client(emb_client)
"""


def test_an_azure_client_of_an_embeddings_deployment_stays_on_azure(tmp_path: Path):
    """llmware's `text_embedding_client`, handed to the code calling embeddings.create: ML002
    pointed it at DeepSeek (review), whose stand-in answered 404; now it is left."""
    root = tmp_path / "app"
    root.mkdir()
    (root / "main.py").write_text(AZURE)
    (root / "registry.py").write_text("def set_client(client):\n    return client\n")
    assert findings(root, ("ML002",)) == [
        (
            "main.py",
            7,
            "manual",
            "AzureOpenAI() talks to Azure OpenAI (azure_endpoint, azure_deployment, "
            "api_version); its deployment 'my-text-embedding-3-small-deployment' names an "
            "OpenAI embeddings model, where every request of this client goes, and DeepSeek "
            "does not serve embeddings: apply leaves it (endpoint and key); keep it on Azure "
            "OpenAI or point it at a provider that serves embeddings, with that provider's key, "
            "by hand",
        )
    ]
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output
    assert (root / "main.py").read_bytes() == AZURE.encode()
