"""ML504 and pinned frameworks: `apply` never raises the openai pin past what a pinned
LangChain or LlamaIndex release allows; both pins are reported together as manual."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks.pins import FIRST_OPENAI_V1
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.dependency_pin import caps_below

# what ML504 adds for a langchain pin below 0.0.216 (`langchain.TOKEN_MODEL_SINCE`)
TOKEN_MODEL_NOTE = (
    "; the arguments apply writes for ChatOpenAI and OpenAIEmbeddings (tiktoken_model_name=) "
    "need langchain>=0.0.216: before it ChatOpenAI sends it in the request body, and "
    "OpenAIEmbeddings refuses it and raises KeyError counting the tokens of a provider's model"
)


def migrate(registry, text, name):
    ctx = RuleContext(registry, registry.get("acme"))
    kind = "toml" if name.endswith(".toml") else "setup.py" if name == "setup.py" else None
    kind = kind or ("setup" if name == "setup.cfg" else "requirements")
    return FileScanner(ctx, Path(".")).migrate_text(text, kind, name, name)


@pytest.mark.parametrize(
    ("spec", "first", "expected"),
    [
        ("==0.0.184", (0, 0, 334), True),
        ("==0.0.334", (0, 0, 334), False),
        ("<0.1", (0, 0, 334), False),  # admits 0.0.334 .. 0.0.354
        ("<0.0.334", (0, 0, 334), True),
        ("<=0.0.331", (0, 0, 334), True),
        # t45f N3: 0.0.332 and 0.0.333 moved the chat class to openai>=1, not the completion one
        ("==0.0.333", FIRST_OPENAI_V1["langchain"], True),
        (">=0.0.300,<0.0.330", (0, 0, 334), True),
        ("~=0.0.184", (0, 0, 334), False),  # >=0.0.184, ==0.0.*
        ("==0.0.*", (0, 0, 334), False),
        ("==0.8.*", (0, 8, 64), False),
        ("==0.7.*", (0, 8, 64), True),
        ("^0.0.200", (0, 0, 334), True),  # Poetry: <0.0.201
        ("^0.8.20", (0, 8, 64), False),  # Poetry: <0.9.0
        ("~0.7.3", (0, 8, 64), True),  # Poetry: <0.8.0
        (">=0.0.184", (0, 0, 334), False),
        ("", (0, 0, 334), False),
    ],
)
def test_caps_below(spec, first, expected):
    assert caps_below(spec, first) is expected


def test_requirements_both_pins_manual_openai_untouched(registry):
    text = "openai==0.27.6\nlangchain==0.0.184\nrequests>=2\n"
    change = migrate(registry, text, "requirements.txt")
    assert change.after == text
    assert [(f.rule, f.line, f.fix.value, f.message) for f in change.findings] == [
        (
            "ML504",
            1,
            "manual",
            "openai==0.27.6 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "langchain==0.0.184 (line 2) needs openai<1: upgrade langchain to >=0.0.334, then "
            "move both pins together",
        ),
        (
            "ML504",
            2,
            "manual",
            "langchain==0.0.184 works only with openai<1 (openai==0.27.6 here); migrated code "
            "needs openai>=1: upgrade langchain to >=0.0.334 together with openai"
            + TOKEN_MODEL_NOTE,
        ),
    ]
    assert change.findings[0].data == {
        "requirement": "openai==0.27.6",
        "framework_pins": ["langchain==0.0.184"],
    }
    assert change.findings[1].data == {
        "framework": "langchain",
        "requirement": "langchain==0.0.184",
        "first_openai_v1": "0.0.334",
    }


def test_pyproject_pep621_llama_index(registry):
    text = '[project]\ndependencies = ["openai<1", "llama_index==0.8.40"]\n'
    change = migrate(registry, text, "pyproject.toml")
    assert change.after == text
    assert sorted(str(f.data.get("framework")) for f in change.findings) == [
        "None",
        "llama-index",
    ]
    assert all(f.fix.value == "manual" for f in change.findings)


def test_setup_py(registry):
    text = 'from setuptools import setup\nsetup(install_requires=["openai==0.28.1", "langchain<0.0.300"])\n'
    change = migrate(registry, text, "setup.py")
    assert change.after == text
    assert sorted(f.message.split(" ")[0] for f in change.findings if f.rule == "ML504") == [
        "langchain<0.0.300",
        "openai==0.28.1",
    ]


@pytest.mark.parametrize(
    "requirement",
    ["openai-function-call==0.2.6", "openai_function_call", "Openai.Function-Call>=0.1"],
)
def test_a_framework_no_release_of_which_takes_openai_v1_is_replaced(registry, requirement):
    text = f"openai==0.27.8\n{requirement}\n"
    change = migrate(registry, text, "requirements.txt")
    assert change.after == text
    assert [(f.rule, f.line, f.fix.value, f.message) for f in change.findings] == [
        (
            "ML504",
            1,
            "manual",
            "openai==0.27.8 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            f"{requirement} (line 2) needs openai<1: replace openai-function-call with "
            "instructor>=0.3.1, then move both pins together",
        ),
        (
            "ML504",
            2,
            "manual",
            f"{requirement} works only with openai<1 (openai==0.27.8 here); migrated code "
            "needs openai>=1: replace openai-function-call with instructor>=0.3.1 together "
            "with openai (no release of openai-function-call works with openai>=1)",
        ),
    ]
    assert change.findings[1].data == {
        "framework": "openai-function-call",
        "requirement": requirement,
        "first_openai_v1": "0.3.1",
        "replace_with": "instructor",
    }


def test_poetry_and_setup_py_name_the_replaced_framework_too(registry):
    poetry = '[tool.poetry.dependencies]\nopenai = "^0.27.8"\nopenai-function-call = "^0.0.5"\n'
    change = migrate(registry, poetry, "pyproject.toml")
    assert change.after == poetry
    assert [(f.line, f.fix.value) for f in change.findings] == [(2, "manual"), (3, "manual")]
    assert change.findings[1].message.startswith('openai-function-call = "^0.0.5" works only')
    setup = 'setup(install_requires=["openai", "openai-function-call", "instructor==0.2.11"])\n'
    found = migrate(registry, setup, "setup.py").findings
    assert [f.message.split(" ")[0] for f in found] == [
        "instructor==0.2.11",
        "openai-function-call",
    ]
    assert "upgrade instructor to >=0.4.0" in found[0].message
    prose = 'setup(description="a fork of openai-function-call", install_requires=["openai"])\n'
    assert list(migrate(registry, prose, "setup.py").findings) == []
    cfg = "[options]\ninstall_requires = openai-function-call\n    requests\n"
    assert [f.line for f in migrate(registry, cfg, "setup.cfg").findings] == [2]


def test_framework_that_takes_openai_v1_does_not_block(registry):
    text = "openai==0.28.1\nlangchain==0.0.340\nllama-index>=0.8.64\n"
    change = migrate(registry, text, "requirements.txt")
    # the pin moves alone; ML613 adds the OpenAI-like packages migrated LlamaIndex code imports
    assert change.after == (
        "openai>=1\nlangchain==0.0.340\nllama-index>=0.8.64\n"
        "llama-index-llms-openai-like\nllama-index-embeddings-openai-like\n"
    )
    assert [(f.rule, f.fix.value) for f in change.findings] == [
        ("ML504", "safe"),
        ("ML613", "review"),
    ]


def test_an_old_framework_release_alone_is_not_the_migrations_concern(registry):
    # rags: llama-index 0.9.7 already requires openai>=1.1; langchain==0.0.305 beside it is
    # what it was before the migration
    alone = "llama-index==0.9.7\nlangchain==0.0.305\n"
    assert list(migrate(registry, alone, "requirements.txt").findings) == []
    listed = "openai>=1\nlangchain==0.0.305\n"
    assert [f.line for f in migrate(registry, listed, "requirements.txt").findings] == [2]


LANGCHAIN_0_0_141 = (
    "{} works only with openai<1; migrated code needs openai>=1: upgrade langchain to "
    ">=0.0.334 together with openai; its ChatOpenAI takes no openai_api_base: a base URL given "
    "there is dropped and requests go to OpenAI with the provider's key (apply leaves it to you, "
    "ML601)" + TOKEN_MODEL_NOTE
)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '[project]\ndependencies = ["langchain==0.0.141"]\n',
            2,
            LANGCHAIN_0_0_141.format("langchain==0.0.141"),
        ),
        (
            '[tool.poetry.dependencies]\nLangChain = "0.0.141"\n',
            2,
            LANGCHAIN_0_0_141.format('langchain = "0.0.141"'),
        ),
        (
            '[tool.poetry.dependencies]\nopenai_function_call = "0.0.5"\n',
            2,
            'openai-function-call = "0.0.5" works only with openai<1; migrated code needs '
            "openai>=1: replace openai-function-call with instructor>=0.3.1 together with openai "
            "(no release of openai-function-call works with openai>=1)",
        ),
        (
            '[project]\ndependencies = [\n    "openai",\n    "langchain==0.0.184",\n]\n',
            4,
            "langchain==0.0.184 works only with openai<1; migrated code needs openai>=1: "
            "upgrade langchain to >=0.0.334 together with openai" + TOKEN_MODEL_NOTE,
        ),
    ],
)
def test_a_pyproject_reaches_the_rule_as_a_requirements_file_does(tmp_path, text, line, message):
    (tmp_path / "pyproject.toml").write_text(text)
    providers = str(Path(__file__).parent / "fixtures" / "providers")
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(tmp_path),
            "--provider",
            "qwen",
            "--format",
            "json",
            "--providers-dir",
            providers,
        ],
    )
    assert result.exit_code == 1
    found = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"], f["message"]) for f in found] == [("ML504", line, message)]


@pytest.mark.parametrize(
    ("code", "release"),
    [
        ("import instructor\n\nclient = instructor.patch(OpenAI())\n", "0.3.1"),
        (
            "import instructor\n\nclient = instructor.patch(OpenAI(), mode=instructor.Mode.TOOLS)\n",
            "0.4.0",
        ),
        (
            "from instructor import Mode, from_openai\n\n"
            "client = from_openai(\n    OpenAI(),\n    mode=Mode.JSON,\n)\n",
            "0.4.0",
        ),
        ("import instructor\n\nclient = instructor.from_openai(OpenAI(), mode=MODE)\n", "0.4.0"),
    ],
)
def test_the_instructor_replacing_openai_function_call_follows_its_use(
    tmp_path, monkeypatch, code, release
):
    """instructor>=0.3.1 reads a v1 response; code passing `mode=` needs 0.4.0 (`Mode`)."""
    (tmp_path / "requirements.txt").write_text("openai==0.27.8\nopenai-function-call==0.2.6\n")
    (tmp_path / "app.py").write_text("from openai import OpenAI\n" + code)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    [pin] = [
        f for f in json.loads(done.stdout)["findings"] if f["rule"] == "ML504" and f["line"] == 2
    ]
    assert pin["data"]["first_openai_v1"] == release
    why = " (the project's code passes mode=: instructor.Mode came in 0.4.0)"
    assert pin["message"].endswith(
        f"replace openai-function-call with instructor>={release}"
        + (why if release == "0.4.0" else "")
        + " together with openai (no release of openai-function-call works with openai>=1)"
    )
