"""A project pinning langchain itself below the release whose OpenAI class takes
`openai_api_base` (`OpenAI` 0.0.140, `OpenAIEmbeddings` 0.0.155, `ChatOpenAI` 0.0.169): apply
does not point the class at the provider, whose key would go to OpenAI, and check stays red on
one pointed there by hand (ML601, ML602; t45c D1, langchain 0.0.61 with openai 0.27)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks import langchain as lc
from migrate_llm.frameworks.pins import FIRST_OPENAI_V1, FIRST_WITH_BASE_URL
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import PINS_OLD_LANGCHAIN, RunFacts, facts_of

from .cli_findings import finding_rows, run_json

ALL = frozenset({"chat", "embeddings", "llm"})
SWEPT = "sends the keyword in the request body, and the request to OpenAI with the key it is given"


def old(kind: str, cls: str, first: str, does: str = SWEPT, files: str = "requirements.txt pins"):
    return (
        f"langchain<{first}, which {files}, has no openai_api_base in its {cls} class: it "
        f"{does}; upgrade langchain to >=0.0.334 there, with openai (ML504)"
    )


PIN_DATA = {"pinned_in": ["requirements.txt"], "requires": "langchain>=0.0.334"}


def scanned(registry, text: str, kinds=ALL, pinned=("requirements.txt",), provider="acme"):
    facts = RunFacts(
        langchain_without_base_url=frozenset(kinds), langchain_pinned_in=frozenset(pinned)
    )
    ctx = RuleContext(registry, registry.get(provider), facts=facts)
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def said(change, *rules: str):
    return [
        (f.rule, f.line, f.severity.value, f.fix.value, f.message, f.edit is not None)
        for f in change.findings
        if f.rule in (rules or ("ML601",))
    ]


LLM = (
    "from langchain.chains import LLMChain\nfrom langchain.llms import OpenAI\n\n"
    "llm = OpenAI(temperature=0)\n"
)
TALKS = "OpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY)"


def test_the_text_class_is_left_to_a_person(registry):
    change = scanned(registry, LLM)
    assert change.after == LLM  # no provider key beside a base URL the class drops
    message = f"{TALKS}; {old('llm', 'OpenAI', '0.0.140')}, then run apply again"
    assert said(change, "ML601", "ML401") == [("ML601", 4, "error", "manual", message, False)]
    found = next(f for f in change.findings if f.rule == "ML601")
    assert {k: found.data[k] for k in PIN_DATA} == PIN_DATA


def test_without_the_pin_it_is_rewritten(registry):
    change = scanned(registry, LLM, kinds=(), pinned=())
    assert "    openai_api_base=os.environ.get(" in change.after
    assert said(change)[0][3] == "review"


def test_each_class_by_the_release_that_gave_it_a_base_url(registry):
    # langchain 0.0.150: OpenAI has openai_api_base, OpenAIEmbeddings and ChatOpenAI not yet
    text = (
        "from langchain.chat_models import ChatOpenAI\n"
        "from langchain.embeddings import OpenAIEmbeddings\n"
        "from langchain.llms import OpenAI\n\n"
        'chat = ChatOpenAI(model_name="gpt-4o")\n'
        "emb = OpenAIEmbeddings()\n"
        'llm = OpenAI(model_name="gpt-4o")\n'
    )
    change = scanned(registry, text, kinds=("chat", "embeddings"))
    assert change.after.endswith(
        'chat = ChatOpenAI(model_name="gpt-4o")\nemb = OpenAIEmbeddings()\nllm = OpenAI(\n'
        '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
        '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        '    model_name="acme-large",\n)\n'
    )
    refused = "refuses the keyword (extra fields not permitted)"
    assert [f[:5] for f in said(change, "ML601", "ML602")] == [
        (
            "ML601",
            5,
            "error",
            "manual",
            "ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); "
            f"{old('chat', 'ChatOpenAI', '0.0.169')}, then run apply again",
        ),
        (
            "ML601",
            6,
            "error",
            "manual",
            "OpenAIEmbeddings() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); "
            f"{old('embeddings', 'OpenAIEmbeddings', '0.0.155', refused)}, then run apply again",
        ),
        ("ML601", 7, "error", "review", said(change)[2][4]),
    ]  # ML602's langchain_openai advice waits for the upgrade


def test_langchain_community_and_langchain_openai_are_not_the_pinned_package(registry):
    for module in ("langchain_community.llms", "langchain_openai"):
        text = f"from {module} import OpenAI\nllm = OpenAI()\n"
        assert said(scanned(registry, text))[0][3] == "review", module


def test_the_top_level_import_of_langchain_0_0_x(registry):
    text = "from langchain import OpenAI, LLMChain\n\nllm = OpenAI(temperature=0)\n"
    change = scanned(registry, text)
    message = f"{TALKS}; {old('llm', 'OpenAI', '0.0.140')}, then run apply again"
    assert said(change) == [("ML601", 3, "error", "manual", message, False)]
    assert said(scanned(registry, text, kinds=(), pinned=()))[0][3] == "review"


# what apply wrote before the fix (t45c userapp): a class pointed there by hand is told the same
POINTED = (
    "import os\n\nfrom langchain.llms import OpenAI\n\n"
    "llm = OpenAI(\n"
    '    openai_api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    openai_api_base=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
    '    model="acme-large",\n'
    "    temperature=0,\n)\n"
)


def test_a_class_given_the_providers_base_url_is_not_on_the_provider(registry):
    change = scanned(registry, POINTED)
    assert change.after == POINTED
    message = "OpenAI() (LangChain) is given Acme Cloud's base URL, but " + old(
        "llm", "OpenAI", "0.0.140"
    )
    assert said(change) == [("ML601", 5, "error", "manual", message, False)]
    found = next(f for f in change.findings if f.rule == "ML601")
    assert found.data == {"framework": "langchain", "class": "OpenAI", **PIN_DATA}
    # not pinned: where it points, with what it still lacks
    assert said(scanned(registry, POINTED, kinds=(), pinned=()))[0][2] == "warning"


def test_a_class_used_as_a_value(registry):
    text = "from langchain.llms import OpenAI\n\nLLMS = {'openai': OpenAI}\n"
    message = (
        "OpenAI (LangChain) is used as a value, so it is constructed elsewhere, with arguments "
        f"apply does not see; {old('llm', 'OpenAI', '0.0.140')}, then pass the key, base URL "
        "and model where it is built"
    )
    assert said(scanned(registry, text)) == [("ML601", 3, "error", "manual", message, False)]


def test_the_files_pinning_it_are_named(registry):
    two = ("requirements.txt", "sub/pyproject.toml")
    message = said(scanned(registry, LLM, pinned=two))[0][4]
    assert "langchain<0.0.140, which requirements.txt and sub/pyproject.toml pin, has" in message
    assert (
        "langchain<0.0.140, which the project pins, has"
        in said(scanned(registry, LLM, pinned=()))[0][4]
    )


@pytest.mark.parametrize(
    ("kind", "text", "kinds"),
    [
        ("requirements", "langchain==0.0.61\nopenai==0.27.10\n", ALL),
        ("requirements", "LangChain[openai]<0.0.140\n", ALL),
        ("requirements", "langchain==0.0.150\n", {"chat", "embeddings"}),
        ("requirements", "langchain>=0.0.158,<0.0.160\n", {"chat"}),
        ("requirements", "langchain~=0.0.160\n", set()),  # >=0.0.160, ==0.0.*
        ("requirements", "langchain==0.0.169\n", set()),
        ("requirements", "langchain>=0.0.61\n", set()),
        ("requirements", "langchain\n", set()),
        ("requirements", "langchain-openai==0.0.6\nlangchain-community==0.0.10\n", set()),
        ("toml", '[tool.poetry.dependencies]\nlangchain = "^0.0.150"\n', {"chat", "embeddings"}),
        ("toml", '[project]\ndependencies = ["langchain==0.0.61"]\n', ALL),
        ("setup", "[options]\ninstall_requires =\n    langchain==0.0.139\n", ALL),
        # t45f N2: a setup.py's quoted requirements (its own name is no requirement)
        (
            "setup.py",
            'setup(name="langchain", install_requires=["langchain==0.0.61", "openai==0.27.10"])\n',
            ALL,
        ),
        ("setup.py", "setup(install_requires=['langchain>=0.0.200'])\n", set()),
    ],
)
def test_pin_fact(kind, text, kinds):
    bits = facts_of(kind, text.encode(), True, False, None)
    assert RunFacts.of_bits(bits).langchain_without_base_url == kinds
    assert bool(bits & PINS_OLD_LANGCHAIN) is bool(kinds)


def test_the_facts_carry_the_pinning_files():
    facts = RunFacts.of_bits(PINS_OLD_LANGCHAIN, langchain_pinned_in=["a/requirements.txt"])
    assert facts.langchain_without_base_url == ALL
    assert facts.langchain_pinned_in == frozenset({"a/requirements.txt"})
    joined = facts.joined(RunFacts(langchain_pinned_in=frozenset({"pyproject.toml"})))
    assert joined.langchain_pinned_in == frozenset({"a/requirements.txt", "pyproject.toml"})
    assert facts.key != RunFacts().key
    assert RunFacts.of_bits(0, langchain_pinned_in=["x"]).key != RunFacts.of_bits(0).key


def test_the_table():
    assert lc.BASE_URL_SINCE == {"chat": (0, 0, 169), "embeddings": (0, 0, 155), "llm": (0, 0, 140)}
    assert FIRST_WITH_BASE_URL == {"langchain": (0, 0, 169)}  # what ML504 says of ChatOpenAI
    # each such release needs openai<1, so screening reads the file (`_NAMES_OPENAI_V0`)
    assert all(first < FIRST_OPENAI_V1["langchain"] for first in lc.BASE_URL_SINCE.values())


# t45c's userapp: langchain 0.0.61 from PyPI and openai 0.27
USERAPP = (
    '"""A user\'s app on langchain 0.0.61."""\n'
    "from langchain.chains import LLMChain\n"
    "from langchain.llms import OpenAI\n"
    "from langchain.prompts import PromptTemplate\n\n"
    "llm = OpenAI(temperature=0)\n"
    'chain = LLMChain(llm=llm, prompt=PromptTemplate(input_variables=["q"], template="Q: {q}"))\n'
    'print("OUT:", chain.run("What is 2+2?"))\n'
)


