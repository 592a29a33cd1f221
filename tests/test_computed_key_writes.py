"""A key variable the program stores under a name computed at run time, in another module
(aider's `os.environ[f"{provider.upper()}_API_KEY"] = key` for `--api-key openai=...`): a read
of OPENAI_API_KEY elsewhere reads what the program stored there. apply renamed aider's test's
read to DEEPSEEK_API_KEY, and `test_api_key_multiple` failed (t41b D2); the module that writes
it was already left (`EnvNames.computed_write`). Now the project fact
(`RunFacts.computed_key_written`) leaves the reads of every module of the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.run_facts import WRITES_COMPUTED_KEY, facts_of


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ('os.environ[f"{provider.upper()}_API_KEY"] = key', True),
        ('os.environ[name.upper() + "_API_KEY"] = key', True),
        ('os.environ.setdefault(f"{name}_API_KEY", key)', True),
        ('os.putenv(name + "_API_KEY", key)', True),
        # aider's main.py, through a name
        ('env_var = f"{provider.strip().upper()}_API_KEY"\n    os.environ[env_var] = key', True),
        ('env_var = f"{provider}_API_KEY"\n    print(os.environ[env_var])', False),
        ('os.environ["OPENAI_API_KEY"] = key', False),  # a name written out: EnvNames's
        ('key = os.environ[f"{provider}_API_KEY"]', False),  # a read
        ('same = os.environ[f"{provider}_API_KEY"] == key', False),
        ('os.environ[f"{provider}_BASE_URL"] = url', False),  # no key
    ],
)
def test_what_counts_as_a_key_stored_under_a_computed_name(line, written):
    data = f"import os\n\n\ndef store(provider, name, key, url):\n    {line}\n".encode()
    found = facts_of("python", data, True, False, None) & WRITES_COMPUTED_KEY
    assert bool(found) is written


APP = (
    "import os\n\n\n"
    "def set_keys(pairs):\n"
    "    for pair in pairs:\n"
    '        provider, key = pair.split("=", 1)\n'
    '        os.environ[f"{provider.upper()}_API_KEY"] = key\n'
)
TEST = (
    "import os\n\nimport app\n\n\n"
    "def test_keys():\n"
    '    app.set_keys(["openai=k2"])\n'
    '    assert os.environ.get("OPENAI_API_KEY") == "k2"\n'
)
LEFT = (
    "not switched: a module of the project sets `*_API_KEY` under a name computed at run "
    "time, which can be OPENAI_API_KEY: renamed, this read would miss what that write stores; "
    "make both use DEEPSEEK_API_KEY, by hand"
)


def test_a_read_in_another_module_is_left_and_check_names_why(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "test_app.py").write_text(TEST, encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "test_app.py").read_text(encoding="utf-8") == TEST
    checked = runner.invoke(app, ["check", ".", "-p", "deepseek", "--no-cache", "-f", "json"])
    assert checked.exit_code == 1
    found = json.loads(checked.stdout)["findings"]
    assert [
        (f["path"], f["line"], f["rule"], f["fix"], f["message"].split("; ", 1)[1])
        for f in found
        if f["path"] == "test_app.py"
    ] == [("test_app.py", 8, "ML401", "manual", LEFT)]


def test_without_such_a_write_the_read_is_switched(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(APP.replace('f"{provider.upper()}', '"OPENAI'), "utf-8")
    (tmp_path / "test_app.py").write_text(TEST, encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", ".", "-p", "deepseek", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert 'os.environ.get("DEEPSEEK_API_KEY")' in (tmp_path / "test_app.py").read_text("utf-8")
