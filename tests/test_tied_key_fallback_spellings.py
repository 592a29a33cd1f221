"""ML003's key fallback and ML401's caller-URL tie compare URLs as a `**kwargs` fill does
(t60d D2/D3, t60c D2).

Both wrote `key or (<provider key> if not url or url == <provider URL read> else key)`: a
config keeping apply's `https://api.moonshot.cn/v1` while MOONSHOT_BASE_URL pointed at another
region or a test server, or a config spelling DeepSeek's URL `https://api.deepseek.com/v1`,
got the config's key ("" or None): "Missing credentials", or the SDK sent OPENAI_API_KEY to
the provider's host. Now the URL is compared without case and trailing slash with the
variable's value and every spelling of the provider's own URL (`code_templates.
provider_url_test`); another server still keeps the key the program gives it.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env

# t60d's shape: TaskWeaver's config gives the base URL and the key (moonshot)
SETTINGS_CLIENT = """import json

from openai import OpenAI

cfg = json.load(open("settings.json"))


def ask(text):
    client = OpenAI(base_url=cfg["api_base"], api_key=cfg["api_key"])
    r = client.chat.completions.create(
        model=cfg["model"], messages=[{"role": "user", "content": text}]
    )
    return r.choices[0].message.content
"""
SETTINGS_CLIENT_AFTER = """import json
import os

from openai import OpenAI

cfg = json.load(open("settings.json"))


def ask(text):
    client = OpenAI(
        base_url=cfg["api_base"]
        or os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
        api_key=os.environ.get("MOONSHOT_API_KEY", "unset")
        if not cfg["api_base"]
        else (
            cfg["api_key"]
            or (
                os.environ.get("MOONSHOT_API_KEY", "unset")
                if str(cfg["api_base"]).rstrip("/").lower()
                in (
                    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")
                    .rstrip("/")
                    .lower(),
                    "https://api.moonshot.cn/v1",
                    "https://api.moonshot.ai/v1",
                )
                else cfg["api_key"]
            )
        ),
    )
    r = client.chat.completions.create(
        model=cfg["model"], messages=[{"role": "user", "content": text}]
    )
    return r.choices[0].message.content
"""
# the fallback as the session before wrote it: compared exactly
SETTINGS_CLIENT_EXACT = SETTINGS_CLIENT_AFTER.replace(
    """                if str(cfg["api_base"]).rstrip("/").lower()
                in (
                    os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")
                    .rstrip("/")
                    .lower(),
                    "https://api.moonshot.cn/v1",
                    "https://api.moonshot.ai/v1",
                )
""",
    """                if cfg["api_base"]
                == os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")
""",
)
# t60c's shape: gpt-pilot's config, `api_key: null` beside DeepSeek's `/v1` spelling
CONFIG_CLIENT = """import json
import sys

from openai import OpenAI

