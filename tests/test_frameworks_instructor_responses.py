"""instructor's `OpenAISchema.from_response` on a response to the legacy `functions=` (ML654):
exact text after `apply` with every Python rule and the real provider files, what silences
it (the request, the pins, the provider), and the check of smol-ai/developer's trial (48h)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.run_facts import RunFacts, facts_of

from .framework_rewrites import applied

SCHEMA = "class Paths(OpenAISchema):\n    files: list[str]\n\n\n"
# the module of the trial's repro: the request and the parse in one function
TRIAL = (
    "import os\n\n"
    "from instructor import OpenAISchema\n"
    "from openai import OpenAI\n\n"
    'client = OpenAI(api_key=os.environ["ARK_API_KEY"], base_url=os.environ["ARK_BASE_URL"])\n\n\n'
    + SCHEMA
    + "def paths(prompt):\n"
    "    completion = client.chat.completions.create(\n"
    '        model="doubao-seed-2-1-pro-260628",\n'
    "        functions=[Paths.openai_schema],\n"
    '        function_call={"name": "Paths"},\n'
    '        messages=[{"role": "user", "content": prompt}],\n'
    '        extra_body={"thinking": {"type": "disabled"}},\n'
    "    )\n"
    "    return Paths.from_response(completion)\n"
)
MESSAGE = (
    "Paths.from_response() given no mode reads the completion as tool calls (Mode.TOOLS, "
    "instructor>=0.4.7), and the request on line 14 sends functions=: instructor 0.4.7 to "
    '1.15.1 fail there ("Instructor does not support multiple tool calls"); apply passes '
)


def _found(registry, text: str, provider: str | None = "doubao", facts=None):
    ctx = RuleContext(
        registry, registry.get(provider) if provider else None, facts=facts or RunFacts()
    )
    return [
        (f.line, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML654"
    ]


def test_the_trials_parse_gets_the_functions_mode(registry):
    assert _found(registry, TRIAL) == [(21, "review", MESSAGE + "mode=Mode.FUNCTIONS")]
    assert applied(registry, TRIAL, "doubao") == TRIAL.replace(
        "from instructor import OpenAISchema\n", "from instructor import Mode, OpenAISchema\n"
    ).replace(
        "Paths.from_response(completion)", "Paths.from_response(completion, mode=Mode.FUNCTIONS)"
    )


def test_a_module_importing_instructor_writes_the_mode_through_it(registry):
    before = TRIAL.replace(
        "from instructor import OpenAISchema\n",
        "import instructor\nfrom instructor import OpenAISchema\n",
    )
    after = applied(registry, before, "doubao")
    assert after == before.replace(
        "Paths.from_response(completion)",
        "Paths.from_response(completion, mode=instructor.Mode.FUNCTIONS)",
    )


def test_where_mode_is_taken_it_is_left_to_a_person(registry):
    before = TRIAL.replace("\n\n\nclass Paths", '\nMode = "fast"\n\n\nclass Paths')
    [(line, fix, message)] = _found(registry, before)
    assert (line, fix) == (22, "manual")
    assert message.endswith(
        "; pass mode=instructor.Mode.FUNCTIONS, or send the request with tools= and tool_choice="
    )
    assert "Paths.from_response(completion)\n" in applied(registry, before, "doubao")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            TRIAL.replace("(completion)", "(completion, mode=Mode.TOOLS)"), id="mode-given"
        ),
        pytest.param(
            TRIAL.replace("(completion)", "(completion, None, None, m)"), id="mode-by-position"
        ),
        pytest.param(TRIAL.replace("(completion)", "(completion, **options)"), id="kwargs"),
        pytest.param(
            TRIAL.replace("        functions=[Paths.openai_schema],\n", "").replace(
                '        function_call={"name": "Paths"},\n',
                '        tools=[{"type": "function", "function": Paths.openai_schema}],\n',
            ),
            id="tools-request",
        ),
        pytest.param(
            TRIAL.replace("    return Paths", "    completion = fix(completion)\n    return Paths"),
            id="bound-twice",
        ),
        pytest.param(
            TRIAL.replace("class Paths(OpenAISchema)", "class Paths(BaseModel)"), id="not-a-schema"
        ),
    ],
)
def test_what_it_cannot_tell_is_a_tool_parse_on_a_functions_response_is_left(registry, text):
    assert _found(registry, text) == []


def test_a_provider_that_does_not_take_functions_leaves_it_to_the_request(registry):
    # the request's functions= is reported there (ML111): on tools=, the default mode reads it
    assert _found(registry, TRIAL, "deepseek") == []
    assert len(_found(registry, TRIAL, None)) == 1  # a plain scan reports it


@pytest.mark.parametrize(
    ("pin", "reads"),
    [
        pytest.param(b"instructor>=1.3\n", False, id="admits-1.3-to-1.15.1"),
        pytest.param(b"instructor\n", False, id="unpinned"),
        pytest.param(b"instructor==0.4.0\n", True, id="functions-default"),
        pytest.param(b"instructor<0.4.7\n", True, id="capped-before-tools-default"),
        pytest.param(b"instructor>=1.15.3\n", True, id="tools-parser-reads-function-call"),
        pytest.param(b"instructor==1.15.1\n", False, id="last-failing"),
        pytest.param(b"openai>=1.40\ninstructor[openai]~=1.16\n", True, id="extras"),
    ],
)
def test_which_instructor_pins_read_a_functions_response_by_default(registry, pin, reads):
    facts = RunFacts.of_bits(facts_of("requirements", pin, False, False, None))
    assert facts.instructor_reads_function_call is reads
    assert (_found(registry, TRIAL, facts=facts) == []) is reads


def test_check_on_the_trials_repro_fails_until_apply_adds_the_mode(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "requirements.txt").write_text("openai>=1.40\ninstructor>=1.3\n")
    (tmp_path / "app.py").write_text(TRIAL)
    runner = CliRunner()
    scan = runner.invoke(app, ["scan", ".", "-p", "doubao", "--format", "json"])
    [finding] = [f for f in json.loads(scan.stdout)["findings"] if f["rule"] == "ML654"]
    assert (finding["line"], finding["fix"], finding["data"]) == (
        21,
        "review",
        {"mode_to": "FUNCTIONS", "request_line": 14},
    )
    check = runner.invoke(app, ["check", ".", "-p", "doubao", "--format", "json"])
    assert check.exit_code == 1
    assert [f["rule"] for f in json.loads(check.stdout)["findings"]] == ["ML654"]
    assert runner.invoke(app, ["apply", ".", "-p", "doubao", "--yes"]).exit_code == 0
    assert (
        "Paths.from_response(completion, mode=Mode.FUNCTIONS)" in (tmp_path / "app.py").read_text()
    )
    again = runner.invoke(app, ["check", ".", "-p", "doubao", "--format", "json"])
    assert (again.exit_code, json.loads(again.stdout)["findings"]) == (0, [])
    # pinned to releases whose default reads the function call, there is nothing to say
    (tmp_path / "requirements.txt").write_text("openai>=1.40\ninstructor>=1.16\n")
    (tmp_path / "app.py").write_text(TRIAL)
    assert runner.invoke(app, ["check", ".", "-p", "doubao"]).exit_code == 0
