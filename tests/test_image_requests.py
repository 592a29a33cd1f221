"""Requests that send images get the provider's model for images, not the table's text model.

DeepSeek maps `gpt-4o` to deepseek-v4-pro, which takes text only; its model for images is
deepseek-flash (`[tiers] vision`). Qwen's is qwen3-vl-plus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .provider_run import run_on_provider

VISION_APP = """import os

from openai import OpenAI

client = OpenAI()
VISION_MODEL = os.environ.get("VISION_MODEL", "gpt-4o")
TEXT_MODEL = "gpt-4o"


def describe(url):
    parts = [
        {"type": "text", "text": "What is in this picture?"},
        {"type": "image_url", "image_url": {"url": url}},
    ]
    reply = client.chat.completions.create(
        model=VISION_MODEL, messages=[{"role": "user", "content": parts}]
    )
    return reply.choices[0].message.content


def caption(url):
    reply = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]}],
    )
    return reply.choices[0].message.content


def ask(question):
    reply = client.chat.completions.create(
        model=TEXT_MODEL, messages=[{"role": "user", "content": question}]
    )
    return reply.choices[0].message.content


print(describe("https://example.com/cat.png"))
print(caption("https://example.com/dog.png"))
print(ask("ping"))
"""


def migrated(registry, provider_id: str, text: str, **models: str) -> tuple[str, list]:
    """The text `apply` writes for the provider, and the findings of the scan before it."""
    ctx = RuleContext(registry, registry.get(provider_id), models=models)
    findings = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", findings)
    return after, findings


def model_messages(findings) -> list[tuple[int, str, str, str]]:
    return [
        (f.line, f.rule, f.message, f.fix.value)
        for f in findings
        if f.rule in ("ML201", "ML202", "ML203", "ML204")
    ]


def test_deepseek_sends_image_requests_to_its_model_for_images(registry) -> None:
    text, findings = migrated(registry, "deepseek", VISION_APP)
    assert model_messages(findings) == [
        (
            6,
            "ML204",
            "env default 'gpt-4o' of constant VISION_MODEL maps to 'deepseek-flash' on "
            "DeepSeek, its model for images",
            "review",
        ),
        (
            7,
            "ML202",
            "constant TEXT_MODEL = 'gpt-4o' (used as model= on line 31) maps to "
            "'deepseek-v4-pro' on DeepSeek",
            "review",
        ),
        (
            16,
            "ML203",
            "model comes from `VISION_MODEL` at run time and the request sends images; make "
            "sure it names a DeepSeek model that takes images (deepseek-flash)",
            "manual",
        ),
        (
            23,
            "ML201",
            "model 'gpt-4o' maps to 'deepseek-flash' on DeepSeek, its model for images",
            "review",
        ),
    ]
    assert 'os.environ.get("VISION_MODEL", "deepseek-flash")' in text
    assert 'TEXT_MODEL = "deepseek-v4-pro"' in text
    assert '        model="deepseek-flash",\n' in text
    again, _ = migrated(registry, "deepseek", text)
    assert again == text


def test_a_constant_any_image_request_uses_is_mapped_for_images(registry) -> None:
    """The constant's one finding stands at its first use; a later request sends images."""
    source = (
        "from openai import OpenAI\n\nclient = OpenAI()\nMODEL = 'gpt-4o'\n\n\n"
        "def ask(q):\n"
        "    return client.chat.completions.create(model=MODEL, messages=q)\n\n\n"
        "def look(url):\n"
        "    part = {'type': 'image_url', 'image_url': {'url': url}}\n"
        "    return client.chat.completions.create(\n"
        "        model=MODEL, messages=[{'role': 'user', 'content': [part]}]\n"
        "    )\n"
    )
    text, findings = migrated(registry, "qwen", source)
    assert model_messages(findings) == [
        (
            4,
            "ML202",
            "constant MODEL = 'gpt-4o' (used as model= on line 8) maps to 'qwen3-vl-plus' on "
            "Alibaba Qwen (DashScope / Model Studio), its model for images",
            "review",
        )
    ]
    assert "MODEL = 'qwen3-vl-plus'\n" in text


