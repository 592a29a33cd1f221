"""Lists of models that decide what a request sends (ML205, rules/model_gates.py): they gain
the provider's models only where no OpenAI model outside them maps to the same, wherever the
program picks its model, and where the provider's file says the model takes the parameter."""

from __future__ import annotations

import pytest

from migrate_llm import engine
from migrate_llm.engine import ScanOptions, migrate_text, scan
from migrate_llm.errors import ProviderError
from migrate_llm.registry import Provider, parse_provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import bare_provider
from .test_providers import minimal

REJECT = "code that checks models against {} may reject {}'s models; "
CHANGE = (
    "the program's own model, chosen in any module, would change sides after the switch; "
    "change the check by hand"
)


def ml205(ctx: RuleContext, text: str) -> list[tuple[int, str, str]]:
    """(line, fix, message) of the ML205 findings."""
    return [
        (f.line, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML205"
    ]


def applied(ctx: RuleContext, text: str) -> str:
    """The text after ML205's edits; a second run finds nothing to edit."""
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML205"]
    after, _ = migrate_text(text, "python", "app.py", findings)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert [f for f in again if f.edit is not None] == []
    return after


def x_provider(**fields) -> Provider:
    """A provider whose table maps two OpenAI models, each to a model of its own."""
    fields.setdefault("models", {"o3-mini": "x-think", "gpt-4o": "x-chat"})
    return bare_provider(model_patterns=("x-*",), **fields)


# --- a reasoning set whose target the program's default maps to, in another module (D2) ------

BASE = 'def is_reasoning(model):\n    return model in {"o1", "o3-mini", "gpt-5", "gpt-5o-mini"}\n'
LLM = (
    "from base import is_reasoning\n"
    "from openai import OpenAI\n\n"
    "client = OpenAI()\n\n\n"
    'def ask(msg, model="gpt-5-mini"):\n'
    '    kw = {} if is_reasoning(model) else {"temperature": 0.1}\n'
    "    return client.chat.completions.create(\n"
    '        model=model, messages=[{"role": "user", "content": msg}], **kw\n'
    "    )\n"
)
LLM_AFTER = (
    "import os\n\n"
    "from base import is_reasoning\n"
    "from openai import OpenAI\n\n"
    "client = OpenAI(\n"
    '    api_key=os.environ.get("DASHSCOPE_API_KEY", "unset"),\n'
    "    base_url=os.environ.get(\n"
    '        "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
    "    ),\n"
    ")\n\n\n"
    'def ask(msg, model="qwen-plus"):\n'
    '    kw = {} if is_reasoning(model) else {"temperature": 0.1}\n'
    "    return client.chat.completions.create(\n"
    '        model=model, messages=[{"role": "user", "content": msg}], **kw\n'
    "    )\n"
)
BASE_LEFT = (
    "'o1', 'o3-mini', 'gpt-5' and 1 more in a set are OpenAI model ids: "
    + REJECT.format("them", "Alibaba Qwen (DashScope / Model Studio)")
    + "apply leaves it: the code tells reasoning models apart by it, and OpenAI models not "
    "in it map to what it would gain ('o3' to 'qwen4-max', 'gpt-5-mini' to 'qwen-plus'): " + CHANGE
)


def test_a_reasoning_set_stays_where_another_modules_default_maps_to_what_it_would_gain(
    registry, tmp_path
):
    """mem0: `gpt-5-mini`, the default of another module, and the member `gpt-5o-mini` both
    map to qwen-plus; with it in the set the migrated default took the reasoning branch."""
    (tmp_path / "base.py").write_text(BASE)
    (tmp_path / "llm.py").write_text(LLM)
    options = ScanOptions(provider="qwen", cwd=tmp_path, jobs=1)
    found = [(f.path, f.line, f.rule, f.fix.value) for f in scan(options).findings]
    assert ("base.py", 2, "ML205", "manual") in found
    assert ("llm.py", 7, "ML202", "review") in found
    planned = {p.path.name: p for p in engine.plan(options).planned}
    assert planned["base.py"].change.after == BASE
    assert planned["llm.py"].change.after == LLM_AFTER
    # what scan says a fix is, apply does
    scanned = {(f.path, f.line, f.rule) for f in scan(options).findings if f.fix.rewritten}
    fixed = {(name, f.line, f.rule) for name, p in planned.items() for f in p.change.fixed}
    assert scanned == fixed
    for item in planned.values():
        assert engine.write(item) is None
    again = engine.plan(options).planned
    assert [p.change.after for p in again if p.change.changed] == []
    ctx = RuleContext(registry, registry.get("qwen"))
    assert ml205(ctx, BASE) == [(2, "manual", BASE_LEFT)]


def test_the_same_set_beside_the_default_in_one_module_keeps_its_own_reason(registry):
    ctx = RuleContext(registry, registry.get("qwen"))
    text = BASE + '\n\ndef ask(model="gpt-5-mini"):\n    return is_reasoning(model)\n'
    assert ml205(ctx, text) == [
        (
            2,
            "manual",
            "'o1', 'o3-mini', 'gpt-5' and 1 more in a set are OpenAI model ids: "
            + REJECT.format("them", "Alibaba Qwen (DashScope / Model Studio)")
            + "apply leaves it: 'gpt-5-mini', which this module uses, maps to 'qwen-plus' too "
            "and is not in it, so adding 'qwen-plus' would change what the code does with it; "
            "change the check by hand",
        )
    ]


def test_a_list_of_supported_models_still_gains_what_they_map_to(registry):
    ctx = RuleContext(registry, registry.get("qwen"))
    text = 'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n'
    assert [fix for _, fix, _ in ml205(ctx, text)] == ["review"]
    assert applied(ctx, text) == 'SUPPORTED = ("gpt-4o", "gpt-4o-mini", "qwen4-max", "qwen-plus")\n'


# --- a list gating reasoning_effort, which DeepSeek takes as low/high/max (D7) ---------------

EFFORT_LEFT = (
    "apply leaves it: the code decides by it whether to send reasoning_effort, and DeepSeek's "
    "file says reasoning_effort takes 'low', 'high', 'max', not 'medium', which code for "
    "OpenAI's models may send; change the check by hand"
)


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        pytest.param(
            'SUPPORT_REASONING_EFFORT_MODELS = [\n    "o3-mini",\n    "o1-mini",\n]\n',
            2,
            "'o3-mini', 'o1-mini' in a list are OpenAI model ids: "
            + REJECT.format("them", "DeepSeek"),
            id="named-for-the-parameter",
        ),
        pytest.param(
            'EFFORT_OK = {"o3-mini"}\n\n\n'
            'def options(model, effort="medium"):\n'
            "    kwargs = {}\n"
            "    if model in EFFORT_OK:\n"
            '        kwargs["reasoning_effort"] = effort\n'
            "    return kwargs\n",
            1,
            "'o3-mini' in a set is an OpenAI model id: " + REJECT.format("it", "DeepSeek"),
            id="tested-before-the-parameter-is-set",
        ),
        pytest.param(
            "def takes_effort(model):\n"
            '    return model in ("o3-mini", "o1-mini")\n\n\n'
            "def options(model):\n"
            '    return dict(reasoning_effort="high") if takes_effort(model) else {}\n',
            2,
            "'o3-mini', 'o1-mini' in a tuple are OpenAI model ids: "
            + REJECT.format("them", "DeepSeek"),
            id="through-a-function-returning-the-test",
        ),
    ],
)
def test_a_list_gating_reasoning_effort_stays_when_the_provider_takes_other_values(
    registry, text, line, shown
):
    ctx = RuleContext(registry, registry.get("deepseek"))
    assert ml205(ctx, text) == [(line, "manual", shown + EFFORT_LEFT)]
    assert applied(ctx, text) == text


