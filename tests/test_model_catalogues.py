"""ML503 and catalogues of per-model settings: a list of records named by their model (an app's
`- name: gpt-4o` with that model's settings below it) is left whole, one manual finding a
record, where renaming the records would turn several into one model's; other lists of
mappings are migrated as before."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

# Two records that would both be acme-large, one that maps elsewhere, one another provider's,
# one of OpenAI's litellm route: a catalogue an app looks settings up in by name.
SETTINGS = (
    "- name: gpt-4o\n"
    "  edit_format: diff\n"
    "  weak_model_name: gpt-4o-mini\n"
    "\n"
    "- name: gpt-4-turbo\n"
    "  edit_format: udiff\n"
    "  weak_model_name: gpt-4o-mini\n"
    "  extra:\n"
    "    fallbacks: [gpt-3.5-turbo]\n"
    "\n"
    "- name: openai/gpt-4o-mini\n"
    "  weak_model_name: gpt-4o-mini\n"
    "\n"
    "- name: claude-3-haiku\n"
    "  weak_model_name: gpt-4o-mini\n"
)


def migrate(registry: Registry, path: str, text: str) -> tuple[str, list[Finding]]:
    """`text` with the edits of its ML503 findings for acme applied, and those findings."""
    ctx = RuleContext(registry, registry.get("acme"))
    findings = [f for f in check_config(path, text, ctx) if f.rule == "ML503"]
    new, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    return new, findings


def rows(findings: list[Finding]) -> list[tuple[int, str, str]]:
    return [(f.line, f.fix.value, f.message) for f in findings]


def test_a_catalogue_keeps_each_record_whole_and_says_which_to_add(registry):
    after, findings = migrate(registry, "model-settings.yml", SETTINGS)
    assert after == SETTINGS.replace(
        "- name: claude-3-haiku\n  weak_model_name: gpt-4o-mini\n",
        "- name: claude-3-haiku\n  weak_model_name: acme-small\n",
    )
    head = "names a record of a catalogue of per-model settings (name:): apply leaves the record"
    assert rows(findings) == [
        (
            1,
            "manual",
            f"gpt-4o {head}, as writing acme-large there would make two records of one model; "
            "add one for acme-large by hand",
        ),
        (
            5,
            "manual",
            f"gpt-4-turbo {head}, as writing acme-large there would make two records of one "
            "model; add one for acme-large by hand",
        ),
        (
            11,
            "manual",
            f"openai/gpt-4o-mini {head}, as its settings are gpt-4o-mini's, not acme-small's; add "
            "one for acme/acme-small by hand",
        ),
        (15, "review", "gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud"),
    ]
    assert findings[0].data == {
        "model_from": "gpt-4o",
        "record_key": "name",
        "record_for": "acme-large",
    }
    # a second run: the same records left, nothing to edit
    again, second = migrate(registry, "model-settings.yml", after)
    assert again == after
    assert [f.message for f in second] == [f.message for f in findings[:3]]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param(
            "models.json",
            '[{"id": "gpt-4o", "context": 128000}, {"id": "gpt-4o-mini", "context": 128000}]\n',
            id="json-records-by-id",
        ),
        pytest.param(
            "models.toml",
            '[[models]]\nname = "gpt-4o"\nsmall = "gpt-4o-mini"\n\n'
            '[[models]]\nname = "gpt-4o-mini"\n',
            id="toml-array-of-tables",
        ),
        pytest.param(
            "benchmarks.yml",
            "- run: one\n  model: gpt-4o\n  prompt_tokens: 512\n"
            "- run: two\n  model: gpt-4-0613\n  prompt_tokens: 640\n",
            id="records-by-model-that-would-become-one",
        ),
    ],
)
def test_catalogues_by_id_name_or_clashing_model_are_left_for_a_person(registry, path, text):
    after, findings = migrate(registry, path, text)
    assert after == text
    assert len(findings) == 2
    assert {f.fix for f in findings} == {FixClass.MANUAL}
    assert all("names a record of a catalogue of per-model settings" in f.message for f in findings)


def test_a_record_that_maps_alone_says_its_settings_are_another_models(registry):
    _, findings = migrate(registry, "models.json", '[{"id": "gpt-4o"}, {"id": "gpt-4o-mini"}]')
    assert findings[0].message == (
        "gpt-4o names a record of a catalogue of per-model settings (id:): apply leaves the "
        "record, as its settings are gpt-4o's, not acme-large's; add one for acme-large by hand"
    )


def test_an_unmapped_record_names_the_candidates(registry):
    _, findings = migrate(registry, "models.yml", "- id: o3-mini\n- id: gpt-4o\n")
    assert findings[0].message == (
        "o3-mini names a record of a catalogue of per-model settings (id:): apply leaves the "
        "record; add one for the Acme Cloud model that replaces it (acme-large, acme-medium, "
        "acme-small) by hand"
    )
    assert "record_for" not in findings[0].data


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        pytest.param(
            "agents.yml",
            "agents:\n  - name: writer\n    model: gpt-4o\n  - name: critic\n    model: gpt-4o\n",
            "agents:\n  - name: writer\n    model: acme-large\n"
            "  - name: critic\n    model: acme-large\n",
            id="records-named-otherwise-whose-model-is-a-setting",
        ),
        pytest.param(
            "llms.yml",
            "- model: gpt-4o\n  temperature: 0\n- model: gpt-4o-mini\n",
            "- model: acme-large\n  temperature: 0\n- model: acme-small\n",
            id="records-by-model-that-stay-apart",
        ),
        pytest.param(
            "endpoints.json",
            '[{"model": "gpt-4o", "base_url": "https://api.acme.example/v1"},\n'
            ' {"model": "gpt-4-turbo", "base_url": "https://api.acme.example/v1"}]\n',
            '[{"model": "acme-large", "base_url": "https://api.acme.example/v1"},\n'
            ' {"model": "acme-large", "base_url": "https://api.acme.example/v1"}]\n',
            id="a-list-of-endpoints",
        ),
        pytest.param(
            "one.yml",
            "- name: gpt-4o\n  edit_format: diff\n",
            "- name: acme-large\n  edit_format: diff\n",
            id="a-record-alone",
        ),
    ],
)
def test_other_lists_of_mappings_are_migrated_as_before(registry, path, text, expected):
    after, findings = migrate(registry, path, text)
    assert after == expected
    assert {f.fix for f in findings} == {FixClass.REVIEW}


def test_people_named_like_old_models_are_not_a_catalogue(registry):
    text = "- name: ada\n  role: admin\n- name: babbage\n  role: user\n"
    assert migrate(registry, "people.yml", text) == (text, [])


def test_a_short_name_counts_beside_hyphenated_model_names(registry):
    text = "- name: o1\n  weak_model_name: gpt-4o-mini\n- name: gpt-4o\n"
    after, findings = migrate(registry, "settings.yml", text)
    assert after == text
    assert [f.data["model_from"] for f in findings] == ["o1", "gpt-4o"]


def test_scan_check_and_apply_agree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model-settings.yml").write_text(SETTINGS)
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", ".", *ACME, "--format", "json"])
    found = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML503"]
    assert [(f["line"], f["fix"]) for f in found] == [
        (1, "manual"),
        (5, "manual"),
        (11, "manual"),
        (15, "review"),
    ]
    assert found[2]["data"] == {
        "model_from": "openai/gpt-4o-mini",
        "record_key": "name",
        "record_for": "acme/acme-small",
    }
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "model-settings.yml").read_text() == SETTINGS.replace(
        "- name: claude-3-haiku\n  weak_model_name: gpt-4o-mini\n",
        "- name: claude-3-haiku\n  weak_model_name: acme-small\n",
    )
    check = runner.invoke(app, ["check", ".", *ACME, "--format", "json"])
    assert check.exit_code == 1
    left = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["line"], f["fix"]) for f in left] == [
        ("ML503", 1, "manual"),
        ("ML503", 5, "manual"),
        ("ML503", 11, "manual"),
    ]
