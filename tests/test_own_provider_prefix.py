"""`openai:<model>` strings the program splits itself (t57a D4 on gpt-researcher): its
`parse_llm` turns `"openai:qwen-plus"` into ("openai", "qwen-plus") and hands "openai" to its
own provider class, which apply points at the provider. ML204 said LangChain would build
ChatOpenAI from the string and send it to OpenAI, and only ignore comments cleared it. Where a
module of the project splits such strings into a provider and a model and the module holding
one does not give it to LangChain, the prefix is the program's own choice of its client: an
OpenAI model after it is mapped keeping `openai:` (review), a provider model is no finding,
and the client it picks is judged where it is built (ML401, ML601)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import RunFacts, facts_of

from .conftest import ACME_DIR

SPLITS = (
    "from settings import DEFAULT_CONFIG\n\n\n"
    "def parse(setting):\n"
    '    provider, model = DEFAULT_CONFIG[setting].split(":", 1)\n'
    "    return provider, model\n"
)
SETTINGS = 'DEFAULT_CONFIG = {{\n    "EMBEDDING": "openai:{}",\n    "FAST_LLM": "openai:{}",\n}}\n'
LANGCHAIN = (
    "from langchain.chat_models import init_chat_model\n"
    "from langchain.embeddings import init_embeddings\n\n"
    "from settings import DEFAULT_CONFIG\n\n"
    'llm = init_chat_model(DEFAULT_CONFIG["FAST_LLM"])\n'
    'emb = init_embeddings(DEFAULT_CONFIG["EMBEDDING"])\n'
)


def _run(tmp_path: Path, monkeypatch, command: str, *extra: str):
    monkeypatch.chdir(tmp_path)
    args = [command, ".", "--providers-dir", str(ACME_DIR), "-p", "acme", *extra]
    return CliRunner().invoke(app, args)


def _found(result) -> list[tuple[str, str, int, str, str]]:
    found = json.loads(result.stdout)["findings"]
    return [(f["rule"], f["path"], f["line"], f["fix"], f["message"]) for f in found]


def test_a_provider_model_after_openai_split_by_the_program_is_no_finding(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(SETTINGS.format("acme-embed", "acme-small"))
    (tmp_path / "config.py").write_text(SPLITS)
    result = _run(tmp_path, monkeypatch, "check", "--format", "json")
    assert (result.exit_code, _found(result)) == (0, [])


def test_an_openai_model_after_openai_split_by_the_program_is_mapped(tmp_path, monkeypatch):
    before = SETTINGS.format("text-embedding-3-small", "gpt-4o-mini")
    (tmp_path / "settings.py").write_text(before)
    (tmp_path / "config.py").write_text(SPLITS)
    scan = _run(tmp_path, monkeypatch, "scan", "--format", "json")
    assert _found(scan) == [
        (
            "ML204",
            "settings.py",
            2,
            "review",
            "entry 'EMBEDDING' = 'openai:text-embedding-3-small' maps to 'openai:acme-embed' "
            "on Acme Cloud",
        ),
        (
            "ML204",
            "settings.py",
            3,
            "review",
            "entry 'FAST_LLM' = 'openai:gpt-4o-mini' maps to 'openai:acme-small' on Acme Cloud",
        ),
    ]
    applied = _run(tmp_path, monkeypatch, "apply", "--yes")
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "settings.py").read_text() == SETTINGS.format("acme-embed", "acme-small")
    check = _run(tmp_path, monkeypatch, "check", "--format", "json")
    assert (check.exit_code, _found(check)) == (0, [])


def test_strings_the_module_gives_langchain_still_go_to_openai(tmp_path, monkeypatch):
    """Split elsewhere, but this project also hands them to init_chat_model() and
    init_embeddings(), which build OpenAI's classes from `openai:` (the embeddings one is
    named as such)."""
    (tmp_path / "config.py").write_text(SPLITS)
    (tmp_path / "settings.py").write_text(
        SETTINGS.format("acme-embed", "acme-small")
        + "\n"
        + LANGCHAIN.replace("from settings import DEFAULT_CONFIG\n\n", "")
    )
    result = _run(tmp_path, monkeypatch, "check", "--format", "json")
    assert result.exit_code == 1
    ml204 = [f for f in _found(result) if f[0] == "ML204"]
    give = (
        "give the call that builds the model from it base_url= and api_key= for Acme Cloud "
        "(apply does so where this module passes it to {}() itself), by hand"
    )
    assert ml204 == [
        (
            "ML204",
            "settings.py",
            2,
            "manual",
            "entry 'EMBEDDING' = 'openai:acme-embed' names an Acme Cloud model after `openai:`, "
            "but apply leaves it: `openai:` makes LangChain build OpenAIEmbeddings, which sends "
            f"any model to OpenAI; {give.format('init_embeddings')}",
        ),
        (
            "ML204",
            "settings.py",
            3,
            "manual",
            "entry 'FAST_LLM' = 'openai:acme-small' names an Acme Cloud model after `openai:`, "
            "but apply leaves it: `openai:` makes LangChain build ChatOpenAI, which sends any "
            f"model to OpenAI; {give.format('init_chat_model')}",
        ),
    ]


def test_without_a_split_of_its_own_the_project_keeps_the_finding(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(SETTINGS.format("acme-embed", "acme-small"))
    result = _run(tmp_path, monkeypatch, "check", "--format", "json")
    assert result.exit_code == 1
    assert [(f[0], f[2], f[3]) for f in _found(result)] == [
        ("ML204", 2, "manual"),
        ("ML204", 3, "manual"),
    ]
    assert "LangChain build OpenAIEmbeddings" in _found(result)[0][4]


@pytest.mark.parametrize(
    ("data", "split"),
    [
        (b'llm_provider, llm_model = llm_str.split(":", 1)\n', True),
        (b"provider, _, model = name.partition(':')\n", True),
        (b'provider, model = cfg["m"].rsplit(":", 1)\n', True),
        (b'host, port = address.split(":", 1)\n', False),
        (b'provider, model = name.split("/", 1)\n', False),
    ],
)
def test_modules_splitting_a_provider_from_a_model(data, split):
    facts = RunFacts.of_bits(facts_of("python", data, True, False, None))
    assert facts.provider_model_split is split


def test_a_project_naming_init_chat_model_elsewhere_keeps_the_finding(tmp_path, monkeypatch):
    """Another module may hand the same settings to LangChain: the split is not the only
    reader, so the string may still build ChatOpenAI at OpenAI's URL."""
    (tmp_path / "settings.py").write_text(SETTINGS.format("acme-embed", "acme-small"))
    (tmp_path / "config.py").write_text(SPLITS)
    (tmp_path / "agent.py").write_text(
        "import openai  # examined\n"
        "from langchain.chat_models import init_chat_model\n\n\n"
        "def build(name):\n    return init_chat_model(name)\n"
    )
    result = _run(tmp_path, monkeypatch, "check", "--format", "json")
    assert result.exit_code == 1
    assert [(f[0], f[1], f[2], f[3]) for f in _found(result) if f[0] == "ML204"] == [
        ("ML204", "settings.py", 2, "manual"),
        ("ML204", "settings.py", 3, "manual"),
    ]
