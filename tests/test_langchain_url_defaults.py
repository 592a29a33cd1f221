"""OpenAI's URL as the fallback of LangChain's helpers reading a base-URL variable
(`get_from_env("openai_api_base", "OPENAI_API_BASE", default=URL)`, `get_from_dict_or_env(...,
URL)`) beside a key read apply leaves OpenAI's (s59). ML402 replaced that URL with the
provider's while ML401 left both reads: with OPENAI_API_BASE unset, OpenAI's key went to the
provider. The URL now stays with them (manual), as it does for `os.getenv(NAME, URL)`.

Exact findings of the JSON report, bytes on disk after `apply`, `check`'s exit code, and what a
loopback server standing in for the provider receives (marker `frameworks`: the program imports
langchain_core)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_findings import invoke
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

URL = "https://api.openai.com/v1"
OPENAI_KEY = "openai-loopback-0000"
PROVIDER_KEY = "provider-loopback-0000"

APP = """import openai
from langchain_core.utils import get_from_dict_or_env, get_from_env


def build(values):
    key = get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")
    base = get_from_env("openai_api_base", "OPENAI_API_BASE", default="https://api.openai.com/v1")
    return openai.OpenAI(api_key=key, base_url=base)
"""

# the URL as the positional fallback of `get_from_dict_or_env`, both reads given to the client
POSITIONAL = f"""import openai
from langchain_core.utils import get_from_dict_or_env


def build(values):
    return openai.OpenAI(
        api_key=get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY"),
        base_url=get_from_dict_or_env(values, "openai_api_base", "OPENAI_API_BASE", "{URL}"),
    )
"""

# a validator serving whatever server its caller names (Langchain-Chatchat's shape)
VALIDATOR = """from langchain_core.utils import get_from_dict_or_env


def validate(values):
    values["openai_api_key"] = get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_KEY")
    values["openai_api_base"] = get_from_dict_or_env(
        values, "openai_api_base", "OPENAI_API_BASE", default="https://api.openai.com/v1"
    )
    return values
"""

RUN = """from app import build

client = build({})
reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
print(reply.choices[0].message.content)
"""

PROVIDERS = {
    "qwen": ("Alibaba Qwen (DashScope / Model Studio)", "DASHSCOPE"),
    "deepseek": ("DeepSeek", "DEEPSEEK"),
}


def report(root: Path, provider: str) -> list[tuple[int, int, str, str, str, str]]:
    code, out = invoke("scan", str(root), "--provider", provider, "--no-cache", "--format", "json")
    assert code == 0, out
    return [
        (f["line"], f["column"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(out)["findings"]
        if f["rule"] in ("ML401", "ML402")
    ]


def applied(root: Path, provider: str) -> None:
    """`apply --yes`, then `check`: red, the reads being left to a person."""
    args = ("--provider", provider, "--no-cache")
    assert invoke("apply", str(root), *args, "--yes", "--allow-dirty")[0] == 0
    assert invoke("check", str(root), *args)[0] == 1


def _left(name: str, prefix: str, line: int, key: str) -> str:
    return (
        f"not switched: it is the base URL of openai.OpenAI() on line {line}, whose key "
        f"(`{key}`) apply leaves OpenAI's: switched, it would send that key to {name}; point "
        f"both at {name} (the key from {prefix}_API_KEY) together, by hand"
    )


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_the_url_fallback_of_get_from_env_stays_with_the_key(tmp_path, provider):
    name, prefix = PROVIDERS[provider]
    (tmp_path / "app.py").write_text(APP)
    left = _left(name, prefix, 8, "key")
    assert report(tmp_path, provider) == [
        (
            6,
            11,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to openai.OpenAI() on line 8, a client whose base "
            f"URL is chosen at run time (OpenAI's when none is given): given {name}'s key "
            f"({prefix}_API_KEY) it could send that key to OpenAI; make sure the client gets "
            f"{name}'s base URL, then read {prefix}_API_KEY, by hand",
        ),
        (7, 12, "ML401", "warning", "manual", f"reads OPENAI_API_BASE; {left}"),
        (7, 71, "ML402", "warning", "manual", f"hard-coded OpenAI URL {URL}; {left}"),
    ]
    applied(tmp_path, provider)
    assert (tmp_path / "app.py").read_text() == APP


def test_a_positional_url_fallback_stays_with_the_key(tmp_path):
    (tmp_path / "app.py").write_text(POSITIONAL)
    name, prefix = PROVIDERS["qwen"]
    key = 'get_from_dict_or_env(values, "openai_api_key", "OPENAI_API_…'
    left = _left(name, prefix, 6, key)
    assert [f for f in report(tmp_path, "qwen") if f[2] == "ML402"] == [
        (8, 85, "ML402", "warning", "manual", f"hard-coded OpenAI URL {URL}; {left}")
    ]
    applied(tmp_path, "qwen")
    assert (tmp_path / "app.py").read_text() == POSITIONAL


def test_the_url_fallback_of_a_validator_for_any_server_stays(tmp_path):
    (tmp_path / "embeddings.py").write_text(VALIDATOR)
    name = PROVIDERS["qwen"][0]
    assert [f for f in report(tmp_path, "qwen") if f[2] == "ML402"] == [
        (
            7,
            63,
            "ML402",
            "warning",
            "manual",
            f"hard-coded OpenAI URL {URL}; not switched: it is the fallback of the read of "
            "OPENAI_API_BASE, which goes with OPENAI_API_KEY (named on line 5), each the fallback "
            "of a setting the caller gives, so the code serves whatever server its caller names, "
            "and ML401 leaves both: switched, the key a caller gives with no URL (or "
            f"OPENAI_API_KEY) would go to {name}; leave both, and give the callers meant for "
            f"{name} its base URL and key (from DASHSCOPE_API_KEY) together",
        )
    ]
    applied(tmp_path, "qwen")
    assert (tmp_path / "embeddings.py").read_text() == VALIDATOR


@pytest.mark.frameworks
@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_openais_key_never_reaches_the_provider(tmp_path, provider):
    """Run after apply with OpenAI's key and the provider's both set, the provider's base-URL
    variable naming the loopback server: the client still goes to OpenAI's host (refused by
    the guard) with OpenAI's key, and the server standing in for the provider gets nothing."""
    pytest.importorskip("langchain_core")
    prefix = PROVIDERS[provider][1]
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "run.py").write_text(RUN)
    applied(tmp_path, provider)
    server = LoopbackServer().start()
    try:
        env = {
            "OPENAI_API_KEY": OPENAI_KEY,
            f"{prefix}_API_KEY": PROVIDER_KEY,
            f"{prefix}_BASE_URL": server.base + "/v1",
        }
        proc, blocked = run_guarded("run.py", tmp_path, env)
        assert proc.returncode == 1 and "APIConnectionError" in proc.stderr
        assert set(blocked) == {"api.openai.com"}
        assert server.requests == []
    finally:
        server.stop()
