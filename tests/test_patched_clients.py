"""A project's tests that double its modules' OpenAI client classes keep passing after apply.

t52c (nano-graphrag on SiliconFlow): tests/test_openai.py patches
`nano_graphrag._llm.AsyncOpenAI` and `nano_graphrag._llm.AsyncAzureOpenAI`. After apply the
first failed with KeyError (the new key read `os.environ["SILICONFLOW_CN_API_KEY"]` ran before
the mocked constructor) and the second with AttributeError (the Azure import was gone), while
check exited 0. Now the key read of a doubled module tolerates the variable unset, and ML002
names the plain class in a double or read of the Azure one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.patched_clients import doubles_module_client, module_names, patched_clients
from migrate_llm.project_doubles import doubles_beyond
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from tests import network_guard
from tests.apply_summary import placeholder_step
from tests.program_runner import run_python

MODULE = """from openai import AsyncAzureOpenAI, AsyncOpenAI


def get_client():
    return AsyncOpenAI()


def get_azure_client():
    return AsyncAzureOpenAI()
"""

TESTS = """from unittest.mock import patch

import mod


def test_client():
    with patch("mod.AsyncOpenAI") as m:
        m.return_value = "C"
        assert mod.get_client() == "C"


def test_azure_client():
    with patch("mod.AsyncAzureOpenAI") as m:
        m.return_value = "A"
        assert mod.get_azure_client() == "A"
"""

CLIENT = """AsyncOpenAI(
        api_key=os.environ.get("SILICONFLOW_CN_API_KEY", "unset"),
        base_url=os.environ.get(
            "SILICONFLOW_BASE_URL", "https://api.siliconflow.cn/v1"
        ),
    )"""

MIGRATED = f"""import os

from openai import AsyncOpenAI


def get_client():
    return {CLIENT}


def get_azure_client():
    return {CLIENT}
"""


def _pytest(project, tmp_path) -> str:
    """The last line of the project's test run, in an environment without any key."""
    env = {"PATH": os.environ.get("PATH", "")}
    guarded = network_guard.subprocess_env(env, tmp_path / "guard")
    proc = run_python(["-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, env=guarded)
    return proc.stdout.strip().splitlines()[-1]


def test_the_doubled_project_passes_its_tests_after_apply(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    (project / "mod.py").write_text(MODULE)
    (project / "test_mod.py").write_text(TESTS)
    assert _pytest(project, tmp_path).startswith("2 passed")
    monkeypatch.chdir(project)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (project / "mod.py").read_text() == MIGRATED
    assert (project / "test_mod.py").read_text() == TESTS.replace(
        '"mod.AsyncAzureOpenAI"', '"mod.AsyncOpenAI"'
    )
    assert _pytest(project, tmp_path).startswith("2 passed")
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "siliconflow"])
    assert checked.exit_code == 0, checked.stdout


def test_check_fails_on_a_double_an_earlier_apply_left(tmp_path, monkeypatch):
    """The tree an earlier release left: the module migrated, the test still doubling the
    Azure class the module no longer has."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mod.py").write_text(MIGRATED)
    (tmp_path / "test_mod.py").write_text(TESTS)
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "siliconflow"])
    assert (checked.exit_code, checked.stdout.splitlines()[0]) == (
        1,
        "test_mod.py:13:16 ML002 a test double of mod.AsyncAzureOpenAI, which mod no longer has "
        "once apply replaces its AsyncAzureOpenAI() with AsyncOpenAI() (ML002 there); apply "
        "doubles mod.AsyncOpenAI instead",
    )


def test_a_module_nothing_doubles_keeps_the_key_read_that_names_its_variable(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mod.py").write_text(MODULE)
    (tmp_path / "test_other.py").write_text('from unittest.mock import patch\n\npatch("x.y")\n')
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "mod.py").read_text() == MIGRATED.replace(
        'os.environ.get("SILICONFLOW_CN_API_KEY", "unset")', 'os.environ["SILICONFLOW_CN_API_KEY"]'
    )


def test_a_package_module_doubled_by_its_dotted_name(tmp_path, monkeypatch):
    """nano-graphrag's shape: `patch("nano_graphrag._llm.AsyncOpenAI")` from tests/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "_llm.py").write_text(
        "from openai import AsyncOpenAI\n\n\ndef client():\n    return AsyncOpenAI()\n"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_llm.py").write_text(
        "from unittest.mock import patch\n\nfrom pkg import _llm\n\n\ndef test_client():\n"
        '    with patch("pkg._llm.AsyncOpenAI"):\n        _llm.client()\n'
    )
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (
        'api_key=os.environ.get("SILICONFLOW_CN_API_KEY", "unset"),'
        in (tmp_path / "pkg" / "_llm.py").read_text()
    )


