"""A read of OPENAI_API_KEY is switched to the provider's variable only where its value goes to
something `apply` moves to the provider too; where it could reach OpenAI it is left, manual.
"""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def key_reads(registry, text: str) -> list[tuple[int, str, str]]:
    ctx = RuleContext(registry, registry.get("zhipu"))
    return [
        (f.line, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML401"
    ]


def applied(registry, text: str) -> str:
    ctx = RuleContext(registry, registry.get("zhipu"))
    after, _ = migrate_text(text, "python", "app.py", check_python(text, ctx, PYTHON_RULES))
    return after


CLIENT_WITH_A_BASE_FROM_THE_CALLER = """import os

from openai import OpenAI


class Translator:
    def __init__(self, key, api_base=None):
        self.client = OpenAI(api_key=key, base_url=api_base)


def main(cli_key=None, cli_base=None):
    key = cli_key or os.environ.get("OPENAI_API_KEY")
    return Translator(key, api_base=cli_base)
"""


def test_a_key_handed_to_a_client_whose_base_url_the_caller_chooses_is_left(registry):
    """With no base URL given the client is OpenAI's: the provider's key would go there."""
    assert key_reads(registry, CLIENT_WITH_A_BASE_FROM_THE_CALLER) == [
        (
            12,
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAI() on line 8, a client whose base URL is "
            "chosen at run time (OpenAI's when none is given): given Zhipu AI (GLM)'s key "
            "(ZAI_API_KEY) it could send that key to OpenAI; make sure the client gets Zhipu "
            "AI (GLM)'s base URL, then read ZAI_API_KEY, by hand",
        )
    ]
    assert 'os.environ.get("OPENAI_API_KEY")' in applied(
        registry, CLIENT_WITH_A_BASE_FROM_THE_CALLER
    )


REQUEST_TO_A_URL_FROM_A_TABLE = """import os

import requests

ENDPOINT = "https://api.openai.com/v1/chat/completions"
ROUTES = {"gpt-4o-mini": {"endpoint": ENDPOINT}}


def ask(model, text, key):
    headers = {"Authorization": f"Bearer {key}"}
    return requests.post(ROUTES[model]["endpoint"], headers=headers, json={}).json()


ask("gpt-4o-mini", "hi", os.environ["OPENAI_API_KEY"])
"""


def test_a_key_sent_by_a_raw_request_apply_leaves_is_left(registry):
    assert key_reads(registry, REQUEST_TO_A_URL_FROM_A_TABLE) == [
        (
            14,
            "manual",
            "reads OPENAI_API_KEY, which goes to the HTTP request requests.post() on line 11, "
            "whose URL apply does not point at Zhipu AI (GLM): given Zhipu AI (GLM)'s key "
            "(ZAI_API_KEY) it would send that key wherever the request goes; point the "
            "request at Zhipu AI (GLM), then read ZAI_API_KEY, by hand",
        )
    ]
    assert 'os.environ["OPENAI_API_KEY"]' in applied(registry, REQUEST_TO_A_URL_FROM_A_TABLE)


@pytest.mark.parametrize(
    "text",
    [
        # a client apply rebuilds for the provider, through a class of the module
        "import os\nfrom openai import OpenAI\n\n\nclass T:\n    def __init__(self, key):\n"
        "        self.c = OpenAI(api_key=key)\n\n\nT(os.environ['OPENAI_API_KEY'])\n",
        # a raw request apply points at the provider, key and URL together
        "import os\n\nimport requests\n\nKEY = os.environ['OPENAI_API_KEY']\n"
        "requests.post('https://api.openai.com/v1/chat/completions',\n"
        "              headers={'Authorization': f'Bearer {KEY}'}, json={})\n",
        # shown, measured: nothing sends it anywhere
        "import os\n\nkey = os.environ['OPENAI_API_KEY']\nprint(f'key ends {key[-4:]}', len(key))\n",
    ],
)
def test_a_key_that_goes_where_apply_moves_it_too_is_switched(registry, text):
    assert all(fix == "safe" for _, fix, _ in key_reads(registry, text))  # ML403's own: none
    assert "OPENAI_API_KEY" not in applied(registry, text)


def test_a_key_in_a_config_dict_handed_to_the_modules_own_helper_is_switched(registry):
    """chatgpt-telegram-bot: a class of the module named like OpenAI, whose client apply
    rebuilds for the provider, is followed, not taken for another library's."""
    text = (
        "import os\n\nimport openai\n\n\nclass OpenAIHelper:\n"
        "    def __init__(self, config):\n"
        "        self.client = openai.OpenAI(api_key=config['api_key'])\n\n\n"
        "config = {'api_key': os.environ['OPENAI_API_KEY']}\nbot = OpenAIHelper(config)\n"
    )
    assert [fix for _, fix, _ in key_reads(registry, text)] == ["safe"]
    assert "os.environ['ZAI_API_KEY']" in applied(registry, text)


ENVIRONMENT_MESSAGE = (
    "reads OPENAI_API_KEY, which is stored as an OpenAI variable on line {line}: given Zhipu AI "
    "(GLM)'s key (ZAI_API_KEY) it would put that key where any library reading OpenAI's key "
    "would send it to OpenAI; remove the write if nothing needs it (then read ZAI_API_KEY), "
    "by hand"
)


@pytest.mark.parametrize(
    ("text", "read", "write"),
    [
        # babyagi: a framework that reads OPENAI_API_KEY itself is given the key this way
        ("import os\nos.environ['OPENAI_API_KEY'] = os.getenv('OPENAI_API_KEY')\n", 2, 2),
        (
            "import os\nkey = os.environ.get('OPENAI_API_KEY') or ''\n"
            "os.environ.setdefault('OPENAI_API_KEY', key)\n",
            2,
            3,
        ),
        # gpt-researcher: settings by variable name, later put into os.environ
        (
            "import os\n\n\ndef settings(key=None):\n"
            "    return {'OPENAI_API_KEY': key or os.getenv('OPENAI_API_KEY', '')}\n",
            5,
            5,
        ),
    ],
)
def test_a_key_stored_back_in_an_openai_variable_is_left(registry, text, read, write):
    """Switched, the read would copy the provider's key into OPENAI_API_KEY, where any library
    reading OpenAI's key sends it to OpenAI; ML404 reports the write itself."""
    reads = [row for row in key_reads(registry, text) if row[2].startswith("reads")]
    assert reads == [(read, "manual", ENVIRONMENT_MESSAGE.format(line=write))]
    assert applied(registry, text) == text


def test_a_key_stored_in_the_providers_variable_is_switched(registry):
    text = "import os\nos.environ['ZAI_API_KEY'] = os.getenv('OPENAI_API_KEY')\n"
    assert [fix for _, fix, _ in key_reads(registry, text)] == ["safe"]


FORWARDED_HEADER_MESSAGE = (
    "reads OPENAI_API_KEY, which goes in the header {header} on line {line}, the key Weaviate "
    "forwards to OpenAI's API (its OpenAI modules): given Zhipu AI (GLM)'s key (ZAI_API_KEY) "
    "it would send that key to OpenAI; point those modules at Zhipu AI (GLM) (the base_url= of "
    "the collection's OpenAI vectorizer or generative config), then read ZAI_API_KEY, by hand"
)


@pytest.mark.parametrize(
    ("text", "read", "header", "line"),
    [
        (
            "import os\n\nimport weaviate\n\nclient = weaviate.connect_to_local(\n"
            '    headers={"X-OpenAI-Api-Key": os.getenv("OPENAI_API_KEY")}\n)\n',
            6,
            "X-OpenAI-Api-Key",
            6,
        ),
        # weaviate-client 3.x, the key through a name, the header in lower case
        (
            "import os\n\nimport weaviate\n\nkey = os.environ['OPENAI_API_KEY']\n"
            "client = weaviate.Client(\n    'http://localhost:8080',\n"
            "    additional_headers={'x-openai-api-key': key},\n)\n",
            5,
            "x-openai-api-key",
            8,
        ),
    ],
)
def test_a_key_in_a_header_weaviate_forwards_to_openai_is_left(registry, text, read, header, line):
    """Weaviate sends the key of that header to OpenAI's API from its own server: switched,
    the read would hand the provider's key to OpenAI."""
    message = FORWARDED_HEADER_MESSAGE.format(header=header, line=line)
    assert key_reads(registry, text) == [(read, "manual", message)]
    assert applied(registry, text) == text


def test_a_key_in_another_header_is_switched(registry):
    text = (
        "import os\n\nimport requests\n\n"
        'headers = {"Authorization": "Bearer " + os.environ["OPENAI_API_KEY"]}\n'
    )
    assert [fix for _, fix, _ in key_reads(registry, text)] == ["safe"]


KWARGS_WITH_A_RUN_TIME_URL = """import os

from openai import OpenAI


class Gen:
    def __init__(self, base_url=None):
        self.base_url = base_url

    def _kwargs(self):
        return {"api_key": os.environ["OPENAI_API_KEY"], "base_url": self.base_url}

    def client(self):
        return OpenAI(**self._kwargs())
"""


def test_a_key_beside_a_run_time_url_in_one_dict_is_left(registry):
    """The dict a client is built from carries the key and the URL together: with the URL
    left (None gives OpenAI's), the provider's key would go to OpenAI."""
    assert key_reads(registry, KWARGS_WITH_A_RUN_TIME_URL) == [
        (
            11,
            "manual",
            "reads OPENAI_API_KEY, which goes with the base URL `self.base_url` of the same dict "
            "on line 11, chosen at run time (OpenAI's when it is None) and left as it is: given "
            "Zhipu AI (GLM)'s key (ZAI_API_KEY) it could send that key to OpenAI; make sure that "
            "URL is Zhipu AI (GLM)'s, then read ZAI_API_KEY, by hand",
        )
    ]
    assert applied(registry, KWARGS_WITH_A_RUN_TIME_URL) == KWARGS_WITH_A_RUN_TIME_URL


def test_a_key_beside_a_run_time_url_in_one_call_is_left(registry):
    text = (
        "import os\n\nfrom somewhere import make_client\n\n\ndef build(cfg):\n"
        '    return make_client(api_key=os.getenv("OPENAI_API_KEY"), base_url=cfg.url)\n'
    )
    assert key_reads(registry, text) == [
        (
            7,
            "manual",
            "reads OPENAI_API_KEY, which goes with the base URL `cfg.url` of the same call on "
            "line 7, chosen at run time (OpenAI's when it is None) and left as it is: given "
            "Zhipu AI (GLM)'s key (ZAI_API_KEY) it could send that key to OpenAI; make sure that "
            "URL is Zhipu AI (GLM)'s, then read ZAI_API_KEY, by hand",
        )
    ]
    assert applied(registry, text) == text


def test_a_key_beside_a_url_apply_points_at_the_provider_is_switched(registry):
    """A URL entry read from OpenAI's base-URL variable moves with the key."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(url=None):\n"
        '    kw = {"api_key": os.environ["OPENAI_API_KEY"], '
        '"base_url": url or os.getenv("OPENAI_BASE_URL")}\n'
        "    return OpenAI(**kw)\n"
    )
    assert applied(registry, text) == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(url=None):\n"
        "    kw = {\n"
        '        "api_key": os.environ["ZAI_API_KEY"],\n'
        '        "base_url": url\n'
        '        or os.getenv("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),\n'
        "    }\n"
        "    return OpenAI(**kw)\n"
    )


OWN_SETTINGS = """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ["ZAI_API_KEY"],
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
    timeout=float(os.environ.get("OPENAI_TIMEOUT", "30")),
    max_retries=int(os.getenv("OPENAI_MAX_RETRIES", "2")),
)
org = os.getenv("OPENAI_ORG_ID")
"""


def test_the_programs_own_openai_named_setting_is_a_note(registry):
    """The SDK reads neither OPENAI_TIMEOUT nor OPENAI_MAX_RETRIES: they work the same on any
    server, and `check` passes on them (OPENAI_ORG_ID, which the SDK sends, still fails it)."""
    own = (
        "the program's own setting (the openai SDK does not read it), which works the same "
        "with Zhipu AI (GLM); nothing to change"
    )
    ctx = RuleContext(registry, registry.get("zhipu"))
    found = [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(OWN_SETTINGS, ctx, PYTHON_RULES)
        if f.rule == "ML401"
    ]
    assert found == [
        (8, "note", "none", f"reads OPENAI_TIMEOUT, {own}"),
        (9, "note", "none", f"reads OPENAI_MAX_RETRIES, {own}"),
        (
            11,
            "warning",
            "manual",
            "reads OPENAI_ORG_ID, an OpenAI-only setting; Zhipu AI (GLM) has no equivalent",
        ),
    ]


def test_the_programs_own_setting_going_to_an_openai_variable_is_left(registry):
    text = 'import os\n\nos.environ["OPENAI_API_KEY"] = os.getenv("OPENAI_SECONDARY")\n'
    assert key_reads(registry, text) == [
        (
            3,
            "manual",
            "reads OPENAI_SECONDARY, the program's own setting, whose value goes to something "
            "of OpenAI's; see whether Zhipu AI (GLM) needs it",
        )
    ]


CHROMA_KEY_VARIABLE = """import os

