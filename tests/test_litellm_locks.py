"""ML641 on lock files: a uv.lock or poetry.lock locking litellm below the first release with
the provider's route, which `uv sync` / `poetry install` install whatever pyproject.toml
admits (t61c: Open Interpreter's apps lock litellm through open-interpreter). Reported, never
edited: the message says how to re-lock."""

from __future__ import annotations

import json

import pytest

from .cli_findings import cli, write_here

APP = 'from interpreter import interpreter\n\ninterpreter.llm.model = "gpt-4o"\n'
PYPROJECT = '[project]\nname = "notes"\nversion = "0.1.0"\ndependencies = ["open-interpreter"]\n'
UV_LOCK = (
    'version = 1\n\n[[package]]\nname = "litellm"\nversion = "{version}"\n'
    'source = {{ registry = "https://pypi.org/simple" }}\n\n'
    '[[package]]\nname = "notes"\nversion = "0.1.0"\n'
)
POETRY_LOCK = (
    '[[package]]\nname = "litellm"\nversion = "{version}"\ndescription = "calls models"\n'
    "optional = false\n"
)
ROUTE = (
    "which has no zai/ route for Zhipu AI (GLM) (litellm 1.80.8 is the first with it), on "
    "which apply writes the litellm calls and models it moves, with api_key= and api_base=: "
    "re-lock litellm to >=1.80.8 (`{upgrade}`; where pyproject.toml admits no such release, "
    "move its requirement first); apply leaves lock files as they are"
)


@pytest.mark.parametrize(
    ("lock", "text", "line", "upgrade"),
    [
        ("uv.lock", UV_LOCK, 5, "uv lock --upgrade-package litellm"),
        ("poetry.lock", POETRY_LOCK, 3, "poetry update litellm"),
    ],
)
def test_a_lock_below_the_route_is_reported_and_left(
    tmp_path, monkeypatch, lock, text, line, upgrade
):
    locked = text.format(version="1.75.0")
    write_here(tmp_path, monkeypatch, {"app.py": APP, "pyproject.toml": PYPROJECT, lock: locked})
    scan = cli("scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache")
    assert scan.exit_code == 0, scan.stderr
    (found,) = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML641"]
    assert (found["path"], found["line"], found["column"], found["fix"]) == (
        lock,
        line,
        12,
        "manual",
    )
    assert found["message"] == f"{lock} locks litellm 1.75.0, " + ROUTE.format(upgrade=upgrade)
    assert found["data"] == {
        "locked": "1.75.0",
        "lock_file": lock,
        "litellm_route": "zai",
        "first_release": "1.80.8",
    }
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == APP.replace('"gpt-4o"', '"zai/glm-5.3"')
    assert (tmp_path / lock).read_bytes() == locked.encode()  # no edit to a lock file
    check = cli("check", ".", "--provider", "zhipu")
    assert check.exit_code == 1
    assert check.stdout.splitlines()[0] == (
        f"{lock}:{line}:12 ML641 {lock} locks litellm 1.75.0, " + ROUTE.format(upgrade=upgrade)
    )


@pytest.mark.parametrize(
    ("version", "provider", "reported"),
    [
        ("1.80.7", "zhipu", True),
        ("1.80.8", "zhipu", False),
        ("1.110.2", "zhipu", False),
        ("1.74.1", "qwen", True),
        ("1.74.2", "qwen", False),
        ("0.1.213", "siliconflow", False),  # no litellm route of its own
        ("0.1.213", "openai", False),
    ],
)
def test_the_locked_version_against_each_route(tmp_path, monkeypatch, version, provider, reported):
    write_here(tmp_path, monkeypatch, {"uv.lock": UV_LOCK.format(version=version)})
    scan = cli("scan", ".", "--provider", provider, "--format", "json", "--no-cache")
    rules = [f["rule"] for f in json.loads(scan.stdout)["findings"]]
    assert rules == (["ML641"] if reported else [])


def test_every_version_uv_locks_is_read(tmp_path, monkeypatch):
    """uv locks one entry per version where markers split the resolution."""
    two = UV_LOCK.format(version="1.80.9") + '\n[[package]]\nname = "litellm"\nversion = "1.79.0"\n'
    write_here(tmp_path, monkeypatch, {"uv.lock": two})
    scan = cli("scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache")
    found = [(f["line"], f["data"]["locked"]) for f in json.loads(scan.stdout)["findings"]]
    assert found == [(14, "1.79.0")]


def test_other_lock_files_and_other_packages_are_not_read(tmp_path, monkeypatch):
    write_here(
        tmp_path,
        monkeypatch,
        {
            "pdm.lock": POETRY_LOCK.format(version="1.0.0"),
            "uv.lock": UV_LOCK.format(version="1.0.0").replace('"litellm"', '"litellm-proxy"'),
        },
    )
    scan = cli("scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache")
    assert json.loads(scan.stdout)["findings"] == []


NOTED = (
    "uv.lock locks litellm 1.75.0, which has no zai/ route for Zhipu AI (GLM) (litellm 1.80.8 "
    "is the first with it); no module of the project calls litellm or a framework handing it "
    "models (crewAI, DSPy, Open Interpreter, aider, smolagents' LiteLLMModel, txtai): another "
    "package locks it; before calling it, re-lock litellm to >=1.80.8 (`uv lock "
    "--upgrade-package litellm`; where pyproject.toml admits no such release, move its "
    "requirement first)"
)
OWN_CLIENT = (
    "import os\n\nfrom openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.environ["ZAI_API_KEY"], '
    'base_url="https://open.bigmodel.cn/api/paas/v4")\n'
)


def test_a_lock_in_a_project_calling_no_litellm_is_a_note_and_check_passes(tmp_path, monkeypatch):
    """A lock holds litellm for a dependency (dspy's, crewAI tools') the project never
    routes a model through: the review of session 62 found check red there for good."""
    locked = UV_LOCK.format(version="1.75.0")
    write_here(tmp_path, monkeypatch, {"app.py": OWN_CLIENT, "uv.lock": locked})
    scan = cli("scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache")
    [found] = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML641"]
    assert (found["rule"], found["line"], found["severity"], found["fix"]) == (
        "ML641",
        5,
        "note",
        "none",
    )
    assert found["message"] == NOTED
    check = cli("check", ".", "--provider", "zhipu", "--no-cache")
    assert check.exit_code == 0, check.stdout
    assert (tmp_path / "uv.lock").read_text() == locked


@pytest.mark.parametrize(
    "module",
    [
        'import litellm\n\nlitellm.completion(model="gpt-4o", messages=[])\n',
        'import dspy\n\nlm = dspy.LM("openai/gpt-4o")\n',
        "from crewai import Agent\n",
        "from txtai import LLM\n",
        APP,
    ],
)
def test_a_lock_where_a_module_routes_through_litellm_keeps_check_red(
    tmp_path, monkeypatch, module
):
    write_here(
        tmp_path, monkeypatch, {"main.py": module, "uv.lock": UV_LOCK.format(version="1.75.0")}
    )
    scan = cli("scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache")
    found = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML641"]
    assert [(f["severity"], f["fix"]) for f in found] == [("warning", "manual")]
    assert found[0]["message"] == "uv.lock locks litellm 1.75.0, " + ROUTE.format(
        upgrade="uv lock --upgrade-package litellm"
    )
