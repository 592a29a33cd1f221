"""A class or client pointed at the provider by a `**mapping` that shows no key (t50, L2).

`kwargs.setdefault("base_url", <the provider's URL>)` alone before `ChatOpenAI(**kwargs)` (a
hand fix of ML601's kwargs fill, say) left the class reading OPENAI_API_KEY where the caller
passed no key: the OpenAI key went to the provider, and `check` was green. apply now writes the
key entry beside it, guarded as the kwargs fill writes it (`kwargs_fill.key_fill`)."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

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
from .test_e2e_app import HTTPX_ALIAS, clean_env

HEAD = 'import os\n\nfrom openai import OpenAI\n\nURL = "https://api.acme.example/v1"\n'


def migrate(registry, text: str, provider: str = "acme"):
    """(findings, text after apply); a second run finds nothing to edit, and where the first
    edited, nothing left for the client but a note."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    if after != text:
        assert [f.severity.value for f in again if f.rule in ("ML003", "ML601")] == ["note"]
    return found, after


def messages(found, rule: str):
    return [(f.severity.value, f.fix.value, f.message) for f in found if f.rule == rule]


def test_an_sdk_client_given_the_url_in_the_callers_kwargs_gets_the_key_too(registry):
    before = HEAD + (
        '\n\ndef make(**kwargs):\n    kwargs.setdefault("base_url", URL)\n'
        "    return OpenAI(**kwargs)\n"
    )
    found, after = migrate(registry, before)
    assert after == before.replace(
        "    return",
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        '        URL.rstrip("/").lower(),\n'
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = os.environ["ACME_API_KEY"]\n    return',
    )
    assert messages(found, "ML003") == [
        (
            "warning",
            "review",
            "OpenAI() already points at Acme Cloud, but takes its key from `**kwargs` or "
            "OPENAI_API_KEY: where `kwargs` holds none (or None), the OpenAI key would go to Acme Cloud; "
            'apply sets Acme Cloud\'s right before the call: if not kwargs.get("api_key") and '
            'str(kwargs["base_url"]).rstrip("/").lower() in (URL.rstrip("/").lower(), '
            '"https://api.acme.example/v1"): kwargs["api_key"] = os.environ["ACME_API_KEY"]',
        )
    ]


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ({}, "acme-key"),  # the function's own base URL: the provider's key
        ({"base_url": "http://127.0.0.1:9/v1"}, None),  # a caller's own host: none of it
        ({"base_url": "http://127.0.0.1:9/v1", "api_key": "own"}, "own"),
    ],
)
def test_the_key_written_goes_only_with_the_url_the_function_writes(
    registry, monkeypatch, given, key
):
    """The review of session 59: the key statement was not tied to the base URL, so a caller
    passing its own `base_url` and no key got the provider's key sent to its host. Tied to
    the URL the function writes (here a constant), which ACME_BASE_URL does not change."""
    before = HEAD + (
        '\n\ndef make(**kwargs):\n    kwargs.setdefault("base_url", URL)\n'
        "    return OpenAI(**kwargs)\n"
    )
    _, after = migrate(registry, before)
    monkeypatch.setenv("ACME_API_KEY", "acme-key")
    monkeypatch.setenv("ACME_BASE_URL", "http://proxy.invalid/v1")
    namespace: dict = {}
    exec(
        compile(after.replace("return OpenAI(**kwargs)", "return kwargs"), "app.py", "exec"),
        namespace,
    )
    assert namespace["make"](**given).get("api_key") == key


def test_at_import_the_key_is_read_so_that_an_unset_variable_does_not_raise(registry):
    before = HEAD + ('\nkw = {"timeout": 3}\nkw["base_url"] = URL\nclient = OpenAI(**kw)\n')
    _, after = migrate(registry, before)
    assert after == before.replace(
        "client =",
        'if not kw.get("api_key") and str(kw["base_url"]).rstrip("/").lower() in (\n'
        '    URL.rstrip("/").lower(),\n'
        '    "https://api.acme.example/v1",\n'
        "):\n"
        '    kw["api_key"] = os.environ.get("ACME_API_KEY", "unset")\n'
        "client =",
    )


def test_a_dict_built_in_the_function_gets_it_under_its_own_name(registry):
    before = (
        'import os\n\nfrom langchain_openai import ChatOpenAI\n\nURL = "https://api.acme.example/v1"\n'
        '\n\ndef make(**kwargs):\n    params = {**kwargs, "base_url": URL}\n'
        '    params["temperature"] = 0\n    return ChatOpenAI(**params)\n'
    )
    _, after = migrate(registry, before)
    assert after == before.replace(
        "    return",
        '    if not params.get("api_key") and str(params["base_url"]).rstrip("/").lower() in (\n'
        '        URL.rstrip("/").lower(),\n'
        '        "https://api.acme.example/v1",\n'
        "    ):\n"
        '        params["api_key"] = (\n'
        '            params.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]\n'
        "        )\n    return",
    )


def test_a_mapping_apply_cannot_write_is_left_to_a_person(registry):
    before = (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\nclass Bot:\n"
        "    def llm(self):\n"
        '        return ChatOpenAI(base_url=os.environ["ACME_BASE_URL"], **self.params)\n'
    )
    found, after = migrate(registry, before)
    assert after == before
    assert messages(found, "ML601") == [
        (
            "warning",
            "manual",
            "ChatOpenAI() (LangChain) already points at Acme Cloud, but takes its key from "
            "`**self.params` or OPENAI_API_KEY: where `self.params` holds none (or None), the "
            "OpenAI key would go to Acme Cloud; set it before the call, by hand: if not "
            'self.params.get("api_key"): self.params["api_key"] = '
            'self.params.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]',
        )
    ]


