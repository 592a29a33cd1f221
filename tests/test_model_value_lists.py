"""A list of models whose members the program takes as values (ML205,
`model_gates.taken_as_values`): autogen's `for model in default_models: key_map[model] =
"OPENAI_API_KEY"` built one config entry a model, so the provider's model added there got the
OpenAI key. Such a list gains nothing (manual); one the code only compares models with keeps
gaining what its members map to."""

from __future__ import annotations

from .test_model_labels import migrated

CONFIGS = """import os


def config_list(key_map=None):
    key_map = key_map or {}
    default_models = ["gpt-4", "gpt-3.5-turbo"]
    for model in default_models:
        if model not in key_map:
            key_map[model] = "OPENAI_API_KEY"
    return [{"model": m, "api_key": os.getenv(v)} for m, v in key_map.items()]
"""


def _lists(found):
    return [f for f in found if f[2] == "ML205"]


def test_a_list_iterated_to_build_entries_gains_nothing(registry):
    found, after = migrated(registry, CONFIGS)
    assert _lists(found) == [
        (
            6,
            23,
            "ML205",
            "warning",
            "manual",
            "'gpt-4', 'gpt-3.5-turbo' in a list are OpenAI model ids, and the loop for model in "
            "default_models on line 7 takes them as values, not as a check of models: apply "
            "leaves it, as 'acme-large', 'acme-small' added there would get what they get (an "
            "entry, a key); change it by hand",
        ),
    ]
    assert after == CONFIGS


def test_an_item_or_a_call_handing_members_on_takes_them_as_values(registry):
    text = 'MODELS = ("gpt-4o", "gpt-4o-mini")\nDEFAULT = MODELS[0]\n'
    found, after = migrated(registry, text)
    assert _lists(found)[0][4:] == (
        "manual",
        "'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids, and MODELS[0] on line 2 takes "
        "them as values, not as a check of models: apply leaves it, as 'acme-large', "
        "'acme-small' added there would get what they get (an entry, a key); change it by hand",
    )
    assert after == text
    text = 'MODELS = ["gpt-4o"]\nMENU = dict(enumerate(MODELS))\n'
    assert _lists(migrated(registry, text)[0])[0][4] == "manual"


def test_a_list_iterated_only_to_compare_is_still_widened(registry):
    text = (
        'SUPPORTED = ["gpt-4o", "gpt-4o-mini"]\n\n\n'
        "def supported(model):\n"
        "    return any(model == known.lower() for known in SUPPORTED)\n\n\n"
        "def family(model):\n"
        "    for head in SUPPORTED:\n"
        "        if model.startswith(head):\n"
        "            return True\n"
        "    return False\n"
    )
    found, after = migrated(registry, text)
    assert [f[4] for f in _lists(found)] == ["review"]
    assert after.startswith('SUPPORTED = ["gpt-4o", "gpt-4o-mini", "acme-large", "acme-small"]\n')
    # the loop hands a member on: a value
    returned = text.replace("return True", "return head")
    assert [f[4] for f in _lists(migrated(registry, returned)[0])] == ["manual"]


def test_a_list_checked_with_in_is_widened_as_before(registry):
    text = (
        'SUPPORTED = ["gpt-4o"]\n\n\n'
        "def check(model):\n"
        "    if model not in SUPPORTED:\n"
        '        raise ValueError("unsupported model")\n'
    )
    found, after = migrated(registry, text)
    assert [f[4] for f in _lists(found)] == ["review"]
    assert after.startswith('SUPPORTED = ["gpt-4o", "acme-large"]\n')
    # a copy into a longer list is no value taken
    copied = 'SUPPORTED = ["gpt-4o"]\nALL = [*SUPPORTED, "o3-mini"]\n'
    assert migrated(registry, copied)[1].startswith('SUPPORTED = ["gpt-4o", "acme-large"]\n')
