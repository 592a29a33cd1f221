"""A program's own label that only starts like an OpenAI model id (`gpt-4-with-ocr`, a mode of
self-operating-computer) is no model: no rule maps it, ML204 notes a setting holding it, and
its tests keep matching it. Real ids, dated or suffixed, stay models (`[detect] model_words`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .conftest import bare_provider
from .sdk_models import recorded_models
from .test_fix_truth import assert_fix_truth

REAL_IDS = [
    "gpt-4",
    "gpt-4-0613",
    "gpt-4-turbo-2024-04-09",
    "gpt-4-1106-vision-preview",
    "gpt-4-32k-0314",
    "gpt-4o-mini",
    "gpt-4o-2024-08-06",
    "gpt-4o-mini-tts",
    "gpt-4.1-nano",
    "gpt-3.5-turbo-16k",
    "gpt-3.5-turbo-instruct",
    "o1-preview",
    "o1-mini-2024-09-12",
    "o3-deep-research",
    "chatgpt-4o-latest",
    "text-embedding-3-small",
    "dall-e-3",
    "tts-1-hd",
    "gpt-3.5-turbo-0613:personal::abc123",
]
LABELS = {
    "gpt-4-with-ocr": ("with", "ocr"),
    "o1-with-ocr": ("with", "ocr"),
    "gpt-4-vision-mode": ("mode",),
    "gpt-4o-class": ("class",),
}


@pytest.mark.parametrize("model", REAL_IDS)
def test_dated_and_suffixed_openai_ids_are_models(registry, model):
    openai = registry.openai
    assert openai.serves(model) and openai.label_words(model) == ()


@pytest.mark.parametrize(("label", "words"), LABELS.items())
def test_a_word_no_openai_id_has_makes_a_label(registry, label, words):
    openai = registry.openai
    assert not openai.serves(label)
    assert openai.label_words(label) == words


def test_every_openai_id_the_provider_files_name_is_a_model(registry):
    # the words table covers the OpenAI ids of every [models] table and OpenAI's own tiers
    openai = registry.openai
    named = set(openai.tiers.values())
    for provider in registry.providers.values():
        named |= {key for key in provider.models if not any(c in key for c in "*?[")}
    for model in named:
        if openai.label_words(model):
            pytest.fail(f"{model} is taken for a label: {openai.label_words(model)}")


def test_without_a_words_table_a_glob_alone_decides():
    provider = bare_provider(model_patterns=("x-*",))
    assert provider.serves("x-with-ocr") and provider.label_words("x-with-ocr") == ()


def test_a_label_maps_to_nothing_though_a_glob_of_the_table_takes_it(registry):
    rules = RuleContext(registry, registry.get("zhipu"))
    assert registry.get("zhipu").map_model("gpt-4-with-ocr") == "glm-4-plus"  # `gpt-4-*`
    assert rules.map_model("gpt-4-with-ocr") is None
    assert rules.map_model("gpt-4-0613") == "glm-4-plus"


def migrated(registry, text, provider="acme", name="app.py", kind="python"):
    """(findings as (line, column, rule, severity, fix, message), text after apply); scan's
    fix classes are what apply does, and a second apply changes nothing. Without the notes
    of every request (ML101) and of tiktoken's download (ML208, tests/test_tokenizer_downloads.py)."""
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, kind, name, name, Path(name))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, kind, name, name, Path(name))
    assert again.after == change.after and not again.fixed
    found = [
        (f.line, f.column, f.rule, f.severity.value, f.fix.value, f.message)
        for f in change.findings
        if f.rule not in ("ML101", "ML208")
    ]
    return found, change.after


MAIN = (
    "import argparse\n\n"
    "from apis import get_next_action\n\n"
    "parser = argparse.ArgumentParser()\n"
    'parser.add_argument("--model", default="gpt-4-with-ocr")\n'
    "get_next_action(parser.parse_args().model)\n"
)