def test_module_level_messages_bound_to_a_name_are_followed(registry) -> None:
    source = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "messages = [{'role': 'user', 'content': [{'type': 'input_image', 'image_url': 'u'}]}]\n"
        "client.responses.create(model='gpt-4o', input=messages)\n"
        "client.chat.completions.create(model='gpt-4o', messages=[])\n"
    )
    text, _ = migrated(registry, "zhipu", source)
    assert text.endswith(
        "client.responses.create(model='glm-4.6v', input=messages)\n"
        "client.chat.completions.create(model='glm-5.3', messages=[])\n"
    )


@pytest.mark.parametrize(
    "setting",
    [
        "CONFIG = {'vision_model': 'gpt-4o'}",
        "CONFIG = {'model': os.getenv('OPENAI_VISION_MODEL', 'gpt-4o')}",
    ],
)
def test_a_setting_named_for_images_is_mapped_for_images(registry, setting) -> None:
    text, findings = migrated(registry, "deepseek", f"import os\n\n{setting}\n")
    (finding,) = model_messages(findings)
    assert finding[2].endswith("maps to 'deepseek-flash' on DeepSeek, its model for images")
    assert "'deepseek-flash'" in text


def test_a_provider_without_a_model_for_images_leaves_it_to_a_person(registry) -> None:
    text, findings = migrated(registry, "spark", VISION_APP)
    by_line = {line: (message, fix) for line, _, message, fix in model_messages(findings)}
    assert by_line[23] == (
        "model 'gpt-4o' is used with images, and iFLYTEK Spark names no model that takes "
        "images; choose one from https://www.xfyun.cn/doc/spark/HTTP%E8%B0%83%E7%94%A8%E6%96%87"
        "%E6%A1%A3.html (or pass --model gpt-4o=NAME)",
        "manual",
    )
    assert '        model="gpt-4o",\n' in text


def test_a_model_the_user_maps_is_kept_for_image_requests(registry) -> None:
    text, _ = migrated(registry, "deepseek", VISION_APP, **{"gpt-4o": "deepseek-v4-pro"})
    assert '        model="deepseek-v4-pro",\n' in text


def test_migrated_image_requests_reach_the_provider_with_its_model_for_images(
    registry, server, tmp_path, monkeypatch
) -> None:
    (tmp_path / "app.py").write_text(VISION_APP)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    run_on_provider(Path("app.py"), tmp_path, registry.get("deepseek"), server, tmp_path / "guard")
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        ("/chat/completions", "deepseek-flash"),
        ("/chat/completions", "deepseek-flash"),
        ("/chat/completions", "deepseek-v4-pro"),
    ]
    assert server.requests[0].body["messages"][0]["content"][1]["type"] == "image_url"


def test_an_openai_model_for_images_keeps_the_tables_choice(registry) -> None:
    """Zhipu's table maps gpt-4-vision-preview to glm-4v-plus, a model for images."""
    source = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "part = {'type': 'image_url', 'image_url': {'url': 'u'}}\n"
        "client.chat.completions.create(model='gpt-4-vision-preview', messages=[part])\n"
    )
    text, findings = migrated(registry, "zhipu", source)
    assert [m for _, rule, m, _ in model_messages(findings)] == [
        "model 'gpt-4-vision-preview' maps to 'glm-4v-plus' on Zhipu AI (GLM)"
    ]
    assert "model='glm-4v-plus'" in text


