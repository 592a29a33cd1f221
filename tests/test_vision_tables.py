"""A model the program marks as its model for images gets the provider's (`[tiers] vision`),
not its text model (t50c: chatgpt-telegram-bot's models.yml says `vision: true` of gpt-4o and
gpt-4o-mini, and its photo fallback sets `current_model = "gpt-4o"`; both were told to become
text-only GLM models, and photos got 400). The marks: a record of a table keyed by model
whose key naming images is on (ML503, and ML204 through `model_table_keys`), and an
assignment in the branch a test takes where the model reads no images (`model not in
VISION_MODELS`, `not supports_vision(model)`: ML204)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .test_fix_truth import assert_fix_truth

MODELS = (
    'available_text_models: ["gpt-4o-mini", "gpt-4o"]\n'
    "info:\n"
    "  gpt-4o:\n"
    "    vision: true\n"
    "  gpt-4o-mini:\n"
    "    vision: false\n"
)


def ml503(registry, text: str, provider: str = "zhipu") -> tuple[list[tuple], str]:
    """(ML503 findings as (line, column, fix, message), the text after apply)."""
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, "yaml", "models.yml", "models.yml", Path("models.yml"))
    assert_fix_truth(change, text)
    found = [(f.line, f.column, f.fix.value, f.message) for f in change.findings]
    return found, change.after


def test_a_table_entry_reading_images_is_looked_up_by_the_model_for_images(registry):
    found, after = ml503(registry, MODELS)
    assert after == MODELS
    assert found == [
        (
            1,
            25,
            "manual",
            "gpt-4o-mini is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM), but "
            "it is also a key of the table info, which apply leaves (its entry would stand for "
            "another model): add an entry for glm-4-air-250414 there (keep gpt-4o-mini's: "
            "code naming it moves once that is there), then change this value, by hand",
        ),
        (
            1,
            40,
            "manual",
            "gpt-4o is an OpenAI model; it maps to glm-4.6v on Zhipu AI (GLM), its model for "
            "images (its entry says vision: true), but it is also a key of the table info, which "
            "apply leaves (its entry would stand for another model): add an entry for glm-4.6v "
            "there (keep gpt-4o's: "
            "code naming it moves once that is there), then change this value, by hand",
        ),
        (
            3,
            3,
            "manual",
            "gpt-4o and 1 more are keys of a table keyed by OpenAI model: after the switch the "
            "program looks up Zhipu AI (GLM)'s models there (glm-4-air-250414, glm-4.6v); add "
            "entries for them by hand",
        ),
    ]


def test_entries_for_the_mapped_models_settle_the_table(registry):
    text = MODELS + "  glm-4.6v:\n    vision: true\n  glm-4-air-250414:\n    vision: false\n"
    found, after = ml503(registry, text)
    assert found == [
        (
            1,
            25,
            "review",
            "gpt-4o-mini is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM)",
        ),
        (
            1,
            40,
            "review",
            "gpt-4o is an OpenAI model; it maps to glm-4.6v on Zhipu AI (GLM), its model for "
            "images (its entry says vision: true)",
        ),
    ]
    assert after == text.replace('["gpt-4o-mini", "gpt-4o"]', '["glm-4-air-250414", "glm-4.6v"]')


def check(registry, text: str) -> list[tuple[int, str, str]]:
    """(line, fix, message) of the ML204 findings, with zhipu."""
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [
        (f.line, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML204"
    ]


def applied(registry, text: str) -> str:
    ctx = RuleContext(registry, registry.get("zhipu"))
    return migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))[0]


FALLBACK = """VISION_MODELS = ["glm-4.6v"]


def pick(model, photo):
    if photo and model not in VISION_MODELS:
        # fall back to a vision-capable default
        model = "gpt-4o"
    return model
"""


@pytest.mark.parametrize(
    "test",
    [
        "photo and model not in VISION_MODELS",
        "model not in config.VISION_MODELS",
        "not supports_vision(model)",
        "photo and not is_vision_model(model)",
    ],
)
def test_a_model_set_where_the_model_reads_no_images_is_the_model_for_images(registry, test):
    text = FALLBACK.replace("photo and model not in VISION_MODELS", test)
    assert check(registry, text) == [
        (
            7,
            "review",
            "variable model = 'gpt-4o' maps to 'glm-4.6v' on Zhipu AI (GLM), its model for images",
        )
    ]
    assert applied(registry, text) == text.replace('"gpt-4o"', '"glm-4.6v"')


@pytest.mark.parametrize(
    "text",
    [
        # the branch taken where the model reads images already: not the one for them
        FALLBACK.replace("model not in VISION_MODELS", "model in VISION_MODELS"),
        # `or`: the branch is taken without the test too
        FALLBACK.replace("photo and model", "photo or model"),
        # another name tested than the one set
        FALLBACK.replace("model not in VISION_MODELS", "other not in VISION_MODELS"),
        # the else branch
        FALLBACK.replace(
            "        # fall back to a vision-capable default\n",
            "        pass\n    else:\n",
        ),
        # a switch that may say images are not wanted (a cheaper text model then)
        FALLBACK.replace("photo and model not in VISION_MODELS", "not use_vision"),
        # a collection saying its models read none
        FALLBACK.replace("not in VISION_MODELS", "not in NON_VISION_MODELS"),
    ],
)
def test_other_branches_keep_the_tables_choice(registry, text):
    [(line, fix, message)] = check(registry, text)
    assert (line, fix) == (text[: text.index('"gpt-4o"')].count("\n") + 1, "review")
    assert message.startswith("variable model = 'gpt-4o' maps to 'glm-5.3' on Zhipu AI (GLM)")


def test_a_provider_whose_model_for_images_reads_no_text_keeps_the_tables_choice(registry):
    zhipu = registry.get("zhipu")
    blind = replace(zhipu, params={**zhipu.params, "vision_model_text": False})
    scanner = FileScanner(RuleContext(registry, blind), Path("."))
    change = scanner.migrate_text(MODELS, "yaml", "models.yml", "models.yml", Path("models.yml"))
    assert [f.data["model_to"] for f in change.findings if "model_to" in f.data] == [
        "glm-4-air-250414",
        "glm-5.3",
    ]
