"""marvin 3's default model (ML671, ML503): agents given no model and the calls running
marvin's default agent use `marvin.defaults.model`, `"openai:gpt-4o"` unless the program sets
another (t46d D1); its settings field and MARVIN_AGENT_MODEL take no built model (t46d D2)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.rules.base import RuleContext
from migrate_llm.run_facts import (
    MARVIN_MODEL_UNSET,
    OVERRIDES_MARVIN_MODEL,
    SETS_MARVIN_MODEL,
    RunFacts,
    facts_of,
)

WHY = (
    "prefix makes pydantic-ai use its OpenAIProvider, which reads OPENAI_API_KEY and "
    "OPENAI_BASE_URL, so another model name after it still goes to OpenAI"
)
ACME_PROVIDER = (
    'OpenAIProvider(base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"), '
    'api_key=os.environ["ACME_API_KEY"])'
)
PROFILE = "OpenAIModelProfile(openai_supports_tool_choice_required=False)"
REASON = (
    'Acme Cloud rejects tool_choice "required", which pydantic-ai sends for a structured output'
)
DEFAULT = "('openai:gpt-4o' unless MARVIN_AGENT_MODEL names another): the openai: " + WHY
SETTER = "marvin.defaults.model once marvin is imported (every agent given no model uses it)"


def build(where: str, model: str = "acme-large") -> str:
    return (
        f'for Acme Cloud build OpenAIChatModel("{model}", provider={ACME_PROVIDER}, '
        f"profile={PROFILE}) and pass that model {where}, by hand (profile=: {REASON})"
    )


def runner(shown: str, keyword: str) -> str:
    """The message on a call (or decorator) running marvin's default agent."""
    return (
        f"{shown} without {keyword}= runs marvin's default agent, whose model is "
        f"marvin.defaults.model {DEFAULT}; "
        + build(f"to {SETTER}, or to an agent given here as {keyword}=")
    )


AGENT = f"marvin.Agent() without model= uses marvin.defaults.model {DEFAULT}; " + build(
    f"as model= here, or assign it to {SETTER}"
)


def scanned(registry, text: str, provider: str = "acme", name: str = "app.py", **facts):
    ctx = RuleContext(registry, registry.get(provider), facts=RunFacts(**facts))
    return FileScanner(ctx, Path(".")).findings("python", name, text) or []


def applied(registry, text: str) -> str:
    found = scanned(registry, text)
    return migrate_text(text, "python", "app.py", found)[0]


USES = (
    "import marvin\n"
    "from marvin import fn\n"
    "\n"
    'writer = marvin.Agent(name="Writer", model=MODEL)\n'
    'editor = marvin.Agent(name="Editor")\n'
    "\n"
    "\n"
    "@marvin.fn\n"
    "def sentiment(text: str) -> float:\n"
    '    """Between -1 and 1."""\n'
    "\n"
    "\n"
    '@fn(instructions="Be brief")\n'
    "def fruits(n: int) -> list[str]:\n"
    '    """n fruits."""\n'
    "\n"
    "\n"
    "def main(kw):\n"
    '    print(marvin.run("Write a haiku"))\n'
    '    print(marvin.extract("$30 for 5 bagels", int, agent=None))\n'
    '    print(marvin.classify("take my money", ["sales", "hr"]))\n'
    '    task = marvin.Task("Write a limerick")\n'
    '    print(marvin.cast("bagels", str, "only USD", writer))\n'
    '    print(marvin.run("Edit it", agents=[writer]))\n'
    '    print(marvin.summarize("text", **kw))\n'
    "    return task.run()\n"
)


def test_marvins_default_model_is_reported_where_nothing_sets_it(registry):
    """t46d D1: marvin.run / extract / classify, @fn and Task() given no agent run marvin's
    default agent, and an Agent given no model uses marvin.defaults.model: 'openai:gpt-4o'."""
    found = scanned(registry, USES)
    assert [(f.line, f.column, f.rule, f.message) for f in found] == [
        (5, 10, "ML671", AGENT),
        (8, 2, "ML671", runner("@marvin.fn", "agent")),
        (13, 2, "ML671", runner("fn()", "agent")),
        (19, 11, "ML671", runner("marvin.run()", "agents")),
        (20, 11, "ML671", runner("marvin.extract()", "agent")),
        (21, 11, "ML671", runner("marvin.classify()", "agent")),
        (22, 12, "ML671", runner("marvin.Task()", "agents")),
    ]
    data = {
        "library": "marvin",
        "variables": ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
        "default_model": "openai:gpt-4o",
    }
    assert [(f.severity.value, f.fix.value, dict(f.data)) for f in found] == [
        ("error", "manual", data)
    ] * 7
    assert applied(registry, USES) == USES
    assert scanned(registry, USES, "openai") == []
    # with no provider named: the advice names none
    ctx = RuleContext(registry, None)
    found = FileScanner(ctx, Path(".")).findings("python", "app.py", USES) or []
    assert found[0].message.endswith(
        'for another provider build OpenAIChatModel("<its model>", provider=OpenAIProvider('
        'base_url=os.environ.get("<its base URL variable>", "<its URL>"), api_key=os.environ['
        '"<its key variable>"])) and pass that model as model= here, or assign it to '
        f"{SETTER}, by hand (`migrate-llm scan --provider ID` names them)"
    )


