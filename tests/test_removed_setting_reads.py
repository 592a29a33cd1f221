"""Reads of the module settings openai 1.0 removed, and a request's own base URL (t52g D3):
gptcache's embedding class read `openai.api_base` in its constructor (AttributeError under
openai>=1, and `check` was green), and the `api_base=` its constructor takes was dropped from
the request, so a caller's endpoint was silently ignored.

The end-to-end test runs the migrated class with the real openai SDK against two loopback
servers: the provider's base URL by default, the caller's where it gives one."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .framework_rewrites import applied, findings
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

EMBEDDER = """import os

import openai


class Embedder:
    def __init__(self, api_key=None, api_base=None):
        if not api_base:
            if openai.api_base:
                api_base = openai.api_base
            else:
                api_base = os.getenv("OPENAI_API_BASE")
        openai.api_key = api_key
        self.api_base = api_base

    def embed(self, text):
        r = openai.Embedding.create(model="{model}", input=text, api_base=self.api_base)
        return r["data"][0]["embedding"]
"""

EMBEDDER_AFTER = """import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)


class Embedder:
    def __init__(self, api_key=None, api_base=None):
        if not api_base:
            if os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"):
                api_base = os.environ.get(
                    "ACME_BASE_URL", "https://api.acme.example/v1"
                )
            else:
                api_base = os.getenv("ACME_BASE_URL", "https://api.acme.example/v1")
        client.api_key = api_key or os.environ.get("ACME_API_KEY", "unset")
        self.api_base = api_base

    def embed(self, text):
        r = client.with_options(base_url=self.api_base).embeddings.create(
            model="acme-embed", input=text
        )
        return r.data[0].embedding
"""


def test_a_read_of_api_base_becomes_the_providers_base_url_and_a_passed_one_is_kept(registry):
    text = EMBEDDER.format(model="acme-embed")
    assert [f for f in findings(registry, text, "acme") if f[1] in ("ML301", "ML304")] == [
        (9, "ML301", "review"),
        (10, "ML301", "review"),
        (13, "ML301", "review"),
        (17, "ML304", "review"),
    ]
    assert applied(registry, text, "acme") == EMBEDDER_AFTER


def ml301(registry, text: str, provider: str | None):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [
        (f.line, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML301"
    ]


def test_reads_of_other_removed_settings_are_left_with_what_to_read(registry):
    text = "import openai\n\nprint(openai.proxy, openai.api_key, openai.organization)\n"
    assert ml301(registry, text, "acme") == [
        (
            3,
            FixClass.MANUAL,
            "openai.proxy was removed in openai 1.0, where reading it raises AttributeError; "
            "the proxy goes to the client's http_client=",
        )
    ]


def test_a_read_in_a_module_kept_on_openai_0_is_left(registry):
    text = (
        "import openai\nfrom openai.embeddings_utils import get_embedding\n\n"
        "print(openai.api_base)\n"
    )
    assert (4, FixClass.MANUAL) in [(line, fix) for line, fix, _ in ml301(registry, text, "acme")]
    message = next(m for line, _, m in ml301(registry, text, "acme") if line == 4)
    assert message == (
        "openai.api_base was removed in openai 1.0, where reading it raises AttributeError; "
        "apply leaves it while the module imports openai.embeddings_utils, which openai 1.0 "
        "removed; then read the base URL your client is given (the module-level client's is "
        "openai.base_url, None unless set; openai<1's defaulted to OpenAI's URL)"
    )


def test_a_base_url_naming_openai_is_still_dropped(registry):
    text = (
        "import openai\n\n\ndef embed(text, openai_api_base):\n"
        '    return openai.Embedding.create(model="acme-embed", input=text, '
        "api_base=openai_api_base)\n"
    )
    assert "with_options" not in applied(registry, text, "acme")


def test_the_migrated_embedder_sends_to_the_provider_or_to_the_callers_url(tmp_path, monkeypatch):
    (tmp_path / "embedder.py").write_text(
        EMBEDDER.format(model="text-embedding-ada-002"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "ernie", "--yes"])
    assert done.exit_code == 0, done.stderr
    provider, caller = LoopbackServer(key="qianfan-key").start(), LoopbackServer().start()
    try:
        (tmp_path / "run.py").write_text(
            "from embedder import Embedder\n\n"
            'print(len(Embedder().embed("hi")))\n'
            f'print(len(Embedder(api_base="{caller.base}/v2").embed("hi")))\n',
            encoding="utf-8",
        )
        env = {"QIANFAN_API_KEY": "qianfan-key", "QIANFAN_BASE_URL": provider.base + "/v2"}
        proc, blocked = run_guarded("run.py", tmp_path, env)
    finally:
        provider.stop()
        caller.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert proc.stdout == "8\n8\n"
    for server in (provider, caller):
        (request,) = server.requests
        assert (request.path, request.body["model"]) == ("/v2/embeddings", "embedding-v1")
        assert request.headers["authorization"] == "Bearer qianfan-key"
