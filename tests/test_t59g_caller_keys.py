"""Trial t59g (langroid, provider deepseek): a client factory taking the key and the base URL
from its callers (`make_client(api_key, base_url=None)`) was given DeepSeek's URL where the
caller names none, but kept the key the caller passes, falling back to DeepSeek's only where
that key is empty. Callers there pass a key meant for OpenAI's URL: a placeholder, or
OPENAI_API_KEY read through settings, so OpenAI's key went to DeepSeek.

Exact finding, exact text on disk, `check`'s exit code, and the requests two loopback servers
receive (one stands in for DeepSeek, one for a server of the caller's own): the host and the
name of the key the Authorization header carries (never the key)."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_findings import invoke
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

DEEPSEEK = ["--provider", "deepseek", "--no-cache"]
URL = "https://api.deepseek.com"
DEEPSEEK_KEY = "dsk-loopback-0000"
OPENAI_KEY = "sk-openai-loopback-0000"
OWN_KEY = "own-loopback-0000"

FACTORY = """from openai import OpenAI


def make_client(api_key, base_url=None):
    return OpenAI(api_key=api_key, base_url=base_url)
"""
FACTORY_AFTER = f"""import os

from openai import OpenAI


def make_client(api_key, base_url=None):
    return OpenAI(
        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset")
        if not base_url
        else (
            api_key
            or (
                os.environ.get("DEEPSEEK_API_KEY", "unset")
                if str(base_url).rstrip("/").lower()
                in (
                    os.environ.get("DEEPSEEK_BASE_URL", "{URL}")
                    .rstrip("/")
                    .lower(),
                    "{URL}",
                    "{URL}/v1",
                    "{URL}/beta",
                )
                else api_key
            )
        ),
        base_url=base_url
        or os.environ.get("DEEPSEEK_BASE_URL", "{URL}"),
    )
"""
# a caller apply never sees (another package's), as langroid's examples pass their settings:
# the key is a placeholder or OPENAI_API_KEY, the base URL none unless CALLER_URL names one
CALLER = """import os

from factory import make_client

key = os.environ.get("CALLER_KEY") or os.environ.get("OPENAI_API_KEY") or "placeholder"
client = make_client(key, os.environ.get("CALLER_URL") or None)
reply = client.chat.completions.create(
    model="deepseek-chat", messages=[{"role": "user", "content": "hi"}]
)
print(reply.choices[0].message.content)
"""


def key_name(header: str | None) -> str:
    """Which key an Authorization header carries, by the name the test gave it."""
    return {
        f"Bearer {DEEPSEEK_KEY}": "DEEPSEEK_API_KEY",
        f"Bearer {OPENAI_KEY}": "OPENAI_API_KEY",
        f"Bearer {OWN_KEY}": "the caller's key",
        "Bearer placeholder": "the placeholder",
    }.get(header or "", "another")


def test_a_callers_key_never_goes_to_the_url_apply_adds(tmp_path):
    (tmp_path / "factory.py").write_text(FACTORY, encoding="utf-8")
    code, out = invoke("scan", str(tmp_path), *DEEPSEEK, "--format", "json")
    assert code == 0, out
    found = [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(out)["findings"]
    ]
    assert found == [
        (
            5,
            "ML003",
            "warning",
            "review",
            "OpenAI() takes its base URL from `base_url` at run time (OpenAI's when that is None) "
            "and its key from `api_key` (OPENAI_API_KEY when that is None); for DeepSeek it "
            f"falls back to DEEPSEEK_BASE_URL (default {URL}), its key DEEPSEEK_API_KEY where no "
            "URL is given, in place of `api_key` (given for OpenAI's URL, it must not go to "
            "DeepSeek's), and DEEPSEEK_API_KEY when `api_key` is empty where the URL given is "
            "DeepSeek's (its variable's value or its URL in any spelling); another server keeps "
            "the key the program gives it, which must "
            "be a DeepSeek key on DeepSeek's URL",
        )
    ]
    assert invoke("apply", str(tmp_path), *DEEPSEEK, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "factory.py").read_text(encoding="utf-8") == FACTORY_AFTER
    assert invoke("check", str(tmp_path), *DEEPSEEK)[0] == 0
    (tmp_path / "caller.py").write_text(CALLER, encoding="utf-8")

    deepseek, own = LoopbackServer().start(), LoopbackServer().start()

    def run(**given: str) -> list[tuple[str, str, str]]:
        env = {"DEEPSEEK_API_KEY": DEEPSEEK_KEY, "DEEPSEEK_BASE_URL": deepseek.base + "/v1"}
        proc, blocked = run_guarded("caller.py", tmp_path, {**env, **given})
        assert proc.returncode == 0, proc.stderr
        assert blocked == []
        seen = [
            (server, r.path, key_name(r.headers.get("authorization")))
            for server, found in (("deepseek", deepseek), ("own", own))
            for r in found.requests
        ]
        deepseek.requests.clear()
        own.requests.clear()
        return seen

    try:
        # OPENAI_API_KEY kept set, as apply's "still on OpenAI" line asks: DeepSeek's key there
        assert run(OPENAI_API_KEY=OPENAI_KEY) == [
            ("deepseek", "/v1/chat/completions", "DEEPSEEK_API_KEY")
        ]
        # a placeholder key: DeepSeek's key there too
        assert run() == [("deepseek", "/v1/chat/completions", "DEEPSEEK_API_KEY")]
        # the caller's own server with its own key: that key, there
        assert run(CALLER_URL=own.base + "/v1", CALLER_KEY=OWN_KEY) == [
            ("own", "/v1/chat/completions", "the caller's key")
        ]
        # the caller names DeepSeek's URL with a key of its own: that key goes with it
        assert run(CALLER_URL=deepseek.base + "/v1", CALLER_KEY=OWN_KEY) == [
            ("deepseek", "/v1/chat/completions", "the caller's key")
        ]
    finally:
        deepseek.stop()
        own.stop()


# --- langroid's configs: with no provider chosen, and behind `model or <enum>` ---------------

APP = """import langroid.language_models as lm
from langroid.agent.chat_agent import ChatAgent, ChatAgentConfig

