"""ML503 where litellm reads a config value, and on a mapping that says its model reads images.

open-interpreter hands its YAML profile's `llm: {model: "gpt-4o"}` to `litellm.completion`;
apply wrote a bare `deepseek-v4-pro` there (litellm: "LLM Provider NOT provided") while the
Python default got `deepseek/deepseek-v4-pro`, and `check` then passed the line. Its vision
profile (`supports_vision: True`) got the text-only model. Exact bytes after the edits, the
messages, idempotence, and `scan` / `apply` / `check` on a project."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import Provider, Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.run_facts import USES_OPENAI_CLIENT, RunFacts, facts_of

from .conftest import ACME_DIR

LITELLM_ONLY = RunFacts(litellm_project=True)
WITH_A_CLIENT = RunFacts(litellm_project=True, openai_client_used=True)
SENDS = "litellm sends a model without a provider prefix to OpenAI"
ONLY = "a module of this project calls litellm and none uses an OpenAI client"
PROFILE = 'llm:\n  model: "gpt-4o"\n  temperature: 0\n'


def ml503(
    registry: Registry,
    path: str,
    text: str,
    facts: RunFacts = LITELLM_ONLY,
    provider: Provider | None = None,
) -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, provider or registry.get("acme"), facts=facts)
    findings = [f for f in check_config(path, text, ctx) if f.rule == "ML503"]
    return apply_edits(text, [f.edit for f in findings if f.edit is not None])[0], findings


def with_vision(registry: Registry) -> Provider:
    acme = registry.get("acme")
    return dataclasses.replace(acme, tiers={**acme.tiers, "vision": "acme-vision"})


def test_a_model_litellm_reads_is_written_on_its_route(registry):
    after, [finding] = ml503(registry, "profile.yaml", PROFILE)
    assert after == 'llm:\n  model: "acme/acme-large"\n  temperature: 0\n'
    assert finding.message == (
        "gpt-4o is an OpenAI model; it maps to acme/acme-large on Acme Cloud, on litellm's "
        f"route for it: {ONLY} ({SENDS})"
    )
    assert (finding.fix, finding.severity) == (FixClass.REVIEW, Severity.WARNING)
    assert finding.data == {
        "model_from": "gpt-4o",
        "model_to": "acme/acme-large",
        "litellm_route": "acme",
    }
    assert ml503(registry, "profile.yaml", after) == (after, [])


def test_a_list_litellm_reads_is_routed_item_by_item(registry):
    text = "models:\n  - gpt-4o\n  - gpt-4-turbo\n  - gpt-4o-mini\n"
    after, findings = ml503(registry, "models.yaml", text)
    # gpt-4-turbo maps to acme-large too: the item is removed, as without litellm
    assert after == "models:\n  - acme/acme-large\n  - acme/acme-small\n"
    assert [f.data["model_to"] for f in findings] == [
        "acme/acme-large",
        "acme/acme-large",
        "acme/acme-small",
    ]
    assert ml503(registry, "models.yaml", after) == (after, [])


def test_a_router_alias_is_mapped_as_it_is_and_its_model_routed(registry):
    """litellm proxy's config: `model_name` is the alias the program asks for."""
    text = "model_list:\n  - model_name: gpt-4o\n    litellm_params:\n      model: gpt-4o\n"
    after, _ = ml503(registry, "proxy.yaml", text)
    assert after == (
        "model_list:\n  - model_name: acme-large\n    litellm_params:\n"
        "      model: acme/acme-large\n"
    )
    assert ml503(registry, "proxy.yaml", after) == (after, [])


def test_where_a_module_uses_an_openai_client_too_the_key_decides(registry):
    text = '[llm]\nlitellm_model = "gpt-4o"\nopenai_model = "gpt-4o"\nmodel = "gpt-4o"\n'
    after, findings = ml503(registry, "settings.toml", text, WITH_A_CLIENT)
    assert after == (
        '[llm]\nlitellm_model = "acme/acme-large"\nopenai_model = "acme-large"\nmodel = "gpt-4o"\n'
    )
    assert [(f.fix, f.message) for f in findings] == [
        (
            FixClass.REVIEW,
            "gpt-4o is an OpenAI model; it maps to acme/acme-large on Acme Cloud, on litellm's "
            f"route for it: its key says litellm reads it ({SENDS})",
        ),
        (FixClass.REVIEW, "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud"),
        (
            FixClass.MANUAL,
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but a module of "
            f"this project calls litellm and one uses an OpenAI client ({SENDS}): write "
            "acme/acme-large where litellm reads it, acme-large where an OpenAI client does, "
            "by hand",
        ),
    ]
    assert findings[2].data == {"model_from": "gpt-4o"}
    # the bare model a person wrote there (the OpenAI client's spelling) is left alone
    assert ml503(registry, "settings.toml", after, WITH_A_CLIENT)[1][0].fix is FixClass.MANUAL
    assert len(ml503(registry, "settings.toml", after, WITH_A_CLIENT)[1]) == 1


