"""A key a class hands openai<1.0's module setting per instance (t59f D1: LangChain 0.0.61's
`OpenAIEmbeddings` sets `openai.api_key = openai_api_key` in its validator and keeps
`openai.Embedding`). Switching provider, ML301 deleted the line as safe: the client apply
builds at import read only the provider's variable, so `Embedder(openai_api_key=K)` sent that
variable's key (or "unset") and `check` was green. Now a key handed through a local name
(`key = api_key or os.environ[...]`) moves onto that client; one that may hold OpenAI's key
(`openai_api_key`) is left with an error, and `check` keeps failing on it after apply (ML103)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env

# t59f's repro, in our words: the key resolved per instance from a parameter named for OpenAI
HELD = """import os

import openai


class Embedder:
    def __init__(self, openai_api_key=None):
        key = openai_api_key or os.environ["OPENAI_API_KEY"]
        openai.api_key = key
        self.client = openai.Embedding

    def embed(self, text):
        r = self.client.create(input=[text], engine="text-embedding-ada-002")
        return r["data"][0]["embedding"]
"""
HELD_AFTER = """import os

import openai

openai_client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)


class Embedder:
    def __init__(self, openai_api_key=None):
        key = openai_api_key or os.environ["ACME_API_KEY"]
        openai.api_key = key
        self.client = openai_client.embeddings

    def embed(self, text):
        r = self.client.create(input=[text], model="acme-embed")
        return r.data[0].embedding
"""
# the same class given its key as `api_key`
MOVED = HELD.replace("openai_api_key", "api_key")
MOVED_AFTER = """import os

import openai

openai_client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)


class Embedder:
    def __init__(self, api_key=None):
        key = api_key or os.environ["ACME_API_KEY"]
        openai_client.api_key = key or os.environ.get("ACME_API_KEY", "unset")
        self.client = openai_client.embeddings

    def embed(self, text):
        r = self.client.create(input=[text], model="acme-embed")
        return r.data[0].embedding
"""


def migrate(registry, text: str):
    """(findings, text after apply, findings of a second run); that run has no edit."""
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return found, after, again


def rows(found, *rules: str):
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in found if f.rule in rules
    ]


def test_a_key_named_for_openai_set_per_instance_is_left_with_an_error(registry):
    found, after, again = migrate(registry, HELD)
    assert after == HELD_AFTER
    assert rows(found, "ML301", "ML401") == [
        (
            8,
            "ML401",
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Acme Cloud's key is in ACME_API_KEY (the OpenAI key is not "
            "copied)",
        ),
        (
            9,
            "ML301",
            "error",
            "manual",
            "openai.api_key is openai<1.0 configuration, set here from the key your code hands "
            "over (`key`, per instance or call): the client apply builds (openai_client) reads "
            "ACME_API_KEY once, not this line, so that key would be lost; `openai_api_key` "
            "names OpenAI, so it likely holds the OpenAI key, and that must not go to Acme Cloud: "
            "apply leaves this line; give the client an Acme Cloud key here by hand "
            "(openai_client.api_key = ...), or delete the line if ACME_API_KEY is the key to use",
        ),
    ]
    # after apply: still an error, on the line left
    assert rows(again, "ML301", "ML103") == [
        (
            14,
            "ML103",
            "error",
            "manual",
            "openai.api_key configures the module-level client, which this module makes no "
            "request through: its requests go through openai_client (line 5), which reads its "
            "key from ACME_API_KEY, so the key your code sets here (`key`, per instance or "
            "call) is never sent; give openai_client an Acme Cloud key here by hand "
            "(openai_client.api_key = ...), or delete this line if ACME_API_KEY is the key to "
            "use",
        )
    ]


def test_the_parameter_itself_named_for_openai_is_left_too(registry):
    before = (
        "import openai\n\n\nclass Bot:\n    def __init__(self, openai_api_key):\n"
        "        self.openai_api_key = openai_api_key\n"
        "        openai.api_key = self.openai_api_key\n\n"
        "    def ask(self):\n"
        '        return openai.ChatCompletion.create(model="acme-large", messages=[])\n'
    )
    found, after, again = migrate(registry, before)
    assert "        openai.api_key = self.openai_api_key\n" in after
    assert "client.chat.completions.create(" in after
    assert [(r[0], r[2], r[3]) for r in rows(found, "ML301")] == [(7, "error", "manual")]
    assert [(r[0], r[2], r[3]) for r in rows(again, "ML103")] == [(14, "error", "manual")]


def test_a_key_handed_through_a_local_name_moves_onto_the_client(registry):
    found, after, again = migrate(registry, MOVED)
    assert after == MOVED_AFTER
    assert rows(found, "ML301") == [
        (
            9,
            "ML301",
            "error",
            "review",
            "openai.api_key is openai<1.0 configuration; the clients of openai>=1 do not read "
            "it: apply sets the key your code sets (`key`) on the client it builds instead "
            "(openai_client.api_key = ...), with ACME_API_KEY when it is empty: it must be an "
            "Acme Cloud key",
        )
    ]
    assert rows(again, "ML301", "ML103", "ML401") == []


def test_a_request_through_the_module_client_reads_the_line(registry):
    """`openai.embeddings.create(...)` beside apply's client reads `openai.api_key`: the key
    set there is sent, so no ML103 error."""
    extra = '\n\ndef ask(m):\n    return openai.embeddings.create(input=["x"], model=m)\n'
    _, _, again = migrate(registry, HELD_AFTER + extra)
    assert [r[:4] for r in rows(again, "ML103")] == []


PROGRAM = """import os
import sys

