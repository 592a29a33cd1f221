"""A model entry of a dict display beside an entry saying it reads images gets the provider's
model for images, as a config file's `supports_vision: true` beside its model does (t53b
defect 5). ChuanhuChatGPT's presets (`"GPT-4o-mini": {"model_name": "gpt-4o-mini",
"multimodal": True}`, the app's default, sent images as `image_url` parts) were mapped to
Zhipu's text-only glm-4-air-250414, not glm-4.6v."""

from __future__ import annotations

import pytest

from .test_model_labels import migrated

PRESETS = (
    "MODEL_METADATA = {{\n"
    '    "GPT-4o-mini": {{"model_name": "gpt-4o-mini", {flag}}},\n'
    '    "GPT3.5 Turbo": {{"model_name": "gpt-3.5-turbo"}},\n'
    "}}\n"
)


def model_rows(found):
    return [(line, fix, message) for line, _, rule, _, fix, message in found if rule == "ML204"]


@pytest.mark.parametrize(
    ("flag", "model"),
    [
        ('"multimodal": True', "glm-4.6v"),
        ('"supports_vision": True', "glm-4.6v"),
        ('"supports_images": True', "glm-4.6v"),
        ('"supportsImages": "yes"', "glm-4.6v"),
        ('"vision": 1', "glm-4.6v"),
        # switched off, not one for images, or one saying text only
        ('"multimodal": False', "glm-4-air-250414"),
        ('"supports_tools": True', "glm-4-air-250414"),
        ('"no_vision": True', "glm-4-air-250414"),
        ('"vision": True, "supports_vision": False', "glm-4-air-250414"),
    ],
)
def test_an_entry_beside_a_flag_for_images_gets_the_model_for_images(registry, flag, model):
    text = PRESETS.format(flag=flag)
    found, after = migrated(registry, text, provider="zhipu")
    expected = text.replace('"gpt-4o-mini"', f'"{model}"').replace(
        '"gpt-3.5-turbo"', '"glm-4-flash"'
    )
    assert after == expected
    images = ", its model for images" if model == "glm-4.6v" else ""
    assert model_rows(found) == [
        (
            2,
            "review",
            f"entry 'model_name' = 'gpt-4o-mini' maps to '{model}' on Zhipu AI (GLM){images}",
        ),
        (
            3,
            "review",
            "entry 'model_name' = 'gpt-3.5-turbo' maps to 'glm-4-flash' on Zhipu AI (GLM)",
        ),
    ]


def test_without_a_model_for_images_it_is_left_to_a_person(registry):
    text = PRESETS.format(flag='"multimodal": True')
    found, after = migrated(registry, text, provider="acme")
    assert after == text.replace('"gpt-3.5-turbo"', '"acme-small"')
    assert model_rows(found)[0] == (
        2,
        "manual",
        "entry 'model_name' = 'gpt-4o-mini' is used with images, and Acme Cloud names no model "
        "that takes images; choose one from https://docs.acme.example/openai (or pass --model "
        "gpt-4o-mini=NAME)",
    )


def test_a_flag_in_another_dict_does_not_count(registry):
    text = 'CAPS = {"multimodal": True}\nMODEL = {"model": "gpt-4o-mini", "caps": CAPS}\n'
    _, after = migrated(registry, text, provider="zhipu")
    assert after == text.replace('"gpt-4o-mini"', '"glm-4-air-250414"')