def test_without_litellm_in_the_project_the_model_is_mapped_as_it_is(registry):
    after, [finding] = ml503(registry, "profile.yaml", PROFILE, RunFacts())
    assert after == 'llm:\n  model: "acme-large"\n  temperature: 0\n'
    assert finding.message == "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud"


def test_a_provider_without_a_litellm_route_is_left_to_a_person(registry):
    acme = registry.get("acme")
    provider = dataclasses.replace(acme, frameworks={})
    after, [finding] = ml503(registry, "profile.yaml", PROFILE, provider=provider)
    assert after == PROFILE
    assert (finding.fix, finding.message) == (
        FixClass.MANUAL,
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but "
        f"{ONLY} ({SENDS}): write openai/acme-large with Acme Cloud's api_base and key there, "
        "by hand",
    )


def test_the_advised_openai_route_beside_the_providers_base_url_is_done(registry):
    """t67f (OpenHands' config.toml on MiniMax): the advice followed, check goes green."""
    provider = dataclasses.replace(registry.get("acme"), frameworks={})
    done = '[llm]\nmodel = "openai/acme-large"\nbase_url = "https://api.acme.example/v1"\n'
    assert ml503(registry, "config.toml", done, provider=provider) == (done, [])
    assert ml503(registry, "config.toml", done, WITH_A_CLIENT, provider) == (done, [])
    # a model the provider does not list, or one an OpenAI client sends as it is, stays red
    odd = done.replace("acme-large", "gpt-35-turbo")  # an Azure deployment's name
    assert [f.data for f in ml503(registry, "config.toml", odd, provider=provider)[1]] == [
        {"model_from": "openai/gpt-35-turbo", "url_line": 3}
    ]
    found = ml503(registry, "config.toml", done, RunFacts(), provider)[1]
    assert [(f.line, f.fix, f.data) for f in found] == [
        (2, FixClass.MANUAL, {"model_from": "openai/acme-large", "url_line": 3})
    ]


def test_an_embeddings_model_litellm_reads_is_left_to_a_person(registry):
    text = "embedder:\n  model: text-embedding-3-small\n"
    after, [finding] = ml503(registry, "config.yaml", text)
    assert after == text
    assert (finding.fix, finding.message) == (
        FixClass.MANUAL,
        "text-embedding-3-small is an OpenAI model; it maps to acme-embed on Acme Cloud, but "
        f"{ONLY} ({SENDS}): write openai/acme-embed with Acme Cloud's api_base and key there, "
        "by hand",
    )


def test_a_provider_model_without_the_route_where_litellm_reads_it_is_an_error(registry):
    """As an earlier apply wrote it: litellm knows no provider for it."""
    text = 'llm:\n  model: "acme-large"\n'
    after, [finding] = ml503(registry, "profile.yaml", text)
    assert after == 'llm:\n  model: "acme/acme-large"\n'
    assert finding.message == (
        'acme-large has no provider prefix, so litellm fails on it ("LLM Provider NOT '
        f'provided"): {ONLY}; apply writes acme/acme-large'
    )
    assert (finding.fix, finding.severity) == (FixClass.REVIEW, Severity.ERROR)
    assert finding.data == {
        "model_from": "acme-large",
        "model_to": "acme/acme-large",
        "litellm_route": "acme",
    }
    assert ml503(registry, "profile.yaml", after) == (after, [])
    # named for litellm in a project with a client too: written on the route; not named so,
    # left with both spellings (t67b: the client takes it bare); without litellm: fine
    named = "LITELLM_MODEL=acme-small\nMODEL=acme-small\n"
    after, [finding, either] = ml503(registry, ".env", named, WITH_A_CLIENT)
    assert after == "LITELLM_MODEL=acme/acme-small\nMODEL=acme-small\n"
    assert finding.message.endswith("its key says litellm reads it; apply writes acme/acme-small")
    assert (either.line, either.fix, either.severity, either.edit) == (
        2,
        FixClass.MANUAL,
        Severity.WARNING,
        None,
    )
    assert either.message.endswith(
        "write acme/acme-small where litellm reads it, acme-small where an OpenAI client does, "
        "by hand (where only an OpenAI client reads it, record that with `# migrate-llm: "
        "ignore[ML503]` on the line above)"
    )
    # a variable no file calling litellm names is still both readers' (review r5: a settings
    # module the litellm module imports may read it; r2 t2's client-only case warns, falsely)
    assert ml503(registry, ".env", named, WITH_A_CLIENT)[1] == [finding, either]
    assert ml503(registry, "profile.yaml", text, RunFacts()) == (text, [])
    # an embeddings model of the provider fails in litellm's embedding() too (t67e); acme/
    # sends no embeddings (not in EMBEDDINGS_ROUTES): the OpenAI-compatible route, by hand
    embedder = "embedder:\n  model: acme-embed\n"
    after, [finding] = ml503(registry, "c.yaml", embedder)
    assert after == embedder
    assert (finding.fix, finding.severity, finding.message) == (
        FixClass.MANUAL,
        Severity.ERROR,
        'acme-embed has no provider prefix, so litellm fails on it ("LLM Provider NOT '
        f"provided\"): {ONLY}; write openai/acme-embed with Acme Cloud's api_base and key "
        "there, by hand",
    )