from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction

embed = OpenAIEmbeddingFunction(
    api_key=os.getenv("OPENAI_API_KEY"),
    model_name="text-embedding-3-small",
    api_key_env_var="OPENAI_API_KEY",
)
"""


def test_a_key_variable_named_to_a_class_like_openais_is_left_with_its_read(registry):
    """chromadb's embedding function reads its key from `api_key_env_var`: renamed to the
    provider's variable, it sent the provider's key to OpenAI."""
    pointed = (
        'with api_base=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4") '
        'and model_name="embedding-3" (chromadb\'s keywords) and'
    )
    assert key_reads(registry, CHROMA_KEY_VARIABLE) == [
        (
            6,
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIEmbeddingFunction() on line 5, chromadb's "
            "OpenAIEmbeddingFunction, which migrate-llm does not rewrite: it talks to OpenAI, "
            "where Zhipu AI (GLM)'s key (ZAI_API_KEY) must not go; point it at Zhipu AI (GLM) "
            f"{pointed} read ZAI_API_KEY, or keep it on OpenAI, by hand",
        ),
        (
            8,
            "manual",
            "names OPENAI_API_KEY as the variable OpenAIEmbeddingFunction() on line 5 reads its "
            "key from, named like OpenAI and not rewritten by migrate-llm: if it talks to OpenAI, "
            "Zhipu AI (GLM)'s key (ZAI_API_KEY) would go there; point it at Zhipu AI (GLM) "
            f"{pointed} name ZAI_API_KEY, or keep it on OpenAI, by hand",
        ),
    ]
    assert applied(registry, CHROMA_KEY_VARIABLE) == CHROMA_KEY_VARIABLE
    # imported under another name, the class is still named like OpenAI's
    aliased = CHROMA_KEY_VARIABLE.replace(
        "import OpenAIEmbeddingFunction", "import OpenAIEmbeddingFunction as Embed"
    ).replace("embed = OpenAIEmbeddingFunction(", "embed = Embed(")
    assert [(line, fix) for line, fix, _ in key_reads(registry, aliased)] == [
        (6, "manual"),
        (8, "manual"),
    ]
    assert applied(registry, aliased) == aliased
    # another library's own variable setting is still renamed, for review
    other = CHROMA_KEY_VARIABLE.replace("OpenAIEmbeddingFunction", "Embedder")
    assert key_reads(registry, other)[1][:2] == (8, "review")


ROUTED_MESSAGE = (
    "reads OPENAI_API_KEY, which goes to {callee} on line {line} with {carried} and no base URL "
    "of Zhipu AI (GLM)'s: the model string sends the call to OpenAI, so given Zhipu AI (GLM)'s "
    "key (ZAI_API_KEY) it would send it to OpenAI; point the call at Zhipu AI (GLM) (its model, "
    "base URL and key) and read ZAI_API_KEY, or keep it on OpenAI, by hand"
)


@pytest.mark.parametrize(
    ("text", "callee", "carried"),
    [
        # an agent library that routes by the model string (litellm underneath)
        (
            "import os\n\nfrom agentkit import Agent\n\n"
            'agent = Agent(model_id="openai/gpt-4o-mini", api_key=os.getenv("OPENAI_API_KEY"))\n',
            "Agent()",
            "the OpenAI model 'openai/gpt-4o-mini'",
        ),
        (
            "import os\n\nfrom agentkit import Agent\n\nMODEL = 'gpt-4o'\n\n"
            "agent = Agent(model=MODEL, api_key=os.environ['OPENAI_API_KEY'], base_url=None)\n",
            "Agent()",
            "the OpenAI model 'gpt-4o'",
        ),
        # dspy.LM with a run-time model: ML640 leaves the call to a person
        (
            "import os\n\nimport dspy\n\n\ndef make(name):\n"
            '    return dspy.LM(model=name, api_key=os.getenv("OPENAI_API_KEY"))\n',
            "dspy.LM()",
            "a model chosen at run time (`name`)",
        ),
    ],
)
def test_a_key_given_with_a_model_that_routes_to_openai_is_left(registry, text, callee, carried):
    """Switched, the read would hand the provider's key to a call its model string sends to
    OpenAI."""
    line = text.count("\n")
    assert key_reads(registry, text) == [
        (line, "manual", ROUTED_MESSAGE.format(callee=callee, line=line, carried=carried))
    ]
    assert "OPENAI_API_KEY" in applied(registry, text)


VENDOR_MESSAGE = (
    "reads OPENAI_API_KEY, which goes to {callee} on line 5, whose model "
    "`\"{model}\"` routes it to {vendor}: neither OpenAI's key nor Zhipu AI (GLM)'s "
    "(ZAI_API_KEY) belongs there, and apply leaves the call; give it {vendor}'s key, by hand"
)


@pytest.mark.parametrize(
    ("text", "callee", "model", "vendor"),
    [
        (
            "import os\n\nfrom agentkit import Agent\n\n"
            'agent = Agent(model="anthropic/claude-3-5-sonnet", '
            'api_key=os.getenv("OPENAI_API_KEY"))\n',
            "Agent()",
            "anthropic/claude-3-5-sonnet",
            "anthropic",
        ),
        (
            "import os\n\nimport litellm\n\n"
            'r = litellm.completion(model="gemini/gemini-2.0-flash", messages=[], '
            'api_key=os.environ["OPENAI_API_KEY"])\n',
            "litellm.completion()",
            "gemini/gemini-2.0-flash",
            "gemini",
        ),
        # another provider file's route is another vendor too
        (
            "import os\n\nfrom agentkit import Agent\n\n"
            'agent = Agent(model="moonshot/kimi-k2.6", api_key=os.getenv("OPENAI_API_KEY"))\n',
            "Agent()",
            "moonshot/kimi-k2.6",
            "moonshot",
        ),
    ],
)
def test_a_key_given_with_a_model_routed_to_another_vendor_is_left(
    registry, text, callee, model, vendor
):
    """The model string sends the call, and the key, to that vendor: renamed, the read would
    hand the provider's key to it."""
    assert key_reads(registry, text) == [
        (5, "manual", VENDOR_MESSAGE.format(callee=callee, model=model, vendor=vendor))
    ]
    assert applied(registry, text) == text


