"""A request's model held in a local variable chosen by `if`/`else` or a conditional expression
(trial t56e, vanna's `OpenAI_Chat.submit_prompt`: `if num_tokens > 3500: model =
"gpt-3.5-turbo-16k" else: model = "gpt-3.5-turbo"`, in the `else` of a chain whose first branch
binds `model = kwargs.get("model")`). apply mapped both literals to kimi-k2.6 but kept
`temperature=0.7`, which Kimi's thinking models reject, and `check` was green. The value tracing
(`PythonContext.reaching`, `model_values.known_literals`) now leaves out an assignment in
another branch of the `if` and follows both branches of a conditional expression; where only
some values are known (`some_literals`), ML115 leaves the argument to a person."""

from __future__ import annotations

import json

import libcst as cst
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.model_values import known_literals, some_literals
from migrate_llm.rules.python_context import PythonContext

HEAD = """import os

from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


"""
CLIENT_AFTER = """import os

from openai import OpenAI

client = OpenAI(
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
    api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),
)


"""
# vanna's shape: the model of the second request is one of two literals, never kwargs'
CHAIN = """def ask(messages, size, **kwargs):
    if kwargs.get("model") is not None:
        model = kwargs["model"]
        reply = client.chat.completions.create(model=model, messages=messages, temperature=0.7)
    else:
        if size > 3500:
            model = "gpt-3.5-turbo-16k"
        else:
            model = "gpt-3.5-turbo"
        reply = client.chat.completions.create(model=model, messages=messages, temperature=0.7)
    return reply.choices[0].message.content
"""
CHAIN_AFTER = """def ask(messages, size, **kwargs):
    if kwargs.get("model") is not None:
        model = kwargs["model"]
        reply = client.chat.completions.create(model=model, messages=messages, temperature=0.7)
    else:
        if size > 3500:
            model = "kimi-k2.6"
        else:
            model = "kimi-k2.6"
        reply = client.chat.completions.create(
            extra_body={"thinking": {"type": "disabled"}},
            model=model,
            messages=messages,
        )
    return reply.choices[0].message.content
"""
EXPRESSION = """def ask(messages, size):
    model = "gpt-3.5-turbo" if size < 3500 else "gpt-3.5-turbo-16k"
    return client.chat.completions.create(model=model, messages=messages, temperature=0.7)
"""
EXPRESSION_AFTER = """def ask(messages, size):
    model = "kimi-k2.6" if size < 3500 else "kimi-k2.6"
    return client.chat.completions.create(
        extra_body={"thinking": {"type": "disabled"}}, model=model, messages=messages
    )
"""
# the brief's shape: one branch the module does not show
SOME = """def ask(cfg, messages, size):
    if cfg.get("model"):
        model = cfg["model"]
    else:
        model = "gpt-3.5-turbo" if size < 3500 else "gpt-3.5-turbo-16k"
    return client.chat.completions.create(model=model, messages=messages, temperature=0.7)
"""
REMOVED = (
    "kimi-k2.6 (mapped from gpt-3.5-turbo, gpt-3.5-turbo-16k) fixes temperature on Moonshot AI "
    "(Kimi): temperature= is removed (the model ignores or rejects it)"
)


def run(*args: str):
    return CliRunner().invoke(app, [*args, ".", "--provider", "moonshot"])


