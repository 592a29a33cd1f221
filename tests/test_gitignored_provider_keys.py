"""ML505 on the provider's key in a gitignored settings file the program reads (t60c: after
apply, a DeepSeek key in gpt-pilot's gitignored `config.json`, where apply's Next line has
users put it): a note with nothing to do, so `check` passes; the same file committed, and an
OpenAI key in the gitignored file, stay errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .cli_findings import cli as invoke

# a DeepSeek-shaped key (hex), not OpenAI's
KEY = "sk-" + "7c41e0b2d9a85f3e6b1c0d7a2e9f4b86"
OPENAI_KEY = "sk-proj-" + "Rt5Wq8Zx2Lm7Np4Ks9Vb3Hd6Jf1Gc0Ya"
SETTINGS = '{"chat": {"model": "deepseek-flash", "secret": "KEY"}}\n'
APP = """\
import json
import os

from openai import OpenAI

settings = json.load(open("settings.json"))["chat"]
client = OpenAI(
    api_key=settings["secret"],
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)
client.chat.completions.create(model=settings["model"], messages=[])
"""
NOTE = (
    "settings.json:1:49 ML505 API key sk-7c…86 in a config file (chat.secret), in a gitignored "
    "file that app.py:6 reads: kept out of version control, where a key belongs; nothing to do "
    "(a committed copy of this file would be an error)"
)
ERROR = (
    "settings.json:1:49 ML505 hard-coded API key sk-7c…86 in a config file (chat.secret): keep "
    "a file holding a real key out of version control (rotate a key that was committed); once "
    "the file is, record that in a baseline (`check --write-baseline FILE`, then `check "
    "--baseline FILE`), as check cannot see where the file is kept"
)


def project(root: Path, key: str, ignored: bool) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text("settings.json\n" if ignored else "")
    (root / "settings.json").write_text(SETTINGS.replace("KEY", key))
    (root / "app.py").write_text(APP)
    return root


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_provider_key_in_a_gitignored_settings_file_read_is_a_note(here):
    project(here, KEY, ignored=True)
    checked = invoke("check", ".", "-p", "deepseek")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        0,
        ["0 findings for deepseek in 0 of 2 files"],
    )
    scanned = json.loads(invoke("scan", ".", "-p", "deepseek", "-f", "json").stdout)
    (finding,) = [f for f in scanned["findings"] if f["rule"] == "ML505"]
    assert (finding["severity"], finding["fix"], finding["line"], finding["column"]) == (
        "note",
        "none",
        1,
        49,
    )
    assert f"{finding['path']}:1:49 ML505 {finding['message']}" == NOTE
    assert finding["data"] == {
        "secret": "sk-7c…86",
        "setting": "secret",
        "if_committed": "chat.secret",
        "gitignored": True,
        "read_by": "app.py:6",
    }
    assert KEY not in json.dumps(scanned) and KEY not in checked.output


def test_the_same_file_committed_stays_an_error(here):
    project(here, KEY, ignored=False)
    checked = invoke("check", ".", "-p", "deepseek")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [ERROR, "1 finding for deepseek in 1 of 2 files; 1 error, 0 warning, 0 note"],
    )
    assert KEY not in checked.output


def test_an_openai_key_in_the_gitignored_file_stays_an_error(here):
    project(here, OPENAI_KEY, ignored=True)
    checked = invoke("check", ".", "-p", "deepseek")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        "settings.json:1:49 ML505 hard-coded OpenAI key sk-pr…Ya in a config file: a program "
        "reading it sends it with its requests, which go to DeepSeek after the switch: rejected "
        "there, and the key leaks there; rotate it, and replace it here (chat.secret) with a "
        "DeepSeek key, where the program reads it (keep a file holding a real key out of "
        "version control) (in a gitignored file that app.py:6 reads)",
        "1 finding for deepseek in 1 of 2 files; 1 error, 0 warning, 0 note",
    ]
    assert OPENAI_KEY not in checked.output


NAMED_NOTE = (
    "API key sk-7c…86 in a config file (chat.secret), in a gitignored file that git does not "
    "track: kept out of version control, where a key belongs; nothing to do (a committed copy "
    "of this file would be an error)"
)


def test_the_gitignored_file_named_on_the_command_line_is_judged_as_found(here):
    """`check settings.json` had kept the error that `check .` made a note: the file is the
    same, kept out of version control either way."""
    project(here, KEY, ignored=True)
    checked = invoke("check", "settings.json", "-p", "deepseek")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        0,
        ["0 findings for deepseek in 0 of 1 file"],
    )
    for paths in (["settings.json"], ["app.py", "settings.json"], [".", "settings.json"]):
        scanned = json.loads(invoke("scan", *paths, "-p", "deepseek", "-f", "json").stdout)
        (finding,) = [f for f in scanned["findings"] if f["rule"] == "ML505"]
        assert (finding["severity"], finding["fix"], finding["message"]) == (
            "note",
            "none",
            NAMED_NOTE,
        )
        assert finding["data"] == {
            "secret": "sk-7c…86",
            "setting": "secret",
            "if_committed": "chat.secret",
            "gitignored": True,
        }
    applied = invoke("apply", "settings.json", "-p", "deepseek", "--yes")
    assert applied.exit_code == 0
    assert (here / "settings.json").read_text() == SETTINGS.replace("KEY", KEY)


def test_a_named_file_git_tracks_or_checked_without_gitignore_keeps_the_error(here):
    """pre-commit passes the files staged: one .gitignore names but `git add -f` added is
    committed with its key."""
    project(here, KEY, ignored=True)
    ignoring = invoke("check", "settings.json", "-p", "deepseek", "--no-gitignore")
    assert (ignoring.exit_code, ignoring.stdout.splitlines()[0]) == (1, ERROR)
    subprocess.run(["git", "add", "-f", "settings.json"], cwd=here, check=True)
    checked = invoke("check", "settings.json", "-p", "deepseek")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        1,
        [ERROR, "1 finding for deepseek in 1 of 1 file; 1 error, 0 warning, 0 note"],
    )
    # found by the walk, the tracked file is the error too
    assert invoke("check", ".", "-p", "deepseek").exit_code == 1