def _project(tmp_path, monkeypatch, app_text: str = USERAPP) -> None:
    (tmp_path / "requirements.txt").write_text("langchain==0.0.61\nopenai==0.27.10\n")
    (tmp_path / "app.py").write_text(app_text, encoding="utf-8")
    other = tmp_path / "other"  # a project of its own, on a release with the field
    other.mkdir()
    (other / "requirements.txt").write_text("langchain==0.0.200\n", encoding="utf-8")
    (other / "app.py").write_text(LLM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def _check(tmp_path) -> tuple[int, list[tuple[str, str, int, str]]]:
    code, report = run_json("check", "-p", "zhipu")
    return code, finding_rows(report, "path", "rule", "line", "fix")


def test_apply_leaves_the_users_app_and_check_stays_red(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    result = CliRunner().invoke(app, ["apply", "-p", "zhipu", "-y"])
    assert result.exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == USERAPP.encode()
    assert (tmp_path / "requirements.txt").read_bytes() == b"langchain==0.0.61\nopenai==0.27.10\n"
    assert "openai_api_base" in (tmp_path / "other" / "app.py").read_text(encoding="utf-8")
    code, found = _check(tmp_path)
    assert code == 1
    assert [f for f in found if not f[0].startswith("other")] == [
        ("app.py", "ML601", 6, "manual"),
        ("requirements.txt", "ML504", 1, "manual"),
        ("requirements.txt", "ML504", 2, "manual"),
    ]


def test_a_pin_in_setup_py_leaves_the_app_too(tmp_path, monkeypatch):
    """t45f N2: `install_requires=["langchain==0.0.61", ...]` in setup.py; the Zhipu key went
    to api.openai.com once apply had passed the base URL this release drops."""
    pins = 'from setuptools import setup\n\nsetup(install_requires=["langchain==0.0.61"])\n'
    (tmp_path / "setup.py").write_text(pins, encoding="utf-8")
    (tmp_path / "app.py").write_text(USERAPP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["apply", "-p", "zhipu", "-y"]).exit_code == 0
    assert (tmp_path / "app.py").read_bytes() == USERAPP.encode()
    code, found = _check(tmp_path)
    assert (code, [f for f in found if f[0] == "app.py"]) == (1, [("app.py", "ML601", 6, "manual")])


def test_check_is_red_on_the_rewrite_apply_made_before(tmp_path, monkeypatch):
    text = (
        POINTED.replace("ACME", "ZAI")
        .replace("https://api.acme.example/v1", "https://open.bigmodel.cn/api/paas/v4")
        .replace("acme-large", "glm-4-flash")
    )
    _project(tmp_path, monkeypatch, text)
    code, found = _check(tmp_path)
    assert code == 1
    assert ("app.py", "ML601", 5, "manual") in found
