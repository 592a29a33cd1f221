"""ML118 on a raw HTTP chat request: its JSON body mapped from an OpenAI model that answered at
once to one that thinks unless told not to gets the provider's switch as fields of the body
(raw HTTP has no `extra_body`; t50d D1: JARVIS posts gpt-3.5-turbo with `requests`, which
DeepSeek maps to deepseek-flash, and got no switch and no warning). A top-level switch entry
already in the body is the program's choice."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import invoke, write
from .loopback_server import LoopbackServer

SWITCH = '"thinking": {"type": "disabled"}'
HEAD = (
    "deepseek-flash thinks before it answers unless told not to, which gpt-3.5-turbo did not "
    "(replies and stream deltas carry reasoning_content, temperature is ignored, a tool loop "
    "must send the reasoning back): "
)
WHY = "raw HTTP has no extra_body: they are fields of the body"
ADDS = f"apply adds {SWITCH} to the JSON body it posts ({WHY})"
# t50d D1 (JARVIS): a body posted to OpenAI with requests, pointed at DeepSeek by ML403
JARVIS = """import os
import requests

URL = "https://api.openai.com/v1/chat/completions"
HEADERS = {"Authorization": f"Bearer {os.environ['OPENAI_API_KEY']}"}


def ask(text):
    data = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": text}],
            "max_tokens": 50}
    return requests.post(URL, headers=HEADERS, json=data).json()
"""
JARVIS_AFTER = """import os
import requests

URL = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com") + "/chat/completions"
HEADERS = {"Authorization": f"Bearer {os.environ['DEEPSEEK_API_KEY']}"}


def ask(text):
    data = {"thinking": {"type": "disabled"},
            "model": "deepseek-flash", "messages": [{"role": "user", "content": text}],
            "max_tokens": 50}
    return requests.post(URL, headers=HEADERS, json=data).json()
"""
DEEPSEEK_CHAT = (
    'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com") + "/chat/completions"'
)


def context(registry, provider="deepseek", models=None):
    return RuleContext(registry, registry.get(provider), None, dict(models or {}))


def ml118(registry, text, provider="deepseek", models=None):
    found = check_python(text, context(registry, provider, models), PYTHON_RULES)
    return [(f.line, f.severity, f.fix, f.message) for f in found if f.rule == "ML118"]


def migrated(registry, text, provider="deepseek", models=None):
    ctx = context(registry, provider, models)
    after = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []  # a second run edits nothing
    assert [f for f in again if f.rule == "ML118"] == []
    return after


def posted(body: str, before: str = "") -> str:
    """A module posting `body` (the text of `json=`) to DeepSeek's chat endpoint."""
    return (
        f"import os\n\nimport requests\n\nURL = {DEEPSEEK_CHAT}\n\n\ndef ask(q):\n"
        + before
        + f"    return requests.post(URL, json={body}).json()\n"
    )


def test_jarvis_body_gets_the_switch_as_a_field_of_its_own(registry):
    assert ml118(registry, JARVIS) == [(11, Severity.WARNING, FixClass.REVIEW, HEAD + ADDS)]
    assert migrated(registry, JARVIS) == JARVIS_AFTER


def test_a_body_written_in_the_call_and_a_dict_call_get_it_too(registry):
    display = posted('{"model": "gpt-3.5-turbo", "messages": q}')
    assert migrated(registry, display) == posted("").replace(
        "    return requests.post(URL, json=).json()\n",
        "    return requests.post(\n"
        '        URL, json={"thinking": {"type": "disabled"}, "model": "deepseek-flash", '
        '"messages": q}\n'
        "    ).json()\n",
    )
    built = posted('dict(model="gpt-3.5-turbo", messages=q)')
    assert migrated(registry, built) == posted("").replace(
        "    return requests.post(URL, json=).json()\n",
        "    return requests.post(\n"
        '        URL, json=dict(thinking={"type": "disabled"}, model="deepseek-flash", '
        "messages=q)\n"
        "    ).json()\n",
    )


@pytest.mark.parametrize(
    "body, before",
    [
        ('{"model": "gpt-3.5-turbo", "messages": q, "thinking": {"type": "enabled"}}', ""),
        ('{"model": "gpt-3.5-turbo", "messages": q, "thinking": {"type": "disabled"}}', ""),
        (
            "body",
            '    body = {"model": "gpt-3.5-turbo", "messages": q}\n'
            '    body["thinking"] = {"type": "enabled"}\n',
        ),
        ('{"model": "gpt-3.5-turbo", "messages": q, "reasoning_effort": "high"}', ""),
        ('{"model": "deepseek-flash", "messages": q}', ""),
    ],
)
def test_a_body_that_chooses_already_is_left_as_it_is(registry, body, before):
    # a top-level "thinking" entry is the switch of a raw body, as extra_body's is the SDK's
    assert ml118(registry, posted(body, before)) == []


