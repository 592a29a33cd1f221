"""Gitignored Python settings modules that the scanned code imports by a literal name (t56a D2:
gpt_academic's `config_private.py`, loaded with `importlib.import_module("config_private")`
over config.py): scanned as a gitignored config file a module reads is, their findings left to
a person (apply edits such a module only when it is named)."""

from __future__ import annotations

import json

import pytest

from migrate_llm.gitignored import importers

from .cli_findings import cli as invoke
from .cli_findings import git_project

KEY = "sk-" + "O" * 48
PRIVATE = f'API_KEY = "{KEY}"\nLLM_MODEL = "gpt-4o-mini"\n'
CHAT = """\
import importlib
import os


def get_conf(name):
    if name in os.environ:
        return os.environ[name]
    try:
        return getattr(importlib.import_module("config_private"), name)
    except (ImportError, AttributeError):
        return getattr(importlib.import_module("config"), name)
"""
IMPORTS = "in a gitignored module that chat.py:9 imports"
NAMED = "apply makes this edit only when the file is named, `apply config_private.py`"
ML004 = (
    "config_private.py:1:11 ML004 hard-coded API key sk-OO…OO; read it from DASHSCOPE_API_KEY "
    "and rotate it"
)
ML204 = (
    "config_private.py:2:13 ML204 constant LLM_MODEL = 'gpt-4o-mini' maps to 'qwen-plus' on "
    "Alibaba Qwen (DashScope / Model Studio)"
)


@pytest.fixture
def private(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return git_project(
        tmp_path,
        {
            ".gitignore": "config_private.py\n",
            "config_private.py": PRIVATE,
            "config.py": 'API_KEY = ""\nLLM_MODEL = "qwen-plus"\n',
            "chat.py": CHAT,
        },
    )


def test_check_fails_on_the_key_and_model_of_a_gitignored_module_the_code_imports(private):
    for _ in range(2):  # the second run from the result cache
        checked = invoke("check", ".", "-p", "qwen")
        assert checked.exit_code == 1
        assert checked.stdout.splitlines() == [
            f"{ML004} ({IMPORTS})",
            f"{ML204} ({IMPORTS}: {NAMED})",
            "2 findings for qwen in 1 of 3 files; 1 error, 1 warning, 0 note",
        ]
        assert KEY not in checked.output


def test_apply_leaves_the_gitignored_module_unless_it_is_named(private):
    scanned = json.loads(invoke("scan", ".", "-p", "qwen", "-f", "json").stdout)
    assert (scanned["files"], scanned["ignored"]) == (3, [])
    assert [(f["rule"], f["fix"], f["severity"], f["data"]) for f in scanned["findings"]] == [
        (
            "ML004",
            "manual",
            "error",
            {
                "secret": "sk-OO…OO",
                "key_env": "DASHSCOPE_API_KEY",
                "gitignored": True,
                "read_by": "chat.py:9",
            },
        ),
        (
            "ML204",
            "manual",
            "warning",
            {
                "model_from": "gpt-4o-mini",
                "model_to": "qwen-plus",
                "gitignored": True,
                "read_by": "chat.py:9",
            },
        ),
    ]
    assert invoke("apply", ".", "-p", "qwen", "--diff").stdout == ""
    assert invoke("apply", ".", "-p", "qwen", "--yes").exit_code == 0
    assert (private / "config_private.py").read_text() == PRIVATE
    named = invoke("apply", ".", "config_private.py", "-p", "qwen", "--yes")
    assert named.exit_code == 0
    assert (private / "config_private.py").read_text() == PRIVATE.replace(
        "gpt-4o-mini", "qwen-plus"
    )


def test_a_gitignored_module_nothing_imports_is_not_scanned(private):
    (private / "chat.py").write_text(CHAT.replace('"config_private"', '"config"'))
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 2 files\n")


def test_a_gitignored_module_naming_nothing_of_openai_is_not_looked_for(private, monkeypatch):
    """Its importers are not searched (a run's every module read again for `_version.py`)."""
    (private / "config_private.py").write_text("DEBUG = True\nTIMEOUT = 30\n")
    looked: list[list[str]] = []
    monkeypatch.setattr(
        "migrate_llm.engine.importers", lambda found, *_: looked.append(list(found)) or {}
    )
    checked = invoke("check", ".", "-p", "qwen")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for qwen in 0 of 2 files\n")
    assert looked == []


@pytest.mark.parametrize(
    ("module", "code", "line"),
    [
        ("app.py", "import config_private", 1),
        ("app.py", "from config_private import *", 1),
        ("app.py", "x = 1\nfrom config_private import API_KEY", 2),
        ("app.py", 'settings = __import__("config_private")', 1),
        ("pkg/app.py", "from . import config_private", 1),
        ("pkg/app.py", "from .config_private import API_KEY", 1),
        ("pkg/sub/app.py", "from .. import config_private", 1),
    ],
)
def test_a_module_imports_a_gitignored_module_by_its_name(tmp_path, module, code, line):
    place = "pkg/config_private.py" if module.startswith("pkg/") else "config_private.py"
    for name, text in {place: PRIVATE, module: code + "\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    candidate = str(tmp_path / place)
    found = importers([candidate], [str(tmp_path / module)], [str(tmp_path)])
    assert found == {candidate: (str(tmp_path / module), line)}


@pytest.mark.parametrize(
    "code",
    [
        'text = "config_private"',  # a string, not an import
        "import config_private_old",
        'importlib.import_module(f"config_{name}")',
        "import other.config_private",
    ],
)
def test_a_name_that_is_no_import_of_the_module_is_not_one(tmp_path, code):
    (tmp_path / "config_private.py").write_text(PRIVATE)
    (tmp_path / "app.py").write_text(code + "\n")
    found = importers([str(tmp_path / "config_private.py")], [str(tmp_path / "app.py")], [])
    assert found == {}
