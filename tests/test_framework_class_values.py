"""A framework OpenAI class handed on as a value rather than called (ML601, ML602, ML611, ML680,
ML685): reported like a construction, left to a person; and an embeddings class on a provider
that serves no embeddings, said in ML101's words for `client.embeddings.create`."""

from __future__ import annotations

import ast
import json

import pytest

from migrate_llm.registry import load_registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.calls import lacks_api, offered_by
from migrate_llm.rules.python import check_python

from .cli_findings import cli as invoke
from .framework_rewrites import migrate

# knowledge_gpt's shape (LangChain 0.0.220): the class kept in a table, built later from it
TABLE = (
    "from langchain.embeddings import OpenAIEmbeddings\n"
    'EMBEDDINGS = {"openai": OpenAIEmbeddings}\n'
    "\n\n"
    "def embed(kind, **kw):\n"
    "    return EMBEDDINGS[kind](**kw)\n"
)
VALUE = (
    "OpenAIEmbeddings (LangChain) is used as a value, so it is constructed elsewhere, with "
    "arguments apply does not see"
)
ONLY_TYPES = (
    "from typing import Optional\n\n"
    "from langchain_openai import ChatOpenAI, OpenAIEmbeddings\n\n\n"
    "def pick(llm: Optional[ChatOpenAI]) -> bool:\n"
    "    return isinstance(llm, (ChatOpenAI, OpenAIEmbeddings))\n"
)


