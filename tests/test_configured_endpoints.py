"""A client's base URL taken from a parameter's default or a class field's default (ML003):
where that default is another provider's URL or a server of the program's own, the client
points there and is left, its key too; a None the module passes for it makes the value
OpenAI's in that case, and still no fallback key is added. A base URL that is another
module's setting gets the provider's URL as its fallback, but the key it is given gets none:
that module may name another service.
"""

from __future__ import annotations

import ast

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def found(registry, text: str, provider: str = "zhipu") -> list[tuple[object, ...]]:
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML001", "ML003")
    ]


def applied(registry, text: str, provider: str = "zhipu") -> str:
    """The text `apply` writes; a second run edits nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    ast.parse(after)
    assert [f.message for f in check_python(after, ctx, PYTHON_RULES) if f.edit] == []
    return after


VENDOR_BOTS = """import dataclasses

import openai


class LingBot:
    def __init__(self, token, endpoint="https://api.lingyiwanwu.com/v1"):
        self.token = token
        self.endpoint = endpoint

    def connect(self):
        return openai.AsyncOpenAI(api_key=self.token, base_url=self.endpoint)

    @classmethod
    def from_settings(cls, settings):
        return cls(settings.ling_token, endpoint="https://api.lingyiwanwu.com/v1")


class KimiBot:
    def __init__(self, token, endpoint="https://api.moonshot.cn/v1"):
        self.token = token
        self.endpoint = endpoint

    def connect(self):
        return openai.AsyncOpenAI(api_key=self.token, base_url=self.endpoint)


@dataclasses.dataclass
class GatewayBot:
    token: str
    endpoint: str = "https://llm-gateway.internal.example/openai"

    def connect(self):
        return openai.AsyncOpenAI(api_key=self.token, base_url=self.endpoint)

    @classmethod
    def from_settings(cls, settings):
        return cls(token=settings.gateway_token)
"""


def test_a_default_naming_another_provider_leaves_the_client_and_its_key(registry):
    assert found(registry, VENDOR_BOTS) == [
        (
            12,
            "ML003",
            "note",
            "manual",
            "AsyncOpenAI() points at 01.AI (Yi), not Zhipu AI (GLM); left as it is",
        ),
        (
            25,
            "ML003",
            "note",
            "manual",
            "AsyncOpenAI() points at Moonshot AI (Kimi), not Zhipu AI (GLM); left as it is",
        ),
        (
            34,
            "ML003",
            "note",
            "none",
            "AsyncOpenAI() points at https://llm-gateway.internal.example/openai, not OpenAI; "
            "left as it is",
        ),
    ]
    assert applied(registry, VENDOR_BOTS) == VENDOR_BOTS


def test_a_client_whose_default_is_the_target_already_gets_no_warning(registry):
    rows = found(registry, VENDOR_BOTS, provider="moonshot")
    assert rows[1] == (
        25,
        "ML003",
        "note",
        "none",
        "AsyncOpenAI() already points at Moonshot AI (Kimi)",
    )
    assert all(row[2] == "note" for row in rows)
    assert applied(registry, VENDOR_BOTS, provider="moonshot") == VENDOR_BOTS


NONE_PASSED = """import openai


class LingBot:
    def __init__(self, token, endpoint="https://api.lingyiwanwu.com/v1"):
        self.token = token
        self.endpoint = endpoint

    def connect(self):
        return openai.OpenAI(api_key=self.token, base_url=self.endpoint)


def plain(token):
    return LingBot(token, None)
"""


def test_a_none_passed_for_that_parameter_makes_it_run_time_without_a_fallback_key(registry):
    # None is OpenAI's URL there; the default is 01.AI's: the provider's key must go to neither
    assert found(registry, NONE_PASSED) == [
        (
            10,
            "ML003",
            "warning",
            "manual",
            "OpenAI() takes its base URL from `self.endpoint` at run time (OpenAI's when that is "
            "None) and its key from `self.token` (OPENAI_API_KEY when that is None); make sure "
            "they are Zhipu AI (GLM)'s (https://open.bigmodel.cn/api/paas/v4, the key from "
            "ZAI_API_KEY) in place of OpenAI's; a server of your own needs no change",
        )
    ]
    assert applied(registry, NONE_PASSED) == NONE_PASSED


FIELD_NONE = """import dataclasses

import openai


@dataclasses.dataclass
class OpenBot:
    token: str
    endpoint: str | None = None

    def connect(self):
        return openai.OpenAI(api_key=self.token, base_url=self.endpoint)