def test_a_provider_model_in_a_script_is_left_to_a_person(registry):
    text = "python app.py --model acme-large\n"
    after, [finding] = ml503(registry, "run.sh", text)
    assert after == text
    assert (finding.fix, finding.severity) == (FixClass.MANUAL, Severity.ERROR)
    assert finding.message.endswith(f"{ONLY}; write acme/acme-large there, by hand")


@pytest.mark.parametrize(
    ("path", "text", "after", "sign"),
    [
        pytest.param(
            "vision.yaml",
            'llm:\n  model: "gpt-4o"\n  supports_vision: True\n  max_tokens: 4096\n',
            'llm:\n  model: "acme-vision"\n  supports_vision: True\n  max_tokens: 4096\n',
            "supports_vision: True",
            id="yaml",
        ),
        pytest.param(
            "settings.json",
            '{"chat": {"model": "gpt-4o-mini", "vision" : true}}',
            '{"chat": {"model": "acme-vision", "vision" : true}}',
            "vision: true",
            id="json",
        ),
        pytest.param(
            "settings.toml",
            '[llm]\nsupports_vision = true\nmodel = "gpt-4o"\n',
            '[llm]\nsupports_vision = true\nmodel = "acme-vision"\n',
            "supports_vision: true",
            id="toml, the switch first",
        ),
        pytest.param(
            "app.ini",
            "[llm]\nmodel = gpt-4o\nenable_vision = yes\n",
            "[llm]\nmodel = acme-vision\nenable_vision = yes\n",
            "enable_vision: yes",
            id="ini",
        ),
    ],
)
def test_a_model_whose_mapping_says_it_reads_images_gets_the_vision_model(
    registry, path, text, after, sign
):
    provider = with_vision(registry)
    done, [finding] = ml503(registry, path, text, RunFacts(), provider)
    assert done == after
    model = finding.data["model_from"]
    assert finding.message == (
        f"{model} is an OpenAI model; it maps to acme-vision on Acme Cloud, its model for "
        f"images ({sign})"
    )
    assert ml503(registry, path, done, RunFacts(), provider) == (done, [])


def test_a_vision_switch_off_elsewhere_or_in_a_dotenv_says_nothing(registry):
    provider = with_vision(registry)
    text = (
        "a:\n  model: gpt-4o\n  supports_vision: false\n"
        "b:\n  model: gpt-4o\n  no_vision: true\n"
        "c:\n  model: gpt-4o\n  options:\n    vision: true\n"
        "d:\n  model: gpt-4o\n  vision:\n    detail: high\n"
    )
    after, _ = ml503(registry, "config.yaml", text, RunFacts(), provider)
    assert after == text.replace("gpt-4o", "acme-large")
    dotenv = "MODEL=gpt-4o\nSUPPORTS_VISION=true\n"
    after, _ = ml503(registry, ".env", dotenv, RunFacts(), provider)
    assert after == "MODEL=acme-large\nSUPPORTS_VISION=true\n"


def test_a_vision_model_litellm_reads_is_routed(registry):
    text = 'llm:\n  model: "gpt-4o"\n  supports_vision: True\n'
    after, [finding] = ml503(registry, "vision.yaml", text, LITELLM_ONLY, with_vision(registry))
    assert after == 'llm:\n  model: "acme/acme-vision"\n  supports_vision: True\n'
    assert finding.message == (
        "gpt-4o is an OpenAI model; it maps to acme/acme-vision on Acme Cloud, its model for "
        f"images (supports_vision: True), on litellm's route for it: {ONLY} ({SENDS})"
    )