def no_embeddings(provider_id: str = "deepseek") -> str:
    """What ML101 says of an embeddings call on a provider serving none, from its file."""
    registry = load_registry()
    provider = registry.get(provider_id)
    return (
        f"{lacks_api(provider, 'embeddings')} (see {provider.docs}): keep it on OpenAI or point "
        "it at a provider that serves embeddings (its key and base URL), by hand; "
        f"{offered_by(provider, 'embeddings', registry)}"
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "embedding.py").write_text(TABLE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def scan_json(*args: object) -> list[dict[str, object]]:
    result = invoke("scan", "--format", "json", "--no-cache", *args)
    assert result.exit_code == 0, result.output
    keys = ("line", "column", "rule", "severity", "fix", "message", "data")
    return [{k: f[k] for k in keys} for f in json.loads(result.stdout)["findings"]]


def test_a_class_in_a_dict_is_reported_without_a_provider(project):
    assert scan_json() == [
        {
            "line": 2,
            "column": 25,
            "rule": "ML601",
            "severity": "error",
            "fix": "manual",
            "message": f"{VALUE}; there it talks to OpenAI unless given another key and base "
            "URL: `migrate-llm scan --provider ID` says what to pass",
            "data": {"framework": "langchain", "class": "OpenAIEmbeddings", "value": True},
        }
    ]


def test_a_class_in_a_dict_on_a_provider_without_embeddings_says_so(project):
    assert scan_json("--provider", "deepseek") == [
        {
            "line": 2,
            "column": 25,
            "rule": "ML601",
            "severity": "error",
            "fix": "manual",
            "message": f"{VALUE}; {no_embeddings()}",
            "data": {
                "framework": "langchain",
                "class": "OpenAIEmbeddings",
                "value": True,
                "api_key_env": "DEEPSEEK_API_KEY",
                "base_url_env": "DEEPSEEK_BASE_URL",
                "surface": "embeddings",
            },
        },
    ]  # no ML602 on its token ids: there are no embeddings to send them to


def test_a_class_in_a_dict_on_a_provider_with_embeddings_says_what_to_pass(project):
    found = scan_json("--provider", "zhipu")
    assert [(f["rule"], f["severity"]) for f in found] == [
        ("ML601", "error"),
        ("ML602", "warning"),
    ]
    [value] = [f for f in found if f["rule"] == "ML601"]
    assert value["message"] == (
        f"{VALUE}; where it is built, pass openai_api_key=, openai_api_base= and model= (a "
        "Zhipu AI (GLM) model), by hand: for Zhipu AI (GLM) read the key from ZAI_API_KEY and "
        "the base URL from ZAI_BASE_URL (default https://open.bigmodel.cn/api/paas/v4)"
    )
    assert (value["severity"], value["fix"]) == ("error", "manual")


@pytest.mark.parametrize("provider", ["deepseek", "zhipu"])
def test_check_fails_on_it_and_apply_leaves_it(project, provider):
    before = (project / "embedding.py").read_bytes()
    assert invoke("check", "--provider", provider, "--no-cache").exit_code == 1
    diff = invoke("apply", "--provider", provider, "--diff")
    assert (diff.exit_code, diff.stdout) == (0, "")
    assert invoke("apply", "--provider", provider, "--yes").exit_code == 0
    assert (project / "embedding.py").read_bytes() == before


def test_check_passes_a_module_that_only_tests_types(tmp_path, monkeypatch):
    (tmp_path / "pick.py").write_text(ONLY_TYPES)
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--provider", "zhipu", "--no-cache")
    assert result.exit_code == 0, result.stdout


HEAD = (
    "from dataclasses import dataclass, field\n"
    "from functools import partial\n\n"
    "import langchain_openai as lo\n"
    "from langchain_openai import ChatOpenAI, OpenAIEmbeddings as Emb\n"
)


@pytest.mark.parametrize(
    ("code", "where"),
    [
        ("CLASSES = [ChatOpenAI, lo.ChatOpenAI]\n", [(1, 12), (1, 24)]),
        ("PAIR = (Emb, None)\n", [(1, 9)]),
        ("Chat = ChatOpenAI\n", [(1, 8)]),
        ("make = partial(ChatOpenAI, temperature=0)\n", [(1, 16)]),
        ("def f(cls=ChatOpenAI):\n    return cls()\n", [(1, 11)]),
        ("def f():\n    return Emb\n", [(2, 12)]),
        ("g = lambda: ChatOpenAI\n", [(1, 13)]),
        ("h = Emb if CLASSES else ChatOpenAI\n", [(1, 5), (1, 25)]),
        ("for cls in (ChatOpenAI, Emb):\n    cls()\n", [(1, 13), (1, 25)]),
        ("@dataclass\nclass S:\n    llm: object = field(default_factory=ChatOpenAI)\n", [(3, 41)]),
    ],
)
def test_a_class_handed_on_is_reported_where_it_stands(registry, code, where):
    text = HEAD + code
    start = HEAD.count("\n")
    change = migrate(registry, text)
    found = [(f.line, f.column, f.fix.value) for f in change.findings if f.rule == "ML601"]
    assert found == [(start + line, column, "manual") for line, column in where]
    assert change.after == text


@pytest.mark.parametrize(
    "code",
    [
        "def f(x: ChatOpenAI) -> Optional[Emb]:\n    return x\n",
        "T = Union[ChatOpenAI, Emb]\n",
        "U = ChatOpenAI | None\n",
        "ok = isinstance(x, (ChatOpenAI, Emb)) or issubclass(t, lo.ChatOpenAI)\n",
        "ok = type(x) is ChatOpenAI or x == Emb\n",
        "name = ChatOpenAI.__name__\n",
        "y = cast(ChatOpenAI, x)\n",
        "m = mock.Mock(spec=ChatOpenAI)\n",
        "p = mock.patch.object(ChatOpenAI, 'invoke')\n",
        "d = {ChatOpenAI: 4096}\n",
        "match x:\n    case ChatOpenAI():\n        pass\n",
        "class Mine(ChatOpenAI):\n    pass\n",  # a base class: its own finding
    ],
)
def test_a_class_only_named_as_a_type_is_not_a_value(registry, code):
    change = migrate(registry, HEAD + code)
    assert [f.message for f in change.findings if "used as a value" in f.message] == []


def test_each_framework_says_what_to_build_where_the_class_is_built(registry):
    text = (
        "from agno.models.openai import OpenAIChat\n"
        "from haystack.components.generators.chat import AzureOpenAIChatGenerator\n"
        "from llama_index.embeddings.openai import OpenAIEmbedding\n"
        "CLASSES = [OpenAIEmbedding, AzureOpenAIChatGenerator, OpenAIChat]\n"
    )
    target = (
        "by hand: for Acme Cloud read the key from ACME_API_KEY and the base URL from "
        "ACME_BASE_URL (default https://api.acme.example/v1)"
    )
    used = "is used as a value, so it is constructed elsewhere, with arguments apply does not see"
    change = migrate(registry, text)
    assert [(f.rule, f.column, f.message) for f in change.findings] == [
        (
            "ML611",
            12,
            f"OpenAIEmbedding (LlamaIndex) {used}; where it is built, build OpenAILikeEmbedding "
            "(from llama_index.embeddings.openai_like import OpenAILikeEmbedding, package "
            "llama-index-embeddings-openai-like) instead, with api_key=, api_base= and "
            f"model_name= (an Acme Cloud model), {target}",
        ),
        (
            "ML680",
            29,
            f"AzureOpenAIChatGenerator (Haystack) {used}; where it is built, build "
            "OpenAIChatGenerator without the Azure settings, with api_key=, api_base_url= and "
            f"model= (an Acme Cloud model), {target}",
        ),
        (
            "ML685",
            55,
            f"OpenAIChat (agno) {used}; where it is built, build OpenAILike (from "
            "agno.models.openai import OpenAILike) instead, with api_key=, base_url= and id= "
            f"(an Acme Cloud model), {target}",
        ),
    ]
    assert change.after == text


def test_an_azure_class_is_left_alone_for_an_azure_target(registry):
    text = "from langchain_openai import AzureChatOpenAI\nCLASSES = [AzureChatOpenAI]\n"
    assert migrate(registry, text, "azure").findings == ()
    assert [f.rule for f in migrate(registry, text, "zhipu").findings] == ["ML601"]


def _findings(text: str, provider: str):
    registry = load_registry()
    return check_python(text, RuleContext(registry, registry.get(provider)), _rules())


def _rules():
    from migrate_llm.rules import PYTHON_RULES

    return PYTHON_RULES


def test_an_embeddings_class_built_from_a_mapping_says_the_provider_has_none():
    # the table's entry built in place: the base URL may come from `**kw`, but nothing of
    # DeepSeek's can serve it there (it said "make sure they are DeepSeek's")
    text = "from langchain_openai import OpenAIEmbeddings\n\n\ndef embed(**kw):\n"
    text += "    return OpenAIEmbeddings(**kw)\n"
    [finding] = [f for f in _findings(text, "deepseek") if f.rule == "ML601"]
    assert finding.message == (
        "OpenAIEmbeddings() (LangChain) takes its base URL from `**kw` at run time and its key "
        f"from `**kw` or OPENAI_API_KEY; {no_embeddings()}"
    )
    assert (finding.severity.value, finding.fix.value, finding.edit) == ("error", "manual", None)
    assert dict(finding.data) == {
        "framework": "langchain",
        "class": "OpenAIEmbeddings",
        "surface": "embeddings",
    }


def test_llama_index_before_0_10s_embedding_says_the_provider_has_none():
    text = "from llama_index.embeddings import OpenAIEmbedding\nemb = OpenAIEmbedding()\n"
    [finding] = _findings(text, "moonshot")
    assert finding.message == (
        "OpenAIEmbedding() (LlamaIndex) talks to OpenAI (key from OPENAI_API_KEY); "
        f"{no_embeddings('moonshot')}"
    )
    assert (finding.rule, finding.severity.value, finding.fix.value) == ("ML611", "error", "manual")


def test_the_framework_class_and_the_sdk_call_say_the_same_of_the_provider():
    text = (
        "from langchain_openai import OpenAIEmbeddings\nfrom openai import OpenAI\n"
        'emb = OpenAIEmbeddings(model="text-embedding-3-small")\n'
        'OpenAI().embeddings.create(model="text-embedding-3-small", input="x")\n'
    )
    found = {f.rule: f for f in _findings(text, "deepseek") if f.rule in ("ML101", "ML601")}
    sdk, framework = found["ML101"], found["ML601"]
    registry = load_registry()
    deepseek = registry.get("deepseek")
    for said in (lacks_api(deepseek, "embeddings"), offered_by(deepseek, "embeddings", registry)):
        assert said in sdk.message and said in framework.message
    assert (sdk.severity, sdk.fix) == (framework.severity, framework.fix)
    assert sdk.data["surface"] == framework.data["surface"] == "embeddings"


@pytest.mark.parametrize(
    ("text", "reached"),
    [
        (TABLE, True),
        ("from langchain_openai import ChatOpenAI\nregister(ChatOpenAI)\n", True),
        (ONLY_TYPES, False),
        (
            "from langchain_openai import ChatOpenAI\nimport mock\n"
            "p = mock.patch.object(ChatOpenAI, 'invoke')\n",
            False,
        ),
    ],
)
def test_a_module_handing_a_class_on_is_parsed(text, reached):
    from migrate_llm.prefilter import FrameworkImports, prefilters

    python = prefilters(load_registry().openai)["python"]
    assert FrameworkImports(python).reach(ast.parse(text), text) is reached
