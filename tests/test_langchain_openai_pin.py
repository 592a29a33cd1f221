"""A project pinning langchain-openai below the release whose OpenAIEmbeddings takes
`check_embedding_ctx_length` (0.1.4): apply does not write the keyword, and the findings say to
upgrade, naming the file that pins it (ML601, ML602; t43b D4, Langchain-Chatchat's
langchain-openai 0.0.6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks import langchain as lc
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import PINS_OLD_LANGCHAIN_OPENAI, RunFacts, facts_of

ACME = "Acme Cloud"
TARGET = (
    "for Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
    "(default https://api.acme.example/v1)"
)
PINNED = (
    "langchain-openai<0.1.4, which requirements.txt pins, has no check_embedding_ctx_length "
    "(it would pass the keyword on to the request): its OpenAIEmbeddings always sends token "
    "ids, which Acme Cloud may reject; upgrade langchain-openai to >=0.1.4 there, then {then} "
    "check_embedding_ctx_length=False"
)
PIN_DATA = {"pinned_in": ["requirements.txt"], "requires": "langchain-openai>=0.1.4"}


def scanned(registry, text: str, provider: str = "acme", pinned=("requirements.txt",)):
    facts = RunFacts(langchain_openai_pinned_in=frozenset(pinned))
    ctx = RuleContext(registry, registry.get(provider), facts=facts)
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def said(change, rule: str = "ML601"):
    return [
        (f.line, f.severity.value, f.fix.value, f.message, f.edit is not None)
        for f in change.findings
        if f.rule == rule
    ]


EMBEDDINGS = (
    'from langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(model="text-embedding'
    '-3-small")\n'
)


def test_a_pinned_release_leaves_the_embeddings_class_to_a_person(registry):
    change = scanned(registry, EMBEDDINGS)
    assert change.after == EMBEDDINGS  # no keyword the release lacks, nor a half-migrated class
    message = (
        f"OpenAIEmbeddings() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); {TARGET}; "
        "model 'text-embedding-3-small' -> 'acme-embed'; "
        + PINNED.format(then="run apply again, which passes")
    )
    assert said(change) == [(2, "error", "manual", message, False)]
    found = next(f for f in change.findings if f.rule == "ML601")
    assert {k: found.data[k] for k in PIN_DATA} == PIN_DATA


def test_without_a_pin_the_setting_is_added(registry):
    change = scanned(registry, EMBEDDINGS, pinned=())
    assert "    check_embedding_ctx_length=False,\n" in change.after
    assert said(change)[0][2] == "review"


def test_chat_classes_are_rewritten_on_a_pinned_release(registry):
    text = 'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="gpt-4o-mini")\n'
    change = scanned(registry, text)
    assert said(change)[0][2] == "review"
    assert change.after != text


def test_an_azure_target_is_rewritten_without_the_setting(registry):
    # Azure OpenAI serves OpenAI's models, which take the token ids the old release sends
    change = scanned(
        registry,
        'from langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(model="m")\n',
        provider="azure",
    )
    assert change.after == (
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(\n"
        '    api_key=os.environ.get("AZURE_OPENAI_API_KEY", "unset"),\n'
        "    base_url=os.environ.get(\n"
        '        "AZURE_OPENAI_ENDPOINT", "https://YOUR-RESOURCE-NAME.openai.azure.com"\n'
        '    ).rstrip("/")\n'
        '    + "/openai/v1",\n'
        '    model="m",\n)\n'
    )
    message = (
        "OpenAIEmbeddings() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for Azure "
        "OpenAI use the v1 API at AZURE_OPENAI_ENDPOINT + /openai/v1 and the key from "
        "AZURE_OPENAI_API_KEY; Azure OpenAI has no mapping for model 'm': pass a provider model; "
        "apply passes no check_embedding_ctx_length: langchain-openai<0.1.4, which "
        "requirements.txt pins, has no such setting (Azure OpenAI takes the token ids its "
        "OpenAIEmbeddings sends)"
    )
    assert said(change) == [(2, "error", "review", message, True)]
    assert scanned(registry, change.after, provider="azure").after == change.after


def test_a_base_url_given_at_run_time(registry):
    text = "from langchain_openai import OpenAIEmbeddings\nemb = OpenAIEmbeddings(**params)\n"
    message = (
        "OpenAIEmbeddings() (LangChain) takes its base URL from `**params` at run time and its "
        "key from `**params` or OPENAI_API_KEY; make sure they are Acme Cloud's (https://api.acme.example/v1, the "
        'key from ACME_API_KEY): `if not params.get("base_url"): params["base_url"] = '
        'params.pop("openai_api_base", None) or os.environ.get("ACME_BASE_URL", '
        '"https://api.acme.example/v1")` and `if not params.get("api_key") and '
        'str(params["base_url"]).rstrip("/").lower() in (os.environ.get("ACME_BASE_URL", '
        '"https://api.acme.example/v1").rstrip("/").lower(), "https://api.acme.example/v1"): '
        'params["api_key"] = '
        'params.pop("openai_api_key", None) or os.environ.get("ACME_API_KEY", "unset")` '
        "before the call, where the caller gives none, "
        'and set "chunk_size": 16 in `params` (`{**params, "chunk_size": 16}`), not beside '
        "the `**`: a keyword the mapping also holds would be given twice, a TypeError; "
        + PINNED.format(then="pass")
    )
    assert said(scanned(registry, text)) == [(2, "error", "manual", message, False)]


def test_a_class_already_pointed_at_the_provider(registry):
    text = (
        "import os\n\nfrom langchain_openai import OpenAIEmbeddings\n\nemb = OpenAIEmbeddings(\n"
        '    api_key=os.environ["ACME_API_KEY"],\n'
        '    base_url="https://api.acme.example/v1",\n'
        '    model="acme-embed",\n'
        "    chunk_size=16,\n)\n"
    )
    message = "OpenAIEmbeddings() (LangChain) already points at Acme Cloud; " + PINNED.format(
        then="pass"
    )
    assert said(scanned(registry, text)) == [(5, "warning", "manual", message, False)]
    assert said(scanned(registry, text, pinned=())) == [
        (5, "note", "none", "OpenAIEmbeddings() (LangChain) already points at Acme Cloud", False)
    ]


def test_a_class_used_as_a_value(registry):
    text = (
        "from langchain_openai import OpenAIEmbeddings\n\n\ndef embedder_class():\n"
        "    return OpenAIEmbeddings\n"
    )
    message = (
        "OpenAIEmbeddings (LangChain) is used as a value, so it is constructed elsewhere, with "
        "arguments apply does not see; where it is built, pass api_key=, base_url= and model= "
        f"(an Acme Cloud model), by hand: {TARGET}; " + PINNED.format(then="pass")
    )
    assert said(scanned(registry, text)) == [(5, "error", "manual", message, False)]


def test_the_deprecated_class_names_the_release_to_use(registry):
    text = "from langchain.embeddings import OpenAIEmbeddings\nemb = OpenAIEmbeddings()\n"
    head = (
        f"OpenAIEmbeddings from langchain.embeddings sends token ids, which {ACME} may reject: "
        "use langchain_openai.OpenAIEmbeddings (package langchain-openai"
    )
    tail = ") with check_embedding_ctx_length=False"
    assert said(scanned(registry, text), "ML602") == [
        (
            2,
            "warning",
            "manual",
            f"{head}>=0.1.4; requirements.txt pins an older one, which has no such setting{tail}",
            False,
        )
    ]
    two = scanned(registry, text, pinned=("sub/pyproject.toml", "requirements.txt"))
    assert said(two, "ML602")[0][3] == (
        f"{head}>=0.1.4; requirements.txt and sub/pyproject.toml pin an older one, which has no "
        f"such setting{tail}"
    )
    assert said(scanned(registry, text, pinned=()), "ML602")[0][3] == head + tail


@pytest.mark.parametrize(
    ("kind", "text", "pins"),
    [
        ("requirements", "langchain-openai==0.0.6\n", True),
        ("requirements", "Langchain_OpenAI<0.1.4\n", True),
        ("requirements", "langchain-openai~=0.0.6\n", True),
        ("requirements", "langchain-openai==0.1.4\n", False),
        ("requirements", "langchain-openai~=0.1.0\n", False),
        ("requirements", "langchain-openai>=0.0.6\n", False),
        ("requirements", "langchain-openai\n", False),
        ("requirements", "langchain-community==0.0.36\n", False),
        (
            "toml",
            '[tool.poetry.dependencies]\nlangchain-openai = { version = "0.0.6", python = '
            '">=3.8.1,<3.12,!=3.9.7" }\n',
            True,
        ),
        ("toml", '[tool.poetry.dependencies]\nlangchain-openai = "^0.1.3"\n', False),
        ("toml", '[project]\ndependencies = ["langchain-openai==0.1.3"]\n', True),
        ("setup", "[options]\ninstall_requires =\n    langchain-openai==0.1.0\n", True),
    ],
)
def test_pin_fact(kind, text, pins):
    bits = facts_of(kind, text.encode(), True, False, None)
    assert bool(bits & PINS_OLD_LANGCHAIN_OPENAI) is pins


def test_the_facts_carry_the_pinning_files():
    facts = RunFacts.of_bits(
        PINS_OLD_LANGCHAIN_OPENAI, langchain_openai_pinned_in=["a/requirements.txt"]
    )
    assert facts.langchain_openai_pinned_in == frozenset({"a/requirements.txt"})
    joined = facts.joined(RunFacts(langchain_openai_pinned_in=frozenset({"pyproject.toml"})))
    assert joined.langchain_openai_pinned_in == frozenset({"a/requirements.txt", "pyproject.toml"})
    assert facts.key != RunFacts().key
    assert lc.FIRST_TEXT_EMBEDDINGS == (0, 1, 4)


CHATCHAT = (
    "from langchain_openai import OpenAIEmbeddings\n\n\n"
    "def get_embeddings(params):\n"
    "    return OpenAIEmbeddings(**params)\n"
)


def _cli(tmp_path, monkeypatch, command: str, pin: str):
    server = tmp_path / "libs" / "server"
    server.mkdir(parents=True)
    (server / "pyproject.toml").write_text(
        f"[tool.poetry.dependencies]\nlangchain-openai = {pin}\n", encoding="utf-8"
    )
    (server / "utils.py").write_text(CHATCHAT, encoding="utf-8")
    other = tmp_path / "other"  # a project of its own: its class is not the pin's
    other.mkdir()
    (other / "requirements.txt").write_text("langchain-openai==1.1.0\n", encoding="utf-8")
    (other / "emb.py").write_text(EMBEDDINGS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    more = ["-y"] if command == "apply" else ["--no-cache", "--format", "json"]
    return CliRunner().invoke(app, [command, "-p", "qwen", *more])


def test_scan_names_the_pinning_file(tmp_path, monkeypatch):
    result = _cli(tmp_path, monkeypatch, "scan", '{ version = "0.0.6", python = ">=3.8.1" }')
    found = {
        f["path"]: (f["fix"], f["message"], f["data"].get("pinned_in"))
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML601"
    }
    fix, message, pinned = found["libs/server/utils.py"]
    assert (fix, pinned) == ("manual", None)
    assert message.endswith(
        ', and set "chunk_size": 10 in `params` (`{**params, "chunk_size": 10}`), not beside '
        "the `**`: a keyword the mapping also holds would be given twice, a TypeError; "
        "langchain-openai<0.1.4, which libs/server/pyproject.toml "
        "pins, has no check_embedding_ctx_length (it would pass the keyword on to the request): "
        "its OpenAIEmbeddings always sends token ids, which Alibaba Qwen (DashScope / Model "
        "Studio) may reject; upgrade langchain-openai to >=0.1.4 there, then pass "
        "check_embedding_ctx_length=False"
    )
    assert found["other/emb.py"][0] == "review"
    assert "langchain-openai<0.1.4" not in found["other/emb.py"][1]


def test_apply_writes_the_setting_only_where_the_release_has_it(tmp_path, monkeypatch):
    _cli(tmp_path, monkeypatch, "apply", '"0.1.3"')
    assert (tmp_path / "libs" / "server" / "utils.py").read_text(encoding="utf-8") == CHATCHAT
    other = (tmp_path / "other" / "emb.py").read_text(encoding="utf-8")
    assert "    check_embedding_ctx_length=False,\n" in other
