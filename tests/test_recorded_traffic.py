"""Recorded HTTP traffic (VCR.py / pytest-recording / Betamax cassettes): the requests a
cassette recorded to OpenAI are one ML502 warning a file, re-recorded by hand, never edited
(magentic's 64 cassettes gave 146 ML502 errors, each advising to replace the URL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.formats.recorded import CASSETTE, recorded_requests
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.config_files import check_config

from .conftest import ACME_DIR

# two requests to OpenAI, as VCR.py writes them: the host in a header, a cookie's domain and
# the model in the body are the recording's, not settings
CASSETTE_YAML = """\
interactions:
- request:
    body: '{"messages": [{"role": "user", "content": "Hello!"}], "model": "gpt-4o"}'
    headers:
      host:
      - api.openai.com
    method: POST
    uri: https://api.openai.com/v1/chat/completions
  response:
    body:
      string: '{"model": "gpt-4o-2024-08-06", "choices": []}'
    headers:
      Set-Cookie:
      - __cf_bm=x; path=/; domain=.api.openai.com; HttpOnly
    status:
      code: 200
      message: OK
- request:
    body: '{"input": "Hello!", "model": "text-embedding-3-small"}'
    headers:
      host:
      - api.openai.com
    method: POST
    uri: https://api.openai.com/v1/embeddings
  response:
    body:
      string: '{"data": []}'
    status:
      code: 200
      message: OK
