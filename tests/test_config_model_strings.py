"""ML503 on model ids padded inside quotes or listed inside one string value: exact bytes
after `apply --provider acme`, scan's fix equal to apply's, and idempotence."""

from __future__ import annotations

import pytest

from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config


def model_findings(registry: Registry, path: str, text: str, provider: str | None = "acme"):
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [f for f in check_config(path, text, ctx) if f.rule == "ML503"]


def migrated(registry: Registry, path: str, text: str) -> tuple[str, list[Finding]]:
    findings = model_findings(registry, path, text)
    after, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    return after, findings


COMPOSE = (
    "services:\n"
    "  app:\n"
    "    environment:\n"
    "      LLM_MODEL: '  gpt-3.5-turbo   '\n"
    '      AVAIL_LLM_MODELS: \'  ["gpt-3.5-turbo", "gpt-4o", "acme-medium"]  \'\n'
    "      ONE: '[\"gpt-4o\"]'\n"
    "      PLAIN: gpt-4o\n"
    "      NOTE: '[\"not a model\"]'\n"
)
COMPOSE_AFTER = (
    "services:\n"
    "  app:\n"
    "    environment:\n"
    "      LLM_MODEL: '  acme-small   '\n"
    '      AVAIL_LLM_MODELS: \'  ["acme-small", "acme-large", "acme-medium"]  \'\n'
    "      ONE: '[\"acme-large\"]'\n"
    "      PLAIN: acme-large\n"
    "      NOTE: '[\"not a model\"]'\n"
)
DOTENV = (
    'M3=["gpt-4o","gpt-4"]\n'
    "M4=gpt-4o\n"
    'M5=" gpt-4o-mini "\n'
    "M6=['acme-small', 'gpt-4o-mini']  # models\n"
)
DOTENV_AFTER = (
    'M3=["acme-large"]\nM4=acme-large\nM5=" acme-small "\nM6=[\'acme-small\']  # models\n'
)


@pytest.mark.parametrize(
    ("path", "before", "after", "places"),
    [
        pytest.param(
            "docker-compose.yml",
            COMPOSE,
            COMPOSE_AFTER,
            [(4, 18), (5, 29), (5, 46), (6, 14), (7, 14)],
            id="compose",
        ),
        pytest.param(
            ".env", DOTENV, DOTENV_AFTER, [(1, 5), (1, 14), (2, 4), (3, 4), (4, 19)], id="dotenv"
        ),
    ],
)
def test_padded_and_listed_models_are_mapped_in_place(
    registry: Registry, path: str, before: str, after: str, places: list[tuple[int, int]]
) -> None:
    text, findings = migrated(registry, path, before)
    assert text == after
    assert [(f.line, f.column) for f in findings] == places
    assert all(f.edit is not None and f.fix is FixClass.REVIEW for f in findings)
    assert migrated(registry, path, text) == (text, [])


def test_a_listed_item_mapping_to_a_model_before_it_is_removed(registry: Registry) -> None:
    _, findings = migrated(registry, ".env", 'M3=["gpt-4o","gpt-4"]\n')
    assert [f.message for f in findings] == [
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
        "gpt-4 is an OpenAI model; it maps to acme-large on Acme Cloud, which the list holds "
        "before it: apply removes this item",
    ]
    assert [f.data for f in findings] == [
        {"model_from": "gpt-4o", "model_to": "acme-large"},
        {"model_from": "gpt-4", "model_to": "acme-large"},
    ]


def test_a_list_written_with_escapes_is_left_to_a_person(registry: Registry) -> None:
    before = 'M6="[\\"gpt-4o\\", \\"acme-small\\"]"\n'
    text, findings = migrated(registry, ".env", before)
    assert text == before
    assert [(f.line, f.column, f.end_column, f.fix, f.edit) for f in findings] == [
        (1, 4, 34, FixClass.MANUAL, None)
    ]
    assert findings[0].message == (
        "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud, in a list written with "
        "escapes in one string; change it by hand"
    )


def test_without_a_provider_each_listed_model_is_named(registry: Registry) -> None:
    findings = model_findings(registry, ".env", "MODELS=[' gpt-4o', \"o3-mini\"]\n", None)
    assert [(f.column, f.message) for f in findings] == [
        (9, "gpt-4o is an OpenAI model; pass --provider to see what replaces it"),
        (20, "o3-mini is an OpenAI model; pass --provider to see what replaces it"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "NOTE='[gpt-4o]'\n",  # not a list of strings
        "NOTE='see [\"gpt-4o\"] below'\n",
        "NOTE='[1, 2]'\n",
        "NAMES='[\"ada\"]'\n",  # a word, not under a model key
    ],
)
def test_strings_that_are_not_lists_of_models_are_left(registry: Registry, text: str) -> None:
    assert model_findings(registry, ".env", text) == []


SCHEMA = """{
  "$defs": {
    "LLMJudge": {
      "properties": {
        "model": {"anyOf": [{"enum": ["gpt-4o", "gpt-4o-mini", "openai:gpt-4o"]}, {"type": "null"}]}
      }
    }
  },
  "properties": {"judge": {"$ref": "#/$defs/LLMJudge"}}
}
"""


@pytest.mark.parametrize("path", ["time_range_schema.json", "dataset.schema.yaml"])
def test_the_models_a_json_schema_allows_are_no_setting(registry, path):
    # t44a: pydantic-evals writes its dataset's schema, with pydantic-ai's known models as the
    # judge's `enum`; apply replaced 30 ids with bare provider ids pydantic-ai refuses
    text = SCHEMA
    if path.endswith(".yaml"):
        text = (
            "$defs:\n  LLMJudge:\n    properties:\n      model:\n"
            "        enum: [gpt-4o, gpt-4o-mini, 'openai:gpt-4o']\n"
        )
    assert model_findings(registry, path, text) == []
    # the same list in a file that is no schema is a setting of the program's
    plain = text.replace("$defs", "judges")
    assert [(f.line, f.fix, f.message) for f in model_findings(registry, path, plain)] == [
        (5, FixClass.REVIEW, f"{model} is an OpenAI model; it maps to {mapped} on Acme Cloud")
        for model, mapped in (
            ("gpt-4o", "acme-large"),
            ("gpt-4o-mini", "acme-small"),
            ("openai:gpt-4o", "openai:acme-large"),
        )
    ]
