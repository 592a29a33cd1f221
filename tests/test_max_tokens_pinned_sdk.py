"""ML112 and the openai release a project pins (t48b repro r2): openai<1.45.0's create() has
no `max_completion_tokens=` (TypeError), so the rename is left to a person there; elsewhere
it is review where the provider's file marks the fact uncertain (Kimi), safe where not."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm import openai_sdk as sdk
from migrate_llm.cli import app
from migrate_llm.run_facts import PINS_OPENAI_BEFORE_COMPLETION_TOKENS, facts_of

from .cli_findings import finding_rows, run_json

APP = (
    "from openai import OpenAI\nclient = OpenAI()\n"
    'r = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": '
    '"hi"}], max_tokens=300)\n'
)
KIMI = (
    "Moonshot AI (Kimi) takes max_completion_tokens=, not max_tokens= (unconfirmed: max_tokens "
    "is marked deprecated in the API reference (read on Kimi's staging site); 'not honored' on "
    "kimi-k2.6 per a reseller's copy)"
)
LEFT = (
    "; the project's requirements pin openai below 1.45.0, whose create() takes no "
    "max_completion_tokens= (TypeError), so apply leaves it: raise that pin to >=1.45.0 and "
    'rename it, or send "max_completion_tokens": 300 in its extra_body'
)


def test_the_first_release_taking_the_keyword():
    assert sdk.KEYWORD_SINCE[sdk.MAX_COMPLETION_TOKENS] == (1, 45, 0)


@pytest.mark.parametrize(
    ("text", "pinned"),
    [
        (b"openai==1.39.0\n", True),
        (b"openai>=1.10,<1.45\n", True),
        (b"openai~=1.44.0\n", True),
        (b"openai>=1.45\n", False),
        (b"openai~=1.30\n", False),  # admits 1.45
        (b"openai\n", False),
        (b"openai==0.28.1\n", False),  # ML504 raises it to >=1
        (b"openai-whisper==20231117\n", False),
    ],
)
def test_which_pins_hold_the_sdk_below_it(text, pinned):
    found = facts_of("requirements", text, True, True, None)
    assert bool(found & PINS_OPENAI_BEFORE_COMPLETION_TOKENS) is pinned


def _scan(tmp_path: Path, provider: str) -> list[tuple[str, str, str]]:
    _, report = run_json("scan", str(tmp_path), "--provider", provider)
    return finding_rows(report, "rule", "fix", "message", rules=("ML112",))


def _project(tmp_path: Path, pins: str) -> None:
    (tmp_path / "requirements.txt").write_text(pins, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")


def test_a_pin_below_it_leaves_max_tokens_and_check_fails(tmp_path, monkeypatch):
    _project(tmp_path, "openai==1.39.0\n")
    assert _scan(tmp_path, "moonshot") == [("ML112", "manual", KIMI + LEFT)]
    # a confirmed fact is left the same way under such a pin
    assert [(rule, fix) for rule, fix, _ in _scan(tmp_path, "qwen")] == [("ML112", "manual")]
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert "    max_tokens=300,\n" in after and "max_completion_tokens" not in after
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "openai==1.39.0\n"
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert check.exit_code == 1
    assert " ML112 " in check.stdout


@pytest.mark.parametrize("pins", ["openai>=1.45\n", "requests\n"])
def test_elsewhere_it_is_renamed(tmp_path, monkeypatch, pins):
    _project(tmp_path, pins)
    # Kimi's fact is marked uncertain: review; Qwen's is not: safe
    assert _scan(tmp_path, "moonshot") == [("ML112", "review", KIMI)]
    assert [(rule, fix) for rule, fix, _ in _scan(tmp_path, "qwen")] == [("ML112", "safe")]
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0
    assert "    max_completion_tokens=300,\n" in (tmp_path / "app.py").read_text(encoding="utf-8")
