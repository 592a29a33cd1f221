"""A read of OPENAI_PROXY whose value goes only to an HTTP proxy setting (ML401).

Trial 38a's D3: chatgpt-telegram-bot reads `'proxy': os.environ.get('PROXY', None) or
os.environ.get('OPENAI_PROXY', None)` and gives it to `httpx.AsyncClient(proxy=...)`, the
`http_client=` of the client apply points at qwen. ML401 called it "an OpenAI-only setting;
qwen has no equivalent", a warning that kept `check` red for good. The proxy now carries
qwen's traffic: a note. Where the value goes anywhere else (a base URL, nowhere shown), or to
openai<1.0's `openai.proxy`, the warning stays.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

OWN_PROXY = (
    "the program's own setting: that proxy now carries the traffic of the clients apply points "
    "at Acme Cloud; nothing to change (rename the variable if it should not name OpenAI)"
)
NO_EQUIVALENT = "reads OPENAI_PROXY, an OpenAI-only setting; Acme Cloud has no equivalent"

# chatgpt-telegram-bot's bot/main.py (df4dcaa), cut down
TELEGRAM_MAIN = """import os


def main():
    openai_config = {
        'api_key': os.environ['DASHSCOPE_API_KEY'],
        'proxy': os.environ.get('PROXY', None) or os.environ.get('OPENAI_PROXY', None),
    }
    return openai_config
"""


def ml401(registry, text: str) -> list[tuple[int, str, str, str]]:
    ctx = RuleContext(registry, registry.get("acme"))
    return [
        (f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML401"
    ]


def check(tmp_path, text: str) -> tuple[int, list[dict]]:
    (tmp_path / "main.py").write_text(text)
    result = CliRunner().invoke(
        app, ["check", str(tmp_path), "-p", "qwen", "--format", "json", "--no-cache"]
    )
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_the_telegram_bots_proxy_entry_is_a_note_and_check_passes(registry, tmp_path):
    assert ml401(registry, TELEGRAM_MAIN) == [
        (
            7,
            "note",
            "none",
            f"reads OPENAI_PROXY only for an HTTP proxy (the 'proxy' entry on line 7), {OWN_PROXY}",
        )
    ]
    assert check(tmp_path, TELEGRAM_MAIN) == (0, [])


def test_a_name_given_to_the_http_client_of_a_client_is_a_note(registry):
    text = (
        "import os\n\nimport httpx\nfrom openai import OpenAI\n\n"
        'proxy = os.getenv("OPENAI_PROXY", "").strip()\n'
        "if proxy:\n"
        '    print(f"using the proxy {proxy}")\n'
        "client = OpenAI(http_client=httpx.Client(proxy=proxy or None))\n"
    )
    assert ml401(registry, text) == [
        (
            6,
            "note",
            "none",
            "reads OPENAI_PROXY only for an HTTP proxy (proxy= of httpx.Client() on line 9), "
            + OWN_PROXY,
        )
    ]


def test_a_proxies_mapping_a_function_of_the_module_and_a_constant_are_followed(registry):
    text = (
        "import os\n\nimport requests\n\n"
        'PROXY_VAR = "OPENAI_PROXY"\n\n\n'
        "def fetch(url, proxy):\n"
        '    return requests.get(url, proxies={"https": f"http://{proxy}"})\n\n\n'
        'fetch("https://example.org", os.environ[PROXY_VAR])\n'
    )
    assert ml401(registry, text) == [
        (
            5,
            "note",
            "none",
            "names OPENAI_PROXY, read from the environment on line 12, only for an HTTP proxy "
            "(proxies= of requests.get() on line 9), " + OWN_PROXY,
        )
    ]


def test_a_proxy_variable_set_for_the_process_is_a_proxy_setting(registry):
    text = 'import os\nos.environ["HTTPS_PROXY"] = os.environ["OPENAI_PROXY"]\n'
    assert ml401(registry, text) == [
        (
            2,
            "note",
            "none",
            'reads OPENAI_PROXY only for an HTTP proxy (os.environ["HTTPS_PROXY"] on line 2), '
            + OWN_PROXY,
        )
    ]


def test_a_value_going_anywhere_else_stays_a_warning_and_check_fails(registry, tmp_path):
    """OPENAI_PROXY as the base URL of an OpenAI relay (as many programs use it), beside a
    proxy setting, or read and not used here: what it is for is not shown."""
    for text in (
        'import os\nfrom openai import OpenAI\nc = OpenAI(base_url=os.getenv("OPENAI_PROXY"))\n',
        "import os\n\nimport httpx\n\n"
        'p = os.getenv("OPENAI_PROXY")\n'
        "h = httpx.Client(proxy=p)\n"
        'relay = f"{p}/v1"\n',
        'import os\nPROXY = os.getenv("OPENAI_PROXY")\n',
    ):
        [(_, severity, fix, message)] = ml401(registry, text)
        assert (severity, fix, message) == ("warning", "manual", NO_EQUIVALENT), text
    exit_code, findings = check(tmp_path, 'import os\nPROXY = os.getenv("OPENAI_PROXY")\n')
    assert exit_code == 1
    assert [(f["rule"], f["severity"], f["fix"]) for f in findings] == [
        ("ML401", "warning", "manual")
    ]


def test_openai_proxy_of_openai_before_1_0_is_left_with_ml301s_advice(registry):
    text = 'import os\n\nimport openai\n\nopenai.proxy = os.environ.get("OPENAI_PROXY")\n'
    ctx = RuleContext(registry, registry.get("acme"))
    found = [
        (f.rule, f.line, f.severity.value, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in ("ML301", "ML401")
    ]
    assert found == [
        (
            "ML301",
            5,
            "error",
            "manual",
            "openai.proxy is openai<1.0 configuration; pass http_client=httpx.Client("
            'proxy=os.environ.get("OPENAI_PROXY")) to the client instead',
        ),
        (
            "ML401",
            5,
            "warning",
            "manual",
            "reads OPENAI_PROXY for openai.proxy on line 5, openai<1.0's proxy setting, which "
            "openai>=1.0 ignores (ML301); pass it to the client as "
            "http_client=httpx.Client(proxy=...), by hand: that proxy then carries Acme "
            "Cloud's traffic",
        ),
    ]
    # ML301's hand edit made: a note
    fixed = (
        "import os\n\nimport httpx\nimport openai\n\n"
        'client = openai.OpenAI(http_client=httpx.Client(proxy=os.environ.get("OPENAI_PROXY")))\n'
    )
    assert [(s, f) for _, s, f, _ in ml401(registry, fixed)] == [("note", "none")]


def test_an_openai_only_setting_given_elsewhere_keeps_its_warning(registry):
    text = (
        'import os\nfrom billing import Usage\nu = Usage(organization=os.getenv("OPENAI_ORG_ID"))\n'
    )
    assert ml401(registry, text) == [
        (
            3,
            "warning",
            "manual",
            "reads OPENAI_ORG_ID, an OpenAI-only setting; Acme Cloud has no equivalent",
        )
    ]
    # given to a client ML001 moves, it goes with that edit, which drops the argument (t64f)
    text = 'import os\nfrom openai import OpenAI\nc = OpenAI(organization=os.getenv("OPENAI_ORG_ID"))\n'
    assert ml401(registry, text) == [
        (
            3,
            "note",
            "none",
            "reads OPENAI_ORG_ID for organization= of OpenAI() on line 3, which apply points at "
            "Acme Cloud: that argument goes with the rewrite",
        )
    ]