def test_a_module_setting_marvins_default_is_not_reported(registry):
    """Where the module sets marvin.defaults.model nothing uses the OpenAI default; where it
    sets marvin.defaults.agent, the calls running the default agent use that one (its own
    construction is reported if it has no model); an `override_defaults(model=...)` block
    sets the model for what runs in it."""
    model_set = USES + "\n\nmarvin.defaults.model = MODEL\n"
    assert scanned(registry, model_set) == []
    agent_set = USES.replace("import marvin\n", "import marvin\nfrom marvin import defaults\n")
    agent_set += '\n\ndefaults.agent = marvin.Agent(name="Default", model=MODEL)\n'
    assert [(f.line, f.message) for f in scanned(registry, agent_set)] == [(6, AGENT)]
    block = (
        "import marvin\nfrom marvin.defaults import override_defaults\n\n\n"
        "def main(model):\n"
        "    with override_defaults(model=model):\n"
        '        marvin.run("inside")\n'
        '        marvin.Agent(name="inside")\n'
        '    marvin.run("outside")\n'
    )
    assert [(f.line, f.message) for f in scanned(registry, block)] == [
        (9, runner("marvin.run()", "agents"))
    ]
    # set elsewhere in the project (run facts): not reported
    assert scanned(registry, USES, marvin_model_set=True) == []


def test_screening_tells_which_modules_set_marvins_default():
    def bits(text: str) -> int:
        found = facts_of("python", text.encode(), True, False, None)
        return found & (SETS_MARVIN_MODEL | MARVIN_MODEL_UNSET | OVERRIDES_MARVIN_MODEL)

    assert bits("import marvin\n\nmarvin.defaults.model = MODEL\n") == SETS_MARVIN_MODEL
    assert bits("from marvin import defaults\ndefaults.model = MODEL\n") == SETS_MARVIN_MODEL
    assert bits('import marvin\nprint(marvin.run("hi"))\n') == MARVIN_MODEL_UNSET
    assert bits("import marvin\nif marvin.defaults.model == M:\n    pass\n") == (MARVIN_MODEL_UNSET)
    assert bits(
        "from marvin.defaults import override_defaults\n\n\ndef fixture(m):\n"
        "    with override_defaults(model=m):\n        yield\n"
    ) == (MARVIN_MODEL_UNSET | OVERRIDES_MARVIN_MODEL)
    assert bits("defaults.model = MODEL\n") == 0  # not marvin's


QWEN_MODEL = (
    "import os\n\n"
    "import marvin\n"
    "from pydantic_ai.models.openai import OpenAIChatModel\n"
    "from pydantic_ai.profiles.openai import OpenAIModelProfile\n"
    "from pydantic_ai.providers.openai import OpenAIProvider\n\n"
    "marvin.defaults.model = OpenAIChatModel(\n"
    '    "qwen4-max",\n'
    "    provider=OpenAIProvider(\n"
    '        base_url=os.environ.get("DASHSCOPE_BASE_URL", '
    '"https://dashscope.aliyuncs.com/compatible-mode/v1"),\n'
    '        api_key=os.environ["DASHSCOPE_API_KEY"],\n'
    "    ),\n"
    "    profile=OpenAIModelProfile(openai_supports_tool_choice_required=False),\n"
    ")\n"
)
APP = 'import marvin\n\nprint(marvin.run("Write a haiku about coding"))\n'


