"""`openai.api_base` set to the gateway of another service (Portkey, Helicone, Cloudflare's AI
Gateway: `frameworks/gateways.py`) while headers go with the requests: ML301 leaves the line
(manual, a warning, so `check` stays red) and says that the gateway's headers, its key among
them, would go to the provider; it never advises setting the provider's base-URL variable to
the gateway, which would take the provider's key there.

The trial's D4 (mshumer/gpt-prompt-engineer, zhipu): apply deleted the Portkey `api_base`,
rewrote the call with `extra_headers=HEADERS`, and `check` was green: every request to Zhipu
carried `x-portkey-api-key`; the help said to set ZAI_BASE_URL to Portkey's URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks.gateways import gateway_of_host
from migrate_llm.rules.base import RuleContext

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer


def migrate(registry, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert change.error is None, change.error
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, "python", "app.py", "app.py")
    assert again.after == change.after  # idempotent
    assert [f for f in again.findings if f.edit is not None] == []
    return change, again


def gateway_rows(findings):
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in findings
        if f.rule == "ML301" and "api_base" in f.message
    ]


def never(gateway: str) -> str:
    return (
        f"ACME_BASE_URL must not be set to {gateway}'s URL: it would take Acme Cloud's key to "
        f"{gateway}, which passes requests on to the service its URL or headers name"
    )


# the trial's repro (the notebook's Portkey cells)
PORTKEY = """import openai

openai.api_key = "ADD YOUR KEY HERE"
PORTKEY_API = ""


def start_portkey_run():
    openai.api_base = "https://api.portkey.ai/v1/proxy"
    return {"x-portkey-api-key": PORTKEY_API, "x-portkey-mode": "proxy openai"}


HEADERS = start_portkey_run()
print(openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": "hi"}], headers=HEADERS))
"""
PORTKEY_AFTER = """import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("ACME_API_KEY", "unset"),
    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),
)

PORTKEY_API = ""


def start_portkey_run():
    openai.api_base = "https://api.portkey.ai/v1/proxy"
    return {"x-portkey-api-key": PORTKEY_API, "x-portkey-mode": "proxy openai"}


HEADERS = start_portkey_run()
print(
    client.chat.completions.create(
        model="acme-small", messages=[{"role": "user", "content": "hi"}], extra_headers=HEADERS
    )
)
"""


def carried(where: str) -> str:
    return (
        "openai.api_base points at https://api.portkey.ai/v1/proxy, Portkey's gateway, not "
        f"OpenAI (openai<1.0 configuration); the requests carry headers for Portkey ({where}), "
        "which go with them to Acme Cloud once the client is pointed there, Portkey's key "
        "among them (openai>=1.0 does not read this line): take them out of the requests, "
        f"then delete this line, by hand; {never('Portkey')}"
    )


def test_a_portkey_base_with_its_headers_on_the_requests_is_left(registry):
    change, again = migrate(registry, PORTKEY)
    assert change.after == PORTKEY_AFTER
    before = "x-portkey-api-key and x-portkey-mode on line 9, `headers=HEADERS` on line 13"
    assert gateway_rows(change.findings) == [(8, "warning", "manual", carried(before))]
    after = "x-portkey-api-key and x-portkey-mode on line 15, `extra_headers=HEADERS` on line 21"
    assert gateway_rows(again.findings) == [(14, "warning", "manual", carried(after))]


def test_check_stays_red_after_apply(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(PORTKEY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (
        'openai.api_base = "https://api.portkey.ai/v1/proxy"' in (tmp_path / "app.py").read_text()
    )
    check = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu", "--format", "json"])
    assert check.exit_code == 1
    assert '"rule": "ML301"' in check.stdout and "set ZAI_BASE_URL to its URL" not in check.stdout


HELICONE = """import os

import openai


def setup():
    openai.api_key = os.environ["OPENAI_API_KEY"]
    openai.api_base = "https://oai.helicone.ai/v1"


def ask(q):
    auth = {"Helicone-Auth": "Bearer " + os.environ["HELICONE_API_KEY"]}
    return openai.ChatCompletion.create(model="gpt-4", messages=q, headers=auth)
