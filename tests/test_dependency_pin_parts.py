"""ML504 and packages one part of which needs openai<1 (`frameworks.pins.OPENAI_V0_PARTS`):
the openai pin is raised, and such a package pinned in the same file is reported beside it
(warning, manual), so `check` fails until a person upgrades it (babyagi's chromadb==0.4.6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.frameworks.pins import OPENAI_V0_PARTS
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import RunFacts, facts_of

from .test_dependency_pin_frameworks import TOKEN_MODEL_NOTE

BABYAGI = "argparse==1.4.0\nopenai==0.27.4\nchromadb==0.4.6\npython-dotenv==1.0.0\n"
CHROMA_0_4_6 = (
    "chromadb==0.4.6 calls openai.Embedding in its OpenAIEmbeddingFunction, which openai>=1 "
    "removed; migrated code needs openai>=1 (openai==0.27.4 here): upgrade chromadb to "
    ">=1.0.0 (or to >=0.4.17 with openai>=1,<2: releases before 1.0.0 take openai 1.x only)"
)


def migrate(registry, text, name):
    ctx = RuleContext(registry, registry.get("acme"))
    kind = "toml" if name.endswith(".toml") else "setup.py" if name == "setup.py" else None
    kind = kind or ("setup" if name == "setup.cfg" else "requirements")
    return FileScanner(ctx, Path(".")).migrate_text(text, kind, name, name)


def summary(change):
    return [(f.rule, f.line, f.severity.value, f.fix.value, f.message) for f in change.findings]


def test_the_openai_pin_is_raised_and_the_package_reported_beside_it(registry):
    change = migrate(registry, BABYAGI, "requirements.txt")
    assert change.after == "argparse==1.4.0\nopenai>=1\nchromadb==0.4.6\npython-dotenv==1.0.0\n"
    assert summary(change) == [
        (
            "ML504",
            2,
            "error",
            "safe",
            "openai==0.27.4 pins the pre-1.0 SDK; migrated code needs openai>=1",
        ),
        ("ML504", 3, "warning", "manual", CHROMA_0_4_6),
    ]
    assert change.findings[1].data == {
        "package": "chromadb",
        "requirement": "chromadb==0.4.6",
        "part": "OpenAIEmbeddingFunction",
        "first_openai_v1": "1.0.0",
        "first_openai_1x": "0.4.17",
    }
    again = migrate(registry, change.after, "requirements.txt")
    assert again.after == change.after
    assert [(f.line, f.fix.value, f.edit) for f in again.findings] == [(3, "manual", None)]


def test_a_release_that_takes_openai_1x_only_is_told_to_cap_openai(registry):
    text = '[project]\ndependencies = [\n    "openai<1",\n    "chromadb>=0.4.17,<0.6",\n]\n'
    change = migrate(registry, text, "pyproject.toml")
    assert change.after == text.replace('"openai<1"', '"openai>=1"')
    assert summary(change)[1] == (
        "ML504",
        4,
        "warning",
        "manual",
        "chromadb>=0.4.17,<0.6 calls openai.Embedding in its OpenAIEmbeddingFunction under "
        "openai 2 and later (it takes openai 1.x only); migrated code needs openai>=1 "
        "(openai<1 here): upgrade chromadb to >=1.0.0, or pin openai>=1,<2",
    )


def test_poetry_setup_cfg_and_setup_py(registry):
    poetry = '[tool.poetry.dependencies]\nopenai = "^0.27"\nchromadb = "^0.4.6"\n'
    change = migrate(registry, poetry, "pyproject.toml")
    assert change.after == '[tool.poetry.dependencies]\nopenai = ">=1"\nchromadb = "^0.4.6"\n'
    assert [(f.line, f.fix.value) for f in change.findings] == [(2, "safe"), (3, "manual")]
    assert change.findings[1].message.startswith('chromadb = "^0.4.6" calls openai.Embedding')

    cfg = "[options]\ninstall_requires =\n    openai==0.28.1\n    guidance==0.0.64\n"
    change = migrate(registry, cfg, "setup.cfg")
    assert change.after == cfg.replace("==0.28.1", ">=1")
    assert summary(change)[1] == (
        "ML504",
        4,
        "warning",
        "manual",
        "guidance==0.0.64 calls openai.ChatCompletion in its guidance.llms.OpenAI, which "
        "openai>=1 removed; migrated code needs openai>=1 (openai==0.28.1 here): upgrade "
        "guidance to >=0.1.0",
    )
    assert "first_openai_1x" not in change.findings[1].data

    setup = 'setup(install_requires=["openai<1", "chromadb<0.4.17"])\n'
    change = migrate(registry, setup, "setup.py")
    assert change.after == setup.replace("openai<1", "openai>=1")
    assert sorted(f.message.split(" ")[0] for f in change.findings) == [
        "chromadb<0.4.17",
        "openai<1",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "chromadb==0.4.6\n",  # the project's openai comes from elsewhere
        "openai>=1,<2\nchromadb==0.5.0\n",  # a release that takes openai 1.x, capped below 2
        "openai==0.28.1\nchromadb>=1.0.0\n",
        "openai==0.28.1\nchromadb\n",
        "openai==0.28.1\nchromadb>=0.4.6\n",  # admits the releases that work
        "openai==0.28.1\nguidance==0.1.0\n",
        "openai==0.28.1\nlanarky==0.7.4\n",  # before lanarky set openai.aiosession
        "openai==0.28.1\nlanarky>=0.6,<0.7.5\n",
        "openai==0.28.1\nlanarky>=0.8.0\n",
    ],
)
def test_not_reported(registry, text):
    change = migrate(registry, text, "requirements.txt")
    assert [f for f in change.findings if "calls openai." in f.message] == []


def test_agentgpts_lanarky_is_named_beside_langchain_holding_the_pin_back(registry):
    # t50g (D3): every 0.7.x from 0.7.5 sets openai.aiosession in its StreamingResponse
    text = (
        '[tool.poetry.dependencies]\nlangchain = "^0.0.295"\nopenai = "^0.28.0"\n'
        'lanarky = "^0.7.15"\n'
    )
    change = migrate(registry, text, "pyproject.toml")
    assert change.after == text
    assert summary(change)[2] == (
        "ML504",
        4,
        "warning",
        "manual",
        'lanarky = "^0.7.15" calls openai.aiosession in its StreamingResponse, which openai>=1 '
        'removed; migrated code needs openai>=1 (openai = "^0.28.0" here): upgrade lanarky to '
        ">=0.8.0; 0.8.0 removed StreamingResponse.from_chain(chain, inputs, ...) (AttributeError "
        "where the code calls it): build lanarky.adapters.langchain.responses."
        'StreamingResponse(chain=chain, config={"inputs": inputs, "callbacks": '
        '[TokenStreamingCallbackHandler(output_key=chain.output_key, mode="text")]}) there '
        "(the handler from lanarky.adapters.langchain.callbacks: without it nothing is "
        "streamed); 0.8 sends server-sent events (event: completion, data: <token>), not "
        "0.7's raw text, so the client reading the stream must parse them",
    )
    assert change.findings[2].data == {
        "package": "lanarky",
        "requirement": 'lanarky = "^0.7.15"',
        "part": "StreamingResponse",
        "first_openai_v1": "0.8.0",
    }
    # once langchain and openai moved, check still names it
    moved = text.replace("^0.0.295", ">=0.0.334").replace('"^0.28.0"', '">=1"')
    assert [f.line for f in migrate(registry, moved, "pyproject.toml").findings] == [4]


def test_beside_an_openai_already_at_1_it_is_reported_too(registry):
    # what `check` sees after `apply`: the pin raised, the package as it was
    change = migrate(registry, "openai>=1\nchromadb==0.4.6\n", "requirements.txt")
    assert summary(change) == [
        ("ML504", 2, "warning", "manual", CHROMA_0_4_6.replace("==0.27.4", ">=1"))
    ]
    capped = migrate(registry, "openai>=1,<2\nchromadb==0.4.6\n", "requirements.txt")
    assert [f.line for f in capped.findings] == [2]  # 0.4.6 takes no openai>=1 at all
    unpinned = migrate(registry, "openai\nchromadb>=0.4.17,<1\n", "requirements.txt")
    assert unpinned.findings[0].message.endswith(
        "(openai here): upgrade chromadb to >=1.0.0, or pin openai>=1,<2"
    )


def test_beside_a_framework_that_holds_the_pin_back_it_is_still_named(registry):
    text = "openai==0.27.6\nlangchain==0.0.184\nchromadb==0.4.6\n"
    change = migrate(registry, text, "requirements.txt")
    assert change.after == text
    assert [(f.line, f.severity.value, f.fix.value) for f in change.findings] == [
        (1, "error", "manual"),
        (2, "error", "manual"),
        (3, "warning", "manual"),
    ]
    # the framework alone holds the openai pin back
    assert "chromadb" not in change.findings[0].message


def test_pyautogen_before_0_2_holds_the_openai_pin_back(registry):
    text = "openai==0.28.1\npyautogen==0.1.14\n"
    change = migrate(registry, text, "requirements.txt")
    assert change.after == text
    assert change.findings[1].message == (
        "pyautogen==0.1.14 works only with openai<1 (openai==0.28.1 here); migrated code needs "
        "openai>=1: upgrade pyautogen to >=0.2.0 together with openai"
    )


def test_every_entry_names_a_part_a_removed_call_and_releases_in_order():
    for name, part in OPENAI_V0_PARTS.items():
        assert name == name.lower() and part.part and part.calls.startswith("openai.")
        assert part.first_1x is None or part.first_1x < part.first
        assert part.since is None or part.since < part.first


def test_scan_says_what_apply_does_and_check_still_fails(tmp_path, registry):
    (tmp_path / "requirements.txt").write_text(BABYAGI)
    runner = CliRunner()
    base = ["--providers-dir", str(Path(__file__).parent / "fixtures" / "providers")]
    scan = runner.invoke(
        app, ["scan", str(tmp_path), "--provider", "qwen", "--format", "json", *base]
    )
    found = [(f["line"], f["fix"]) for f in json.loads(scan.stdout)["findings"]]
    assert found == [(2, "safe"), (3, "manual")]
    applied = runner.invoke(app, ["apply", str(tmp_path), "--provider", "qwen", "--yes", *base])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "requirements.txt").read_text() == BABYAGI.replace("==0.27.4", ">=1")
    check = runner.invoke(
        app, ["check", str(tmp_path), "--provider", "qwen", "--format", "json", *base]
    )
    assert check.exit_code == 1
    left = json.loads(check.stdout)["findings"]
    assert [(f["rule"], f["line"], f["severity"], f["fix"]) for f in left] == [
        ("ML504", 3, "warning", "manual")
    ]
    assert left[0]["message"] == CHROMA_0_4_6.replace("openai==0.27.4 here", "openai>=1 here")


PROVIDERS = ["--providers-dir", str(Path(__file__).parent / "fixtures" / "providers")]
CHROMA_BELOW_1 = (
    "chromadb<1.0.0 calls openai.Embedding in its OpenAIEmbeddingFunction under openai 2 and "
    "later (it takes openai 1.x only); migrated code needs openai>=1 ({}): upgrade chromadb to "
    ">=1.0.0, or pin openai>=1,<2"
)


def checked(root):
    result = CliRunner().invoke(
        app, ["check", str(root), "--provider", "qwen", "--format", "json", *PROVIDERS]
    )
    found = json.loads(result.stdout)["findings"]
    return result.exit_code, [
        (f["path"].rsplit("/", 1)[-1], f["line"], f["message"]) for f in found
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("requirements.txt", "openai\nchromadb<1.0.0\n"),
        ("pyproject.toml", '[project]\ndependencies = ["openai", "chromadb<1.0.0"]\n'),
        (
            "pyproject.toml",
            '[project]\ndependencies = [\n    "openai",\n    "chromadb<1.0.0",\n]\n',
        ),
        ("pyproject.toml", '[tool.poetry.dependencies]\nopenai = "*"\nchromadb = "<1.0.0"\n'),
    ],
)
def test_a_bare_openai_beside_the_pin_is_reported_in_every_format(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    code, found = checked(tmp_path)
    assert code == 1
    shown = 'chromadb = "<1.0.0"' if "poetry" in text else "chromadb<1.0.0"
    openai = 'openai = "*" here' if "poetry" in text else "openai here"
    line = text.count("\n", 0, text.index("chromadb")) + 1
    assert found == [
        (name, line, CHROMA_BELOW_1.format(openai).replace("chromadb<1.0.0", shown, 1))
    ]


VANNA = (
    '[project]\nname = "v"\ndependencies = ["requests"]\n\n'
    "[project.optional-dependencies]\n"
    'all = ["openai", "chromadb>=1.1.0"]\n'
    'openai = ["openai"]\n'
    'azureopenai = ["openai", "azure-identity"]\n'
    'oracle = ["oracledb", "chromadb<1.0.0"]\n'
)


def test_extras_are_read_like_requirements_and_each_openai_place_named_once(tmp_path):
    (tmp_path / "pyproject.toml").write_text(VANNA)
    code, found = checked(tmp_path)
    assert code == 1
    assert found == [
        ("pyproject.toml", 9, CHROMA_BELOW_1.format("openai on lines 6, 7 and 8")),
    ]


def test_an_extra_named_like_a_package_is_a_list_not_a_poetry_constraint(registry):
    text = (
        '[project]\ndependencies = ["openai<1"]\n\n[project.optional-dependencies]\n'
        'langchain = ["langchain==0.0.184"]\nopenai = ["openai<1"]\n'
    )
    change = migrate(registry, text, "pyproject.toml")
    assert change.after == text
    assert [(f.line, f.message) for f in change.findings] == [
        (
            2,
            "openai<1 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "langchain==0.0.184 (line 5) needs openai<1: upgrade langchain to >=0.0.334, then "
            "move both pins together",
        ),
        (
            5,
            "langchain==0.0.184 works only with openai<1 (openai<1 on lines 2 and 6); migrated "
            "code needs openai>=1: upgrade langchain to >=0.0.334 together with openai"
            + TOKEN_MODEL_NOTE,
        ),
        (
            6,
            "openai<1 pins the pre-1.0 SDK; migrated code needs openai>=1, but "
            "langchain==0.0.184 (line 5) needs openai<1: upgrade langchain to >=0.0.334, then "
            "move both pins together",
        ),
    ]


def test_a_project_whose_modules_never_build_the_part_gets_a_note(tmp_path):
    (tmp_path / "pyproject.toml").write_text(VANNA)
    (tmp_path / "store.py").write_text(
        "from chromadb.utils import embedding_functions\nfrom openai import OpenAI\n\n"
        "ef = embedding_functions.DefaultEmbeddingFunction()\nclient = OpenAI()\n"
    )
    base = ["--provider", "qwen", "--format", "json", *PROVIDERS]
    scan = CliRunner().invoke(app, ["scan", str(tmp_path), *base])
    notes = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML504"]
    assert [(f["line"], f["severity"], f["fix"], f["message"]) for f in notes] == [
        (
            9,
            "note",
            "none",
            "chromadb<1.0.0 calls openai.Embedding in its OpenAIEmbeddingFunction under openai "
            "2 and later (it takes openai 1.x only); migrated code needs openai>=1 (openai on "
            "lines 6, 7 and 8), but no module of the project names OpenAIEmbeddingFunction: it "
            "matters only where one is built, then upgrade chromadb to >=1.0.0, or pin "
            "openai>=1,<2",
        )
    ]
    applied = CliRunner().invoke(
        app, ["apply", str(tmp_path), "--provider", "qwen", "--yes", *PROVIDERS]
    )
    assert applied.exit_code == 0, applied.output
    code, found = checked(tmp_path)
    assert (code, found) == (0, [])

    # a module that builds it makes the pin a warning again
    (tmp_path / "embed.py").write_text(
        "from chromadb.utils.embedding_functions import OpenAIEmbeddingFunction\n\n"
        'ef = OpenAIEmbeddingFunction(model_name="text-embedding-3-small")\n'
    )
    code, found = checked(tmp_path)
    assert code == 1
    assert ("pyproject.toml", 9, CHROMA_BELOW_1.format("openai on lines 6, 7 and 8")) in found
    # and so does checking the requirements file alone: no module says it is unused
    (tmp_path / "embed.py").unlink()
    code, found = checked(tmp_path / "pyproject.toml")
    assert code == 1
    assert found == [("pyproject.toml", 9, CHROMA_BELOW_1.format("openai on lines 6, 7 and 8"))]


def test_a_notebook_naming_the_part_counts_as_building_it():
    bits = facts_of(
        "notebook", b'{"source": ["ef = OpenAIEmbeddingFunction()"]}', True, False, None
    )
    assert RunFacts.of_bits(bits).openai_parts_unused == frozenset()
    code_only = facts_of("python", b"import openai\n", True, True, None)
    assert RunFacts.of_bits(code_only).openai_parts_unused == {"chromadb"}
    # a module the rules do not read tells nothing of the project's code
    unread = facts_of("python", b"x = 1\n", False, False, None)
    assert RunFacts.of_bits(unread).openai_parts_unused == frozenset()
