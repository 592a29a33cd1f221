"""The JSON body of a raw chat request to the provider is checked as an SDK request's
arguments (t50b: GPTDiscord's aiohttp payloads kept temperature, top_p and the penalties
kimi-k2.6 fixes, and check went green while every request was refused)."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import RunFacts

from .cli_findings import invoke, write
from .loopback_server import LoopbackServer
from .test_project_facts import ACME
from .test_raw_http_endpoints import _ask

COMPAT = {"ML111", "ML112", "ML115"}
ACME_CHAT = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") + "/chat/completions"'
THINK_TEMPERATURE = (
    "acme-think fixes temperature on Acme Cloud: temperature= is removed "
    "(the model ignores or rejects it)"
)


def context(registry, models=None, provider="acme"):
    return RuleContext(registry, registry.get(provider), None, dict(models or {}))


def rows(registry, text, models=None):
    return [
        (f.rule, f.line, f.fix, f.message)
        for f in check_python(text, context(registry, models), PYTHON_RULES)
        if f.rule in COMPAT
    ]


def migrated(registry, text, models=None):
    ctx = context(registry, models)
    after = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return after


SENT = f"""import os

import requests


def ask(prompt):
    payload = {{
        "model": "acme-think",
        "messages": [{{"role": "user", "content": prompt}}],
        "temperature": 0.85,
        "max_completion_tokens": 10,
    }}
    return requests.post({ACME_CHAT}, json=payload, headers=HEADERS).json()
