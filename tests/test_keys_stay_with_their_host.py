"""The key a request carries and the host it goes to change together (trial 34b on the Agents
SDK).

1. A client whose base URL a read of OPENAI_BASE_URL chooses and whose key the program hands it
   (the SDK's `OpenAIProvider`): with only the read switched, a key that is None let the SDK send
   OPENAI_API_KEY to the provider, and `check` passed. Where ML003 can give that key the
   provider's variable as its fallback (`key or os.environ[...]`) it does; otherwise the read
   is left with the client, manual, and `check` fails.
2. A key read returned by a property or function of a module holding an OpenAI URL `apply`
   leaves (the tracing exporter's ingest endpoint, the realtime `wss://` URL): renamed, the
   provider's key went to OpenAI. It is left, manual, beside ML402's finding.

Exact text, fix classes (what `scan` says is what `apply` does), a second run, `check`, and
the key the provider receives."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .program_runner import run_python


def findings(registry, text: str):
    return check_python(text, RuleContext(registry, registry.get("deepseek")), PYTHON_RULES)


def rows(found, *rules: str):
    return [(f.line, f.rule, f.fix.value, f.message) for f in found if f.rule in rules]


def applied(registry, text: str) -> str:
    """`apply`'s text, after checking that each finding's fix says whether it carries an
    edit, and that a second run has nothing to edit."""
    found = findings(registry, text)
    for f in found:
        assert (f.edit is not None) == (f.fix in (FixClass.SAFE, FixClass.REVIEW)), f
    after, _ = migrate_text(text, "python", "app.py", found)
    assert [f for f in findings(registry, after) if f.edit is not None] == []
    return after


def check(tmp_path, monkeypatch, text: str) -> tuple[int, list[str]]:
    """`apply --yes` then `check` on `text` as app.py: check's exit code and lines."""
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "app.py", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    result = CliRunner().invoke(app, ["check", "app.py", "--provider", "deepseek"])
    return result.exit_code, result.stdout.splitlines()


# the shape of the SDK's OpenAIProvider, in our words
DEFAULT_KEY = """import os

from openai import OpenAI

_fallback_key = None


def fallback_key():
    return _fallback_key


def make(key=None, base=None):
    return OpenAI(
        api_key=key if key is not None else fallback_key(),
        base_url=base if base is not None else os.getenv("OPENAI_BASE_URL"),
    )
"""
DEFAULT_KEY_CLIENT = (
    'OpenAI() takes its base URL from `base if base is not None else os.getenv("OPENAI_BASE_URL")`'
    " at run time and its key from `key if key is not None else fallback_key()` (OPENAI_API_KEY "
    "when that is None); make sure they are DeepSeek's (https://api.deepseek.com, the key from "
    "DEEPSEEK_API_KEY) in place of OpenAI's; a server of your own needs no change"
)
DEFAULT_KEY_READ = (
    "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line 13, whose key "
    "(`key if key is not None else fallback_key()`) may be None, and the SDK then sends "
    "OPENAI_API_KEY: switched, it would send that key to DeepSeek; make that key DeepSeek's where "
    "it is None (from DEEPSEEK_API_KEY), then switch both, by hand"
)


def test_a_key_that_may_be_none_leaves_the_base_url_read_with_the_client(registry):
    assert rows(findings(registry, DEFAULT_KEY), "ML003", "ML401") == [
        (13, "ML003", "manual", DEFAULT_KEY_CLIENT),
        (15, "ML401", "manual", DEFAULT_KEY_READ),
    ]
    assert applied(registry, DEFAULT_KEY) == DEFAULT_KEY


def test_check_still_fails_on_a_key_that_may_be_none_after_apply(tmp_path, monkeypatch):
    code, lines = check(tmp_path, monkeypatch, DEFAULT_KEY)
    assert code == 1
    assert lines == [
        f"app.py:13:12 ML003 {DEFAULT_KEY_CLIENT}",
        f"app.py:15:48 ML401 {DEFAULT_KEY_READ}",
        "2 findings for deepseek in 1 of 1 file; 0 error, 2 warning, 0 note",
    ]


HANDED_KEY = """import os

from openai import OpenAI


def make(key=None, base=None):
    return OpenAI(api_key=key, base_url=base or os.getenv("OPENAI_BASE_URL"), max_retries=0)
"""
HANDED_KEY_AFTER = """import os

from openai import OpenAI


def make(key=None, base=None):
    return OpenAI(
        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")
        if not base
        else (
            key
            or (
                os.environ.get("DEEPSEEK_API_KEY", "unset")
                if str(base).rstrip("/").lower()
                in (
                    os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
                    .rstrip("/")
                    .lower(),
                    "https://api.deepseek.com",
                    "https://api.deepseek.com/v1",
                    "https://api.deepseek.com/beta",
                )
                else key
            )
        ),
        base_url=base or os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        max_retries=0,
    )
"""