cfg = lm.OpenAIGPTConfig(chat_model=lm.OpenAIChatModel.GPT4o, timeout=45)
print(ChatAgent(ChatAgentConfig(llm=cfg)).llm_response("hi").content)
"""
# langroid's examples/basic/chat.py picks its model so, in our words
CHOSEN = """import langroid.language_models as lm


def make(model: str = ""):
    return lm.OpenAIGPTConfig(chat_model=model or lm.OpenAIChatModel.GPT4o, timeout=45)
"""
CHOSEN_AFTER = f"""import os

import langroid.language_models as lm


def make(model: str = ""):
    return lm.OpenAIGPTConfig(
        api_base=os.environ.get("DEEPSEEK_BASE_URL", "{URL}"),
        api_key=os.environ["DEEPSEEK_API_KEY"],
        chat_model=model or "deepseek-v4-pro",
        timeout=45,
    )
"""


def rows(root: Path, *provider: str) -> list[tuple[int, str, str, str, str]]:
    code, out = invoke("scan", str(root), *provider, "--no-cache", "--format", "json")
    assert code == 0, out
    return [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(out)["findings"]
    ]


def test_scan_without_a_provider_says_a_langroid_config_talks_to_openai(tmp_path):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert rows(tmp_path) == [
        (
            4,
            "ML693",
            "error",
            "manual",
            "OpenAIGPTConfig(chat_model=OpenAIChatModel.GPT4o) is OpenAI's gpt-4o, and without "
            "api_base= langroid sends it to OpenAI with OPENAI_API_KEY; `migrate-llm apply "
            "--provider ID` points it at a provider",
        )
    ]
    assert [r[1:4] for r in rows(tmp_path, *DEEPSEEK)] == [("ML693", "error", "review")]


def test_a_model_the_program_may_choose_before_the_enum_is_mapped(tmp_path):
    (tmp_path / "app.py").write_text(CHOSEN, encoding="utf-8")
    assert rows(tmp_path, *DEEPSEEK) == [
        (
            5,
            "ML693",
            "error",
            "review",
            "OpenAIGPTConfig(chat_model=model or OpenAIChatModel.GPT4o) is OpenAI's gpt-4o where "
            "`model` is empty, and without api_base= langroid sends it to OpenAI with "
            'OPENAI_API_KEY; for DeepSeek apply passes chat_model=model or "deepseek-v4-pro" with '
            "DeepSeek's base URL and key (DEEPSEEK_BASE_URL, DEEPSEEK_API_KEY); a model `model` "
            "names goes there too: it must be one of DeepSeek's",
        )
    ]
    assert invoke("apply", str(tmp_path), *DEEPSEEK, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == CHOSEN_AFTER
    assert invoke("check", str(tmp_path), *DEEPSEEK)[0] == 0
