"""ML503: a model a config file lists and also keys a table by (chatgpt_telegram_bot's
`available_text_models` beside `info:`, looked up as `info[model]`) changes with the table or
not at all: apply leaves the table (its entries would stand for another model), so it leaves
the listed model too, until the table holds an entry for the model it maps to."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .test_fix_truth import assert_fix_truth

MODELS = (
    'available_text_models: ["gpt-4o-mini", "gpt-4o", "gpt-3.5-turbo"]\n'
    "info:\n"
    "  gpt-4o-mini:\n"
    "    price: 1\n"
    "  gpt-4o:\n"
    "    price: 2\n"
)


def migrated(registry, text, name="models.yml", provider="acme"):
    """(ML503 findings as (line, column, fix, message), text after apply); scan's fix classes
    are what apply does, and a second apply changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, "yaml", name, name, Path(name))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "yaml", name, name, Path(name))
    assert again.after == change.after and not again.fixed
    found = [(f.line, f.column, f.fix.value, f.message) for f in change.findings]
    return found, change.after


def test_a_listed_model_that_keys_a_table_stays_with_the_table(registry):
    found, after = migrated(registry, MODELS)
    # gpt-3.5-turbo keys no table: mapped as any listed model
    assert after == MODELS.replace('"gpt-3.5-turbo"]', '"acme-small"]')
    assert found == [
        (
            1,
            25,
            "manual",
            "gpt-4o-mini is an OpenAI model; it maps to acme-small on Acme Cloud, but it is also "
            "a key of the table info, which apply leaves (its entry would stand for another "
            "model): add an entry for acme-small there (keep gpt-4o-mini's: "
            "code naming it moves once that is there), then change this value, by hand",
        ),
        (
            1,
            40,
            "manual",
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, but it is also a "
            "key of the table info, which apply leaves (its entry would stand for another "
            "model): add an entry for acme-large there (keep gpt-4o's: "
            "code naming it moves once that is there), then change this value, by hand",
        ),
        (
            1,
            50,
            "review",
            "gpt-3.5-turbo is an OpenAI model; it maps to acme-small on Acme Cloud",
        ),
        (
            3,
            3,
            "manual",
            "gpt-4o-mini and 1 more are keys of a table keyed by OpenAI model: after the switch "
            "the program looks up Acme Cloud's models there (acme-large, acme-small); add "
            "entries for them by hand",
        ),
    ]


def test_once_the_table_has_the_providers_entry_the_listed_model_is_mapped(registry):
    text = MODELS + "  acme-small:\n    price: 1\n"
    found, after = migrated(registry, text)
    # gpt-3.5-turbo maps to acme-small as well, which the list then holds before it
    assert after.startswith('available_text_models: ["acme-small", "gpt-4o"]\n')
    assert [(line, column, fix) for line, column, fix, _ in found] == [
        (1, 25, "review"),
        (1, 40, "manual"),
        (1, 50, "review"),
        (3, 3, "manual"),
    ]


def test_a_default_naming_a_key_of_the_table_stays_too(registry):
    text = "default: gpt-4o\nlimits:\n  gpt-4o: 8000\n"
    found, after = migrated(registry, text, name="config.yaml")
    assert after == text
    assert [(line, fix) for line, _, fix, _ in found] == [(1, "manual"), (3, "manual")]


def test_a_model_no_table_is_keyed_by_is_mapped(registry):
    text = "model: gpt-4o\nlimits:\n  gpt-4o-mini: 8000\n"
    found, after = migrated(registry, text, name="config.yaml")
    assert after == "model: acme-large\nlimits:\n  gpt-4o-mini: 8000\n"
    assert [(line, fix) for line, _, fix, _ in found] == [(1, "review"), (3, "manual")]
