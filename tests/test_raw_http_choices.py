"""A raw request whose path is chosen at run time, and a body posted by the module's helper
(t50i N1, N4, N5: JARVIS's `api_name = "completions" if use_completion else
"chat/completions"`, `f"{BASE}/{api_name}"`, and `send_request(data)` posting `json=data`,
left check green while every request answered 404 and its logit_bias went unread).

A path with known alternatives is read for each: ML403 warns where one is an API DeepSeek
serves only in part, and apply moves an OpenAI URL when the provider serves each. A body a
function builds and hands to the helper that posts it is checked there (ML111, ML118), and
the /completions advice says what DeepSeek's file says it serves instead (`[partial]`)."""

from __future__ import annotations

import importlib
import json
import os
import sys

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.errors import ProviderError
from migrate_llm.formats.tomldoc import tomllib
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES

from .cli_findings import invoke, write
from .loopback_server import LoopbackServer
from .test_keys_and_http import findings
from .test_raw_http_endpoints import FIM_OFFER, rows

DOCS = "(see https://api-docs.deepseek.com)"
CHOSEN = "its path chosen at run time: /completions or /chat/completions"
UNSURE = (
    f"raw HTTP request (POST https://api.deepseek.com/{{}}, {CHOSEN}) to DeepSeek: "
    f"{FIM_OFFER}: send it to one of them, by hand {DOCS}"
)
LOGIT_BIAS = (
    "logit_bias= holds token ids of OpenAI's tokenizer; DeepSeek's models number their tokens "
    "otherwise, so these would bias other tokens: compute them with DeepSeek's tokenizer, or "
    "remove it"
)
THINKS = (
    "deepseek-flash thinks before it answers unless told not to, which gpt-3.5-turbo did not "
    "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool loop "
    "must send the reasoning back): "
)
ADDS = (
    'apply adds "thinking": {"type": "disabled"} to the JSON body it posts (raw HTTP has no '
    "extra_body: they are fields of the body)"
)

# JARVIS's shape (rep/d/jshape/app.py): the path chosen by a flag, the body built in one
# function and posted by another
JARVIS = """import os
import requests

use_completion = False
api_name = "completions" if use_completion else "chat/completions"
API_ENDPOINT = f"https://api.openai.com/v1/{api_name}"
API_KEY = os.getenv("OPENAI_API_KEY")


def send_request(data):
    headers = {"Authorization": f"Bearer {API_KEY}"}
    return requests.post(API_ENDPOINT, json=data, headers=headers).json()


def parse_task(text, ids):
    data = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": text}],
            "temperature": 0, "logit_bias": {i: 0.1 for i in ids}}
    return send_request(data)
"""
JARVIS_AFTER = """import os
import requests

use_completion = False
api_name = "completions" if use_completion else "chat/completions"
API_ENDPOINT = (
    f"{os.environ.get('DEEPSEEK_BASE_URL', 'https://api.deepseek.com')}/{api_name}"
)
API_KEY = os.getenv("DEEPSEEK_API_KEY")


def send_request(data):
    headers = {"Authorization": f"Bearer {API_KEY}"}
    return requests.post(API_ENDPOINT, json=data, headers=headers).json()


def parse_task(text, ids):
    data = {"thinking": {"type": "disabled"},
            "model": "deepseek-flash", "messages": [{"role": "user", "content": text}],
            "temperature": 0, "logit_bias": {i: 0.1 for i in ids}}
    return send_request(data)
"""
# the same after a person's fix of the URL and key only (rep/d/jshape/app_hand.py)
HAND = JARVIS_AFTER.replace(
    "API_ENDPOINT = (\n"
    "    f\"{os.environ.get('DEEPSEEK_BASE_URL', 'https://api.deepseek.com')}/{api_name}\"\n"
    ")\n",
    'API_ENDPOINT = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com") + '
    'f"/{api_name}"\n',
).replace(
    '    data = {"thinking": {"type": "disabled"},\n            "model"', '    data = {"model"'
)


