"""A model setting only requests through an OpenAI client pointed at another service send
(ML003's note: the client is left) is that service's model: ML204 leaves it, as it leaves a
literal `model=` on that client (t64b: DB-GPT's AI/ML API client, its default model mapped,
sent `glm-5.3` to api.aimlapi.com)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
# a client of an aggregator that serves OpenAI's models under their own names
AGGREGATOR = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'DEFAULT_MODEL = "gpt-4o"\n\n\n'
    "class Aggregator:\n"
    "    def __init__(self, model=DEFAULT_MODEL, base_url=None):\n"
    '        base_url = base_url or os.getenv("AGG_BASE") or "https://api.aggregator.example/v1"\n'
    "        self.model = model or DEFAULT_MODEL\n"
    '        self.client = OpenAI(api_key=os.getenv("AGG_KEY"), base_url=base_url)\n\n'
    "    def ask(self, text):\n"
    "        reply = self.client.chat.completions.create(\n"
    '            model=self.model, messages=[{"role": "user", "content": text}]\n'
    "        )\n"
    "        return reply.choices[0].message.content\n\n\n"
    'if __name__ == "__main__":\n'
    '    print(Aggregator().ask("hi"))\n'
)


def invoke(*args: str):
    return CliRunner().invoke(app, [*args, *ACME])


def test_the_default_of_a_client_of_another_service_is_left(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agg.py").write_text(AGGREGATOR)
    scanned = invoke("scan", ".", "--format", "json")
    assert scanned.exit_code == 0
    findings = json.loads(scanned.stdout)["findings"]
    assert [(f["rule"], f["line"], f["fix"], f["data"]) for f in findings] == [
        (
            "ML003",
            12,
            "none",
            {
                "client": "OpenAI",
                "endpoint": "custom",
                "url": "https://api.aggregator.example/v1",
            },
        )
    ]
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "agg.py").read_text() == AGGREGATOR
    assert invoke("check", ".").exit_code == 0
    server = LoopbackServer().start()
    try:
        env = {"AGG_BASE": server.base, "AGG_KEY": "agg-key"}
        proc, blocked = run_guarded("agg.py", tmp_path, env)
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    (request,) = server.requests
    assert request.body["model"] == "gpt-4o"
    assert request.headers["authorization"] == "Bearer agg-key"


def test_the_same_default_on_an_openai_client_is_mapped(tmp_path, monkeypatch) -> None:
    # the client given no base URL goes to OpenAI: apply points it at the provider, and the
    # model it sends must be the provider's
    text = AGGREGATOR.replace(", base_url=base_url)\n", ")\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agg.py").write_text(text)
    findings = json.loads(invoke("scan", ".", "--format", "json").stdout)["findings"]
    (setting,) = [f for f in findings if f["rule"] == "ML204"]
    assert (setting["line"], setting["fix"], setting["data"]) == (
        5,
        "review",
        {"model_from": "gpt-4o", "model_to": "acme-large"},
    )
    assert invoke("apply", ".", "--yes", "--allow-dirty").exit_code == 0
    assert 'DEFAULT_MODEL = "acme-large"\n' in (tmp_path / "agg.py").read_text()
