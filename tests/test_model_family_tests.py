"""Tests of a part of a model's name (`"gpt" in model`, `model.find("gpt")`, `re.match("gpt",
model)`): ML205 reports them as family checks, naming what `apply` adds to the module's lists
that they do not match (knowledge_gpt's model menu gained DeepSeek's models, which its
`if "gpt" in model:` then turned away with NotImplementedError), and ML204 leaves a default
such a test on its name would send down another branch once mapped."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import ACME_DIR

NEVER = "is an OpenAI model-family check: Acme Cloud's model names never match it"
BY_HAND = "; change the check by hand"


def reached(shown, family, targets="'acme-large', 'acme-small'"):
    """ML205's message on a family check, naming what apply maps the family's models to (for
    a `startswith` check, the start they share: what to widen it to)."""
    starting = " (starting with 'acme-')" if shown.startswith(".startswith(") else ""
    return (
        f"{shown} is an OpenAI model-family check: what apply maps OpenAI's {family!r} models "
        f"to ({targets}) never matches it, so the program's {family!r} models fail it once "
        f"mapped; make it accept Acme Cloud's models{starting} by hand"
    )


def found(registry, text, rules=("ML204", "ML205")):
    """(line, column, rule, fix, message) of `rules`' findings, and the text after their
    edits, which a second run leaves as it is."""
    ctx = RuleContext(registry, registry.get("acme"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in rules]
    after, _ = migrate_text(text, "python", "app.py", findings)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule in rules]
    assert [f for f in again if f.edit is not None] == []
    return [(f.line, f.column, f.rule, f.fix.value, f.message) for f in findings], after


# --- ML205: the shapes of a family check ------------------------------------------------------

CHECK = "import re\n\n\ndef route(model, model_name, text):\n    if TEST:\n        return 1\n"


@pytest.mark.parametrize(
    ("test", "column", "shown"),
    [
        pytest.param('"gpt" in model', 8, "'gpt' in ...", id="in"),
        pytest.param('"gpt" not in model', 8, "'gpt' in ...", id="not-in"),
        pytest.param('"gpt-4" in model_name.lower()', 8, "'gpt-4' in ...", id="through-lower"),
        pytest.param('model.find("gpt") != -1', 19, ".find('gpt')", id="find"),
        pytest.param('model.rfind("gpt-4") >= 0', 20, ".rfind('gpt-4')", id="rfind"),
        pytest.param('model_name.count("gpt")', 25, ".count('gpt')", id="count"),
        pytest.param('re.match("gpt", model)', 17, "re.match('gpt', ...)", id="re-match"),
        pytest.param('re.search("gpt-4", model)', 18, "re.search('gpt-4', ...)", id="re-search"),
        pytest.param('model.startswith("gpt")', 25, ".startswith('gpt')", id="startswith"),
    ],
)
def test_a_family_check_is_left_and_reported(registry, test, column, shown):
    text = CHECK.replace("TEST", test)
    findings, after = found(registry, text)
    family = shown.split("'")[1]
    assert findings == [(5, column, "ML205", "manual", reached(shown, family))]
    assert after == text


def test_a_family_check_names_what_its_models_map_to_the_modules_own_first(registry):
    """gpt-cli: apply mapped its default `"gpt-3.5-turbo"` to `deepseek-flash`, and its
    `model.startswith("gpt")` then raised "Unknown model: deepseek-flash"."""
    text = (
        'CONFIG_DEFAULTS = {"model": "gpt-3.5-turbo"}\n\n\n'
        "def get_completion_provider(model):\n"
        '    if model.startswith("gpt") or model.startswith("o1"):\n'
        '        return "openai"\n'
        '    raise ValueError(f"Unknown model: {model}")\n'
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in ("ML204", "ML205")]
    assert [(f.line, f.rule, f.fix.value, f.message, dict(f.data)) for f in findings] == [
        (
            1,
            "ML204",
            "review",
            "entry 'model' = 'gpt-3.5-turbo' maps to 'deepseek-flash' on DeepSeek",
            {"model_from": "gpt-3.5-turbo", "model_to": "deepseek-flash"},
        ),
        (
            5,
            "ML205",
            "manual",
            ".startswith('gpt') is an OpenAI model-family check: what apply maps OpenAI's 'gpt' "
            "models to ('deepseek-flash', 'deepseek-v4-pro') never matches it, so the program's "
            "'gpt' models fail it once mapped; make it accept DeepSeek's models (starting with "
            "'deepseek-') by hand",
            {"family": "gpt", "models_to": ["deepseek-flash", "deepseek-v4-pro"]},
        ),
        (
            5,
            "ML205",
            "manual",
            ".startswith('o1') is an OpenAI model-family check: what apply maps OpenAI's 'o1' "
            "models to ('deepseek-flash') never matches it, so the program's 'o1' models fail it "
            "once mapped; make it accept DeepSeek's models (starting with 'deepseek-') by hand",
            {"family": "o1", "models_to": ["deepseek-flash"]},
        ),
    ]


def test_a_family_no_model_of_which_the_provider_maps_names_none(registry):
    # DeepSeek's table maps no `sora-*` model: nothing of DeepSeek's is said to reach it (it
    # maps `chatgpt-4o-latest` now, as `gpt-4o`)
    text = 'def route(model):\n    return model.startswith("sora")\n'
    ctx = RuleContext(registry, registry.get("deepseek"))
    [finding] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert (finding.message, dict(finding.data)) == (
        ".startswith('sora') is an OpenAI model-family check: DeepSeek's model names never "
        "match it; change the check by hand",
        {},
    )


def test_a_family_check_names_more_than_three_models_by_count(registry):
    # `--model` overrides come first, then the table; at most three are named
    text = 'def route(model):\n    return model.startswith("gpt")\n'
    models = {"gpt-4o": "acme-medium", "gpt-4.1": "acme-think", "gpt-5": "acme-think-pro"}
    ctx = RuleContext(registry, registry.get("acme"), models=models)
    [finding] = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert finding.message == reached(
        ".startswith('gpt')", "gpt", "'acme-medium', 'acme-think', 'acme-think-pro' and 2 more"
    )
    assert finding.data["models_to"] == [
        "acme-medium",
        "acme-think",
        "acme-think-pro",
        "acme-large",
        "acme-small",
    ]


@pytest.mark.parametrize(
    "test",
    [
        pytest.param('"gpt" in text', id="a-name-that-holds-no-model"),
        pytest.param('text.find("gpt") != -1', id="find-in-text"),
        pytest.param('re.match("gpt", text)', id="re-match-on-text"),
    ],
)
def test_a_bare_family_counts_only_on_a_name_that_holds_a_model(registry, test):
    assert found(registry, CHECK.replace("TEST", test))[0] == []


def test_a_family_with_its_dash_counts_on_any_name(registry):
    findings, _ = found(registry, CHECK.replace("TEST", 'text.find("gpt-") != -1'))
    assert findings == [(5, 18, "ML205", "manual", reached(".find('gpt-')", "gpt-"))]


# --- ML205: what apply adds beside models the check matches -----------------------------------

MENU = (
    "import streamlit as st\n\n"
    'MODEL_LIST = ["gpt-3.5-turbo", "gpt-4"]\n'
    'model = st.selectbox("Model", options=MODEL_LIST)\n\n\n'
    "def get_llm(model: str, **kwargs):\n"
    '    if "gpt" in model:\n'
    '        return ("chat", model, kwargs)\n'
    '    raise NotImplementedError(f"Model {model} not supported!")\n\n\n'
    "llm = get_llm(model=model, temperature=0)\n"
)
# the menu's options are what the program sends, the first by default: mapped in place
MENU_AFTER = MENU.replace('["gpt-3.5-turbo", "gpt-4"]', '["acme-small", "acme-large"]')
MENU_LIST = (
    "'gpt-3.5-turbo', 'gpt-4' in a list are OpenAI model ids, the options of st.selectbox() on "
    "line 4, whose choice (`model`) the program sends as model= on line 13, the first by "
    "default: apply writes what they map to ('acme-small', 'acme-large')"
)
MENU_DATA = {
    "models_from": ["gpt-3.5-turbo", "gpt-4"],
    "menu_line": 4,
    "models_to": ["acme-small", "acme-large"],
}
MENU_GATE = (
    f"'gpt' in ... {NEVER}, and apply adds 'acme-small', 'acme-large' to the list on line 3"
    f"{BY_HAND}"
)


def test_the_gate_names_what_apply_adds_to_the_menu_of_another_function(registry):
    findings, after = found(registry, MENU)
    assert findings == [
        (3, 15, "ML205", "review", MENU_LIST),
        (8, 8, "ML205", "manual", MENU_GATE),
    ]
    assert after == MENU_AFTER
    # once the menu offers them, the gate is still reported (check fails), plainly
    assert found(registry, after)[0] == [(8, 8, "ML205", "manual", reached("'gpt' in ...", "gpt"))]


def test_the_gate_names_the_comparison_apply_widens_and_each_place(registry):
    text = (
        'FAST = ("gpt-4o-mini",)\n\n\n'
        "def route(model):\n"
        '    if model == "gpt-4o":\n'
        "        return 5\n"
        '    if model.find("gpt-4o") == -1:\n'
        "        return 0\n"
        "    return 1\n"
    )
    findings, after = found(registry, text)
    assert findings[-1] == (
        7,
        19,
        "ML205",
        "manual",
        f".find('gpt-4o') {NEVER}, and apply adds 'acme-small' to the tuple on line 1 and "
        f"'acme-large' to the comparison on line 5{BY_HAND}",
    )
    assert 'FAST = ("gpt-4o-mini", "acme-small")\n' in after
    assert '    if model in ("gpt-4o", "acme-large"):\n' in after


def test_a_list_whose_models_the_check_never_matched_is_not_named(registry):
    text = 'REASONING = ["o1", "o3-mini"]\n\n\ndef chat(model):\n    return "gpt" in model\n'
    findings, _ = found(registry, text)
    assert findings[-1] == (5, 12, "ML205", "manual", reached("'gpt' in ...", "gpt"))


# --- ML204: a default a substring test on its name would send elsewhere -----------------------

DEFAULT = 'import os\nimport re\n\nM = os.getenv("LLM_MODEL", "gpt-4o")\n\n\ndef route():\n'


def left(test, passes="gpt-4o", fails="acme-large"):
    return (
        "env default 'gpt-4o' of constant M maps to 'acme-large' on Acme Cloud, but apply "
        f"leaves it: {test} on line 8 tests it, which {passes!r} passes and {fails!r} does "
        "not, so the program would take another branch; change the test and the model "
        "together, by hand"
    )


@pytest.mark.parametrize(
    ("test", "message"),
    [
        pytest.param('"gpt" in M', left('"gpt" in M'), id="in"),
        pytest.param(
            '"gpt-4" not in M.lower()',
            left('"gpt-4" not in M.lower()', "acme-large", "gpt-4o"),
            id="not-in-through-lower",
        ),
        pytest.param('M.find("gpt") != -1', left('M.find("gpt") != -1'), id="find"),
        pytest.param(
            'M.find("gpt") == -1',
            left('M.find("gpt") == -1', "acme-large", "gpt-4o"),
            id="find-absent",
        ),
        pytest.param('M.count("gpt-4")', left('M.count("gpt-4")'), id="count"),
        pytest.param('re.match("gpt", M)', left('re.match("gpt", M)'), id="re-match"),
        pytest.param('re.search("4o", M)', left('re.search("4o", M)'), id="re-search"),
        pytest.param(
            're.match("gpt", M) is None',
            left('re.match("gpt", M) is None', "acme-large", "gpt-4o"),
            id="re-match-is-none",
        ),
        pytest.param(
            'not M.count("gpt") and ready', left('M.count("gpt")'), id="count-as-a-condition"
        ),
    ],
)
def test_a_default_a_substring_test_would_send_elsewhere_is_left(registry, test, message):
    text = f'{DEFAULT}    if {test}:\n        return "chat"\n    return "legacy"\n'
    findings, after = found(registry, text, rules=("ML204",))
    assert findings == [(4, 28, "ML204", "manual", message)]
    assert after == text


@pytest.mark.parametrize(
    "test",
    [
        pytest.param('M.find("gpt")', id="a-bare-find-is-no-presence-test"),
        pytest.param('"gpt" in M.split("/")', id="a-list-made-of-it"),
        pytest.param('re.match("gpt", M, re.I)', id="with-flags"),
        pytest.param('M.count("gpt") > 1', id="a-count-compared-with-more"),
        pytest.param('[re.match("gpt-(4)", M)]', id="a-match-kept-not-tested"),
    ],
)
def test_a_test_not_read_leaves_the_default_mapped(registry, test):
    text = f'{DEFAULT}    if {test}:\n        return "chat"\n    return "legacy"\n'
    findings, after = found(registry, text, rules=("ML204",))
    assert [f[:4] for f in findings] == [(4, 28, "ML204", "review")]
    assert 'M = os.getenv("LLM_MODEL", "acme-large")\n' in after


def test_a_test_that_only_picks_the_tokenizer_leaves_the_default_mapped(registry):
    text = (
        "import tiktoken\n\n"
        'MODEL = "gpt-4o"\n'
        'ENC = tiktoken.encoding_for_model(MODEL) if "gpt" in MODEL else '
        'tiktoken.get_encoding("o200k_base")\n'
    )
    findings, after = found(registry, text, rules=("ML204",))
    assert [f[:4] for f in findings] == [(3, 9, "ML204", "review")]
    assert after == text.replace('MODEL = "gpt-4o"', 'MODEL = "acme-large"')


KWARGS = (
    "def new_session(**kwargs):\n"
    '    if "model" not in kwargs:\n'
    '        kwargs["model"] = "gpt-3.5-turbo"\n'
    '    if "gpt-" in kwargs["model"]:\n'
    '        return "chat"\n'
    '    raise ValueError(kwargs["model"])\n'
)


def test_a_default_entry_its_function_tests_is_left(registry):
    """simpleaichat's `kwargs["model"] = "gpt-3.5-turbo"`, mapped, made no session and the
    program stopped on an UnboundLocalError: the entry stays, and the check is reported."""
    findings, after = found(registry, KWARGS)
    assert findings == [
        (
            3,
            27,
            "ML204",
            "manual",
            "entry 'model' = 'gpt-3.5-turbo' maps to 'acme-small' on Acme Cloud, but apply "
            'leaves it: "gpt-" in kwargs["model"] on line 4 tests it, which '
            "'gpt-3.5-turbo' passes and 'acme-small' does not, so the program would take "
            "another branch; change the test and the model together, by hand",
        ),
        (4, 8, "ML205", "manual", reached("'gpt-' in ...", "gpt-", "'acme-small', 'acme-large'")),
    ]
    assert after == KWARGS


@pytest.mark.parametrize(
    "entries",
    [
        pytest.param('    kwargs["model"] = "gpt-4o"\n', id="set-twice"),
        pytest.param("", id="set-in-another-function"),
    ],
)
def test_an_entry_not_set_once_in_the_testing_function_is_mapped(registry, entries):
    text = KWARGS.replace('    if "gpt-" in', entries + '    if "gpt-" in', 1)
    if not entries:
        text = (
            text.replace(
                '    if "model" not in kwargs:\n        kwargs["model"] = "gpt-3.5-turbo"\n', ""
            )
            + '\n\ndef defaults(kwargs):\n    kwargs["model"] = "gpt-3.5-turbo"\n'
        )
    findings, _ = found(registry, text, rules=("ML204",))
    assert [f[2:4] for f in findings] == [("ML204", "review")] * len(findings) != []


@pytest.mark.parametrize(
    "test",
    [
        pytest.param('"gpt-" in kwargs["model"]', id="dash"),
        pytest.param('kwargs["model"].startswith("gpt")', id="bare-family-on-a-model-entry"),
        pytest.param("model.startswith('gpt-3')", id="a-part-of-a-stem"),
    ],
)
def test_a_family_check_in_a_module_naming_no_openai_model_is_screened(tmp_path, test):
    """After apply (or a person) set the provider's model, a module may hold nothing of
    OpenAI's but the family test, which still never matches: `check` stays red on it."""
    (tmp_path / "app.py").write_text(
        'def route(model, **kwargs):\n    kwargs.setdefault("model", "acme-large")\n'
        f"    if {test}:\n        return 1\n"
    )
    options = [str(tmp_path), "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    checked = CliRunner().invoke(app, ["check", *options, "--no-cache", "--format", "json"])
    assert checked.exit_code == 1, checked.output
    assert [(f["line"], f["rule"]) for f in json.loads(checked.stdout)["findings"]] == [
        (3, "ML205")
    ]


def test_a_quoted_word_that_only_starts_like_a_family_is_not_screened(tmp_path):
    (tmp_path / "app.py").write_text('MODE = "adapter"\nVOICE = "ttsx"\nNAME = "gpt_like"\n')
    options = [str(tmp_path), "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    checked = CliRunner().invoke(app, ["scan", *options, "--no-cache", "--format", "json"])
    assert json.loads(checked.stdout)["parsed"] == 0


# --- the command line: scan JSON, apply, check ------------------------------------------------


def test_scan_apply_and_check_on_the_menu(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(MENU)
    options = [".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    runner = CliRunner()
    scanned = runner.invoke(app, ["scan", *options, "--format", "json"])
    assert scanned.exit_code == 0, scanned.output
    report = json.loads(scanned.stdout)
    assert [f for f in report["findings"] if f["rule"] == "ML205"] == [
        {
            "path": "app.py",
            "line": 3,
            "column": 15,
            "end_line": 3,
            "end_column": 30,
            "rule": "ML205",
            "category": "model",
            "severity": "warning",
            "message": MENU_LIST,
            "fix": "review",
            "data": MENU_DATA,
        },
        {
            "path": "app.py",
            "line": 8,
            "column": 8,
            "end_line": 8,
            "end_column": 13,
            "rule": "ML205",
            "category": "model",
            "severity": "warning",
            "message": MENU_GATE,
            "fix": "manual",
            "data": {},
        },
    ]
    assert runner.invoke(app, ["check", *options]).exit_code == 1
    assert runner.invoke(app, ["apply", *options, "--yes"]).exit_code == 0
    assert (tmp_path / "app.py").read_text() == MENU_AFTER
    assert runner.invoke(app, ["apply", *options, "--yes"]).exit_code == 0
    assert (tmp_path / "app.py").read_text() == MENU_AFTER
    checked = runner.invoke(app, ["check", *options, "--format", "json"])
    assert checked.exit_code == 1
    assert [(f["line"], f["rule"], f["fix"]) for f in json.loads(checked.stdout)["findings"]] == [
        (8, "ML205", "manual")
    ]
