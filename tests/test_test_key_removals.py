"""A test's removal of the stand-in key it set is renamed with the write (t61b D5).

aider's tests set `os.environ["OPENAI_API_KEY"] = "test-key"` and later `del` it. ML404 renamed
the write to the provider's variable and ML401 left the removal (renamed alone, a removal would
take away the user's provider key), so the migrated test failed with KeyError. Where every
write of the variable in the function or class around the removal is such a stand-in,
the removal takes away only what the test set: it is renamed with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

SET_AND_DELETE = """\
import os

from openai import OpenAI


def test_client():
    os.environ["OPENAI_API_KEY"] = "test-key"
    assert OpenAI().api_key == "test-key"
    del os.environ["OPENAI_API_KEY"]


def test_popped():
    os.environ["OPENAI_API_KEY"] = "sk-test-stand-in"
    OpenAI()
    os.environ.pop("OPENAI_API_KEY")
"""

SET_AND_DELETE_APPLIED = """\
import os

from openai import OpenAI


def test_client():
    os.environ["DEEPSEEK_API_KEY"] = "test-key"
    assert (
        OpenAI(
            api_key=os.environ["DEEPSEEK_API_KEY"],
            base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        ).api_key
        == "test-key"
    )
    del os.environ["DEEPSEEK_API_KEY"]


def test_popped():
    os.environ["DEEPSEEK_API_KEY"] = "sk-test-stand-in"
    OpenAI(
        api_key=os.environ["DEEPSEEK_API_KEY"],
        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
    )
    os.environ.pop("DEEPSEEK_API_KEY")
"""

SET_UP_AND_TEAR_DOWN = """\
import os
import unittest


class ClientTest(unittest.TestCase):
    def setUp(self):
        os.environ["OPENAI_API_KEY"] = "fake-key"

    def tearDown(self):
        del os.environ["OPENAI_API_KEY"]
"""


def _scan(tmp_path: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "-p", "deepseek", "--format", "json"])
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] in {"ML401", "ML404"}]


def _apply(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["apply", str(tmp_path), "-p", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output


def test_the_removal_of_a_stand_in_the_test_set_is_renamed_with_it(tmp_path: Path):
    test = tmp_path / "tests" / "test_client.py"
    test.parent.mkdir()
    test.write_text(SET_AND_DELETE)
    found = [(f["line"], f["rule"], f["severity"], f["fix"]) for f in _scan(tmp_path)]
    assert found == [
        (7, "ML404", "warning", "review"),
        (9, "ML401", "warning", "review"),
        (13, "ML404", "warning", "review"),
        (15, "ML401", "warning", "review"),
    ]
    removal = next(f for f in _scan(tmp_path) if f["line"] == 9)
    assert removal["message"] == (
        "removes OPENAI_API_KEY, which the test sets to a stand-in key on line 7 that apply "
        "renames: renamed with it to DEEPSEEK_API_KEY"
    )
    _apply(tmp_path)
    assert test.read_text() == SET_AND_DELETE_APPLIED
    _apply(tmp_path)  # idempotent
    assert test.read_text() == SET_AND_DELETE_APPLIED
    assert _scan(tmp_path) == []


def test_the_migrated_tests_pass_with_no_openai_variable(tmp_path: Path):
    test = tmp_path / "test_client.py"
    test.write_text(SET_AND_DELETE)
    _apply(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DEEPSEEK_"))}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout


def test_a_tear_down_goes_with_the_set_up(tmp_path: Path):
    test = tmp_path / "test_case.py"
    test.write_text(SET_UP_AND_TEAR_DOWN)
    _apply(tmp_path)
    assert test.read_text() == SET_UP_AND_TEAR_DOWN.replace("OPENAI_API_KEY", "DEEPSEEK_API_KEY")


@pytest.mark.parametrize(
    ("written", "applied"),
    [
        ('os.environ["OPENAI_API_KEY"] = load_key()', 'os.environ["OPENAI_API_KEY"] = load_key()'),
        (
            'os.environ["OPENAI_API_KEY"] = "test-key"\n    os.environ["OPENAI_API_KEY"] = load_key()',
            'os.environ["DEEPSEEK_API_KEY"] = "test-key"\n    os.environ["OPENAI_API_KEY"] = load_key()',
        ),
    ],
)
def test_a_removal_beside_a_write_apply_leaves_is_left(tmp_path: Path, written: str, applied: str):
    def module(writes: str) -> str:
        return (
            "import os\n\n\n"
            f"def test_client(load_key):\n    {writes}\n"
            '    del os.environ["OPENAI_API_KEY"]\n'
        )

    (tmp_path / "test_client.py").write_text(module(written))
    removal = [f for f in _scan(tmp_path) if "removes" in f["message"]]
    assert [(f["severity"], f["fix"]) for f in removal] == [("note", "none")]
    _apply(tmp_path)
    assert (tmp_path / "test_client.py").read_text() == module(applied)


def test_a_removal_in_a_test_of_its_own_beside_another_classs_set_up_is_left(tmp_path: Path):
    source = SET_UP_AND_TEAR_DOWN + (
        '\n\ndef test_key_absent():\n    del os.environ["OPENAI_API_KEY"]\n'
    )
    (tmp_path / "test_case.py").write_text(source)
    removal = [f for f in _scan(tmp_path) if f["line"] == 14]
    assert [(f["severity"], f["fix"]) for f in removal] == [("note", "none")]
    _apply(tmp_path)
    after = (tmp_path / "test_case.py").read_text()
    assert after == SET_UP_AND_TEAR_DOWN.replace("OPENAI_API_KEY", "DEEPSEEK_API_KEY") + (
        '\n\ndef test_key_absent():\n    del os.environ["OPENAI_API_KEY"]\n'
    )