def test_an_image_request_with_no_model_gets_the_one_openais_default_maps_to(registry):
    # chatgpt_telegram_bot's `openai.Image.create(prompt=...)` asked for OpenAI's default
    # model, which Zhipu does not serve, and `check` passed
    text = (
        "from openai import OpenAI\n\nc = OpenAI()\n"
        'r = c.images.generate(prompt="a cat", n=1)\n'
        'v = c.images.generate(model="dall-e-3", prompt="a dog")\n'
    )
    ctx = RuleContext(registry, registry.get("zhipu"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML201"]
    assert [(f.line, f.fix.value, f.message) for f in found] == [
        (
            4,
            "review",
            "images.generate() sends no model, so OpenAI's default, 'dall-e-2', is asked for; "
            "apply passes 'cogview-4', what 'dall-e-2' maps to on Zhipu AI (GLM)",
        ),
        (5, "review", "model 'dall-e-3' maps to 'cogview-4' on Zhipu AI (GLM)"),
    ]
    after, _ = migrate_text(text, "python", "app.py", found)
    assert 'c.images.generate(model="cogview-4", prompt="a cat", n=1)' in after
    # a provider with no image model: a person chooses
    acme = check_python(text, RuleContext(registry, registry.get("acme")), PYTHON_RULES)
    assert next((f.line, f.fix.value) for f in acme if f.rule == "ML201") == (4, "manual")


RAW_IMAGE_REQUEST = (
    "import os\n\nimport requests\n\n\n"
    "def look(image, question):\n"
    '    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": [\n'
    '        {"type": "text", "text": question},\n'
    '        {"type": "image_url", "image_url": {"url": image}},\n'
    "    ]}]}\n"
    '    headers = {"Authorization": f"Bearer {os.getenv(\'OPENAI_API_KEY\')}"}\n'
    '    url = "https://api.openai.com/v1/chat/completions"\n'
    "    return requests.post(url, headers=headers, json=body)\n\n\n"
    "def ask(question):\n"
    '    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": question}]}\n'
    '    headers = {"Authorization": f"Bearer {os.getenv(\'OPENAI_API_KEY\')}"}\n'
    '    return requests.post("https://api.openai.com/v1/chat/completions", headers=headers, '
    "json=body)\n"
)


def test_a_raw_request_sending_images_gets_the_model_for_images(registry) -> None:
    """The JSON body of a raw request to the chat path is read as an SDK request is: the one
    with an image part gets deepseek-flash, the text one deepseek-v4-pro; each gets the switch
    turning their thinking off as a field of the body (ML118: gpt-4o answered at once)."""
    text, findings = migrated(registry, "deepseek", RAW_IMAGE_REQUEST)
    assert [(line, message) for line, _, message, _ in model_messages(findings)] == [
        (7, "entry 'model' = 'gpt-4o' maps to 'deepseek-flash' on DeepSeek, its model for images"),
        (17, "entry 'model' = 'gpt-4o' maps to 'deepseek-v4-pro' on DeepSeek"),
    ]
    assert text == (
        "import os\n\nimport requests\n\n\n"
        "def look(image, question):\n"
        "    body = {\n"
        '        "thinking": {"type": "disabled"},\n'
        '        "model": "deepseek-flash",\n'
        '        "messages": [\n'
        "            {\n"
        '                "role": "user",\n'
        '                "content": [\n'
        '                    {"type": "text", "text": question},\n'
        '                    {"type": "image_url", "image_url": {"url": image}},\n'
        "                ],\n"
        "            }\n"
        "        ],\n"
        "    }\n"
        '    headers = {"Authorization": f"Bearer {os.getenv(\'DEEPSEEK_API_KEY\')}"}\n'
        "    url = (\n"
        '        os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '        + "/chat/completions"\n'
        "    )\n"
        "    return requests.post(url, headers=headers, json=body)\n\n\n"
        "def ask(question):\n"
        "    body = {\n"
        '        "thinking": {"type": "disabled"},\n'
        '        "model": "deepseek-v4-pro",\n'
        '        "messages": [{"role": "user", "content": question}],\n'
        "    }\n"
        '    headers = {"Authorization": f"Bearer {os.getenv(\'DEEPSEEK_API_KEY\')}"}\n'
        "    return requests.post(\n"
        '        os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
        '        + "/chat/completions",\n'
        "        headers=headers,\n"
        "        json=body,\n"
        "    )\n"
    )


def test_a_function_is_searched_for_image_parts_once(registry, monkeypatch) -> None:
    """Each request looked for an image part in the whole function that makes it: a
    function of many requests was searched again for each. It is searched once."""
    from migrate_llm.rules import image_requests

    read: list[str] = []
    string_value = image_requests.string_value

    def counting(node):
        read.append(node.value)
        return string_value(node)

    monkeypatch.setattr(image_requests, "string_value", counting)
    count = 30
    text = "from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n" + "".join(
        f'    client.chat.completions.create(model="gpt-4o", messages=[{{"role": "user", '
        f'"content": q}}])  # {i}\n'
        for i in range(count)
    )
    found = check_python(text, RuleContext(registry, registry.get("deepseek")), PYTHON_RULES)
    models = [f.edit.text for f in found if f.rule == "ML201" and f.edit is not None]
    assert models == ['"deepseek-v4-pro"'] * count  # no image: the table's text model
    # the strings of each request (its model, "role", "user", "content"), then the function's
    # once
    assert len(read) == 4 * count + 4 * count


TABLE_APP = """from openai import OpenAI

MODEL_CONFIG = {
    "fast": {"api_name": "gpt-4o-mini", "effort": "low"},
    "best": {"api_name": "gpt-4o", "effort": "high"},
}
{lookup}

def describe(url, tier):
    reply = OpenAI().chat.completions.create(
        model={model},
        messages=[{{"role": "user", "content": [{{"type": "image_url", "image_url": {{"url": url}}}}]}}],
    )
    return reply.choices[0].message.content
"""


@pytest.mark.parametrize(
    ("lookup", "model"),
    [
        ("", 'MODEL_CONFIG[tier]["api_name"]'),
        ('CHOSEN = MODEL_CONFIG["best"]["api_name"]\n', "CHOSEN"),
    ],
)
def test_a_tables_models_an_image_request_looks_up_are_mapped_for_images(
    registry, lookup, model
) -> None:
    """screenshot-to-code's shape (t40c N2): the request's model is a lookup in a table of
    model records; the records it may give are mapped to the model for images (qwen-plus,
    the table's choice for gpt-4o-mini, reads text only). A written key picks its record."""
    source = TABLE_APP.replace("{lookup}", lookup).replace("{model}", model)
    source = source.replace("{{", "{").replace("}}", "}")
    text, findings = migrated(registry, "qwen", source)
    qwen = "on Alibaba Qwen (DashScope / Model Studio)"
    mapped = {line: m for line, rule, m, _ in model_messages(findings) if rule == "ML204"}
    vision = f"'qwen3-vl-plus' {qwen}, its model for images"
    assert mapped == {
        4: "entry 'api_name' of MODEL_CONFIG = 'gpt-4o-mini' maps to "
        + (f"'qwen-plus' {qwen}" if lookup else vision),
        5: f"entry 'api_name' of MODEL_CONFIG = 'gpt-4o' maps to {vision}",
    }
    assert '"effort": "low"' in text and '"gpt-4o' not in text


def test_a_tables_models_a_text_request_looks_up_keep_the_tables_choice(registry) -> None:
    source = (
        "from openai import OpenAI\n\n"
        'MODELS = {"fast": "gpt-4o-mini", "best": "gpt-4o"}\n\n\n'
        "def ask(kind, prompt):\n"
        "    return OpenAI().chat.completions.create(model=MODELS[kind], messages=prompt)\n"
    )
    text, _ = migrated(registry, "qwen", source)
    assert 'MODELS = {"fast": "qwen-plus", "best": "qwen4-max"}\n' in text