def test_a_key_entry_the_module_shows_is_judged_as_given(registry):
    before = (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n\ndef make(**kwargs):\n"
        '    kwargs["base_url"] = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '    kwargs["api_key"] = os.environ["ACME_API_KEY"]\n'
        "    return ChatOpenAI(**kwargs)\n"
    )
    found, after = migrate(registry, before)
    assert after == before
    assert messages(found, "ML601") == [
        ("note", "none", "ChatOpenAI() (LangChain) already points at Acme Cloud")
    ]


# a hand fix of gpt-researcher's factory that gave the base URL alone
FACTORY = """import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    kwargs.setdefault("base_url", os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"))
    return ChatOpenAI(model=model, **kwargs)
"""
MAIN = """import sys

from llm import get_llm

typed = sys.argv[1:]
if not typed:
    llm = get_llm("qwen-plus")
elif typed[0] == "-":  # a wrapper handing on the key it was given: none
    llm = get_llm("qwen-plus", api_key=None)
else:
    llm = get_llm("qwen-plus", api_key=typed[0])
print(llm.invoke("Say hello.").content)
"""
SENTINEL = "sk-openai-sentinel-0123456789"


@pytest.mark.frameworks
def test_the_openai_key_never_reaches_the_provider(registry, server, tmp_path, monkeypatch):
    """OPENAI_API_KEY set to a sentinel: as the factory was, the class sent it to the
    provider's URL; applied, it sends the provider's key, or the caller's, or stops with
    KeyError where neither is given. A caller passing `api_key=None` gives none: the class
    took None for no key and read OPENAI_API_KEY, which `"api_key" not in kwargs` let
    through."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "llm.py").write_text(FACTORY)
    (project / "main.py").write_text(MAIN)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        "        os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        )\n"
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://dashscope-us.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = (\n'
        '            kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]\n'
        "        )\n"
        "    return ChatOpenAI("
    ) in (project / "llm.py").read_text()
    check = CliRunner().invoke(app, ["check", ".", "--provider", "qwen"])
    assert check.exit_code == 0, check.stdout
    base = clean_env(registry) | {
        "OPENAI_API_KEY": SENTINEL,
        "DASHSCOPE_BASE_URL": server.base + "/v1",
    }
    guard = tmp_path / "guard"
    runs = [  # (provider variable set, key the caller passes, exit code)
        (False, None, 1),
        (False, "sk-typed", 0),
        (True, None, 0),
        (False, "-", 1),
        (True, "-", 0),  # the sentinel, before
    ]
    for variable, typed, code in runs:
        env = base | ({"DASHSCOPE_API_KEY": "env-key"} if variable else {})
        proc = subprocess.run(
            [sys.executable, "main.py", *([typed] if typed else [])],
            cwd=project,
            env=network_guard.subprocess_env(env, guard, HTTPX_ALIAS),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == code, proc.stderr[-3000:]
        if code:
            assert proc.stderr.rstrip().endswith("KeyError: 'DASHSCOPE_API_KEY'")
        else:
            assert proc.stdout.strip() == "reply from qwen-plus"
    assert network_guard.blocked_hosts(guard) == []
    assert [(urlsplit(r.path).path, r.headers["authorization"]) for r in server.requests] == [
        ("/v1/chat/completions", "Bearer sk-typed"),
        ("/v1/chat/completions", "Bearer env-key"),
        ("/v1/chat/completions", "Bearer env-key"),
    ]


SDK_FACTORY = """import os

from openai import OpenAI


def connect(**kwargs):
    kwargs.setdefault("base_url", os.environ.get("DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"))
    return OpenAI(**kwargs)
"""
SDK_MAIN = """from llm import connect

client = connect(api_key=None)
reply = client.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": "hi"}])
print(reply.choices[0].message.content)
"""


def test_a_client_handed_none_for_its_key_sends_the_providers(registry, tmp_path, monkeypatch):
    """The SDK client given `api_key=None` reads OPENAI_API_KEY, as given none: the guarded
    key entry apply writes is set then too."""
    project = tmp_path / "app"
    project.mkdir()
    (project / "llm.py").write_text(SDK_FACTORY)
    (project / "main.py").write_text(SDK_MAIN)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"])
    assert result.exit_code == 0, result.stderr
    assert (
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        "        os.environ.get(\n"
        '            "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "        )\n"
        '        .rstrip("/")\n'
        "        .lower(),\n"
        '        "https://dashscope.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://dashscope-us.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = os.environ["DASHSCOPE_API_KEY"]\n'
        "    return OpenAI(**kwargs)\n"
    ) in (project / "llm.py").read_text()
    server = LoopbackServer().start()
    try:
        env = clean_env(registry) | {
            "OPENAI_API_KEY": SENTINEL,
            "DASHSCOPE_API_KEY": "env-key",
            "DASHSCOPE_BASE_URL": server.base + "/v1",
        }
        guard = tmp_path / "guard"
        env = network_guard.subprocess_env(env, guard)
        proc = run_python(["main.py"], cwd=project, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
    finally:
        server.stop()
    assert network_guard.blocked_hosts(guard) == []
    assert [(r.headers["authorization"], r.body["model"]) for r in server.requests] == [
        ("Bearer env-key", "qwen-plus")
    ]


def test_a_dict_another_call_is_given_too_is_left_to_a_person(registry):
    """Set on a dict `other()` is given as well, the provider's key would go there too."""
    before = HEAD + ('\nkw = {"base_url": URL}\nclient = OpenAI(**kw)\nother = connect(**kw)\n')
    found, after = migrate(registry, before)
    assert after == before
    assert [f[:2] for f in messages(found, "ML003")] == [("warning", "manual")]
