"""A plain LangChain OpenAI class built for Azure OpenAI is left on Azure (ML601, t64e:
RealChar's `OpenAIEmbeddings(deployment=..., chunk_size=1)` under `if
os.getenv("OPENAI_API_TYPE") == "azure":`, moved to Zhipu with `deployment=`, sent Azure's
deployment paths there and got a 401), with the key it is given; the other branch moves."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

from .framework_rewrites import file_findings

EMB = (
    "import os\n"
    "from langchain.embeddings import OpenAIEmbeddings\n\n\n"
    "def embedder():\n"
    '    key = os.getenv("OPENAI_API_KEY")\n'
    '    if os.getenv("OPENAI_API_TYPE") == "azure":\n'
    '        return OpenAIEmbeddings(openai_api_key=key, deployment="ada-002", chunk_size=1)\n'
    "    return OpenAIEmbeddings(openai_api_key=key)\n"
)
APPLIED = (
    "import os\n"
    "from langchain.embeddings import OpenAIEmbeddings\n\n\n"
    "def embedder():\n"
    '    key = os.getenv("OPENAI_API_KEY")\n'
    '    if os.getenv("OPENAI_API_TYPE") == "azure":\n'
    '        return OpenAIEmbeddings(openai_api_key=key, deployment="ada-002", chunk_size=1)\n'
    "    return OpenAIEmbeddings(\n"
    "        openai_api_base=os.environ.get(\n"
    '            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
    "        ),\n"
    '        model="embedding-3",\n'
    '        tiktoken_model_name="text-embedding-ada-002",\n'
    "        chunk_size=64,\n"
    '        openai_api_key=os.environ["ZAI_API_KEY"],\n'
    "    )\n"
)
LEFT = (
    "OpenAIEmbeddings() (LangChain) is built for Azure OpenAI ({why}): LangChain and openai<1 "
    "read OPENAI_API_TYPE from the environment themselves, and with an Azure type send Azure's "
    "deployment paths, so pointed at Zhipu AI (GLM) it would fail there; apply leaves it on "
    "Azure OpenAI (with its key); to move it to Zhipu AI (GLM), build it without the Azure "
    "settings (or drop that branch), by hand"
)


def test_the_azure_branch_stays_the_other_moves(tmp_path, monkeypatch):
    path = tmp_path / "emb.py"
    path.write_bytes(EMB.encode())
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", "-p", "zhipu", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert path.read_bytes() == APPLIED.encode()
    checked = CliRunner().invoke(app, ["check", "-p", "zhipu", "--format", "json"])
    assert checked.exit_code == 1
    found = {(f["rule"], f["line"]): f for f in json.loads(checked.stdout)["findings"]}
    azure = found[("ML601", 8)]
    assert (azure["fix"], azure["severity"], azure["message"], azure["data"]) == (
        "manual",
        "error",
        LEFT.format(why="deployment="),
        {"framework": "langchain", "class": "OpenAIEmbeddings", "azure": "deployment="},
    )
    key = found[("ML401", 6)]
    assert (key["fix"], key["message"]) == (
        "manual",
        "reads OPENAI_API_KEY, which goes to OpenAIEmbeddings() on line 8, which stays on Azure "
        "OpenAI (apply leaves it, see its finding): given Zhipu AI (GLM)'s key (ZAI_API_KEY) it "
        "would send that key to Azure; point that call at Zhipu AI (GLM), then read ZAI_API_KEY, "
        "by hand",
    )
    # neither the vector width nor the token ids of a class left on Azure
    assert ("ML114", 8) not in found and ("ML602", 8) not in found


def test_a_name_bound_to_the_type_counts(registry):
    text = (
        "import os\n\nfrom langchain_openai import ChatOpenAI\n\n"
        'API_TYPE = os.environ.get("OPENAI_API_TYPE", "open_ai")\n\n\n'
        "def chat():\n"
        '    if API_TYPE in ("azure", "azure_ad"):\n'
        '        return ChatOpenAI(model="gpt-4o")\n'
    )
    found = [f for f in file_findings(registry, text, "zhipu") if f[0] == "ML601"]
    why = 'built under `if API_TYPE in ("azure", "azure_ad")`'
    assert found == [
        ("ML601", 10, 16, LEFT.replace("OpenAIEmbeddings", "ChatOpenAI").format(why=why))
    ]


def test_langchain_openais_deployment_is_not_azures(registry):
    # langchain-openai 1.x sends `deployment` only to its token counting: the class moves
    text = (
        "from langchain_openai import OpenAIEmbeddings\n\n"
        'emb = OpenAIEmbeddings(deployment="text-embedding-3-small")\n'
    )
    found = [f for f in file_findings(registry, text, "zhipu") if f[0] == "ML601"]
    assert found == [
        (
            "ML601",
            3,
            7,
            "OpenAIEmbeddings() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for Zhipu "
            "AI (GLM) read the key from ZAI_API_KEY and the base URL from ZAI_BASE_URL (default "
            "https://open.bigmodel.cn/api/paas/v4); model 'text-embedding-ada-002' -> "
            "'embedding-3'",
        )
    ]
