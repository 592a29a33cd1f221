"""The parameter checks on a conditional expression written in a request (t49b D3:
`tool_choice="auto" if times < 3 else "none"`, chatgpt-telegram-bot's tool loop rewritten by
hand, got HTTP 400 from Zhipu once the limit was reached): each branch is a value the request
may send, reported where it is written; a literal temperature out of range in a branch is
clamped there (review), as one written alone in the request is."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass
from migrate_llm.rules.base import RuleContext

HEAD = "from openai import OpenAI\nc = OpenAI()\n"
MANUAL, REVIEW = FixClass.MANUAL, FixClass.REVIEW
ZHIPU_REFUSES = "is not accepted by Zhipu AI (GLM) (accepted: auto)"
REQUIRED = '; use "auto" and check that the model calls a tool'


def migrate(registry, text, provider):
    ctx = RuleContext(registry, registry.get(provider))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")


def found(change, rule="ML111"):
    return [(f.line, f.column, f.fix, f.message) for f in change.findings if f.rule == rule]


def request(arguments: str) -> str:
    return HEAD + f"c.chat.completions.create(model=m, messages=[], {arguments})\n"


def test_the_refused_branch_of_a_tool_choice_is_reported_where_it_is_written(registry):
    before = request('tools=T, tool_choice="auto" if times < 3 else "none"')
    change = migrate(registry, before, "zhipu")
    assert found(change) == [
        (3, 95, MANUAL, f'tool_choice="none" (unless times < 3) {ZHIPU_REFUSES}')
    ]
    assert 'tool_choice="auto" if times < 3 else "none"' in change.after


def test_each_refused_branch_is_reported(registry):
    before = request('tools=T, tool_choice="required" if a else "none"')
    assert found(migrate(registry, before, "zhipu")) == [
        (3, 70, MANUAL, f'tool_choice="required" (when a) {ZHIPU_REFUSES}{REQUIRED}'),
        (3, 91, MANUAL, f'tool_choice="none" (unless a) {ZHIPU_REFUSES}'),
    ]


def test_branches_the_provider_accepts_are_not_reported(registry):
    before = request('tools=T, tool_choice="auto" if a else None')
    assert found(migrate(registry, before, "zhipu")) == []


def test_a_long_test_is_not_repeated(registry):
    before = request(
        'tool_choice="auto" if len(messages) > MAX_CONSECUTIVE_FUNCTION_CALLS else "required"'
    )
    assert [f[3] for f in found(migrate(registry, before, "acme"))] == [
        'tool_choice="required" (one branch of a conditional expression) is not accepted by '
        f"Acme Cloud (accepted: auto, none){REQUIRED}"
    ]


@pytest.mark.parametrize(
    ("written", "rewritten", "reported"),
    [
        ("1.5 if hot else 0.5", "1.0 if hot else 0.5", ["1.5 (when hot)"]),
        ("1.5 if hot else 2.0", "1.0 if hot else 1.0", ["1.5 (when hot)", "2.0 (unless hot)"]),
        ("1.5 if hot else t", "1.0 if hot else t", ["1.5 (when hot)"]),
        (
            "0.5 if a else (1.2 if b else 0.3)",
            "0.5 if a else (1.0 if b else 0.3)",
            ["1.2 (when b)"],
        ),
    ],
)
def test_a_temperature_out_of_range_in_a_branch_is_clamped_there(
    registry, written, rewritten, reported
):
    change = migrate(registry, request(f"temperature={written}"), "acme")
    assert [(f[2], f[3]) for f in found(change)] == [
        (
            REVIEW,
            f"temperature {shown} is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
        for shown in reported
    ]
    assert change.after.endswith(f"temperature={rewritten})\n")
    again = migrate(registry, change.after, "acme")
    assert again.after == change.after and found(again) == []


def test_a_constant_holding_a_conditional_expression_is_left_to_a_person(registry):
    before = (
        HEAD
        + "T = 1.5 if HOT else 0.5\nc.chat.completions.create(model=m, messages=[], temperature=T)\n"
    )
    change = migrate(registry, before, "acme")
    assert found(change) == [
        (
            4,
            61,
            MANUAL,
            "temperature 1.5 (constant T) is outside the range Acme Cloud accepts, [0.0, 1.0]; "
            "use 1.0",
        )
    ]
    assert "T = 1.5 if HOT else 0.5\n" in change.after


def test_a_conditional_expression_passed_to_the_helper_is_reported_there(registry):
    before = HEAD + (
        "def ask(m, tc=None):\n"
        "    return c.chat.completions.create(model=m, messages=[], tool_choice=tc)\n\n\n"
        'ask("x", tc="auto" if FAST else "required")\n'
    )
    assert found(migrate(registry, before, "acme")) == [
        (
            7,
            13,
            MANUAL,
            'tool_choice="required" (argument tc of ask(), sent as tool_choice= on line 4) is not '
            f"accepted by Acme Cloud (accepted: auto, none){REQUIRED}",
        )
    ]


@pytest.mark.parametrize(
    ("stream", "reported"), [("True if s else False", True), ("False if s else None", False)]
)
def test_a_conditional_stream_may_stream_unless_each_branch_does_not(registry, stream, reported):
    change = migrate(registry, request(f"tools=T, stream={stream}"), "zhipu")
    assert [f[2] for f in found(change, "ML116")] == ([REVIEW] if reported else [])


def test_check_fails_on_the_trial_repro_and_passes_once_the_branch_is_auto(tmp_path):
    """repros/r3_ifexp_tool_choice.py of t49b: `check` was green (exit 0)."""
    source = (
        "from openai import OpenAI\n"
        'client = OpenAI(base_url="https://open.bigmodel.cn/api/paas/v4", api_key="x")\n'
        'TOOLS = [{"type": "function", "function": {"name": "f", "parameters": {}}}]\n'
        "def ask(messages, times=0):\n"
        '    return client.chat.completions.create(model="glm-4-air-250414", messages=messages, '
        "tools=TOOLS,\n"
        '                                          tool_choice="auto" if times < 3 else "none")\n'
    )
    path = tmp_path / "bot.py"
    path.write_text(source)
    runner = CliRunner()
    red = runner.invoke(app, ["check", "--provider", "zhipu", str(path)])
    assert red.exit_code == 1
    assert f'bot.py:6:80 ML111 tool_choice="none" (unless times < 3) {ZHIPU_REFUSES}' in red.stdout
    path.write_text(source.replace('"auto" if times < 3 else "none"', '"auto"'))
    green = runner.invoke(app, ["check", "--provider", "zhipu", str(path)])
    assert green.exit_code == 0, green.stdout
