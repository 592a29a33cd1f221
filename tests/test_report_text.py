"""The scan table for people: short finding lines, advice on a `help:` line, narrow terminals."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.report import shorten, split_advice

from .apply_summary import placeholder_step
from .conftest import ACME_DIR


@pytest.mark.parametrize(
    ("message", "split"),
    [
        (
            "openai.error.Timeout does not exist in openai 1.0; catch openai.APITimeoutError",
            ("openai.error.Timeout does not exist in openai 1.0", "catch openai.APITimeoutError"),
        ),
        (  # an apostrophe inside a word opens no quote
            "OPENAI_API_KEY is OpenAI's key variable; acme reads ACME_API_KEY (apply adds it; "
            "never copied)",
            (
                "OPENAI_API_KEY is OpenAI's key variable",
                "acme reads ACME_API_KEY (apply adds it; never copied)",
            ),
        ),
        (  # `; ` inside brackets, quotes or backticks is part of what was found
            "model comes from `a; b` and (x; y) and 'p; q'; name an acme model",
            ("model comes from `a; b` and (x; y) and 'p; q'", "name an acme model"),
        ),
        (
            "model 'gpt-4o' maps to 'acme-large' on acme",
            ("model 'gpt-4o' maps to 'acme-large' on acme", ""),
        ),
    ],
)
def test_advice_is_what_follows_the_first_top_level_semicolon(message, split):
    assert split_advice(message) == split


def test_the_target_is_named_by_id_and_its_urls_are_said_once(registry):
    acme = registry.get("acme")
    assert shorten(
        "for Acme Cloud read the key from ACME_API_KEY and the base URL from ACME_BASE_URL "
        "(default https://api.acme.example/v1); Acme Cloud's images support is unconfirmed "
        "(see https://docs.acme.example/openai)",
        acme,
    ) == (
        "for acme read the key from ACME_API_KEY and the base URL from ACME_BASE_URL; acme's "
        "images support is unconfirmed"
    )
    qwen = registry.get("qwen")
    assert qwen.name.startswith("Alibaba")
    assert (
        shorten(
            f"make sure it names an {qwen.name} model; An {qwen.name} key; a {qwen.name}-like "
            f"thing, an {qwen.name}",
            qwen,
        )
        == "make sure it names a qwen model; A qwen key; a qwen-like thing, a qwen"
    )
    assert shorten(f"use a {acme.name} model", acme) == "use an acme model"
    openai = registry.get("openai")
    said = "OpenAI() talks to OpenAI (key from OPENAI_API_KEY)"
    assert shorten(said, openai) == said
    assert shorten(said, None) == said


def test_what_apply_writes_is_shown_as_it_writes_it(registry):
    acme = registry.get("acme")
    assert shorten(
        "the prompt 'Your OpenAI key:' goes to Acme Cloud; apply writes \"Your Acme Cloud key:\", "
        'or `ask_key("Acme Cloud")` (default https://api.acme.example/v1)',
        acme,
    ) == (
        "the prompt 'Your OpenAI key:' goes to acme; apply writes \"Your Acme Cloud key:\", "
        'or `ask_key("Acme Cloud")`'
    )


def test_a_model_id_is_shown_as_written(registry):
    """t53g D6: `MiniMax-M2.5` holds the provider's name, and apply writes it as it is."""
    minimax = registry.get("minimax")
    assert shorten(
        "for MiniMax set DEFAULT_MODEL_TYPE=MiniMax-M2.5 or MiniMax-M3 (a MiniMax key, "
        "MiniMax-Text-01); use MiniMax.",
        minimax,
    ) == (
        "for minimax set DEFAULT_MODEL_TYPE=MiniMax-M2.5 or MiniMax-M3 (a minimax key, "
        "MiniMax-Text-01); use minimax."
    )


CAMEL_AGENT = 'from camel.agents import ChatAgent\n\nagent = ChatAgent("You help.")\n'


