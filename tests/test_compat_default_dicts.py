"""A dict of the module a request spreads through a parameter's default or an attribute (t48b).

NeedleInAHaystack's providers keep `DEFAULT_MODEL_KWARGS = dict(max_tokens=300, temperature=0)`
as a class constant, default `model_kwargs` to it, keep it as `self.model_kwargs` and send
`**self.model_kwargs`: `check` passed while Kimi refused every request. The compatibility
rules read those entries as keywords; apply edits them where nothing else sees the dict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .provider_run import run_on_provider
from .test_compat_spread import HEAD, applied, found

RENAMED = ("ML112", FixClass.SAFE, "Acme Cloud takes max_tokens=, not max_completion_tokens=")
REMOVED = (
    "ML115",
    FixClass.REVIEW,
    "acme-think fixes temperature on Acme Cloud: temperature= is removed "
    "(the model ignores or rejects it)",
)

FUNCTION = HEAD + (
    "DEFAULT_MODEL_KWARGS = dict(max_completion_tokens=300, temperature=0.3)\n\n\n"
    "def ask(q, model_kwargs=DEFAULT_MODEL_KWARGS):\n"
    '    return c.chat.completions.create(model="acme-think", messages=q, **model_kwargs)\n'
)

CLASS = HEAD + (
    "\n\nclass Provider:\n"
    "    DEFAULT_MODEL_KWARGS: dict = dict(max_completion_tokens  = 300,\n"
    "                                      temperature = 0)\n\n"
    "    def __init__(self, model_kwargs: dict = DEFAULT_MODEL_KWARGS):\n"
    "        self.model_kwargs = model_kwargs\n\n"
    "    def ask(self, prompt):\n"
    "        return c.chat.completions.create(\n"
    '            model="acme-think",\n'
    "            messages=prompt,\n"
    "            **self.model_kwargs\n"
    "        )\n"
)


def rows(registry, text):
    return [(rule, line, fix) for rule, line, fix, _ in found(registry, text)]


def test_a_constant_a_parameter_defaults_to_is_edited_at_its_entries(registry):
    assert found(registry, FUNCTION) == [
        (RENAMED[0], 3, *RENAMED[1:]),
        (REMOVED[0], 3, *REMOVED[1:]),
    ]
    after = applied(registry, FUNCTION)
    assert after == FUNCTION.replace(
        "dict(max_completion_tokens=300, temperature=0.3)", "dict(max_tokens=300)"
    )
    assert applied(registry, after) == after


def test_a_class_constant_held_by_self_is_edited_at_its_entries(registry):
    assert found(registry, CLASS) == [
        (RENAMED[0], 6, *RENAMED[1:]),
        (REMOVED[0], 7, *REMOVED[1:]),
    ]
    after = applied(registry, CLASS)
    assert after == CLASS.replace(
        "dict(max_completion_tokens  = 300,\n                                      temperature = 0)",
        "dict(max_tokens  = 300)",
    )
    assert applied(registry, after) == after


def test_a_dict_the_class_assigns_its_attribute_is_edited(registry):
    text = HEAD + (
        "\n\nclass Provider:\n"
        "    def __init__(self):\n"
        '        self.params = {"temperature": 0.2}\n\n'
        "    def ask(self, prompt):\n"
        '        return c.chat.completions.create(model="acme-think", messages=prompt, '
        "**self.params)\n"
    )
    assert found(registry, text) == [(REMOVED[0], 7, *REMOVED[1:])]
    after = applied(registry, text)
    assert after == text.replace('{"temperature": 0.2}', "{}")
    assert applied(registry, after) == after


def test_an_entry_out_of_range_is_clamped_at_the_constant(registry):
    text = FUNCTION.replace("max_completion_tokens=300, temperature=0.3", "temperature=1.5")
    text = text.replace('"acme-think"', '"acme-large"')
    assert found(registry, text) == [
        (
            "ML111",
            3,
            FixClass.REVIEW,
            "temperature 1.5 is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        )
    ]
    after = applied(registry, text)
    assert after == text.replace("temperature=1.5", "temperature=1.0")
    assert applied(registry, after) == after


def test_a_model_the_caller_may_replace_leaves_the_fixed_entry_to_a_person(registry):
    # the repro of t48b: the model is a parameter's default too
    text = HEAD + (
        'DEFAULT_MODEL_KWARGS = {"max_completion_tokens": 300, "temperature": 0}\n\n\n'
        'def ask(q, model_name="acme-think", model_kwargs=DEFAULT_MODEL_KWARGS):\n'
        "    return c.chat.completions.create(model=model_name, messages=q, **model_kwargs)\n"
    )
    assert found(registry, text) == [
        (RENAMED[0], 3, *RENAMED[1:]),
        (
            "ML115",
            3,
            FixClass.MANUAL,
            "acme-think fixes temperature on Acme Cloud, and it is the default of model_name of "
            'ask(): remove the entry "temperature" by hand (the model ignores or rejects it; '
            "apply leaves it: a caller may pass another model)",
        ),
    ]
    after = applied(registry, text)
    assert after == text.replace('"max_completion_tokens": 300', '"max_tokens": 300')
    assert applied(registry, after) == after


PASSED = "the call of {} on line {} may pass another as model_kwargs"


@pytest.mark.parametrize(
    ("text", "lines", "left"),
    [
        (
            FUNCTION + '\n\nask([], model_kwargs={"temperature": 1})\n',
            (3, 3),
            PASSED.format("ask()", 10),
        ),
        (FUNCTION + "\n\nask([], {})\n", (3, 3), PASSED.format("ask()", 10)),
        (FUNCTION + "\n\nask(*args)\n", (3, 3), PASSED.format("ask()", 10)),
        (CLASS + "\n\nProvider(dict(temperature=1))\n", (6, 7), PASSED.format("Provider()", 20)),
        (FUNCTION + "\n\nprint(DEFAULT_MODEL_KWARGS)\n", (3, 3), ""),
        (CLASS + "\n    def log(self):\n        print(self.model_kwargs)\n", (6, 7), ""),
    ],
    ids=["keyword", "positional", "star", "construction", "constant", "attribute"],
)
def test_a_dict_something_else_may_see_or_replace_is_left_to_a_person(registry, text, lines, left):
    entry = (
        f'; rename the entry "max_completion_tokens" by hand (apply leaves the dict: '
        f"{left or 'it is built or used elsewhere too'})"
    )
    assert found(registry, text) == [
        ("ML112", lines[0], FixClass.MANUAL, RENAMED[2] + entry),
        (
            "ML115",
            lines[1],
            FixClass.MANUAL,
            'acme-think fixes temperature on Acme Cloud: remove the entry "temperature" (the '
            "model ignores or rejects it) (apply leaves the dict: "
            f"{left or 'it is used elsewhere too'})",
        ),
    ]
    assert applied(registry, text) == text


def test_keys_a_function_sets_on_the_shared_default_leave_it_to_a_person(registry):
    text = FUNCTION.replace(
        "    return c.chat", '    model_kwargs["top_p"] = 0.5\n    return c.chat'
    )
    assert rows(registry, text) == [
        ("ML112", 3, FixClass.MANUAL),
        ("ML115", 3, FixClass.MANUAL),
        ("ML115", 7, FixClass.MANUAL),
    ]
    assert applied(registry, text) == text


def test_a_dict_spreading_another_or_a_parameter_without_one_is_not_followed(registry):
    text = HEAD + (
        'BASE = {"max_completion_tokens": 300}\n'
        'KW = {**BASE, "temperature": 0.3}\n\n\n'
        "def ask(q, model_kwargs=KW, more=None):\n"
        '    c.chat.completions.create(model="acme-think", messages=q, **model_kwargs)\n'
        '    c.chat.completions.create(model="acme-think", messages=q, **more)\n'
    )
    assert found(registry, text) == []
    copied = CLASS.replace("= model_kwargs\n", "= dict(model_kwargs)\n")
    assert found(registry, copied) == []


EVALUATOR = """import os