def applied(registry, text, provider="deepseek"):
    """The text after apply, asserting a second apply edits nothing."""
    found_ = findings(registry, text, provider, rules=PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found_)
    again = findings(registry, after, provider, rules=PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return after


# -- N1: a path chosen at run time -------------------------------------------------------


def test_a_path_that_may_be_completions_keeps_check_red(registry):
    assert rows(findings(registry, HAND, "deepseek", rules=PYTHON_RULES)) == [
        (12, "ML403", "warning", "manual", UNSURE),
        (17, "ML111", "warning", "manual", LOGIT_BIAS),
    ]


@pytest.mark.parametrize(
    ("choice", "warned"),
    [
        ('api_name = "chat/completions" if stream else "chat/completions"\n', False),
        (
            'if use_completion:\n    api_name = "completions"\n'
            'else:\n    api_name = "chat/completions"\n',
            True,
        ),
    ],
)
def test_each_way_of_choosing_is_read(registry, choice, warned):
    text = HAND.replace(
        'api_name = "completions" if use_completion else "chat/completions"\n', choice
    )
    found_ = rows(findings(registry, text, "deepseek", rules=PYTHON_RULES), "ML403")
    assert [r[1:] for r in found_] == ([("ML403", "warning", "manual", UNSURE)] if warned else [])


def test_an_openai_url_is_moved_where_the_provider_serves_each_choice(registry):
    found_ = rows(findings(registry, JARVIS, "deepseek", rules=PYTHON_RULES), "ML403", "ML118")
    assert found_ == [
        (
            7,
            "ML403",
            "error",
            "review",
            "key of the raw request on line 12: OPENAI_API_KEY becomes DEEPSEEK_API_KEY, with "
            "its URL",
        ),
        (
            12,
            "ML403",
            "error",
            "review",
            f"raw HTTP request to OpenAI (POST https://api.openai.com/v1/{{}}, {CHOSEN}): sent "
            "to DeepSeek's base URL from DEEPSEEK_BASE_URL with the key from DEEPSEEK_API_KEY; "
            f"{FIM_OFFER}: then send it to one of them, by hand",
        ),
        (18, "ML118", "warning", "review", THINKS + ADDS),
    ]
    after = applied(registry, JARVIS)
    assert after == JARVIS_AFTER
    # what stays: the completions choice, and the OpenAI token ids
    assert rows(findings(registry, after, "deepseek", rules=PYTHON_RULES)) == [
        (14, "ML403", "warning", "manual", UNSURE),
        (20, "ML111", "warning", "manual", LOGIT_BIAS),
    ]


def test_a_choice_the_provider_lacks_leaves_the_request(registry):
    text = JARVIS.replace('"completions" if use_completion', '"embeddings" if use_completion')
    [request] = [r for r in rows(findings(registry, text, "deepseek")) if r[0] == 12]
    assert request == (
        12,
        "ML403",
        "error",
        "manual",
        "raw HTTP request to OpenAI (POST https://api.openai.com/v1/{}, its path chosen at run "
        "time: /embeddings or /chat/completions) left unchanged: DeepSeek does not serve "
        "/embeddings (embeddings); keep it on OpenAI (its key from OPENAI_API_KEY), or send it "
        "to another service that serves embeddings, with that service's key, by hand",
    )
    assert applied(registry, text) == text


# JARVIS's own shape (d/handfix_old/hugginggpt/server/awesome_chat.py, trimmed): the endpoint
# travels in the body and the helper pops it, so no request shows the URL it goes to
HANDED_ENDPOINT = """import os

import requests

if use_completion:
    api_name = "completions"
else:
    api_name = "chat/completions"
API_ENDPOINT = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip(
    "/"
) + f"/{api_name}"


def send_request(data):
    api_endpoint = data.pop("api_endpoint")
    return requests.post(api_endpoint, json=data).json()


def chitchat(messages):
    data = {"model": "deepseek-flash", "messages": messages, "api_endpoint": API_ENDPOINT}
    return send_request(data)
"""


def test_a_url_of_such_an_api_no_request_shows_is_reported_where_it_is_built(registry):
    assert rows(findings(registry, HANDED_ENDPOINT, "deepseek", rules=PYTHON_RULES)) == [
        (
            9,
            "ML403",
            "warning",
            "manual",
            f"URL for requests to DeepSeek (https://api.deepseek.com/{{}}, {CHOSEN}): "
            f"{FIM_OFFER}: point it at one of them, by hand {DOCS}",
        )
    ]
    # both choices the chat endpoint: nothing to say
    chat = HANDED_ENDPOINT.replace('= "completions"', '= "chat/completions"')
    assert rows(findings(registry, chat, "deepseek", rules=PYTHON_RULES)) == []


# -- N1, N4: a body handed to the helper that posts it -----------------------------------

CHAT_HELPER = """import os

import requests

URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com") + "/chat/completions"


def send_request(data):
    return requests.post(URL, json=data).json()


def ask(text):
    return send_request({"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": text}]})
"""


def test_a_body_written_in_the_helper_call_gets_the_switch(registry):
    assert rows(findings(registry, CHAT_HELPER, "deepseek", rules=PYTHON_RULES), "ML118") == [
        (13, "ML118", "warning", "review", THINKS + ADDS)
    ]
    assert applied(registry, CHAT_HELPER) == CHAT_HELPER.replace(
        '    return send_request({"model": "gpt-3.5-turbo", "messages": [{"role": "user", '
        '"content": text}]})\n',
        "    return send_request(\n"
        '        {\n            "thinking": {"type": "disabled"},\n'
        '            "model": "deepseek-flash",\n'
        '            "messages": [{"role": "user", "content": text}],\n'
        "        }\n    )\n",
    )


def test_a_body_the_helper_uses_otherwise_too_is_left_to_a_person(registry):
    # JARVIS's send_request pops its own keys from the dict before posting it
    text = CHAT_HELPER.replace(
        "def send_request(data):\n",
        'def send_request(data):\n    print(data.pop("api_key"))\n',
    )
    assert rows(findings(registry, text, "deepseek", rules=PYTHON_RULES), "ML118") == [
        (
            14,
            "ML118",
            "warning",
            "manual",
            THINKS
            + 'add "thinking": {"type": "disabled"} to the JSON body it posts (raw HTTP has no '
            "extra_body: they are fields of the body; apply leaves it: send_request() also uses "
            "it otherwise)",
        )
    ]


def test_the_model_of_a_handed_body_stays_with_a_request_left_on_openai(registry):
    # the key is not traced: ML403 leaves the request, so the model in the body stays
    text = (
        "import requests\n\n\ndef send_request(data):\n"
        '    return requests.post("https://api.openai.com/v1/chat/completions", json=data, '
        "headers=HEADERS)\n\n\n"
        'def ask(q):\n    return send_request({"model": "gpt-4o", "messages": q})\n'
    )
    assert rows(findings(registry, text, "deepseek", rules=PYTHON_RULES), "ML204") == [
        (
            9,
            "ML204",
            "warning",
            "manual",
            "entry 'model' = 'gpt-4o' is sent to OpenAI by the raw request on line 5, which "
            "apply leaves unchanged; change the model with the request, by hand",
        )
    ]


# -- N5: what DeepSeek serves instead ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        (
            'URL = "https://api.openai.com/v1/completions"\n',
            f"hard-coded OpenAI URL https://api.openai.com/v1/completions; replace it by hand: "
            f"{FIM_OFFER}",
        ),
        (
            'api_name = "completions" if c else "chat/completions"\n'
            'URL = f"https://api.openai.com/v1/{api_name}"\n',
            "hard-coded OpenAI URL https://api.openai.com/v1/; replace it by hand (its path "
            f"chosen at run time: /completions or /chat/completions): {FIM_OFFER}",
        ),
    ],
)
def test_the_advice_for_an_openai_completions_url_names_what_deepseek_serves(
    registry, text, advice
):
    [(_, rule, severity, fix, message)] = rows(findings(registry, text, "deepseek"))
    assert (rule, severity, fix, message) == ("ML402", "warning", "manual", advice)


