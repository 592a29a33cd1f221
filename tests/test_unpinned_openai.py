"""An openai requirement that admits 0.x releases (`openai`, `openai>=0.27`, Poetry's `"*"`)
in a project whose openai<1.0 code apply moves to the v1 client (t59f D4: LangChain 0.0.61
names openai only in its extras, unversioned; with openai 0.27.8 installed the migrated
package failed at import with `module 'openai' has no attribute 'OpenAI'`, and nothing said
so). ML504 now raises it to >=1 where the file lets it be written exactly, else reports it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

# a module on openai<1.0, which apply moves to `openai.OpenAI(...)`
V0 = """import openai


def embed(text):
    return openai.Embedding.create(input=[text], engine="text-embedding-ada-002")
"""
# a module already on openai>=1
V1 = """from openai import OpenAI

client = OpenAI()
"""

PEP621 = """[project]
name = "demo"
dependencies = ["requests"]

[project.optional-dependencies]
llm = ["openai", "tiktoken"]
data = ["openai[datalib]>=0.27,<2"]
"""
PEP621_AFTER = """[project]
name = "demo"
dependencies = ["requests"]

[project.optional-dependencies]
llm = ["openai>=1", "tiktoken"]
data = ["openai[datalib]>=1,<2"]
"""
POETRY = """[tool.poetry]
name = "demo"

[tool.poetry.dependencies]
python = "^3.9"
openai = {version = "*", optional = true}

[tool.poetry.extras]
llms = ["openai"]
"""
POETRY_AFTER = POETRY.replace('version = "*"', 'version = ">=1"')
# LangChain 0.0.61's shape: the extras name openai, no dependency table declares it
EXTRAS_ONLY = """[tool.poetry]
name = "demo"

[tool.poetry.dependencies]
python = "^3.9"

[tool.poetry.extras]
llms = ["cohere", "openai"]
"""
SETUP = """from setuptools import setup

setup(
    name="demo",
    install_requires=["requests"],
    extras_require={"llm": ["openai", "tiktoken"], "data": ['openai[datalib]']},
)
"""
SETUP_AFTER = """from setuptools import setup

setup(
    name="demo",
    install_requires=["requests"],
    extras_require={"llm": ["openai>=1", "tiktoken"], "data": ['openai[datalib]>=1']},
)
"""


def project(tmp_path, monkeypatch, files: dict[str, str]):
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)


def ml504(args: list[str]) -> list[tuple[str, int, str, str, str]]:
    result = CliRunner().invoke(app, [*args, "--provider", "zhipu", "--format", "json"])
    report = json.loads(result.stdout)
    return [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"])
        for f in report["findings"]
        if f["rule"] == "ML504"
    ]


def apply() -> None:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes"])
    assert done.exit_code == 0, done.stderr


def test_a_bare_requirement_is_raised_to_1(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"app.py": V0, "requirements.txt": "openai\nrequests\n"})
    assert ml504(["scan", "."]) == [
        (
            "requirements.txt",
            1,
            "error",
            "safe",
            "openai admits openai<1 releases, and apply moves the project's openai<1.0 code to "
            "the openai>=1 client (`openai.OpenAI(...)`): with a 0.x release installed, which "
            "this requirement accepts (pip keeps it), that code fails at import: apply raises it "
            "to >=1",
        )
    ]
    apply()
    assert (tmp_path / "requirements.txt").read_bytes() == b"openai>=1\nrequests\n"
    assert "openai.OpenAI(" in (tmp_path / "app.py").read_text()
    apply()  # a second run changes nothing
    assert (tmp_path / "requirements.txt").read_bytes() == b"openai>=1\nrequests\n"
    assert ml504(["check", "."]) == []


def test_pep621_extras_and_a_floor_below_1(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"app.py": V0, "pyproject.toml": PEP621})
    assert [(line, fix) for _, line, _, fix, _ in ml504(["scan", "."])] == [
        (6, "safe"),
        (7, "safe"),
    ]
    apply()
    assert (tmp_path / "pyproject.toml").read_text() == PEP621_AFTER
    assert ml504(["check", "."]) == []


def test_poetry_dependency_of_any_version(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"app.py": V0, "pyproject.toml": POETRY})
    apply()
    assert (tmp_path / "pyproject.toml").read_text() == POETRY_AFTER
    assert ml504(["check", "."]) == []


def test_setup_py_extras(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"app.py": V0, "setup.py": SETUP})
    apply()
    assert (tmp_path / "setup.py").read_text() == SETUP_AFTER
    assert ml504(["check", "."]) == []


def test_an_extra_naming_an_undeclared_openai_is_left_to_a_person(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"app.py": V0, "pyproject.toml": EXTRAS_ONLY})
    message = (
        "the extra 'llms' names openai, which no dependency table of this file declares, so "
        "nothing sets its version and an installed 0.x release stays; migrated code needs "
        "the openai>=1 client, which fails at import there: declare it under "
        '[tool.poetry.dependencies] as openai = {version = ">=1", optional = true}'
    )
    assert ml504(["scan", "."]) == [("pyproject.toml", 8, "error", "manual", message)]
    apply()
    assert (tmp_path / "pyproject.toml").read_text() == EXTRAS_ONLY
    # the code is on openai>=1 now: check still fails on the extra
    assert ml504(["check", "."]) == [("pyproject.toml", 8, "error", "manual", message)]


def test_a_project_already_on_openai_1_keeps_its_requirement(tmp_path, monkeypatch):
    project(tmp_path, monkeypatch, {"app.py": V1, "requirements.txt": "openai\n"})
    assert ml504(["scan", "."]) == []
    apply()
    assert (tmp_path / "requirements.txt").read_bytes() == b"openai\n"


def test_setup_strings_that_are_no_requirement_are_left(tmp_path, monkeypatch):
    # review of s60: `keywords=["openai"]` and an extra named "openai" were rewritten
    setup = (
        "from setuptools import setup\n\nsetup(\n"
        '    name="tool",\n    keywords=["openai", "gpt"],\n'
        '    install_requires=["openai", "requests"],\n'
        '    extras_require={"openai": ["tiktoken"]},\n)\n'
    )
    project(tmp_path, monkeypatch, {"app.py": V0, "setup.py": setup})
    assert [(path, line) for path, line, *_ in ml504(["scan", "."])] == [("setup.py", 6)]
    apply()
    assert (tmp_path / "setup.py").read_text() == setup.replace(
        '["openai", "requests"]', '["openai>=1", "requests"]'
    )


def test_poetry_extras_name_packages_not_versions(tmp_path, monkeypatch):
    # review of s60: `extras = ["openai"]` of another dependency became "openai>=1"
    poetry = POETRY.replace(
        'openai = {version = "*", optional = true}\n',
        'openai = {version = "*", optional = true}\n'
        'langchain = {version = "*", extras = ["openai"]}\n',
    )
    project(tmp_path, monkeypatch, {"app.py": V0, "pyproject.toml": poetry})
    apply()
    assert (tmp_path / "pyproject.toml").read_text() == poetry.replace(
        'openai = {version = "*"', 'openai = {version = ">=1"'
    )
