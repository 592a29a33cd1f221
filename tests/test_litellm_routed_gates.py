"""r3 of session 68: an `openai/...` string in a module calling litellm is litellm's route to
OpenAI only where it reaches litellm as it is, with no other server's URL.

Before, ML204 wrote the provider's route (`acme/acme-small`) on any such string in a module
that called litellm: a default sent with `api_base=` of the project's own gateway (which then
got the provider's key: litellm's provider route sends it wherever the call's api_base says),
a value a wrapper POSTs to OpenRouter, a value wrapped in `f"openrouter/{MODEL}"`, one given
to ChatOpenAI pointed at OpenRouter. Exact findings, bytes, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import Finding
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext

from .conftest import ACME_DIR


def migrated(registry: Registry, text: str) -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, registry.get("acme"))
    first = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, "python", "app.py", "app.py")
    assert first.error is None and second.after == first.after
    return first.after, list(first.findings)


OWN_GATEWAY = (
    "import os\n\nfrom litellm import completion\n\n"
    'MODEL = os.environ.get("APP_MODEL", "openai/gpt-4o-mini")\n\n\n'
    "def ask(q):\n"
    '    return completion(model=MODEL, messages=q, api_base="http://127.0.0.1:18931/v1")\n'
)


def test_a_default_sent_with_the_projects_own_api_base_is_left(registry):
    after, found = migrated(registry, OWN_GATEWAY)
    assert after == OWN_GATEWAY
    assert [f for f in found if f.rule in ("ML204", "ML640")] == []


def test_a_default_sent_with_the_providers_or_openais_api_base_goes_on_the_route(registry):
    text = OWN_GATEWAY.replace("http://127.0.0.1:18931/v1", "https://api.openai.com/v1")
    after, found = migrated(registry, text)
    assert 'MODEL = os.environ.get("APP_MODEL", "acme/acme-small")\n' in after
    assert [(f.rule, f.line) for f in found if f.rule == "ML204"] == [("ML204", 5)]


@pytest.mark.parametrize(
    "text",
    [
        # a wrapper of the project's (another module) POSTs it to OpenRouter
        "import os\n\nimport litellm\n\nfrom gateway import call_gateway\n\n"
        'GATEWAY_MODEL = os.getenv("GATEWAY_MODEL", "openai/gpt-4o-mini")\n\n\n'
        "def ask(q):\n    return call_gateway(GATEWAY_MODEL, q)\n\n\n"
        'def ask_local(q):\n    return litellm.completion(model="ollama/llama3", messages=q)\n',
        # given to ChatOpenAI pointed at OpenRouter
        "import os\n\nimport litellm\nfrom langchain_openai import ChatOpenAI\n\n"
        'ROUTER_MODEL = os.getenv("ROUTER_MODEL", "openai/gpt-4o-mini")\n'
        'llm = ChatOpenAI(model=ROUTER_MODEL, base_url="https://openrouter.ai/api/v1")\n\n\n'
        'def ask_local(q):\n    return litellm.completion(model="ollama/llama3", messages=q)\n',
    ],
    ids=["wrapper", "chatopenai"],
)
def test_an_openai_id_bound_for_another_gateway_is_left(registry, text):
    after, found = migrated(registry, text)
    assert after == text
    assert [f for f in found if f.rule == "ML204"] == []


def test_a_value_under_another_route_prefix_is_not_litellms_openai_route(registry):
    text = (
        "import os\n\nimport litellm\n\n"
        'MODEL = os.getenv("MODEL", "openai/gpt-4o-mini")\n\n\n'
        "def ask(q):\n"
        '    return litellm.completion(model=f"openrouter/{MODEL}", messages=q)\n'
    )
    after, found = migrated(registry, text)
    assert after == text
    assert [f for f in found if f.rule == "ML204"] == []


ACME = ["--provider", "acme", "--providers-dir", str(ACME_DIR), "--no-cache"]
OPENROUTER_CLIENT = (
    "import os\nimport tomllib\n\nfrom openai import OpenAI\n\n"
    'cfg = tomllib.load(open("config.toml", "rb"))\n'
    'client = OpenAI(base_url="https://openrouter.ai/api/v1", '
    'api_key=os.environ["OPENROUTER_API_KEY"])\n\n\n'
    "def ask(q):\n"
    '    return client.chat.completions.create(model=cfg["app"]["model"], messages=q)\n'
)
DEPLOYMENT = (
    "model_list:\n  - model_name: fast\n    litellm_params:\n"
    "      model: openai/gpt-4o-mini\n      api_key: os.environ/OPENAI_API_KEY\n"
)


def run(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[tuple], int]:
    """check's rc and findings (line, rule, fix) before apply, then check's rc after it."""
    monkeypatch.chdir(root)
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", *ACME, "--format", "json"])
    found = [
        (Path(f["path"]).name, f["line"], f["rule"], f["fix"])
        for f in json.loads(before.stdout)["findings"]
        if f["rule"] in ("ML204", "ML503", "ML508", "ML640")
    ]
    applied = runner.invoke(app, ["apply", ".", *ACME[:4], "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    after = runner.invoke(app, ["check", ".", *ACME])
    return before.exit_code, found, after.exit_code


def test_a_litellm_call_to_the_projects_own_gateway_keeps_its_model(tmp_path, monkeypatch):
    """r3 f9a: before, apply wrote `acme/acme-small` and litellm sent the Acme key to the
    call's api_base, the project's own gateway."""
    (tmp_path / "app.py").write_text(OWN_GATEWAY)
    assert run(tmp_path, monkeypatch) == (0, [], 0)
    assert (tmp_path / "app.py").read_bytes() == OWN_GATEWAY.encode()


def test_an_openrouter_id_in_a_config_is_left(tmp_path, monkeypatch):
    """r3 f1t: a config read by an OpenAI client pointed at OpenRouter; before, apply wrote
    `openai/acme-small` (which OpenRouter does not serve) and ML508 judged its temperature."""
    config = '[app]\nmodel = "openai/gpt-4o-mini"\ntemperature = 0.3\n'
    (tmp_path / "config.toml").write_text(config)
    (tmp_path / "app.py").write_text(OPENROUTER_CLIENT)
    assert run(tmp_path, monkeypatch) == (0, [], 0)
    assert (tmp_path / "config.toml").read_bytes() == config.encode()


def test_an_openrouter_id_beside_openais_base_url_variable_is_left(tmp_path, monkeypatch):
    """r3 f13: `.env` points OPENAI_BASE_URL at OpenRouter; its OPENAI_MODEL is kept."""
    (tmp_path / ".env").write_text(
        "OPENAI_BASE_URL=https://openrouter.ai/api/v1\nOPENAI_MODEL=openai/gpt-4o-mini\n"
    )
    (tmp_path / "app.py").write_text(
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ask(q):\n"
        '    return client.chat.completions.create(model=os.environ["OPENAI_MODEL"], '
        "messages=q)\n"
    )
    assert run(tmp_path, monkeypatch)[1] == []
    assert b"OPENAI_MODEL=openai/gpt-4o-mini\n" in (tmp_path / ".env").read_bytes()


def test_a_litellm_deployment_with_openais_key_is_left_to_a_person(tmp_path, monkeypatch):
    """r3 f4: before, apply wrote `openai/acme-small` (sent to OpenAI with the OpenAI key)
    and check was green."""
    (tmp_path / "litellm_config.yaml").write_text(DEPLOYMENT)
    assert run(tmp_path, monkeypatch) == (
        1,
        [("litellm_config.yaml", 4, "ML503", "manual")],
        1,
    )
    assert (tmp_path / "litellm_config.yaml").read_bytes() == DEPLOYMENT.encode()
