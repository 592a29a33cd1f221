"""A request's model read from a class constant (`Models.MINI` for `class Models: MINI =
"gpt-4o-mini"`, an enum's `Models.MINI.value`) is known to the request checks (t50i N2:
GPTDiscord's `"model": Models.GPT_4_OMEGA_MINI` payloads and SDK calls kept the sampling
kimi-k2.6 fixes after apply mapped the constant, and check went green)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .cli_findings import invoke, write
from .loopback_server import LoopbackServer
from .test_project_facts import ACME
from .test_raw_http_endpoints import _ask

SHOWN = {"ML111", "ML115", "ML118", "ML201", "ML202", "ML203", "ML204", "ML205"}
ACME_CHAT = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1") + "/chat/completions"'
ACME_CLIENT = (
    'OpenAI(\n    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)'
)
MAPPED = {"o3-mini": "acme-think"}
SMALL = {"gpt-4o-mini": "acme-think"}  # a model that did not think (ML118)


def context(registry, models=None):
    return RuleContext(registry, registry.get("acme"), None, dict(models or {}))


def rows(registry, text, models=None):
    return [
        (f.rule, f.line, f.fix, f.message)
        for f in check_python(text, context(registry, models), PYTHON_RULES)
        if f.rule in SHOWN
    ]


def migrated(registry, text, models=None):
    ctx = context(registry, models)
    after = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return after


RAW = f"""import os

import requests


class Models:
    MINI = "acme-think"


def ask(prompt):
    payload = {{"model": Models.MINI, "messages": [prompt], "temperature": 0.85}}
    return requests.post({ACME_CHAT}, json=payload, headers=HEADERS).json()
"""


def test_a_raw_payload_sending_a_class_constant_loses_what_its_model_fixes(registry):
    assert rows(registry, RAW) == [
        (
            "ML115",
            11,
            FixClass.REVIEW,
            "acme-think fixes temperature on Acme Cloud: temperature= is removed "
            "(the model ignores or rejects it)",
        )
    ]
    assert migrated(registry, RAW) == RAW.replace(', "temperature": 0.85}', "}")


OPENAI_RAW = """import os

import requests

KEY = os.environ["OPENAI_API_KEY"]


class Models:
    MINI = "o3-mini"


r = requests.post(
    "https://api.openai.com/v1/chat/completions",
    json={"model": Models.MINI, "messages": [], "temperature": 0},
    headers={"Authorization": f"Bearer {KEY}"},
)
"""


def test_a_payload_ml403_points_at_the_provider_gets_the_mapped_class_constant(registry):
    found = rows(registry, OPENAI_RAW, MAPPED)
    assert found == [
        (
            "ML204",
            9,
            FixClass.REVIEW,
            "attribute Models.MINI = 'o3-mini' maps to 'acme-think' on Acme Cloud",
        ),
        (
            "ML115",
            14,
            FixClass.REVIEW,
            "acme-think (mapped from o3-mini) fixes temperature on Acme Cloud: temperature= is "
            "removed (the model ignores or rejects it)",
        ),
    ]
    # the constant is mapped where the class sets it; the payload keeps reading it
    assert migrated(registry, OPENAI_RAW, MAPPED) == (
        OPENAI_RAW.replace("OPENAI_API_KEY", "ACME_API_KEY")
        .replace('"o3-mini"', '"acme-think"')
        .replace('"https://api.openai.com/v1/chat/completions"', ACME_CHAT)
        .replace(', "temperature": 0}', "}")
    )


SDK = """from openai import OpenAI

client = OpenAI()


class Models:
    MINI = "gpt-4o-mini"


def ask(messages):
    return client.chat.completions.create(model=Models.MINI, messages=messages, temperature=0.2)