def test_a_provider_without_partial_facts_keeps_the_plain_advice(registry):
    # Qwen marks completions partial too, but its file does not say what it serves
    text = 'URL = "https://api.openai.com/v1/completions"\n'
    [row] = rows(findings(registry, text, "qwen"))
    assert row[4] == (
        "hard-coded OpenAI URL https://api.openai.com/v1/completions; replace it with "
        "Alibaba Qwen (DashScope / Model Studio)'s base URL + /completions by hand "
        "(https://dashscope.aliyuncs.com/compatible-mode/v1/completions, the base URL read "
        "from DASHSCOPE_BASE_URL): the base URL alone is no endpoint; change with it the key "
        "and the models its requests carry (Alibaba Qwen (DashScope / Model Studio)'s key from "
        "DASHSCOPE_API_KEY, Alibaba Qwen (DashScope / Model Studio)'s models), or the "
        "program's OpenAI key and models go to Alibaba Qwen (DashScope / Model Studio)"
    )


PARTIAL = """schema = 1
id = "acme"
name = "Acme"
docs = "https://acme.example/docs"
as_of = 2026-01-01
api_key_env = "ACME_API_KEY"
base_url_env = "ACME_BASE_URL"
base_url = "https://api.acme.example/v1"

[supports]
chat = true
completions = "partial"
embeddings = false
"""


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            '[partial.embeddings]\nonly = "x"\n',
            'partial.embeddings: supports.embeddings is not "partial"',
        ),
        (
            '[partial.completions]\nonly = "x"\nwhere = "y"\n',
            "partial.completions.where: unknown key",
        ),
        (
            '[partial.completions]\nonly = "x"\ninstead = "embeddings"\n',
            "supports.embeddings is not true",
        ),
        ('[partial.completions]\nonly = "x"\nbase_url = "http://a"\n', "expected an https:// URL"),
        ('[partial.completions]\nbase_url = "https://a.example"\n', "expected a table such as"),
    ],
)
def test_a_partial_table_is_checked_when_loaded(table, problem):
    with pytest.raises(ProviderError, match=problem):
        parse_provider(tomllib.loads(PARTIAL + "\n" + table), "acme.toml")