from langchain_community.chat_models import ChatOpenAI


class OpenAIEvaluator:
    DEFAULT_MODEL_KWARGS: dict = dict(temperature=0)

    def __init__(self, model_name: str = "kimi-k2.6", model_kwargs: dict = DEFAULT_MODEL_KWARGS):
        self.model_name = model_name
        self.model_kwargs = model_kwargs
        self.evaluator = ChatOpenAI(
            model=self.model_name,
            openai_api_key=os.environ["MOONSHOT_API_KEY"],
            openai_api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
            **self.model_kwargs,
        )
"""


# the model chosen at run time: the values of every model apply maps to are named
RUN_TIME = EVALUATOR.replace('model_name: str = "kimi-k2.6"', "model_name: str")


def test_a_langchain_class_given_the_dict_is_left_to_a_person(registry):
    # NeedleInAHaystack's evaluator once pointed at Kimi by hand: temperature=0 refused
    ctx = RuleContext(registry, registry.get("moonshot"))
    [finding] = [f for f in check_python(RUN_TIME, ctx, PYTHON_RULES) if f.fix != FixClass.NONE]
    assert (finding.rule, finding.line, finding.fix) == ("ML601", 7, FixClass.MANUAL)
    assert finding.edit is None
    assert finding.message == (
        "the model of ChatOpenAI from langchain_community.chat_models is chosen at run time, "
        "and every Moonshot AI (Kimi) model that apply maps OpenAI's chat models to fixes "
        'temperature: the entry "temperature" of the dict spread into it sends temperature=0; '
        "write the value the model fixes it at (kimi-k2.6 at 0.6 with thinking turned off or "
        "1.0 when thinking, kimi-k3 at 1.0 when thinking) there, by hand"
    )
    assert finding.data["param"] == "temperature"


def test_a_langchain_class_of_a_default_model_gets_the_value_in_the_dict(registry):
    ctx = RuleContext(registry, registry.get("moonshot"))
    [finding] = [f for f in check_python(EVALUATOR, ctx, PYTHON_RULES) if f.fix != FixClass.NONE]
    assert (finding.rule, finding.line, finding.fix) == ("ML601", 7, FixClass.REVIEW)
    assert finding.message == (
        "kimi-k2.6 fixes temperature on Moonshot AI (Kimi), and it is the default of model_name "
        'of OpenAIEvaluator(): the entry "temperature" of the dict spread into it is written '
        "1.0 in place of 0, its value when thinking; a caller passing another model may need "
        "another"
    )
    after, _ = migrate_text(EVALUATOR, "python", "app.py", [finding])
    assert after == EVALUATOR.replace("dict(temperature=0)", "dict(temperature=1.0)")
    assert [f for f in check_python(after, ctx, PYTHON_RULES) if f.fix != FixClass.NONE] == []


@pytest.mark.parametrize(
    ("entries", "said"),
    [
        ("temperature=1.0", False),  # the value it fixes while thinking
        ("temperature=0.6", True),
        # kimi-k2.6 takes it with thinking off, kimi-k3 (apply's for o1) never
        ('temperature=0.6, extra_body={"thinking": {"type": "disabled"}}', True),
        ('temperature=1.0, extra_body={"thinking": {"type": "disabled"}}', True),
    ],
)
def test_an_entry_giving_the_value_the_model_fixes_is_not_said(registry, entries, said):
    ctx = RuleContext(registry, registry.get("moonshot"))
    text = RUN_TIME.replace("dict(temperature=0)", f"dict({entries})")
    left = [f for f in check_python(text, ctx, PYTHON_RULES) if f.fix != FixClass.NONE]
    assert [(f.rule, f.line) for f in left] == ([("ML601", 7)] if said else [])


def test_a_langchain_class_of_a_known_model_names_the_entry_to_remove(registry):
    text = (
        "from langchain_openai import ChatOpenAI\n"
        "KW = dict(temperature=0)\n"
        'llm = ChatOpenAI(model="gpt-4o", **KW)\n'
    )
    ctx = RuleContext(registry, registry.get("moonshot"))
    [entry] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.line == 2]
    assert (entry.rule, entry.fix, entry.edit) == ("ML601", FixClass.MANUAL, None)
    assert entry.message == (
        "kimi-k2.6 (mapped from gpt-4o) fixes temperature on Moonshot AI (Kimi): the entry "
        '"temperature" of the dict spread into it sends temperature=0; remove the entry, by hand'
    )
    off = 'extra_body={"thinking": {"type": "disabled"}}'
    for value, said in (("0.6", False), ("1.0", True)):
        kept = text.replace("dict(temperature=0)", f"dict(temperature={value}, {off})")
        lines = [f.line for f in check_python(kept, ctx, PYTHON_RULES)]
        assert (2 in lines) is said


APP = """import os