def test_a_list_gating_reasoning_effort_gains_a_model_that_takes_its_values(registry):
    provider = x_provider(params={"reasoning_effort": ["minimal", "low", "medium", "high"]})
    ctx = RuleContext(registry, provider)
    text = 'SUPPORT_REASONING_EFFORT_MODELS = ["o3-mini"]\n'
    assert ml205(ctx, text) == [
        (
            1,
            "review",
            "'o3-mini' in a list is an OpenAI model id: "
            + REJECT.format("it", "X")
            + "apply adds what it maps to ('x-think') beside it",
        )
    ]
    assert applied(ctx, text) == 'SUPPORT_REASONING_EFFORT_MODELS = ["o3-mini", "x-think"]\n'


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        pytest.param({}, "X's file does not say 'x-think' takes reasoning_effort", id="no-fact"),
        pytest.param(
            {
                "params": {"reasoning_effort": ["low", "medium", "high"]},
                "model_params": {"x-think*": {"reasoning_effort": "fixed"}},
            },
            "X's file says 'x-think' does not take reasoning_effort",
            id="fixed-for-the-model",
        ),
    ],
)
def test_a_list_gating_reasoning_effort_stays_where_the_file_does_not_show_the_model_takes_it(
    registry, fields, why
):
    ctx = RuleContext(registry, x_provider(**fields))
    text = 'SUPPORT_REASONING_EFFORT_MODELS = ["o3-mini"]\n'
    assert ml205(ctx, text) == [
        (
            1,
            "manual",
            "'o3-mini' in a list is an OpenAI model id: "
            + REJECT.format("it", "X")
            + "apply leaves it: the code decides by it whether to send reasoning_effort, and "
            + why
            + "; change the check by hand",
        )
    ]
    assert applied(ctx, text) == text


