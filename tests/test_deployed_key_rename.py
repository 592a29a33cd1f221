"""A deployment file setting the variable whose read apply renames (t53i N2, ChatPaper): apply
made `os.environ.get("OPENAI_KEY", "")` read DEEPSEEK_API_KEY while docker-compose.yaml kept
`- OPENAI_KEY=YOUR_KEY_HERE` (a note), check was green, and the container sent "unset" and got
401. Now ML501 renames an entry passing the host's variable on, and leaves a value (never
copied) as an error that check keeps until the file sets the variable the code reads."""

from __future__ import annotations

import json
import subprocess

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

APP = """import os

from openai import OpenAI

client = OpenAI(api_key=os.environ.get("OPENAI_KEY", ""))
print(client.chat.completions.create(model="deepseek-flash", messages=[]))
"""
COMPOSE = "services:\n  app:\n    build: .\n    environment:\n      - OPENAI_KEY={}\n"
HEAD = (
    "OPENAI_KEY is the variable the project's code reads its key from, which apply makes read "
    "DEEPSEEK_API_KEY"
)
GONE = "OPENAI_KEY is no longer read: the project's code reads its key from DEEPSEEK_API_KEY"
SET_IT = (
    "; this file sets only OPENAI_KEY, so the program gets no key: set DEEPSEEK_API_KEY here to "
    "DeepSeek's key, or to the host's variable (${DEEPSEEK_API_KEY}), by hand (its value is "
    "never copied; the OpenAI key does not work there)"
)
DATA = {"variable_from": "OPENAI_KEY", "variable_to": "DEEPSEEK_API_KEY"}


def ml501(command: str) -> tuple[int, list[tuple[str, int, str, str, str]]]:
    done = CliRunner().invoke(app, [command, ".", "--provider", "deepseek", "--format", "json"])
    found = [
        (f["path"], f["line"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "ML501"
    ]
    assert all(
        f["data"] == DATA for f in json.loads(done.stdout)["findings"] if f["rule"] == "ML501"
    )
    return done.exit_code, found


def apply() -> None:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    return tmp_path


def commit() -> None:
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "i"], check=True
    )


def test_a_key_value_is_an_error_until_the_file_sets_the_providers_variable(project):
    compose = project / "docker-compose.yaml"
    compose.write_text(COMPOSE.format("YOUR_KEY_HERE"), encoding="utf-8")
    commit()
    assert ml501("scan") == (
        0,
        [("docker-compose.yaml", 5, "error", "manual", HEAD + SET_IT)],
    )
    apply()
    assert compose.read_text(encoding="utf-8") == COMPOSE.format("YOUR_KEY_HERE")
    assert 'os.environ.get("DEEPSEEK_API_KEY", "unset")' in (project / "app.py").read_text()
    assert ml501("check") == (1, [("docker-compose.yaml", 5, "error", "manual", GONE + SET_IT)])
    # set by hand beside it: the old line is a note (check passes)
    compose.write_text(
        COMPOSE.format("YOUR_KEY_HERE") + "      - DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}\n",
        encoding="utf-8",
    )
    assert ml501("check") == (0, [])
    assert ml501("scan") == (
        0,
        [
            (
                "docker-compose.yaml",
                5,
                "note",
                "manual",
                f"{GONE}, which this file sets too: remove OPENAI_KEY",
            )
        ],
    )


def test_the_hosts_variable_passed_on_is_renamed_with_the_read(project):
    compose = project / "docker-compose.yaml"
    compose.write_text(COMPOSE.format("${OPENAI_KEY}"), encoding="utf-8")
    commit()
    assert ml501("scan") == (
        0,
        [
            (
                "docker-compose.yaml",
                5,
                "warning",
                "review",
                f"{HEAD}: apply renames it here, with the host's variable it passes on (a name: "
                "the OpenAI key is never copied); set DEEPSEEK_API_KEY to DeepSeek's key where "
                "this is deployed",
            )
        ],
    )
    apply()
    assert (
        compose.read_text(encoding="utf-8")
        == COMPOSE.replace("OPENAI_KEY={}", "DEEPSEEK_API_KEY=${{DEEPSEEK_API_KEY}}").format()
    )
    assert ml501("check") == (0, [])


def test_a_mapping_entry_is_renamed_whole(project):
    compose = project / "compose.yml"
    compose.write_text(
        'services:\n  app:\n    environment:\n      OPENAI_KEY: "${OPENAI_KEY}"\n',
        encoding="utf-8",
    )
    commit()
    apply()
    assert compose.read_text(encoding="utf-8") == (
        'services:\n  app:\n    environment:\n      DEEPSEEK_API_KEY: "${DEEPSEEK_API_KEY}"\n'
    )


def test_a_dockerfile_is_left_to_a_person_and_check_stays_red(project):
    text = 'FROM python:3.12\nENV OPENAI_KEY=${OPENAI_KEY}\nCMD ["python", "app.py"]\n'
    (project / "Dockerfile").write_text(text, encoding="utf-8")
    commit()
    assert ml501("scan") == (
        0,
        [
            (
                "Dockerfile",
                2,
                "error",
                "manual",
                f"{HEAD}: rename both names here to DEEPSEEK_API_KEY by hand (apply does not edit "
                "this file), and set DEEPSEEK_API_KEY to DeepSeek's key where this is deployed",
            )
        ],
    )
    apply()
    assert (project / "Dockerfile").read_text(encoding="utf-8") == text
    assert ml501("check") == (1, [("Dockerfile", 2, "error", "manual", GONE + SET_IT)])


def test_a_script_exporting_it_for_code_reading_nothing_of_it_keeps_the_note(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        "import os\nfrom openai import OpenAI\n\nclient = OpenAI()\n", encoding="utf-8"
    )
    (tmp_path / "run.sh").write_text("export OPENAI_KEY=abc\npython app.py\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "deepseek", "--format", "json"])
    found = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "ML501"]
    assert [(f["severity"], f["message"]) for f in found] == [
        (
            "note",
            "OPENAI_KEY is named after OpenAI; check what reads it before pointing it at DeepSeek",
        )
    ]
