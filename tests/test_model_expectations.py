"""Model ids a test asserts change with the setting they check (ML204, `model_expectations`):
mapped together in one test function, left together otherwise; an asserted model no setting
of the module holds keeps ML205/ML206. A setting beside the same model apply leaves in one
statement (a test case's input and expected value) is left with it."""

from __future__ import annotations

from .test_legacy_rewrite import migrate
from .test_model_strings import applied, found


def edits_match_fixes(registry, text, provider="acme"):
    """scan == apply: a finding is review exactly when it carries the edit apply makes."""
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    ctx = RuleContext(registry, registry.get(provider))
    for finding in check_python(text, ctx, PYTHON_RULES):
        if finding.rule in {"ML204", "ML205", "ML206"}:
            assert (finding.fix.value in ("safe", "review")) == (finding.edit is not None), finding


MOCKED = (
    "from unittest.mock import ANY, patch\n\n\n"
    '@patch("app.handler.get_completion")\n'
    "def test_model_option(mocked):\n"
    '    args = {"prompt": "hi", "--model": "gpt-4"}\n'
    "    run(args)\n"
    '    mocked.assert_called_once_with(messages=ANY, model="gpt-4", temperature=0.0)\n'
)


def test_a_mock_assertion_is_mapped_with_the_option_its_test_passes(registry):
    assert found(registry, MOCKED) == [
        (6, 40, "ML204", "review", "entry '--model' = 'gpt-4' maps to 'acme-large' on Acme Cloud"),
        (
            8,
            56,
            "ML204",
            "review",
            "model='gpt-4' of mocked.assert_called_once_with() checks the model this test sets "
            "on line 6 (entry '--model'); apply maps both to 'acme-large'",
        ),
    ]
    assert applied(registry, MOCKED) == MOCKED.replace('"gpt-4"', '"acme-large"')
    edits_match_fixes(registry, MOCKED)


def test_asserts_and_assert_equal_in_the_same_test_are_mapped_exactly(registry):
    text = (
        "from unittest import TestCase\n\n\n"
        "class TestRun(TestCase):\n"
        "    def test_model(self):\n"
        "        out = run({'model': 'gpt-4o'})\n"
        "        assert out.model == 'gpt-4o'\n"
        "        assert 'gpt-4o' != out.fallback\n"
        "        self.assertEqual(out.model, 'gpt-4o')\n"
    )
    assert [f[:4] for f in found(registry, text)] == [
        (6, 29, "ML204", "review"),
        (7, 29, "ML204", "review"),
        (8, 16, "ML204", "review"),
        (9, 37, "ML204", "review"),
    ]
    assert found(registry, text)[1][4] == (
        "assert ... == 'gpt-4o' checks the model this test sets on line 6 (entry 'model'); "
        "apply maps both to 'acme-large'"
    )
    assert applied(registry, text) == text.replace("'gpt-4o'", "'acme-large'")
    edits_match_fixes(registry, text)


def test_an_assertion_outside_the_function_of_the_setting_leaves_both(registry):
    # the test asserts the OpenAI name it passes through a module constant: nothing shows
    # which value the expected call checks, so both stay and the test still passes
    text = (
        "from unittest.mock import call\n\n"
        'MODEL = "gpt-4"\n\n\n'
        "def test_calls(mocked):\n"
        "    run(MODEL)\n"
        '    mocked.assert_has_calls([call(model="gpt-4", messages=[])])\n'
    )
    assert found(registry, text) == [
        (
            3,
            9,
            "ML204",
            "manual",
            "constant MODEL = 'gpt-4' maps to 'acme-large' on Acme Cloud; apply leaves it: "
            "model='gpt-4' of call() on line 8 asserts the same OpenAI name outside the function "
            "that sets it, and nothing shows which value it checks; change them together, by hand",
        ),
        (
            8,
            41,
            "ML204",
            "manual",
            "model='gpt-4' of call() asserts the OpenAI name that line 3 (constant MODEL) sets "
            "outside this function: nothing shows which value it checks, so apply leaves both "
            "and the test still asserts what it passes; change them together, by hand",
        ),
    ]
    assert applied(registry, text) == text
    edits_match_fixes(registry, text)


RECORDED = (
    "class Logger:\n"
    "    def __init__(self, api_model_name):\n"
    "        self.api_model_name = api_model_name\n\n"
    "    def record(self, payload):\n"
    '        return {"api_model_name": self.api_model_name, "request": payload}\n\n\n'
    "def test_record():\n"
    '    rep = Logger(api_model_name="gpt-4o").record({"model": "gpt-4o"})\n'
    '    assert rep["api_model_name"] == "gpt-4o"\n'
)