def test_a_vision_mapping_on_a_provider_without_a_vision_model_is_left(registry):
    text = "llm:\n  model: gpt-4o\n  supports_vision: true\n"
    after, [finding] = ml503(registry, "vision.yaml", text, RunFacts())
    assert after == text
    assert (finding.fix, finding.message) == (
        FixClass.MANUAL,
        "gpt-4o is an OpenAI model, for images here (supports_vision: true), and Acme Cloud "
        "names no model that takes images; choose one from https://docs.acme.example/openai "
        "(or pass --model gpt-4o=NAME)",
    )


def test_deepseeks_vision_profile_gets_its_model_for_images(registry):
    """open-interpreter's vision.yaml: DeepSeek's `gpt-4o` is text-only deepseek-v4-pro."""
    text = 'llm:\n  model: "gpt-4o"\n  temperature: 0\n  supports_vision: True\n'
    deepseek = registry.get("deepseek")
    after, _ = ml503(registry, "vision.yaml", text, LITELLM_ONLY, deepseek)
    assert after == text.replace('"gpt-4o"', '"deepseek/deepseek-flash"')
    after, _ = ml503(registry, "vision.yaml", text, RunFacts(), deepseek)
    assert after == text.replace('"gpt-4o"', '"deepseek-flash"')


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("python", "from openai import OpenAI\nclient = OpenAI()\n"),
        ("python", "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model=m)\n"),
        ("python", "import openai\nopenai.ChatCompletion.create(model=m, messages=q)\n"),
        ("python", "import openai\nr = openai.chat.completions.create(model=m)\n"),
        ("python", "import openai\nclient = openai.Client()\n"),
        ("javascript", 'import OpenAI from "openai";\nconst client = new OpenAI();\n'),
    ],
)
def test_screening_tells_a_module_using_an_openai_client(kind, text):
    assert facts_of(kind, text.encode(), True, True, None) & USES_OPENAI_CLIENT


@pytest.mark.parametrize(
    "text",
    [
        "import openai\n",  # open-interpreter's respond.py: imported, never used
        "#     engine = OpenAIEngine()\n",
        "try:\n    pass\nexcept openai.OpenAIError:\n    raise OpenAIError('x')\n",
        "class MyOpenAI(Base):\n    pass\n",
        "import litellm\nlitellm.completion(model=m, messages=q)\n",
        "from openai.types.chat import ChatCompletion\n",
    ],
)
def test_screening_does_not_take_other_mentions_for_a_client(text):
    assert not facts_of("python", text.encode(), True, True, None) & USES_OPENAI_CLIENT
    assert RunFacts.of_bits(USES_OPENAI_CLIENT).openai_client_used


ACME = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
# a module already on litellm's route (a model chosen at run time would keep ML640's
# warning): only the profiles are left
APP = (
    "import litellm\n\n\n"
    "def ask(messages):\n"
    '    return litellm.completion(model="acme/acme-large", messages=messages)\n'
)


def test_scan_apply_and_check_agree_on_a_profile_litellm_reads(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "profile.yaml").write_text(PROFILE)
    (tmp_path / "vision.yaml").write_text('llm:\n  model: "acme-large"\n')
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", ".", *ACME, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    found = [
        (f["path"], f["rule"], f["severity"], f["fix"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
    ]
    routed = {"model_to": "acme/acme-large", "litellm_route": "acme"}
    assert found == [
        ("profile.yaml", "ML503", "warning", "review", {"model_from": "gpt-4o", **routed}),
        ("vision.yaml", "ML503", "error", "review", {"model_from": "acme-large", **routed}),
    ]
    check = runner.invoke(app, ["check", ".", *ACME, "--no-cache"])
    assert check.exit_code == 1
    assert check.stdout.splitlines()[1] == (
        'vision.yaml:2:10 ML503 acme-large has no provider prefix, so litellm fails on it ("LLM '
        f'Provider NOT provided"): {ONLY}; apply writes acme/acme-large'
    )
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "profile.yaml").read_text() == PROFILE.replace(
        '"gpt-4o"', '"acme/acme-large"'
    )
    assert (tmp_path / "vision.yaml").read_text() == 'llm:\n  model: "acme/acme-large"\n'
    assert (tmp_path / "app.py").read_text() == APP
    check = runner.invoke(app, ["check", ".", *ACME, "--no-cache"])
    assert (check.exit_code, check.stdout) == (0, "0 findings for acme in 0 of 3 files\n")
    again = runner.invoke(app, ["apply", ".", *ACME, "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""