"""


def test_an_sdk_call_sending_a_class_constant_is_checked_with_its_mapped_model(registry):
    assert rows(registry, SDK, SMALL) == [
        (
            "ML204",
            7,
            FixClass.REVIEW,
            "attribute Models.MINI = 'gpt-4o-mini' (sent as model= on line 11) maps to 'acme-think' "
            "on Acme Cloud",
        ),
        (
            "ML118",
            11,
            FixClass.REVIEW,
            "acme-think thinks before it answers unless told not to, which gpt-4o-mini did not "
            "(replies and stream deltas carry reasoning_content, temperature is fixed, a tool "
            'loop must send the reasoning back): apply passes extra_body={"thinking": {"type": '
            '"disabled"}}',
        ),
        (
            "ML115",
            11,
            FixClass.REVIEW,
            "acme-think (mapped from gpt-4o-mini) fixes temperature on Acme Cloud: temperature= "
            "is removed (the model ignores or rejects it)",
        ),
    ]
    # the call site keeps `Models.MINI`: no ML201/ML202 edit writes the literal there
    assert migrated(registry, SDK, SMALL) == SDK.replace(
        "from openai import OpenAI\n", "import os\n\nfrom openai import OpenAI\n"
    ).replace("OpenAI()", ACME_CLIENT).replace('"gpt-4o-mini"', '"acme-think"').replace(
        "create(model=Models.MINI, messages=messages, temperature=0.2)",
        'create(\n        extra_body={"thinking": {"type": "disabled"}}, model=Models.MINI, '
        "messages=messages\n    )",
    )


def test_after_apply_the_constant_names_the_provider_model(registry):
    applied = SDK.replace('"gpt-4o-mini"', '"acme-think"')
    assert [(r[0], r[1], r[3]) for r in rows(registry, applied) if r[0] == "ML115"] == [
        (
            "ML115",
            11,
            "acme-think fixes temperature on Acme Cloud: temperature= is removed (the model "
            "ignores or rejects it)",
        )
    ]


def test_an_enum_member_value_is_read(registry):
    text = (
        RAW.replace("import requests\n", "import requests\nfrom enum import Enum, unique\n")
        .replace("class Models:", "@unique\nclass Models(str, Enum):")
        .replace('"model": Models.MINI,', '"model": Models.MINI.value,')
    )
    assert [r[0] for r in rows(registry, text)] == ["ML115"]


@pytest.mark.parametrize(
    "change",
    [
        ("class Models:", "class Models(Base):"),  # a base may set it
        ("class Models:", "class Models(metaclass=Meta):"),
        ('    MINI = "acme-think"\n', '    MINI = "acme-think"\n    MINI = "acme-large"\n'),
        ('    MINI = "acme-think"\n', '    MINI = "acme-think"\n\n    def MINI(self): ...\n'),
        ("\n\ndef ask", '\n\nModels.MINI = "acme-large"\n\n\ndef ask'),
        ("\n\ndef ask", '\n\nsetattr(Models, NAME, "acme-large")\n\n\ndef ask'),
        ("\n\ndef ask", "\n\nModels = Other\n\n\ndef ask"),
        (
            '    MINI = "acme-think"\n',
            '    MINI = "acme-think"\n\n    def set(self):\n        self.MINI = "acme-large"\n',
        ),
        (
            '    MINI = "acme-think"\n',
            '    MINI = "acme-think"\n\n    @classmethod\n'
            '    def set(cls):\n        cls.MINI = "acme-large"\n',
        ),
        ('"model": Models.MINI,', '"model": Models.MINI.value,'),  # not an enum
        ("class Models:", "class Models(Enum):"),  # an enum member without .value
        ("class Models:", "@registered\nclass Models:"),  # a decorator may return another
    ],
)
def test_a_constant_the_module_may_change_is_not_followed(registry, change):
    text = RAW.replace(*change)
    assert text != RAW
    assert [r for r in rows(registry, text) if r[0] == "ML115"] == []


def test_a_class_defined_in_a_function_is_not_followed(registry):
    text = RAW.replace("class Models:\n    MINI", "def make():\n    class Models:\n        MINI")
    assert [r for r in rows(registry, text) if r[0] == "ML115"] == []


HTTPX_APP = """import os

import httpx

KEY = os.environ["OPENAI_API_KEY"]


class Models:
    MINI = "o3-mini"


def ask(text):
    payload = {"model": Models.MINI, "messages": [text], "temperature": 0.85, "top_p": 1}
    headers = {"Authorization": f"Bearer {KEY}"}
    r = httpx.post("https://api.openai.com/v1/chat/completions", headers=headers, json=payload)
    return r.json()["choices"][0]["message"]["content"]
"""


def test_the_applied_payload_reaches_the_provider_without_what_its_model_fixes(
    tmp_path, monkeypatch, no_network
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": HTTPX_APP})
    assert invoke("apply", ".", *ACME, "--model", "o3-mini=acme-think", "--yes")[0] == 0
    assert invoke("check", ".", *ACME, "--model", "o3-mini=acme-think")[0] == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    loopback = LoopbackServer().start()
    try:
        assert isinstance(_ask(after, loopback, monkeypatch)("hi"), str)
    finally:
        loopback.stop()
    [request] = loopback.requests
    assert request.headers["authorization"] == "Bearer acme-loopback-key"
    assert request.body == {"model": "acme-think", "messages": ["hi"]}