def test_the_table_gives_camel_the_model_id_apply_writes(tmp_path, monkeypatch):
    (tmp_path / "agent.py").write_text(CAMEL_AGENT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "-p", "minimax"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    help_line = result.stdout.splitlines()[2]
    assert help_line.startswith(
        "    help: for minimax set DEFAULT_MODEL_PLATFORM_TYPE=minimax, "
        "DEFAULT_MODEL_TYPE=MiniMax-M2.5, MINIMAX_API_KEY (the minimax key) and "
    )
    assert 'model_type="MiniMax-M2.5"' in help_line
    assert "minimax-M2.5" not in result.stdout


PROJECT = (
    "from openai import OpenAI\nclient = OpenAI()\n"
    'client.chat.completions.create(model="gpt-4o", messages=[])\n'
)


@pytest.mark.parametrize(("columns", "table"), [("70", False), ("120", True)])
def test_the_summary_is_a_list_on_a_narrow_terminal(tmp_path, monkeypatch, columns, table):
    (tmp_path / "app.py").write_text(PROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app,
        ["scan", "-p", "acme", "--providers-dir", str(ACME_DIR)],
        env={"COLUMNS": columns},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "app.py",
        "  2:10 ML001 error OpenAI() talks to OpenAI (key from OPENAI_API_KEY) (safe)",
        "    help: for acme read the key from ACME_API_KEY and the base URL from ACME_BASE_URL",
        "  3:38 ML201 warning model 'gpt-4o' maps to 'acme-large' on acme (review)",
        "",
    ]
    listed = [
        "Summary by category",
        "  api-call: 1 (1 note; 1 none)",
        "  client: 1 (1 error; 1 safe)",
        "  model: 1 (1 warning; 1 review)",
    ]
    assert (lines[5:9] == listed) is not table
    assert lines[-4:] == [
        "acme is Acme Cloud, key in ACME_API_KEY",
        "  base URL https://api.acme.example/v1",
        "  docs     https://docs.acme.example/openai",
        "3 findings for acme in 1 of 1 file; 1 error, 1 warning, 1 note (1 information-only not "
        "listed: --show-notes)",
    ]
    assert "…" not in result.stdout  # no word cut to fit a column


def test_providers_compare_lists_values_per_feature_when_the_columns_do_not_fit():
    args = ["providers", "--providers-dir", str(ACME_DIR), "compare", "acme", "openai"]
    narrow = CliRunner().invoke(app, args, env={"COLUMNS": "40"})
    assert narrow.exit_code == 0, narrow.output
    lines = narrow.stdout.splitlines()
    assert lines[0] == "chat                  yes: all 2"
    assert "images                no: acme; yes: openai" in lines
    assert "┃" not in narrow.stdout
    wide = CliRunner().invoke(app, args, env={"COLUMNS": "160"})
    assert wide.stdout.splitlines()[0].split() == ["feature", "┃", "acme", "┃", "openai"]


def test_rule_examples_are_shown_for_a_built_in_provider_that_behaves_the_same():
    from migrate_llm.registry import load_registry
    from migrate_llm.rule_docs import shown_examples
    from migrate_llm.rules import rule_by_code

    builtin = load_registry()
    wanted = next(
        p
        for pid, p in sorted(builtin.providers.items())
        if not p.passthrough_models and p.params.get("max_tokens_param") == "max_tokens"
    )
    reported, subclass, silent = shown_examples(rule_by_code("ML112"), builtin)
    # the second example that reports: a LlamaIndex OpenAILike subclass built for Qwen (t66a)
    assert (subclass.provider, subclass.finds, subclass.after) == ("qwen", True, None)
    assert (reported.provider, reported.finds) == (wanted.id, True)
    assert reported.message.startswith(
        f"{wanted.name} takes max_tokens=, not max_completion_tokens="
    )
    assert reported.after == reported.before.replace("max_completion_tokens=50", "max_tokens=50")
    assert (silent.finds, silent.message, silent.after) == (False, None, None)


def test_rules_code_renders_the_docs_and_the_examples_as_run():
    result = CliRunner().invoke(app, ["rules", "ml303"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "## What it does" not in result.stdout
    assert "What it does" in lines
    at = lines.index("  apply writes:")
    assert lines[at - 1].startswith("  -> openai.error.")
    assert "acme" not in result.stdout


def test_apply_asks_for_the_azure_resource_endpoint_rather_than_calling_it_an_override(
    tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(PROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["apply", "-p", "azure", "--model", "gpt-4o=chat-prod", "--diff"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        "Next: write it (`git apply`, or apply again with --yes), then export "
        "AZURE_OPENAI_API_KEY=<your resource's key> and AZURE_OPENAI_ENDPOINT=<your resource's "
        "endpoint, such as https://YOUR-RESOURCE-NAME.openai.azure.com> (the OpenAI key does not "
        "work there). " + placeholder_step("Azure OpenAI", "app.py:5")
    )


class _Pager:
    """A pager that keeps what it was given."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def show(self, content: str) -> None:
        self.shown.append(content)


@pytest.mark.parametrize(("lines", "paged"), [(30, True), (5, False)])
def test_a_diff_taller_than_the_terminal_goes_through_the_pager(lines, paged):
    import io

    from rich.console import Console

    from migrate_llm.report import show_diff

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, height=20, width=80, no_color=True)
    diff = "--- a/app.py\n+++ b/app.py\n" + "".join(f"+line {i}\n" for i in range(lines))
    pager = _Pager()
    show_diff(diff, console, pager)
    assert bool(pager.shown) is paged
    shown = re.sub(r"\x1b\[[0-9;]*m", "", pager.shown[0] if paged else out.getvalue())
    assert shown.splitlines()[2:] == [f"+line {i}" for i in range(lines)]


def test_scan_markdown_is_a_checklist_of_what_apply_leaves(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        PROJECT + 'client.chat.completions.create(model=pick(), messages=[], tool_choice="x|y")\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["scan", "-p", "acme", "--providers-dir", str(ACME_DIR), "--format", "markdown"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "# Moving off the OpenAI API to Acme Cloud (`acme`)\n"
        "\n"
        "4 places in 1 of 1 file: `migrate-llm apply` rewrites 2 (1 safe, 1 to review); 2 are "
        "left for a person.\n"
        "\n"
        "## Variables to set\n"
        "\n"
        "- [ ] `ACME_API_KEY`: your Acme Cloud key (the OpenAI key does not work there)\n"
        "- [ ] `ACME_BASE_URL` (optional): another base URL than https://api.acme.example/v1 "
        "(a proxy, a region, a test server)\n"
        "\n"
        "## Rewritten by `apply`\n"
        "\n"
        "| category | safe | to review |\n"
        "| --- | ---: | ---: |\n"
        "| client | 1 | 0 |\n"
        "| model | 0 | 1 |\n"
        "\n"
        "## Left for a person\n"
        "\n"
        "### `app.py`\n"
        "\n"
        '- [ ] 4:71 **ML111** (compatibility, warning): tool_choice="x\\|y" is not accepted by '
        "Acme Cloud (accepted: auto, none)\n"
        "- [ ] 4:38 **ML203** (model, note): model comes from `pick()` at run time; make sure it "
        "names an Acme Cloud model (acme-large, acme-medium, acme-small)\n"
    )


@pytest.mark.parametrize(
    "message",
    [
        "model 'gpt-4o' is an OpenAI model; `--provider ID` shows its replacement",
        "reads [bold]OPENAI_API_KEY[/] \\[x] and a trailing backslash \\",
        "a control character \x1b[31m and a CR\r in a model string; 模型 名称",
        "a tab\there, which rich expands; so rich prints it",
    ],
)
def test_the_table_written_to_a_file_is_what_rich_would_write(message):
    import io

    from rich.console import Console

    from migrate_llm.model import FileError, Finding, FixClass, ScanResult, Severity
    from migrate_llm.report import console_for, scan_table

    finding = Finding("ML201", "model", Severity.WARNING, FixClass.REVIEW, message, 3, 5, 3, 9)
    result = ScanResult(
        None,
        2,
        (replace(finding, path="a [b].py"), replace(finding, path="c.py", line=7)),
        (FileError("d\x07.py", "does not parse", 4),),
        ignored=(".env",),
    )
    written = io.StringIO()
    scan_table(result, console_for(written))
    # the same console settings, recording: rich renders every line itself
    recorded = Console(
        file=io.StringIO(),
        no_color=True,
        highlight=False,
        emoji=False,
        soft_wrap=True,
        width=200,
        record=True,
    )
    scan_table(result, recorded)
    assert written.getvalue() == recorded.export_text()
    assert "  3:5 ML201 warning " in written.getvalue()
