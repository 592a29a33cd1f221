"""Small projects written for a test, the commands run on them in-process, and the findings of
their JSON report."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Collection, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from migrate_llm.cli import app


def write(root: Path, files: Mapping[str, str]) -> None:
    """Write `files` (a path below `root`: its text) as UTF-8, making their folders."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def git_project(root: Path, files: Mapping[str, str]) -> Path:
    """`root` made a git repository holding `files` (`write`): what `.gitignore` means there
    is git's."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    write(root, files)
    return root


def write_here(root: Path, monkeypatch: pytest.MonkeyPatch, files: Mapping[str, str]) -> None:
    """`write` `files` below `root`, and make `root` the working directory."""
    monkeypatch.chdir(root)
    write(root, files)


def cli(*args: object) -> Result:
    """`migrate-llm ARGS`, run in-process."""
    return CliRunner().invoke(app, [str(a) for a in args])


def invoke(*args: str) -> tuple[int, str]:
    """The exit code and the standard output of `migrate-llm ARGS`."""
    result = cli(*args)
    return result.exit_code, result.stdout


def run_json(*args: str) -> tuple[int, dict]:
    """The exit code and the report of `migrate-llm ARGS --format json`."""
    result = cli(*args, "--format", "json")
    try:
        return result.exit_code, json.loads(result.stdout)
    except ValueError:
        raise AssertionError(f"exit {result.exit_code}, no report: {result.output}") from None


def finding_rows(report: dict, *fields: str, rules: Collection[str] | None = None) -> list[tuple]:
    """Each finding of `report` (of one of `rules`, unless None) as the tuple of its `fields`."""
    return [
        tuple(f[name] for name in fields)
        for f in report["findings"]
        if rules is None or f["rule"] in rules
    ]


def check_rules(root: Path, provider: str) -> tuple[int, list[str]]:
    """The exit code of `check ROOT --provider PROVIDER` and the rule of each finding."""
    code, report = run_json("check", str(root), "--provider", provider)
    return code, [f["rule"] for f in report["findings"]]
