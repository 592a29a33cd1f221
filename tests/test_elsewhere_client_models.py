"""A model setting only requests through an OpenAI client pointed at another service send
(ML003's note: the client is left) is that service's model: ML204 leaves it, as it leaves a
literal `model=` on that client (t64b: DB-GPT's AI/ML API client, its default model mapped,
sent `glm-5.3` to api.aimlapi.com)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer, Recorded

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


def run_served(root: Path, script: str, base_env: str, env: dict[str, str]) -> list[Recorded]:
    """The requests `script` (run guarded in `root`, with `env` and the loopback's URL in
    `base_env`) sends the loopback server; it exits 0 and nothing is blocked."""
    server = LoopbackServer().start()
    try:
        proc, blocked = run_guarded(script, root, {base_env: server.base, **env})
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    return server.requests


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
    (request,) = run_served(tmp_path, "agg.py", "AGG_BASE", {"AGG_KEY": "agg-key"})
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


# t64b: DB-GPT's AI/ML API client hands its base class another service's URL and its default
# model through `super().__init__(...)`; the base class builds the OpenAI client
CHAT_BASE = (
    "import os\n\nfrom openai import OpenAI\n\n\n"
    "class ChatClient:\n"
    '    def __init__(self, api_key=None, api_base=None, model="gpt-4o-mini"):\n'
    "        self.client = OpenAI(\n"
    '            api_key=api_key or os.getenv("OPENAI_API_KEY"),\n'
    '            base_url=api_base or "https://api.openai.com/v1",\n'
    "        )\n"
    "        self.model = model\n\n"
    "    def ask(self, text):\n"
    "        reply = self.client.chat.completions.create(\n"
    '            model=self.model, messages=[{"role": "user", "content": text}]\n'
    "        )\n"
    "        return reply.choices[0].message.content\n"
)
RELAY = (
    "import os\n\nfrom chat_base import ChatClient\n\n"
    '_RELAY_MODEL = "gpt-4o"\n\n\n'
    "class RelayClient(ChatClient):\n"
    "    def __init__(self, api_base=None, model=_RELAY_MODEL):\n"
    '        api_base = api_base or os.getenv("RELAY_BASE") or "https://api.relay.example/v1"\n'
    "        model = model or _RELAY_MODEL\n"
    "        super().__init__(\n"
    '            api_key=os.environ["RELAY_KEY"], api_base=api_base, model=model\n'
    "        )\n\n\n"
    "class FixedRelayClient(ChatClient):\n"
    "    def __init__(self):\n"
    "        super().__init__(\n"
    '            api_key=os.environ["RELAY_KEY"],\n'
    '            api_base=os.getenv("RELAY_BASE") or "https://api.relay.example/v1",\n'
    '            model="gpt-4o-mini",\n'
    "        )\n\n\n"
    'if __name__ == "__main__":\n'
    '    print(RelayClient().ask("hi"), FixedRelayClient().ask("hi"))\n'
)


def test_a_model_handed_to_the_base_class_with_another_services_url_is_left(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat_base.py").write_text(CHAT_BASE)
    (tmp_path / "relay.py").write_text(RELAY)
    report = json.loads(invoke("scan", ".", "--format", "json").stdout)
    # before: ML204 mapped `_RELAY_MODEL` (review) and ML206 warned on the literal
    assert [f for f in report["findings"] if f["path"] == "relay.py"] == []
    done = invoke("apply", ".", "--yes", "--allow-dirty")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "relay.py").read_text() == RELAY
    assert 'model="acme-small"' in (tmp_path / "chat_base.py").read_text()
    assert invoke("check", ".").exit_code == 0
    sent = run_served(tmp_path, "relay.py", "RELAY_BASE", {"RELAY_KEY": "relay-key"})
    assert [r.body["model"] for r in sent] == ["gpt-4o", "gpt-4o-mini"]
    assert {r.headers["authorization"] for r in sent} == {"Bearer relay-key"}


def test_the_same_model_handed_with_openais_url_is_mapped(tmp_path, monkeypatch) -> None:
    text = RELAY.replace('"https://api.relay.example/v1"', '"https://api.openai.com/v1"')
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat_base.py").write_text(CHAT_BASE)
    (tmp_path / "relay.py").write_text(text)
    report = json.loads(invoke("scan", ".", "--format", "json").stdout)
    rows = [(f["line"], f["rule"]) for f in report["findings"] if f["path"] == "relay.py"]
    assert (5, "ML204") in rows
