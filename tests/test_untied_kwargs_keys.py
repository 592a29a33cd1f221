"""ML601 on a `**kwargs` fill an earlier migrate-llm (or a person) wrote before the key was
tied to the provider's base URL: `if not kwargs.get("api_key"): kwargs["api_key"] =
os.environ[KEY_VAR]` beside a base URL the caller may give (or one the function sets to
another host). A caller passing `base_url=os.environ.get("LLM_BASE_URL")` and no key sent the
provider's key there; apply rewrites the key's write to the tied form the fill writes today."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
# Qwen's other regions, sharing DASHSCOPE_API_KEY: the key fill takes them too (s63)
QWEN_REGIONS = (
    '"https://dashscope-intl.aliyuncs.com/compatible-mode/v1", '
    '"https://dashscope-us.aliyuncs.com/compatible-mode/v1", '
    '"https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1"'
)

# the fill as migrate-llm wrote it before the key was tied (t57a D2)
OLD_FILL = f"""import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    if not kwargs.get("base_url"):
        kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        )
    if not kwargs.get("api_key"):
        kwargs["api_key"] = kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]
    return ChatOpenAI(model=model, **kwargs)
"""
TIED = f"""import os

from langchain_openai import ChatOpenAI


def get_llm(model, **kwargs):
    if not kwargs.get("base_url"):
        kwargs["base_url"] = kwargs.pop("openai_api_base", None) or os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        )
    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (
        os.environ.get(
            "DASHSCOPE_BASE_URL", "{URL}"
        )
        .rstrip("/")
        .lower(),
        "{URL}",
        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
        "https://dashscope-us.aliyuncs.com/compatible-mode/v1",
        "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",
    ):
        kwargs["api_key"] = kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]
    return ChatOpenAI(model=model, **kwargs)
"""
CALLER = """import os

from provider import get_llm

llm = get_llm("qwen-plus", base_url=os.environ.get("LLM_BASE_URL"))
"""
MESSAGE = (
    "ChatOpenAI() (LangChain) gets Alibaba Qwen (DashScope / Model Studio)'s key from "
    "`kwargs` (line 11) whatever base URL the caller gives: a caller passing its own "
    "`base_url` and no key sends that key to its host; apply writes it only where `base_url` "
    'is Alibaba Qwen (DashScope / Model Studio)\'s: if not kwargs.get("api_key") and '
    'str(kwargs["base_url"]).rstrip("/").lower() in (os.environ.get("DASHSCOPE_BASE_URL", '
    f'"{URL}").rstrip("/").lower(), "{URL}", {QWEN_REGIONS}): kwargs["api_key"] '
    '= kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]'
)


def migrate(registry, text: str, provider: str = "qwen"):
    """(findings, text after apply); a second run finds nothing to edit and changes nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "provider.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    assert migrate_text(after, "python", "provider.py", again)[0] == after
    return found, after, again


def rows(found):
    return [(f.line, f.severity.value, f.fix.value) for f in found if f.rule == "ML601"]


def test_the_old_fill_is_tied_to_the_providers_url(registry):
    found, after, again = migrate(registry, OLD_FILL)
    assert rows(found) == [(13, "warning", "review")]
    assert [f.message for f in found if f.rule == "ML601"] == [MESSAGE]
    assert after == TIED
    assert [(f.line, f.severity.value, f.message) for f in again if f.rule == "ML601"] == [
        (
            23,
            "note",
            "ChatOpenAI() (LangChain) already points at Alibaba Qwen (DashScope / Model Studio)",
        )
    ]


HAND_FIXES = """import os

from langchain_openai import ChatOpenAI


def make_llm(**kwargs):
    kwargs.setdefault("base_url", os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))
    kwargs.setdefault("api_key", os.environ["ACME_API_KEY"])
    return ChatOpenAI(**kwargs)


def routed(**kwargs):
    kwargs["base_url"] = os.environ.get("LLM_BASE_URL")
    if "api_key" not in kwargs:
        kwargs["api_key"] = os.environ["ACME_API_KEY"]
    return ChatOpenAI(**kwargs)


def pinned(**kwargs):
    kwargs["base_url"] = os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")
    if not kwargs.get("api_key"):
        kwargs["api_key"] = os.environ["ACME_API_KEY"]
    return ChatOpenAI(**kwargs)
"""
TIED_LINES = """    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (
        os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")
        .rstrip("/")
        .lower(),
        "https://api.acme.example/v1",
    ):
        kwargs["api_key"] = (
            kwargs.pop("openai_api_key", None) or os.environ["ACME_API_KEY"]
        )
"""
HAND_FIXES_AFTER = HAND_FIXES.replace(
    '    kwargs.setdefault("api_key", os.environ["ACME_API_KEY"])\n', TIED_LINES
).replace(
    '    if "api_key" not in kwargs:\n        kwargs["api_key"] = os.environ["ACME_API_KEY"]\n',
    TIED_LINES,
)


