"""A program's recorded output in config formats (run results, logs, evaluation outputs as JSON
or YAML) is not its configuration: apply leaves it, and what the config rules would say of it
is one note, so `check` passes while a user still sees it (seen in gpt-researcher, whose
`benchmark_results/*.json` and `example_output.json` apply had rewritten)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.formats.recorded import project_path, recorded_output
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

RUN = (
    "{\n"
    '  "run_metadata": {\n'
    '    "timestamp": "2026-07-04T19:06:28+00:00",\n'
    '    "model": "openai:gpt-4o",\n'
    '    "grader_model": "gpt-4o-mini"\n'
    "  },\n"
    '  "summary": {"accuracy": 0.8}\n'
    "}\n"
)
TASK = '{\n  "query": "Is AI in a hype cycle?",\n  "model": "openai:gpt-4o"\n}\n'
NOTE = (
    "openai:gpt-4o and 1 more are in recorded output (benchmark_results/), not configuration "
    "the program reads: apply leaves it"
)


@pytest.mark.parametrize(
    ("kind", "path", "mark"),
    [
        ("json", "deep_agents/benchmark_results/simpleqa_n30.json", "benchmark_results/"),
        ("json", "evals/simple_evals/example_output.json", "example_output.json"),
        ("json", "evals/hallucination_eval/results/aggregate_results.json", "results/"),
        ("yaml", "outputs/2026-07-04/12-00-00/.hydra/config.yaml", "outputs/"),
        ("yaml", "Eval-Logs/run.yaml", "Eval-Logs/"),
        ("json", "results.json", "results.json"),
        ("yaml", "nightly-run_log.yml", "nightly-run_log.yml"),
        ("json", "deep_agents/task.json", None),
        ("yaml", "config/settings.yaml", None),
        ("json", "search_results_config.json", None),
        ("json", "resultset/config.json", None),
        ("dotenv", "logs/.env", None),
        ("toml", "results/pyproject.toml", None),
    ],
)
def test_what_marks_recorded_output(kind, path, mark):
    assert recorded_output(kind, path) == mark


def test_a_recorded_run_is_one_note_and_left_as_it_is(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    name = "deep_agents/benchmark_results/hybrid_2026-07-04.json"
    change = FileScanner(ctx, Path(".")).migrate_text(RUN, "json", name, name)
    assert change.after == RUN
    [finding] = change.findings
    assert (finding.rule, finding.line, finding.column, finding.end_column) == ("ML503", 4, 14, 29)
    assert finding.message == NOTE
    assert (finding.severity, finding.fix, finding.edit) == (Severity.NOTE, FixClass.NONE, None)
    assert finding.data == {
        "value": "openai:gpt-4o",
        "recorded_output": "benchmark_results/",
        "mentions": 2,
    }


def test_the_configuration_beside_it_is_migrated_as_before(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(TASK, "json", "deep_agents/task.json", "t")
    assert change.after == TASK.replace("openai:gpt-4o", "openai:acme-large")
    assert [(f.rule, f.fix) for f in change.findings] == [("ML503", FixClass.REVIEW)]


def test_endpoints_and_variables_recorded_are_notes_and_keys_stay_errors(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    text = (
        "- request:\n"
        "    base_url: https://api.openai.com/v1\n"
        "    model: gpt-4o\n"
        "    api_key: sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6\n"
    )
    findings = check_config("logs/requests.yaml", text, ctx)
    assert [(f.rule, f.severity, f.fix, f.message) for f in findings] == [
        (
            "ML502",
            Severity.NOTE,
            FixClass.NONE,
            "https://api.openai.com/v1 is in recorded output (logs/), not configuration the "
            "program reads: apply leaves it",
        ),
        (
            "ML503",
            Severity.NOTE,
            FixClass.NONE,
            "gpt-4o is in recorded output (logs/), not configuration the program reads: apply "
            "leaves it",
        ),
        (
            "ML505",
            Severity.ERROR,
            FixClass.MANUAL,
            "hard-coded API key sk-pr…D6 in a config file; move it to an environment variable "
            "and rotate it",
        ),
    ]


@pytest.mark.parametrize(
    ("kind", "path", "text", "after"),
    [
        ("dotenv", "logs/.env", "LLM_MODEL=gpt-4o\n", "LLM_MODEL=acme-large\n"),
        ("yaml", "settings.yaml", "llm:\n  model: gpt-4o\n", "llm:\n  model: acme-large\n"),
        ("toml", "runs/pyproject.toml", '[tool.app]\nmodel = "gpt-4o"\n', None),
    ],
)
def test_settings_files_are_read_as_configuration_wherever_they_stand(
    registry, kind, path, text, after
):
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, Path(".")).migrate_text(text, kind, path, path)
    assert change.after == (after or text.replace("gpt-4o", "acme-large"))
    again = FileScanner(ctx, Path(".")).migrate_text(change.after, kind, path, path)
    assert again.after == change.after


def test_the_path_is_judged_below_the_repository_root(tmp_path):
    project = tmp_path / "results" / "app"
    (project / ".git").mkdir(parents=True)
    (project / "benchmark_results").mkdir()
    # scanned from above the repository: `results/` is not the project's
    assert project_path("results/app/config.yaml", str(tmp_path)) == "config.yaml"
    # scanned by an absolute path from elsewhere: the project's own directories count
    found = str(project / "benchmark_results" / "x.json")
    assert project_path(found, "/") == "benchmark_results/x.json"
    # outside any repository: the path as shown, or the name of a file outside cwd
    loose = tmp_path / "loose"
    loose.mkdir()
    assert project_path("runs/a.json", str(loose)) == "runs/a.json"
    assert project_path(str(loose / "runs" / "a.json"), "/nowhere") == "a.json"


def _tree(root: Path) -> None:
    (root / ".git").mkdir()
    (root / "benchmark_results").mkdir()
    (root / "benchmark_results" / "hybrid_2026-07-04.json").write_text(RUN)
    (root / "evals").mkdir()
    (root / "evals" / "example_output.json").write_text(
        '{"run_metadata": {"grader_model": "gpt-4-turbo"}}\n'
    )
    (root / "task.json").write_text(TASK)


def test_scan_check_and_apply_agree_on_recorded_output(tmp_path, monkeypatch):
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    found = [
        (f["path"], f["line"], f["severity"], f["fix"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
    ]
    assert found == [
        (
            "benchmark_results/hybrid_2026-07-04.json",
            4,
            "note",
            "none",
            {"value": "openai:gpt-4o", "recorded_output": "benchmark_results/", "mentions": 2},
        ),
        (
            "evals/example_output.json",
            1,
            "note",
            "none",
            {"value": "gpt-4-turbo", "recorded_output": "example_output.json", "mentions": 1},
        ),
        ("task.json", 3, "warning", "review", {"model_from": "gpt-4o", "model_to": "acme-large"}),
    ]
    check = runner.invoke(app, ["check", ".", *acme])
    assert check.exit_code == 1  # task.json still names gpt-4o
    kept = [
        tmp_path / "benchmark_results" / "hybrid_2026-07-04.json",
        tmp_path / "evals" / "example_output.json",
    ]
    recorded = {p: p.read_bytes() for p in kept}
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert {p: p.read_bytes() for p in recorded} == recorded
    assert (tmp_path / "task.json").read_text() == TASK.replace("gpt-4o", "acme-large")
    check = runner.invoke(app, ["check", ".", *acme])
    assert check.exit_code == 0, check.stdout
    again = runner.invoke(app, ["apply", ".", *acme, "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""


LEADERBOARD = (
    "- dirname: 2024-08-15-json-gpt-4o\n"
    "  test_cases: 133\n"
    "  model: gpt-4o\n"
    "  edit_format: whole\n"
    "  pass_rate_1: 60.2\n"
    "  command: aider --model gpt-4o\n"
    "  date: 2024-08-15\n"
    "- dirname: 2024-09-01-o1\n"
    "  model: o1-mini\n"
    "  pass_rate_2: 70.7\n"
)


@pytest.mark.parametrize(
    ("path", "text", "mark"),
    [
        # aider's leaderboard data (website/_data/edit_leaderboard.yml)
        ("edit_leaderboard.yml", LEADERBOARD, "records of results: pass_rate_1 beside model"),
        (
            "runs.json",
            '{"runs": [{"model_name": "gpt-4o", "test_accuracy": "81.5%"}]}',
            "records of results: test_accuracy beside model_name",
        ),
        (
            "a.json",
            '[{"model": "gpt-4o", "win-rate": 0.61}]',
            "records of results: win-rate beside model",
        ),
        # a record naming a model without a measure: settings (aider's model-settings.yml)
        ("settings.yml", LEADERBOARD + "- model: gpt-4o-mini\n  edit_format: diff\n", None),
        ("settings.yml", "- name: gpt-4o\n  edit_format: diff\n", None),
        # no number: a setting that reads like a measure
        ("agents.yml", "- model: gpt-4o\n  accuracy: high\n", None),
        ("agents.yml", "- model: gpt-4o\n  accuracy: 2024-08-15\n", None),
        ("agents.yml", "- model: gpt-4o\n  accuracy:\n    min: 0.5\n", None),
        # a word that also names settings is no measure
        ("agents.yml", "- model: gpt-4o\n  min_score: 0.5\n", None),
        # a mapping, not a list of records
        ("config.yml", "model: gpt-4o\npass_rate: 0.5\n", None),
    ],
)
def test_what_marks_records_of_results(registry, path, text, mark):
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_config(path, text, ctx) if f.rule == "ML503"]
    recorded = [f.data.get("recorded_output") for f in found]
    assert recorded == ([mark] if mark else [None] * len(found))


def test_leaderboard_data_is_one_note_and_left_as_it_is(tmp_path, monkeypatch):
    """aider's website/_data/*.yml: apply rewrote `model: gpt-4o` to the provider's model
    beside its recorded pass rate, which falsified the result, and check passed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leaderboard.yml").write_text(LEADERBOARD)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert [
        (f["line"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
    ] == [
        (
            3,
            "ML503",
            "note",
            "none",
            "gpt-4o and 1 more are in recorded output (records of results: pass_rate_1 beside "
            "model), not configuration the program reads: apply leaves it",
        )
    ]
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "leaderboard.yml").read_text() == LEADERBOARD
    assert runner.invoke(app, ["check", ".", *acme]).exit_code == 0
