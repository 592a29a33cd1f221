"""A URL inside a text of a config or data file (an article of a RAG corpus, a prompt) is not a
setting: ML502 reports it as an information-only note, apply leaves it and `check` passes. Only
a value that is the URL itself, or one under a key naming a base URL or endpoint, is a setting
(seen in swarm, whose help-centre articles made `check` fail for good)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

MENTION = (
    "{url} is named inside a text, not set as an endpoint: left alone (change it by hand if the "
    "text is a command or template that sends requests there)"
)


def findings(registry, path: str, text: str) -> list[Finding]:
    return check_config(path, text, RuleContext(registry, registry.get("acme")))


@pytest.mark.parametrize(
    ("path", "text", "url"),
    [
        (
            "kb/article_12.json",
            '{"title": "Old routes", "text": "The legacy route https://api.openai.com/v1/engines '
            'is gone."}',
            "https://api.openai.com/v1/engines",
        ),
        (
            "kb/article_13.json",
            '{"body": "Send requests to\\n```\\nhttps://api.openai.com/v1/completions\\n```\\n'
            'from now on."}',
            "https://api.openai.com/v1/completions",
        ),
        (
            "docs/faq.yaml",
            "- q: Where do calls go?\n"
            "  a: 'Our gateway forwards them ([details](https://api.openai.com/v1)).'\n",
            "https://api.openai.com/v1",
        ),
        (
            "prompts.toml",
            '[system]\ntext = """You are terse.\nNever call api.openai.com yourself."""\n',
            "api.openai.com",
        ),
    ],
)
def test_a_url_inside_a_text_is_a_note_and_left_alone(registry, path, text, url):
    found = findings(registry, path, text)
    assert [(f.rule, f.severity, f.fix, f.message, f.data) for f in found] == [
        ("ML502", Severity.NOTE, FixClass.NONE, MENTION.format(url=url), {"url_from": url})
    ]
    assert found[0].edit is None


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # the value is the URL, whitespace around it aside
        ("config.json", '{"base_url": "  https://api.openai.com/v1\\n"}'),
        ("config.json", '{"proxy_target": "https://api.openai.com/v1/chat/completions"}'),
        # the key names a base URL or endpoint: a setting whatever else the value holds
        ("config.yaml", "llm:\n  endpoint: 'https://api.openai.com/v1 (production)'\n"),
        (".env", 'LLM_BASE_URL="https://api.openai.com/v1 # old"\n'),
        ("settings.json", '{"openaiApiBase": "https://api.openai.com/v1 "}'),
    ],
)
def test_a_setting_stays_an_error(registry, path, text):
    found = [f for f in findings(registry, path, text) if f.rule == "ML502"]
    assert [(f.severity, f.fix) for f in found] == [(Severity.ERROR, FixClass.MANUAL)]


def test_the_plain_base_url_is_still_switched(registry):
    text = '{"llm": {"base_url": "https://api.openai.com/v1"}}'
    found = findings(registry, "config.json", text)
    after, _ = apply_edits(text, [f.edit for f in found if f.edit is not None])
    assert after == '{"llm": {"base_url": "https://api.acme.example/v1"}}'
    assert [f.edit for f in findings(registry, "config.json", after)] == []


def test_prose_beside_a_key_and_a_model_holds_neither(registry):
    """A mention in prose does not keep the mapping's model on OpenAI (as a base URL beside a
    key does), and the key beside it is ML505's error as anywhere else."""
    text = (
        '{"model": "gpt-4o", "api_key": "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6", '
        '"note": "we moved off https://api.openai.com/v1 in May"}'
    )
    found = findings(registry, "agent.json", text)
    assert [(f.rule, f.severity, f.fix) for f in found] == [
        ("ML503", Severity.WARNING, FixClass.REVIEW),
        ("ML505", Severity.ERROR, FixClass.MANUAL),
        ("ML502", Severity.NOTE, FixClass.NONE),
    ]
    after, _ = apply_edits(text, [f.edit for f in found if f.edit is not None])
    assert after == text.replace('"gpt-4o"', '"acme-large"')


def test_scan_check_and_apply_agree_on_prose(tmp_path: Path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "kb").mkdir()
    article = tmp_path / "kb" / "engines.json"
    article.write_text('{"text": "The old endpoint https://api.openai.com/v1/engines closed."}\n')
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    assert [
        (f["path"], f["rule"], f["severity"], f["fix"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
    ] == [
        (
            "kb/engines.json",
            "ML502",
            "note",
            "none",
            {"url_from": "https://api.openai.com/v1/engines"},
        )
    ]
    before = article.read_bytes()
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert article.read_bytes() == before
    check = runner.invoke(app, ["check", ".", *acme])
    assert check.exit_code == 0, check.stdout