def test_an_assertion_beside_a_literal_apply_leaves_leaves_both(registry):
    # screenshot-to-code's test: the asserted field comes from Logger(), the test's own class,
    # whose argument is test data (ML205's note, t58c D3), not from the request dict; nothing
    # here shows which of the two the assert checks, so the dict and the assert stay, and the
    # test still passes
    assert found(registry, RECORDED) == [
        (
            10,
            33,
            "ML205",
            "none",
            "'gpt-4o' (passed as api_model_name= to Logger()) is an OpenAI model id a test hands "
            "the project's own code: test data, which no request of this file sends; apply leaves "
            "it, since the project's tests may depend on the name (a price or token table's entry, "
            "a mocked reply); if the code under test sends it in a real request, change it with "
            "that code, by hand",
        ),
        (
            10,
            60,
            "ML204",
            "manual",
            "entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud; apply leaves it: "
            "assert ... == 'gpt-4o' on line 11 asserts the same OpenAI name, which this test "
            "also gives Logger() on line 10 (left as it is): nothing shows which value it "
            "checks; change them together, by hand",
        ),
        (
            11,
            37,
            "ML204",
            "manual",
            "assert ... == 'gpt-4o' asserts the OpenAI name that line 10 (entry 'model') sets, "
            "which this test also gives Logger() on line 10 (left as it is): nothing shows which "
            "value it checks, so apply leaves both and the test still asserts what it passes; "
            "change them together, by hand",
        ),
    ]
    after = applied(registry, RECORDED)
    assert after == RECORDED
    namespace: dict[str, object] = {}
    exec(after, namespace)
    namespace["test_record"]()  # type: ignore[operator]
    edits_match_fixes(registry, RECORDED)


def test_a_literal_a_helper_of_the_test_gives_leaves_the_assertion_too(registry):
    # screenshot-to-code's shape: the logger comes from a helper the test calls; the request
    # dict the test records and asserts whole (a setting itself) stays with it
    text = (
        RECORDED.split("\n\n\ndef test_record")[0] + "\n\n\n"
        "def make_logger():\n"
        '    return Logger(api_model_name="gpt-4o")\n\n\n'
        "def test_record():\n"
        '    rep = make_logger().record({"model": "gpt-4o"})\n'
        '    assert rep["api_model_name"] == "gpt-4o"\n'
        '    assert rep["request"] == {"model": "gpt-4o"}\n'
    )
    assert [f[:4] for f in found(registry, text)] == [
        (10, 34, "ML206", "manual"),
        (14, 42, "ML204", "manual"),
        (15, 37, "ML204", "manual"),
        (16, 40, "ML204", "manual"),
    ]
    assert found(registry, text)[2][4] == (
        "assert ... == 'gpt-4o' asserts the OpenAI name that line 14 (entry 'model') sets, "
        "which this test also gives Logger() on line 10, through make_logger() (left as it "
        "is): nothing shows which value it checks, so apply leaves both and the test still "
        "asserts what it passes; change them together, by hand"
    )
    after = applied(registry, text)
    assert after == text
    namespace: dict[str, object] = {}
    exec(after, namespace)
    namespace["test_record"]()  # type: ignore[operator]
    # without the helper's literal the pair is mapped as before
    mapped = text.replace('Logger(api_model_name="gpt-4o")', "Logger(api_model_name=NAME)")
    assert [f[3] for f in found(registry, mapped)] == ["review", "review", "review"]


def test_a_pair_in_one_test_does_not_hold_a_setting_of_another(registry):
    # test_a maps its pair; test_b's assertion has no setting of its own, and the only other
    # setting (test_a's) is paired: test_b keeps ML206 (its value comes from elsewhere)
    text = (
        "def test_a(mocked):\n"
        '    run(model="gpt-4o")\n'
        '    mocked.assert_called_with(model="gpt-4o")\n\n\n'
        "def test_b(mocked, config):\n"
        "    run(config)\n"
        '    mocked.assert_called_with(model="gpt-4o")\n'
    )
    assert [f[:4] for f in found(registry, text)] == [
        (2, 15, "ML206", "manual"),
        (3, 37, "ML206", "manual"),
        (8, 37, "ML206", "manual"),
    ]
    text = text.replace('run(model="gpt-4o")', 'run({"model": "gpt-4o"})')
    assert [f[:4] for f in found(registry, text)] == [
        (2, 19, "ML204", "review"),
        (3, 37, "ML204", "review"),
        (8, 37, "ML206", "manual"),
    ]
    assert applied(registry, text) == text.replace('"gpt-4o"', '"acme-large"', 2)
    edits_match_fixes(registry, text)


