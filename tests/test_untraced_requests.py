"""Requests through a client a module does not trace (`client = make_client()` of another
module, in a module that does not import openai): the parameter checks (ML111-ML116) read
them as ML206 does, manual since apply leaves such a call; the model ML206 suggests for one
that sends images is the one ML201 would write (the provider's model for images)."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner, ScanOptions, scan
from migrate_llm.prefilter import prefilters
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.models import article

from .test_fix_truth import assert_fix_truth

TUNED = {"ML111", "ML112", "ML113", "ML114", "ML115", "ML116", "ML201", "ML206"}
UNTRACED = (
    "; client.{}() is an SDK call through a client this module does not "
    "trace (built or passed in elsewhere), so apply leaves it: change it by hand if it talks "
    "to {}"
)
QWEN = "Alibaba Qwen (DashScope / Model Studio)"


def migrated(registry, text, provider="acme"):
    """(findings of TUNED as (line, rule, fix, message), text after apply); scan's fix classes
    are what apply does, and a second apply changes nothing."""
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, "python", "apis.py", "apis.py", Path("apis.py"))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "python", "apis.py", "apis.py", Path("apis.py"))
    assert again.after == change.after and not again.fixed
    found = [(f.line, f.rule, f.fix.value, f.message) for f in change.findings if f.rule in TUNED]
    return found, change.after


FACTORY = "from cfg import make_client\n\n\ndef ask():\n    client = make_client()\n"


def test_a_parameter_the_model_does_not_take_is_reported_through_an_untraced_client(registry):
    text = FACTORY + (
        '    return client.chat.completions.create(model="glm-4.6v", messages=[], '
        "presence_penalty=1)\n"
    )
    found, after = migrated(registry, text, provider="zhipu")
    assert after == text
    assert found == [
        (
            6,
            "ML115",
            "manual",
            "glm-4.6v does not take presence_penalty on Zhipu AI (GLM): remove it (unconfirmed: third-party only: the zhipuai SDK and LiteLLM lack both penalties, "
            "AgentScope strips them)"
            + UNTRACED.format("chat.completions.create", "Zhipu AI (GLM)"),
        )
    ]


def test_the_same_request_through_a_client_of_the_module_loses_the_parameter(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        'client = OpenAI(api_key=os.environ["ZAI_API_KEY"], '
        'base_url="https://open.bigmodel.cn/api/paas/v4")\n'
        'client.chat.completions.create(model="glm-4.6v", messages=[], presence_penalty=1)\n'
    )
    found, after = migrated(registry, text, provider="zhipu")
    assert after.endswith('client.chat.completions.create(model="glm-4.6v", messages=[])\n')
    assert [(line, rule, fix) for line, rule, fix, _ in found if rule == "ML115"] == [
        (6, "ML115", "review")
    ]


def test_each_parameter_check_reads_the_untraced_request_and_leaves_it(registry):
    text = FACTORY + (
        '    client.chat.completions.create(model="acme-think", messages=[], temperature=0.3)\n'
        '    client.chat.completions.create(model="acme-large", messages=[], temperature=1.5)\n'
        '    client.chat.completions.create(model="acme-large", messages=[], max_completion_'
        "tokens=9)\n"
        '    client.chat.completions.create(model="acme-large", messages=[], tools=T, stream=True)\n'
    )
    found, after = migrated(registry, text)
    assert after == text
    tail = UNTRACED.format("chat.completions.create", "Acme Cloud")
    assert found == [
        (
            6,
            "ML115",
            "manual",
            "acme-think fixes temperature on Acme Cloud: remove it (the model ignores or "
            "rejects it)" + tail,
        ),
        (
            7,
            "ML111",
            "manual",
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0" + tail,
        ),
        (8, "ML112", "manual", "Acme Cloud takes max_tokens=, not max_completion_tokens=" + tail),
        (
            9,
            "ML116",
            "manual",
            'Acme Cloud streams tool calls only when extra_body sends "tool_stream": True beside '
            'stream=True: add "tool_stream": True to extra_body' + tail,
        ),
    ]


def test_an_openai_model_there_is_checked_as_the_model_it_maps_to(registry):
    text = FACTORY + (
        '    client.chat.completions.create(model="gpt-4o", messages=[], logit_bias={"1": 5})\n'
    )
    found, _ = migrated(registry, text)
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [
        (6, "ML206", "manual"),
        (6, "ML115", "manual"),
    ]
    assert found[1][3].startswith("acme-large (mapped from gpt-4o) does not take logit_bias")


def test_a_request_for_a_model_of_neither_side_is_another_sdks(registry):
    text = FACTORY + (
        '    client.chat.completions.create(model="claude-x", messages=[], temperature=1.5)\n'
    )
    assert migrated(registry, text)[0] == []


def test_a_module_importing_openai_keeps_its_own_reading(registry):
    # its client on the program's own server is not migrated: nothing to check there
    text = (
        "from openai import OpenAI\n\n"
        'client = OpenAI(base_url="http://localhost:8000/v1")\n'
        'client.chat.completions.create(model="acme-think", messages=[], temperature=0.3)\n'
    )
    assert [f for f in migrated(registry, text)[0] if f[1] == "ML115"] == []


def test_a_chat_request_alone_makes_a_module_worth_examining_when_switching(registry):
    text = FACTORY + '    client.chat.completions.create(model="glm-4.6v", messages=[])\n'
    assert prefilters(registry.openai, switching=True)["python"].search(text)
    assert not prefilters(registry.openai, switching=False)["python"].search(text)
    assert not prefilters(registry.openai)["python"].search("done = task.completions.count\n")
    embeds = FACTORY + '    client.embeddings.create(model="text-embedding-v4", input="x")\n'
    assert prefilters(registry.openai, switching=True)["python"].search(embeds)
    assert not prefilters(registry.openai, switching=False)["python"].search(embeds)


IMAGES = (
    "from cfg import make_client\n\n\n"
    "def look(b64):\n"
    "    client = make_client()\n"
    '    part = {"type": "image_url", "image_url": {"url": "data:image/png;base64," + b64}}\n'
    '    msg = {"role": "user", "content": [part]}\n'
    '    return client.chat.completions.create(model="gpt-4o", messages=[msg])\n'
)


def test_ml206_suggests_the_model_for_images_ml201_writes(registry):
    found, after = migrated(registry, IMAGES, provider="zhipu")
    assert after == IMAGES
    assert found == [
        (
            8,
            "ML206",
            "manual",
            "model='gpt-4o' goes to client.chat.completions.create(), an SDK call through a "
            "client this module does not trace (built or passed in elsewhere), so apply leaves "
            "it; if it talks to Zhipu AI (GLM), use a Zhipu AI (GLM) model there (the model "
            "table says 'glm-4.6v', its model for images)",
        )
    ]
    # ML201, the same request through a client of the module: the same model
    traced = IMAGES.replace(
        "from cfg import make_client", "from openai import OpenAI\n\nmake_client = OpenAI"
    )
    found, after = migrated(registry, traced, provider="zhipu")
    assert 'model="glm-4.6v"' in after
    assert ("ML201", "review") in {(rule, fix) for _, rule, fix, _ in found}


def test_ml206_suggests_the_text_model_for_a_request_without_images(registry):
    text = IMAGES.replace('"image_url", "image_url"', '"text", "text"')
    found, _ = migrated(registry, text, provider="zhipu")
    assert found[0][3].endswith("(the model table says 'glm-5.3')")


def test_an_entry_of_a_dict_spread_into_the_untraced_request_is_left_too(registry):
    text = (
        "from cfg import make_client\n\n"
        'KW = {"presence_penalty": 1}\n\n\n'
        "def ask():\n"
        "    client = make_client()\n"
        '    return client.chat.completions.create(model="glm-4.6v", messages=[], **KW)\n'
    )
    found, after = migrated(registry, text, provider="zhipu")
    assert after == text
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [(3, "ML115", "manual")]


EMBED = FACTORY + "    return client.embeddings.create(model={}, input=text)\n"


def test_embedding_width_and_batch_are_reported_through_an_untraced_client(registry):
    text = EMBED.format('"text-embedding-3-small"')
    found, after = migrated(registry, text, provider="qwen")
    assert after == text
    tail = UNTRACED.format("embeddings.create", QWEN)
    assert found == [
        (
            6,
            "ML114",
            "manual",
            "text-embedding-v4 returns vectors 1024 wide, text-embedding-3-small's were 1536 "
            "(1536 -> 1024): rebuild the stored vectors, or pass dimensions=1536" + tail,
        ),
        (
            6,
            "ML206",
            "manual",
            "model='text-embedding-3-small' goes to client.embeddings.create(), an SDK call "
            "through a client this module does not trace (built or passed in elsewhere), so apply "
            f"leaves it; if it talks to {QWEN}, use {article(QWEN)} {QWEN} model there (the "
            "model table says 'text-embedding-v4')",
        ),
        (
            6,
            "ML114",
            "manual",
            f"input=text may hold more than 10 texts; {QWEN} embeds at most 10 inputs per "
            "request: send batches of 10" + tail,
        ),
    ]


def test_the_same_embeddings_request_through_a_client_of_the_module_gets_the_width(registry):
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(text):\n"
        '    return client.embeddings.create(model="text-embedding-3-small", input=[text])\n'
    )
    found, after = migrated(registry, text, provider="qwen")
    assert after.endswith(
        'client.embeddings.create(dimensions=1536, model="text-embedding-v4", input=[text])\n'
    )
    assert ("ML114", "review") in [(rule, fix) for _, rule, fix, _ in found]


def test_an_untraced_embeddings_request_of_the_providers_model_is_noted_by_hand(registry):
    text = EMBED.format('"text-embedding-v4"').replace("input=text", 'input="x"')
    found, after = migrated(registry, text, provider="qwen")
    assert after == text
    assert found == [
        (
            6,
            "ML114",
            "manual",
            "vectors from text-embedding-v4 (1024 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store" + UNTRACED.format("embeddings.create", QWEN),
        )
    ]


def test_an_untraced_embeddings_request_of_another_sdks_model_is_not_read(registry):
    text = EMBED.format('"bge-m3"')
    assert migrated(registry, text, provider="qwen") == ([], text)


def test_an_sdk_request_through_a_client_held_by_another_object_is_checked(tmp_path):
    """t43a D2: MetaGPT's `self.llm.aclient.images.generate(...)` in a module that does not
    import openai is checked as ML206 reads its chat requests (through the prefilter too):
    DeepSeek has no images API. Not a client the module builds of another class, nor a
    request naming another SDK's model."""
    text = (
        "from cfg import Together\n\n\nclass Text2Image:\n"
        "    def __init__(self, llm):\n        self.llm = llm\n        self.own = Together()\n\n"
        "    async def draw(self, text):\n"
        '        await self.own.images.generate(prompt=text, size="1024x1024")\n'
        '        await self.llm.images.generate(model="flux-dev", prompt=text)\n'
        "        await self.llm.aclient.images.create_variation(image=text)\n"
        '        return await self.llm.aclient.images.generate(prompt=text, size="1024x1024")\n'
    )
    (tmp_path / "t2i.py").write_text(text, encoding="utf-8")
    result = scan(ScanOptions(paths=(tmp_path,), cwd=tmp_path, jobs=1, provider="deepseek"))
    assert [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message) for f in result.findings
    ] == [
        (
            13,
            "ML101",
            "error",
            "manual",
            "images.generate() on `self.llm.aclient`, which looks like an OpenAI client (not "
            "traced to its construction); DeepSeek has no OpenAI-compatible images API; this "
            "call fails after the switch (see https://api-docs.deepseek.com); doubao, ernie, "
            "siliconflow, zhipu offer it",
        )
    ]
