"""ML120: a base64 read of an images answer from a provider that answers with URLs only
(t50c: chatgpt_telegram_bot decoded `item.b64_json` of cogview-4's answer, TypeError)."""

from __future__ import annotations

from migrate_llm.model import FixClass
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.image_results import ImageResultFormat
from migrate_llm.rules.python import check_python

CLIENT = "import base64\nfrom openai import AsyncOpenAI\n\nclient = AsyncOpenAI()\n\n\n"
BOT = CLIENT + (
    "async def generate_images(prompt, n_images=1):\n"
    '    r = await client.images.generate(model="gpt-image-1", prompt=prompt, n=n_images)\n'
    "    images = [base64.b64decode(item.b64_json) for item in r.data]\n"
    "    first = r.data[0]\n"
    '    raw = first["b64_json"]\n'
    "    return images, raw\n"
)
READ = (
    "images.generate() goes to Zhipu AI (GLM), whose images API answers with a URL only "
    "(data[].url): {} is None there; download the image from .url instead, by hand"
)


def rows(registry, text, provider="zhipu"):
    ctx = RuleContext(registry, registry.get(provider), None, {})
    return [
        (f.line, f.fix, f.message, f.data) for f in check_python(text, ctx, (ImageResultFormat,))
    ]


def test_each_base64_read_of_the_answer_is_reported(registry):
    data = {"formats": ["url"]}
    assert rows(registry, BOT) == [
        (9, FixClass.MANUAL, READ.format("item.b64_json"), data),
        (11, FixClass.MANUAL, READ.format('first["b64_json"]'), data),
    ]


def test_a_provider_that_says_nothing_of_its_answers_is_not_read(registry):
    assert rows(registry, BOT, provider="siliconflow") == []
    assert rows(registry, BOT, provider="openai") == []


def test_another_functions_b64_json_is_not_this_answer(registry):
    text = BOT + "\n\ndef show(item):\n    return item.b64_json\n"
    assert [r[0] for r in rows(registry, text)] == [9, 11]
