"""Old langchain and openai<1 pins in a project reaching openai only through LangChain's
classes (ML504, `RunFacts.openai_sdk_unimported`).

t68c (ChemCrow's setup.py: `openai==0.27.8`, `langchain==0.0.275`, only `ChatOpenAI` built):
ML504 said "migrated code needs openai>=1 ... upgrade langchain to >=0.0.334" (two errors,
check exited 1), while apply's `openai_api_base=` rewrite ran on those pins; following the
advice broke the program elsewhere (`load_tools(["python_repl"])` moved out of langchain).
Only a v1 client apply writes, or LangChain's own OpenAIEmbeddings on a provider taking no
token ids (ML602 asks for langchain_openai's class, which needs openai>=1), needs the pins
moved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import IMPORTS_OPENAI_SDK, NAMES_V0_EMBEDDINGS, facts_of

SETUP = """from setuptools import setup

setup(name="demo", version="0.1", py_modules=["app"],
      install_requires=["openai==0.27.8", "langchain==0.0.275"])
"""
CHAT = """import os

from langchain.chat_models import ChatOpenAI
from langchain.schema import HumanMessage

llm = ChatOpenAI(model_name="gpt-4o-mini", openai_api_key=os.environ["OPENAI_API_KEY"])
print(llm([HumanMessage(content="hi")]).content)
"""
CHAT_AFTER = """import os

from langchain.chat_models import ChatOpenAI
from langchain.schema import HumanMessage

llm = ChatOpenAI(
    openai_api_base=os.environ.get(
        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
    ),
    tiktoken_model_name="gpt-4o-mini",
    model_name="qwen-plus",
    openai_api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),
)
print(llm([HumanMessage(content="hi")]).content)
"""
EMBEDDINGS = "from langchain.embeddings import OpenAIEmbeddings\n\nemb = OpenAIEmbeddings()\n"
SDK = "from openai import OpenAI\n\nreply = OpenAI().models.list()\n"
NOTE = (
    "openai==0.27.8 pins the pre-1.0 SDK, which langchain==0.0.275 (line 4) needs; no module "
    "of the project imports openai, and the langchain classes apply points at the provider "
    "take its base URL on these releases: nothing migrated needs openai>=1, so apply leaves "
    "both pins (to move to openai>=1 later: upgrade langchain to >=0.0.334 together with "
    "openai)"
)
NOTE_DATA = {
    "requirement": "openai==0.27.8",
    "framework_pins": ["langchain==0.0.275"],
    "openai_v1_needed": False,
}


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> None:
    (tmp_path / "setup.py").write_text(SETUP)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def ml504(command: str, rc: int, provider: str = "qwen") -> list[tuple[object, ...]]:
    result = CliRunner().invoke(app, [command, ".", "-p", provider, "--format", "json"])
    assert result.exit_code == rc, result.output
    return [
        (f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML504"
    ]


def test_chat_classes_alone_leave_the_pins_with_a_note(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, **{"app.py": CHAT})
    result = CliRunner().invoke(app, ["scan", ".", "-p", "qwen", "--format", "json"])
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "ML504"]
    assert [(f["line"], f["severity"], f["fix"], f["message"], f["data"]) for f in found] == [
        (4, "note", "none", NOTE, NOTE_DATA)
    ]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "setup.py").read_text() == SETUP
    assert (tmp_path / "app.py").read_text() == CHAT_AFTER
    assert ml504("check", 0) == []  # check lists no notes


def test_langchain_embeddings_on_a_provider_taking_no_token_ids_need_the_pins_moved(
    tmp_path, monkeypatch
):
    project(tmp_path, monkeypatch, **{"app.py": CHAT, "emb.py": EMBEDDINGS})
    blocks = (
        "the project's OpenAIEmbeddings needs langchain_openai's class for Alibaba Qwen (DashScope / Model "
        "Studio) (ML602: "
        "langchain's sends token ids), which needs openai>=1"
    )
    assert ml504("scan", 0) == [
        (
            4,
            "error",
            "manual",
            f"langchain==0.0.275 works only with openai<1 (openai==0.27.8 here); {blocks}: "
            "upgrade langchain to >=0.0.334 together with openai",
        ),
        (
            4,
            "error",
            "manual",
            f"openai==0.27.8 pins the pre-1.0 SDK; {blocks}, but langchain==0.0.275 (line 4) "
            "needs openai<1: upgrade langchain to >=0.0.334, then move both pins together",
        ),
    ]


def test_langchain_embeddings_on_a_provider_taking_token_ids_need_nothing(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, **{"app.py": CHAT, "emb.py": EMBEDDINGS})
    assert ml504("scan", 0, provider="openai") == [(4, "note", "none", NOTE)]


def test_a_module_importing_openai_still_needs_openai_1(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, **{"app.py": CHAT, "sdk.py": SDK})
    assert ml504("scan", 0) == [
        (
            4,
            "error",
            "manual",
            "langchain==0.0.275 works only with openai<1 (openai==0.27.8 here); migrated code "
            "needs openai>=1: upgrade langchain to >=0.0.334 together with openai",
        ),
        (
            4,
            "error",
            "manual",
            "openai==0.27.8 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "langchain==0.0.275 (line 4) needs openai<1: upgrade langchain to >=0.0.334, then "
            "move both pins together",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "bit", "found"),
    [
        ("import openai\n", IMPORTS_OPENAI_SDK, True),
        ("import os, openai\n", IMPORTS_OPENAI_SDK, True),
        ("from openai import OpenAI\n", IMPORTS_OPENAI_SDK, True),
        ("def f():\n    from openai.types import Model\n", IMPORTS_OPENAI_SDK, True),
        ("from langchain.chat_models import ChatOpenAI\n", IMPORTS_OPENAI_SDK, False),
        ("import openai_helpers\n", IMPORTS_OPENAI_SDK, False),
        ("from langchain.embeddings import OpenAIEmbeddings\n", NAMES_V0_EMBEDDINGS, True),
        ("import langchain\nlangchain.embeddings.OpenAIEmbeddings()\n", NAMES_V0_EMBEDDINGS, True),
        ("from langchain_openai import OpenAIEmbeddings\n", NAMES_V0_EMBEDDINGS, False),
    ],
)
def test_the_facts_read(text, bit, found):
    assert bool(facts_of("python", text.encode(), True, True, set()) & bit) is found