def test_a_key_given_with_a_model_on_the_targets_route_is_switched(registry):
    """`zai/glm-5` goes to the target: its key belongs there."""
    text = (
        "import os\n\nfrom agentkit import Agent\n\n"
        'agent = Agent(model="zai/glm-5", api_key=os.getenv("OPENAI_API_KEY"))\n'
    )
    assert [fix for _, fix, _ in key_reads(registry, text)] == ["safe"]
    assert applied(registry, text) == text.replace("OPENAI_API_KEY", "ZAI_API_KEY")


AGENT_ON_ANOTHER_SERVER = (
    "import os\n\nfrom agentkit import Agent\n\n"
    'agent = Agent(model="gpt-4o", api_key=os.getenv("OPENAI_API_KEY"), '
    'base_url="http://localhost:8000/v1")\n'
)


def test_a_key_given_beside_another_servers_url_is_left(registry):
    """Pointed at another server on purpose, the call keeps that server: renamed, the read
    would send the provider's key there (as for an SDK client given such a URL)."""
    assert key_reads(registry, AGENT_ON_ANOTHER_SERVER) == [
        (
            5,
            "manual",
            "reads OPENAI_API_KEY, which goes to Agent() on line 5, whose base URL "
            '(`"http://localhost:8000/v1"`) may be another provider\'s or a server of the '
            "program's own, which apply leaves: given Zhipu AI (GLM)'s key (ZAI_API_KEY) it "
            "would send that key there; give that call the key its server takes, by hand",
        )
    ]
    assert applied(registry, AGENT_ON_ANOTHER_SERVER) == AGENT_ON_ANOTHER_SERVER


