"""ML662: AutoGen's `OAI_CONFIG_LIST` file is read as JSON, and entries that go to OpenAI by
default are reported for a person (no edit: the key in the file would go to the provider)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config
from migrate_llm.rules.framework_autogen_file import AutogenConfigFile

from .conftest import ACME_DIR

RULES = (AutogenConfigFile,)
CONFIG_LIST = """\
[
    {
        "model": "gpt-4o",
        "api_key": "<your key>"
    },
    {"model": "gpt-4o-mini", "api_type": "openai"},
    {"model": "acme-large", "base_url": "https://api.acme.example/v1", "api_key": "<k>"},
    {"model": "gpt-35-turbo", "api_type": "azure", "api_key": "<k>"},
    {"api_key": "<no model>"}
]
"""


def findings(registry: Registry, path: str, text: str, provider: str | None = "acme"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return check_config(path, text, ctx, rules=RULES)


def test_entries_without_base_url(registry):
    found = findings(registry, "OAI_CONFIG_LIST", CONFIG_LIST)
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [
        (3, 9, 3, 16),
        (6, 6, 6, 13),
    ]
    first = found[0]
    assert (first.rule, first.category) == ("ML662", "framework")
    assert (first.severity, first.fix, first.edit) == (Severity.ERROR, FixClass.MANUAL, None)
    assert first.message == (
        "this OAI_CONFIG_LIST entry has no base_url, so AutoGen sends it, with the entry's "
        "api_key (or OPENAI_API_KEY), to OpenAI's URL unless the client that reads it supplies "
        "another: for Acme Cloud add "
        '"base_url": "https://api.acme.example/v1" and put your Acme Cloud key in "api_key", '
        "together"
    )
    assert first.data == {
        "framework": "autogen",
        "model": "gpt-4o",
        "base_url": "https://api.acme.example/v1",
        "api_key_env": "ACME_API_KEY",
    }


def test_file_names(registry):
    assert len(findings(registry, "notebooks/OAI_CONFIG_LIST.json", CONFIG_LIST)) == 2
    assert findings(registry, "settings.json", CONFIG_LIST) == []
    assert findings(registry, "OAI_CONFIG_LIST", CONFIG_LIST, provider="openai") == []
    [plain, _] = findings(registry, "OAI_CONFIG_LIST", CONFIG_LIST, provider=None)
    assert plain.message.endswith("; `migrate-llm scan --provider ID` says what to set")
    assert "base_url" not in plain.data


def test_scan_reads_the_file_without_extension(tmp_path, monkeypatch):
    (tmp_path / "OAI_CONFIG_LIST").write_text(CONFIG_LIST)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app,
        ["scan", ".", "--providers-dir", str(ACME_DIR), "--provider", "acme", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rules = [(f["path"], f["line"], f["rule"]) for f in report["findings"]]
    assert ("OAI_CONFIG_LIST", 3, "ML662") in rules
    assert ("OAI_CONFIG_LIST", 6, "ML662") in rules


def test_the_model_of_an_entry_that_goes_to_openai_is_left_with_it(registry, tmp_path):
    from migrate_llm.engine import FileScanner

    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)
    text = '[{"model": "gpt-4o", "api_key": "<your key>"}]\n'
    change = scanner.migrate_text(text, "json", "OAI_CONFIG_LIST", "OAI_CONFIG_LIST")
    assert change.after == text
    model = next(f for f in change.findings if f.rule == "ML503")
    assert (model.fix, model.message) == (
        FixClass.MANUAL,
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but this entry has no "
        "base_url, so it goes to OpenAI's URL unless the client that reads it supplies another "
        "(see ML662): change it with the base URL and the key, by hand",
    )


def test_tags_are_labels_not_models(registry, tmp_path):
    """`filter_config(config_list, {"tags": ["gpt-4"]})` matches an entry's tags as labels:
    rewritten to the provider's model, the program's filters stopped matching."""
    from migrate_llm.engine import FileScanner

    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)
    text = (
        '[{"model": "gpt-4o", "base_url": "https://api.acme.example/v1", "api_key": "<k>",\n'
        '  "tags": ["gpt-4o", "tool"]},\n'
        ' {"model": "gpt-4o-mini", "tags": "gpt-4o-mini"}]\n'
    )
    change = scanner.migrate_text(text, "json", "OAI_CONFIG_LIST", "OAI_CONFIG_LIST")
    assert change.after == text.replace('"model": "gpt-4o",', '"model": "acme-large",')
    assert [(f.line, f.column, f.fix.value) for f in change.findings if f.rule == "ML503"] == [
        (1, 12, "review"),
        (3, 12, "manual"),
    ]
    again = scanner.migrate_text(change.after, "json", "OAI_CONFIG_LIST", "OAI_CONFIG_LIST")
    assert [f for f in again.findings if f.edit is not None] == []
    # elsewhere a list under `tags` mixing a model with a word holds labels too (t63c: a
    # GitHub payload's `"topics"`); the settings beside it are mapped
    other = scanner.migrate_text(text, "json", "models.json", "models.json")
    assert other.after == text.replace('"model": "gpt-4o",', '"model": "acme-large",').replace(
        '"gpt-4o-mini"', '"acme-small"'
    )