def test_a_handed_key_beside_a_chain_apply_switches_gets_the_providers_fallback(registry):
    assert rows(findings(registry, HANDED_KEY), "ML003", "ML401") == [
        (
            7,
            "ML003",
            "review",
            'OpenAI() takes its base URL from `base or os.getenv("OPENAI_BASE_URL")`, which apply '
            "points at DeepSeek (DEEPSEEK_BASE_URL), and its key from `key` (OPENAI_API_KEY when "
            "that is None); for DeepSeek its key is DEEPSEEK_API_KEY where `base` is empty, in "
            "place of `key` (given for OpenAI's URL, it must not go to DeepSeek's), and "
            "DEEPSEEK_API_KEY when `key` is empty where `base` is DeepSeek's (its variable's value "
            "or its URL in any spelling); another "
            "server keeps the key the program gives it, which must be a DeepSeek key on "
            "DeepSeek's URL",
        ),
        (
            7,
            "ML401",
            "safe",
            "reads OPENAI_BASE_URL; DeepSeek's base URL is in DEEPSEEK_BASE_URL (default "
            "https://api.deepseek.com)",
        ),
    ]
    assert applied(registry, HANDED_KEY) == HANDED_KEY_AFTER
    assert rows(findings(registry, HANDED_KEY_AFTER), "ML003", "ML401") == [
        (7, "ML003", "none", "OpenAI() already points at DeepSeek")
    ]


def test_the_migrated_client_sends_the_providers_key_not_openais(registry, tmp_path, server):
    """Before, the request reached the provider with `Bearer <OPENAI_API_KEY>`."""
    provider = registry.get("deepseek")
    program = applied(registry, HANDED_KEY) + (
        '\n\nmake().chat.completions.create(model="deepseek-chat", messages=[])\n'
    )
    (tmp_path / "app.py").write_text(program, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if "OPENAI" not in k}
    env |= {
        "OPENAI_API_KEY": "sk-openai-key-never-sent-to-the-provider",
        provider.api_key_env: "deepseek-key",
        provider.base_url_env: server.base,
    }
    guard = tmp_path / "guard"
    proc = run_python(
        ["app.py"], cwd=tmp_path, env=network_guard.subprocess_env(env, guard), timeout=60
    )
    assert network_guard.blocked_hosts(guard) == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer deepseek-key"


# a key that cannot take a fallback, beside a chain apply would switch: both left
CHOSEN_KEY = """import os

from openai import OpenAI


def make(key=None, base=None):
    return OpenAI(
        api_key=key if key else None,
        base_url=base or os.getenv("OPENAI_BASE_URL"),
    )
"""


def test_a_key_beside_a_chain_that_cannot_take_a_fallback_leaves_both(registry):
    assert rows(findings(registry, CHOSEN_KEY), "ML003", "ML401") == [
        (
            7,
            "ML003",
            "manual",
            'OpenAI() takes its base URL from `base or os.getenv("OPENAI_BASE_URL")` at run time '
            "and its key from `key if key else None` (OPENAI_API_KEY when that is None); make sure "
            "they are DeepSeek's (https://api.deepseek.com, the key from DEEPSEEK_API_KEY) in place of OpenAI's"
            "; a server of your own needs no change",
        ),
        (
            9,
            "ML401",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line 7, whose "
            "key (`key if key else None`) may be None, and the SDK then sends OPENAI_API_KEY: "
            "switched, it would send that key to DeepSeek; make that key DeepSeek's where it is "
            "None (from DEEPSEEK_API_KEY), then switch both, by hand",
        ),
    ]
    assert applied(registry, CHOSEN_KEY) == CHOSEN_KEY


def test_a_key_read_left_inside_an_or_keeps_the_base_url_read_too(registry):
    """`key or os.getenv("OPENAI_API_KEY")` beside a URL chosen between values: the key read
    is left (the URL may be OpenAI's), so the URL read is left with it."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
        "    return OpenAI(\n"
        '        api_key=key or os.getenv("OPENAI_API_KEY"),\n'
        '        base_url=base if base is not None else os.getenv("OPENAI_BASE_URL"),\n'
        "    )\n"
    )
    assert [(line, fix) for line, _, fix, _ in rows(findings(registry, text), "ML401")] == [
        (8, "manual"),
        (9, "manual"),
    ]
    assert rows(findings(registry, text), "ML401")[1][3] == (
        "reads OPENAI_BASE_URL; not switched: it is the base URL of OpenAI() on line 7, whose key "
        '(`key or os.getenv("OPENAI_API_KEY")`) apply leaves OpenAI\'s: switched, it would send '
        "that key to DeepSeek; point both at DeepSeek (the key from DEEPSEEK_API_KEY) together, "
        "by hand"
    )
    assert applied(registry, text) == text


def test_a_key_read_ending_the_keys_chain_is_switched_with_the_url(registry):
    """camel's shape: the key read ends the key's chain, so ML401 renames both reads; the key
    read gets the default "unset", or None would make the client read OPENAI_API_KEY. The
    caller gives the base URL too: the provider's key only where it is empty or the
    provider's (t60a D7), another server keeping the key the caller gives."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
        '    key = key or os.getenv("OPENAI_API_KEY")\n'
        '    return OpenAI(api_key=key, base_url=base or os.getenv("OPENAI_BASE_URL"))\n'
    )
    assert [(f.rule, f.fix.value) for f in findings(registry, text)] == [
        ("ML401", "safe"),
        ("ML401", "safe"),
    ]
    assert applied(registry, text) == (
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(key=None, base=None):\n"
        "    key = key or (\n"
        '        os.getenv("DEEPSEEK_API_KEY", "unset")\n'
        "        if not base\n"
        '        or str(base).rstrip("/").lower()\n'
        "        in (\n"
        '            str(os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com"))\n'
        '            .rstrip("/")\n'
        "            .lower(),\n"
        '            "https://api.deepseek.com",\n'
        '            "https://api.deepseek.com/v1",\n'
        '            "https://api.deepseek.com/beta",\n'
        "        )\n"
        "        else key\n"
        "    )\n"
        "    return OpenAI(\n"
        "        api_key=key,\n"
        '        base_url=base or os.getenv("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    )\n"
    )


