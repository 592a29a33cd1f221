"""Recorded responses in JSON or YAML (an API response, a program's cache of answers) are
recorded output, not configuration: one note per file, left as it is (t52j, D2).

nano-graphrag's tests/fixtures/mock_cache.json holds 187 entries `{"return": "...", "model":
"gpt-4o"}` under an md5 of the request; apply rewrote every `"model"` (187 ML503 findings, in
scan and again in apply's review list), which claims answers the provider never gave."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats import read_entries
from migrate_llm.formats.recorded import response_records

from .conftest import ACME_DIR

# nano-graphrag's shape, three entries
CACHE = (
    "{\n"
    '  "91547ee169959c879928c0b2dee4baef": {\n'
    '    "return": "(\\"entity\\"<|>\\"Scrooge\\"<|>\\"person\\")",\n'
    '    "model": "gpt-4o"\n'
    "  },\n"
    '  "ee4e23b67d874b654646991a69d2a1c0": {\n'
    '    "return": "## ",\n'
    '    "model": "gpt-4o"\n'
    "  },\n"
    '  "2b1e4c0ad5c1a1d5ac6c4b3e8f1e2d3c": {\n'
    '    "return": "{\\"points\\": []}",\n'
    '    "model": "gpt-4o-mini"\n'
    "  }\n"
    "}\n"
)
RESPONSE = (
    '{"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-2024-08-06",\n'
    ' "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],\n'
    ' "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}\n'
)
PAIRS = (
    "- request:\n    model: gpt-4o\n    messages: []\n  response:\n    choices:\n      - text: hi\n"
)


@pytest.mark.parametrize(
    ("kind", "text", "mark"),
    [
        ("json", CACHE, "a cache of recorded responses keyed by hashes: return beside model"),
        ("json", RESPONSE, "recorded responses: choices beside model"),
        # a request recorded beside its response
        ("yaml", PAIRS, "recorded responses: response beside model"),
        (
            "json",
            '{"a": {"model": "gpt-4o", "response": {"text": "x"}}}',
            "recorded responses: response beside model",
        ),
        # settings: a response key that holds no response, or a model without one beside it
        ("json", '{"model": "gpt-4o", "response_format": {"type": "json_object"}}', None),
        ("json", '{"model": "gpt-4o", "usage": "chat"}', None),
        ("json", '{"llm": {"model": "gpt-4o", "choices": 3}}', None),
        ("yaml", "model: gpt-4o\nusage:\n  - chat\n", None),
        ("json", '{"a": {"model": "gpt-4o", "return": "x"}, "b": {"model": "gpt-4o"}}', None),
        ("toml", 'model = "gpt-4o"\nresponse = "x"\n', None),
    ],
)
def test_what_marks_recorded_responses(kind, text, mark):
    assert response_records(kind, text, tuple(read_entries(kind, text))) == mark


def test_a_recorded_cache_is_one_note_and_left_as_it_is(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cache = tmp_path / "tests" / "fixtures" / "mock_cache.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(CACHE)
    (tmp_path / "config.json").write_text('{"model": "gpt-4o"}\n')
    runner = CliRunner()
    acme = ["--provider", "acme", "--providers-dir", str(ACME_DIR)]
    scan = runner.invoke(app, ["scan", ".", *acme, "--format", "json", "--no-cache"])
    assert [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in json.loads(scan.stdout)["findings"]
    ] == [
        (
            "config.json",
            1,
            "ML503",
            "warning",
            "review",
            "gpt-4o is an OpenAI model; it maps to acme-large on Acme Cloud",
            {"model_from": "gpt-4o", "model_to": "acme-large"},
        ),
        (
            "tests/fixtures/mock_cache.json",
            4,
            "ML503",
            "note",
            "none",
            "gpt-4o and 2 more are in recorded output (a cache of recorded responses keyed by "
            "hashes: return beside model), not configuration the program reads: apply leaves it",
            {
                "value": "gpt-4o",
                "recorded_output": "a cache of recorded responses keyed by hashes: return "
                "beside model",
                "mentions": 3,
            },
        ),
    ]
    done = runner.invoke(app, ["apply", ".", *acme, "--yes", "--allow-dirty"])
    assert done.exit_code == 0, done.stderr
    assert cache.read_text() == CACHE
    assert (tmp_path / "config.json").read_text() == '{"model": "acme-large"}\n'
    assert runner.invoke(app, ["check", ".", *acme]).exit_code == 0
    again = runner.invoke(app, ["apply", ".", *acme, "--diff", "--allow-dirty"])
    assert again.exit_code == 0 and again.stdout == ""
