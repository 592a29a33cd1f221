"""Example .env files (`.env.example`, `.env.sample`, `.env.template`): ML501 and ML503.

Trial 38a's D5: after `apply --provider qwen`, chatgpt-telegram-bot's `.env.example` still
told people to set `OPENAI_API_KEY=XXX` (beside an added empty `DASHSCOPE_API_KEY=`), and kept
`# OPENAI_BASE_URL=https://example.com/v1/` (a variable nothing reads any more) and
`# OPENAI_MODEL=gpt-4o` (uncommented, it sends gpt-4o to qwen) with no finding `check` shows.
No program reads an example file: a key line holding no key is renamed in place, and the
assignments commented out there, which people uncomment, are read as live lines are. A real
`.env` is never touched that way, and a key is never moved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.edits import apply_edits
from migrate_llm.formats import classify, dotenv, dotenv_example
from migrate_llm.model import Finding
from migrate_llm.registry import Registry
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

# chatgpt-telegram-bot's .env.example (df4dcaa), cut down; no newline at the end, as there
TELEGRAM = (
    "# Your OpenAI API key\n"
    "OPENAI_API_KEY=XXX\n"
    "\n"
    "# Telegram bot token\n"
    "TELEGRAM_BOT_TOKEN=XXX\n"
    "\n"
    "# Optional configuration, refer to the README for more details\n"
    "# PROXY=http://localhost:8080\n"
    "# OPENAI_MODEL=gpt-4o\n"
    "# OPENAI_BASE_URL=https://example.com/v1/\n"
    '# ASSISTANT_PROMPT="You are a helpful assistant."\n'
    "# IMAGE_MODEL=dall-e-3\n"
    '# VISION_MODEL="gpt-4o"'
)
TELEGRAM_AFTER = (
    "# Your OpenAI API key\n"
    "DASHSCOPE_API_KEY=XXX\n"
    "\n"
    "# Telegram bot token\n"
    "TELEGRAM_BOT_TOKEN=XXX\n"
    "\n"
    "# Optional configuration, refer to the README for more details\n"
    "# PROXY=http://localhost:8080\n"
    "# OPENAI_MODEL=qwen4-max\n"
    "# DASHSCOPE_BASE_URL=https://example.com/v1/\n"
    '# ASSISTANT_PROMPT="You are a helpful assistant."\n'
    "# IMAGE_MODEL=dall-e-3\n"
    '# VISION_MODEL="qwen3-vl-plus"'
)


def migrate(
    registry: Registry, path: str, text: str, provider: str = "acme"
) -> tuple[str, list[Finding]]:
    ctx = RuleContext(registry, registry.get(provider))
    findings = check_config(path, text, ctx)
    new, _ = apply_edits(text, [f.edit for f in findings if f.edit is not None])
    return new, findings


def shown(findings: list[Finding]) -> list[tuple[str, int, str, str, str]]:
    return [(f.rule, f.line, f.severity.value, f.fix.value, f.message) for f in findings]


def test_the_telegram_bots_example_file_is_migrated_and_check_passes_on_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env.example").write_bytes(TELEGRAM.encode())
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", "-p", "qwen", "--format", "json", "--no-cache"])
    assert before.exit_code == 1
    assert [
        (f["rule"], f["line"], f["severity"], f["fix"], f["data"].get("commented", False))
        for f in json.loads(before.stdout)["findings"]
    ] == [
        ("ML501", 2, "warning", "safe", False),
        ("ML503", 9, "warning", "review", True),
        ("ML501", 10, "warning", "safe", True),
        ("ML503", 13, "warning", "review", True),
    ]
    done = runner.invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.example").read_bytes() == TELEGRAM_AFTER.encode()
    after = runner.invoke(app, ["check", ".", "-p", "qwen", "--no-cache"])
    assert after.exit_code == 0, after.stdout
    again = runner.invoke(app, ["apply", ".", "-p", "qwen", "--yes", "--allow-dirty"])
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / ".env.example").read_bytes() == TELEGRAM_AFTER.encode()
    # what is left to a person: the commented-out dall-e-3, a note
    notes = runner.invoke(
        app, ["scan", ".", "-p", "qwen", "--format", "json", "--no-cache", "--show-notes"]
    )
    assert [
        (f["rule"], f["line"], f["severity"], f["fix"])
        for f in json.loads(notes.stdout)["findings"]
    ] == [("ML503", 12, "note", "manual")]


def test_messages_on_an_example_file(registry):
    text = (
        "OPENAI_API_KEY=XXX\n"
        "# OPENAI_BASE_URL=https://example.com/v1/\n"
        "# OPENAI_MODEL=gpt-4o\n"
        "# TTS_MODEL=tts-1\n"
    )
    after, findings = migrate(registry, ".env.example", text)
    assert after == (
        "ACME_API_KEY=XXX\n"
        "# ACME_BASE_URL=https://example.com/v1/\n"
        "# OPENAI_MODEL=acme-large\n"
        "# TTS_MODEL=tts-1\n"
    )
    assert shown(findings) == [
        (
            "ML501",
            1,
            "warning",
            "safe",
            "OPENAI_API_KEY is OpenAI's key variable; Acme Cloud reads ACME_API_KEY: apply "
            "renames it in this example file, its stand-in XXX kept",
        ),
        (
            "ML501",
            2,
            "warning",
            "safe",
            "OPENAI_BASE_URL, commented out in this example file, is no longer read after the "
            "migration; Acme Cloud reads ACME_BASE_URL: apply renames it here, its example URL "
            "kept",
        ),
        (
            "ML503",
            3,
            "warning",
            "review",
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
        ),
        (
            "ML503",
            4,
            "note",
            "manual",
            "tts-1 is an OpenAI model with no Acme Cloud mapping; choose a model from "
            "https://docs.acme.example/openai (or pass --model tts-1=NAME) (a commented-out "
            "line: change it before uncommenting it)",
        ),
    ]
    assert [
        f for f in migrate(registry, ".env.example", after)[1] if f.severity.value != "note"
    ] == []


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # empty: renamed
        ("OPENAI_API_KEY=\n", "ACME_API_KEY=\n"),
        # a stand-in asking for OpenAI's key: renamed, emptied (quotes kept)
        ('OPENAI_API_KEY="<your-openai-api-key>"\n', 'ACME_API_KEY=""\n'),
        (
            "export OPENAI_API_KEY=your-key-here  # from the console\n",
            "export ACME_API_KEY=your-key-here  # from the console\n",
        ),
        # a base URL pointing at OpenAI, live or commented out: the provider's
        (
            "#OPENAI_BASE_URL=https://api.openai.com/v1\n",
            "#ACME_BASE_URL=https://api.acme.example/v1\n",
        ),
        (
            "OPENAI_BASE_URL=https://api.example.org/v1\n",
            "ACME_BASE_URL=https://api.example.org/v1\n",
        ),
    ],
    ids=["empty", "openai-stand-in", "export", "commented-openai-url", "example-host"],
)
def test_example_lines_holding_no_key_are_renamed_in_place(registry, text, after):
    assert migrate(registry, ".env.sample", text)[0] == after
    assert [f for f in migrate(registry, ".env.sample", after)[1] if f.edit is not None] == []


def test_a_key_is_never_moved_even_in_an_example_file(registry):
    key = "sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6"
    text = f"OPENAI_API_KEY={key}\n# OPENAI_API_KEY={key}\n"
    after, findings = migrate(registry, ".env.template", text)
    assert after == f"OPENAI_API_KEY={key}\nACME_API_KEY=\n# OPENAI_API_KEY={key}\n"
    assert [
        (f.rule, f.line, f.severity.value, f.fix.value) for f in findings if f.rule == "ML501"
    ] == [
        ("ML501", 1, "warning", "safe"),
        ("ML501", 2, "note", "manual"),
    ]
    assert [f.message for f in findings if f.line == 2 and f.rule == "ML501"] == [
        "OPENAI_API_KEY, commented out in this example file, is no longer read after the "
        "migration; the file sets or names ACME_API_KEY: remove this line"
    ]
    # alone, a commented-out key is left with what to do
    alone = migrate(registry, ".env.template", f"# OPENAI_API_KEY={key}\n")
    assert alone[0] == f"# OPENAI_API_KEY={key}\n"
    assert shown(alone[1]) == [
        (
            "ML501",
            1,
            "note",
            "manual",
            "OPENAI_API_KEY, commented out in this example file, is no longer read after the "
            "migration; Acme Cloud reads ACME_API_KEY: change the example by hand (its value "
            "may be a key, which apply never moves)",
        )
    ]


def test_a_commented_out_url_of_another_server_is_a_note(registry):
    text = "# OPENAI_BASE_URL=http://localhost:8080/v1\n"
    after, findings = migrate(registry, ".env.example", text)
    assert after == text
    assert shown(findings) == [
        (
            "ML501",
            1,
            "note",
            "manual",
            "OPENAI_BASE_URL, commented out in this example file, is no longer read after the "
            "migration; Acme Cloud reads ACME_BASE_URL: rename it by hand where "
            "http://localhost:8080/v1 serves Acme Cloud's API",
        )
    ]


def test_an_example_migrated_by_an_earlier_apply_gets_a_note_on_the_openai_key(registry):
    text = "OPENAI_API_KEY=XXX\nACME_API_KEY=\n"
    after, findings = migrate(registry, ".env.example", text)
    assert after == text
    assert shown(findings) == [
        (
            "ML501",
            1,
            "note",
            "manual",
            "OPENAI_API_KEY is no longer read after the migration; remove it from this example "
            "file, which sets Acme Cloud's variable",
        )
    ]


def test_a_real_env_file_keeps_its_key_line_and_its_comments(registry):
    """`.env` holds the user's own key: the provider's variable is added after it, and
    commented-out lines are the user's notes."""
    text = "OPENAI_API_KEY=XXX\n# OPENAI_MODEL=gpt-4o\n# OPENAI_BASE_URL=https://example.com/v1/\n"
    after, findings = migrate(registry, ".env", text)
    assert after == (
        "OPENAI_API_KEY=XXX\n# ACME_API_KEY=\n# OPENAI_MODEL=gpt-4o\n"
        "# OPENAI_BASE_URL=https://example.com/v1/\n"
    )
    assert [(f.rule, f.line) for f in findings] == [("ML501", 1)]


