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
    ],
)
def test_not_reported(registry, text):
    change = migrate(registry, text, "requirements.txt")
    assert [f for f in change.findings if "calls openai." in f.message] == []


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