def test_a_url_written_as_a_constant_is_compared_as_written(registry, monkeypatch):
    """A base URL the function writes from a constant is compared with that constant, not with
    the provider's variable: DASHSCOPE_BASE_URL set to a proxy leaves the constant as it is,
    and the key must still go with it (compared with the variable, none would: the class would
    send OPENAI_API_KEY to DashScope)."""
    before = (
        'import os\n\nfrom langchain_openai import ChatOpenAI\n\nBASE = "{URL}"\n\n\n'
        "def get_llm(model, **kwargs):\n"
        '    kwargs.setdefault("base_url", BASE)\n'
        '    kwargs.setdefault("api_key", os.environ["DASHSCOPE_API_KEY"])\n'
        "    return ChatOpenAI(model=model, **kwargs)\n"
    ).replace("{URL}", URL)
    _, after, _ = migrate(registry, before)
    assert after == before.replace(
        '    kwargs.setdefault("api_key", os.environ["DASHSCOPE_API_KEY"])\n',
        '    if not kwargs.get("api_key") and str(kwargs["base_url"]).rstrip("/").lower() in (\n'
        '        BASE.rstrip("/").lower(),\n'
        f'        "{URL}",\n'
        '        "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://dashscope-us.aliyuncs.com/compatible-mode/v1",\n'
        '        "https://cn-hongkong.dashscope.aliyuncs.com/compatible-mode/v1",\n'
        "    ):\n"
        '        kwargs["api_key"] = (\n'
        '            kwargs.pop("openai_api_key", None) or os.environ["DASHSCOPE_API_KEY"]\n'
        "        )\n",
    )
    monkeypatch.setenv("DASHSCOPE_API_KEY", "qwen-key")
    monkeypatch.setenv("DASHSCOPE_BASE_URL", "http://proxy.invalid/v1")
    namespace: dict = {}
    # the function's own code, the class left out: the mapping it would be given
    run = after.replace("from langchain_openai import ChatOpenAI\n", "")
    exec(
        compile(run.replace("ChatOpenAI(model=model, **kwargs)", "kwargs"), "p.py", "exec"),
        namespace,
    )
    assert namespace["get_llm"]("qwen-plus")["api_key"] == "qwen-key"
    assert "api_key" not in namespace["get_llm"]("qwen-plus", base_url="http://127.0.0.1:9/v1")


def test_hand_forms_a_caller_or_another_host_may_point_elsewhere(registry):
    """`setdefault` of both, and a key under `"api_key" not in kwargs` with the base URL set
    to another host (an error before, for that URL), are tied; a base URL the function sets
    to the provider's is left."""
    found, after, again = migrate(registry, HAND_FIXES, "acme")
    assert rows(found) == [
        (9, "warning", "review"),
        (16, "warning", "review"),
        (23, "note", "none"),
    ]
    assert [f.data["key_line"] for f in found if f.rule == "ML601" and f.edit] == [8, 14]
    assert after == HAND_FIXES_AFTER
    # the base URL set at run time stays an error once the key is tied (check stays red)
    assert rows(again) == [(17, "note", "none"), (31, "error", "manual"), (38, "note", "none")]
    assert next(f.message for f in again if f.line == 31).startswith(
        "ChatOpenAI() (LangChain) takes its base URL from environment variable LLM_BASE_URL "
        "at run time"
    )