# --- a list of the models sent no temperature: only the mapping decides ---------------------


def test_a_list_of_models_sent_no_temperature_needs_no_temperature_fact(registry):
    ctx = RuleContext(registry, x_provider())
    text = 'NO_SUPPORT_TEMPERATURE_MODELS = ("o3-mini",)\n'
    assert [fix for _, fix, _ in ml205(ctx, text)] == ["review"]
    assert applied(ctx, text) == 'NO_SUPPORT_TEMPERATURE_MODELS = ("o3-mini", "x-think")\n'


@pytest.mark.parametrize(
    ("models", "outside"),
    [
        pytest.param(
            {"o3-mini": "x-think", "gpt-4o-mini": "x-think"},
            "'gpt-4o-mini' to 'x-think'",
            id="another-entry",
        ),
        pytest.param(
            {"o3-mini": "x-think", "o1*": "x-think"},
            "models matching 'o1*' to 'x-think'",
            id="a-glob-naming-no-model-outside",
        ),
    ],
)
def test_a_list_of_models_sent_no_temperature_stays_where_another_model_maps_alike(
    registry, models, outside
):
    ctx = RuleContext(registry, x_provider(models=models))
    text = 'NO_SUPPORT_TEMPERATURE_MODELS = ("o3-mini", "o1")\n'
    assert ml205(ctx, text) == [
        (
            1,
            "manual",
            "'o3-mini', 'o1' in a tuple are OpenAI model ids: "
            + REJECT.format("them", "X")
            + "apply leaves it: the code decides by it whether to send temperature, and OpenAI "
            f"models not in it map to what it would gain ({outside}): " + CHANGE,
        )
    ]
    assert applied(ctx, text) == text


# --- the provider fact ------------------------------------------------------------------------


def test_deepseeks_file_says_which_reasoning_efforts_it_takes(registry):
    assert registry.get("deepseek").params["reasoning_effort"] == ["low", "high", "max"]


def test_a_reasoning_effort_openai_names_no_value_for_is_refused():
    with pytest.raises(ProviderError, match=r"^x\.toml: params\.reasoning_effort: expected a list"):
        parse_provider(minimal(params={"reasoning_effort": ["low", "turbo"]}), "x.toml")


# --- a list naming the models the program works with at all (t50a D1, SuperAGI) ---------------