def test_a_body_used_elsewhere_too_is_left_to_a_person(registry):
    text = posted("body", '    body = {"model": "gpt-3.5-turbo", "messages": q}\n    print(body)\n')
    tail = (
        f"add {SWITCH} to the JSON body it posts ({WHY}; apply leaves it: it is used elsewhere too)"
    )
    assert ml118(registry, text) == [(11, Severity.WARNING, FixClass.MANUAL, HEAD + tail)]


def test_an_effort_sent_at_times_asks_for_the_switch_only_without_it(registry):
    text = posted('{"model": "gpt-3.5-turbo", "messages": q, "reasoning_effort": effort}').replace(
        "def ask(q):", "def ask(q, effort=None):"
    )
    assert ml118(registry, text) == [
        (
            9,
            Severity.WARNING,
            FixClass.MANUAL,
            HEAD[:-2] + ", also where reasoning_effort=effort sends nothing: add "
            f"{SWITCH} to the JSON body it posts only there (not beside a reasoning_effort, "
            "which asks for thinking), by hand",
        )
    ]


def test_qwen_bodies_get_its_own_switch_or_its_token_limit_warning(registry):
    qwen_chat = (
        'os.environ.get("DASHSCOPE_BASE_URL", '
        '"https://dashscope.aliyuncs.com/compatible-mode/v1") + "/chat/completions"'
    )
    text = posted('{"model": "gpt-4o", "messages": q, "max_completion_tokens": 4096}').replace(
        DEEPSEEK_CHAT, qwen_chat
    )
    # an open-source Qwen3 model is hybrid: "enable_thinking": false, a field of the body
    assert 'json={\n            "enable_thinking": False,' in migrated(
        registry, text, "qwen", {"gpt-4o": "qwen3-32b"}
    )
    # qwen4-max, gpt-4o's by default, has no switch the provider file names
    [(line, severity, fix, message)] = ml118(registry, text, "qwen")
    assert (line, severity, fix) == (9, Severity.WARNING, FixClass.MANUAL)
    assert message.startswith(
        "qwen4-max always thinks before it answers (no switch turns it off), which gpt-4o did "
        "not (replies and stream deltas carry reasoning_content, the provider file does not "
        "say whether a tool loop must send the reasoning back), and the reasoning counts against "
        "max_completion_tokens=4096"
    )


def _ask(text: str, loopback: LoopbackServer, monkeypatch):
    for name in list(os.environ):
        if "OPENAI" in name or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DEEPSEEK_BASE_URL", loopback.base + "/v1")
    monkeypatch.setenv("DEEPSEEK_API_KEY", "deepseek-loopback-key")
    namespace: dict = {}
    exec(compile(text, "app.py", "exec"), namespace)
    return namespace["ask"]


def _migrate_and_post(tmp_path, monkeypatch, app: str) -> dict:
    """Apply and check for DeepSeek, run the migrated `ask("hi")` against the loopback server,
    and return the JSON body the server received."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": app})
    assert invoke("apply", ".", "--provider", "deepseek", "--no-cache", "--yes")[0] == 0
    assert invoke("check", ".", "--provider", "deepseek", "--no-cache")[0] == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    loopback = LoopbackServer(thinking=True).start()
    try:
        reply = _ask(after, loopback, monkeypatch)("hi")
    finally:
        loopback.stop()
    assert reply["choices"][0]["message"]["content"]
    [request] = loopback.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer deepseek-loopback-key"
    return request.body


HTTPX_APP = JARVIS.replace("import requests", "import httpx").replace("requests.post", "httpx.post")


def test_the_migrated_body_reaches_the_provider_with_the_switch(tmp_path, monkeypatch, no_network):
    try:
        import httpx  # noqa: F401
    except ModuleNotFoundError:  # the openai SDK here ships its HTTP client as httpx2
        monkeypatch.setitem(sys.modules, "httpx", importlib.import_module("httpx2"))
    body = _migrate_and_post(tmp_path, monkeypatch, HTTPX_APP)
    assert body == {
        "thinking": {"type": "disabled"},
        "model": "deepseek-flash",
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 50,
    }


@pytest.mark.frameworks
def test_jarvis_posts_the_switch_with_requests(tmp_path, monkeypatch, no_network):
    pytest.importorskip("requests")
    body = _migrate_and_post(tmp_path, monkeypatch, JARVIS)
    assert body == {
        "thinking": {"type": "disabled"},
        "model": "deepseek-flash",
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 50,
    }
