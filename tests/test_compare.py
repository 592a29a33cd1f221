"""`providers compare` (support matrix and --paths ranking) and `scan --provider`'s
compatibility summary."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.compat_summary import (
    Leftover,
    best_fits,
    call_surface,
    leftover,
    rank,
    surface_counts,
)
from migrate_llm.model import Finding, FixClass, Severity

CLIENT = "from openai import OpenAI\nclient = OpenAI()\n"
CHAT = 'client.chat.completions.create(model="gpt-4o", messages=[])\n'
EMBED = 'client.embeddings.create(model="text-embedding-3-small", input="x")\n'
IMAGE = 'client.images.generate(prompt="a cat")\n'


@pytest.fixture
def runner():
    return CliRunner()


def invoke(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def rows(stdout: str) -> dict[str, list[str]]:
    """Table rows by their first cell, cells stripped (rich's box characters as separators)."""
    table = {}
    for line in stdout.splitlines():
        cells = [c.strip() for c in line.replace("┃", "│").split("│")]
        if len(cells) > 1 and cells[0]:
            table[cells[0]] = cells[1:]
    return table


def finding(
    rule: str, message: str, severity=Severity.NOTE, fix=FixClass.SAFE, data=None
) -> Finding:
    return Finding(
        rule, "api-call", severity, fix, message, 1, 1, 1, 2, path="a.py", data=data or {}
    )


# --- the support matrix ------------------------------------------------------------------


def test_matrix_for_two_named_providers(runner):
    result = invoke(runner, "providers", "compare", "moonshot", "qwen")
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert table["feature"] == ["moonshot", "qwen"]
    assert table["chat"] == ["yes", "yes"]
    assert table["embeddings"] == ["no", "yes"]
    assert table["images"] == ["no", "no"]
    assert table["assistants"] == ["no", "no"]
    assert table["models"] == ["yes", "?"]
    assert table["temperature"] == ["0-1", "?"]
    assert table["response_format"] == ["text, json_object", "text, json_object"]
    assert table["embedding_dimensions"] == [
        "?",
        "64, 128, 256, 512, 768, 1024, 1536, 2048 (default 1024)",
    ]
    # uncertain facts carry a numbered mark and a footnote naming provider and row
    moonshot, qwen = table["batches"]
    assert moonshot.startswith("yes*") and qwen == "yes"
    lines = result.stdout.splitlines()
    note = f"  {moonshot[3:]} moonshot batches: a Batch API is mentioned by secondary sources only"
    assert note in lines
    qwen = table["structured_outputs"][1]
    assert qwen.startswith("partial*")
    assert any(line.startswith(f"  {qwen[7:]} qwen structured_outputs: ") for line in lines)


def test_matrix_accepts_aliases_and_drops_duplicates(runner):
    result = invoke(runner, "providers", "compare", "kimi", "dashscope", "moonshot")
    assert result.exit_code == 0, result.output
    assert rows(result.stdout)["feature"] == ["moonshot", "qwen"]


def test_matrix_defaults_to_every_provider_but_openai(runner):
    result = invoke(runner, "providers", "compare", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "openai" not in data["providers"]
    assert {"moonshot", "qwen", "deepseek", "zhipu"} <= set(data["providers"])
    assert data["providers"] == sorted(data["providers"])


def test_unknown_provider_exits_2_listing_known_ids(runner):
    result = invoke(runner, "providers", "compare", "moonshot", "nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown provider 'nope'; known providers: " in result.stderr
    assert "moonshot" in result.stderr and "qwen" in result.stderr


def test_matrix_json_shape(runner):
    result = invoke(runner, "providers", "compare", "moonshot", "qwen", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"providers", "surfaces", "params", "uncertain"}
    assert data["providers"] == ["moonshot", "qwen"]
    assert data["surfaces"]["embeddings"] == {"moonshot": "no", "qwen": "yes"}
    assert data["surfaces"]["structured_outputs"] == {"moonshot": "unknown", "qwen": "partial"}
    assert data["surfaces"]["chat"] == {"moonshot": "yes", "qwen": "yes"}
    assert list(data["params"]) == [
        "temperature",
        "tool_choice",
        "response_format",
        "n_max",
        "max_tokens_param",
        "embedding_dimensions",
    ]
    assert data["params"]["temperature"] == {"moonshot": [0.0, 1.0], "qwen": None}
    assert data["params"]["tool_choice"] == {"moonshot": ["none", "auto"], "qwen": ["none", "auto"]}
    assert data["params"]["embedding_dimensions"]["qwen"] == {
        "dimensions": [64, 128, 256, 512, 768, 1024, 1536, 2048],
        "default": 1024,
    }
    assert data["params"]["embedding_dimensions"]["moonshot"] is None
    assert data["uncertain"]["moonshot"]["supports.batches"].startswith("a Batch API")
    assert "params.tool_choice" in data["uncertain"]["qwen"]


def test_help_lists_exit_codes(runner):
    result = invoke(runner, "providers", "compare", "--help")
    assert result.exit_code == 0
    assert "Exit codes: 0 shown; 2 unknown provider id" in " ".join(result.stdout.split())


# --- ranking providers for a project -----------------------------------------------------


@pytest.fixture
def media_project(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(CLIENT + EMBED + IMAGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_paths_rank_a_provider_with_images_above_one_without(runner, media_project):
    # zhipu serves embeddings and images; qwen embeddings only; moonshot neither
    result = invoke(
        runner, "providers", "compare", "moonshot", "qwen", "zhipu", "--paths", media_project
    )
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert table["provider"] == ["left for a person", "errors", "warnings"]
    order = [line.split()[0] for line in result.stdout.splitlines() if "│" in line]
    assert order == ["zhipu", "qwen", "moonshot"]
    assert table["zhipu"][1] == "0"  # errors
    assert table["qwen"][1] == "1"  # images.generate fails
    # embeddings and images fail, and so the client, which makes only those, stays (ML001)
    assert table["moonshot"][1] == "3"
    assert result.stdout.splitlines()[-1].startswith("Best fit: zhipu, with ")


def test_paths_json(runner, media_project):
    result = invoke(
        runner, "providers", "compare", "qwen", "moonshot", "--paths", "app.py", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["qwen", "moonshot"]  # best first
    for counts in data.values():
        assert set(counts) == {"left", "errors", "warnings"}
        assert counts["left"] == counts["errors"] + counts["warnings"]
    assert data["qwen"]["errors"] == 1
    assert data["moonshot"]["errors"] == 3  # the two calls, and the client left (ML001)


def test_paths_missing_exits_2(runner, media_project):
    result = invoke(runner, "providers", "compare", "qwen", "--paths", "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.stderr
    assert result.stdout == ""


# --- the pure logic ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "surface", "path"),
    [
        ("client.chat.completions.create(model=m, messages=[])", "chat", "chat.completions.create"),
        (
            "client.chat.completions.with_raw_response.create(messages=[])",
            "chat",
            "chat.completions.with_raw_response.create",
        ),
        (
            "client.beta.chat.completions.parse(messages=[], response_format=Answer)",
            "structured_outputs",
            None,
        ),
        # no format: it asks for no schema (its tools, if any, are strict: ML111)
        ("client.chat.completions.parse(messages=[], tools=[t])", "chat", None),
        (
            "client.chat.completions.stream(messages=[], response_format=Answer)",
            "structured_outputs",
            "chat.completions.stream",
        ),
        ("client.responses.parse(input=q, text_format=Answer)", "structured_outputs", None),
        ("client.responses.stream(input=q)", "responses", "responses.stream"),
        ("client.embeddings.create(input=x, model=m)", "embeddings", "embeddings.create"),
        ("client.beta.threads.runs.create(thread_id=t)", "assistants", None),
        ("client.fine_tuning.jobs.create(model=m)", "fine_tuning", None),
        ("openai.Embedding.create(input=x, model=m)", "embeddings", "Embedding.create"),
        ("openai.ChatCompletion.acreate(model=m, messages=[])", "chat", None),
        ("openai.embeddings.create(input=x, model=m)", "embeddings", "embeddings.create"),
    ],
)
def test_call_findings_carry_their_surface(registry, call, surface, path):
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    text = f"import openai\nclient = openai.OpenAI()\n{call}\n"
    ctx = RuleContext(registry, registry.get("qwen"))
    calls = [f for f in check_python(text, ctx, PYTHON_RULES) if call_surface(f) is not None]
    assert [call_surface(f) for f in calls] == [surface]
    if path is not None:
        assert calls[0].data["call"] == path


def test_surface_counts_from_call_findings():
    findings = [
        finding("ML101", "x", data={"surface": "chat", "call": "chat.completions.create"}),
        finding("ML101", "y", data={"surface": "chat", "call": "chat.completions.create"}),
        finding("ML102", "z", data={"surface": "embeddings", "call": "embeddings.create"}),
        finding("ML302", "w", data={"surface": "embeddings", "call": "Embedding.create"}),
        finding("ML302", "openai.Completion.create was removed in openai 1.0"),  # no call
        finding("ML201", "m", data={"surface": "chat"}),  # not a call rule
    ]
    surfaces = [call_surface(f) for f in findings]
    assert surfaces == ["chat", "chat", "embeddings", "embeddings", None, None]
    assert surface_counts(findings) == {"chat": 2, "embeddings": 2}
    assert list(surface_counts(reversed(findings))) == ["chat", "embeddings"]  # SURFACES order


def test_leftover_counts_manual_errors_and_warnings():
    findings = [
        finding("ML101", "a", Severity.ERROR, FixClass.MANUAL),
        finding("ML201", "b", Severity.WARNING, FixClass.MANUAL),
        finding("ML201", "c", Severity.WARNING, FixClass.REVIEW),
        finding("ML101", "d", Severity.NOTE, FixClass.MANUAL),
        finding("ML001", "e", Severity.ERROR, FixClass.SAFE),
    ]
    assert leftover(findings) == Leftover(errors=1, warnings=1)
    assert leftover(findings).to_json() == {"left": 2, "errors": 1, "warnings": 1}


def test_rank_puts_fewest_errors_first_and_reports_ties():
    ranked = rank({"b": Leftover(0, 3), "a": Leftover(0, 3), "c": Leftover(1, 0)})
    assert [pid for pid, _ in ranked] == ["a", "b", "c"]
    assert best_fits(ranked) == ["a", "b"]
    assert best_fits([]) == []


# --- scan --provider's compatibility summary ---------------------------------------------


@pytest.fixture
def chat_embed_project(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(CLIENT + CHAT + CHAT + EMBED, encoding="utf-8")
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_scan_with_provider_ends_with_compat_summary(runner, chat_embed_project):
    result = invoke(runner, "scan", "-p", "moonshot")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("Compatibility with Moonshot AI (Kimi)")
    table = rows("\n".join(lines[start:]))
    assert table["API surface"] == ["call sites", "moonshot support"]
    assert table["chat"] == ["2", "yes"]
    assert table["embeddings"] == ["1", "no"]
    # kimi-k2.6 thinks by default, which gpt-4o did not: ML118 turns it off in both requests
    assert table["parameter: model that thinks by default"] == ["2", "2 rewritten by apply"]
    assert set(table) == {
        "API surface",
        "chat",
        "embeddings",
        "parameter: model that thinks by default",
    }
    # after the category summary, and the one-line summary stays last
    assert start > lines.index("Summary by category")
    assert re.match(r"\d+ findings for moonshot in 1 of 2 files; ", lines[-1])


def test_scan_compat_summary_marks_uncertain_support(runner, tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(
        CLIENT + "client.beta.chat.completions.parse(model='gpt-4o-mini', messages=[], "
        "response_format=A)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "scan", "-p", "qwen")
    assert result.exit_code == 0, result.output
    assert rows(result.stdout)["structured_outputs"] == ["1", "partial*"]
    assert "  * uncertain: see `migrate-llm providers show qwen`" in result.stdout.splitlines()


def test_scan_without_provider_has_no_compat_summary(runner, chat_embed_project):
    result = invoke(runner, "scan")
    assert result.exit_code == 0, result.output
    assert "Compatibility" not in result.stdout
    assert re.match(r"\d+ findings in 1 of 2 files; ", result.stdout.splitlines()[-1])


def test_scan_json_with_provider_is_unchanged(runner, chat_embed_project):
    result = invoke(runner, "scan", "-p", "moonshot", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "version",
        "tool",
        "provider",
        "files",
        "parsed",
        "findings",
        "errors",
        "ignored",
    }


def test_scan_report_file_has_compat_summary(runner, chat_embed_project):
    result = invoke(runner, "scan", "-p", "moonshot", "-o", "report.txt")
    assert result.exit_code == 0, result.output
    text = (chat_embed_project / "report.txt").read_text(encoding="utf-8")
    assert rows(text)["embeddings"] == ["1", "no"]
    assert re.match(r"\d+ findings for moonshot in ", text.splitlines()[-1])


def test_scan_summary_counts_parameters_and_what_apply_fixes(tmp_path, monkeypatch):
    from .conftest import ACME_DIR

    (tmp_path / "app.py").write_text(
        "from openai import OpenAI\nc = OpenAI()\n"
        'c.chat.completions.create(model="acme-large", messages=[], '
        'max_completion_tokens=5, tool_choice="required")\n'
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["scan", "-p", "acme", "--providers-dir", str(ACME_DIR)])
    assert result.exit_code == 0
    rows = [" ".join(line.replace("│", " ").split()) for line in result.stdout.splitlines()]
    assert "parameter: max_tokens name 1 1 rewritten by apply" in rows
    assert "parameter: unsupported parameter 1 0 rewritten by apply, 1 for you" in rows
