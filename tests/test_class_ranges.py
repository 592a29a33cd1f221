"""A LangChain class's constructor temperature is ranged as a request's (t66f, lc_temp0).

`ChatOpenAI(temperature=0)` sends temperature 0 in every request; MiniMax rejects 0 (its range
is open at 0). `chat.completions.create(temperature=0)` got ML111's edit to 0.01 while the
class kept 0, with no finding and check green. ML111 now reads the constructor keywords the
frameworks' tables map to request parameters, and ML601's rewrite of the call writes its edit."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

APP = """import os
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="gpt-4o-mini", temperature=0, api_key=os.getenv("OPENAI_API_KEY"))
"""
APPLIED = """import os
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    base_url=os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1"),
    tiktoken_model_name="gpt-4o-mini",
    model="MiniMax-M2.5",
    temperature=0.01,
    api_key=os.environ.get("MINIMAX_API_KEY", "unset"),
)
"""


def test_constructor_temperature_outside_the_range_is_rewritten(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["--provider", "minimax", "--format", "json"]
    scan = CliRunner().invoke(app, ["scan", ".", *args])
    ranged = [
        (f["line"], f["column"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML111"
    ]
    assert ranged == [
        (
            4,
            51,
            "review",
            "temperature 0 is outside the range MiniMax accepts, [0.01, 1.0]; use 0.01 "
            "(unconfirmed: lower bound is open (0 rejected); 0.01 is migrate-llm's stand-in)",
        )
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APPLIED
    assert CliRunner().invoke(app, ["check", ".", *args]).exit_code == 0
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert again.stderr.startswith("Changed 0 files"), again.stderr


# t66g (DemoGPT on MiniMax): a class the code itself points at MiniMax, its temperature a
# literal or a parameter's default; before, 0 findings and check green while MiniMax refused 0
BY_HAND = """import os

from langchain_openai import ChatOpenAI

URL = os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1")


def build(temperature=0.0, base=None):
    return ChatOpenAI(model="MiniMax-M2.5", temperature=temperature, base_url=base or URL)


fixed = ChatOpenAI(model="MiniMax-M2.5", temperature=0, base_url=URL)
other = ChatOpenAI(
    model="deepseek-chat", temperature=0, base_url="https://api.deepseek.com"
)
"""
# the key reads are ML601's (the class read OPENAI_API_KEY); the literal 0 is ML111's
BY_HAND_APPLIED = """import os

from langchain_openai import ChatOpenAI

URL = os.environ.get("MINIMAX_BASE_URL", "https://api.minimaxi.com/v1")


def build(temperature=0.0, base=None):
    return ChatOpenAI(
        api_key=os.environ["MINIMAX_API_KEY"],
        model="MiniMax-M2.5",
        temperature=temperature,
        base_url=base or URL,
    )


fixed = ChatOpenAI(
    api_key=os.environ.get("MINIMAX_API_KEY", "unset"),
    model="MiniMax-M2.5",
    temperature=0.01,
    base_url=URL,
)
other = ChatOpenAI(
    model="deepseek-chat", temperature=0, base_url="https://api.deepseek.com"
)
"""
OPEN = (
    "is outside the range MiniMax accepts, [0.01, 1.0]; use 0.01 (unconfirmed: lower bound is "
    "open (0 rejected); 0.01 is migrate-llm's stand-in)"
)


def ranged(tmp_path) -> list[tuple[int, int, str, str]]:
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "minimax", "--format", "json"])
    return [
        (f["line"], f["column"], f["fix"], f["message"])
        for f in json.loads(scan.stdout)["findings"]
        if f["rule"] == "ML111"
    ]


def test_a_class_pointed_at_the_provider_by_hand_is_ranged(tmp_path, monkeypatch):
    (tmp_path / "chains.py").write_text(BY_HAND, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    default = (
        "temperature 0.0 (the default of temperature of build(), sent as temperature= on line 9) "
    )
    assert ranged(tmp_path) == [
        (8, 23, "manual", default + OPEN),
        (12, 54, "review", "temperature 0 " + OPEN),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "minimax", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "chains.py").read_text(encoding="utf-8") == BY_HAND_APPLIED
    # the default is the program's to change (its callers may pass another value)
    moved = default.replace("line 9", "line 12")  # the call now spans lines 9-14
    assert ranged(tmp_path) == [(8, 23, "manual", moved + OPEN)]
    check = CliRunner().invoke(app, ["check", ".", "--provider", "minimax"])
    assert check.exit_code == 1