def test_findings_json_and_check_until_tied(tmp_path, monkeypatch):
    (tmp_path / "provider.py").write_text(OLD_FILL)
    (tmp_path / "app.py").write_text(CALLER)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        app, ["scan", ".", "--provider", "qwen", "--format", "json", "--no-cache"]
    )
    found = json.loads(result.stdout)["findings"]
    assert [
        (f["rule"], f["path"], f["line"], f["severity"], f["fix"], f["message"])
        for f in found
        if f["severity"] != "note"
    ] == [("ML601", "provider.py", 13, "warning", "review", MESSAGE)]
    [ml601] = [f for f in found if f["rule"] == "ML601"]
    assert ml601["data"] == {
        "framework": "langchain",
        "class": "ChatOpenAI",
        "mapping": "kwargs",
        "key_line": 11,
        "api_key_env": "DASHSCOPE_API_KEY",
        "base_url_env": "DASHSCOPE_BASE_URL",
    }
    check = ["check", ".", "--provider", "qwen", "--no-cache"]
    assert runner.invoke(app, check).exit_code == 1
    apply = ["apply", ".", "--provider", "qwen", "--yes", "--no-cache"]
    assert runner.invoke(app, apply).exit_code == 0
    assert (tmp_path / "provider.py").read_text() == TIED
    assert (tmp_path / "app.py").read_text() == CALLER
    assert runner.invoke(app, apply).exit_code == 0
    assert (tmp_path / "provider.py").read_bytes() == TIED.encode()
    assert runner.invoke(app, check).exit_code == 0


RUN = """import os

from provider import get_llm

print(get_llm("qwen-plus", base_url=os.environ.get("LLM_BASE_URL")).invoke("Hi.").content)
print(get_llm("qwen-plus").invoke("Hi.").content)
"""


@pytest.mark.frameworks
def test_a_callers_own_host_gets_no_provider_key_once_tied(tmp_path, monkeypatch):
    """Before: DashScope's key went to the caller's LLM_BASE_URL host; tied, that host gets
    what the class reads without a key (OPENAI_API_KEY), the provider its own key."""
    (tmp_path / "provider.py").write_text(OLD_FILL)
    (tmp_path / "run.py").write_text(RUN)
    keys = {"Bearer dash-test": "DASHSCOPE_API_KEY", "Bearer openai-test": "OPENAI_API_KEY"}

    def sent() -> list[tuple[str, str, str]]:
        own, provider = LoopbackServer().start(), LoopbackServer().start()
        try:
            env = {
                "LLM_BASE_URL": own.base + "/v1",
                "DASHSCOPE_BASE_URL": provider.base + "/v1",
                "DASHSCOPE_API_KEY": "dash-test",
                "OPENAI_API_KEY": "openai-test",
            }
            proc, blocked = run_guarded("run.py", tmp_path, env)
            assert proc.returncode == 0, proc.stderr[-3000:]
            assert blocked == []
            return [
                (host, r.path, keys[r.headers["authorization"]])
                for host, server in (("own", own), ("provider", provider))
                for r in server.requests
            ]
        finally:
            own.stop()
            provider.stop()

    assert sent() == [
        ("own", "/v1/chat/completions", "DASHSCOPE_API_KEY"),
        ("provider", "/v1/chat/completions", "DASHSCOPE_API_KEY"),
    ]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes", "--no-cache"])
    assert result.exit_code == 0
    assert (tmp_path / "provider.py").read_text() == TIED
    assert sent() == [
        ("own", "/v1/chat/completions", "OPENAI_API_KEY"),
        ("provider", "/v1/chat/completions", "DASHSCOPE_API_KEY"),
    ]


NESTED = """import os

from langchain_openai import ChatOpenAI


def outer(flag, **kwargs):
    kwargs.setdefault("base_url", os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"))
    kwargs.setdefault("api_key", os.environ["ACME_API_KEY"])
    if flag:
        return ChatOpenAI(**kwargs)
    return ChatOpenAI(model="m", **kwargs)
"""


def test_a_fill_in_a_block_around_the_calls_is_tied_once(registry):
    """The fill runs before each class, one nested in an `if`: both are reported, with the
    same edit, made once."""
    found, after, again = migrate(registry, NESTED, "acme")
    assert rows(found) == [(10, "warning", "review"), (11, "warning", "review")]
    assert [f.data["key_line"] for f in found if f.rule == "ML601"] == [8, 8]
    assert after == NESTED.replace(
        '    kwargs.setdefault("api_key", os.environ["ACME_API_KEY"])\n', TIED_LINES
    )
    assert rows(again) == [(18, "note", "none"), (19, "note", "none")]
