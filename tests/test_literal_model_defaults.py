"""A field default whose type is a `Literal[...]` of OpenAI models (t53l: AgentGPT's
`model: LLM_Model = Field(default="gpt-3.5-turbo")`, D2), and a Literal that already holds
what its OpenAI models map to (D4)."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
SCHEMA = """from typing import Literal

from pydantic import BaseModel, Field

LLM_Model = Literal["gpt-4o", "gpt-4o-mini"]


class S(BaseModel):
    model: LLM_Model = Field(default="gpt-4o")
"""
WIDENED = SCHEMA.replace('"gpt-4o-mini"]', '"gpt-4o-mini", "acme-large", "acme-small"]')


def scan(tmp_path, monkeypatch, text: str) -> list[tuple]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema.py").write_text(text)
    result = CliRunner().invoke(app, ["scan", ".", *ACME, "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    return [
        (f["line"], f["rule"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
    ]


def apply(tmp_path) -> str:
    result = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes"])
    assert result.exit_code == 0, result.stderr
    return (tmp_path / "schema.py").read_text()


def validates(tmp_path) -> bool:
    code = "import sys; sys.path.insert(0, '.'); from schema import S; print(S().model)"
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True)
    return run.returncode == 0


def test_a_default_its_literal_lacks_is_left(tmp_path, monkeypatch):
    found = scan(tmp_path, monkeypatch, SCHEMA)
    assert [f for f in found if f[1] == "ML204"] == [
        (
            9,
            "ML204",
            "manual",
            "field S.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud, but apply leaves it: "
            "the field's type LLM_Model (line 5) is a Literal[...] without 'acme-large', which "
            "pydantic would refuse; add 'acme-large' to that Literal (ML205), then change this "
            "default, by hand",
        )
    ]
    assert apply(tmp_path) == SCHEMA
    assert validates(tmp_path)


def test_once_the_literal_holds_the_targets_the_default_moves_and_ml205_is_silent(
    tmp_path, monkeypatch
):
    found = scan(tmp_path, monkeypatch, WIDENED)
    assert [(f[1], f[2]) for f in found] == [("ML204", "review")]
    assert apply(tmp_path) == WIDENED.replace('default="gpt-4o"', 'default="acme-large"')
    assert validates(tmp_path)


def test_a_literal_lacking_a_target_is_still_reported(tmp_path, monkeypatch):
    partly = SCHEMA.replace('"gpt-4o-mini"]', '"gpt-4o-mini", "acme-large"]')
    found = scan(tmp_path, monkeypatch, partly)
    assert [f[1] for f in found if f[0] == 5] == ["ML205"]
