"""A client whose base URL may be another provider's (or the program's own server) never gets the
target's key: not as ML003's fallback for an empty key, not through a renamed key read.

The base URL is followed wherever the module shows its value: an attribute of `self` assigned
in the class that uses it (whatever its name), a local name, `x if c else URL`, `URL if c else
x` and `x or URL`. A base-URL read given to a client `apply` leaves on Azure OpenAI stays with
the key that client keeps.
"""

from __future__ import annotations

import ast

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def found(registry, text: str, rules: tuple[str, ...] = ("ML003", "ML401")):
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


def applied(registry, text: str) -> str:
    """The text `apply --provider zhipu` writes; a second run edits nothing."""
    ctx = RuleContext(registry, registry.get("zhipu"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    ast.parse(after)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [(f.rule, f.message) for f in again if f.edit is not None] == []
    return after


GATEWAYS = """from openai import OpenAI


class Grok:
    def __init__(self, token, endpoint=None):
        self.api_url = str(endpoint) if endpoint else "https://api.x.ai/v1"
        self.client = OpenAI(api_key=token, base_url=self.api_url)


class Gateway:
    def __init__(self, token, endpoint=None):
        self.api_url = endpoint or "https://llm.gateway.example/v1"
        self.client = OpenAI(api_key=token, base_url=self.api_url)


class Pinned:
    def __init__(self, token):
        self.api_url = "https://api.x.ai/v1"
        self.client = OpenAI(api_key=token, base_url=self.api_url)


def qwen(token, endpoint=None):
    url = endpoint if endpoint else "https://dashscope.aliyuncs.com/compatible-mode/v1"
    return OpenAI(api_key=token, base_url=url)


def inline(token, endpoint=None):
    return OpenAI(api_key=token, base_url="https://api.x.ai/v1" if not endpoint else endpoint)


def extended(token, endpoint=None):
    endpoint = endpoint if endpoint else "https://api.x.ai/v1"
    return OpenAI(api_key=token, base_url=endpoint)
"""


def test_a_base_url_falling_back_to_another_endpoint_is_left_with_its_key(registry):
    # the same attribute name in three classes, each read in its own class
    xai = "OpenAI() points at https://api.x.ai/v1, not OpenAI; left as it is"
    assert found(registry, GATEWAYS) == [
        (7, "ML003", "note", "none", xai),
        (
            13,
            "ML003",
            "note",
            "none",
            "OpenAI() points at https://llm.gateway.example/v1, not OpenAI; left as it is",
        ),
        (19, "ML003", "note", "none", xai),
        (
            24,
            "ML003",
            "note",
            "manual",
            "OpenAI() points at Alibaba Qwen (DashScope / Model Studio), not Zhipu AI (GLM); left "
            "as it is",
        ),
        (28, "ML003", "note", "none", xai),
        (33, "ML003", "note", "none", xai),
    ]
    assert applied(registry, GATEWAYS) == GATEWAYS


SHARED_NAME = """from openai import OpenAI


class Grok:
    def __init__(self, token, endpoint=None):
        self.api_url = endpoint or "https://api.x.ai/v1"
        self.client = OpenAI(api_key=token, base_url=self.api_url)


class Configured:
    def __init__(self, cfg):
        self.api_url = cfg.url
        self.client = OpenAI(api_key=cfg.token, base_url=self.api_url)
"""


def test_an_attribute_another_class_also_assigns_is_read_in_its_own_class(registry):
    # Configured's URL may be None (OpenAI's): it still gets the provider's as a fallback
    assert [row[:4] for row in found(registry, SHARED_NAME)] == [
        (7, "ML003", "note", "none"),
        (13, "ML003", "warning", "review"),
    ]
    assert applied(registry, SHARED_NAME) == SHARED_NAME.replace(
        "        self.client = OpenAI(api_key=cfg.token, base_url=self.api_url)\n",
        "        self.client = OpenAI(\n"
        '            api_key=os.environ.get("ZAI_API_KEY", "unset")\n'
        "            if not self.api_url\n"
        "            else (\n"
        "                cfg.token\n"
        "                or (\n"
        '                    os.environ.get("ZAI_API_KEY", "unset")\n'
        '                    if str(self.api_url).rstrip("/").lower()\n'
        "                    in (\n"
        "                        os.environ.get(\n"
        '                            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        "                        )\n"
        '                        .rstrip("/")\n'
        "                        .lower(),\n"
        '                        "https://open.bigmodel.cn/api/paas/v4",\n'
        '                        "https://api.z.ai/api/paas/v4",\n'
        "                    )\n"
        "                    else cfg.token\n"
        "                )\n"
        "            ),\n"
        "            base_url=self.api_url\n"
        '            or os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "        )\n",
    ).replace("from openai import OpenAI\n", "import os\n\nfrom openai import OpenAI\n", 1)


EITHER_OR_NONE = """from openai import OpenAI


class Switchable:
    def __init__(self, token, remote=False):
        self.api_url = "https://api.x.ai/v1" if remote else None
        self.client = OpenAI(api_key=token, base_url=self.api_url)
"""


def test_a_url_that_is_another_endpoint_or_none_gets_no_fallback_key(registry):
    # None is OpenAI's URL, but the other branch is xAI's: the provider's key must not go there
    assert found(registry, EITHER_OR_NONE) == [
        (
            7,
            "ML003",
            "warning",
            "manual",
            "OpenAI() takes its base URL from `self.api_url` at run time (OpenAI's when that is "
            "None) and its key from `token` (OPENAI_API_KEY when that is None); make sure they "
            "are Zhipu AI (GLM)'s (https://open.bigmodel.cn/api/paas/v4, the key from "
            "ZAI_API_KEY) in place of OpenAI's; a server of your own needs no change",
        )
    ]
    assert applied(registry, EITHER_OR_NONE) == EITHER_OR_NONE


KEY_READS = """import os

from langchain_openai import ChatOpenAI
from openai import OpenAI


class Grok:
    def __init__(self, endpoint=None):
        self.api_url = str(endpoint) if endpoint else "https://api.x.ai/v1"
        self.client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=self.api_url)
        self.chat = ChatOpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=self.api_url)


def glm():
    return OpenAI(
        api_key=os.getenv("OPENAI_API_KEY"), base_url="https://open.bigmodel.cn/api/paas/v4"
    )
"""


def test_a_key_read_given_to_a_call_on_another_endpoint_is_left(registry):
    def left(line: int, callee: str) -> tuple[int, str, str, str, str]:
        return (
            line,
            "ML401",
            "warning",
            "manual",
            f"reads OPENAI_API_KEY, which goes to {callee}() on line {line}, whose base URL "
            "(`self.api_url`) may be another provider's or a server of the program's own, which "
            "apply leaves: given Zhipu AI (GLM)'s key (ZAI_API_KEY) it would send that key "
            "there; give that call the key its server takes, by hand",
        )

    rows = found(registry, KEY_READS)
    assert [r for r in rows if r[1] == "ML401"] == [
        left(10, "OpenAI"),
        left(11, "ChatOpenAI"),
        (
            16,
            "ML401",
            "warning",
            "safe",
            "reads OPENAI_API_KEY; Zhipu AI (GLM)'s key is in ZAI_API_KEY (the OpenAI key is not "
            "copied)",
        ),
    ]
    # only the client already on the provider reads the provider's key
    assert applied(registry, KEY_READS) == KEY_READS.replace(
        '        api_key=os.getenv("OPENAI_API_KEY"), base_url="https://open.bigmodel.cn/api/paas/v4"\n',
        '        api_key=os.getenv("ZAI_API_KEY"),\n'
        '        base_url="https://open.bigmodel.cn/api/paas/v4",\n',
    )


HAYSTACK_TOKEN = """import os

from haystack.components.embedders import OpenAITextEmbedder
from haystack.components.generators.chat import OpenAIChatGenerator
from haystack.utils import Secret

TOKEN = os.getenv("OPENAI_API_KEY")
chat = OpenAIChatGenerator(api_key=Secret.from_token(TOKEN), model="gpt-4o")
embed = OpenAITextEmbedder(api_key=Secret.from_token(token=os.getenv("OPENAI_API_KEY")))
"""


def test_a_key_handed_to_haystack_as_a_token_stays_with_the_component(registry):
    # the components stay on OpenAI (a token is not a key apply replaces): so do their keys
    rows = [r for r in found(registry, HAYSTACK_TOKEN, ("ML401", "ML680")) if r[1] == "ML401"]
    assert rows == [
        (
            7,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIChatGenerator() on line 8, a class apply "
            "leaves as it is (on OpenAI, or on a base URL chosen at run time): given Zhipu AI "
            "(GLM)'s key (ZAI_API_KEY) it could send that key to OpenAI; point the class at "
            "Zhipu AI (GLM) (its base URL and key), then read ZAI_API_KEY, by hand",
        ),
        (
            9,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAITextEmbedder() on line 9, a class apply "
            "leaves as it is (on OpenAI, or on a base URL chosen at run time): given Zhipu AI "
            "(GLM)'s key (ZAI_API_KEY) it could send that key to OpenAI; point the class at "
            "Zhipu AI (GLM) (its base URL and key), then read ZAI_API_KEY, by hand",
        ),
    ]
    assert 'TOKEN = os.getenv("OPENAI_API_KEY")\n' in applied(registry, HAYSTACK_TOKEN)


HAYSTACK_ON_THE_PROVIDER = """import os

from haystack.components.generators.chat import OpenAIChatGenerator
from haystack.utils import Secret

TOKEN = os.getenv("OPENAI_API_KEY")
chat = OpenAIChatGenerator(
    api_key=Secret.from_token(TOKEN),
    api_base_url="https://open.bigmodel.cn/api/paas/v4",
    model="glm-4-plus",
)
"""


def test_a_token_for_a_component_on_the_provider_reads_the_providers_key(registry):
    assert applied(registry, HAYSTACK_ON_THE_PROVIDER) == HAYSTACK_ON_THE_PROVIDER.replace(
        "OPENAI_API_KEY", "ZAI_API_KEY"
    )


AZURE_BASE_URL = """import os

from openai import AzureOpenAI


def connect(token):
    return AzureOpenAI(
        api_key=token, base_url=os.getenv("OPENAI_BASE_URL"), api_version="2024-06-01"
    )
"""


def test_a_base_url_read_of_an_azure_client_apply_leaves_keeps_its_name(registry):
    # ML002 leaves the client (its key is one the program hands it, Azure's): renamed, the read
    # would send that key to the provider's URL
    assert found(registry, AZURE_BASE_URL, ("ML401",)) == [
        (
            8,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of AzureOpenAI() on line 7, "
            "which stays on Azure OpenAI (apply leaves it, see its finding): switched, it would "
            "take that client's key (`token`) to Zhipu AI (GLM); point that call at Zhipu AI "
            "(GLM) (the key from ZAI_API_KEY), by hand",
        )
    ]
    assert applied(registry, AZURE_BASE_URL) == AZURE_BASE_URL
