"""An old langchain pin beside an openai 1.x requirement of the same file (ML504,
`frameworks.pins.OPENAI_V0_CLASSES`).

t63b (OpenBMB/AgentVerse: `openai==1.1.0`, `langchain==0.0.157`, only `BaseTool` used): ML504
said the langchain pin keeps openai<1 (error), and apply exited 1 with "Needs openai>=1, which
the project's requirements keep below 1 ... this code fails at import", while with exactly
those pins the migrated program imported and sent its request. langchain 0.0.157 reaches
openai only inside its OpenAI classes: beside openai 1.x nothing holds openai back; the pin is
a note where no module names one of those classes, a warning where one does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.rules.dependency_pin import keeps_openai_0, requires_openai_1
from migrate_llm.run_facts import NAMES_V0_CLASS, facts_of

TOOL = """from langchain.tools import BaseTool
from openai import OpenAI


class Echo(BaseTool):
    name = "echo"
    description = "repeats its input"

    def _run(self, text):
        return text


reply = OpenAI().chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": Echo().run("hi")}]
)
print(reply.choices[0].message.content)
"""
PINS = "openai==1.1.0\nlangchain==0.0.157\n"
CLASSES = (
    "ChatOpenAI, AzureChatOpenAI, OpenAI, AzureOpenAI, OpenAIChat, GooseAI, OpenAIEmbeddings, "
    "OpenAIModerationChain"
)
HEAD = (
    f"langchain==0.0.157 reaches openai<1's API in its OpenAI classes ({CLASSES}), which fail "
    "under the openai 1.x the file requires (openai==1.1.0)"
)
DATA = {
    "framework": "langchain",
    "requirement": "langchain==0.0.157",
    "first_openai_v1": "0.0.334",
    "openai_requirement": "openai==1.1.0",
}


def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)


def ml504(command: str, rc: int) -> list[tuple[object, ...]]:
    result = CliRunner().invoke(app, [command, ".", "-p", "qwen", "--format", "json"])
    assert result.exit_code == rc, result.output
    return [
        (f["line"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML504"
    ]


def requirements(text: str) -> ConfigDocument:
    return ConfigDocument.read("requirements.txt", "requirements", text)


def test_an_openai_1x_requirement_is_not_held_back_by_langchain():
    assert requires_openai_1(requirements(PINS)) == "openai==1.1.0"
    assert not keeps_openai_0(requirements(PINS))
    # openai<1 beside it, or no openai requirement: langchain still holds it
    assert requires_openai_1(requirements("openai==0.28.1\nlangchain==0.0.157\n")) is None
    assert keeps_openai_0(requirements("openai==0.28.1\nlangchain==0.0.157\n"))
    assert keeps_openai_0(requirements("langchain==0.0.157\n"))
    # another framework's pin is not one of OPENAI_V0_CLASSES: it still holds openai back
    assert keeps_openai_0(requirements("openai==1.1.0\nllama-index==0.8.40\n"))


def test_a_module_naming_an_openai_class_of_langchain_is_told():
    bit = NAMES_V0_CLASS["langchain"]

    def named(text: str) -> bool:
        return bool(facts_of("python", text.encode(), True, True, set()) & bit)

    assert named("from langchain.llms import OpenAI\n")
    assert named("from langchain.chat_models import (\n    ChatOpenAI,\n)\n")
    assert named("import langchain\nllm = langchain.llms.OpenAI()\n")
    assert not named(TOOL)  # openai's own OpenAI, langchain's BaseTool
    assert not named("from langchain.llms import OpenAIish\n")


def test_an_unused_class_is_a_note_and_apply_exits_0(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, **{"main.py": TOOL, "requirements.txt": PINS})
    note = (
        f"{HEAD}; no module of the project names one nor a name building one by default "
        "(frameworks/pins.py), and the rest of langchain runs beside it: it matters only where "
        "one is built, then upgrade langchain to >=0.0.334"
    )
    assert ml504("scan", 0) == [(2, "note", "none", note, DATA)]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0, result.output
    assert "Needs openai>=1" not in result.output
    assert (tmp_path / "requirements.txt").read_text() == PINS
    assert ml504("check", 0) == []  # check lists no notes


def test_a_used_class_is_a_warning(tmp_path, monkeypatch):
    chain = "from langchain.chat_models import ChatOpenAI\n\nllm = ChatOpenAI()\n"
    project(tmp_path, monkeypatch, **{"main.py": TOOL, "chain.py": chain, "requirements.txt": PINS})
    ((line, severity, fix, message, data),) = ml504("scan", 0)
    assert (line, severity, fix, data) == (2, "warning", "manual", DATA)
    assert message.startswith(f"{HEAD}: upgrade langchain to >=0.0.334; its ChatOpenAI takes ")


# t63 review l1: langchain 0.0.157's VectorstoreIndexCreator builds OpenAIEmbeddings where it is
# given none (`Field(default_factory=OpenAIEmbeddings)`): a module naming no class still
# reaches openai<1's API and OpenAI's server
INDEX = """from langchain.document_loaders import TextLoader
from langchain.indexes import VectorstoreIndexCreator

index = VectorstoreIndexCreator().from_loaders([TextLoader("doc.txt")])
"""
BUILDERS = (
    "VectorstoreIndexCreator, VectorStoreIndexWrapper, VectorStoreToolkit, "
    "VectorStoreRouterToolkit, VectorStoreQATool, VectorStoreQAWithSourcesTool, "
    "RequestsGetToolWithParsing, RequestsPostToolWithParsing, RequestsPatchToolWithParsing, "
    "RequestsDeleteToolWithParsing, NatBotChain"
)


def test_a_name_building_an_openai_class_by_default_is_told():
    bit = NAMES_V0_CLASS["langchain"]

    def named(text: str) -> bool:
        return bool(facts_of("python", text.encode(), True, True, set()) & bit)

    assert named(INDEX)
    assert named("from langchain.agents.agent_toolkits import (\n    VectorStoreToolkit,\n)\n")
    assert named("import langchain\nc = langchain.chains.NatBotChain.from_default('x')\n")
    assert not named("from langchain.indexes import GraphIndexCreator\n")


def test_a_default_built_class_keeps_check_red(tmp_path, monkeypatch):
    pins = "langchain==0.0.157\nopenai==1.1.0\n"
    project(tmp_path, monkeypatch, **{"app.py": INDEX, "requirements.txt": pins})
    warning = (
        f"{HEAD}: upgrade langchain to >=0.0.334; its ChatOpenAI takes no openai_api_base: a "
        "base URL given there is dropped and requests go to OpenAI with the provider's key "
        f"(apply leaves it to you, ML601); {BUILDERS} build one where the code gives none, "
        "which sends its requests to OpenAI (api.openai.com, with OPENAI_API_KEY): pass them "
        "an llm= (VectorstoreIndexCreator an embedding=, the Requests*ToolWithParsing an "
        "llm_chain= on one; NatBotChain one built on it, not from_default) built on a class "
        "pointed at the provider, by hand"
    )
    assert ml504("scan", 0) == [(1, "warning", "manual", warning, DATA)]
    result = CliRunner().invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app.py").read_bytes() == INDEX.encode()
    assert (tmp_path / "requirements.txt").read_bytes() == pins.encode()
    # before, a note: apply and check exited 0 on a program still calling OpenAI
    assert ml504("check", 1) == [(1, "warning", "manual", warning, DATA)]
