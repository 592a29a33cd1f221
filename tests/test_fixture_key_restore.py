"""A test function that saves OpenAI's key variable, sets a stand-in and restores it (canopy's
`bad_api_key` fixture, t65e): ML404 leaves the stand-in with the other two lines (renamed
alone, the stand-in stayed in the provider's variable for every later test)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

FIXTURE = (
    "import os\n\n"
    "import pytest\n\n\n"
    "@pytest.fixture()\n"
    "def bad_api_key():\n"
    '    before = os.environ.pop("OPENAI_API_KEY", None)\n'
    '    os.environ["OPENAI_API_KEY"] = "bad key"\n'
    "    yield\n"
    "    if before is not None:\n"
    '        os.environ["OPENAI_API_KEY"] = before\n'
)


def file_findings(registry, text: str, provider: str, path: str):
    """(rule, line, column, message) of every finding on `text` as the test file `path`."""
    ctx = RuleContext(registry, registry.get(provider))
    found = FileScanner(ctx, Path(".")).findings("python", path, text) or []
    return [(f.rule, f.line, f.column, f.message) for f in found]


def test_the_stand_in_is_left_with_the_save_and_the_restore(registry):
    found = file_findings(registry, FIXTURE, "siliconflow", path="tests/test_llm.py")
    assert sorted(found) == [
        (
            "ML401",
            8,
            14,
            "reads and removes OPENAI_API_KEY: renamed, it would remove SiliconFlow's variable "
            "from the environment; read that with os.environ.get and keep this removal, by hand",
        ),
        (
            "ML404",
            9,
            5,
            "sets OPENAI_API_KEY to a stand-in key in test code, in a function that also sets it "
            "back (line 12): left with the lines that save and restore it, as renamed alone the "
            "stand-in would stay in SILICONFLOW_CN_API_KEY for every later test; move them to "
            "SILICONFLOW_CN_API_KEY together, by hand",
        ),
        (
            "ML404",
            12,
            9,
            "sets OPENAI_API_KEY: the value is an OpenAI key and is not copied to "
            "SILICONFLOW_CN_API_KEY; set SILICONFLOW_CN_API_KEY from SiliconFlow's console "
            "instead",
        ),
    ]


def test_apply_leaves_the_fixture_as_it_is(tmp_path, monkeypatch):
    tests = tmp_path / "tests"
    tests.mkdir()
    path = tests / "test_llm.py"
    path.write_bytes(FIXTURE.encode())
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", "-p", "siliconflow", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.output
    assert path.read_bytes() == FIXTURE.encode()
    assert CliRunner().invoke(app, ["check", "-p", "siliconflow"]).exit_code == 1


def test_a_stand_in_alone_still_moves(registry):
    text = 'import os\n\n\ndef test_reply():\n    os.environ["OPENAI_API_KEY"] = "FAKE"\n'
    assert file_findings(registry, text, "siliconflow", path="tests/test_x.py") == [
        (
            "ML404",
            5,
            5,
            "sets OPENAI_API_KEY to a stand-in key in test code: it goes to "
            "SILICONFLOW_CN_API_KEY, which the clients apply moves to SiliconFlow read (no key "
            "is copied)",
        )
    ]