def test_doubles_by_module_and_name_and_reads_are_renamed(registry):
    text = (
        "from unittest import mock\n\nfrom app import llm\n\n\n"
        "def test_a(monkeypatch):\n"
        '    monkeypatch.setattr(llm, "AzureOpenAI", object)\n'
        '    with mock.patch.object(llm, "AsyncAzureOpenAI"):\n'
        "        assert isinstance(llm.make(), llm.AzureOpenAI)\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML002"]
    assert [(f.line, f.message, f.edit and f.edit.text) for f in found] == [
        (
            7,
            "a test double of app.llm.AzureOpenAI, which app.llm no longer has once apply "
            "replaces its AzureOpenAI() with OpenAI() (ML002 there); apply doubles "
            "app.llm.OpenAI instead",
            '"OpenAI"',
        ),
        (
            8,
            "a test double of app.llm.AsyncAzureOpenAI, which app.llm no longer has once apply "
            "replaces its AsyncAzureOpenAI() with AsyncOpenAI() (ML002 there); apply doubles "
            "app.llm.AsyncOpenAI instead",
            '"AsyncOpenAI"',
        ),
        (
            9,
            "app.llm.AzureOpenAI is read here, which app.llm no longer has once apply replaces "
            "its AzureOpenAI() with OpenAI() (ML002 there); apply reads app.llm.OpenAI instead",
            "OpenAI",
        ),
    ]