def test_a_vision_model_setting_maps_to_the_providers_model_for_images(registry):
    """As ML204 maps chatgpt-telegram-bot's `VISION_MODEL` default in code: qwen's table maps
    gpt-4o to a model that takes no images."""
    after, findings = migrate(registry, ".env", "VISION_MODEL=gpt-4o\nMODEL=gpt-4o\n", "qwen")
    assert after == "VISION_MODEL=qwen3-vl-plus\nMODEL=qwen4-max\n"
    assert findings[0].message == (
        "gpt-4o is an OpenAI model; it maps to qwen3-vl-plus on Alibaba Qwen (DashScope / Model "
        "Studio), its model for images (VISION_MODEL)"
    )
    # a provider naming no model for images: left to a person
    assert shown(migrate(registry, ".env", "VISION_MODEL=gpt-4o\n")[1]) == [
        (
            "ML503",
            1,
            "warning",
            "manual",
            "gpt-4o is an OpenAI model, for images here (VISION_MODEL), and Acme Cloud names no "
            "model that takes images; choose one from https://docs.acme.example/openai (or pass "
            "--model gpt-4o=NAME)",
        )
    ]


def test_a_commented_out_line_can_be_suppressed(registry, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path(".env.example").write_text("# IMAGE_MODEL=gpt-4o  # migrate-llm: ignore\n")
    result = CliRunner().invoke(app, ["check", ".", "--no-cache", *ACME])
    assert result.exit_code == 0, result.stdout


def test_commented_out_assignments_are_read_only_on_lines_of_their_own():
    text = (
        "# Your OpenAI API key\n"
        "## OPENAI_MODEL=gpt-4o\n"
        "#e.g. OPENAI_MODEL=gpt-4o\n"
        '# PROMPT="never closed\n'
        'LIVE="first\n'
        "# OPENAI_MODEL=inside-a-value\n"
        '"\n'
        "  #\tMODEL = 'gpt-4o'  # the default\n"
    )
    assert [(e.key, e.value) for e in dotenv.read_commented(text)] == [
        ("OPENAI_MODEL", "gpt-4o"),
        ("MODEL", "gpt-4o"),
    ]
    assert [e.key for e in dotenv.read(text)] == ["LIVE"]


def test_which_files_are_examples():
    for name in (
        ".env.example",
        "app/.env.sample",
        ".env.template",
        ".env.dist",
        "env.example",
        "web.env.example",
        # trial 49e's D7: arc53/DocsGPT's `.env-template`; the other spellings projects use
        ".env-template",
        ".env-example",
        ".env_example",
        ".env_sample",
        ".ENV-SAMPLE",
        "env-example",
        ".env.local.example",
        "deploy/.env.production.sample",
        ".env.tpl",
        ".env.tmpl",
        "example.env",
        "docker/sample.env",
        "template.env",
    ):
        assert dotenv_example(name), name
    for name in (
        ".env",
        ".env.local",
        "prod.env",
        ".env.production",
        ".env-local",
        "test.env",
        ".environment.example",
        "venv.example",
        "dev-environment-template",
        ".env.example.bak",
        "env-template.yaml",
    ):
        assert not dotenv_example(name), name


# an example file spelled with a hyphen, as arc53/DocsGPT's `.env-template` (52279d27), cut down
TEMPLATE = (
    "API_KEY=<your key>\nOPENAI_API_KEY=<your key>\n# OPENAI_BASE_URL=https://example.com/v1/\n"
)
TEMPLATE_AFTER = (
    "API_KEY=<your key>\nACME_API_KEY=<your key>\n# ACME_BASE_URL=https://example.com/v1/\n"
)


@pytest.mark.parametrize("name", [".env-template", ".env_example", "example.env", ".env.tpl"])
def test_an_example_file_of_another_spelling_is_migrated_as_env_example_is(
    tmp_path, monkeypatch, name
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(TEMPLATE)
    (tmp_path / ".env.example").write_text(TEMPLATE)
    runner = CliRunner()
    before = runner.invoke(app, ["check", ".", *ACME, "--format", "json", "--no-cache"])
    assert before.exit_code == 1
    found = json.loads(before.stdout)["findings"]
    assert [(f["path"], f["rule"], f["line"], f["fix"]) for f in found] == sorted(
        (path, "ML501", line, "safe") for path in (name, ".env.example") for line in (2, 3)
    )
    assert {f["message"] for f in found if f["path"] == name} == {
        f["message"] for f in found if f["path"] == ".env.example"
    }
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / name).read_text() == TEMPLATE_AFTER
    assert (tmp_path / ".env.example").read_text() == TEMPLATE_AFTER
    after = runner.invoke(app, ["check", ".", *ACME, "--no-cache"])
    assert after.exit_code == 0, after.stdout


def test_a_directory_or_a_yaml_file_named_like_an_example_is_not_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env-template").mkdir()
    (tmp_path / ".env-template" / "notes").write_text(TEMPLATE)
    (tmp_path / "env-template.yaml").write_text("OPENAI_API_KEY: <your key>\n")
    (tmp_path / "env.example.sh").write_text("export OPENAI_API_KEY=<your key>\n")
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", ".", *ACME, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    assert [(f["path"], f["rule"], f["fix"]) for f in json.loads(scan.stdout)["findings"]] == [
        ("env-template.yaml", "ML501", "manual"),  # a YAML file's key, not an example's line
        ("env.example.sh", "ML501", "manual"),  # a script's
    ]
    done = runner.invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env-template" / "notes").read_text() == TEMPLATE
    assert (tmp_path / "env-template.yaml").read_text() == "OPENAI_API_KEY: <your key>\n"


