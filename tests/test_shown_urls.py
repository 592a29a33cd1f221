"""An OpenAI URL shown beside an input is not one the program sends (ML402, t66g DemoGPT).

`st.text_input("Base URL", placeholder="https://api.openai.com/v1")` shows OpenAI's URL as a
hint; the client gets what is typed, and OpenAI's URL when the box is left empty
(`base or None`). Before, apply rewrote the placeholder to MINIMAX_BASE_URL's read as a safe
fix while an empty box still went to api.openai.com, and ML003's advice ended "make sure they
are MiniMax's ... if it is meant to reach OpenAI"."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

APP = """import streamlit as st
from openai import OpenAI

key = st.sidebar.text_input("API key", type="password")
base = st.sidebar.text_input("Base URL", placeholder="https://api.openai.com/v1")
client = OpenAI(api_key=key, base_url=base or None)
"""


def findings(rule: str) -> list[tuple[int, int, str, str, str]]:
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "minimax", "--format", "json"])
    return [
        (f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == rule
    ]


def test_a_placeholder_is_left_and_the_empty_box_is_reported(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert findings("ML402") == [
        (
            5,
            54,
            "note",
            "manual",
            "OpenAI URL https://api.openai.com/v1 as `placeholder=` of st.sidebar.text_input(): "
            "a text shown to the person, not a URL the program sends, so apply leaves it; make "
            "it show MiniMax's base URL by hand",
        )
    ]
    assert findings("ML003") == [
        (
            6,
            10,
            "warning",
            "manual",
            "OpenAI() takes its base URL from `base or None` at run time (OpenAI's when `base` "
            "is empty) and its key from `key` (OPENAI_API_KEY when that is None); make sure they "
            "are MiniMax's (https://api.minimaxi.com/v1, the key from MINIMAX_API_KEY) in place "
            "of OpenAI's; a server of your own needs no change",
        )
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert done.stderr.startswith("Changed 0 files"), done.stderr
    assert "MINIMAX_BASE_URL" not in done.stderr  # no Next line naming a read apply wrote
    assert (tmp_path / "app.py").read_bytes() == APP.encode()
    check = CliRunner().invoke(app, ["check", ".", "--provider", "minimax"])
    assert check.exit_code == 1  # ML003: the empty box still goes to OpenAI


def test_a_url_in_a_sentence_of_help_text_stays_a_message(tmp_path, monkeypatch):
    # only a string that is the URL alone is a hint here; a sentence naming it is a message
    (tmp_path / "cli.py").write_text(
        "import argparse\n\nfrom openai import OpenAI\n\n"
        "parser = argparse.ArgumentParser()\n"
        'parser.add_argument("--base", help="e.g. https://api.openai.com/v1")\n'
        "client = OpenAI(base_url=parser.parse_args().base)\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert findings("ML402") == [
        (
            6,
            42,
            "note",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; replace it with MiniMax's base "
            "URL by hand",
        )
    ]


def test_gradios_info_is_a_hint_and_a_project_calls_placeholder_is_not(tmp_path, monkeypatch):
    # only a known prompt's hints are texts shown: the project's own `ask()` may return its
    # `placeholder=` (as t9's `setting()` does), so its URL is switched like any other
    text = (
        "import gradio as gr\n\n\n"
        'def ask(label, placeholder=""):\n'
        '    return input(f"{label} [{placeholder}]: ")\n\n\n'
        'base = ask("Base URL", placeholder="https://api.openai.com/v1")\n'
        'box = gr.Textbox(label="Base URL", info="https://api.openai.com/v1")\n'
    )
    (tmp_path / "ui.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert findings("ML402") == [
        (
            8,
            36,
            "warning",
            "safe",
            "hard-coded OpenAI URL https://api.openai.com/v1; MiniMax's base URL replaces it "
            "(read from MINIMAX_BASE_URL)",
        ),
        (
            9,
            41,
            "note",
            "manual",
            "OpenAI URL https://api.openai.com/v1 as `info=` of gr.Textbox(): a text shown to "
            "the person, not a URL the program sends, so apply leaves it; make it show MiniMax's "
            "base URL by hand",
        ),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "ui.py").read_text(encoding="utf-8") == (
        "import os\n\nimport gradio as gr\n\n\n"
        'def ask(label, placeholder=""):\n'
        '    return input(f"{label} [{placeholder}]: ")\n\n\n'
        "base = ask(\n"
        '    "Base URL",\n'
        '    placeholder=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),\n'
        ")\n"
        'box = gr.Textbox(label="Base URL", info="https://api.openai.com/v1")\n'
    )


SETTING = """import os

from openai import OpenAI


def setting(name, placeholder=None):
    return os.environ.get(name) or placeholder


client = OpenAI(
    api_key=os.environ["MINIMAX_API_KEY"],
    base_url=setting("LLM_BASE_URL", {given}="https://api.openai.com/v1"),
)
"""


def test_a_project_calls_placeholder_given_as_base_url_is_no_hint(tmp_path, monkeypatch):
    # review r1 t9/t4: the URL `setting()` returns when LLM_BASE_URL is unset is where the
    # MiniMax key goes; as a "shown text" note, check passed after apply while that URL
    # stayed. It is ML402's (safe), written inside ML003's `<it> or ...` in the same apply
    # (edits.composed), so nothing of OpenAI's is left for check
    for given in ("placeholder", "label", "help"):
        (tmp_path / "app.py").write_text(SETTING.format(given=given), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        assert [f[:4] for f in findings("ML402")] == [(12, 39 + len(given), "warning", "safe")], (
            given
        )
        CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
        after = (tmp_path / "app.py").read_text(encoding="utf-8")
        assert "api.openai.com" not in after, given
        assert f'{given}=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1")' in after
        check = CliRunner().invoke(app, ["check", ".", "--provider", "minimax"])
        assert check.exit_code == 0, (given, check.stdout)