cfg = json.load(open(sys.argv[1]))["llm"]
client = OpenAI(api_key=cfg["api_key"], base_url=cfg["base_url"])
reply = client.chat.completions.create(
    model="deepseek-flash", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""
CONFIG_CLIENT_AFTER = """import json
import os
import sys

from openai import OpenAI

cfg = json.load(open(sys.argv[1]))["llm"]
client = OpenAI(
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")
    if not cfg["base_url"]
    else (
        cfg["api_key"]
        or (
            os.environ.get("DEEPSEEK_API_KEY", "unset")
            if str(cfg["base_url"]).rstrip("/").lower()
            in (
                os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
                .rstrip("/")
                .lower(),
                "https://api.deepseek.com",
                "https://api.deepseek.com/v1",
                "https://api.deepseek.com/beta",
            )
            else cfg["api_key"]
        )
    ),
    base_url=cfg["base_url"]
    or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)
reply = client.chat.completions.create(
    model="deepseek-flash", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""
# camel's shape (ML401): the caller's key and URL, each falling back to OpenAI's variable
CALLER_URL = """import os

from openai import OpenAI


def make(api_key=None, url=None):
    api_key = api_key or os.environ.get("OPENAI_API_KEY")
    url = url or os.environ.get("OPENAI_API_BASE_URL")
    return OpenAI(api_key=api_key, base_url=url)
"""
CALLER_URL_AFTER = """import os

from openai import OpenAI


def make(api_key=None, url=None):
    api_key = api_key or (
        os.environ.get("DEEPSEEK_API_KEY", "unset")
        if not url
        or str(url).rstrip("/").lower()
        in (
            os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
            .rstrip("/")
            .lower(),
            "https://api.deepseek.com",
            "https://api.deepseek.com/v1",
            "https://api.deepseek.com/beta",
        )
        else api_key
    )
    url = url or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
    return OpenAI(api_key=api_key, base_url=url)
"""


def migrate(registry, text: str, provider: str) -> str:
    """The text after apply; a second run edits nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    after, _ = migrate_text(text, "python", "llm.py", check_python(text, ctx, PYTHON_RULES))
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    assert migrate_text(after, "python", "llm.py", again)[0] == after
    return after


@pytest.mark.parametrize(
    ("provider", "before", "after"),
    [
        ("moonshot", SETTINGS_CLIENT, SETTINGS_CLIENT_AFTER),
        ("deepseek", CONFIG_CLIENT, CONFIG_CLIENT_AFTER),
        ("deepseek", CALLER_URL, CALLER_URL_AFTER),
    ],
)
def test_the_fallback_compares_the_url_in_any_spelling(registry, provider, before, after):
    assert migrate(registry, before, provider) == after


# r11's shape for an Azure target: a function handing on the caller's key and URL
CALLER_SETTINGS = """import os


def settings(api_key=None, url=None):
    api_key = api_key or os.environ.get("OPENAI_API_KEY")
    url = url or os.environ.get("OPENAI_API_BASE_URL")
    return api_key, url
"""
CALLER_SETTINGS_AZURE = """import os


def settings(api_key=None, url=None):
    api_key = api_key or (
        os.environ.get("AZURE_OPENAI_API_KEY")
        if not url
        or str(url).rstrip("/").lower()
        == str(os.environ.get("AZURE_OPENAI_ENDPOINT")).rstrip("/").lower()
        else api_key
    )
    url = url or os.environ.get("AZURE_OPENAI_ENDPOINT")
    return api_key, url
"""


def test_an_azure_tie_names_no_placeholder_url(registry):
    """Review of s61: for Azure the tie also listed the provider file's URL,
    `https://your-resource-name.openai.azure.com`, a placeholder no resource has; the
    resource's endpoint is its variable's value alone."""
    assert migrate(registry, CALLER_SETTINGS, "azure") == CALLER_SETTINGS_AZURE


def test_a_fallback_written_exactly_before_is_left_as_it_is(registry):
    assert migrate(registry, SETTINGS_CLIENT_EXACT, "moonshot") == SETTINGS_CLIENT_EXACT


def _settings_key(text: str, monkeypatch, settings: dict, variable: str | None) -> str | None:
    """The key `ask` of `text` hands the client for `settings`, MOONSHOT_BASE_URL `variable`."""
    monkeypatch.setenv("MOONSHOT_API_KEY", "moonshot-key")
    if variable is None:
        monkeypatch.delenv("MOONSHOT_BASE_URL", raising=False)
    else:
        monkeypatch.setenv("MOONSHOT_BASE_URL", variable)
    code = (
        text.replace("from openai import OpenAI\n", "")
        .replace('json.load(open("settings.json"))', "SETTINGS")
        .replace("    r = client.chat", "    return client\n    r = client.chat")
    )
    namespace: dict = {"SETTINGS": settings, "OpenAI": lambda **kw: kw}
    exec(compile(code, "llm.py", "exec"), namespace)
    return namespace["ask"]("hi")["api_key"]


CN = "https://api.moonshot.cn/v1"


@pytest.mark.parametrize(
    ("api_base", "variable", "exact", "spelled"),
    [
        (None, None, "moonshot-key", "moonshot-key"),
        (CN, None, "moonshot-key", "moonshot-key"),
        # t60d D2: the config keeps apply's URL, the variable names another region or a test
        # server: the config's "" before ("Missing credentials")
        (CN, "https://api.moonshot.ai/v1", "", "moonshot-key"),
        (CN, "http://127.0.0.1:9/v1", "", "moonshot-key"),
        (CN + "/", None, "", "moonshot-key"),
        ("HTTPS://API.MOONSHOT.CN/v1", None, "", "moonshot-key"),
        # the variable's value, spelled otherwise
        ("http://127.0.0.1:9/v1", "HTTP://127.0.0.1:9/v1/", "", "moonshot-key"),
        # another server keeps the key the config gives, as before
        ("http://127.0.0.1:9/v1", None, "", ""),
        ("https://api.moonshot.cn.evil.example/v1", None, "", ""),
        ("https://api.moonshot.cn/v2", None, "", ""),
    ],
)
def test_the_providers_key_goes_with_its_url_only(monkeypatch, api_base, variable, exact, spelled):
    settings = {"api_base": api_base, "api_key": ""}
    assert _settings_key(SETTINGS_CLIENT_EXACT, monkeypatch, settings, variable) == exact
    assert _settings_key(SETTINGS_CLIENT_AFTER, monkeypatch, settings, variable) == spelled
    given = settings | {"api_key": "own"}
    # no URL: apply's is the provider's, and a key given for OpenAI's URL is not sent there (t59g)
    own = "moonshot-key" if api_base is None else "own"
    assert _settings_key(SETTINGS_CLIENT_AFTER, monkeypatch, given, variable) == own


@pytest.mark.parametrize(
    ("url", "variable", "key"),
    [
        ("https://api.deepseek.com/v1", "http://127.0.0.1:9", "deepseek-key"),
        ("https://API.deepseek.com/", None, "deepseek-key"),
        ("http://127.0.0.1:9/v1", "http://127.0.0.1:9/v1/", "deepseek-key"),
        ("http://127.0.0.1:9/v1", None, None),
    ],
)
def test_the_callers_url_is_compared_the_same_way(monkeypatch, url, variable, key):
    monkeypatch.setenv("DEEPSEEK_API_KEY", "deepseek-key")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    if variable is None:
        monkeypatch.delenv("DEEPSEEK_BASE_URL", raising=False)
    else:
        monkeypatch.setenv("DEEPSEEK_BASE_URL", variable)
    namespace: dict = {"OpenAI": lambda **kw: kw}
    code = CALLER_URL_AFTER.replace("from openai import OpenAI\n", "")
    exec(compile(code, "llm.py", "exec"), namespace)
    assert namespace["make"](url=url)["api_key"] == key
    assert namespace["make"](api_key="own", url=url)["api_key"] == "own"


SENTINEL = "sk-openai-sentinel-0123456789"


def test_loopback_a_config_spelling_the_variables_url_otherwise_sends_the_providers_key(
    registry, tmp_path, monkeypatch
):
    """t60c D2: the config's URL is the server's (the loopback) with `api_key: null`, and
    DEEPSEEK_BASE_URL names the same server with an upper-case scheme and a trailing slash:
    the request carries DeepSeek's key (the exact comparison gave None, and the SDK sent
    OPENAI_API_KEY). A config naming another server with no key never gets DeepSeek's."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "main.py").write_text(CONFIG_CLIENT)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (project / "main.py").read_text() == CONFIG_CLIENT_AFTER
    provider, own = LoopbackServer().start(), LoopbackServer().start()
    guard = tmp_path / "guard"
    try:
        env = clean_env(registry) | {
            "OPENAI_API_KEY": SENTINEL,
            "DEEPSEEK_API_KEY": "deepseek-key",
            "DEEPSEEK_BASE_URL": provider.base.replace("http://", "HTTP://") + "/v1/",
        }
        env = network_guard.subprocess_env(env, guard)
        for server in (provider, own):
            config = tmp_path / f"{server.base.rsplit(':', 1)[1]}.json"
            config.write_text(
                json.dumps({"llm": {"base_url": server.base + "/v1", "api_key": None}})
            )
            proc = run_python(["main.py", config], cwd=project, env=env, timeout=60)
            assert proc.returncode == 0, proc.stderr
    finally:
        provider.stop()
        own.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert [(r.path, r.headers["authorization"], r.body["model"]) for r in provider.requests] == [
        ("/v1/chat/completions", "Bearer deepseek-key", "deepseek-flash")
    ]
    assert [r.headers["authorization"] for r in own.requests] == [f"Bearer {SENTINEL}"]


def test_loopback_a_config_keeping_the_providers_own_url_gets_its_key_where_the_variable_points(
    registry, tmp_path, monkeypatch
):
    """t60d D2 on the wire: DEEPSEEK_BASE_URL names another server (a second region, a test
    server) and DeepSeek's own URL is served by the loopback `provider` (the applied program's
    `https://api.deepseek.com` replaced by its address, nothing else changed). A config keeping
    DeepSeek's own URL, in any spelling its file lists (`/v1`, `/beta`), without a key sends
    DeepSeek's key there; the variable's server spelled otherwise gets it too; a config
    naming a server of its own gets the key it gives, or the SDK's OPENAI_API_KEY, never
    DeepSeek's."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "main.py").write_text(CONFIG_CLIENT)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (project / "main.py").read_text() == CONFIG_CLIENT_AFTER
    provider, second, own = (LoopbackServer().start() for _ in range(3))
    served = CONFIG_CLIENT_AFTER.replace("https://api.deepseek.com", provider.base)
    assert served.count(provider.base) == 5
    (project / "main.py").write_text(served)
    guard = tmp_path / "guard"
    configs = [
        (provider.base + "/v1", None),
        (provider.base.upper() + "/beta/", ""),
        (provider.base + "/", None),
        (second.base.replace("http://", "HTTP://") + "/v1/", None),
        (own.base + "/v1", None),
        (own.base + "/v1", "own-key"),
    ]
    try:
        env = clean_env(registry) | {
            "OPENAI_API_KEY": SENTINEL,
            "DEEPSEEK_API_KEY": "deepseek-key",
            "DEEPSEEK_BASE_URL": second.base + "/v1",
        }
        env = network_guard.subprocess_env(env, guard)
        for number, (url, key) in enumerate(configs):
            config = tmp_path / f"{number}.json"
            config.write_text(json.dumps({"llm": {"base_url": url, "api_key": key}}))
            proc = run_python(["main.py", config], cwd=project, env=env, timeout=60)
            assert proc.returncode == 0, proc.stderr
    finally:
        for server in (provider, second, own):
            server.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert [(r.path, r.headers["authorization"]) for r in provider.requests] == [
        ("/v1/chat/completions", "Bearer deepseek-key"),
        ("/beta/chat/completions", "Bearer deepseek-key"),
        ("/chat/completions", "Bearer deepseek-key"),
    ]
    assert [(r.path, r.headers["authorization"]) for r in second.requests] == [
        ("/v1/chat/completions", "Bearer deepseek-key")
    ]
    assert [(r.path, r.headers["authorization"]) for r in own.requests] == [
        ("/v1/chat/completions", f"Bearer {SENTINEL}"),
        ("/v1/chat/completions", "Bearer own-key"),
    ]
