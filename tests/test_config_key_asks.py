"""A key entry asking for OpenAI's key beside a base URL already on the provider's host (t59a D1:
ChatDev's `.env.example` with BASE_URL switched to Zhipu's by hand and `API_KEY=sk-your-openai-
api-key-here` left passed check): ML502 fails check on the key line, whether its stand-in or a
comment asks, until it asks for the provider's key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
URL = "https://api.acme.example/v1"
STAND_IN = "sk-your-openai-api-key-here"
TAIL = (
    "the key put there goes to Acme Cloud; make {it} ask for an Acme Cloud key, never the OpenAI "
    "key (yours only in your own copy of the file: a key committed there is ML505's error), by "
    "hand"
)


def check(root: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]):
    """`check --format json` on a project holding `files`: (exit code, findings as
    (path, line, rule, severity, fix, message, data), the output)."""
    monkeypatch.chdir(root)
    for name, text in files.items():
        (root / name).write_text(text)
    done = CliRunner().invoke(app, ["check", ".", "--format", "json", *ACME])
    found = json.loads(done.stdout)["findings"]
    rows = [
        (f["path"], f["line"], f["rule"], f["severity"], f["fix"], f["message"], f["data"])
        for f in found
    ]
    return done.exit_code, rows, done.stdout


def test_a_stand_in_asking_for_openais_key_beside_the_providers_url_fails_check(
    tmp_path, monkeypatch
):
    code, rows, out = check(
        tmp_path, monkeypatch, {".env.example": f"BASE_URL={URL}\nAPI_KEY={STAND_IN}\n"}
    )
    assert code == 1
    assert rows == [
        (
            ".env.example",
            2,
            "ML502",
            "error",
            "manual",
            "API_KEY (line 2) asks for an OpenAI key (the stand-in sk-yo…re) beside Acme Cloud's "
            "base URL (line 1): " + TAIL.format(it="the stand-in"),
            {"key_setting": "API_KEY", "url_line": 1, "url_provider": "acme", "asked_by": "value"},
        )
    ]
    assert STAND_IN not in out  # shown masked, and no ML505: a stand-in, not a key


def test_a_comment_asking_for_openais_key_above_a_generic_key_fails_check(tmp_path, monkeypatch):
    text = f"# the model server\nBASE_URL={URL}\n# Your OpenAI API key\nAPI_KEY=\n"
    code, rows, _ = check(tmp_path, monkeypatch, {".env": text})
    assert code == 1
    assert rows == [
        (
            ".env",
            4,
            "ML502",
            "error",
            "manual",
            "API_KEY (line 4) asks for an OpenAI key (the comment on line 3) beside Acme Cloud's "
            "base URL (line 2): " + TAIL.format(it="the comment"),
            {
                "key_setting": "API_KEY",
                "url_line": 2,
                "url_provider": "acme",
                "asked_by": "comment",
                "comment_line": 3,
            },
        )
    ]


def test_a_comment_on_the_key_line_and_a_yaml_mapping(tmp_path, monkeypatch):
    text = f"llm:\n  base_url: {URL}\n  api_key: ''  # from platform.openai.com/api-keys\n"
    code, rows, _ = check(tmp_path, monkeypatch, {"config.yaml": text})
    assert code == 1
    assert [(r[1], r[2], r[3], r[5]) for r in rows] == [
        (
            3,
            "ML502",
            "error",
            "llm.api_key (line 3) asks for an OpenAI key (the comment on its line) beside Acme "
            "Cloud's base URL (line 2): " + TAIL.format(it="the comment"),
        )
    ]


def test_devikas_key_table_beside_a_switched_endpoint_table(tmp_path, monkeypatch):
    config = f'[API_KEYS]\nOPENAI = "<YOUR_OPENAI_API_KEY>"\n\n[API_ENDPOINTS]\nOPENAI = "{URL}"\n'
    code, rows, _ = check(tmp_path, monkeypatch, {"config.toml": config})
    assert code == 1
    assert [(r[1], r[2], r[5]) for r in rows] == [
        (
            2,
            "ML502",
            "API_KEYS.OPENAI (line 2) asks for an OpenAI key (the stand-in <YOUR_OPENAI_API_KEY>) "
            "beside Acme Cloud's base URL (line 5): " + TAIL.format(it="the stand-in"),
        )
    ]
    # emptied as apply's Next line says where its fallback reads ACME_API_KEY: nothing asks
    code, rows, _ = check(
        tmp_path, monkeypatch, {"config.toml": config.replace("<YOUR_OPENAI_API_KEY>", "")}
    )
    assert (code, rows) == (0, [])


@pytest.mark.parametrize(
    "text",
    [
        # the provider's stand-in, after the finding's advice
        f"BASE_URL={URL}\nAPI_KEY=your-acme-api-key-here\n",
        # words naming OpenAI's protocol, not its key
        f"# any OpenAI-compatible endpoint\nBASE_URL={URL}\n# OpenAI-compatible key\nAPI_KEY=\n",
        # another service's key, beside the provider's URL
        f"LLM_BASE_URL={URL}\nSERPER_API_KEY=your-openai-key\n",
        # the key read from the provider's variable
        f"BASE_URL={URL}\nAPI_KEY=${{ACME_API_KEY}}  # was your OpenAI key\n",
        # the comment above another line
        f"# your OpenAI API key\nOTHER=1\nBASE_URL={URL}\nAPI_KEY=\n",
    ],
)
def test_keys_that_do_not_ask_for_openais_key_pass(tmp_path, monkeypatch, text):
    code, rows, _ = check(tmp_path, monkeypatch, {".env.example": text})
    assert (code, rows) == (0, [])


def test_openais_url_beside_the_stand_in_keeps_its_one_finding(tmp_path, monkeypatch):
    """Before the switch the URL line's finding (the pair) is the only one: the key line is
    reported once the URL names the provider."""
    text = f"BASE_URL=https://api.openai.com/v1\nAPI_KEY={STAND_IN}\n"
    code, rows, _ = check(tmp_path, monkeypatch, {".env.example": text})
    assert code == 1
    assert [(r[1], r[2], r[6].get("key_line")) for r in rows] == [(1, "ML502", 2)]


def test_an_openai_section_of_its_own_beside_a_provider_url_is_left(tmp_path, monkeypatch):
    """The key of a mapping named for OpenAI goes with OpenAI's requests, not with another
    mapping's base URL: only a key under the URL's own name (devika's tables) is paired."""
    config = (
        f'openai:\n  api_key: "sk-your-openai-api-key"\n  model: gpt-4o\n'
        f'local:\n  base_url: "{URL}"\n'
    )
    _, rows, _ = check(tmp_path, monkeypatch, {"config.yaml": config})
    assert [r[2] for r in rows if r[2] == "ML502" and "asks for an OpenAI key" in r[5]] == []
