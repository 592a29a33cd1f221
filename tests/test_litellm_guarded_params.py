"""ML112 and ML115 read the litellm call whose model is chosen at run time where the module's
route test gates what reaches the provider (`guarded_request`, as ML111 reads it, t67f:
OpenHands on MiniMax's openai/ route, AutoAgent on a provider's own route): the token limit
under the name the provider does not take, and a parameter all its models refuse, are left to
a person there (the call sends other models' requests too)."""

from __future__ import annotations

import pytest

from .cli_findings import finding_rows, invoke, run_json, write_here

# the model picked on the command line; MiniMax's key and base URL given only under the test
# of litellm's openai/ route
OPENAI_ROUTE = """import os
import sys

import litellm

chosen = sys.argv[1] if len(sys.argv) > 1 else "openai/MiniMax-M3"
endpoint = {}
if chosen.startswith("openai/"):
    endpoint = {"api_key": os.environ["MINIMAX_API_KEY"], "api_base": os.environ["MINIMAX_BASE_URL"]}
reply = litellm.completion(
    model=chosen,
    messages=[{"role": "user", "content": "hello"}],
    max_tokens=200,
    presence_penalty=0.4,
    **endpoint,
)
"""
GUARDED = "of a call the module's route test sends to MiniMax (its model chosen at run time)"
MINIMAX_ROWS = [
    (
        13,
        5,
        "ML112",
        "warning",
        "manual",
        f"max_tokens= {GUARDED}: MiniMax takes max_completion_tokens=, not max_tokens= "
        "(unconfirmed: AgentScope: max_tokens is deprecated; the official text-chat reference "
        "still documents max_tokens (maximum 2048)); rename it by hand",
    ),
    (
        14,
        5,
        "ML115",
        "warning",
        "manual",
        f"presence_penalty= {GUARDED}: MiniMax's models do not take presence_penalty: remove "
        "it (unconfirmed: MiniMax's schema lacks these fields; AgentScope strips them (not "
        "measured))",
    ),
]
FIELDS = ("line", "column", "rule", "severity", "fix", "message")


def test_a_call_gated_by_the_openai_route_test_is_checked(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"app.py": OPENAI_ROUTE})
    code, report = run_json("check", "app.py", "--provider", "minimax")
    assert code == 1
    assert finding_rows(report, *FIELDS) == MINIMAX_ROWS
    # left to a person: apply writes nothing
    assert invoke("apply", "app.py", "--provider", "minimax", "--diff") == (0, "")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == OPENAI_ROUTE


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a test of something else than the model the call sends
        ('if chosen.startswith("openai/"):', 'if sys.argv[-1].startswith("openai/"):'),
        ('if chosen.startswith("openai/"):', "if chosen:"),
        # the model assigned anew between the test and the call
        ("reply = litellm.completion(", "chosen = chosen.strip()\nreply = litellm.completion("),
        # no MiniMax base URL under the test: the openai/ route goes to OpenAI
        ('"api_base": os.environ["MINIMAX_BASE_URL"]', '"timeout": 30'),
    ],
)
def test_a_call_the_route_test_does_not_gate_is_left(tmp_path, monkeypatch, old, new):
    assert old in OPENAI_ROUTE
    write_here(tmp_path, monkeypatch, {"app.py": OPENAI_ROUTE.replace(old, new)})
    _, report = run_json("check", "app.py", "--provider", "minimax")
    assert finding_rows(report, "rule", rules={"ML112", "ML115"}) == []


# a provider's own litellm route, past the program's refusal of other models
OWN_ROUTE = """import os

import litellm


def answer(name, prompt):
    if not name.startswith("ROUTE/"):
        raise ValueError(name)
    return litellm.completion(
        model=name,
        messages=[{"role": "user", "content": prompt}],
        LIMIT=300,
        api_key=os.environ["KEY"],
    )
"""


@pytest.mark.parametrize(
    ("provider", "route", "key", "limit", "rows"),
    [
        # deepseek/ sends both names as they are; DeepSeek takes max_tokens
        (
            "deepseek",
            "deepseek",
            "DEEPSEEK_API_KEY",
            "max_completion_tokens",
            [
                (
                    12,
                    9,
                    "ML112",
                    "warning",
                    "manual",
                    "max_completion_tokens= of a call the module's route test sends to DeepSeek "
                    "(its model chosen at run time): DeepSeek takes max_tokens=, not "
                    "max_completion_tokens=; rename it by hand",
                )
            ],
        ),
        ("deepseek", "deepseek", "DEEPSEEK_API_KEY", "max_tokens", []),
        # moonshot/ sends max_completion_tokens as max_tokens itself (TOKEN_LIMITS_AS_IS)
        ("moonshot", "moonshot", "MOONSHOT_API_KEY", "max_completion_tokens", []),
    ],
)
def test_a_call_past_the_own_route_test_is_checked(
    tmp_path, monkeypatch, provider, route, key, limit, rows
):
    text = OWN_ROUTE.replace("ROUTE", route).replace("KEY", key).replace("LIMIT", limit)
    write_here(tmp_path, monkeypatch, {"app.py": text})
    _, report = run_json("check", "app.py", "--provider", provider)
    assert finding_rows(report, *FIELDS, rules={"ML112", "ML115"}) == rows
