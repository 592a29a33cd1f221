"""ML691: a pickle holding an OpenAI client is reported, by its class only, never unpickled."""

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
MESSAGE = (
    "{} is a pickle holding an OpenAI client (langchain OpenAIEmbeddings): loaded, it calls "
    "OpenAI with the key it was saved with; rebuild it after the migration (re-run what "
    "wrote it)"
)
KEY = "sk-pickledSECRETkey0123456789abcdef"


class Embedder:
    """Stands for LangChain's OpenAIEmbeddings, pickled under its module and name."""

    def __init__(self) -> None:
        self.model = "text-embedding-ada-002"
        self.openai_api_key = KEY


@pytest.fixture
def langchain_module(monkeypatch: pytest.MonkeyPatch) -> type:
    """`Embedder` as `langchain.embeddings.openai.OpenAIEmbeddings` (fake modules)."""
    parts = LANGCHAIN.split(".")
    for i in range(1, len(parts) + 1):
        monkeypatch.setitem(sys.modules, ".".join(parts[:i]), types.ModuleType(".".join(parts[:i])))
    cls = type("OpenAIEmbeddings", (Embedder,), {"__module__": LANGCHAIN})
    sys.modules[LANGCHAIN].OpenAIEmbeddings = cls  # type: ignore[attr-defined]
    return cls


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
    assert finding["message"] == MESSAGE.format("vectorstore.pkl")
    assert finding["data"] == {"classes": ["langchain OpenAIEmbeddings"]}
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
