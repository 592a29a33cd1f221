"""A .env file names the variables the code reads after apply (t66d kotaemon, t66c MindSearch).

apply renamed `OPENAI_API_KEY=` / `OPENAI_API_BASE=` in .env and .env.example to the
provider's variables while ML401 left the code reading OpenAI's (a key going with a URL left
on OpenAI, a whole-endpoint variable): a user filling in the variable the example named set
something no code read. Now a line is renamed only where no read of its variable is left: a
base URL read by code left on OpenAI stays as it is, a key stays with the provider's line added
after it (`key_kept`'s shape), and ML501 names the module:line that keeps reading it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

# kotaemon's shape: the key goes with a base URL chosen at run time, OpenAI's by default
SETTINGS = """import os

OPENAI_API_KEY = os.getenv("OPENAI_API_KEY", "<YOUR_OPENAI_KEY>")
LLMS = {
    "openai": {
        "base_url": os.getenv("OPENAI_API_BASE", "") or "https://api.openai.com/v1",
        "api_key": OPENAI_API_KEY,
    }
}
"""
# MindSearch's shape: the variable holds the whole endpoint the code posts to
ENDPOINT = """import os

gpt4 = dict(
    type="GPTAPI",
    key=os.environ.get("OPENAI_API_KEY", "YOUR OPENAI API KEY"),
    api_base=os.environ.get("OPENAI_API_BASE", "https://api.openai.com/v1/chat/completions"),
)
"""
# a client apply switches, key and base URL together
SWITCHED = """import os

from openai import OpenAI

client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=os.getenv("OPENAI_API_BASE"))
"""
EXAMPLE = b"OPENAI_API_KEY=\nOPENAI_API_BASE=https://api.openai.com/v1\nOTHER=1\n"
LIVE = b"OPENAI_API_BASE=https://api.openai.com/v1\r\nOTHER=1\r\n"
WHY = b"# OPENAI_API_KEY stays for code that still sends it to OpenAI; migrate-llm check names it\n"
KEPT_EXAMPLE = (
    b"OPENAI_API_KEY=\n" + WHY + b"DEEPSEEK_API_KEY=\nOPENAI_API_BASE=https://api.openai.com/v1\n"
    b"OTHER=1\n"
)


def _tree(tmp_path, monkeypatch, module: str, code: str) -> None:
    (tmp_path / module).write_text(code, encoding="utf-8")
    (tmp_path / ".env.example").write_bytes(EXAMPLE)
    (tmp_path / ".env").write_bytes(LIVE)
    monkeypatch.chdir(tmp_path)


def _apply():
    return CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])


def _env_findings():
    """scan's findings on the .env files after apply (rule, file, line, severity, read_at),
    and check's exit code."""
    args = ["--provider", "deepseek", "--format", "json"]
    scan = CliRunner().invoke(app, ["scan", ".", *args])
    found = [
        (f["rule"], f["path"], f["line"], f["severity"], f["data"].get("read_at"))
        for f in json.loads(scan.stdout)["findings"]
        if f["path"].startswith(".env")
    ]
    return sorted(found), CliRunner().invoke(app, ["check", ".", *args]).exit_code


def test_lines_read_by_code_left_on_openai_stay_with_it(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, "settings.py", SETTINGS)
    done = _apply()
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "settings.py").read_text(encoding="utf-8") == SETTINGS
    assert (tmp_path / ".env.example").read_bytes() == KEPT_EXAMPLE
    assert (
        tmp_path / ".env"
    ).read_bytes() == LIVE  # was DEEPSEEK_BASE_URL=https://api.deepseek.com
    assert _env_findings() == (
        [
            ("ML501", ".env", 1, "warning", ["settings.py:6"]),
            ("ML501", ".env.example", 1, "note", ["settings.py:3"]),
            ("ML501", ".env.example", 4, "warning", ["settings.py:6"]),
            ("ML502", ".env", 1, "error", ["settings.py:6"]),
            ("ML502", ".env.example", 4, "error", ["settings.py:6"]),
        ],
        1,
    )
    again = _apply()  # idempotent
    assert again.exit_code == 0, again.stderr
    assert again.stderr.startswith("Changed 0 files"), again.stderr
    assert (tmp_path / ".env.example").read_bytes() == KEPT_EXAMPLE
    assert (tmp_path / ".env").read_bytes() == LIVE


def test_a_whole_endpoint_variable_and_its_key_stay_with_the_code(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, "models.py", ENDPOINT)
    done = _apply()
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "models.py").read_text(encoding="utf-8") == ENDPOINT
    assert (tmp_path / ".env.example").read_bytes() == KEPT_EXAMPLE
    assert (tmp_path / ".env").read_bytes() == LIVE
    found, rc = _env_findings()
    assert rc == 1
    assert ("ML501", ".env.example", 1, "note", ["models.py:5"]) in found
    assert ("ML501", ".env.example", 4, "warning", ["models.py:6"]) in found


def test_the_message_names_the_read_and_which_key_goes_there(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, "settings.py", SETTINGS)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    [base] = [
        f
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML501" and f["path"] == ".env.example" and f["line"] == 2
    ]
    assert (base["fix"], base["message"]) == (
        "manual",
        "OPENAI_API_BASE is still read at settings.py:6, which apply leaves on OpenAI (ML401 "
        "there says why): the line stays, so that this file and the code name the same "
        "variable, and DeepSeek's key must not go where it points; point that code and its "
        "key at DeepSeek together (the base URL from DEEPSEEK_BASE_URL), then rename this "
        "line to DEEPSEEK_BASE_URL, by hand",
    )


