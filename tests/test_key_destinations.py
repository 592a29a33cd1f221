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