AGNO_MODEL_GIVEN_A_KEY_BY_NAME = """import os

from agno.models.openai import OpenAIChat

KEY = os.getenv("OPENAI_API_KEY")
model = OpenAIChat(id="gpt-4o", base_url=os.getenv("OPENAI_BASE_URL"), api_key=KEY)
"""


def test_a_base_url_read_beside_a_key_the_agno_rule_leaves_is_left(registry):
    """The agno rule leaves a class whose key comes through a name (`left_on_openai` asks it):
    its key stays OpenAI's, so its base URL is not switched either. Asked of a copy of the
    class rules' plan instead, the URL went to the provider with OpenAI's key."""
    assert key_reads(registry, AGNO_MODEL_GIVEN_A_KEY_BY_NAME) == [
        (
            5,
            "manual",
            "reads OPENAI_API_KEY, which goes to OpenAIChat() on line 6, a class apply leaves "
            "as it is (on OpenAI, or on a base URL chosen at run time): given Zhipu AI (GLM)'s "
            "key (ZAI_API_KEY) it could send that key to OpenAI; point the class at Zhipu AI "
            "(GLM) (its base URL and key), then read ZAI_API_KEY, by hand",
        ),
        (
            6,
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAIChat() on line 6, "
            "whose key (`KEY`) apply leaves OpenAI's: switched, it would send that key to Zhipu "
            "AI (GLM); point both at Zhipu AI (GLM) (the key from ZAI_API_KEY) together, by hand",
        ),
    ]
    assert applied(registry, AGNO_MODEL_GIVEN_A_KEY_BY_NAME) == AGNO_MODEL_GIVEN_A_KEY_BY_NAME


