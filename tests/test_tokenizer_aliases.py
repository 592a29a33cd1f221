"""A token counter's model aliases tested in `and`/`or` chains stay OpenAI's (t64c D2).

vocode's `get_tokenizer_info()` rebinds its `model` parameter to an alias tiktoken knows
(`model = "gpt-4"` under `elif "gpt4" in model or "gpt-4" in model:`), asks
`tiktoken.encoding_for_model(model)`, and picks the tokens per message with
`if "gpt-3.5-turbo" in model or "gpt-4" in model:`, else returns None and its caller raises
NotImplementedError. A test joined by `or` did not count as a test of the name, so apply
rewrote both aliases and the caller's default `model="gpt-3.5-turbo-0613"` to kimi-k2.6
(ML204): no model reached the branch any more, and counting failed before any request, the
Azure deployment apply left on Azure included. They are now left, with ML204's note; what
check reported of the counter before (ML205, ML208) it reports as before."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

TOKENS = """import tiktoken


def tokenizer_info(model: str):
    if "gpt-35-turbo" in model:  # Azure spelling
        model = "gpt-3.5-turbo"
    elif "gpt4" in model or "gpt-4" in model:
        model = "gpt-4"
    try:
        encoding = tiktoken.encoding_for_model(model)
    except KeyError:
        encoding = tiktoken.get_encoding("cl100k_base")
    if "gpt-3.5-turbo" in model or "gpt-4" in model:
        per_message = 3
    else:
        return None
    return encoding, per_message


def count(messages: list, model: str = "gpt-3.5-turbo-0613") -> int:
    info = tokenizer_info(model)
    if info is None:
        raise NotImplementedError(f"no token counting for {model}")
    encoding, per_message = info
    return sum(per_message + len(encoding.encode(m["content"])) for m in messages)
"""

MAIN = """import os

from openai import OpenAI

from tokens import count

client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
messages = [{"role": "user", "content": "hi"}]
print(count(messages, "gpt-35-turbo"))
print(client.chat.completions.create(model="gpt-4o", messages=messages))
"""

REVIEW = FixClass.REVIEW
LEFT = (
    "{} (tiktoken.encoding_for_model() on line 10 reads it): a token counter's model, which no "
    "request of the module sends; apply leaves it OpenAI's, which tiktoken knows"
)


def test_aliases_and_the_counter_s_default_are_notes(registry):
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = [f for f in check_python(TOKENS, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.column, f.severity, f.fix, f.message, f.edit) for f in found] == [
        (
            6,
            17,
            Severity.NOTE,
            FixClass.NONE,
            LEFT.format("variable model = 'gpt-3.5-turbo'"),
            None,
        ),
        (8, 17, Severity.NOTE, FixClass.NONE, LEFT.format("variable model = 'gpt-4'"), None),
        (
            20,
            40,
            Severity.NOTE,
            FixClass.NONE,
            LEFT.format("default of model = 'gpt-3.5-turbo-0613'"),
            None,
        ),
    ]


def test_tests_against_a_set_of_names_and_a_lowered_name_count_too(registry):
    # vocode's own branches: membership in a set of names, and a test of `model.lower()`
    text = (
        "import tiktoken\n\n\n"
        "def info(model):\n"
        '    if "gpt-35-turbo" in model:\n'
        '        model = "gpt-3.5-turbo"\n'
        "    encoding = tiktoken.encoding_for_model(model)\n"
        '    if model in {"gpt-3.5-turbo-0613", "gpt-4-0613"}:\n'
        "        return encoding, 3\n"
        '    if "llama" in model.lower():\n'
        "        return encoding, 3\n"
        "    return None\n"
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.fix, f.message) for f in found] == [
        (
            6,
            FixClass.NONE,
            "variable model = 'gpt-3.5-turbo' (tiktoken.encoding_for_model() on line 7 reads "
            "it): a token counter's model, which no request of the module sends; apply leaves it "
            "OpenAI's, which tiktoken knows",
        )
    ]


def test_a_test_joined_with_a_request_s_use_keeps_the_setting(registry):
    # the same chain, but the name also reaches a request: a setting apply maps
    text = TOKENS.replace(
        "    return encoding, per_message\n",
        "    client.chat.completions.create(model=model, messages=[])\n"
        "    return encoding, per_message\n",
    ).replace(
        "import tiktoken\n", "import tiktoken\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.fix) for f in found] == [(9, REVIEW), (11, REVIEW), (24, REVIEW)]


def test_apply_leaves_the_counter_and_check_reports_what_remains(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tokens.py").write_text(TOKENS)
    (tmp_path / "main.py").write_text(MAIN)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "tokens.py").read_text() == TOKENS
    assert 'model="kimi-k2.6"' in (tmp_path / "main.py").read_text()
    done = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot"])
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert [line.split(" ")[:2] for line in lines[:-1]] == [
        ["tokens.py:7:29", "ML205"],
        ["tokens.py:10:48", "ML208"],
        ["tokens.py:13:8", "ML205"],
        ["tokens.py:13:36", "ML205"],
    ]