def test_a_pair_whose_setting_apply_leaves_is_left(registry):
    # acme maps no model for o1-pro: the setting is manual, so is what checks it
    text = (
        "def test_reasoning(mocked):\n"
        '    run({"model": "o1-pro"})\n'
        '    mocked.assert_called_once_with(model="o1-pro")\n'
    )
    assert [f[:4] for f in found(registry, text)] == [
        (2, 19, "ML204", "manual"),
        (3, 42, "ML204", "manual"),
    ]
    assert found(registry, text)[1][4] == (
        "model='o1-pro' of mocked.assert_called_once_with() checks the model this test sets on "
        "line 2 (entry 'model'), which apply leaves; change them together, by hand"
    )
    assert applied(registry, text) == text


def test_an_asserted_default_of_another_module_accepts_the_mapped_model(registry):
    # shell_gpt's setUpClass: the default is set in config.py, which ML204 maps there; the
    # comparison (ML205) accepts both names, as a settings file may still hold the old one
    text = (
        "def test_default(cfg):\n"
        '    assert cfg.get("DEFAULT_MODEL") == "gpt-4o-mini"\n'
        '    assert "gpt-4o-mini" == "gpt-4o-mini"\n'
    )
    assert applied(registry, text) == (
        "def test_default(cfg):\n"
        '    assert cfg.get("DEFAULT_MODEL") in ("gpt-4o-mini", "acme-small")\n'
        '    assert "gpt-4o-mini" == "gpt-4o-mini"\n'
    )


def test_without_a_provider_to_switch_to_nothing_is_tied(registry):
    assert [f[:4] for f in found(registry, MOCKED, provider=None)] == [
        (6, 40, "ML204", "review"),
    ]
    assert found(registry, MOCKED, provider="openai") == []


APP = """import argparse

DEFAULT_MODEL = "gpt-4o-mini"


def send(messages, model, temperature):
    raise RuntimeError("the tests patch this")


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("prompt")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    return send(messages=[{"role": "user", "content": args.prompt}], model=args.model, temperature=0.0)
"""
TESTS = """from unittest.mock import ANY, call, patch

import app

MODEL = "gpt-4"


def argv(options):
    return [value for pair in options.items() for value in pair if value is not None]


@patch("app.send")
def test_model_option(send):
    app.main(argv({"hi": None, "--model": "gpt-4o"}))
    send.assert_called_once_with(messages=ANY, model="gpt-4o", temperature=0.0)


@patch("app.send")
def test_model_constant(send):
    app.main(argv({"hi": None, "--model": MODEL}))
    assert send.call_args == call(messages=ANY, model="gpt-4", temperature=0.0)


def test_default():
    assert app.DEFAULT_MODEL == "gpt-4o-mini"
"""


def test_a_migrated_test_module_still_passes(registry, tmp_path):
    """A pytest module with unittest.mock doubles, migrated with the code it tests, passes."""
    from .program_runner import pytest_offline

    for name, text in (("app.py", APP), ("test_app.py", TESTS)):
        (tmp_path / name).write_text(migrate(registry, text, "acme"), encoding="utf-8")
    migrated = (tmp_path / "test_app.py").read_text()
    assert 'model="acme-large", temperature=0.0)' in migrated  # mapped with its option
    assert 'MODEL = "gpt-4"' in migrated and 'model="gpt-4",' in migrated  # both left
    assert 'app.DEFAULT_MODEL in ("gpt-4o-mini", "acme-small")' in migrated  # set in app.py
    assert 'DEFAULT_MODEL = "acme-small"' in (tmp_path / "app.py").read_text()
    proc, blocked = pytest_offline(tmp_path, "test_app.py")
    assert blocked == []
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed" in proc.stdout


# --- one statement: a test case's input beside its expected value -----------------------------

CASE = (
    "def make(n, model=None):\n"
    '    return {"model": model}\n\n\n'
    'CASES = [(make("dev", model="gpt-4"), {"model": "gpt-4"})]\n'
)