def findings(rule: str) -> list[tuple[int, int, str, str, str]]:
    done = run("scan", "--format", "json")
    assert done.exit_code == 0, done.stderr
    return [
        (f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == rule
    ]


@pytest.mark.parametrize(
    ("body", "after", "at"),
    [(CHAIN, CHAIN_AFTER, (17, 80)), (EXPRESSION, EXPRESSION_AFTER, (10, 75))],
)
def test_a_model_every_reaching_branch_gives_is_known(tmp_path, monkeypatch, body, after, at):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(HEAD + body)
    assert findings("ML115") == [(*at, "warning", "review", REMOVED)]
    assert [row[2:4] for row in findings("ML118")][-1] == ("warning", "review")
    assert run("apply", "--yes").exit_code == 0
    assert (tmp_path / "chat.py").read_text() == CLIENT_AFTER + after
    assert run("apply", "--yes").stderr.startswith("Changed 0 files")
    checked = run("check")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for moonshot in 0 of 1 file\n")


def test_a_tree_applied_before_the_fix_fails_check(tmp_path, monkeypatch):
    # vanna as the trial's apply left it: both literals kimi-k2.6, temperature still sent
    monkeypatch.chdir(tmp_path)
    left = CHAIN.replace('"gpt-3.5-turbo-16k"', '"kimi-k2.6"').replace(
        '"gpt-3.5-turbo"', '"kimi-k2.6"'
    )
    (tmp_path / "chat.py").write_text(CLIENT_AFTER + left)
    checked = run("check")
    assert (checked.exit_code, checked.stdout) == (
        1,
        "chat.py:20:80 ML115 kimi-k2.6 fixes temperature on Moonshot AI (Kimi): temperature= is "
        "removed (the model ignores or rejects it)\n"
        "1 finding for moonshot in 1 of 1 file; 0 error, 1 warning, 0 note\n",
    )
    assert run("apply", "--yes").exit_code == 0
    # the request in the `else` only: kwargs' model may be another
    assert (tmp_path / "chat.py").read_text() == CLIENT_AFTER + left.replace(
        ", temperature=0.7)\n    return", ")\n    return"
    )


SOME_MESSAGE = (
    '`model` may be kimi-k2.6 (mapped from gpt-3.5-turbo, gpt-3.5-turbo-16k) or `cfg["model"]`, '
    "and kimi-k2.6 fixes temperature on Moonshot AI (Kimi); remove temperature= by hand, or "
    "send it only to a model that takes it (the model ignores or rejects it; apply leaves it: "
    "the model is chosen at run time)"
)


def test_a_model_only_some_branches_show_leaves_the_argument_to_a_person(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(HEAD + SOME)
    assert findings("ML115") == [(13, 75, "warning", "manual", SOME_MESSAGE)]
    assert run("apply", "--yes").exit_code == 0
    applied = (tmp_path / "chat.py").read_text()
    assert applied == CLIENT_AFTER + SOME.replace("gpt-3.5-turbo-16k", "kimi-k2.6").replace(
        "gpt-3.5-turbo", "kimi-k2.6"
    )
    checked = run("check")
    message = SOME_MESSAGE.replace(" (mapped from gpt-3.5-turbo, gpt-3.5-turbo-16k)", "")
    assert (checked.exit_code, checked.stdout) == (
        1,
        f"chat.py:16:75 ML115 {message}\n"
        "1 finding for moonshot in 1 of 1 file; 0 error, 1 warning, 0 note\n",
    )


@pytest.mark.parametrize(
    "asked",
    [
        "n=1",  # the value kimi-k2.6 fixes it at, thinking or not
        "max_completion_tokens=50",  # a parameter it takes
    ],
)
def test_a_value_the_model_takes_is_not_reported(tmp_path, monkeypatch, asked):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.py").write_text(HEAD + SOME.replace("temperature=0.7", asked))
    assert findings("ML115") == []


def context(registry, text):
    return PythonContext(cst.parse_module(text), RuleContext(registry), text)


def uses(ctx, name):
    return [n for n in ctx.nodes if isinstance(n, cst.Name) and n.value == name]


def test_an_assignment_in_another_branch_does_not_reach_the_use(registry):
    text = (
        "def f(a, b):\n"
        "    if a:\n        m = a\n        use(m)\n"
        "    elif b:\n        m = 'x'\n        use(m)\n"
        "    else:\n        m = 'y'\n        use(m)\n"
        "    use(m)\n"
    )
    ctx = context(registry, text)
    reached = {
        ctx.position(use)[0][0]: sorted(ctx.position(b.node)[0][0] for b in ctx.reaching(use))
        for use in uses(ctx, "m")
        if ctx.position(use)[0][0] in (4, 7, 10, 11)
    }
    # each use in a branch: its own branch's; after the `if`: all three
    assert reached == {4: [3], 7: [6], 10: [9], 11: [3, 6, 9]}


def test_in_a_loop_another_branch_may_have_run_before(registry):
    text = (
        "def f(items):\n"
        "    for i in items:\n"
        "        if i:\n            m = 'x'\n"
        "        else:\n            use(m)\n"
    )
    ctx = context(registry, text)
    (use,) = [u for u in uses(ctx, "m") if ctx.position(u)[0][0] == 6]
    assert [ctx.position(b.node)[0][0] for b in ctx.reaching(use)] == [4]


def test_known_and_some_literals_of_a_conditional_expression(registry):
    text = "def f(cfg, n):\n    model = cfg.get('model') or ('a' if n else MODEL)\n\nMODEL = 'b'\n"
    ctx = context(registry, text)
    value = next(n for n in ctx.nodes if isinstance(n, cst.IfExp))
    assert [(t, how) for _, t, how in known_literals(ctx, value) or []] == [
        ("a", "literal"),
        ("b", "constant MODEL"),
    ]
    either = next(n for n in ctx.nodes if isinstance(n, cst.BooleanOperation))
    assert known_literals(ctx, either) is None
    found, unknown = some_literals(ctx, either)
    assert [t for _, t, _ in found] == ["a", "b"]
    assert [ctx.code(u) for u in unknown] == ["cfg.get('model')"]
