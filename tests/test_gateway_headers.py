"""ML008: a gateway's headers (Portkey, Helicone, Cloudflare AI Gateway), its key among them, on
a request or client that goes to the provider, whether or not an `openai.api_base` line for
the gateway is left (ML301 reports that line only).

The trial's defect (t51c, mshumer/gpt-prompt-engineer on moonshot): once the dead
`openai.api_base = "https://api.portkey.ai/v1/proxy"` line was deleted, as ML301 advises, and
`extra_headers=HEADERS` kept, `check` was green while every request carried
x-portkey-api-key to Moonshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks.gateways import GATEWAYS, gateway_of_header
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer
from .notebook_builder import STYLES, cell, notebook

# the trial's repro/r2/app.py, as apply left it, the api_base line deleted by hand
REPRO = """import os

import openai

client = openai.OpenAI(
    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
)
HEADERS = {}


def start_portkey_run():
    return {"x-portkey-api-key": "pk-SECRET", "x-portkey-mode": "proxy openai"}


use_portkey = True
if use_portkey:
    HEADERS = start_portkey_run()

r = client.chat.completions.create(
    extra_body={"thinking": {"type": "disabled"}},
    model="kimi-k2.6",
    messages=[{"role": "user", "content": "hi"}],
    extra_headers=HEADERS,
)
print(r.choices[0].message.content)
"""

REPRO_MESSAGE = (
    "`extra_headers=HEADERS` sends Portkey's headers (x-portkey-api-key and x-portkey-mode on "
    "line 13) with this request, which goes to Moonshot AI (Kimi), not Portkey: Portkey's key "
    "(x-portkey-api-key) goes to Moonshot AI (Kimi) with it; take these headers out, or keep "
    "the client on Portkey (its base URL, with Portkey set up to pass requests on to Moonshot "
    "AI (Kimi)), by hand"
)


def gateway_findings(registry, text: str, provider: str = "acme", name: str = "app.py"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    kind = "notebook" if name.endswith(".ipynb") else "python"
    change = FileScanner(ctx, Path(".")).migrate_text(text, kind, name, name)
    assert change.error is None, change.error
    return [f for f in change.findings if f.rule == "ML008"], change


def rows(found):
    return [(f.line, f.severity.value, f.fix.value, f.message) for f in found]


def test_check_is_red_on_the_trials_repro_and_green_once_the_headers_are_out(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(REPRO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot", "--format", "json"])
    assert check.exit_code == 1
    (finding,) = json.loads(check.stdout)["findings"]
    assert {k: finding[k] for k in ("rule", "line", "column", "severity", "fix")} == {
        "rule": "ML008",
        "line": 24,
        "column": 5,
        "severity": "error",
        "fix": "manual",
    }
    assert finding["message"] == REPRO_MESSAGE
    assert finding["data"] == {
        "gateway": "Portkey",
        "headers": ["x-portkey-api-key", "x-portkey-mode"],
        "key_headers": ["x-portkey-api-key"],
        "argument": "extra_headers",
    }
    assert "pk-SECRET" not in check.stdout

    (tmp_path / "app.py").write_text(
        REPRO.replace("    extra_headers=HEADERS,\n", ""), encoding="utf-8"
    )
    assert CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"]).exit_code == 0


def test_the_reported_headers_reach_the_provider_and_following_the_finding_stops_them(
    registry, tmp_path
):
    """The finding is true: run as it is, the program sends Portkey's key to the provider's
    server; with the headers taken out, as the finding says, it sends none."""
    provider = registry.get("moonshot")
    sent = {}
    for label, text in (
        ("as is", REPRO),
        ("fixed", REPRO.replace("    extra_headers=HEADERS,\n", "")),
    ):
        (tmp_path / "app.py").write_text(text, encoding="utf-8")
        server = LoopbackServer().start()
        try:
            env = {provider.api_key_env: "moonshot-key", provider.base_url_env: server.base + "/v1"}
            proc, blocked = run_guarded("app.py", tmp_path, env)
            assert blocked == [] and proc.returncode == 0, proc.stderr
            (request,) = server.requests
        finally:
            server.stop()
        assert request.headers["authorization"] == "Bearer moonshot-key"
        sent[label] = sorted(h for h in request.headers if h.startswith("x-portkey-"))
    assert sent == {"as is": ["x-portkey-api-key", "x-portkey-mode"], "fixed": []}


# gpt-prompt-engineer's Portkey cells, on openai>=1 after apply, the api_base line deleted
CELLS = (
    cell(
        'import os\nimport openai\n\nclient = openai.OpenAI(\n    api_key=os.environ.get("ACME_API_KEY", "unset"),\n    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)'
    ),
    cell('PORTKEY_API = "" # used if use_portkey is True\nHEADERS = {} # don\'t change.'),
    cell(
        "def start_portkey_run():\n"
        "  HEADERS = {\n"
        '    "x-portkey-api-key": PORTKEY_API, \n'
        '    "x-portkey-mode": "proxy openai",\n'
        '    "x-portkey-trace-id": "run",\n'
        "  } \n"
        "  return HEADERS"
    ),
    cell("if use_portkey:\n    HEADERS=start_portkey_run()"),
    cell(
        "def generate(prompt):\n"
        "  return client.chat.completions.create(\n"
        '      model="acme-large",\n'
        '      messages=[{"role": "user", "content": prompt}],\n'
        "      extra_headers=HEADERS)"
    ),
)


def test_a_notebooks_headers_built_by_a_function_in_another_cell(registry):
    found, change = gateway_findings(
        registry, STYLES["jupyter"](notebook(*CELLS)), name="gpe.ipynb"
    )
    assert [(f.cell, f.line, f.column) for f in found] == [(5, 5, 7)]
    assert found[0].message == (
        "`extra_headers=HEADERS` sends Portkey's headers (x-portkey-api-key on cell 3, line 3, "
        "x-portkey-mode on cell 3, line 4, x-portkey-trace-id on cell 3, line 5) with this "
        "request, which goes to Acme Cloud, not Portkey: Portkey's key (x-portkey-api-key) goes "
        "to Acme Cloud with it; take these headers out, or keep the client on Portkey (its base "
        "URL, with Portkey set up to pass requests on to Acme Cloud), by hand"
    )
    assert change.after == STYLES["jupyter"](notebook(*CELLS))  # manual: nothing written


CLIENT = "from openai import OpenAI\n\nclient = OpenAI()\n"


@pytest.mark.parametrize(
    ("code", "headers"),
    [
        # a dict display spread into another
        (
            'BASE = {"X-Portkey-Api-Key": key}\nH = {**BASE, "x-portkey-mode": "proxy openai"}\n',
            None,
        ),
        # a header named by a constant
        ('KEY_HEADER = "x-portkey-api-key"\nH = {KEY_HEADER: key}\n', ["x-portkey-api-key"]),
        # either branch
        ('H = {"Helicone-Auth": f"Bearer {key}"} if key else {}\n', ["Helicone-Auth"]),
        # dict(**...)
        ('H = dict(**{"cf-aig-authorization": key})\n', ["cf-aig-authorization"]),
    ],
)
def test_header_values_the_module_shows(registry, code, headers):
    text = (
        CLIENT
        + code
        + 'client.chat.completions.create(model="gpt-4o", messages=[], extra_headers=H)\n'
    )
    found, _ = gateway_findings(registry, text)
    assert len(found) == 1, [f.message for f in found]
    if headers is None:
        headers = ["X-Portkey-Api-Key", "x-portkey-mode"]
    assert found[0].data["headers"] == headers
    assert found[0].severity is Severity.ERROR and found[0].fix is FixClass.MANUAL
    assert "once apply points its client there" in found[0].message


def test_headers_in_a_dict_spread_into_the_request(registry):
    text = (
        CLIENT
        + 'params = {"model": "gpt-4o", "extra_headers": {"Helicone-Auth": "Bearer " + key}}\n'
        + "client.chat.completions.create(messages=[], **params)\n"
    )
    found, _ = gateway_findings(registry, text)
    assert rows(found) == [
        (
            4,
            "error",
            "manual",
            '`"extra_headers": {...}` sends Helicone\'s headers (Helicone-Auth on line 4) with '
            "this request, which goes to Acme Cloud once apply points its client there, not to "
            "Helicone: Helicone's key (Helicone-Auth) goes to Acme Cloud with it; take these "
            "headers out, or keep the client on Helicone (its base URL, with Helicone set up to "
            "pass requests on to Acme Cloud), by hand",
        )
    ]
    assert found[0].data["argument"] == "extra_headers"


def test_a_client_on_the_provider_given_a_gateways_default_headers(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'GATEWAY = {"cf-aig-authorization": "Bearer " + os.environ["CF_AIG_TOKEN"]}\n'
        "client = OpenAI(\n"
        '    api_key=os.environ["ACME_API_KEY"],\n'
        '    base_url="https://api.acme.example/v1",\n'
        "    default_headers=GATEWAY,\n)\n"
    )
    found, _ = gateway_findings(registry, text)
    assert rows(found) == [
        (
            9,
            "error",
            "manual",
            "`default_headers=GATEWAY` gives every request of this client Cloudflare AI "
            "Gateway's headers (cf-aig-authorization on line 5), which go to Acme Cloud, not "
            "Cloudflare AI Gateway: Cloudflare AI Gateway's key (cf-aig-authorization) goes to "
            "Acme Cloud with them; take these headers out, or keep the client on Cloudflare AI "
            "Gateway (its base URL, with Cloudflare AI Gateway set up to pass requests on to "
            "Acme Cloud), by hand",
        )
    ]


def test_a_gateways_other_headers_alone_are_a_warning(registry):
    text = (
        CLIENT
        + 'client.chat.completions.create(model="gpt-4o", messages=[], extra_headers={"Helicone-User-Id": uid})\n'
    )
    found, _ = gateway_findings(registry, text)
    assert [(f.severity, f.data["key_headers"]) for f in found] == [(Severity.WARNING, [])]
    assert "Acme Cloud has no use for them" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        # the client is on the gateway itself
        'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.portkey.ai/v1", '
        'default_headers={"x-portkey-api-key": key})\n'
        'client.chat.completions.create(model="gpt-4o", messages=[], '
        'extra_headers={"x-portkey-trace-id": "t"})\n',
        # a base URL chosen at run time
        'import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url=os.environ["LLM_URL"], '
        'default_headers={"Helicone-Auth": key})\n',
        # headers imported from another module: not followed
        "from openai import OpenAI\n\nfrom settings import HEADERS\n\nclient = OpenAI()\n"
        'client.chat.completions.create(model="gpt-4o", messages=[], extra_headers=HEADERS)\n',
        # an openai<1 call sent to its own api_base
        'import openai\n\nopenai.ChatCompletion.create(model="gpt-4", messages=[], '
        'api_base="https://oai.helicone.ai/v1", headers={"Helicone-Auth": key})\n',
        # a client whose only requests the provider does not serve stays on OpenAI
        'from openai import OpenAI\n\nclient = OpenAI(default_headers={"Helicone-Auth": key})\n'
        'client.moderations.create(input="x")\n',
    ],
)
def test_requests_and_clients_not_going_to_the_provider(registry, text):
    found, _ = gateway_findings(registry, text, provider="zhipu")
    assert found == []


@pytest.mark.parametrize("provider", [None, "openai"])
def test_nothing_without_a_switch(registry, provider):
    assert gateway_findings(registry, REPRO, provider=provider)[0] == []


def test_with_the_api_base_line_left_both_rules_report(registry):
    text = (
        'import openai\n\nopenai.api_base = "https://api.portkey.ai/v1"\n'
        'H = {"x-portkey-api-key": k}\n'
        'openai.ChatCompletion.create(model="gpt-4", messages=[], headers=H)\n'
    )
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    assert sorted((f.rule, f.line) for f in change.findings if f.rule in ("ML008", "ML301")) == [
        ("ML008", 5),
        ("ML301", 3),
    ]


def test_the_gateway_table_names_each_key_header_and_its_source():
    for gateway in GATEWAYS:
        assert gateway.key_headers and gateway.source.startswith("https://")
        assert all(h.startswith(gateway.header_prefix) for h in gateway.key_headers)
    assert gateway_of_header("Helicone-Auth").name == "Helicone"
    assert gateway_of_header("x-portkey-api-key").name == "Portkey"
    assert gateway_of_header("Authorization") is None