def test_an_option_default_that_is_a_mode_label_stays_with_a_note(registry):
    found, after = migrated(registry, MAIN, provider="zhipu", name="main.py")
    assert after == MAIN
    assert found == [
        (
            6,
            40,
            "ML204",
            "note",
            "manual",
            "default of option --model = 'gpt-4-with-ocr' looks like an OpenAI model id, but no "
            "OpenAI id has the words 'with', 'ocr': taken as the program's own label (a mode, a "
            "menu entry) and left; if it names a model, change it by hand",
        )
    ]


APIS = (
    "from openai import OpenAI\n\n"
    "client = OpenAI()\n\n\n"
    "def get_next_action(model):\n"
    '    if model == "gpt-4":\n'
    '        return client.chat.completions.create(model="gpt-4o", messages=[])\n'
    '    if model == "gpt-4-with-ocr":\n'
    '        return client.chat.completions.create(model="gpt-4o", messages=[])\n'
    '    if model == "o1-with-ocr":\n'
    '        return client.chat.completions.create(model="o1", messages=[])\n'
    "    raise ValueError(model)\n"
)


def test_a_mode_check_stays_and_the_real_models_beside_it_are_mapped(registry):
    found, after = migrated(registry, APIS, provider="zhipu", name="apis.py")
    assert after == (
        "import os\n\n"
        "from openai import OpenAI\n\n"
        "client = OpenAI(\n"
        '    api_key=os.environ.get("ZAI_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")\n\n\n"
        "def get_next_action(model):\n"
        '    if model == "gpt-4":\n'
        '        return client.chat.completions.create(model="glm-5.3", messages=[])\n'
        '    if model == "gpt-4-with-ocr":\n'
        '        return client.chat.completions.create(model="glm-5.3", messages=[])\n'
        '    if model == "o1-with-ocr":\n'
        '        return client.chat.completions.create(model="glm-5.3", messages=[])\n'
        "    raise ValueError(model)\n"
    )
    # nothing is said of the labels: only the client, the comparison with `gpt-4` (a label
    # too: the function compares `model` with `gpt-4-with-ocr`), the models
    assert [(line, rule, severity, fix) for line, _, rule, severity, fix, _ in found] == [
        (3, "ML001", "error", "safe"),
        (7, "ML205", "note", "none"),
        (8, "ML118", "note", "manual"),
        (8, "ML201", "warning", "review"),
        (10, "ML118", "note", "manual"),
        (10, "ML201", "warning", "review"),
        (12, "ML201", "warning", "review"),
    ]
    assert found[1][5] == (
        "comparison with 'gpt-4' beside one with the program's own label 'gpt-4-with-ocr' in the "
        "same function: taken as a label too (a mode, a menu entry) and left; if it names a "
        "model, change the check by hand"
    )


def test_a_label_compared_in_another_function_or_with_another_operand_is_not_beside(registry):
    text = (
        "def is_ocr(mode):\n"
        '    return mode == "gpt-4-with-ocr"\n\n\n'
        "def is_gpt4(mode, model):\n"
        '    if model == "gpt-4-with-ocr":\n'
        "        return False\n"
        '    return mode == "gpt-4"\n'
    )
    found, after = migrated(registry, text)
    assert [(line, rule, severity, fix) for line, _, rule, severity, fix, _ in found] == [
        (8, "ML205", "warning", "review")
    ]
    assert 'return mode in ("gpt-4", "acme-large")\n' in after


def test_module_level_comparisons_beside_a_label_are_labels_too(registry):
    text = (
        "import sys\n\n"
        "MODE = sys.argv[1]\n"
        'if MODE == "gpt-4":\n'
        "    print(1)\n"
        'elif MODE == "o1-with-ocr":\n'
        "    print(2)\n"
    )
    found, after = migrated(registry, text)
    assert after == text
    assert [(f[0], f[2], f[3], f[5].split(":")[0]) for f in found] == [
        (
            4,
            "ML205",
            "note",
            "comparison with 'gpt-4' beside one with the program's own label 'o1-with-ocr' in "
            "the same module",
        )
    ]