def test_a_setting_beside_the_same_model_apply_leaves_in_one_statement_is_left(registry):
    # gpt-cli's parametrized case: the input goes to a function apply cannot follow (ML206),
    # the expected dict is a setting; mapped alone, the test compared 'acme-large' with 'gpt-4'
    assert found(registry, CASE) == [
        (
            5,
            29,
            "ML206",
            "manual",
            "model='gpt-4' goes to make(), which is not an OpenAI SDK call, so apply leaves it; "
            "if it talks to Acme Cloud, use an Acme Cloud model there (the model table says "
            "'acme-large')",
        ),
        (
            5,
            49,
            "ML204",
            "manual",
            "entry 'model' = 'gpt-4' maps to 'acme-large' on Acme Cloud; apply leaves it: the "
            "same model is left on line 5, in the same statement (model= of make(), ML206): "
            "mapped alone, the two would differ (a test's input beside its expected value); "
            "change both together, by hand",
        ),
    ]
    assert applied(registry, CASE) == CASE
    edits_match_fixes(registry, CASE)
    # in two statements the setting is mapped as before
    apart = CASE.replace(
        'CASES = [(make("dev", model="gpt-4"), {"model": "gpt-4"})]\n',
        'ARGS = make("dev", model="gpt-4")\nWANT = {"model": "gpt-4"}\n',
    )
    assert [f[2:4] for f in found(registry, apart)] == [("ML206", "manual"), ("ML204", "review")]
    assert applied(registry, apart) == apart.replace(
        'WANT = {"model": "gpt-4"}', 'WANT = {"model": "acme-large"}'
    )


def test_a_case_row_a_tuple_of_a_model_and_its_expected_setting_is_left(registry):
    text = 'CASES = [("gpt-4", {"model": "gpt-4"}), ("gpt-4o", {"model": "gpt-4o"})]\n'
    rows = found(registry, text)
    assert [f[:4] for f in rows] == [
        (1, 11, "ML205", "manual"),
        (1, 30, "ML204", "manual"),
        (1, 42, "ML205", "manual"),
        (1, 62, "ML204", "manual"),
    ]
    assert rows[1][4] == (
        "entry 'model' = 'gpt-4' maps to 'acme-large' on Acme Cloud; apply leaves it: the same "
        "model is left on line 1, in the same statement (in a tuple, ML205): mapped alone, the "
        "two would differ (a test's input beside its expected value); change both together, by "
        "hand"
    )
    assert applied(registry, text) == text
    edits_match_fixes(registry, text)


def test_an_entry_beside_the_setting_holding_the_same_model_leaves_it(registry):
    # nothing tells a name that is the model (`session.name`, left) from an expected value
    text = 'CONFIG = {"llm.model": "gpt-4o", "session.name": "gpt-4o"}\n'
    rows = found(registry, text)
    assert [f[:4] for f in rows] == [(1, 24, "ML204", "manual"), (1, 50, "ML205", "manual")]
    assert rows[0][4].endswith(
        "apply leaves it: the same model is left on line 1, in the same statement (the value "
        "of entry 'session.name', ML205): mapped alone, the two would differ (a test's input "
        "beside its expected value); change both together, by hand"
    )
    assert applied(registry, text) == text


def test_an_assert_and_a_loop_over_cases_are_one_statement_each(registry):
    text = (
        "from app import make\n\n\n"
        "def test_make():\n"
        '    assert make(model="gpt-4") == {"model": "gpt-4"}\n\n\n'
        'for got, want in [(make(model="gpt-4"), {"model": "gpt-4"})]:\n'
        "    assert got == want\n"
    )
    assert [f[:4] for f in found(registry, text)] == [
        (5, 23, "ML206", "manual"),
        (5, 45, "ML204", "manual"),
        (8, 31, "ML206", "manual"),
        (8, 51, "ML204", "manual"),
    ]
    assert applied(registry, text) == text
    edits_match_fixes(registry, text)


def test_rows_of_a_table_of_cases_are_cases_of_their_own(registry):
    # the left input is in the first row, the setting in the second: nothing ties them
    text = (
        "from app import make\n\n"
        'CASES = [(make(model="gpt-4"), {}), ({}, {"model": "gpt-4"})]\n'
        'PARAMS = [param(make(model="gpt-4o")), param({"model": "gpt-4o"})]\n'
    )
    assert [f[:4] for f in found(registry, text)] == [
        (3, 22, "ML206", "manual"),
        (3, 52, "ML204", "review"),
        (4, 28, "ML206", "manual"),
        (4, 56, "ML204", "review"),
    ]
    assert applied(registry, text) == (
        "from app import make\n\n"
        'CASES = [(make(model="gpt-4"), {}), ({}, {"model": "acme-large"})]\n'
        'PARAMS = [param(make(model="gpt-4o")), param({"model": "acme-large"})]\n'
    )
    edits_match_fixes(registry, text)