"""


def test_a_payload_sent_to_the_provider_loses_what_its_model_fixes(registry):
    assert rows(registry, SENT) == [
        ("ML115", 10, FixClass.REVIEW, THINK_TEMPERATURE),
        ("ML112", 11, FixClass.SAFE, "Acme Cloud takes max_tokens=, not max_completion_tokens="),
    ]
    assert migrated(registry, SENT) == SENT.replace('        "temperature": 0.85,\n', "").replace(
        '"max_completion_tokens"', '"max_tokens"'
    )


def test_a_literal_body_in_the_call_is_checked_and_clamped(registry):
    text = (
        "import os\nimport httpx\n\n"
        f"r = httpx.post(\n    {ACME_CHAT},\n"
        '    json={"model": "acme-large", "messages": [], "temperature": 1.5, '
        '"tool_choice": "required"},\n'
        ")\n"
    )
    assert rows(registry, text) == [
        (
            "ML111",
            6,
            FixClass.REVIEW,
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        ),
        (
            "ML111",
            6,
            FixClass.MANUAL,
            'tool_choice="required" is not accepted by Acme Cloud (accepted: auto, none); use '
            '"auto" and check that the model calls a tool',
        ),
    ]
    assert '"temperature": 1.0' in migrated(registry, text)


def test_a_request_ml403_points_at_the_provider_is_checked_with_its_mapped_model(registry):
    text = (
        "import os\nimport requests\n\n"
        'KEY = os.environ["OPENAI_API_KEY"]\n'
        "r = requests.post(\n"
        '    "https://api.openai.com/v1/chat/completions",\n'
        '    json={"model": "o3-mini", "messages": [], "temperature": 0},\n'
        '    headers={"Authorization": f"Bearer {KEY}"},\n'
        ")\n"
    )
    mapped = {"o3-mini": "acme-think"}
    assert rows(registry, text, mapped) == [
        (
            "ML115",
            7,
            FixClass.REVIEW,
            "acme-think (mapped from o3-mini) fixes temperature on Acme Cloud: temperature= is "
            "removed (the model ignores or rejects it)",
        )
    ]
    assert '    json={"model": "acme-think", "messages": []},\n' in migrated(registry, text, mapped)


def test_a_request_left_on_openai_is_not_checked(registry):
    # the key is not traced: ML403 leaves the request (and its body) on OpenAI
    text = (
        "import requests\n"
        "r = requests.post(\n"
        '    "https://api.openai.com/v1/chat/completions",\n'
        '    json={"model": "acme-think", "messages": [], "temperature": 0},\n'
        "    headers=HEADERS,\n"
        ")\n"
    )
    assert rows(registry, text) == []


def test_a_body_used_elsewhere_too_is_left_to_a_person(registry):
    text = SENT.replace("    return requests", "    print(payload)\n    return requests")
    assert rows(registry, text)[0] == (
        "ML115",
        10,
        FixClass.MANUAL,
        'acme-think fixes temperature on Acme Cloud: remove the entry "temperature" (the model '
        "ignores or rejects it) (apply leaves the dict: it is used elsewhere too)",
    )


def test_a_model_that_is_a_parameter_default_is_left_to_a_person(registry):
    # t50b repro2: `async def ask(prompt, model="kimi-k2.6")`, called with and without it
    text = SENT.replace("def ask(prompt):", 'def ask(prompt, model="acme-think"):').replace(
        '"model": "acme-think"', '"model": model'
    )
    assert rows(registry, text)[0] == (
        "ML115",
        10,
        FixClass.MANUAL,
        "acme-think fixes temperature on Acme Cloud, and it is the default of model of ask(): "
        'remove the entry "temperature" by hand (the model ignores or rejects it; apply leaves '
        "it: a caller may pass another model)",
    )


def test_a_base_url_stripped_of_its_slash_still_names_the_chat_endpoint(registry):
    text = SENT.replace(
        ACME_CHAT,
        'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1").rstrip("/") '
        '+ "/chat/completions"',
    )
    assert [r[0] for r in rows(registry, text)] == ["ML115", "ML112"]


def test_another_endpoint_or_host_is_not_a_chat_request(registry):
    embeddings = SENT.replace('"/chat/completions"', '"/embeddings"')
    elsewhere = SENT.replace(ACME_CHAT, '"https://llm.internal.example/v1/chat/completions"')
    assert rows(registry, embeddings) == []
    assert rows(registry, elsewhere) == []


def test_max_tokens_of_a_raw_body_ignores_the_openai_pin(registry):
    # the body goes out as written: an openai release below 1.45.0 does not matter
    text = (
        SENT.replace("ACME", "MOONSHOT")
        .replace("api.acme.example", "api.moonshot.cn")
        .replace('"acme-think"', '"moonshot-v1-8k"')
        .replace('"max_completion_tokens"', '"max_tokens"')
    )
    facts = RunFacts(openai_before_completion_tokens=True)
    pinned = RuleContext(registry, registry.get("moonshot"), None, {}, facts=facts)
    found = [f for f in check_python(text, pinned, PYTHON_RULES) if f.rule == "ML112"]
    assert [(f.fix, f.message.split(" (unconfirmed")[0]) for f in found] == [
        (FixClass.REVIEW, "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens=")
    ]


OPENAI_APP = """import os

import httpx

KEY = os.environ["OPENAI_API_KEY"]


def ask(text):
    payload = {
        "model": "o3-mini",
        "messages": [{"role": "user", "content": text}],
        "temperature": 0.2,
        "top_p": 0.9,
        "max_completion_tokens": 50,
    }
    headers = {"Authorization": f"Bearer {KEY}"}
    r = httpx.post("https://api.openai.com/v1/chat/completions", headers=headers, json=payload)
    return r.json()["choices"][0]["message"]["content"]
"""


def test_the_migrated_body_reaches_the_provider_without_what_its_model_fixes(
    tmp_path, monkeypatch, no_network
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": OPENAI_APP})
    assert invoke("apply", ".", *ACME, "--model", "o3-mini=acme-think", "--yes")[0] == 0
    assert invoke("check", ".", *ACME, "--model", "o3-mini=acme-think")[0] == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    loopback = LoopbackServer().start()
    try:
        assert isinstance(_ask(after, loopback, monkeypatch)("hi"), str)
    finally:
        loopback.stop()
    [request] = loopback.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer acme-loopback-key"
    assert sorted(request.body) == ["max_tokens", "messages", "model"]
    assert request.body["model"] == "acme-think"