# An agent whose config_list entry takes its model from a variable (ML660 leaves it), as in
# Semantic Kernel's AutoGen samples
AUTOGEN_ENTRY_LEFT = """import os

from autogen import ConversableAgent

helper = ConversableAgent(
    "helper",
    llm_config={
        "config_list": [{"model": os.environ["CHAT_MODEL"], "api_key": os.environ["OPENAI_API_KEY"]}]
    },
)
"""

LEFT_ENTRY_MESSAGE = (
    "reads OPENAI_API_KEY, which goes in a config_list entry on line {line}, which apply leaves "
    "talking to OpenAI (ML660: {why}): given Zhipu AI (GLM)'s key (ZAI_API_KEY) it would send "
    "that key there; point that entry at Zhipu AI (GLM) (its model and base URL), then read "
    "ZAI_API_KEY, by hand"
)
NOT_SHOWN = 'the module does not show what its model `os.environ["CHAT_MODEL"]` is'


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (AUTOGEN_ENTRY_LEFT, [(8, 8, NOT_SHOWN)]),
        # written with dict(), its key read through `os.environ.get`
        (
            "import os\n\nimport autogen\n\nconfig_list = [\n"
            '    dict(model=os.environ["CHAT_MODEL"], api_key=os.environ.get("OPENAI_API_KEY"))\n'
            "]\n",
            [(6, 6, NOT_SHOWN)],
        ),
        # more entries from `**SHARED`, which may or may not give it a base_url
        (
            'import os\n\nimport autogen\n\nSHARED = {"temperature": 0}\n'
            'config_list = [{"model": "gpt-4o", "api_key": os.getenv("OPENAI_API_KEY"), '
            "**SHARED}]\n",
            [(6, 6, "`**SHARED` may or may not give it a base_url")],
        ),
        # bound to a name the module changes afterwards
        (
            "import os\n\nimport autogen\n\n"
            'entry = {\n    "model": "gpt-4o",\n    "api_key": os.environ["OPENAI_API_KEY"],\n}\n'
            'entry["base_url"] = "http://localhost:8000/v1"\n'
            "config_list = [entry]\n",
            [
                (
                    7,
                    5,
                    "the module changes `entry` on line 9 "
                    '(`entry["base_url"] = "http://localhost:8000/v1"`)',
                )
            ],
        ),
    ],
    ids=["model-not-shown", "dict-call", "spread", "changed"],
)
def test_a_key_in_an_autogen_entry_apply_leaves_is_left(registry, text, found):
    """ML660 leaves the entry talking to OpenAI: renamed, the key read would hand the
    provider's key to api.openai.com."""
    assert key_reads(registry, text) == [
        (line, "manual", LEFT_ENTRY_MESSAGE.format(line=entry, why=why))
        for line, entry, why in found
    ]
    assert applied(registry, text) == text