SUMMARY = (
    "import os\n\n\n"
    "class Summary:\n"
    '    def __init__(self, model_name=os.environ.get("SUMMARY_MODEL", "gpt-3.5-turbo")):\n'
    "        self.model_name = model_name\n\n"
    "    def build_llm(self):\n"
    "        open_ai_models = ['gpt-4', 'gpt-3.5-turbo']\n"
    "        if self.model_name in open_ai_models:\n"
    "            return dict(temperature=0, model_name=self.model_name)\n"
    '        raise ValueError(f"Model name {self.model_name} not supported")\n'
)


def ml204_205(ctx: RuleContext, text: str) -> tuple[list[tuple[int, str, str, str]], str]:
    """(line, rule, fix, message) of the ML204 and ML205 findings, and the text after their
    edits, which a second run leaves as it is."""
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in ("ML204", "ML205")]
    after, _ = migrate_text(text, "python", "app.py", findings)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule in ("ML204", "ML205")]
    assert [f for f in again if f.edit is not None] == []
    return [(f.line, f.rule, f.fix.value, f.message) for f in findings], after


def test_a_list_whose_other_branch_raises_gains_what_the_default_maps_to(registry):
    """The branch for its members sends temperature, but the others get no request at all:
    the list decides whether a model is built, not whether temperature is sent. Mapped
    alone, the default made build_llm() raise "Model name qwen-flash not supported"."""
    ctx = RuleContext(registry, registry.get("qwen"))
    findings, after = ml204_205(ctx, SUMMARY)
    assert findings == [
        (
            5,
            "ML204",
            "review",
            "env default 'gpt-3.5-turbo' of default of model_name maps to 'qwen-flash' on "
            "Alibaba Qwen (DashScope / Model Studio)",
        ),
        (
            9,
            "ML205",
            "review",
            "'gpt-4', 'gpt-3.5-turbo' in a list are OpenAI model ids: "
            + REJECT.format("them", "Alibaba Qwen (DashScope / Model Studio)")
            + "the code raises for the models not in it (line 12), so apply adds what they map "
            "to ('qwen4-max', 'qwen-flash') beside them",
        ),
    ]
    assert after == SUMMARY.replace('"gpt-3.5-turbo"))', '"qwen-flash"))').replace(
        "['gpt-4', 'gpt-3.5-turbo']", "['gpt-4', 'gpt-3.5-turbo', 'qwen4-max', 'qwen-flash']"
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            "def options(model):\n"
            '    if model in {"o3-mini"}:\n'
            '        return {"temperature": 1}\n'
            "    else:\n"
            "        raise ValueError(model)\n",
            5,
            id="raised-in-the-else",
        ),
        pytest.param(
            "def options(model):\n"
            '    if model not in {"o3-mini"}:\n'
            "        raise ValueError(model)\n"
            '    return {"temperature": 1}\n',
            3,
            id="not-in-raising-first",
        ),
    ],
)
def test_a_list_the_program_refuses_other_models_by_is_no_parameter_gate(registry, text, line):
    ctx = RuleContext(registry, x_provider())
    assert ml205(ctx, text) == [
        (
            2,
            "review",
            "'o3-mini' in a set is an OpenAI model id: "
            + REJECT.format("it", "X")
            + f"the code raises for the models not in it (line {line}), so apply adds what it "
            "maps to ('x-think') beside it",
        )
    ]
    assert applied(ctx, text) == text.replace('{"o3-mini"}', '{"o3-mini", "x-think"}')


def test_a_list_whose_other_branch_sends_without_the_parameter_stays_a_gate(registry):
    ctx = RuleContext(registry, x_provider())
    text = (
        "def options(model):\n"
        '    if model in {"o3-mini"}:\n'
        '        return {"temperature": 1}\n'
        "    return {}\n"
    )
    assert ml205(ctx, text) == [
        (
            2,
            "manual",
            "'o3-mini' in a set is an OpenAI model id: "
            + REJECT.format("it", "X")
            + "apply leaves it: the code decides by it whether to send temperature, and X's file "
            "does not say 'x-think' takes temperature; change the check by hand",
        )
    ]
