"""Requests through a client a module does not trace (`client = make_client()` of another
module, in a module that does not import openai): the parameter checks (ML111-ML116) read
them as ML206 does, manual since apply leaves such a call; but one whose model, once migrated,
is the provider's (written so, or an OpenAI model apply maps where it is written: a parameter's
default, a constant) is a request to the provider, checked as one through a client the module
builds (t51c: swarm's `get_completion(client, ..., model="gpt-4-0125-preview")` sent Kimi a
temperature it rejects with check green). The model ML206 suggests for one that sends images is
the one ML201 would write (the provider's model for images)."""

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


def test_a_parameter_the_providers_model_does_not_take_goes_through_an_untraced_client(registry):
    # the model is the provider's: whatever client the call is given, it talks to Zhipu
    text = FACTORY + (
        '    return client.chat.completions.create(model="glm-4.6v", messages=[], '
        "presence_penalty=1)\n"
    )
    found, after = migrated(registry, text, provider="zhipu")
    assert after == FACTORY + (
        '    return client.chat.completions.create(model="glm-4.6v", messages=[])\n'
    )
    assert found == [
        (
            6,
            "ML115",
            "review",
            "glm-4.6v does not take presence_penalty on Zhipu AI (GLM): presence_penalty= is "
            "removed (unconfirmed: third-party only: the zhipuai SDK and LiteLLM lack both "
            "penalties, AgentScope strips them)",
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
    # an OpenAI model written in the call: ML206 leaves it, so the call may stay on OpenAI
    text = FACTORY + (
        '    client.chat.completions.create(model="gpt-4o", messages=[], logit_bias={})\n'
        '    client.chat.completions.create(model="gpt-4o", messages=[], temperature=1.5)\n'
        '    client.chat.completions.create(model="gpt-4o", messages=[], max_completion_'
        "tokens=9)\n"
        '    client.chat.completions.create(model="gpt-4o", messages=[], tools=T, stream=True)\n'
    )
    found, after = migrated(registry, text)
    assert after == text
    tail = UNTRACED.format("chat.completions.create", "Acme Cloud")
    assert [f for f in found if f[1] != "ML206"] == [
        (
            6,
            "ML115",
            "manual",
            "acme-large (mapped from gpt-4o) does not take logit_bias on Acme Cloud: remove it"
            + tail,
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


def test_each_parameter_check_fixes_an_untraced_request_of_the_providers_model(registry):
    text = FACTORY + (
        '    client.chat.completions.create(model="acme-think", messages=[], temperature=0.3)\n'
        '    client.chat.completions.create(model="acme-large", messages=[], temperature=1.5)\n'
        '    client.chat.completions.create(model="acme-large", messages=[], max_completion_'
        "tokens=9)\n"
        '    client.chat.completions.create(model="acme-large", messages=[], tools=T, stream=True)\n'
    )
    found, after = migrated(registry, text)
    assert after == FACTORY + (
        '    client.chat.completions.create(model="acme-think", messages=[])\n'
        '    client.chat.completions.create(model="acme-large", messages=[], temperature=1.0)\n'
        '    client.chat.completions.create(model="acme-large", messages=[], max_tokens=9)\n'
        "    client.chat.completions.create(\n"
        '        extra_body={"tool_stream": True}, model="acme-large", messages=[], tools=T, '
        "stream=True\n"
        "    )\n"
    )
    assert found == [
        (
            6,
            "ML115",
            "review",
            "acme-think fixes temperature on Acme Cloud: temperature= is removed (the model "
            "ignores or rejects it)",
        ),
        (
            7,
            "ML111",
            "review",
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        ),
        (8, "ML112", "safe", "Acme Cloud takes max_tokens=, not max_completion_tokens="),
        (
            9,
            "ML116",
            "review",
            'Acme Cloud streams tool calls only when extra_body sends "tool_stream": True beside '
            'stream=True: apply passes extra_body={"tool_stream": True}',
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


SPREAD = (
    "from cfg import make_client\n\n"
    'KW = {"logit_bias": {}}\n\n\n'
    "def ask():\n"
    "    client = make_client()\n"
    '    return client.chat.completions.create(model="MODEL", messages=[], **KW)\n'
)


def test_an_entry_of_a_dict_spread_into_the_untraced_request_is_left_too(registry):
    text = SPREAD.replace("MODEL", "gpt-4o")
    found, after = migrated(registry, text)
    assert after == text
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [
        (3, "ML115", "manual"),
        (8, "ML206", "manual"),
    ]


def test_an_entry_of_a_dict_spread_into_a_request_of_the_providers_model_is_removed(registry):
    text = SPREAD.replace("MODEL", "acme-large")
    found, after = migrated(registry, text)
    assert after == text.replace('{"logit_bias": {}}', "{}")
    assert found == [
        (
            3,
            "ML115",
            "review",
            "acme-large does not take logit_bias on Acme Cloud: logit_bias= is removed",
        )
    ]


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


def test_an_untraced_embeddings_request_of_the_providers_model_is_noted(registry):
    text = EMBED.format('"text-embedding-v4"').replace("input=text", 'input="x"')
    found, after = migrated(registry, text, provider="qwen")
    assert after == text
    assert found == [
        (
            6,
            "ML114",
            "manual",
            "vectors from text-embedding-v4 (1024 dimensions) are not comparable with stored "
            "OpenAI vectors: re-embed what you store",
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


# t51c: swarm's customer_service_streaming/src/utils.py, its client passed in by the caller
HELPER = (
    'def get_completion(client, messages, model="gpt-4-0125-preview", temperature=0.7):\n'
    "    request_params = {\n"
    '        "model": model,\n'
    '        "messages": messages,\n'
    '        "max_tokens": 2000,\n'
    '        "temperature": temperature,\n'
    "    }\n"
    "    return client.chat.completions.create(**request_params).choices[0].message\n"
)
CHECKED = {"ML111", "ML112", "ML115", "ML118", "ML204"}


def checked(registry, text, provider="moonshot"):
    """(findings of CHECKED as (line, rule, fix, message), text after apply), as `migrated`."""
    scanner = FileScanner(RuleContext(registry, registry.get(provider)), Path("."))
    change = scanner.migrate_text(text, "python", "apis.py", "apis.py", Path("apis.py"))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "python", "apis.py", "apis.py", Path("apis.py"))
    assert again.after == change.after and not again.fixed
    found = [(f.line, f.rule, f.fix.value, f.message) for f in change.findings if f.rule in CHECKED]
    return found, change.after


KIMI_DEFAULT = "kimi-k2.6 (mapped from gpt-4-0125-preview)"
RENAMED = (
    "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens= (unconfirmed: max_tokens "
    "is marked deprecated in the API reference (read on Kimi's staging site); 'not honored' on "
    "kimi-k2.6 per a reseller's copy)"
)


def test_a_default_model_apply_maps_makes_the_untraced_request_kimis(registry):
    found, after = checked(registry, HELPER)
    assert after == HELPER.replace("gpt-4-0125-preview", "kimi-k2.6").replace(
        '"max_tokens"', '"max_completion_tokens"'
    )
    assert found == [
        (
            1,
            "ML204",
            "review",
            "default of model = 'gpt-4-0125-preview' maps to 'kimi-k2.6' on Moonshot AI (Kimi)",
        ),
        (5, "ML112", "review", RENAMED),
        (
            6,
            "ML115",
            "manual",
            f"{KIMI_DEFAULT} fixes temperature on Moonshot AI (Kimi), and it is the default of "
            'model of get_completion(): remove the entry "temperature" by hand (the model ignores '
            "or rejects it; apply leaves it: a caller may pass another model)",
        ),
        (
            8,
            "ML118",
            "manual",
            "kimi-k2.6 (the default of model of get_completion()) thinks before it answers "
            "unless told not to, which gpt-4-0125-preview did not (replies and stream deltas "
            "carry reasoning_content, temperature is fixed at 1.0 and other values are rejected, "
            "a tool loop must send the reasoning back), and the reasoning counts against "
            "max_tokens=2000, below the 32000 Moonshot AI (Kimi) advises for it: it may use all "
            "of it and leave the reply empty (unconfirmed: a third party's advice (\"raise to "
            '≥32K"); the API reference says only that the default is about 1024): pass '
            'extra_body={"thinking": {"type": "disabled"}} (apply adds none '
            "to a request built from **kwargs, which may hold one)",
        ),
    ]
    # what a module importing openai says of the same request on a client it does not trace
    traced, _ = checked(registry, "import openai\n\n\n" + HELPER)
    assert [f[1:] for f in traced] == [f[1:] for f in found]


def test_a_default_already_kimis_is_read_as_the_next_check_reads_it(registry):
    text = HELPER.replace("gpt-4-0125-preview", "kimi-k2.6")
    found, after = checked(registry, text)
    assert after == text.replace('"max_tokens"', '"max_completion_tokens"')
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [
        (5, "ML112", "review"),
        (6, "ML115", "manual"),
        (8, "ML118", "manual"),
    ]
    assert found[1][3].startswith("kimi-k2.6 fixes temperature on Moonshot AI (Kimi), and it")


def test_a_default_ml204_leaves_keeps_the_request_unread(registry):
    # a test asserts the default elsewhere: apply leaves it, and so the call may stay on OpenAI
    text = HELPER + (
        "\n\ndef test_default():\n"
        '    assert get_completion.__defaults__[0] == "gpt-4-0125-preview"\n'
    )
    found, after = checked(registry, text)
    assert after == text
    assert [(line, rule, fix) for line, rule, fix, _ in found] == [
        (1, "ML204", "manual"),
        (12, "ML204", "manual"),
    ]


def test_a_default_of_neither_side_keeps_the_request_unread(registry):
    text = HELPER.replace("gpt-4-0125-preview", "llama-3-70b")
    assert checked(registry, text) == ([], text)