def test_a_base_url_read_in_an_autogen_entry_apply_leaves_is_left_with_its_key(registry):
    text = (
        "import os\n\nimport autogen\n\nconfig_list = [\n    {\n"
        '        "model": os.environ["CHAT_MODEL"],\n'
        '        "api_key": os.environ["OPENAI_API_KEY"],\n'
        '        "base_url": os.environ["OPENAI_BASE_URL"],\n'
        "    }\n]\n"
    )
    assert key_reads(registry, text) == [
        (8, "manual", LEFT_ENTRY_MESSAGE.format(line=6, why=NOT_SHOWN)),
        (
            9,
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of the dict on line 9, "
            "whose key (from OPENAI_API_KEY) apply leaves OpenAI's: switched, it would send that "
            "key to Zhipu AI (GLM); point both at Zhipu AI (GLM) (the key from ZAI_API_KEY) "
            "together, by hand",
        ),
    ]
    assert applied(registry, text) == text


ELSEWHERE_ENTRY_MESSAGE = (
    "reads OPENAI_API_KEY, which goes in a config_list entry on line {line}, which apply leaves "
    "as it is (ML660 skips it: {why}): given Zhipu AI (GLM)'s key (ZAI_API_KEY) it would send "
    "that key there; give that entry the key its server takes, or point the whole entry at "
    "Zhipu AI (GLM), by hand"
)
AZURE = 'its api_type "azure" sends it to Azure OpenAI'


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "import os\n\nimport autogen\n\nconfig_list = [\n    {\n"
            '        "model": "gpt-4o",\n'
            '        "api_type": "azure",\n'
            '        "base_url": "https://x.openai.azure.com",\n'
            '        "api_key": os.environ["OPENAI_API_KEY"],\n'
            "    }\n]\n",
            [(10, 6, AZURE)],
        ),
        # another client, whatever its model
        (
            "import os\n\nimport autogen\n\nconfig_list = [\n"
            '    {"model": "gemini-pro", "api_type": API, "api_key": os.environ["OPENAI_API_KEY"]}\n'
            "]\n",
            [(6, 6, "its api_type API picks another client than OpenAI's")],
        ),
        # another provider's base URL, written with dict(), the key through os.getenv
        (
            "import os\n\nimport autogen\n\nconfig_list = [\n    dict(\n"
            '        model="gpt-4o",\n'
            '        base_url="https://api.together.xyz/v1",\n'
            '        api_key=os.getenv("OPENAI_API_KEY"),\n'
            "    )\n]\n",
            [
                (
                    9,
                    6,
                    'its base_url `"https://api.together.xyz/v1"` is another provider\'s or a '
                    "server of the program's own",
                )
            ],
        ),
        # AG2's llm_config, the program's own server
        (
            "import os\n\nfrom autogen import AssistantAgent\n\n"
            'agent = AssistantAgent("a", llm_config={"config_list": [{"model": "gpt-4o", '
            '"base_url": "http://localhost:8000/v1", "api_key": os.environ["OPENAI_API_KEY"]}]})\n',
            [
                (
                    5,
                    5,
                    'its base_url `"http://localhost:8000/v1"` is another provider\'s or a '
                    "server of the program's own",
                )
            ],
        ),
    ],
    ids=["azure", "other-client", "dict-call-other-provider", "own-server"],
)
def test_a_key_in_an_autogen_entry_pointed_elsewhere_is_left(registry, text, found):
    """ML660 skips an entry with another api_type or base URL: renamed, the key read would
    hand the provider's key to Azure OpenAI, another provider or the program's own server."""
    assert key_reads(registry, text) == [
        (line, "manual", ELSEWHERE_ENTRY_MESSAGE.format(line=entry, why=why))
        for line, entry, why in found
    ]
    after = applied(registry, text)
    assert "OPENAI_API_KEY" in after
    assert "ZAI_API_KEY" not in after


