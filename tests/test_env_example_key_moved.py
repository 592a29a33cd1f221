"""An example .env file's OpenAI key line is renamed where ML401 moves every read of the key, even
beside a class named like OpenAI (t49f, chatgpt-telegram-bot on zhipu): the screening's byte
test (`KEEPS_OPENAI_KEY`: a read of OpenAI's key and a call of `OpenAIHelper(...)`, a class
of the project itself) kept `OPENAI_API_KEY=` with a comment saying code still sends it to
OpenAI, though apply moved both reads to ZAI_API_KEY; a second apply then said it was no
longer read. The engine now confirms the bit with ML401's own judgment of the flagged modules
(`key_left`)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

BOT = """import os

from helper import OpenAIHelper


def main():
    required = ["BOT_TOKEN", "OPENAI_API_KEY"]
    missing = [name for name in required if os.environ.get(name) is None]
    if missing:
        raise SystemExit(f"missing: {missing}")
    config = {
        "api_key": os.environ["OPENAI_API_KEY"],
        "stream": os.environ.get("STREAM", "true") == "true",
    }
    return OpenAIHelper(config=config)
"""
HELPER = """from openai import OpenAI


class OpenAIHelper:
    def __init__(self, config):
        self.client = OpenAI(api_key=config["api_key"])
"""
SAME_MODULE = """import os

from openai import OpenAI


class OpenAIHelper:
    def __init__(self, api_key):
        self.client = OpenAI(api_key=api_key)


helper = OpenAIHelper(api_key=os.environ["OPENAI_API_KEY"])
"""
ELSEWHERE = """import os

from helper import OpenAIHelper

helper = OpenAIHelper(api_key=os.environ["OPENAI_API_KEY"])
"""
WHY = "# OPENAI_API_KEY stays for code that still sends it to OpenAI; migrate-llm check names it\n"


def _run(*args: str):
    return CliRunner().invoke(app, [*args, ".", "--provider", "zhipu"])


def test_a_key_handed_in_a_dict_to_a_class_of_the_project_renames_the_line(tmp_path, monkeypatch):
    # as the project lays it out: the class's module beside the one importing it (without
    # it the class is a library's, whose settings dict keeps OpenAI's key: t56e D1)
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "main.py").write_text(BOT, encoding="utf-8")
    (tmp_path / "bot" / "helper.py").write_text(HELPER, encoding="utf-8")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=XXX\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = _run("apply", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_text() == "ZAI_API_KEY=XXX\n"
    assert "OPENAI_API_KEY" not in (tmp_path / "bot" / "main.py").read_text()
    again = _run("apply", "--diff")
    assert (again.exit_code, again.stdout) == (0, "")
    checked = _run("check")
    assert checked.exit_code == 0, checked.stdout
    assert "ML501" not in checked.stdout


def test_a_class_the_module_defines_renames_the_line(tmp_path, monkeypatch):
    (tmp_path / "main.py").write_text(SAME_MODULE, encoding="utf-8")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=\nOTHER=1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("apply", "--yes").exit_code == 0
    assert (tmp_path / ".env.example").read_text() == "ZAI_API_KEY=\nOTHER=1\n"
    assert 'OpenAIHelper(api_key=os.environ["ZAI_API_KEY"])' in (tmp_path / "main.py").read_text()
    assert _run("apply", "--diff").stdout == ""


def test_a_class_of_another_module_given_the_config_renames_the_line(tmp_path, monkeypatch):
    (tmp_path / "main.py").write_text(BOT, encoding="utf-8")
    (tmp_path / "helper.py").write_text(HELPER, encoding="utf-8")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("apply", "--yes").exit_code == 0
    assert (tmp_path / ".env.example").read_text() == "ZAI_API_KEY=\n"
    assert _run("apply", "--diff").stdout == ""


def test_a_key_given_to_a_class_of_another_module_stays_as_ml401_leaves_it(tmp_path, monkeypatch):
    # ML401 does not follow the key into helper.py: the read stays OpenAI's (manual), so the
    # program still reads OPENAI_API_KEY and the example keeps it
    (tmp_path / "main.py").write_text(ELSEWHERE, encoding="utf-8")
    (tmp_path / "helper.py").write_text(HELPER.replace('config["api_key"]', "config"), "utf-8")
    (tmp_path / ".env.example").write_text("OPENAI_API_KEY=\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run("apply", "--yes").exit_code == 0
    assert 'os.environ["OPENAI_API_KEY"]' in (tmp_path / "main.py").read_text()
    assert (tmp_path / ".env.example").read_text() == f"OPENAI_API_KEY=\n{WHY}ZAI_API_KEY=\n"
    assert _run("apply", "--diff").stdout == ""
