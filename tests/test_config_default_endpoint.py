"""Config entries whose requests go to OpenAI or Azure OpenAI without an OpenAI URL in them:
`model_provider: openai` with no base URL (GraphRAG's settings.yaml) and an Azure endpoint with
deployment names. `apply` leaves them and `check` fails (ML502, ML503)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.model import FixClass
from migrate_llm.registry import Registry

from .cli_findings import cli as invoke
from .conftest import ACME_DIR
from .test_config_edits import migrate

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

OPENAI_ENTRIES = (
    "models:\n"
    '  chat: {model_provider: openai, model: gpt-4o, api_key: "${APP_API_KEY}"}\n'
    '  emb:  {model_provider: openai, model: text-embedding-3-small, api_key: "${APP_API_KEY}"}\n'
)
AZURE_ENTRY = (
    "chat:\n"
    "  model_provider: azure\n"
    "  api_base: https://myres.openai.azure.com\n"
    '  api_version: "2025-04-01-preview"\n'
    "  model: gpt-4o\n"
    "  azure_deployment_name: gpt-4o\n"
    "  api_key: ${APP_API_KEY}\n"
)


def apply_then_check(root: Path, name: str, text: str) -> tuple[bytes, int, list[str]]:
    """The file's bytes after `apply`, and `check`'s exit code and lines."""
    (root / name).write_text(text)
    assert invoke("apply", *ACME, "--yes", "-j", "1").exit_code == 0
    result = invoke("check", *ACME, "-j", "1")
    return (root / name).read_bytes(), result.exit_code, result.stdout.splitlines()


def test_entries_picking_openai_without_a_base_url_are_left_and_fail_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    after, code, lines = apply_then_check(tmp_path, "settings.yaml", OPENAI_ENTRIES)
    assert after == OPENAI_ENTRIES.encode()
    assert code == 1
    assert lines == [
        "settings.yaml:2:26 ML502 this entry picks OpenAI (model_provider: openai) and names no "
        "base URL: it goes to api.openai.com; add `api_base: https://api.acme.example/v1` and put "
        "Acme Cloud's key (from ACME_API_KEY) in place of the key on line 2 (${APP_API_KEY}), "
        "together",
        "settings.yaml:2:41 ML503 gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, "
        "but this entry picks OpenAI (model_provider: openai) and names no base URL, so it goes to "
        "OpenAI (see ML502): change it with the base URL and the key, by hand",
        "settings.yaml:3:26 ML502 this entry picks OpenAI (model_provider: openai) and names no "
        "base URL: it goes to api.openai.com; add `api_base: https://api.acme.example/v1` and put "
        "Acme Cloud's key (from ACME_API_KEY) in place of the key on line 3 (${APP_API_KEY}), "
        "together",
        "settings.yaml:3:41 ML503 text-embedding-3-small is an OpenAI model; it maps to acme-embed "
        "on Acme Cloud, but this entry picks OpenAI (model_provider: openai) and names no base "
        "URL, so it goes to OpenAI (see ML502): change it with the base URL and the key, by hand",
        "4 findings for acme in 1 of 1 file; 2 error, 2 warning, 0 note",
    ]


def test_an_entry_with_the_provider_url_is_migrated_and_passes_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = (
        "chat:\n  model_provider: openai\n  api_base: https://api.acme.example/v1\n"
        "  model: gpt-4o\n  api_key: ${ACME_API_KEY}\n"
    )
    after, code, lines = apply_then_check(tmp_path, "settings.yaml", before)
    assert after == before.replace("gpt-4o", "acme-large").encode()
    assert (code, lines) == (0, ["0 findings for acme in 0 of 1 file"])


def test_an_azure_entry_keeps_its_deployment_and_fails_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    after, code, lines = apply_then_check(tmp_path, "settings.yaml", AZURE_ENTRY)
    assert after == AZURE_ENTRY.encode()
    assert code == 1
    assert lines == [
        "settings.yaml:3:13 ML502 https://myres.openai.azure.com is an Azure OpenAI endpoint: this "
        "entry's models are deployments of your resource and its key is Azure's; left alone: move "
        "the entry to Acme Cloud by hand, all together: base URL https://api.acme.example/v1, "
        "`model_provider: openai`, Acme Cloud's model in place of the deployment and the key from "
        "ACME_API_KEY",
        "settings.yaml:5:10 ML503 gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, "
        "but this entry goes to Azure OpenAI and stays there (see ML502): change it with the base "
        "URL and the key, by hand",
        "settings.yaml:6:26 ML503 gpt-4o (azure_deployment_name) names a deployment of your Azure "
        "OpenAI resource, not a model; apply leaves it, and this entry goes to Azure OpenAI and "
        "stays there (see ML502)",
        "3 findings for acme in 1 of 1 file; 1 error, 2 warning, 0 note",
    ]


def test_an_entry_picking_azure_with_its_endpoint_in_a_variable(registry: Registry) -> None:
    text = (
        "chat:\n  model_provider: azure\n  api_base: ${GRAPHRAG_API_BASE}\n  model: gpt-4o\n"
        "  azure_deployment_name: gpt-4o\n"
    )
    after, findings = migrate(registry, "settings.yaml", text)
    assert after == text
    assert [(f.rule, f.line, f.fix) for f in findings] == [
        ("ML502", 2, FixClass.MANUAL),
        ("ML503", 4, FixClass.MANUAL),
        ("ML503", 5, FixClass.MANUAL),
    ]
    assert findings[0].message == (
        "this entry picks Azure OpenAI (model_provider: azure): its models are deployments of "
        "your resource and its key is Azure's; left alone: move the entry to Acme Cloud by hand, "
        "all together: base URL https://api.acme.example/v1, `model_provider: openai`, Acme "
        "Cloud's model in place of the deployment and the key from ACME_API_KEY"
    )


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param(
            "settings.json",
            '{"llm": {\n  "provider": "openai",\n  "model": "gpt-4o", "api_key": "${APP_KEY}"}}\n',
            id="json-provider",
        ),
        pytest.param(
            "settings.toml",
            '[llm]\nllm_provider = "OpenAI"\nmodel_name = "gpt-4o"\n',
            id="toml-llm-provider",
        ),
        pytest.param(
            "settings.yaml",
            "llm:\n  type: openai_chat\n  model: gpt-4o\n  api_base: ''\n",
            id="graphrag-1-type-with-an-empty-base",
        ),
    ],
)
def test_selector_forms_that_pick_openai(registry: Registry, path: str, text: str) -> None:
    after, findings = migrate(registry, path, text)
    assert after == text
    assert [(f.rule, f.line, f.fix) for f in findings] == [
        ("ML502", 2, FixClass.MANUAL),
        ("ML503", 3, FixClass.MANUAL),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("llm:\n  model: gpt-4o\n", id="no-selector"),
        pytest.param("llm:\n  type: openai_compatible\n  model: gpt-4o\n", id="compatible"),
        pytest.param("llm:\n  provider: custom\n  model: gpt-4o\n", id="another-pick"),
        pytest.param(
            "llm:\n  model_provider: openai\n  base_url: ${LLM_BASE_URL}\n  model: gpt-4o\n",
            id="a-base-url-variable",
        ),
    ],
)
def test_other_entries_keep_their_model_mapping(registry: Registry, text: str) -> None:
    after, findings = migrate(registry, "settings.yaml", text)
    assert after == text.replace("gpt-4o", "acme-large")
    # a base URL read from the program's own variable: a note naming it (t51a)
    noted = [("ML502", FixClass.MANUAL)] if "${LLM_BASE_URL}" in text else []
    assert [(f.rule, f.fix) for f in findings] == [*noted, ("ML503", FixClass.REVIEW)]


def test_openai_and_azure_targets(registry: Registry) -> None:
    assert migrate(registry, "settings.yaml", OPENAI_ENTRIES, provider="openai")[1] == []
    _, findings = migrate(registry, "settings.yaml", AZURE_ENTRY, provider="azure")
    # already on the target: no endpoint finding, the deployment name is not a model to map
    assert [(f.rule, f.line) for f in findings] == [("ML503", 5)]


def test_a_deployment_variable_is_never_rewritten(registry: Registry) -> None:
    text = "AZURE_OPENAI_DEPLOYMENT=gpt-4o\nDEPLOYMENT_NAME=gpt-4o-mini\n"
    after, findings = migrate(registry, ".env", text)
    assert after == text
    assert [(f.rule, f.fix, f.message) for f in findings if f.rule == "ML503"] == [
        (
            "ML503",
            FixClass.MANUAL,
            "gpt-4o (AZURE_OPENAI_DEPLOYMENT) names a deployment of your Azure OpenAI resource, "
            "not a model; apply leaves it: where it reaches Acme Cloud, name Acme Cloud's model "
            "there instead (the model table says acme-large)",
        ),
        (
            "ML503",
            FixClass.MANUAL,
            "gpt-4o-mini (DEPLOYMENT_NAME) names a deployment of your Azure OpenAI resource, not "
            "a model; apply leaves it: where it reaches Acme Cloud, name Acme Cloud's model there "
            "instead (the model table says acme-small)",
        ),
    ]


@pytest.mark.parametrize(
    "name, text, column",
    [
        ("settings.yaml", "chat:\n  model_provider: openai\n  model: acme-large\n", 19),
        ("llm.json", '{"chat": {"provider": "openai", "model": "acme-large"}}\n', 23),
        ("llm.toml", '[chat]\napi_type = "openai"\nmodel = "acme-large"\n', 12),
    ],
)
def test_an_entry_already_naming_the_providers_model_still_fails_check(
    tmp_path, monkeypatch, name, text, column
):
    # graphrag: a user who changed only the model (or an earlier apply) still went to
    # api.openai.com, and the file, naming no OpenAI model, never reached the rules
    monkeypatch.chdir(tmp_path)
    after, code, lines = apply_then_check(tmp_path, name, text)
    assert (after, code) == (text.encode(), 1)
    line = 1 if name == "llm.json" else 2
    assert lines[0].startswith(f"{name}:{line}:{column} ML502 this entry picks OpenAI (")


# gpt-pilot tests/config/testconfig.json: an agent picks `llm.openai` by name, whose OpenAI
# base URL ML502 leaves because a literal key sits beside it (t51h)
PICKED = (
    '{\n  "llm": {"openai": {"base_url": "https://api.openai.com/v1", "api_key": "sk-openai"}},\n'
    '  "agent": {"default": {"provider": "openai", "model": "gpt-4-turbo"}}\n}\n'
)


def test_a_model_stays_where_the_url_its_selector_picks_stays(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    after, code, lines = apply_then_check(tmp_path, "settings.json", PICKED)
    assert after == PICKED.encode()
    assert code == 1
    assert lines[1:3] == [
        "settings.json:3:56 ML503 gpt-4-turbo is an OpenAI model; it maps to acme-large on Acme "
        "Cloud, but this entry picks llm.openai (provider: openai), whose OpenAI endpoint (line 2) "
        "stays (see ML502): change it with the base URL and the key, by hand",
        "2 findings for acme in 1 of 1 file; 1 error, 1 warning, 0 note",
    ]
    assert lines[0].startswith("settings.json:2:34 ML502 https://api.openai.com/v1 is OpenAI's")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(', "api_key": "sk-openai"', "", id="no-key: ML502 switches the URL"),
        pytest.param("https://api.openai.com/v1", "https://api.acme.example/v1", id="provider"),
        pytest.param('"base_url": "https://api.openai.com/v1"', '"base_url": null', id="null"),
    ],
)
def test_a_model_moves_with_the_url_its_selector_picks(registry: Registry, old, new) -> None:
    text = PICKED.replace(old, new)
    after, findings = migrate(registry, "settings.json", text)
    assert '"model": "acme-large"' in after
    assert [f.fix for f in findings if f.rule == "ML503"] == [FixClass.REVIEW]


def test_two_mappings_of_the_picked_name_must_both_stay(registry: Registry) -> None:
    # `embeddings.openai` names no OpenAI URL: which one the agent reads is not known here
    text = PICKED.replace('"agent"', '"embeddings": {"openai": {"base_url": null}},\n  "agent"')
    after, _ = migrate(registry, "settings.json", text)
    assert '"model": "acme-large"' in after


def test_a_model_beside_an_openai_endpoint_with_a_path_stays(registry: Registry) -> None:
    text = 'llm:\n  base_url: "https://api.openai.com/v1/chat/completions"\n  model: "gpt-4o"\n'
    after, findings = migrate(registry, "settings.yaml", text)
    assert after == text
    assert [(f.rule, f.fix, f.message) for f in findings] == [
        (
            "ML502",
            FixClass.MANUAL,
            "https://api.openai.com/v1/chat/completions is OpenAI's endpoint but not its plain "
            "base URL; replace the OpenAI part with Acme Cloud's base URL "
            "https://api.acme.example/v1 by hand and check the path after it",
        ),
        (
            "ML503",
            FixClass.MANUAL,
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but the OpenAI "
            "endpoint beside it stays until changed by hand (see ML502): change it with the base "
            "URL and the key, by hand",
        ),
    ]
