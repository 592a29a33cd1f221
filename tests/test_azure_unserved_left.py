"""An Azure client whose every request is to an API the provider does not serve stays on Azure
OpenAI, as a plain one stays on OpenAI (trial t64c, vocode's vector store).

Before: ML002 made an embeddings-only `AsyncAzureOpenAI` reading the program's own key
variable a Moonshot client (`api_key=os.environ["MOONSHOT_API_KEY"]`) and removed the Azure
import, while the plain client beside it, with the same only request, was left: the Azure
embeddings path sent the Moonshot key to Moonshot's /embeddings, which it lacks."""

from __future__ import annotations

from .cli_findings import cli, run_json, write_here
from .loopback_run import run_guarded
from .loopback_server import AzureRoutes, LoopbackServer

INDEX = """import os

from openai import AsyncAzureOpenAI, AsyncOpenAI


class Index:
    def __init__(self):
        self.deployment = os.getenv("VECTORS_AZURE_DEPLOYMENT")
        if self.deployment:
            self.client = AsyncAzureOpenAI(
                azure_endpoint=os.getenv("VECTORS_AZURE_ENDPOINT") or "",
                api_key=os.getenv("VECTORS_AZURE_KEY"),
                api_version="2024-02-01",
                max_retries=0,
            )
        else:
            self.client = AsyncOpenAI(api_key=os.getenv("OPENAI_API_KEY"), max_retries=0)

    async def vector(self, text):
        model = self.deployment or "text-embedding-3-small"
        reply = await self.client.embeddings.create(input=text, model=model)
        return reply.data[0].embedding
"""

RUN = """import asyncio

from index import Index

print(len(asyncio.run(Index().vector("hello"))))
"""

LEFT = (
    "AsyncAzureOpenAI() talks to Azure OpenAI (azure_endpoint, api_version); its only requests "
    "are embeddings, which Moonshot AI (Kimi) does not serve: apply leaves it (endpoint and "
    "key); keep it on Azure OpenAI or point it at a provider that serves embeddings, with that "
    "provider's key, by hand"
)


def _rows(report: dict) -> list[tuple]:
    return [
        (f["line"], f["rule"], f["severity"], f["fix"])
        for f in report["findings"]
        if f["rule"] in ("ML001", "ML002", "ML101", "ML401")
    ]


def test_scan_leaves_the_azure_client_as_the_plain_one(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"index.py": INDEX})
    code, report = run_json("scan", ".", "--provider", "moonshot")
    assert code == 0
    assert _rows(report) == [
        (10, "ML002", "error", "manual"),
        (17, "ML001", "error", "manual"),
        (17, "ML401", "warning", "manual"),
        (21, "ML101", "error", "manual"),
    ]
    azure = next(f for f in report["findings"] if f["rule"] == "ML002")
    assert azure["message"] == LEFT
    assert azure["data"]["unserved"] == ["embeddings"]
    request = next(f for f in report["findings"] if f["rule"] == "ML101")
    assert (
        "apply leaves its clients on OpenAI and Azure OpenAI (ML001, ML002)" in (request["message"])
    )


def test_apply_keeps_the_bytes_and_check_fails(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"index.py": INDEX})
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "index.py").read_text(encoding="utf-8") == INDEX
    # the Azure client needs Azure's key, not OpenAI's: only the plain one is named
    assert "OPENAI_API_KEY set to an OpenAI key for the client apply left there" in done.output
    assert "index.py:10:" not in done.output.split("Still on OpenAI", 1)[1]
    code, report = run_json("check", ".", "--provider", "moonshot")
    assert code == 1
    assert [r[:2] for r in _rows(report)] == [
        (10, "ML002"),
        (17, "ML001"),
        (17, "ML401"),
        (21, "ML101"),
    ]


def test_the_azure_key_still_reaches_only_azure(tmp_path, monkeypatch):
    """After apply the Azure path still asks the Azure resource, with the Azure key; the
    server standing for Moonshot receives nothing."""
    write_here(tmp_path, monkeypatch, {"index.py": INDEX, "run.py": RUN})
    done = cli("apply", ".", "--provider", "moonshot", "--yes")
    assert done.exit_code == 0, done.output
    azure = LoopbackServer(azure=AzureRoutes("azure-key-1", frozenset({"vectors"}))).start()
    moonshot = LoopbackServer().start()
    try:
        env = {
            "VECTORS_AZURE_DEPLOYMENT": "vectors",
            "VECTORS_AZURE_ENDPOINT": azure.base,
            "VECTORS_AZURE_KEY": "azure-key-1",
            "MOONSHOT_API_KEY": "moonshot-key-1",
            "MOONSHOT_BASE_URL": moonshot.base,
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        azure.stop()
        moonshot.stop()
    assert (proc.returncode, proc.stdout, blocked) == (0, "8\n", []), proc.stderr
    assert [(r.path, r.headers.get("api-key")) for r in azure.requests] == [
        ("/openai/deployments/vectors/embeddings?api-version=2024-02-01", "azure-key-1")
    ]
    assert moonshot.requests == []