def test_what_only_tests_or_lists_a_model_beside_a_setting_keeps_it_mapped(registry):
    # a request (ML201) and a setting in other statements than a call apply leaves; a table's
    # key, a comparison (left here: 'gpt-4' maps to 'acme-large' too), a list of examples
    # beside a setting, a default in a `def` line: the setting is what is sent
    text = (
        "from openai import OpenAI\n"
        "from pydantic import BaseModel, Field\n\n"
        "from app import make\n\n"
        "client = OpenAI()\n"
        'agent = make(model="gpt-4")\n'
        'client.chat.completions.create(model="gpt-4", messages=[])\n'
        'CONFIG = {"model": "gpt-4"}\n'
        'TABLE = {"gpt-4o": {"model": "gpt-4o"}}\n\n\n'
        "class Settings(BaseModel):\n"
        '    llm: str = Field(default="gpt-4o", examples=["gpt-4o"])\n\n\n'
        "def pick(m):\n"
        '    return {"model": "gpt-4o"} if m == "gpt-4o" else TABLE[m]\n\n\n'
        'def ask(q, agent=make(model="gpt-4o"), params={"model": "gpt-4o"}):\n'
        "    return agent(q, **params)\n"
    )
    assert [f[:4] for f in found(registry, text)] == [
        (7, 20, "ML206", "manual"),
        (8, 38, "ML201", "review"),
        (9, 20, "ML204", "review"),
        (10, 9, "ML205", "manual"),
        (10, 30, "ML204", "review"),
        (14, 30, "ML204", "review"),
        (14, 50, "ML205", "manual"),
        (18, 22, "ML204", "review"),
        (18, 40, "ML205", "manual"),
        (21, 29, "ML206", "manual"),
        (21, 57, "ML204", "review"),
    ]
    after = applied(registry, text)
    assert after == (
        text.replace('model="gpt-4", messages', 'model="acme-large", messages')
        .replace('{"model": "gpt-4"}', '{"model": "acme-large"}')
        .replace('{"model": "gpt-4o"}', '{"model": "acme-large"}')
        .replace('default="gpt-4o"', 'default="acme-large"')
    )
    edits_match_fixes(registry, text)


def test_a_statement_is_not_tied_without_a_provider_to_switch_to(registry):
    assert [f[2:4] for f in found(registry, CASE, provider=None)] == [
        ("ML206", "manual"),
        ("ML204", "review"),
    ]
    assert found(registry, CASE, provider="openai") == []


CLI_APP = """from dataclasses import dataclass


@dataclass
class Args:
    name: str
    model: str | None = None


def init(args, custom):
    config = dict(custom.get(args.name, {}))
    if args.model is not None:
        config["model"] = args.model
    return config
"""
CLI_TESTS = """import pytest

from app import Args, init


@pytest.mark.parametrize(
    "args,custom,expected",
    [
        (Args("dev", model="gpt-4"), {}, {"model": "gpt-4"}),
        (Args("dev"), {"dev": {"model": "gpt-4"}}, {"model": "gpt-4"}),
        (Args("dev", model="gpt-4"), {"dev": {"model": "gpt-3.5-turbo"}}, {"model": "gpt-4"}),
    ],
)
def test_init(args, custom, expected):
    assert init(args, custom).get("model") == expected.get("model")
"""


def test_gpt_cli_parametrized_cases_still_pass_once_migrated(registry, tmp_path):
    """gpt-cli's test_init_assistant: a case whose input apply leaves keeps its expected
    value; a case whose values are all settings is mapped whole."""
    from .program_runner import pytest_offline

    for name, text in (("app.py", CLI_APP), ("test_app.py", CLI_TESTS)):
        (tmp_path / name).write_text(migrate(registry, text, "acme"), encoding="utf-8")
    assert (tmp_path / "app.py").read_text() == CLI_APP
    assert (tmp_path / "test_app.py").read_text() == CLI_TESTS.replace(
        '(Args("dev"), {"dev": {"model": "gpt-4"}}, {"model": "gpt-4"})',
        '(Args("dev"), {"dev": {"model": "acme-large"}}, {"model": "acme-large"})',
    ).replace('"gpt-3.5-turbo"', '"acme-small"')
    proc, blocked = pytest_offline(tmp_path, "test_app.py")
    assert blocked == []
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 passed" in proc.stdout