version: 1
"""
MESSAGE = (
    "recorded OpenAI traffic (2 requests to api.openai.com): re-record this cassette against "
    "Acme Cloud (e.g. `pytest --record-mode=rewrite`) after the switch; apply leaves "
    "recordings as they are"
)
DATA = {
    "url_from": "https://api.openai.com/v1/chat/completions",
    "requests": 2,
    "recorded_output": "an HTTP cassette",
}
BETAMAX_JSON = (
    '{"http_interactions": [{"request": {"body": {"encoding": "utf-8", "string": ""}, '
    '"method": "GET", "uri": "https://api.openai.com/v1/models"}, "response": {"status": '
    '{"code": 200, "message": "OK"}}, "recorded_at": "2024-05-01T10:00:00"}], '
    '"recorded_with": "betamax/0.9.0"}\n'
)


def ctx(registry, provider="acme"):
    return RuleContext(registry, registry.get(provider) if provider else None)


def test_a_cassette_is_one_warning_on_its_first_request_to_openai(registry):
    [finding] = check_config("tests/cassettes/test_chat.yaml", CASSETTE_YAML, ctx(registry))
    assert (finding.rule, finding.line, finding.column, finding.end_column) == ("ML502", 8, 10, 52)
    assert finding.message == MESSAGE
    assert (finding.severity, finding.fix, finding.edit) == (
        Severity.WARNING,
        FixClass.MANUAL,
        None,
    )
    assert finding.data == DATA


def test_without_a_provider_it_names_none_and_for_openai_nothing(registry):
    [finding] = check_config("tests/cassettes/test_chat.yaml", CASSETTE_YAML, ctx(registry, None))
    assert finding.message == MESSAGE.replace("Acme Cloud", "the provider")
    assert check_config("t/cassettes/test_chat.yaml", CASSETTE_YAML, ctx(registry, "openai")) == []


def test_only_the_requests_to_openai_are_counted(registry):
    text = CASSETTE_YAML.replace(
        "uri: https://api.openai.com/v1/chat/completions",
        "uri: https://api.anthropic.com/v1/messages",
    )
    [finding] = check_config("cassettes/mixed.yaml", text, ctx(registry))
    assert (finding.line, finding.data["requests"]) == (24, 1)
    assert finding.data["url_from"] == "https://api.openai.com/v1/embeddings"
    assert finding.message.startswith("recorded OpenAI traffic (1 request to api.openai.com): ")


def test_traffic_to_another_host_is_not_reported_for_what_its_bodies_name(registry):
    text = CASSETTE_YAML.replace("uri: https://api.openai.com/", "uri: https://api.acme.example/")
    assert check_config("tests/cassettes/test_chat.yaml", text, ctx(registry)) == []


def test_a_betamax_cassette_in_json(registry):
    [finding] = check_config("tests/cassettes/models.json", BETAMAX_JSON, ctx(registry))
    assert (finding.rule, finding.line, finding.severity) == ("ML502", 1, Severity.WARNING)
    assert finding.message == (
        "recorded OpenAI traffic (1 request to api.openai.com): re-record this cassette "
        "against Acme Cloud after the switch; apply leaves recordings as they are"
    )
    assert finding.data["url_from"] == "https://api.openai.com/v1/models"


def test_the_cassette_wins_over_a_name_that_marks_recorded_output(registry):
    # magentic's `test_..._usage_structured_output.yaml` was a note (check passed) before
    name = "tests/cassettes/test_usage_structured_output.yaml"
    [finding] = check_config(name, CASSETTE_YAML, ctx(registry))
    assert (finding.message, finding.severity) == (MESSAGE, Severity.WARNING)


def test_settings_in_a_cassette_are_recorded_output_and_a_key_is_still_an_error(registry):
    text = (
        "interactions:\n"
        "- request:\n"
        "    body:\n"
        "      model: gpt-4o\n"
        "    headers:\n"
        "      OPENAI_API_KEY:\n"
        "      - sk-proj-4fJx9Qm2LwT7vRb8NcYk3PzD6\n"
        "    uri: https://api.acme.example/v1/chat/completions\n"
        "  response:\n"
        "    status: {code: 200}\n"
    )
    findings = check_config("tests/cassettes/keyed.yaml", text, ctx(registry))
    assert [(f.rule, f.line, f.severity, f.fix, f.message) for f in findings] == [
        (
            "ML503",
            4,
            Severity.NOTE,
            FixClass.NONE,
            "gpt-4o is in recorded output (an HTTP cassette), not configuration the program "
            "reads: apply leaves it",
        ),
        (
            "ML501",
            6,
            Severity.NOTE,
            FixClass.NONE,
            "OPENAI_API_KEY is in recorded output (an HTTP cassette), not configuration the "
            "program reads: apply leaves it",
        ),
        (
            "ML505",
            7,
            Severity.ERROR,
            FixClass.MANUAL,
            "hard-coded API key sk-pr…D6 in a config file; move it to an environment variable "
            "and rotate it",
        ),
    ]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # a list of requests without responses, as a mock server's config may hold
        ("yaml", "interactions:\n- request:\n    uri: https://api.openai.com/v1\n"),
        # a request's URL that is not the interaction's own
        ("yaml", "interactions:\n- meta:\n    uri: https://api.openai.com/v1\n  response: {}\n"),
        ("yaml", "chat:\n  interactions:\n  - request: {uri: https://api.openai.com/v1}\n"),
        ("toml", '[[interactions]]\nresponse = {}\nrequest = {uri = "https://api.openai.com"}\n'),
    ],
)
def test_what_is_not_a_cassette(kind, text):
    doc = ConfigDocument.read("x", kind, text)
    assert (doc.requests, doc.recorded) == ((), None)


def test_a_file_without_the_word_is_not_looked_at():
    def entries():
        raise AssertionError("entries read")
        yield

    settings = "llm:\n  base_url: https://api.openai.com/v1\n"
    assert recorded_requests("yaml", settings, entries()) == ()
    doc = ConfigDocument.read("t.yaml", "yaml", CASSETTE_YAML, "outputs/")
    assert [e.value for e in doc.requests] == [
        "https://api.openai.com/v1/chat/completions",
        "https://api.openai.com/v1/embeddings",
    ]
    assert doc.recorded == CASSETTE


def test_apply_leaves_a_cassette_as_it_is(registry):
    name = "tests/cassettes/test_chat.yaml"
    change = FileScanner(ctx(registry), Path(".")).migrate_text(CASSETTE_YAML, "yaml", name, name)
    assert change.after == CASSETTE_YAML
    assert [(f.rule, f.message) for f in change.findings] == [("ML502", MESSAGE)]


def test_scan_check_and_apply_on_a_project_with_cassettes(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    cassettes = tmp_path / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    (cassettes / "test_chat.yaml").write_text(CASSETTE_YAML)
    (cassettes / "test_models.json").write_text(BETAMAX_JSON)
    (tmp_path / "config.yaml").write_text("llm:\n  base_url: https://api.openai.com/v1\n")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert scan.exit_code == 0, scan.stderr
    found = [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"])
        for f in json.loads(scan.stdout)["findings"]
    ]
    assert found == [
        ("config.yaml", 2, "ML502", "error", "safe"),
        ("tests/cassettes/test_chat.yaml", 8, "ML502", "warning", "manual"),
        ("tests/cassettes/test_models.json", 1, "ML502", "warning", "manual"),
    ]
    recorded = {p: p.read_bytes() for p in cassettes.iterdir()}
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert {p: p.read_bytes() for p in cassettes.iterdir()} == recorded
    migrated = (tmp_path / "config.yaml").read_text()
    assert migrated == "llm:\n  base_url: https://api.acme.example/v1\n"
    # a warning fails check (its default --fail-on); only the cassettes are left
    check = runner.invoke(app, ["check", ".", *acme, "--format", "json", "--no-cache"])
    assert check.exit_code == 1
    left = [(f["path"], f["message"]) for f in json.loads(check.stdout)["findings"]]
    assert left == [
        ("tests/cassettes/test_chat.yaml", MESSAGE),
        (
            "tests/cassettes/test_models.json",
            "recorded OpenAI traffic (1 request to api.openai.com): re-record this cassette "
            "against Acme Cloud after the switch; apply leaves recordings as they are",
        ),
    ]
    passing = runner.invoke(app, ["check", ".", *acme, "--fail-on", "error", "--no-cache"])
    assert passing.exit_code == 0, passing.stdout
    again = runner.invoke(app, ["apply", ".", *acme, "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""