class LingBot:
    def __init__(self, token, endpoint="https://api.lingyiwanwu.com/v1"):
        self.endpoint = endpoint
        self.client = openai.OpenAI(api_key=token, base_url=self.endpoint)
"""


def test_a_field_defaulting_to_none_keeps_its_fallbacks_and_not_another_classs_url(registry):
    # OpenBot's own field (None: OpenAI's URL) decides, not LingBot's `self.endpoint`
    assert [row[:4] for row in found(registry, FIELD_NONE)] == [
        (12, "ML003", "warning", "review"),
        (18, "ML003", "note", "manual"),
    ]
    assert applied(registry, FIELD_NONE) == FIELD_NONE.replace(
        "        return openai.OpenAI(api_key=self.token, base_url=self.endpoint)\n",
        "        return openai.OpenAI(\n"
        '            api_key=os.environ.get("ZAI_API_KEY", "unset")\n'
        "            if not self.endpoint\n"
        "            else (\n"
        "                self.token\n"
        "                or (\n"
        '                    os.environ.get("ZAI_API_KEY", "unset")\n'
        '                    if str(self.endpoint).rstrip("/").lower()\n'
        "                    in (\n"
        "                        os.environ.get(\n"
        '                            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "                        )\n"
        '                        .rstrip("/")\n'
        "                        .lower(),\n"
        '                        "https://open.bigmodel.cn/api/paas/v4",\n'
        '                        "https://api.z.ai/api/paas/v4",\n'
        "                    )\n"
        "                    else self.token\n"
        "                )\n"
        "            ),\n"
        "            base_url=self.endpoint\n"
        '            or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "        )\n",
    ).replace("import dataclasses\n", "import dataclasses\nimport os\n", 1)


ANOTHER_MODULE = """import openai

import settings
from app.config import ROUTER_URL

router = openai.OpenAI(api_key=settings.router_key, base_url=settings.router_url)


def named(token):
    return openai.OpenAI(api_key=token, base_url=ROUTER_URL)
"""


def test_a_url_from_another_module_gets_the_providers_url_but_no_fallback_key(registry):
    rows = found(registry, ANOTHER_MODULE)
    assert [row[:4] for row in rows] == [
        (6, "ML003", "warning", "review"),
        (10, "ML003", "warning", "review"),
    ]
    assert rows[0][4] == (
        "OpenAI() takes its base URL from `settings.router_url` at run time (OpenAI's when that "
        "is None) and its key from `settings.router_key` (OPENAI_API_KEY when that is None); for "
        "Zhipu AI (GLM) it falls back to ZAI_BASE_URL (default "
        "https://open.bigmodel.cn/api/paas/v4); `settings.router_key` gets no fallback to "
        "ZAI_API_KEY (the URL is another module's setting and may name another service), "
        "ZAI_API_KEY in its place where no URL is given (given for OpenAI's URL, it must not go "
        "to Zhipu AI (GLM)'s); on Zhipu AI (GLM)'s URL given it must be a Zhipu AI (GLM) key"
    )
    assert applied(registry, ANOTHER_MODULE) == (
        "import os\n\nimport openai\n\nimport settings\nfrom app.config import ROUTER_URL\n\n"
        "router = openai.OpenAI(\n"
        '    api_key=os.environ.get("ZAI_API_KEY", "unset")\n'
        "    if not settings.router_url\n"
        "    else settings.router_key,\n"
        "    base_url=settings.router_url\n"
        '    or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        ")\n\n\ndef named(token):\n"
        "    return openai.OpenAI(\n"
        '        api_key=os.environ.get("ZAI_API_KEY", "unset") if not ROUTER_URL else token,\n'
        "        base_url=ROUTER_URL\n"
        '        or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    )\n"
    )


POSITIONAL_NONE = """import dataclasses

import openai


@dataclasses.dataclass
class GatewayBot:
    token: str
    endpoint: str = "https://llm-gateway.internal.example/openai"

    def connect(self):
        return openai.OpenAI(api_key=self.token, base_url=self.endpoint)


fallback = GatewayBot("t", None)
"""


def test_a_dataclass_field_given_none_by_position_gets_no_fallback_key(registry):
    assert [row[:4] for row in found(registry, POSITIONAL_NONE)] == [
        (12, "ML003", "warning", "manual")
    ]
    assert applied(registry, POSITIONAL_NONE) == POSITIONAL_NONE
