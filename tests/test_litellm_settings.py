"""Model settings that reach litellm (ML204): litellm sends a model without a provider prefix to
OpenAI, so where a module hands its settings to litellm they are written on litellm's route
for the provider (`acme/acme-large`), and where that cannot be told they are left with the
reason (seen in aider: `DEFAULT_MODEL_NAME = "gpt-4o"` became a bare `deepseek-v4-pro`, which
aider hands to litellm through a lazy proxy of the module)."""

from __future__ import annotations

import dataclasses
import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass
from migrate_llm.registry import Registry
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import CALLS_LITELLM, RunFacts, facts_of

from .conftest import ACME_DIR

MODELS = (
    "from app.llm import litellm\n\n"
    'DEFAULT_MODEL_NAME = "gpt-4o"\n\n\n'
    "class Model:\n"
    "    def __init__(self, name=None):\n"
    "        self.name = name or DEFAULT_MODEL_NAME\n\n"
    "    def send(self, messages):\n"
    '        kwargs = {"model": self.name, "messages": messages}\n'
    "        return litellm.completion(**kwargs)\n"
)
SENDS = "this module calls litellm, which sends a model without a provider prefix to OpenAI"


def ml204(
    registry: Registry, text: str, ctx: RuleContext | None = None
) -> tuple[str, list[Finding]]:
    ctx = ctx or RuleContext(registry, registry.get("acme"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
    return apply_edits(text, [f.edit for f in findings if f.edit is not None])[0], findings


def test_a_setting_of_a_module_calling_litellm_through_a_stand_in_gets_the_route(registry):
    after, findings = ml204(registry, MODELS)
    assert after == MODELS.replace('"gpt-4o"', '"acme/acme-large"')
    [finding] = findings
    assert finding.message == (
        "constant DEFAULT_MODEL_NAME = 'gpt-4o' maps to 'acme/acme-large' on Acme Cloud, on "
        f"litellm's route for it: {SENDS}"
    )
    assert finding.fix is FixClass.REVIEW
    assert finding.data == {
        "model_from": "gpt-4o",
        "model_to": "acme/acme-large",
        "litellm_route": "acme",
    }
    assert ml204(registry, after) == (after, [])


def test_a_field_default_of_a_module_importing_litellm_gets_the_route(registry):
    text = (
        "from dataclasses import dataclass\n\nimport litellm\n\n\n@dataclass\nclass Agent:\n"
        '    model: str = "gpt-4o-mini"\n\n'
        "    async def ask(self, messages):\n"
        "        return await litellm.acompletion(model=self.model, messages=messages)\n"
    )
    after, findings = ml204(registry, text)
    assert after == text.replace('"gpt-4o-mini"', '"acme/acme-small"')
    assert [f.data["model_to"] for f in findings] == ["acme/acme-small"]


def test_a_module_calling_litellm_and_openai_leaves_the_setting(registry):
    text = (
        "import litellm\nfrom openai import OpenAI\n\n"
        'FALLBACK = "gpt-4o"\n\n\n'
        "def ask(model, q):\n"
        "    return litellm.completion(model=model, messages=q)\n"
    )
    after, findings = ml204(registry, text)
    assert after == text
    assert [(f.fix, f.message) for f in findings] == [
        (
            FixClass.MANUAL,
            "constant FALLBACK = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but "
            f"{SENDS}, and nothing here shows where this one goes: write 'acme/acme-large' "
            "where it reaches litellm, 'acme-large' where it reaches an OpenAI client, by hand",
        )
    ]


def test_a_provider_without_its_own_litellm_route_is_left_to_a_person(registry):
    acme = registry.get("acme")
    ctx = RuleContext(registry, dataclasses.replace(acme, frameworks={}))
    after, findings = ml204(registry, MODELS, ctx)
    assert after == MODELS
    assert [(f.fix, f.message) for f in findings] == [
        (
            FixClass.MANUAL,
            "constant DEFAULT_MODEL_NAME = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but "
            f"{SENDS}: write 'openai/acme-large' with Acme Cloud's api_base and key there, by "
            "hand",
        )
    ]


def test_an_embeddings_model_for_litellm_is_left_to_a_person(registry):
    text = (
        "import litellm\n\n"
        'EMBED_MODEL = "text-embedding-3-small"\n\n\n'
        "def embed(texts, model=None):\n"
        "    return litellm.embedding(model=model or EMBED_MODEL, input=texts)\n"
    )
    after, findings = ml204(registry, text)
    assert after == text
    assert [(f.fix, f.data) for f in findings] == [
        (FixClass.MANUAL, {"model_from": "text-embedding-3-small"})
    ]
    assert "'openai/acme-embed' with Acme Cloud's api_base and key" in findings[0].message


def test_a_setting_in_a_run_that_calls_litellm_elsewhere_is_left_with_both_spellings(registry):
    text = 'import argparse\n\np = argparse.ArgumentParser()\np.add_argument("--model", default="gpt-4o")\n'
    ctx = RuleContext(registry, registry.get("acme"), facts=RunFacts(litellm_project=True))
    after, findings = ml204(registry, text, ctx)
    assert after == text
    assert [(f.fix, f.message) for f in findings] == [
        (
            FixClass.MANUAL,
            "default of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but a "
            "module of this project calls litellm, which sends a model without a provider "
            "prefix to OpenAI, and nothing here shows where this one goes: write "
            "'acme/acme-large' where it reaches litellm, 'acme-large' where it reaches an OpenAI "
            "client, by hand",
        )
    ]
    # without litellm in the run, or in a module building an OpenAI client, it maps as
    # before; a module only importing the client class is no sign (t68g)
    assert ml204(registry, text)[0] == text.replace("gpt-4o", "acme-large")
    imported = "from openai import OpenAI\n\n" + text
    assert ml204(registry, imported, ctx)[0] == imported
    client = "from openai import OpenAI\n\nclient = OpenAI()\n" + text
    assert ml204(registry, client, ctx)[0] == client.replace("gpt-4o", "acme-large")


def test_screening_tells_a_run_that_calls_litellm():
    def facts(text: str) -> int:
        return facts_of("python", text.encode(), True, False, None) & CALLS_LITELLM

    assert facts("from aider.llm import litellm\nres = litellm.completion(**kwargs)\n")
    assert facts("from litellm import acompletion\n")
    assert facts("from litellm import Router\n")
    assert facts("from smolagents import LiteLLMModel\nmodel = LiteLLMModel(model_id=name)\n")
    assert not facts("import litellm\nlitellm.suppress_debug_info = True\n")
    # shell_gpt binds `completion` to litellm's function, to call it by that name
    assert facts("    completion = litellm.completion\n")
    assert facts("completion = litellm.completion  # type: ignore\r\n")
    assert not facts("import litellm\ncost = litellm.completion_cost(response)\n")
    assert RunFacts.of_bits(CALLS_LITELLM).litellm_project


def test_scan_and_apply_agree_across_the_run(tmp_path, monkeypatch):
    (tmp_path / "llm.py").write_text(
        MODELS.replace("from app.llm import litellm", "import litellm")
    )
    (tmp_path / "cli.py").write_text(
        'import argparse\n\np = argparse.ArgumentParser()\np.add_argument("--model", default="gpt-4o")\n'
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    found = [
        (f["path"], f["rule"], f["fix"], f["data"]) for f in json.loads(scan.stdout)["findings"]
    ]
    assert found == [
        ("cli.py", "ML204", "manual", {"model_from": "gpt-4o"}),
        (
            "llm.py",
            "ML204",
            "review",
            {"model_from": "gpt-4o", "model_to": "acme/acme-large", "litellm_route": "acme"},
        ),
        # the call's model, chosen at run time (`self.name`), as for `completion(model=...)`
        ("llm.py", "ML640", "manual", {"hand_reads": ["ACME_API_KEY", "ACME_BASE_URL"]}),
    ]
    cli = (tmp_path / "cli.py").read_bytes()
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "cli.py").read_bytes() == cli
    assert 'DEFAULT_MODEL_NAME = "acme/acme-large"\n' in (tmp_path / "llm.py").read_text()
    assert (
        "Next: export ACME_API_KEY=<your Acme Cloud key> and "
        "ACME_API_BASE=https://api.acme.example/v1 (the OpenAI key does not work there): "
        "litellm's acme/ route reads them where a call passes no api_key or api_base."
    ) in done.stderr
    again = runner.invoke(app, ["apply", ".", *acme, "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""


def test_the_model_of_a_raw_requests_body_goes_where_the_request_goes(registry):
    """In a project where another module calls litellm, the model a raw request sends in its
    JSON body is still that request's: mapped with it, not left with both spellings."""
    text = (
        "import os\n\nimport requests\n\n\n"
        "def ask(q):\n"
        '    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": q}]}\n'
        '    headers = {"Authorization": f"Bearer {os.environ[\'OPENAI_API_KEY\']}"}\n'
        '    url = "https://api.openai.com/v1/chat/completions"\n'
        "    return requests.post(url, headers=headers, json=body)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"), facts=RunFacts(litellm_project=True))
    after, [finding] = ml204(registry, text, ctx)
    assert finding.message == "entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud"
    assert after == text.replace('"model": "gpt-4o"', '"model": "acme-large"')


# magentic's settings (src/magentic/settings.py): one field per backend, each named for it;
# backend.py gives `settings.openai_model` to its OpenaiChatModel (an `openai.OpenAI` client)
# and `settings.litellm_model` to its LitellmChatModel (`litellm.completion`)
SETTINGS = (
    "from pydantic_settings import BaseSettings\n\n\n"
    "class Settings(BaseSettings):\n"
    '    litellm_model: str = "gpt-4o"\n'
    '    openai_model: str = "gpt-4o"\n'
    '    model: str = "gpt-4o"\n'
)
IN_A_LITELLM_PROJECT = RunFacts(litellm_project=True)
NAMED = "its name says it goes to litellm, which sends a model without a provider prefix to OpenAI"


def test_a_setting_named_for_its_library_is_mapped_for_it(registry):
    """In a project where a module calls litellm, a setting whose name says which library takes
    it gets that library's spelling; one whose name says neither keeps both (manual)."""
    ctx = RuleContext(registry, registry.get("acme"), facts=IN_A_LITELLM_PROJECT)
    after, findings = ml204(registry, SETTINGS, ctx)
    assert after == (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n"
        '    litellm_model: str = "acme/acme-large"\n'
        '    openai_model: str = "acme-large"\n'
        '    model: str = "gpt-4o"\n'
    )
    assert [(f.fix, f.message, f.data) for f in findings] == [
        (
            FixClass.REVIEW,
            "attribute Settings.litellm_model = 'gpt-4o' maps to 'acme/acme-large' on Acme "
            f"Cloud, on litellm's route for it: {NAMED}",
            {"model_from": "gpt-4o", "model_to": "acme/acme-large", "litellm_route": "acme"},
        ),
        (
            FixClass.REVIEW,
            "attribute Settings.openai_model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            {"model_from": "gpt-4o", "model_to": "acme-large"},
        ),
        (
            FixClass.MANUAL,
            "attribute Settings.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but a "
            "module of this project calls litellm, which sends a model without a provider "
            "prefix to OpenAI, and nothing here shows where this one goes: write "
            "'acme/acme-large' where it reaches litellm, 'acme-large' where it reaches an OpenAI "
            "client, by hand",
            {"model_from": "gpt-4o"},
        ),
    ]
    assert [f.edit is not None for f in ml204(registry, after, ctx)[1]] == [False]


def test_an_environment_variable_or_a_test_setting_is_named_for_its_library(registry):
    text = (
        "import os\n\n"
        'MODEL = os.getenv("LITELLM_MODEL", "gpt-4o")\n\n\n'
        "def test_backend(monkeypatch):\n"
        '    monkeypatch.setenv("MAGENTIC_OPENAI_MODEL", "gpt-4")\n'
        '    assert get_chat_model().model == "gpt-4"\n'
    )
    ctx = RuleContext(registry, registry.get("acme"), facts=IN_A_LITELLM_PROJECT)
    after, findings = ml204(registry, text, ctx)
    assert after == (
        "import os\n\n"
        'MODEL = os.getenv("LITELLM_MODEL", "acme/acme-large")\n\n\n'
        "def test_backend(monkeypatch):\n"
        '    monkeypatch.setenv("MAGENTIC_OPENAI_MODEL", "acme-large")\n'
        '    assert get_chat_model().model == "acme-large"\n'
    )
    assert [f.message for f in findings][:2] == [
        "env default 'gpt-4o' of constant MODEL maps to 'acme/acme-large' on Acme Cloud, on "
        f"litellm's route for it: {NAMED}",
        "setting 'MAGENTIC_OPENAI_MODEL' of monkeypatch.setenv() = 'gpt-4' maps to "
        "'acme-large' on Acme Cloud",
    ]


def test_a_name_with_both_libraries_says_nothing(registry):
    text = 'OPENAI_LITELLM_MODEL = "gpt-4o"\n'
    ctx = RuleContext(registry, registry.get("acme"), facts=IN_A_LITELLM_PROJECT)
    after, [finding] = ml204(registry, text, ctx)
    assert after == text
    assert finding.fix is FixClass.MANUAL
    assert "nothing here shows where this one goes" in finding.message


def test_a_module_calling_litellm_only_keeps_its_settings_litellms(registry):
    """The module's own use tells more than a name: every setting of a module that calls
    litellm and no other client is litellm's, `OPENAI_MODEL` too."""
    text = (
        "import litellm\n\n"
        'OPENAI_MODEL = "gpt-4o"\n\n\n'
        "def ask(q, model=None):\n"
        "    return litellm.completion(model=model or OPENAI_MODEL, messages=q)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"), facts=IN_A_LITELLM_PROJECT)
    after, [finding] = ml204(registry, text, ctx)
    assert after == text.replace('"gpt-4o"', '"acme/acme-large"')
    assert finding.message.endswith(f"on litellm's route for it: {SENDS}")


MIXED = (
    "import litellm\n"
    "import openai\n\n"
    "client = openai.OpenAI()\n\n\n"
    "class Lite:\n"
    "    def __init__(self):\n"
    '        self.model = "gpt-4o"\n\n'
    "    def ask(self, q):\n"
    "        return litellm.completion(model=self.model, messages=q)\n\n\n"
    "class Direct:\n"
    '    def __init__(self, model="gpt-4o-mini"):\n'
    "        self.model = model\n\n"
    "    def ask(self, q):\n"
    "        return client.chat.completions.create(model=self.model, messages=q)\n\n\n"
    "class Both:\n"
    "    def __init__(self):\n"
    '        self.model = "gpt-4o"\n\n'
    "    def ask(self, q):\n"
    "        litellm.completion(model=self.model, messages=q)\n"
    "        return client.chat.completions.create(model=self.model, messages=q)\n"
)


def test_a_module_calling_litellm_and_openai_follows_each_setting(registry):
    after, findings = ml204(registry, MIXED)
    changed = [(a, b) for a, b in zip(MIXED.split("\n"), after.split("\n"), strict=True) if a != b]
    assert changed == [
        ('        self.model = "gpt-4o"', '        self.model = "acme/acme-large"'),
        (
            '    def __init__(self, model="gpt-4o-mini"):',
            '    def __init__(self, model="acme-small"):',
        ),
    ]
    assert [(f.line, f.fix, f.message) for f in findings] == [
        (
            9,
            FixClass.REVIEW,
            "attribute self.model = 'gpt-4o' maps to 'acme/acme-large' on Acme Cloud, on "
            "litellm's route for it: this module gives it to litellm, which sends a model "
            "without a provider prefix to OpenAI",
        ),
        (
            16,
            FixClass.REVIEW,
            "default of model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
        ),
        (
            25,
            FixClass.MANUAL,
            "attribute self.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but this "
            "module gives it to litellm, which sends a model without a provider prefix to "
            "OpenAI, and to an OpenAI client: write 'acme/acme-large' where it reaches "
            "litellm, 'acme-large' where it reaches an OpenAI client, by hand",
        ),
    ]
    assert ml204(registry, after)[0] == after


def test_magentics_default_model_is_applied_where_another_module_calls_litellm(
    tmp_path, monkeypatch
):
    """magentic's README entry point sent `gpt-4o` to the provider: its `openai_model` was
    left manual because a module of the project calls litellm."""
    (tmp_path / "settings.py").write_text(SETTINGS)
    backend = (
        "import openai\nfrom settings import Settings\n\n"
        "client = openai.OpenAI()\n"
        "client.chat.completions.create(model=Settings().openai_model, messages=[])\n"
    )
    (tmp_path / "backend.py").write_text(backend)
    (tmp_path / "summary.py").write_text(
        'import litellm\n\nlitellm.completion(model="acme/acme-large", messages=[])\n'
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    found = [
        (f["line"], f["fix"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML204"
    ]
    assert found == [
        (
            5,
            "review",
            {"model_from": "gpt-4o", "model_to": "acme/acme-large", "litellm_route": "acme"},
        ),
        (6, "review", {"model_from": "gpt-4o", "model_to": "acme-large"}),
        (7, "manual", {"model_from": "gpt-4o"}),
    ]
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text() == (
        "from pydantic_settings import BaseSettings\n\n\n"
        "class Settings(BaseSettings):\n"
        '    litellm_model: str = "acme/acme-large"\n'
        '    openai_model: str = "acme-large"\n'
        '    model: str = "gpt-4o"\n'
    )
    again = runner.invoke(app, ["apply", ".", *acme, "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""
