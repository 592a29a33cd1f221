"""ML691: a pickle holding an OpenAI client is reported, by its class only, never unpickled;
one whose clients were built with a base URL off OpenAI's hosts (rebuilt after the migration)
is not. The pickles are made here, from stand-ins pickled under the frameworks' module and
class names."""

from __future__ import annotations

import json
import pickle
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats import kind_of

LANGCHAIN = "langchain.embeddings.openai"
LANGCHAIN_CHAT = "langchain.chat_models.openai"
LLAMAINDEX = "llama_index.embeddings.openai.base"
MESSAGE = (
    "{} is a pickle holding an OpenAI client ({}): loaded, it calls OpenAI with the key it "
    "was saved with, which the file holds in plain text; rebuild it after the migration "
    "(re-run what wrote it) and keep it out of version control: the rebuilt file holds {} "
    "key the same way (rotate the OpenAI key if this file was committed)"
)
KEY = "sk-pickledSECRETkey0123456789abcdef"
PROVIDER_KEY = "deepseek-pickledSECRETkey0123456789"


class Embedder:
    """Stands for LangChain's OpenAIEmbeddings, pickled under its module and name: the
    fields langchain<0.1 keeps (`openai_api_base` "" where none was given)."""

    def __init__(self, base: str | None = "", key: str = KEY) -> None:
        self.model = "text-embedding-ada-002"
        self.openai_api_key = key
        self.openai_api_base = base


def _as(monkeypatch: pytest.MonkeyPatch, module: str, name: str, base: type) -> type:
    """A subclass of `base` named `module.name` (fake modules), so pickle names it so."""
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        monkeypatch.setitem(sys.modules, ".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    cls = type(name, (base,), {"__module__": module, "__qualname__": name})
    setattr(sys.modules[module], name, cls)
    return cls


@pytest.fixture
def langchain_module(monkeypatch: pytest.MonkeyPatch) -> type:
    """`Embedder` as `langchain.embeddings.openai.OpenAIEmbeddings`."""
    return _as(monkeypatch, LANGCHAIN, "OpenAIEmbeddings", Embedder)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_pickle_files_are_found_as_pickles():
    assert kind_of("store/vectorstore.pkl") == "pickle"
    assert kind_of("index.PICKLE") == "pickle"
    assert kind_of("weights.bin") is None


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_scan_reports_a_pickled_langchain_embeddings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type, protocol: int
):
    store = {"embedding_function": langchain_module(), "docs": ["a", "b"]}
    data = pickle.dumps(store, protocol=protocol)
    (tmp_path / "vectorstore.pkl").write_bytes(data)
    (tmp_path / "plain.pkl").write_bytes(pickle.dumps({"name": "OpenAIEmbeddings"}))
    monkeypatch.chdir(tmp_path)
    code, out = _run("scan", "--format", "json", ".")
    report = json.loads(out)
    assert code == 0
    assert [(f["path"], f["rule"], f["severity"], f["fix"]) for f in report["findings"]] == [
        ("vectorstore.pkl", "ML691", "warning", "manual")
    ]
    finding = report["findings"][0]
    assert finding["message"] == MESSAGE.format(
        "vectorstore.pkl", "langchain OpenAIEmbeddings", "the provider's"
    )
    assert finding["data"] == {"classes": ["langchain OpenAIEmbeddings"], "key_in_file": True}
    assert report["errors"] == []
    assert KEY not in out


def test_check_fails_and_apply_leaves_the_pickle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type
):
    data = pickle.dumps({"embedding_function": langchain_module()})
    (tmp_path / "vectorstore.pkl").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    code, out = _run("check", "--provider", "deepseek", "--format", "json", ".")
    assert code == 1
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["ML691"]
    code, out = _run("apply", "--provider", "deepseek", "--yes", ".")
    assert (tmp_path / "vectorstore.pkl").read_bytes() == data
    assert KEY not in out


def test_a_large_pickle_is_screened_by_its_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type
):
    head = pickle.dumps(langchain_module(), protocol=2)
    (tmp_path / "big.pkl").write_bytes(head + b"\0" * (9 * 1024 * 1024))
    monkeypatch.chdir(tmp_path)
    code, out = _run("scan", "--format", "json", ".")
    report = json.loads(out)
    assert code == 0
    assert [f["rule"] for f in report["findings"]] == ["ML691"]
    assert report["errors"] == []


def _findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes) -> list[dict]:
    """ML691's findings (path, message, data) in `check --provider deepseek` of a project
    holding the pickle `data`; the key never shown."""
    (tmp_path / "vectorstore.pkl").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    code, out = _run("check", "--provider", "deepseek", "--format", "json", ".")
    assert KEY not in out and PROVIDER_KEY not in out
    found = [(f["path"], f["message"], f["data"]) for f in json.loads(out)["findings"]]
    assert code == (1 if found else 0)
    return found


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
@pytest.mark.parametrize(
    "base",
    [
        "https://api.deepseek.com",  # the provider's, as apply writes its default
        "http://127.0.0.1:8765/compatible-mode/v1",  # a test server's (the trial's loopback)
        "https://llm-proxy.corp.example/v1",  # a proxy set in DEEPSEEK_BASE_URL
        "https://dashscope.aliyuncs.com/compatible-mode/v1",  # another provider's
    ],
)
def test_a_pickle_rebuilt_off_openai_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type, base, protocol
):
    """Rebuilt after the migration, the pickle's client holds the base URL the migrated code
    gave it: it no longer calls OpenAI, and check passes."""
    store = {"embedding_function": langchain_module(base, PROVIDER_KEY), "docs": ["a"]}
    assert _findings(tmp_path, monkeypatch, pickle.dumps(store, protocol=protocol)) == []


