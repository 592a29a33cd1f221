"""ML503 leaves what describes a package (pyproject.toml's `[project]`, package.json's
documented fields, `keywords` and `classifiers` lists) and migrate-llm's own configuration;
in a tool's table of a pyproject.toml, only a value under a key naming a model is one."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config


def model_findings(registry: Registry, path: str, text: str, provider: str = "acme"):
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.fix.value, f.message, f.edit)
        for f in check_config(path, text, ctx)
        if f.rule == "ML503"
    ]


def migrated(registry: Registry, path: str, text: str) -> str:
    edits = [edit for *_, edit in model_findings(registry, path, text) if edit is not None]
    return apply_edits(text, edits)[0]


# gpt-cli's pyproject.toml: its keywords said "gpt-4", which apply made "deepseek-v4-pro"
PYPROJECT = (
    "[project]\n"
    'name = "gpt-command-line"\n'
    'description = "gpt-4o-mini"\n'
    'keywords = ["cli", "gpt-3", "gpt-4", "llm"]\n'
    "classifiers = [\n"
    '    "gpt-4o",\n'
    "]\n"
    "\n"
    "[project.optional-dependencies]\n"
    'gpt-4 = ["gpt-4o"]\n'
    "\n"
    "[build-system]\n"
    'requires = ["gpt-4o"]\n'
    "\n"
    "[dependency-groups]\n"
    'dev = ["gpt-4o"]\n'
    "\n"
    "[tool.migrate-llm]\n"
    'provider = "acme"\n'
    "\n"
    "[tool.migrate-llm.models]\n"
    '"gpt-4o" = "acme-medium"\n'
    '"gpt-4o-mini" = "acme-small"\n'
    "\n"
    "[tool.codespell]\n"
    'ignore-words-list = "gpt-4"\n'
    "\n"
    "[tool.poetry]\n"
    'keywords = ["gpt-4o"]\n'
    'description = "gpt-4o"\n'
    "\n"
    "[tool.chatbot]\n"
    'default_model = "gpt-4o"\n'
    'fallback = "gpt-4o"\n'
    "\n"
    "[tool.chatbot.models]\n"
    'fast = "gpt-4o-mini"\n'
)


def test_pyproject_metadata_and_own_configuration_are_left(registry: Registry) -> None:
    found = model_findings(registry, "pyproject.toml", PYPROJECT)
    assert [(line, fix, message) for line, fix, message, _ in found] == [
        (33, "review", "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud"),
        (37, "review", "gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud"),
    ]
    after = migrated(registry, "pyproject.toml", PYPROJECT)
    assert after == PYPROJECT.replace(
        'default_model = "gpt-4o"', 'default_model = "acme-large"'
    ).replace('fast = "gpt-4o-mini"', 'fast = "acme-small"')
    assert [edit for *_, edit in model_findings(registry, "pyproject.toml", after) if edit] == []


def test_a_table_keyed_by_model_in_a_tools_table_is_still_one(registry: Registry) -> None:
    text = '[tool.chatbot.limits]\n"gpt-4o" = 8000\n'
    assert [
        (line, fix, message)
        for line, fix, message, _ in model_findings(registry, "pyproject.toml", text)
    ] == [
        (
            2,
            "manual",
            "gpt-4o is a key of a table keyed by OpenAI model: after the switch the program "
            "looks up Acme Cloud's models there (acme-large); add entries for them by hand",
        )
    ]


def test_a_tools_model_beside_an_openai_url_it_keeps_stays_with_it(registry: Registry) -> None:
    # the URL under a key naming no model still holds the model beside it back
    text = (
        "[tool.app]\n"
        'base_url = "https://api.openai.com/v1"\n'
        'api_key = "app-key-from-vault"\n'
        'model = "gpt-4o"\n'
    )
    assert [
        (line, fix, message)
        for line, fix, message, _ in model_findings(registry, "pyproject.toml", text)
    ] == [
        (
            4,
            "manual",
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but the OpenAI "
            "base URL beside it stays (see ML502): change it with the base URL and the key, by "
            "hand",
        )
    ]


def test_the_same_tables_elsewhere_are_settings(registry: Registry) -> None:
    # `[project]` describes a package only in a pyproject.toml; a `keywords` mapping is no label
    text = '[project]\nmodel = "gpt-4o"\n\n[keywords]\nextractor_model = "gpt-4o-mini"\n'
    assert migrated(registry, "settings.toml", text) == (
        '[project]\nmodel = "acme-large"\n\n[keywords]\nextractor_model = "acme-small"\n'
    )


PACKAGE_JSON = {
    "name": "gpt-4o",
    "description": "gpt-4",
    "keywords": ["openai", "gpt-4o"],
    "repository": {"type": "git", "url": "gpt-4o"},
    "dependencies": {"gpt-4": "gpt-4o"},
    "config": {"model": "gpt-4o"},
    "contributes": {"configuration": {"properties": {"app.model": {"default": "gpt-4o-mini"}}}},
}


def test_package_json_fields_are_left_and_its_settings_mapped(registry: Registry) -> None:
    text = json.dumps(PACKAGE_JSON, indent=2) + "\n"
    found = model_findings(registry, "web/package.json", text)
    assert [(line, fix) for line, fix, *_ in found] == [(16, "review"), (22, "review")]
    expected = dict(PACKAGE_JSON, config={"model": "acme-large"})
    expected["contributes"] = {
        "configuration": {"properties": {"app.model": {"default": "acme-small"}}}
    }
    assert migrated(registry, "web/package.json", text) == json.dumps(expected, indent=2) + "\n"


def test_keywords_and_classifiers_label_a_project_in_any_file(registry: Registry) -> None:
    cargo = '[package]\nname = "bot"\nkeywords = ["gpt-4o"]\n\n[settings]\nmodel = "gpt-4o"\n'
    assert migrated(registry, "Cargo.toml", cargo) == cargo.replace(
        'model = "gpt-4o"', 'model = "acme-large"'
    )
    codemeta = '{"keywords": "gpt-4o", "classifiers": ["gpt-4"], "model": "gpt-4o"}'
    assert [line for line, *_ in model_findings(registry, "codemeta.json", codemeta)] == [1]
    assert migrated(registry, "codemeta.json", codemeta) == codemeta.replace(
        '"model": "gpt-4o"', '"model": "acme-large"'
    )


def test_migrate_llm_toml_is_not_a_config_of_the_program(registry: Registry) -> None:
    text = 'provider = "acme"\n\n[models]\n"gpt-4o" = "acme-medium"\nfallback = "gpt-4o-mini"\n'
    assert model_findings(registry, "migrate-llm.toml", text) == []


GPT_CLI = (
    '[project]\nname = "gpt-command-line"\nkeywords = ["cli", "gpt-3", "gpt-4", "llm", "chatgpt"]\n'
)


def test_gpt_cli_keywords_stay_through_apply(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(GPT_CLI)
    (tmp_path / "app.py").write_text('from openai import OpenAI\n\nMODEL = "gpt-4"\n')
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    assert [f["path"] for f in json.loads(scan.stdout)["findings"]] == ["app.py"]
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app.py").read_text().endswith('MODEL = "deepseek-v4-pro"\n')
    assert (tmp_path / "pyproject.toml").read_text() == GPT_CLI