from openai import OpenAI

DEFAULT_MODEL_KWARGS = dict(max_tokens=300, temperature=0)

client = OpenAI(
    base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
    api_key=os.environ["MOONSHOT_API_KEY"],
)


def ask(prompt, model_name="gpt-4o", model_kwargs=DEFAULT_MODEL_KWARGS):
    return client.chat.completions.create(
        model=model_name, messages=[{"role": "user", "content": prompt}], **model_kwargs
    )


class Provider:
    KWARGS: dict = dict(max_tokens=300, temperature=0)

    def __init__(self, model_kwargs: dict = KWARGS):
        self.model_kwargs = model_kwargs

    def ask(self, prompt):
        return client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": prompt}],
            **self.model_kwargs,
        )


print(ask("ping").choices[0].message.content)
print(Provider().ask("ping").choices[0].message.content)
"""


def test_the_migrated_requests_send_what_the_provider_takes_and_check_passes(
    registry, server, tmp_path, monkeypatch
):
    (tmp_path / "app.py").write_text(APP)
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    said = [(f["rule"], f["line"], f["fix"]) for f in json.loads(scan.stdout)["findings"]]
    # Kimi's token limit is an uncertain fact (review); the default model's switch goes into
    # the dict, and its temperature takes the value with thinking off; the class's known
    # model loses the temperature and gets the switch in its dict too
    assert [s for s in said if s[0] in ("ML112", "ML115", "ML118")] == [
        ("ML112", 5, "review"),
        ("ML115", 5, "review"),
        ("ML118", 14, "review"),
        ("ML112", 20, "review"),
        ("ML115", 20, "review"),
        ("ML118", 26, "review"),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stderr
    off = 'extra_body={"thinking": {"type": "disabled"}}'
    assert (tmp_path / "app.py").read_text() == APP.replace(
        "DEFAULT_MODEL_KWARGS = dict(max_tokens=300, temperature=0)",
        "DEFAULT_MODEL_KWARGS = dict(\n"
        f"    {off},\n    max_completion_tokens=300,\n    temperature=0.6,\n)",
    ).replace(
        "KWARGS: dict = dict(max_tokens=300, temperature=0)",
        f"KWARGS: dict = dict(\n        {off}, max_completion_tokens=300\n    )",
    ).replace('"gpt-4o"', '"kimi-k2.6"')
    proc = run_on_provider(
        Path("app.py"), tmp_path, registry.get("moonshot"), server, tmp_path / "guard"
    )
    assert len(proc.stdout.splitlines()) == 2
    bodies = [{k: v for k, v in r.body.items() if k != "messages"} for r in server.requests]
    assert bodies == [
        {
            "model": "kimi-k2.6",
            "max_completion_tokens": 300,
            "temperature": 0.6,
            "thinking": {"type": "disabled"},
        },
        {"model": "kimi-k2.6", "max_completion_tokens": 300, "thinking": {"type": "disabled"}},
    ]
    check = CliRunner().invoke(app, ["check", ".", "--provider", "moonshot", "--format", "json"])
    assert check.exit_code == 0, check.stdout
    again = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--diff"])
    assert again.exit_code == 0 and again.stdout == ""