def test_a_label_sent_as_model_is_left_as_a_model_no_one_lists(registry):
    text = (
        "from openai import OpenAI\n\n"
        'OpenAI().chat.completions.create(model="gpt-4-with-ocr", messages=[])\n'
    )
    found, after = migrated(registry, text)
    assert "gpt-4-with-ocr" in after
    assert (
        3,
        40,
        "ML201",
        "warning",
        "manual",
        "model 'gpt-4-with-ocr' is neither an OpenAI model nor one Acme Cloud lists; check "
        "that Acme Cloud serves it",
    ) in found


def test_a_label_in_a_config_file_is_no_model(registry):
    text = "agent:\n  mode: gpt-4-with-ocr\n  model: gpt-4-0613\n"
    found, after = migrated(registry, text, name="config.yaml", kind="yaml")
    assert after == "agent:\n  mode: gpt-4-with-ocr\n  model: acme-large\n"
    assert [(line, rule, fix) for line, _, rule, _, fix, _ in found] == [(3, "ML503", "review")]


def test_a_label_of_a_framework_class_is_not_mapped(registry):
    text = 'from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4-with-ocr")\n'
    _, after = migrated(registry, text)
    assert 'model="gpt-4-with-ocr"' in after


def test_without_a_provider_the_label_note_is_said_and_with_openai_nothing(registry):
    text = 'DEFAULT_MODEL = "gpt-4-vision-mode"\n'
    scanner = FileScanner(RuleContext(registry), Path("."))
    change = scanner.migrate_text(text, "python", "app.py", "app.py", Path("app.py"))
    assert [(f.rule, f.severity.value, f.data) for f in change.findings] == [
        ("ML204", "note", {"label": "gpt-4-vision-mode"})
    ]
    found, _ = migrated(registry, text, provider="openai")
    assert found == []


def test_every_model_the_sdk_names_is_an_openai_model(registry):
    # the model literal types of the openai SDK, as recorded in tests/data (a new release
    # cannot turn this red; `pytest -m sdk_drift` compares the installed SDK): `sora-2`
    # (VideoModel) was no OpenAI model, so ML201 could not say that the provider has no
    # mapping for it (f34, video.py)
    named = recorded_models()
    assert {"sora-2", "sora-2-pro-2025-10-06", "gpt-transcribe", "chatgpt-image-latest"} <= named
    openai = registry.openai
    assert sorted(m for m in named if not openai.serves(m)) == []


MODES = (
    "def needs_key(mode):\n"
    '    return mode == "gpt-4" or mode == "gpt-4-with-ocr" or mode == "o1-with-ocr"\n\n\n'
    "def is_gpt4(model):\n"
    '    return model == "gpt-4"\n'
)


def test_a_comparison_beside_one_with_a_label_is_a_label_too(registry):
    # self-operating-computer's `model == "gpt-4" or model == "gpt-4-with-ocr"` tests its
    # `-m` mode: apply widened it to ("gpt-4", "acme-large") and check failed on it
    found, after = migrated(registry, MODES)
    # a comparison alone is still widened
    assert after == MODES.replace('model == "gpt-4"', 'model in ("gpt-4", "acme-large")')
    assert [
        (line, column, rule, severity, fix) for line, column, rule, severity, fix, _ in found
    ] == [
        (2, 20, "ML205", "note", "none"),
        (6, 21, "ML205", "warning", "review"),
    ]
    assert found[0][5] == (
        "comparison with 'gpt-4' beside one with the program's own label 'gpt-4-with-ocr' in the "
        "same test: taken as a label too (a mode, a menu entry) and left; if it names a model, "
        "change the check by hand"
    )