def test_doubles_are_left_where_azure_clients_stay(registry):
    text = 'from unittest.mock import patch\n\npatch("app.llm.AzureOpenAI")\n'
    for provider in ("openai", "azure"):
        ctx = RuleContext(registry, registry.get(provider))
        assert [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML002"] == []


def test_patched_clients_reads_each_form():
    source = (
        "import app.llm\nfrom unittest import mock\nfrom pkg import _llm as llm\n"
        'mock.patch("pkg._llm.AsyncOpenAI")\n'
        'mock.patch.object(llm, "AzureOpenAI")\n'
        "x = app.llm.OpenAI\n"
        'patch("pkg.llm.Other")\n'
        "import openai\ny = openai.OpenAI\n"
    )
    assert sorted(patched_clients("t.py", "t.py", source.encode())) == [
        "app.llm.OpenAI",
        "pkg._llm.AsyncOpenAI",
        "pkg._llm.AzureOpenAI",
    ]


def test_module_names_and_doubles():
    assert module_names(os.path.join("src", "pkg", "_llm.py")) == {
        "_llm",
        "pkg._llm",
        "src.pkg._llm",
    }
    assert module_names("pkg/__init__.py") == {"pkg"}
    assert doubles_module_client(["pkg._llm.AsyncOpenAI"], "src/pkg/_llm.py")
    assert doubles_module_client(["openai.OpenAI"], "app.py")
    assert not doubles_module_client(["other.AsyncOpenAI"], "src/pkg/_llm.py")


# t52j D3: `apply mod.py`, the package alone, wrote `os.environ[...]` while the tests beside it
# doubled the module's client class; the form of the read depended on the paths given.
def test_the_module_given_alone_reads_the_key_as_when_its_tests_are_given(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    (project / "mod.py").write_text(MODULE)
    (project / "test_mod.py").write_text(TESTS)
    monkeypatch.chdir(project)
    scanned = CliRunner().invoke(app, ["scan", "mod.py", "-p", "siliconflow", "--format", "json"])
    (client,) = [f for f in json.loads(scanned.stdout)["findings"] if f["rule"] == "ML001"]
    assert client["fix"] == "safe"
    done = CliRunner().invoke(app, ["apply", "mod.py", "--provider", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (project / "mod.py").read_text() == MIGRATED
    assert (project / "test_mod.py").read_text() == TESTS  # not given: left
    assert done.stderr.splitlines()[-1] == (
        "Next: export SILICONFLOW_CN_API_KEY=<your SiliconFlow key> (the OpenAI key does not "
        "work there). "
        + placeholder_step("SiliconFlow", "mod.py:8", "mod.py:17")
        + " SILICONFLOW_BASE_URL overrides the base URL https://api.siliconflow.cn/v1 (a proxy, "
        "a region, a test server)."
    )
    # the plain client's test passes; the Azure double, in a file not given, is ML002's
    assert _pytest(project, tmp_path).startswith("1 failed, 1 passed")


def test_a_package_given_alone_below_the_project_file(tmp_path, monkeypatch):
    """nano-graphrag's `apply nano_graphrag`, also run from inside the package: setup.py marks
    the project whose tests/ double `pkg._llm.AsyncOpenAI`."""
    (tmp_path / "setup.py").write_text("from setuptools import setup\n\nsetup()\n")
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    llm = "from openai import AsyncOpenAI\n\n\ndef client():\n    return AsyncOpenAI()\n"
    (package / "_llm.py").write_text(llm)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "helpers.py").write_text(
        "from unittest.mock import patch\n\nDOUBLE = patch('pkg._llm.AsyncOpenAI')\n"
    )
    tolerant = 'api_key=os.environ.get("SILICONFLOW_CN_API_KEY", "unset"),'
    for cwd, given in ((tmp_path, "pkg"), (package, "_llm.py")):
        (package / "_llm.py").write_text(llm)
        monkeypatch.chdir(cwd)
        done = CliRunner().invoke(app, ["apply", given, "--provider", "siliconflow", "--yes"])
        assert done.exit_code == 0, done.stderr
        assert tolerant in (package / "_llm.py").read_text(), cwd


@pytest.mark.parametrize(
    "double",
    [
        'patch("other.AsyncOpenAI")',  # a module the project does not have (test data)
        'patch("pkg._llm.AsyncOpenAI")',  # not a test module: `helpers.py` outside tests/
    ],
)
def test_what_counts_of_the_project_beyond_the_paths(tmp_path, monkeypatch, double):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "_llm.py").write_text(
        "from openai import AsyncOpenAI\n\n\ndef client():\n    return AsyncOpenAI()\n"
    )
    name = "test_llm.py" if "other" in double else "helpers.py"
    (tmp_path / name).write_text(f"from unittest.mock import patch\n\n{double}\n")
    assert doubles_beyond([Path("pkg")], tmp_path) == {}
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "pkg", "--provider", "siliconflow", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (
        'api_key=os.environ["SILICONFLOW_CN_API_KEY"],'
        in (tmp_path / "pkg" / "_llm.py").read_text()
    )


def test_doubles_beyond_reads_the_project_of_each_path_once(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "src" / "app").mkdir(parents=True)
    (tmp_path / "src" / "app" / "llm.py").write_text("")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_llm.py").write_text(
        'from unittest import mock\n\nmock.patch("app.llm.OpenAI")\nmock.patch("openai.OpenAI")\n'
        'mock.patch("app.gone.OpenAI")\n'
    )
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "test_x.py").write_text('mock.patch("app.llm.AzureOpenAI")\n')
    found = doubles_beyond([Path("src/app/llm.py"), tmp_path / "src"], tmp_path)
    assert found == {str(tmp_path): frozenset({"app.llm.OpenAI", "openai.OpenAI"})}
    # the paths cover the project whole: nothing beyond them
    assert doubles_beyond([Path(".")], tmp_path) == {}
