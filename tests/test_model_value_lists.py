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


TTS_PRICES = """def cost(length, tts_model, tts_prices):
    tts_models = ["gpt-4o", "gpt-4o-mini"]
    price = tts_prices[tts_models.index(tts_model)]
    return length * price
"""


def test_a_list_whose_position_picks_from_a_parallel_sequence_gains_nothing(registry):
    # chatgpt-telegram-bot's `tts_prices[tts_models.index(m)]`: a member added at the end had
    # no price, and the bot raised IndexError (t49b)
    found, after = migrated(registry, TTS_PRICES)
    assert _lists(found) == [
        (
            2,
            19,
            "ML205",
            "warning",
            "manual",
            "'gpt-4o', 'gpt-4o-mini' in a list are OpenAI model ids, and "
            "tts_models.index(tts_model) on line 3 reads the position of a member, which picks "
            "from tts_prices: apply leaves it, as 'acme-large', 'acme-small' added at its end "
            "would have no entry in tts_prices (an IndexError, or another model's entry); change "
            "it by hand",
        ),
    ]
    assert after == TTS_PRICES


def test_a_position_read_or_zip_names_what_it_picks_from(registry):
    text = 'MODELS = ("gpt-4o",)\nPRICES = (5.0,)\nI = MODELS.index("gpt-4o")\n'
    message = _lists(migrated(registry, text)[0])[0][5]
    assert message.endswith(
        'MODELS.index("gpt-4o") on line 3 reads the position of a member: apply leaves it, as '
        "'acme-large' added at its end would have no entry in it (an IndexError, or another "
        "model's entry); change it by hand"
    )
    text = 'MODELS = ("gpt-4o",)\nPRICES = (5.0,)\nTABLE = dict(zip(PRICES, MODELS))\n'
    message = _lists(migrated(registry, text)[0])[0][5]
    assert (
        "zip(PRICES, MODELS) on line 3 reads the position of a member, which picks from "
        "PRICES: apply leaves it" in message
    )


O1_MESSAGES = """import litellm


def ask(model, system, user):
    if model in ["o1-preview", "o1-mini"]:
        messages = [{"role": "user", "content": system + "\\n" + user}]
    else:
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return litellm.completion(model=model, messages=messages)
"""


def test_a_list_whose_branch_drops_the_system_role_is_left(registry):
    # qodo-cover's o1 list gained deepseek-flash, whose requests then lost their system
    # message (t49c): DeepSeek's file says its models take one, so a note
    found, after = migrated(registry, O1_MESSAGES, provider="deepseek")
    assert _lists(found) == [
        (
            5,
            18,
            "ML205",
            "note",
            "none",
            "'o1-preview', 'o1-mini' in a list are OpenAI model ids: code that checks models "
            "against them may reject DeepSeek's models; its test picks the messages: the branch "
            "for its members (line 6) sends no system message, as OpenAI's o1 models needed, "
            "and the other sends one; DeepSeek's models take a system message ('deepseek-flash' "
            "too), so they belong in the other branch: apply leaves it; leave it",
        ),
    ]
    assert after == O1_MESSAGES
    # a provider whose file does not say: left for a person, no edit
    found, after = migrated(registry, O1_MESSAGES, provider="zhipu")
    assert _lists(found)[0][3:] == (
        "warning",
        "manual",
        "'o1-preview', 'o1-mini' in a list are OpenAI model ids: code that checks models "
        "against them may reject Zhipu AI (GLM)'s models; apply leaves it: its test picks the "
        "messages: the branch for its members (line 6) sends no system message, as OpenAI's o1 "
        "models needed, and the other sends one, and Zhipu AI (GLM)'s file does not say whether "
        "'glm-5.3' takes one: leave it if it does, else add it by hand",
    )
    assert after == O1_MESSAGES


def test_a_role_picked_by_a_conditional_expression_is_a_messages_test(registry):
    text = (
        'O_MODELS = ("o1", "o1-mini")\n\n\n'
        "def first(model, content):\n"
        '    return {"role": "assistant" if model in O_MODELS else "system", "content": content}\n'
    )
    found, after = migrated(registry, text, provider="deepseek")
    assert [f[3:5] for f in _lists(found)] == [("note", "none")]
    assert after == text
    # a branch that only reads the prompt's "system" part still takes a system role: widened
    text = O1_MESSAGES.replace('{"role": "system", "content": system}, ', "")
    assert [f[4] for f in _lists(migrated(registry, text, provider="deepseek")[0])] == ["review"]


VISION_TUPLES = """import os

GPT_4O_MODELS = ("gpt-4o", "gpt-4o-mini")
GPT_4_VISION_MODELS = ("gpt-4o",)
O_MODELS = ("o1", "o1-mini")
MODEL = os.environ["MODEL"]


def limit(model):
    if model in GPT_4_VISION_MODELS:
        return 4096
    if model in GPT_4O_MODELS:
        return 16384
    if model in O_MODELS:
        return 100_000
"""


def test_a_collection_for_images_is_told_apart_by_what_it_gains(registry):
    # chatgpt-telegram-bot's GPT_4_VISION_MODELS was argued with by what gpt-4o maps to for
    # text, though it gains the provider's model for images (t49b)
    found, after = migrated(registry, VISION_TUPLES, provider="zhipu")
    assert [(f[0], f[4]) for f in _lists(found)] == [(3, "manual"), (4, "review"), (5, "manual")]
    assert "'glm-5.3', and so does 'gpt-4o' of the tuple on line 3" in _lists(found)[2][5]
    assert 'GPT_4_VISION_MODELS = ("gpt-4o", "glm-4.6v")\n' in after
