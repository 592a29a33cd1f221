"""t68b: model ids on litellm's routes in config files and code, and litellm's functions kept on
an instance.

R2R's `r2r.toml` names its models as `openai/gpt-5-nano` (its code strips `openai/` before
the OpenAI client, or hands the id to litellm); ML503 skipped every such id, so apply left
`openai/gpt-4o-mini` and the program sent gpt-4o-mini to the provider with `check` green.
ML508 skipped `openai/kimi-k2.6` and `moonshot/kimi-k2.6` (the form apply's own messages
advise) beside a temperature kimi-k2.6 rejects. R2R's providers keep litellm's functions on
the instance (`self.acompletion = acompletion`) and call them in another method: no rule saw
those calls. Exact messages, bytes after apply, idempotence, and `check` on a project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.engine import FileScanner
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.run_facts import RunFacts

from .conftest import ACME_DIR

ACME = ["--provider", "acme", "--providers-dir", str(ACME_DIR), "--no-cache"]
FAST = '[app]\nfast_llm = "openai/gpt-4o-mini"\n'
KIMI_TEMPERATURE = (
    "fixes temperature at 1.0 (0.6 with thinking off) and Moonshot AI (Kimi) rejects other "
    "values: temperature 0.1 (line {line}) makes every request fail (HTTP 400); set 1.0, or "
    '0.6 where the program sends {{"thinking": {{"type": "disabled"}}}} in extra_body, or have '
    "the program not send temperature, by hand (unconfirmed: third-party reports, for "
    "temperature and top_p; n and the penalties not measured)"
)


def config(
    registry: Registry,
    text: str,
    provider: str | None = "acme",
    facts: RunFacts | None = None,
    rules: tuple[str, ...] = ("ML503",),
) -> tuple[str, list[Finding]]:
    ctx = RuleContext(
        registry, registry.get(provider) if provider else None, facts=facts or RunFacts()
    )
    findings = [f for f in check_config("config.toml", text, ctx) if f.rule in rules]
    return apply_edits(text, [f.edit for f in findings if f.edit is not None])[0], findings


def test_an_openai_routed_id_the_code_strips_keeps_its_prefix(registry):
    facts = RunFacts(openai_route_stripped=True)
    after, [found] = config(registry, FAST, facts=facts)
    assert after == '[app]\nfast_llm = "openai/acme-small"\n'
    assert found.message == (
        "openai/gpt-4o-mini is OpenAI's gpt-4o-mini after litellm's openai/ prefix; it maps to "
        "acme-small on Acme Cloud: a module of this project strips the prefix before its "
        "client; apply writes openai/acme-small, the prefix kept"
    )
    assert (found.line, found.column, found.severity, found.fix) == (
        2,
        12,
        Severity.WARNING,
        FixClass.REVIEW,
    )
    assert found.data == {"model_from": "openai/gpt-4o-mini", "model_to": "openai/acme-small"}
    assert config(registry, after, facts=facts) == (after, [])


def test_an_openai_routed_id_no_code_strips_is_left_to_a_person(registry):
    """r3 (f1, f13): no module strips `openai/`: OpenRouter's id as likely as anything, so
    no edit (before, `openai/acme-small`, which OpenRouter does not serve)."""
    after, [found] = config(registry, FAST)
    assert after == FAST
    assert (found.severity, found.fix, found.edit) == (Severity.WARNING, FixClass.MANUAL, None)
    assert found.message == (
        "openai/gpt-4o-mini is OpenAI's gpt-4o-mini after litellm's openai/ prefix; it maps to "
        "acme-small on Acme Cloud, but no module of this project strips the prefix before an "
        "OpenAI client, and no litellm call shows reading it: write openai/acme-small there if "
        "the program strips it, the model its service names otherwise, by hand"
    )


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        (FAST, RunFacts(client_elsewhere=True)),
        (
            "OPENAI_BASE_URL=https://openrouter.ai/api/v1\nOPENAI_MODEL=openai/gpt-4o-mini\n",
            RunFacts(),
        ),
    ],
    ids=["client-elsewhere", "dotenv-base-url"],
)
def test_an_openai_routed_id_beside_another_server_is_left(registry, text, facts):
    ctx = RuleContext(registry, registry.get("acme"), facts=facts)
    name = "config.toml" if text == FAST else ".env"
    assert [f for f in check_config(name, text, ctx) if f.rule in ("ML503", "ML508")] == []


def test_an_openai_routed_id_litellm_reads_goes_on_the_providers_route(registry):
    after, [found] = config(registry, FAST, facts=RunFacts(litellm_project=True))
    assert after == '[app]\nfast_llm = "acme/acme-small"\n'
    assert found.message == (
        "openai/gpt-4o-mini is an OpenAI model; it maps to acme/acme-small on Acme Cloud, on "
        "litellm's route for it: a module of this project calls litellm and none uses an "
        "OpenAI client (litellm's openai/ route sends it to OpenAI)"
    )
    assert found.data == {
        "model_from": "openai/gpt-4o-mini",
        "model_to": "acme/acme-small",
        "litellm_route": "acme",
    }
    facts = RunFacts(litellm_project=True)
    assert config(registry, after, facts=facts) == (after, [])


def test_an_openai_routed_id_litellm_and_a_client_may_read_is_left_to_a_person(registry):
    facts = RunFacts(litellm_project=True, openai_client_used=True)
    after, [found] = config(registry, FAST, facts=facts)
    assert after == FAST
    assert (found.severity, found.fix, found.edit) == (Severity.WARNING, FixClass.MANUAL, None)
    assert found.message == (
        "openai/gpt-4o-mini is OpenAI's gpt-4o-mini after litellm's openai/ prefix; it maps to "
        "acme-small on Acme Cloud, but a module of this project calls litellm and one uses an "
        "OpenAI client: write acme/acme-small where litellm reads it, openai/acme-small where "
        "the program strips the prefix before an OpenAI client, by hand"
    )


def test_an_openai_routed_id_without_a_target_or_for_openai(registry):
    _, [found] = config(registry, FAST, provider=None)
    assert found.message == (
        "openai/gpt-4o-mini is an OpenAI model; pass --provider to see what replaces it"
    )
    assert config(registry, FAST, provider="openai") == (FAST, [])


def test_another_services_openai_id_is_left(registry):
    text = '[llm]\nmodel = "openai/gpt-4o"\nbase_url = "https://openrouter.ai/api/v1"\n'
    assert config(registry, text) == (text, [])


def test_routed_provider_models_get_ml508_as_bare_ones(registry):
    text = (
        '[a]\nmodel = "openai/kimi-k2.6"\ntemperature = 0.1\n\n'
        '[b]\nmodel = "moonshot/kimi-k2.6"\ntemperature = 0.1\n\n'
        '[c]\nmodel = "openai/gpt-4o"\ntemperature = 0.1\n\n'
        '[d]\nmodel = "moonshot/gpt-4o"\ntemperature = 0.1\n'
    )
    facts = RunFacts(openai_route_stripped=True)
    after, found = config(registry, text, "moonshot", facts, rules=("ML503", "ML508"))
    assert [(f.rule, f.line, f.severity, f.fix) for f in found] == [
        ("ML508", 3, Severity.ERROR, FixClass.MANUAL),
        ("ML508", 7, Severity.ERROR, FixClass.MANUAL),
        ("ML503", 10, Severity.WARNING, FixClass.REVIEW),
        ("ML508", 11, Severity.ERROR, FixClass.MANUAL),
    ]
    assert [f.message for f in found if f.rule == "ML508"] == [
        "kimi-k2.6 " + KIMI_TEMPERATURE.format(line=3),
        "kimi-k2.6 " + KIMI_TEMPERATURE.format(line=7),
        "kimi-k2.6, to which apply maps openai/gpt-4o, " + KIMI_TEMPERATURE.format(line=11),
    ]
    assert found[3].data["model_from"] == "openai/gpt-4o"
    assert after == text.replace('"openai/gpt-4o"', '"openai/kimi-k2.6"')


def migrated(registry: Registry, text: str) -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, registry.get("acme"))
    first = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, "python", "app.py", "app.py")
    assert first.error is None and second.after == first.after
    return first.after, list(first.findings)


HELD = (
    "from litellm import {name}\n\n\n"
    "class Chat:\n"
    "    def __init__(self{param}):\n"
    "        self.fn = {name}\n"
    "{again}\n"
    "    async def ask(self, q):\n"
    '        return await self.fn(model="gpt-4o-mini", messages=q)\n'
)


def test_a_litellm_function_kept_on_the_instance_is_migrated(registry):
    after, found = migrated(registry, HELD.format(name="acompletion", param="", again=""))
    assert [(f.rule, f.line, f.fix) for f in found] == [
        ("ML640", 9, FixClass.REVIEW),
        ("ML640", 9, FixClass.REVIEW),
    ]
    assert found[1].message == (
        "model='gpt-4o-mini' of litellm.acompletion() is an OpenAI model; apply writes "
        "'acme/acme-small' (litellm's acme route) for Acme Cloud"
    )
    assert after == (
        "import os\n\nfrom litellm import acompletion\n\n\n"
        "class Chat:\n"
        "    def __init__(self):\n"
        "        self.fn = acompletion\n\n"
        "    async def ask(self, q):\n"
        "        return await self.fn(\n"
        '            model="acme/acme-small",\n'
        '            api_key=os.environ["ACME_API_KEY"],\n'
        '            api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "            messages=q,\n"
        "        )\n"
    )


def test_an_attribute_assigned_twice_is_not_followed(registry):
    text = HELD.format(name="acompletion", param=", fn", again="        self.fn = fn\n")
    after, found = migrated(registry, text)
    assert after == text
    assert [(f.rule, f.fix) for f in found] == [("ML206", FixClass.MANUAL)]


def test_an_openai_routed_default_in_a_litellm_module_goes_on_the_route(registry):
    text = (
        "import os\n\nfrom litellm import completion\n\n"
        'MODEL = os.environ.get("APP_MODEL", "openai/gpt-4o-mini")\n\n\n'
        "def ask(q):\n    return completion(model=MODEL, messages=q)\n"
    )
    after, found = migrated(registry, text)
    assert after == text.replace('"openai/gpt-4o-mini"', '"acme/acme-small"')
    [setting] = [f for f in found if f.rule == "ML204"]
    assert setting.message == (
        "env default 'openai/gpt-4o-mini' of constant MODEL maps to 'acme/acme-small' on Acme "
        "Cloud, on litellm's route for it: this module gives it to litellm, whose openai/ "
        "route sends it to OpenAI"
    )


@pytest.fixture
def held_project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(
        "import os\n\nfrom litellm import completion\n\n\n"
        "class Chat:\n"
        "    def __init__(self, model):\n"
        "        self.model = model\n"
        "        self.completion = completion\n\n"
        "    def ask(self, q):\n"
        '        args = {"model": self.model, "messages": [{"role": "user", "content": q}]}\n'
        "        return self.completion(**args)\n"
    )
    return tmp_path


def test_check_is_red_on_a_litellm_function_kept_on_the_instance(held_project, monkeypatch):
    monkeypatch.chdir(held_project)
    result = CliRunner().invoke(app, ["check", ".", *ACME, "--format", "json"])
    assert result.exit_code == 1
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"][:60])
        for f in json.loads(result.stdout)["findings"]
    ]
    # the request's dict is built on line 12, where ML640 reads the model
    assert found == [
        (
            12,
            "ML640",
            "warning",
            "manual",
            "litellm.completion() takes its model from `self.model` (thro",
        )
    ]


def test_check_after_apply_on_an_openai_routed_config(tmp_path: Path, monkeypatch):
    (tmp_path / "config.toml").write_text(FAST)
    (tmp_path / "app.py").write_text(
        "import tomllib\n\nfrom openai import OpenAI\n\n"
        'cfg = tomllib.load(open("config.toml", "rb"))\n'
        "client = OpenAI()\n\n\n"
        "def ask(q):\n"
        '    model = cfg["app"]["fast_llm"].removeprefix("openai/")\n'
        "    return client.chat.completions.create(model=model, messages=[])\n"
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", *ACME])
    assert before.exit_code == 1
    applied = runner.invoke(app, ["apply", ".", *ACME[:4], "--yes", "--allow-dirty"])
    assert applied.exit_code == 0
    assert (tmp_path / "config.toml").read_bytes() == b'[app]\nfast_llm = "openai/acme-small"\n'
    after = runner.invoke(app, ["check", ".", *ACME])
    assert after.exit_code == 0