"""


def test_the_line_left_beside_a_deleted_one_keeps_its_block(registry):
    # the key's line goes; the gateway's stays, so no `pass` is written
    change, _ = migrate(registry, HELICONE)
    assert change.after == (
        "import os\n\nimport openai\n\nclient = openai.OpenAI(\n"
        '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n\n\n'
        'def setup():\n    openai.api_base = "https://oai.helicone.ai/v1"\n\n\n'
        "def ask(q):\n"
        '    auth = {"Helicone-Auth": "Bearer " + os.environ["HELICONE_API_KEY"]}\n'
        '    return client.chat.completions.create(model="acme-large", messages=q, '
        "extra_headers=auth)\n"
    )
    assert gateway_rows(change.findings) == [
        (
            8,
            "warning",
            "manual",
            "openai.api_base points at https://oai.helicone.ai/v1, Helicone's gateway, not "
            "OpenAI (openai<1.0 configuration); the requests carry headers for Helicone "
            "(Helicone-Auth on line 12, `headers=auth` on line 13), which go with them to Acme "
            "Cloud once the client is pointed there, Helicone's key among them (openai>=1.0 "
            "does not read this line): take them out of the requests, then delete this line, "
            f"by hand; {never('Helicone')}",
        )
    ]


def test_a_gateway_base_without_headers_is_deleted_without_pointing_there(registry):
    text = (
        'import openai\n\nopenai.api_base = "https://oai.helicone.ai/v1"\n'
        'openai.ChatCompletion.create(model="gpt-4", messages=[])\n'
    )
    change, _ = migrate(registry, text)
    assert 'openai.api_base = "https://oai.helicone.ai/v1"' not in change.after
    assert gateway_rows(change.findings) == [
        (
            3,
            "error",
            "review",
            "openai.api_base points at https://oai.helicone.ai/v1, Helicone's gateway, not "
            "OpenAI (openai<1.0 configuration): apply deletes it and the client goes to Acme "
            f"Cloud's base URL; {never('Helicone')}",
        )
    ]


def test_a_server_of_no_gateway_keeps_its_advice(registry):
    text = 'import openai\n\nopenai.api_base = "http://10.0.0.5:3000/v1"\n'
    change, _ = migrate(registry, text)
    assert change.after == "import openai\n\n"
    assert [r[2:] for r in gateway_rows(change.findings)] == [
        (
            "review",
            "openai.api_base points at http://10.0.0.5:3000/v1, not OpenAI (openai<1.0 "
            "configuration): apply deletes it and the client goes to Acme Cloud's base URL; to "
            "keep going through that server, set ACME_BASE_URL to its URL for Acme Cloud",
        )
    ]


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("api.portkey.ai", "Portkey"),
        ("oai.helicone.ai", "Helicone"),
        ("oai.hconeai.com", "Helicone"),
        ("gateway.ai.cloudflare.com", "Cloudflare AI Gateway"),
        ("api.openai.com", None),
        ("notportkey.ai", None),
    ],
)
def test_gateway_hosts(host, name):
    found = gateway_of_host(host)
    assert (found.name if found else None) == name


# --- end to end ----------------------------------------------------------------------------


def test_following_the_message_sends_no_gateway_header_to_the_provider(
    registry, tmp_path, monkeypatch
):
    """apply leaves the Portkey line and check fails; the person takes the headers out of
    the requests and deletes the line, as the finding says: check passes, and Zhipu gets its
    key and no Portkey header."""
    provider = registry.get("zhipu")
    program = PORTKEY.replace('"ADD YOUR KEY HERE"', '"sk-placeholder"').replace(
        'PORTKEY_API = ""', 'PORTKEY_API = "pk-portkey-secret"'
    )
    (tmp_path / "app.py").write_text(program, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert CliRunner().invoke(app, ["check", ".", "--provider", "zhipu"]).exit_code == 1

    migrated = (tmp_path / "app.py").read_text(encoding="utf-8")
    by_hand = migrated.replace('    openai.api_base = "https://api.portkey.ai/v1/proxy"\n', "")
    by_hand = by_hand.replace("        extra_headers=HEADERS,\n", "")
    assert by_hand != migrated and "extra_headers" not in by_hand
    (tmp_path / "app.py").write_text(by_hand, encoding="utf-8")
    check = CliRunner().invoke(app, ["check", ".", "--provider", "zhipu"])
    assert check.exit_code == 0, check.stdout

    server = LoopbackServer().start()
    try:
        env = {
            provider.api_key_env: "zhipu-key",
            provider.base_url_env: server.base + "/api/paas/v4",
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
        assert blocked == [], proc.stderr
        assert proc.returncode == 0, proc.stderr
        (request,) = server.requests
    finally:
        server.stop()
    assert request.path == "/api/paas/v4/chat/completions"
    assert request.headers["authorization"] == "Bearer zhipu-key"
    assert not [h for h in request.headers if h.startswith("x-portkey-")]