from wrapper import Embedder

given, late = sys.argv[1], sys.argv[2]
if late:  # set after the import, as a notebook does
    os.environ["ZAI_API_KEY"] = late
print(len(Embedder(given or None).embed("hi")))
"""


def test_the_key_given_per_instance_reaches_the_provider(registry, tmp_path, monkeypatch):
    project = tmp_path / "app"
    project.mkdir()
    (project / "wrapper.py").write_text(MOVED)
    (project / "main.py").write_text(PROGRAM)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert "openai_client.api_key = key or" in (project / "wrapper.py").read_text()
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu"])
    assert checked.exit_code == 0, checked.stdout

    server = LoopbackServer().start()
    try:
        base = clean_env(registry) | {"ZAI_BASE_URL": server.base + "/v1"}
        guard = tmp_path / "guard"
        for given, late in [("ui-key", ""), ("", "late-key"), ("ui-key", "late-key")]:
            env = network_guard.subprocess_env(base, guard)
            proc = run_python(["main.py", given, late], cwd=project, env=env, timeout=60)
            assert proc.returncode == 0, proc.stderr
            assert proc.stdout.strip() == "8"  # the loopback's vectors
    finally:
        server.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert [(r.path, r.headers["authorization"], r.body["model"]) for r in server.requests] == [
        ("/v1/embeddings", "Bearer ui-key", "embedding-3"),
        ("/v1/embeddings", "Bearer late-key", "embedding-3"),
        ("/v1/embeddings", "Bearer ui-key", "embedding-3"),
    ]


def test_check_fails_after_apply_where_the_key_is_left(tmp_path, monkeypatch):
    (tmp_path / "wrapper.py").write_text(HELD)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert "        openai.api_key = key\n" in (tmp_path / "wrapper.py").read_text()
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert checked.exit_code == 1
    assert '"rule": "ML103"' in checked.stdout


# LangChain 0.0.61's validator: the caller's `openai_api_key` field, else OPENAI_API_KEY
VALIDATOR = """import openai


class Emb:
    def validate_environment(cls, values):
        openai_api_key = get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")
        openai.api_key = openai_api_key
        values["client"] = openai.Embedding
        return values
"""


def test_a_key_read_from_the_callers_values_is_left_with_an_error(registry):
    found, after, again = migrate(registry, VALIDATOR)
    assert "        openai.api_key = openai_api_key\n" in after
    assert '        values["client"] = client.embeddings\n' in after
    [(line, _, severity, fix, message)] = rows(found, "ML301")
    assert (line, severity, fix) == (7, "error", "manual")
    assert (
        "so that key would be lost; it comes from `get_from_dict_or_env(values, "
        '"openai_api_key", "OPENAI_API_…`, which may return the OpenAI key, and that must not '
        "go to Acme Cloud: apply leaves this line"
    ) in message
    assert [r[:4] for r in rows(again, "ML103")] == [(14, "ML103", "error", "manual")]