# the tracing exporter's shape, in our words
EXPORTER = """import os
from functools import cached_property

import httpx


class Uploader:
    INGEST = "https://api.openai.com/v1/traces/ingest"

    def __init__(self, api_key=None):
        self._api_key = api_key

    @cached_property
    def api_key(self):
        return self._api_key or os.environ.get("OPENAI_API_KEY")

    def upload(self, batch):
        headers = {"Authorization": f"Bearer {self.api_key}"}
        httpx.Client().post(self.INGEST, headers=headers, json=batch)
"""
LEFT_URL = (
    "reads OPENAI_API_KEY, which the module does not show going only to a client apply points "
    "at DeepSeek, beside the OpenAI URL {url} on line {line}, which apply leaves (ML402): given "
    "DeepSeek's key (DEEPSEEK_API_KEY) it could send that key there, to OpenAI; point that URL "
    "and this key at DeepSeek together, or keep both on OpenAI, by hand"
)
INGEST = "https://api.openai.com/v1/traces/ingest"


def test_a_key_a_property_returns_beside_an_openai_url_apply_leaves_is_left(registry):
    assert rows(findings(registry, EXPORTER), "ML401", "ML402") == [
        (
            8,
            "ML402",
            "manual",
            f"hard-coded OpenAI URL {INGEST}; replace it with DeepSeek's base URL by hand",
        ),
        (15, "ML401", "manual", LEFT_URL.format(url=INGEST, line=8)),
    ]
    assert applied(registry, EXPORTER) == EXPORTER


REALTIME = """import os

SOCKET = "wss://api.openai.com/v1/realtime?model=gpt-realtime"


def session_key(given=None):
    return given or os.getenv("OPENAI_API_KEY")
"""


def test_a_key_a_function_returns_beside_a_realtime_url_is_left(registry):
    url = "api.openai.com/v1/realtime?model=gpt-realtime"
    assert rows(findings(registry, REALTIME), "ML401", "ML402") == [
        (
            3,
            "ML402",
            "manual",
            f"hard-coded OpenAI URL {url}; replace it with DeepSeek's base URL by hand",
        ),
        (7, "ML401", "manual", LEFT_URL.format(url=url, line=3)),
    ]
    assert applied(registry, REALTIME) == REALTIME


def test_check_fails_on_a_key_left_beside_an_openai_url(tmp_path, monkeypatch):
    code, lines = check(tmp_path, monkeypatch, EXPORTER)
    assert code == 1
    assert lines[1] == f"app.py:15:33 ML401 {LEFT_URL.format(url=INGEST, line=8)}"


def test_a_key_given_only_to_a_client_apply_moves_is_switched_beside_such_a_url(registry):
    """The module shows where the key goes: a client apply points at the provider."""
    text = (
        "import os\n\nfrom openai import OpenAI\n\n"
        f'INGEST = "{INGEST}"\n'
        'KEY = os.environ["OPENAI_API_KEY"]\n'
        "client = OpenAI(api_key=KEY)\n"
    )
    assert [(line, fix) for line, _, fix, _ in rows(findings(registry, text), "ML401")] == [
        (6, "safe")
    ]
    assert 'KEY = os.environ["DEEPSEEK_API_KEY"]' in applied(registry, text)


def test_a_url_in_a_docstring_or_a_test_of_a_url_leaves_the_key_switched(registry):
    text = (
        "import os\n\n\ndef key(url):\n"
        f'    """Traces go to {INGEST}."""\n'
        '    if "api.openai.com" in url:\n'
        '        return os.environ.get("OPENAI_API_KEY")\n'
    )
    assert [(line, fix) for line, _, fix, _ in rows(findings(registry, text), "ML401")] == [
        (7, "safe")
    ]