def test_providers_show_gives_what_deepseek_serves_of_completions():
    code, out = invoke("providers", "show", "deepseek", "--format", "json")
    assert code == 0
    assert json.loads(out)["partial"] == {
        "completions": {
            "only": "fill-in-the-middle: a prompt and an optional suffix, in non-thinking mode",
            "base_url": "https://api.deepseek.com/beta",
            "instead": "chat",
        }
    }


# -- end to end: what the loopback server receives ----------------------------------------


def _httpx(text):
    """The module sending with httpx (installed here with the openai SDK), not requests."""
    return text.replace("import requests", "import httpx").replace("requests.post", "httpx.post")


def _run(text, loopback, monkeypatch):
    for name in list(os.environ):
        if "OPENAI" in name or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DEEPSEEK_BASE_URL", loopback.base)
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-loopback")
    try:
        import httpx  # noqa: F401
    except ModuleNotFoundError:  # the openai SDK here ships its HTTP client as httpx2
        monkeypatch.setitem(sys.modules, "httpx", importlib.import_module("httpx2"))
    namespace: dict = {}
    exec(compile(text, "app.py", "exec"), namespace)
    return namespace["parse_task"]("hi", [1, 2])


@pytest.fixture
def loopback():
    running = LoopbackServer(thinking=True).start()
    yield running
    running.stop()


def test_the_migrated_helper_posts_the_switch_and_check_stays_red(
    tmp_path, monkeypatch, loopback, no_network
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": _httpx(JARVIS)})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty")[0] == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after == _httpx(JARVIS_AFTER)
    reply = _run(after, loopback, monkeypatch)
    assert reply["choices"][0]["message"]["content"]
    [request] = loopback.requests
    assert request.path == "/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-loopback"
    assert request.body["model"] == "deepseek-flash"
    assert request.body["thinking"] == {"type": "disabled"}
    # the completions choice and the OpenAI token ids keep check red
    code, out = invoke("check", ".", "--provider", "deepseek")
    assert code == 1
    assert [line.split(" ", 2)[1] for line in out.splitlines()[:-1]] == ["ML403", "ML111"]


def test_the_completions_choice_answers_404_and_check_says_so(
    tmp_path, monkeypatch, loopback, no_network
):
    """rep/d/jshape/app_hand.py: check was green while the request answered 404."""
    monkeypatch.chdir(tmp_path)
    hand = _httpx(HAND.replace("use_completion = False", "use_completion = True"))
    write(tmp_path, {"app.py": hand})
    code, out = invoke("check", ".", "--provider", "deepseek")
    assert (code, out.splitlines()[0]) == (1, f"app.py:12:12 ML403 {UNSURE}")
    assert "error" in _run(hand, loopback, monkeypatch)
    assert [(r.path, r.body["model"]) for r in loopback.requests] == [
        ("/completions", "deepseek-flash")
    ]
