"""The key a `**kwargs` fill writes goes with the provider's base URL in any spelling
(review of session 59, finding 1).

The fill compared the caller's base URL with the provider's exactly: a caller passing
`https://api.deepseek.com/v1` (DeepSeek's documented OpenAI-style spelling; deepseek.toml's
base URL is `https://api.deepseek.com`) or the URL with a trailing slash got no key, and the
class read OPENAI_API_KEY and sent it to DeepSeek. Now both sides are compared without case and
trailing slash, against the URL the function writes and the spellings the provider's file
lists (`[base_url_aliases]`); a URL of any other host still gets none of the provider's key.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.errors import ProviderError
from migrate_llm.registry import parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_e2e_app import clean_env
from .test_providers import minimal

SDK_FACTORY = """import os

from openai import OpenAI


def connect(**kwargs):
    kwargs.setdefault("base_url", os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"))
    return OpenAI(**kwargs)
"""
SDK_FACTORY_AFTER = """import os

from openai import OpenAI


def connect(**kwargs):
    kwargs.setdefault("base_url", os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"))
    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (
        os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
        .rstrip("/")
        .lower(),
        "https://api.deepseek.com",
        "https://api.deepseek.com/v1",
        "https://api.deepseek.com/beta",
    ):
        kwargs["api_key"] = os.environ["DEEPSEEK_API_KEY"]
    return OpenAI(**kwargs)
"""
# the fill as the session before wrote it: the caller's URL compared exactly
SDK_FACTORY_EXACT = """import os

from openai import OpenAI


def connect(**kwargs):
    kwargs.setdefault("base_url", os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"))
    if not kwargs.get("api_key") and kwargs["base_url"] == os.environ.get(
        "DEEPSEEK_BASE_URL", "https://api.deepseek.com"
    ):
        kwargs["api_key"] = os.environ["DEEPSEEK_API_KEY"]
    return OpenAI(**kwargs)
"""
# ML601's fill of a LangChain class's `**kwargs` (the OPENAI_BASE_URL override replaced)
LANGCHAIN_FACTORY = """import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    if "base_url" not in kwargs and os.environ.get("OPENAI_BASE_URL"):
        kwargs["base_url"] = os.environ["OPENAI_BASE_URL"]
    return ChatOpenAI(model=model, **kwargs)
"""
LANGCHAIN_FACTORY_AFTER = """import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    if not kwargs.get("base_url"):
        kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(
            "DEEPSEEK_BASE_URL", "https://api.deepseek.com"
        )
    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (
        os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")
        .rstrip("/")
        .lower(),
        "https://api.deepseek.com",
        "https://api.deepseek.com/v1",
        "https://api.deepseek.com/beta",
    ):
        kwargs["api_key"] = (
            kwargs.pop("openai_api_key", None) or os.environ["DEEPSEEK_API_KEY"]
        )
    return ChatOpenAI(model=model, **kwargs)
"""


def migrate(registry, text: str, provider: str = "deepseek") -> str:
    """The text after apply; a second run edits nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    after, _ = migrate_text(text, "python", "llm.py", check_python(text, ctx, PYTHON_RULES))
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    assert migrate_text(after, "python", "llm.py", again)[0] == after
    return after


def test_the_sdk_clients_key_fill_lists_the_providers_spellings(registry):
    assert migrate(registry, SDK_FACTORY) == SDK_FACTORY_AFTER


def test_ml601s_fill_lists_them_too(registry):
    assert migrate(registry, LANGCHAIN_FACTORY) == LANGCHAIN_FACTORY_AFTER


def test_a_provider_listing_none_compares_its_url_and_read(registry):
    """Acme's file lists no other spelling: its URL and its variable's read, normalised."""
    before = SDK_FACTORY.replace("DEEPSEEK", "ACME").replace(
        "https://api.deepseek.com", "https://api.acme.example/v1"
    )
    assert migrate(registry, before, "acme") == before.replace(
        "    return",
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        '        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = os.environ["ACME_API_KEY"]\n'
        "    return",
    )


def _key_given(text: str, monkeypatch, **given) -> str | None:
    """The key the function `connect` of `text` hands the client for `given` (the function's
    own code run, the client left out), DEEPSEEK_BASE_URL unset."""
    monkeypatch.setenv("DEEPSEEK_API_KEY", "deepseek-key")
    monkeypatch.delenv("DEEPSEEK_BASE_URL", raising=False)
    namespace: dict = {}
    code = text.replace("from openai import OpenAI\n", "").replace("OpenAI(**kwargs)", "kwargs")
    exec(compile(code, "llm.py", "exec"), namespace)
    return namespace["connect"](**given).get("api_key")


@pytest.mark.parametrize(
    ("base_url", "exact", "spelled"),
    [
        (None, "deepseek-key", "deepseek-key"),
        ("https://api.deepseek.com", "deepseek-key", "deepseek-key"),
        # the same host and path, spelled otherwise: none of the key before, the class then
        # sent OPENAI_API_KEY to DeepSeek
        ("https://api.deepseek.com/", None, "deepseek-key"),
        ("HTTPS://API.DeepSeek.com", None, "deepseek-key"),
        ("https://api.deepseek.com/v1", None, "deepseek-key"),
        ("https://api.deepseek.com/v1/", None, "deepseek-key"),
        ("https://api.deepseek.com/beta", None, "deepseek-key"),
        # other hosts, or a path the file does not list: none, as before
        ("https://api.deepseek.com.evil.example/v1", None, None),
        ("https://api.deepseek.com@evil.example/v1", None, None),
        ("https://evil.example/https://api.deepseek.com", None, None),
        ("http://api.deepseek.com", None, None),
        ("https://api.deepseek.com/v2", None, None),
        ("http://127.0.0.1:9/v1", None, None),
    ],
)
def test_the_key_goes_with_any_spelling_of_the_providers_url_only(
    registry, monkeypatch, base_url, exact, spelled
):
    given = {} if base_url is None else {"base_url": base_url}
    assert _key_given(SDK_FACTORY_EXACT, monkeypatch, **given) == exact
    assert _key_given(SDK_FACTORY_AFTER, monkeypatch, **given) == spelled


def test_a_caller_passing_its_own_key_keeps_it(registry, monkeypatch):
    given = {"base_url": "https://api.deepseek.com/v1", "api_key": "own"}
    assert _key_given(SDK_FACTORY_AFTER, monkeypatch, **given) == "own"


@pytest.mark.parametrize(
    ("aliases", "error"),
    [
        (
            {"https://api.example.com/v1": ["https://api.example.com.evil.example/v1"]},
            r"is not another spelling on api\.example\.com",
        ),
        (
            {"https://api.example.com/v1": ["https://api.example.com/v1/"]},
            r"is not another spelling on api\.example\.com",
        ),
        ({"https://other.example.com/v1": ["https://other.example.com"]}, "is not base_url"),
        ({"https://api.example.com/v1": ["http://api.example.com/v1"]}, "expected an https://"),
        ({"https://api.example.com/v1": "https://api.example.com"}, "expected a list"),
    ],
)
def test_an_alias_must_be_another_spelling_on_the_same_host(aliases, error):
    with pytest.raises(ProviderError, match=rf"^x\.toml: base_url_aliases\..*{error}"):
        parse_provider(minimal(base_url_aliases=aliases), "x.toml", expected_id="x")


def test_an_alias_on_the_same_host_loads():
    aliases = {"https://api.example.com/v1": ["https://api.example.com"]}
    provider = parse_provider(minimal(base_url_aliases=aliases), "x.toml", expected_id="x")
    assert provider.base_url_spellings("https://api.example.com/v1") == (
        "https://api.example.com/v1",
        "https://api.example.com",
    )
    assert provider.base_url_spellings("https://elsewhere.example") == (
        "https://elsewhere.example",
    )


MAIN = """import sys

from llm import connect

client = connect(base_url=sys.argv[1])
reply = client.chat.completions.create(
    model="deepseek-flash", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""
SENTINEL = "sk-openai-sentinel-0123456789"


def test_loopback_the_providers_url_spelled_otherwise_gets_its_key(registry, tmp_path, monkeypatch):
    """Applied, the factory sends DeepSeek's key to DEEPSEEK_BASE_URL (the loopback server) as
    the caller spells it, with a trailing slash and an upper-case scheme; a caller's own
    server given no key gets OPENAI_API_KEY, as before, never DeepSeek's."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "llm.py").write_text(SDK_FACTORY)
    (project / "main.py").write_text(MAIN)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (project / "llm.py").read_text() == SDK_FACTORY_AFTER
    provider, own = LoopbackServer().start(), LoopbackServer().start()
    guard = tmp_path / "guard"
    try:
        env = clean_env(registry) | {
            "OPENAI_API_KEY": SENTINEL,
            "DEEPSEEK_API_KEY": "deepseek-key",
            "DEEPSEEK_BASE_URL": provider.base + "/v1",
        }
        env = network_guard.subprocess_env(env, guard)
        for url in (
            provider.base + "/v1/",
            provider.base.replace("http://", "HTTP://") + "/v1",
            own.base + "/v1",
        ):
            proc = run_python(["main.py", url], cwd=project, env=env, timeout=60)
            assert proc.returncode == 0, proc.stderr
    finally:
        provider.stop()
        own.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert [(r.headers["authorization"], r.body["model"]) for r in provider.requests] == [
        ("Bearer deepseek-key", "deepseek-flash"),
        ("Bearer deepseek-key", "deepseek-flash"),
    ]
    assert [r.headers["authorization"] for r in own.requests] == [f"Bearer {SENTINEL}"]
