"""apply's Next line covers the account ids LangChain's OpenAI classes send (t68c).

A LangChain `ChatOpenAI` apply points at the provider still reads OpenAI's organization id
where it is given none, from OPENAI_ORGANIZATION (LangChain 0.0.x) or OPENAI_ORG_ID
(langchain-openai, falling back on OPENAI_ORGANIZATION), and sends it as the
OpenAI-Organization header of every request, to the provider too. apply's step to unset such
variables covered SDK clients and OPENAI_ORG_ID / OPENAI_PROJECT_ID only; the loopback
server received `OpenAI-Organization: org-openai-123`. Now the step names the variables
LangChain's classes read (`frameworks.langchain.ACCOUNT_ENV_HEADERS`) where apply moved one;
the values are never shown."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from . import network_guard
from .loopback_server import LoopbackServer
from .test_e2e_app import HTTPX_ALIAS, clean_env

QWEN = "Alibaba Qwen (DashScope / Model Studio)"
OLD = """import os

from langchain.chat_models import ChatOpenAI
from langchain.schema import HumanMessage

llm = ChatOpenAI(model_name="gpt-4o-mini", openai_api_key=os.environ["OPENAI_API_KEY"])
print(llm([HumanMessage(content="hi")]).content)
"""
NEW = """from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini")
print(llm.invoke("hi").content)
"""
SDK = 'from openai import OpenAI\n\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n'
ORG = (
    "Unset OPENAI_ORGANIZATION where the program runs: this shell sets it, and LangChain's "
    f"OpenAI classes send it to {QWEN} as the OpenAI-Organization header of every request."
)


def _apply(tmp_path, monkeypatch, files: dict[str, str], env: dict[str, str]):
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes"], env=env)
    assert done.exit_code == 0, done.stderr
    return done


def test_apply_says_to_unset_langchains_organization_variable(tmp_path, monkeypatch):
    done = _apply(tmp_path, monkeypatch, {"app.py": OLD}, {"OPENAI_ORGANIZATION": "org-hidden"})
    assert done.stderr.rstrip().endswith(ORG)
    assert "org-hidden" not in done.stderr + done.stdout
    assert 'model_name="qwen-plus"' in (tmp_path / "app.py").read_text(encoding="utf-8")


def test_every_variable_langchain_openai_reads_is_named_once_per_header(tmp_path, monkeypatch):
    env = {"OPENAI_ORG_ID": "org-a", "OPENAI_ORGANIZATION": "org-b", "OPENAI_PROJECT_ID": "p"}
    done = _apply(tmp_path, monkeypatch, {"app.py": NEW}, env)
    assert done.stderr.rstrip().endswith(
        "Unset OPENAI_ORG_ID and OPENAI_ORGANIZATION and OPENAI_PROJECT_ID where the program "
        "runs: this shell sets them, and LangChain's OpenAI classes send them to "
        f"{QWEN} as the OpenAI-Organization and OpenAI-Project headers of every request."
    )


def test_an_sdk_client_alone_does_not_name_langchains_variable(tmp_path, monkeypatch):
    """The SDK's client reads OPENAI_ORG_ID, not OPENAI_ORGANIZATION."""
    done = _apply(tmp_path, monkeypatch, {"app.py": SDK}, {"OPENAI_ORGANIZATION": "org-b"})
    assert "OPENAI_ORGANIZATION" not in done.stderr
    both = {"OPENAI_ORGANIZATION": "org-b", "OPENAI_ORG_ID": "org-a"}
    done = _apply(tmp_path, monkeypatch, {"app.py": SDK, "lc.py": NEW}, both)
    assert done.stderr.rstrip().endswith(
        "Unset OPENAI_ORG_ID and OPENAI_ORGANIZATION where the program runs: this shell sets "
        "them, and the openai SDK's clients and LangChain's OpenAI classes send them to "
        f"{QWEN} as the OpenAI-Organization header of every request."
    )


def test_unset_or_empty_variables_are_not_named(tmp_path, monkeypatch):
    done = _apply(tmp_path, monkeypatch, {"app.py": OLD}, {"OPENAI_ORGANIZATION": ""})
    assert "Unset OPENAI" not in done.stderr


@pytest.mark.frameworks
@pytest.mark.skipif(
    importlib.util.find_spec("langchain_openai") is None, reason="needs langchain-openai"
)
def test_the_migrated_class_sends_the_organization_the_step_names(tmp_path, monkeypatch):
    """Why the step: the loopback server standing for DashScope gets the header."""
    done = _apply(tmp_path, monkeypatch, {"app.py": NEW}, {"OPENAI_ORGANIZATION": "org-o"})
    assert done.stderr.rstrip().endswith(ORG)
    registry = load_registry()
    provider = registry.get("qwen")
    server = LoopbackServer.for_provider(provider, key="k").start()
    try:
        env = clean_env(registry) | {
            provider.api_key_env: "k",
            provider.base_url_env: server.base + urlsplit(provider.base_url).path,
            "OPENAI_ORGANIZATION": "org-openai-123",
        }
        env = network_guard.subprocess_env(env, tmp_path / "guard", HTTPX_ALIAS)
        proc = subprocess.run(
            [sys.executable, "app.py"], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert [
            (r.body["model"], r.headers.get("openai-organization")) for r in server.requests
        ] == [("qwen-plus", "org-openai-123")]
    finally:
        server.stop()
