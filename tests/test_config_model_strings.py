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
    '      AVAIL_LLM_MODELS: \'  ["gpt-3.5-turbo", "gpt-4o", "qianfan"]  \'\n'
    '      HAND: \'["gpt-4o", "acme-medium"]\'\n'
    "      ONE: '[\"gpt-4o\"]'\n"
    "      PLAIN: gpt-4o\n"
    "      NOTE: '[\"not a model\"]'\n"
)
COMPOSE_AFTER = (
    COMPOSE.replace("'  gpt-3.5-turbo   '", "'  acme-small   '")
    .replace("'[\"gpt-4o\"]'", '\'["gpt-4o", "acme-large"]\'')
    .replace("PLAIN: gpt-4o", "PLAIN: acme-large")
)
DOTENV = (
    'M3=["gpt-4o","gpt-4"]\n'
    "M4=gpt-4o\n"
    'M5=" gpt-4o-mini "\n'
    "M6=['acme-small', 'gpt-4o-mini']  # models\n"
)
DOTENV_AFTER = (
    'M3=["gpt-4o","gpt-4","acme-large"]\nM4=acme-large\nM5=" acme-small "\n'
    "M6=['acme-small', 'gpt-4o-mini']  # models\n"
)


@pytest.mark.parametrize(
    ("path", "before", "after", "places"),
    [
        pytest.param(
            "docker-compose.yml",
            COMPOSE,
            COMPOSE_AFTER,
            [
                (4, 18, FixClass.REVIEW),
                (5, 29, FixClass.MANUAL),
                (6, 15, FixClass.MANUAL),
                (7, 14, FixClass.REVIEW),
                (8, 14, FixClass.REVIEW),
            ],
            id="compose",
        ),
        pytest.param(
            ".env",
            DOTENV,
            DOTENV_AFTER,
            [(1, 5, FixClass.REVIEW), (2, 4, FixClass.REVIEW), (3, 4, FixClass.REVIEW)],
            id="dotenv",
        ),
    ],
)
def test_padded_models_are_mapped_and_listed_ones_read_as_a_list(
    registry: Registry, path: str, before: str, after: str, places: list[tuple[int, int, FixClass]]
) -> None:
    # t51b: gpt_academic's compose AVAIL_LLM_MODELS was mapped in place (gpt-4 became
    # deepseek-v4-pro, which its model_info lacks) while config.py's same list was left
    text, findings = migrated(registry, path, before)
    assert text == after
    assert [(f.line, f.column, f.fix) for f in findings] == places
    assert all((f.edit is not None) == (f.fix is FixClass.REVIEW) for f in findings)
    again, left = migrated(registry, path, text)
    assert again == text
    assert [f.edit for f in left] == [None] * len(left)
    assert [f.line for f in left] == [f.line for f in findings if f.fix is FixClass.MANUAL]


def test_a_list_in_a_string_is_read_as_a_list_of_models_in_code(registry: Registry) -> None:
    _, findings = migrated(registry, "docker-compose.yml", COMPOSE)
    listed = [f for f in findings if f.line in (5, 6, 7)]
    assert [(f.severity.value, f.message, f.data) for f in listed] == [
        (
            "warning",
            "'gpt-3.5-turbo', 'gpt-4o' in the list in AVAIL_LLM_MODELS are OpenAI model ids: a "
            "program that checks models against them may reject Acme Cloud's models; add "
            "'acme-small', 'acme-large' or change the check by hand",
            {"models_from": ["gpt-3.5-turbo", "gpt-4o"], "models_to": ["acme-small", "acme-large"]},
        ),
        (
            "note",
            "'gpt-4o' in the list in HAND is an OpenAI model id beside Acme Cloud's "
            "'acme-medium', which apply does not add alone: taken as fixed by hand, apply leaves "
            "it; it lacks 'acme-large' (from 'gpt-4o'): add it if the program should accept it "
            "too",
            {"models_from": ["gpt-4o"], "models_to": ["acme-large"]},
        ),
        (
            "warning",
            "'gpt-4o' in the list in ONE is an OpenAI model id: a program that checks models "
            "against it may reject Acme Cloud's models; apply adds what it maps to "
            "('acme-large') beside it",
            {"models_from": ["gpt-4o"], "models_to": ["acme-large"]},
        ),
    ]


def test_two_listed_models_mapping_to_one_add_it_once(registry: Registry) -> None:
    text, findings = migrated(registry, ".env", 'M3=["gpt-4o","gpt-4"]\n')
    assert text == 'M3=["gpt-4o","gpt-4","acme-large"]\n'
    assert [f.data for f in findings] == [
        {"models_from": ["gpt-4o", "gpt-4"], "models_to": ["acme-large"]}
    ]


def test_a_list_written_with_escapes_is_left_to_a_person(registry: Registry) -> None:
    before = 'M6="[\\"gpt-4o\\", \\"gpt-4o-mini\\"]"\n'
    text, findings = migrated(registry, ".env", before)
    assert text == before
    assert [(f.line, f.column, f.end_column, f.fix, f.edit) for f in findings] == [
        (1, 4, 35, FixClass.MANUAL, None)
    ]
    assert findings[0].message == (
        "'gpt-4o', 'gpt-4o-mini' in the list in M6 are OpenAI model ids: a program that checks "
        "models against them may reject Acme Cloud's models; add 'acme-large', 'acme-small' "
        "beside them by hand (a list written with escapes in one string)"
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