def test_lines_whose_reads_apply_switches_are_renamed(tmp_path, monkeypatch):
    _tree(tmp_path, monkeypatch, "app.py", SWITCHED)
    done = _apply()
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_bytes() == (
        b"DEEPSEEK_API_KEY=\nDEEPSEEK_BASE_URL=https://api.deepseek.com\nOTHER=1\n"
    )
    assert (
        tmp_path / ".env"
    ).read_bytes() == b"DEEPSEEK_BASE_URL=https://api.deepseek.com\r\nOTHER=1\r\n"


def test_one_reader_left_keeps_the_base_url_line_for_it(tmp_path, monkeypatch):
    """A second module switched does not rename the line the first still reads: the switched
    client reads DEEPSEEK_BASE_URL, which falls back on DeepSeek's URL."""
    _tree(tmp_path, monkeypatch, "settings.py", SETTINGS)
    (tmp_path / "app.py").write_text(SWITCHED, encoding="utf-8")
    done = _apply()
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env").read_bytes() == LIVE
    assert (tmp_path / ".env.example").read_bytes() == KEPT_EXAMPLE
    assert 'os.environ.get("DEEPSEEK_BASE_URL"' in (tmp_path / "app.py").read_text()


# a settings field read by name (review r3 of fe): ML401's message begins with the field
FIELD = """from pydantic_settings import BaseSettings, SettingsConfigDict
from speechkit import Transcriber


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")
    openai_api_key: str


settings = Settings()
ears = Transcriber(api_key=settings.openai_api_key, model="whisper-1")
"""


def test_a_settings_field_left_on_openai_keeps_its_example_line(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(FIELD, encoding="utf-8")
    (tmp_path / "app.py").write_text(SWITCHED, encoding="utf-8")
    (tmp_path / ".env.example").write_bytes(b"OPENAI_API_KEY=your-openai-key\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".env.example").read_bytes() == (
        b"OPENAI_API_KEY=your-openai-key\n" + WHY + b"DEEPSEEK_API_KEY=\n"
    )


# t68b (R2R): the env files at the top, the code one directory below with a project file of
# its own; its embeddings client stays on OpenAI, so the check of OpenAI's key stays (ML401)
EMBEDDER = """import os

from openai import OpenAI


class Embedder:
    def __init__(self):
        if not os.getenv("OPENAI_API_KEY"):
            raise ValueError("set the key")
        self.client = OpenAI()

    def embed(self, text):
        return self.client.embeddings.create(model="text-embedding-3-small", input=[text])
"""
STAND_IN = b"export OPENAI_API_KEY=sk-...\n"


def test_a_env_file_above_the_code_follows_what_that_code_reads(tmp_path, monkeypatch):
    """Before: renamed to `export MOONSHOT_API_KEY=sk-...` where the code sat in py/ with a
    requirements.txt (its reads counted only for an env file of py/'s project) and kept where
    the code sat beside it."""
    for below in ("py", "."):
        top = tmp_path / below.replace(".", "flat")
        code = top / below if below != "." else top
        code.mkdir(parents=True)
        (code / "embedder.py").write_text(EMBEDDER, encoding="utf-8")
        (code / "requirements.txt").write_text("openai==1.99.9\n", encoding="utf-8")
        (top / ".env.example").write_bytes(STAND_IN)
        monkeypatch.chdir(top)
        args = ["--provider", "moonshot"]
        done = CliRunner().invoke(app, ["apply", ".", *args, "--yes"])
        assert done.exit_code == 0, done.stderr
        assert (top / ".env.example").read_bytes() == STAND_IN + (
            b"# OPENAI_API_KEY stays for code that still sends it to OpenAI; migrate-llm check "
            b"names it\nexport MOONSHOT_API_KEY=\n"
        ), below
        shown = "py/embedder.py:8" if below == "py" else "embedder.py:8"
        scan = CliRunner().invoke(app, ["scan", ".", *args, "--format", "json"])
        assert [
            (f["line"], f["severity"], f["data"].get("read_at"))
            for f in json.loads(scan.stdout)["findings"]
            if f["rule"] == "ML501"
        ] == [(1, "note", [shown])]
        again = CliRunner().invoke(app, ["apply", ".", *args, "--yes"])
        assert again.stderr.startswith("Changed 0 files"), again.stderr
        assert (top / ".env.example").read_bytes().count(b"MOONSHOT") == 1


def test_a_env_file_of_a_sibling_project_does_not_follow_its_reads(tmp_path, monkeypatch):
    """Only the code of the env file's project and of those within it load it: a project
    beside it keeping its read leaves the env file's line renamed."""
    for name, code in (("kept", EMBEDDER), ("moved", SWITCHED)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "app.py").write_text(code, encoding="utf-8")
        (tmp_path / name / "requirements.txt").write_text("openai==1.99.9\n", encoding="utf-8")
    (tmp_path / "moved" / ".env.example").write_bytes(STAND_IN)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "moved" / ".env.example").read_bytes() == (
        b"export MOONSHOT_API_KEY=sk-...\n"
    )
