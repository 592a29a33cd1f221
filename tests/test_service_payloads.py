"""A model in the JSON body of a request to a service that is neither OpenAI nor a provider
names that service's model (browser-use's Browser Use Cloud examples, t44e and t44f: apply
wrote `deepseek-flash`, which that service refuses)."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

NOTE = (
    "entry 'llm_model' = 'gpt-4.1-mini' is sent in the JSON body of the request to "
    "api.browser-use.com on line {line}, a service that names its own models, not OpenAI: "
    "apply leaves it"
)
PAYLOAD = "payload = {'task': 't', 'llm_model': 'gpt-4.1-mini'}\n"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "import requests\n" + PAYLOAD + "requests.post("
            "'https://api.browser-use.com/api/v1/run-task', json=payload)\n",
            3,
        ),
        # the URL an f-string builds on an environment read's default
        (
            "import os\nimport requests\n"
            "BASE = os.getenv('BROWSER_USE_BASE_URL', 'https://api.browser-use.com/api/v1')\n"
            + PAYLOAD
            + "requests.post(f'{BASE}/run-task', json=payload)\n",
            5,
        ),
        # a wrapper of the module's own, given the URL and the body
        (
            "import requests\n\n\ndef _req(method, url, **kw):\n"
            "    return requests.request(method, url, **kw)\n\n\n"
            + PAYLOAD
            + "_req('post', 'https://api.browser-use.com/api/v1/run-task', json=payload)\n",
            9,
        ),
    ],
)
def test_a_services_own_model_is_left(registry, text, line):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.severity.value, f.fix.value, f.message) for f in found] == [
        ("note", "none", NOTE.format(line=line))
    ]
    assert migrate_text(text, "python", "app.py", found)[0] == text


def test_a_body_sent_to_openai_or_a_url_not_shown_is_not_a_services(registry):
    ctx = RuleContext(registry, registry.get("deepseek"))
    for url in ("'https://api.openai.com/v1/chat/completions'", "URL"):
        text = f"import requests\n{PAYLOAD}requests.post({url}, json=payload)\n"
        found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
        assert [f.message for f in found if "names its own models" in f.message] == []


LINKAI = """import requests


def reply(conf, messages):
    body = {"messages": messages, "model": conf.get("model") or "gpt-3.5-turbo"}
    base_url = conf.get("linkai_api_base", "https://api.link-ai.tech")
    return requests.post(url=base_url + "/v1/chat/completions", json=body).json()
"""


def test_a_default_model_sent_to_a_url_a_settings_getter_defaults_to_is_the_services(registry):
    """chatgpt-on-wechat's LinkAI bot (t54d): the model, an operand of `or`, goes to the URL a
    settings getter defaults to (`conf.get("linkai_api_base", "https://api.link-ai.tech")`),
    LinkAI's own service: left, where apply wrote 'ernie-speed-128k'."""
    ctx = RuleContext(registry, registry.get("ernie"))
    found = [f for f in check_python(LINKAI, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.severity.value, f.fix.value, f.message) for f in found] == [
        (
            5,
            "note",
            "none",
            "entry 'model' = 'gpt-3.5-turbo' is sent in the JSON body of the request to "
            "api.link-ai.tech on line 7, a service that names its own models, not OpenAI: "
            "apply leaves it",
        )
    ]
    assert migrate_text(LINKAI, "python", "app.py", found)[0] == LINKAI
    # the same getter defaulting to OpenAI's URL: the model still maps
    to_openai = LINKAI.replace("https://api.link-ai.tech", "https://api.openai.com")
    found = [f for f in check_python(to_openai, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert "names its own models" not in " ".join(f.message for f in found)