def test_a_key_in_an_autogen_entry_at_the_targets_url_is_still_switched(registry):
    """An entry already at the provider's base URL takes the provider's key."""
    text = (
        "import os\n\nimport autogen\n\nconfig_list = [\n"
        '    {"model": "glm-4.6", "base_url": "https://open.bigmodel.cn/api/paas/v4/", '
        '"api_key": os.environ["OPENAI_API_KEY"]}\n]\n'
    )
    assert [f[:2] for f in key_reads(registry, text)] == [(6, "safe")]
    after = applied(registry, text)
    assert '"api_key": os.environ["ZAI_API_KEY"]' in after
    assert "OPENAI_API_KEY" not in after


def test_a_key_in_an_autogen_entry_apply_moves_is_replaced_with_it(registry):
    text = AUTOGEN_ENTRY_LEFT.replace('os.environ["CHAT_MODEL"]', '"gpt-4o"')
    assert 'os.environ.get("ZAI_API_KEY", "unset")' in applied(registry, text)
    assert "OPENAI_API_KEY" not in applied(registry, text)


@pytest.mark.parametrize(
    ("text", "callee", "line", "model"),
    [
        # a Router deployment whose model comes from a variable
        (
            "import os\n\nfrom litellm import Router\n\nrouter = Router(\n    model_list=[\n"
            "        {\n"
            '            "model_name": "main",\n'
            '            "litellm_params": {\n'
            '                "model": os.environ["CHAT_MODEL"],\n'
            '                "api_key": os.environ["OPENAI_API_KEY"],\n'
            "            },\n        }\n    ]\n)\n",
            "Router()",
            5,
            'os.environ["CHAT_MODEL"]',
        ),
        # the `**params` of a call, its model the caller's (ML640 warns)
        (
            "import os\n\nimport litellm\n\n\ndef ask(name, q):\n"
            '    params = {"model": name, "api_key": os.environ["OPENAI_API_KEY"]}\n'
            "    return litellm.completion(messages=[q], **params)\n",
            "litellm.completion()",
            8,
            "name",
        ),
    ],
    ids=["router-deployment", "spread-params"],
)
def test_a_key_in_litellm_params_with_a_run_time_model_is_left(registry, text, callee, line, model):
    """ML640 leaves the dict's model to a person: an OpenAI model there sends the key given
    beside it to OpenAI, as a call's keyword would."""
    carried = f"a model chosen at run time (`{model}`)"
    read = next(i for i, t in enumerate(text.splitlines(), 1) if "OPENAI_API_KEY" in t)
    assert key_reads(registry, text) == [
        (read, "manual", ROUTED_MESSAGE.format(callee=callee, line=line, carried=carried))
    ]
    assert applied(registry, text) == text
