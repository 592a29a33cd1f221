"""A project already reading another of the provider's base-URL variables (t64, llmware:
`os.environ.get("DEEPSEEK_API_BASE")`): apply wrote clients reading DEEPSEEK_BASE_URL beside
it, so one URL had two variables. Now the clients apply writes, and its advice, read the one
the project's code or .env files already name; the key variable stays the provider's."""

from __future__ import annotations

import subprocess

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

CLIENT = """import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
print(client.chat.completions.create(model="deepseek-flash", messages=[]))
"""
WRITTEN = """import os

from openai import OpenAI

client = OpenAI(
    base_url=os.environ.get("{}", "https://api.deepseek.com"),
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
)
print(client.chat.completions.create(model="deepseek-flash", messages=[]))
"""
READS = 'API_BASE = os.environ.get("{}")\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    return tmp_path


def apply() -> str:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    return done.stderr


def check() -> int:
    return CliRunner().invoke(app, ["check", ".", "--provider", "deepseek"]).exit_code


@pytest.mark.parametrize("name", ["DEEPSEEK_API_BASE", "DEEPSEEK_API_BASE_URL"])
def test_a_client_reads_the_base_url_variable_the_project_reads(project, name):
    (project / "app.py").write_text(CLIENT, encoding="utf-8")
    (project / "settings.py").write_text("import os\n\n" + READS.format(name), encoding="utf-8")
    out = apply()
    assert (project / "app.py").read_text(encoding="utf-8") == WRITTEN.format(name)
    assert f"{name} overrides the base URL https://api.deepseek.com" in out
    assert "DEEPSEEK_BASE_URL" not in out
    assert check() == 0


def test_a_dotenv_setting_the_variable_counts_as_read(project):
    (project / "app.py").write_text(CLIENT, encoding="utf-8")
    dotenv = "OPENAI_API_KEY=\nDEEPSEEK_API_BASE=https://api.deepseek.com\n"
    (project / ".env.example").write_text(dotenv, encoding="utf-8")
    out = apply()
    assert (project / "app.py").read_text(encoding="utf-8") == WRITTEN.format("DEEPSEEK_API_BASE")
    assert (project / ".env.example").read_text(encoding="utf-8") == (
        "DEEPSEEK_API_KEY=\nDEEPSEEK_API_BASE=https://api.deepseek.com\n"
    )
    assert "DEEPSEEK_BASE_URL" not in out


@pytest.mark.parametrize(
    "reads",
    [
        (),  # nothing read: the file's variable
        ("DEEPSEEK_API_BASE", "DEEPSEEK_BASE_URL"),  # the file's among them: kept
        ("DEEPSEEK_API_BASE", "DEEPSEEK_API_BASE_URL"),  # two others: no choice made
    ],
)
def test_the_files_variable_stays_unless_one_other_is_read(project, reads):
    (project / "app.py").write_text(
        CLIENT + "".join(READS.format(name) for name in reads), encoding="utf-8"
    )
    out = apply()
    written = (project / "app.py").read_text(encoding="utf-8")
    assert written.startswith(WRITTEN.format("DEEPSEEK_BASE_URL").rsplit("print", 1)[0])
    assert "DEEPSEEK_BASE_URL overrides the base URL" in out


def test_reading_base_url_never_picks_a_key_and_goes_back():
    registry = load_registry()
    deepseek = registry.get("deepseek")
    assert deepseek.base_url_names == ("DEEPSEEK_API_BASE", "DEEPSEEK_API_BASE_URL")
    read = deepseek.reading_base_url({"DEEPSEEK_API_BASE"})
    assert (read.base_url_env, read.api_key_env) == ("DEEPSEEK_API_BASE", "DEEPSEEK_API_KEY")
    # another project of the run reading none gets the file's variable back
    assert read.reading_base_url(()).base_url_env == "DEEPSEEK_BASE_URL"
    assert read.reading_base_url({"DEEPSEEK_API_BASE_URL"}).base_url_env == (
        "DEEPSEEK_API_BASE_URL"
    )
    # SiliconFlow's intl key variable is never a base URL; Azure's endpoint is per resource
    assert registry.get("siliconflow").base_url_names == ()
    assert registry.get("azure").base_url_names == ()
    assert registry.get("zhipu").base_url_names == ("ZAI_API_BASE", "ZHIPUAI_BASE_URL")


@pytest.mark.parametrize(
    "mention",
    [
        'LOG_KEYS = ["DEEPSEEK_API_BASE"]  # legacy, ignored\n',
        'print("set DEEPSEEK_API_BASE", {"DEEPSEEK_API_BASE": 1})\n',
    ],
)
def test_a_name_quoted_but_not_read_is_no_read(project, mention):
    """t64 review: any quoted name counted, so a list of names the program ignores made the
    clients apply writes read DEEPSEEK_API_BASE, a variable nothing sets. Only an
    environment read (or a .env line) counts."""
    (project / "app.py").write_text(CLIENT + mention, encoding="utf-8")
    out = apply()
    written = (project / "app.py").read_text(encoding="utf-8")
    assert written == WRITTEN.format("DEEPSEEK_BASE_URL") + mention
    assert "DEEPSEEK_BASE_URL overrides the base URL" in out


@pytest.mark.parametrize(
    "read",
    [
        'API_BASE = os.environ["DEEPSEEK_API_BASE"]\n',
        'API_BASE = os.getenv(\n    "DEEPSEEK_API_BASE", "https://api.deepseek.com"\n)\n',
        'API_BASE = getenv("DEEPSEEK_API_BASE")\n',
    ],
)
def test_each_environment_read_counts(project, read):
    (project / "app.py").write_text(CLIENT, encoding="utf-8")
    (project / "settings.py").write_text("import os\n\n" + read, encoding="utf-8")
    apply()
    written = (project / "app.py").read_text(encoding="utf-8")
    assert written == WRITTEN.format("DEEPSEEK_API_BASE")