@pytest.mark.parametrize(
    "base",
    [
        "",  # none given: langchain<0.1 then uses the openai module's, OpenAI's by default
        None,
        "https://api.openai.com/v1",
        "https://oai.helicone.ai/v1",  # a gateway that passes requests on to OpenAI
        "api.deepseek.com",  # not a URL the client could have used
    ],
)
def test_a_pickle_calling_openai_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type, base
):
    data = pickle.dumps({"embedding_function": langchain_module(base)}, protocol=4)
    assert _findings(tmp_path, monkeypatch, data) == [
        (
            "vectorstore.pkl",
            MESSAGE.format("vectorstore.pkl", "langchain OpenAIEmbeddings", "DeepSeek's"),
            {"classes": ["langchain OpenAIEmbeddings"], "key_in_file": True},
        )
    ]


def test_only_the_clients_still_calling_openai_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type
):
    """A chat model left on OpenAI beside embeddings rebuilt for the provider; a second
    embeddings object left on OpenAI names its class again."""
    chat = _as(monkeypatch, LANGCHAIN_CHAT, "ChatOpenAI", Embedder)
    rebuilt = langchain_module("https://api.deepseek.com", PROVIDER_KEY)
    data = pickle.dumps([rebuilt, chat(None, "")], protocol=2)
    message = (
        "vectorstore.pkl is a pickle holding an OpenAI client (langchain ChatOpenAI): loaded, "
        "it calls OpenAI with the key it was saved with; rebuild it after the migration "
        "(re-run what wrote it)"
    )
    assert _findings(tmp_path, monkeypatch, data) == [
        ("vectorstore.pkl", message, {"classes": ["langchain ChatOpenAI"]})
    ]
    data = pickle.dumps([rebuilt, langchain_module()], protocol=2)
    assert [f[2] for f in _findings(tmp_path, monkeypatch, data)] == [
        {"classes": ["langchain OpenAIEmbeddings"], "key_in_file": True}
    ]


def test_a_class_named_but_not_built_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type
):
    """The class itself (its constructor, kept to build clients later), or a pickle cut off
    before the client's base URL: what it will call cannot be read, so it is reported."""
    data = pickle.dumps({"factory": langchain_module}, protocol=2)
    assert [f[2] for f in _findings(tmp_path, monkeypatch, data)] == [
        {"classes": ["langchain OpenAIEmbeddings"]}
    ]
    whole = pickle.dumps(langchain_module("https://api.deepseek.com", PROVIDER_KEY), protocol=2)
    cut = whole[: whole.index(b"openai_api_base")]
    assert [f[2] for f in _findings(tmp_path, monkeypatch, cut)] == [
        {"classes": ["langchain OpenAIEmbeddings"]}
    ]


def test_pydantic_models_are_read_from_their_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Pydantic keeps the fields in `__getstate__`'s `__dict__`: pydantic 1 (langchain<0.1)
    and pydantic 2 (LlamaIndex's `OpenAIEmbedding`, `api_base` OpenAI's when not given),
    pickled by pydantic itself."""
    import pydantic
    import pydantic.v1

    class Legacy(pydantic.v1.BaseModel):
        openai_api_key: str = KEY
        openai_api_base: str = ""

    class Llama(pydantic.BaseModel):
        api_key: str = KEY
        api_base: str = "https://api.openai.com/v1"

    legacy = _as(monkeypatch, LANGCHAIN, "OpenAIEmbeddings", Legacy)
    llama = _as(monkeypatch, LLAMAINDEX, "OpenAIEmbedding", Llama)
    data = pickle.dumps([legacy(), llama()])
    assert [f[2] for f in _findings(tmp_path, monkeypatch, data)] == [
        {
            "classes": ["langchain OpenAIEmbeddings", "llamaindex OpenAIEmbedding"],
            "key_in_file": True,
        }
    ]
    data = pickle.dumps(
        [
            legacy(openai_api_base="https://api.deepseek.com", openai_api_key=PROVIDER_KEY),
            llama(api_base="http://localhost:8000/v1", api_key=PROVIDER_KEY),
        ]
    )
    assert _findings(tmp_path, monkeypatch, data) == []


def test_pickles_written_one_after_another_are_all_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, langchain_module: type
):
    rebuilt = pickle.dumps(langchain_module("https://api.deepseek.com", PROVIDER_KEY))
    old = pickle.dumps(langchain_module())
    assert _findings(tmp_path, monkeypatch, rebuilt + rebuilt) == []
    assert [f[2] for f in _findings(tmp_path, monkeypatch, rebuilt + old)] == [
        {"classes": ["langchain OpenAIEmbeddings"], "key_in_file": True}
    ]