def test_an_env_named_yaml_file_is_read_as_yaml(tmp_path, monkeypatch):
    # t65d: chat-langchain's `.env.gcp.yaml.example`, a Cloud Run `--env-vars-file` (a YAML map
    # of the variables), was read as a `.env` file, found no `KEY=value` line, and said nothing
    # while the deployed code read ZAI_API_KEY
    monkeypatch.chdir(tmp_path)
    text = "OPENAI_API_KEY: your_secret_key_here\nWEAVIATE_URL: https://example.invalid\n"
    for name in (".env.gcp.yaml.example", ".env.gcp.yaml", "prod.env.yml"):
        (tmp_path / name).write_text(text)
    assert [classify(n) for n in (".env.gcp.yaml.example", ".env.yaml", ".env.example")] == [
        "yaml",
        "yaml",
        "dotenv",
    ]
    check = CliRunner().invoke(app, ["check", ".", *ACME, "--format", "json", "--no-cache"])
    assert check.exit_code == 1, check.stderr
    assert [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"])
        for f in json.loads(check.stdout)["findings"]
    ] == [
        (".env.gcp.yaml", 1, "ML501", "warning", "manual"),
        (".env.gcp.yaml.example", 1, "ML501", "warning", "manual"),
        ("prod.env.yml", 1, "ML501", "warning", "manual"),
    ]
    done = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / ".env.gcp.yaml.example").read_text() == text