def check(project: Path, monkeypatch) -> tuple[int, list[tuple[str, int, str]]]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["check", "-p", "qwen", "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    return result.exit_code, [(f["path"], f["line"], f["rule"]) for f in findings]


def test_check_stays_red_on_marvins_default_until_the_program_sets_it(tmp_path, monkeypatch):
    """t46d repro1b: `marvin.run(...)` alone gave 0 findings and exit 0 while it went to
    api.openai.com. Red until the program sets marvin.defaults.model: in the module, or in a
    module of the project it imports; a script beside it that imports none stays red (itself
    alone), and so does one setting it to an `openai:` string (ML671 there)."""
    (tmp_path / "requirements.txt").write_text("marvin==3.2.7\n", encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    assert check(tmp_path, monkeypatch) == (1, [("app.py", 3, "ML671")])
    assert CliRunner().invoke(app, ["apply", "-p", "qwen", "--yes"]).exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP
    assert check(tmp_path, monkeypatch) == (1, [("app.py", 3, "ML671")])

    (tmp_path / "setup_model.py").write_text(QWEN_MODEL, encoding="utf-8")
    (tmp_path / "app.py").write_text("import setup_model\n" + APP, encoding="utf-8")
    assert check(tmp_path, monkeypatch) == (0, [])
    (tmp_path / "other.py").write_text(APP, encoding="utf-8")
    assert check(tmp_path, monkeypatch) == (1, [("other.py", 3, "ML671")])
    (tmp_path / "other.py").write_text(QWEN_MODEL + APP, encoding="utf-8")
    assert check(tmp_path, monkeypatch) == (0, [])
    (tmp_path / "other.py").write_text(
        'import marvin\n\nmarvin.defaults.model = "openai:gpt-4o-mini"\n' + APP[14:], "utf-8"
    )
    assert check(tmp_path, monkeypatch) == (1, [("other.py", 3, "ML671")])


def test_tests_whose_conftest_sets_marvins_model_are_not_reported(tmp_path, monkeypatch):
    """marvin's own tests: an autouse fixture of a conftest.py overrides the default model
    (`override_defaults(model=TestModel())`) for the tests in its directory and below; a test
    elsewhere, or a module there that pytest does not collect, is still reported."""
    tests = tmp_path / "tests" / "basic"
    tests.mkdir(parents=True)
    (tmp_path / "tests" / "conftest.py").write_text(
        "import pytest\nfrom marvin.defaults import override_defaults\n"
        "from pydantic_ai.models.test import TestModel\n\n\n"
        "@pytest.fixture(autouse=True)\ndef test_model():\n"
        "    with override_defaults(model=TestModel()):\n        yield\n",
        encoding="utf-8",
    )
    test = 'import marvin\n\n\ndef test_run():\n    assert marvin.run("hi")\n'
    (tests / "test_run.py").write_text(test, encoding="utf-8")
    assert check(tmp_path, monkeypatch) == (0, [])
    (tests / "helpers.py").write_text(test, encoding="utf-8")
    (tmp_path / "test_top.py").write_text(test, encoding="utf-8")
    assert check(tmp_path, monkeypatch) == (
        1,
        [("test_top.py", 5, "ML671"), ("tests/basic/helpers.py", 5, "ML671")],
    )


# --- its settings field and variable (t46d D2) ---------------------------------------------


def test_marvins_settings_field_takes_no_built_model(registry):
    """`marvin.settings.agent_model` is a KnownModelName checked on assignment (a built model
    raises ValidationError) and is read only at import: set after it, it changes no model.
    The advice is to remove it and set marvin.defaults.model."""
    text = 'import marvin\n\nmarvin.settings.agent_model = "openai:gpt-4o-mini"\n'

    def message(setting: str) -> str:
        return (
            f"attribute {setting} = 'openai:gpt-4o-mini': the openai: {WHY}; {setting} takes "
            "only pydantic-ai's KnownModelName strings (a model object or another name fails its "
            "validation), and marvin reads it only when imported, into marvin.defaults.model, so "
            "this changes no model: remove it, and "
            + build("to marvin.defaults.model instead, once marvin is imported", "acme-small")
        )

    found = scanned(registry, text)
    assert [(f.line, f.column, f.rule, f.fix.value, f.message) for f in found] == [
        (3, 31, "ML671", "manual", message("marvin.settings.agent_model"))
    ]
    assert applied(registry, text) == text
    imported = (
        'from marvin.settings import settings\n\nsettings.agent_model = "openai:gpt-4o-mini"\n'
    )
    assert [f.message for f in scanned(registry, imported)] == [message("settings.agent_model")]


VARIABLE_ADVICE = (
    "; marvin reads MARVIN_AGENT_MODEL only into KnownModelName names (no model object, no base "
    "URL): remove it, and "
    + build("to marvin.defaults.model in the program, once marvin is imported", "acme-small")
)


def test_marvins_variable_takes_no_provider_model(registry):
    """t46d D2: MARVIN_AGENT_MODEL=openai:... goes to OpenAI, and a bare model there
    (`qwen-plus`, as the old advice read) fails when marvin is imported (literal_error):
    remove it and set marvin.defaults.model in the program. Another provider's known name
    (`deepseek:deepseek-chat`) is not this rule's."""

    def found(text: str) -> list[tuple[int, str, str, str, dict]]:
        ctx = RuleContext(registry, registry.get("acme"))
        return [
            (f.line, f.rule, f.fix.value, f.message, dict(f.data))
            for f in FileScanner(ctx, Path(".")).findings("dotenv", ".env.example", text) or []
        ]

    data = {"model_from": "gpt-4o-mini", "library": "marvin", "variable": "MARVIN_AGENT_MODEL"}
    assert found("MARVIN_AGENT_MODEL=openai:gpt-4o-mini\n") == [
        (1, "ML503", "manual", f"openai:gpt-4o-mini: the openai: {WHY}{VARIABLE_ADVICE}", data)
    ]
    for bare in ("gpt-4o-mini", "acme-small"):
        assert found(f"MARVIN_AGENT_MODEL={bare}\n") == [
            (
                1,
                "ML503",
                "manual",
                f"{bare}: marvin fails when imported: MARVIN_AGENT_MODEL sets "
                "marvin.settings.agent_model, a KnownModelName that takes only pydantic-ai's "
                f"known provider:model names{VARIABLE_ADVICE}",
                {**data, "model_from": bare},
            )
        ]
    assert found("MARVIN_AGENT_MODEL=deepseek:deepseek-chat\n") == []
