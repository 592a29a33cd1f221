"""ML503 on a model whose requests go through a gateway's own client (mini-swe-agent's
`model_class: portkey` beside `provider: "@openai"`): the gateway sends them on to the service
it is set up for, so the model is left (manual) with why, and `check` stays red."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.frameworks.gateways import gateway_of_client
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

SWE = '# GPT-4o mini via Portkey\nmodel:\n  model_name: "gpt-4o-mini"\n  model_class: portkey\n'


def findings(registry: Registry, text: str, path: str = "run.yaml"):
    ctx = RuleContext(registry, registry.get("acme"))
    return [f for f in check_config(path, text, ctx) if f.rule == "ML503"]


def test_a_model_under_a_gateways_client_is_left_with_the_service_it_goes_to(registry):
    found = findings(registry, SWE + '  provider: "@openai"\n')
    assert [(f.line, f.message, f.fix, f.severity, f.edit) for f in found] == [
        (
            3,
            "gpt-4o-mini is an OpenAI model whose requests go through Portkey (model_class: "
            "portkey), which sends them on to the service its provider: @openai names, not to "
            "Acme Cloud: apply leaves it; point the gateway at Acme Cloud and change the model "
            "to acme-small (what it maps to) with it, by hand",
            FixClass.MANUAL,
            Severity.WARNING,
            None,
        )
    ]
    assert found[0].data == {"model_from": "gpt-4o-mini", "gateway": "Portkey"}


def test_without_a_service_named_the_gateways_setup_decides(registry):
    text = '{"agent": {"model": "gpt-4o", "client": "helicone"}}\n'
    found = findings(registry, text, "agent.json")
    assert [f.message for f in found] == [
        "gpt-4o is an OpenAI model whose requests go through Helicone (client: "
        "helicone), which sends them on to the service it is set up for, not to Acme Cloud: "
        "apply leaves it; point the gateway at Acme Cloud and change the model to acme-large "
        "(what it maps to) with it, by hand"
    ]


def test_a_model_beside_another_client_is_still_mapped(registry):
    found = findings(registry, SWE.replace("portkey", "litellm"))
    assert [(f.fix, f.data["model_to"]) for f in found] == [(FixClass.REVIEW, "acme-small")]


def test_gateway_clients_are_told_by_word():
    assert gateway_of_client("portkey_response").name == "Portkey"
    assert gateway_of_client("minisweagent.models.portkey_model.PortkeyModel").name == "Portkey"
    assert gateway_of_client("litellm") is None
    assert gateway_of_client("myportkey") is None


def test_mini_swe_agents_portkey_config_keeps_check_red(tmp_path, monkeypatch):
    """In a project that calls litellm (mini-swe-agent), apply wrote `deepseek-flash` there
    and check went green while requests still went through Portkey to OpenAI."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run.yaml").write_text(SWE + '  provider: "@openai"\n')
    (tmp_path / "agent.py").write_text(
        "import litellm\n\n\ndef ask(model, q):\n"
        "    return litellm.completion(model=model, messages=q)  # migrate-llm: ignore[ML640]\n"
    )
    runner = CliRunner()
    before = (tmp_path / "run.yaml").read_bytes()
    done = runner.invoke(app, ["apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "run.yaml").read_bytes() == before
    check = runner.invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert check.exit_code == 1
    assert [
        (f["path"], f["line"], f["rule"], f["fix"]) for f in json.loads(check.stdout)["findings"]
    ] == [("run.yaml", 3, "ML503", "manual")]
