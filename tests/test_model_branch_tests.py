"""ML204 leaves a model default that a prefix test of the module on the same name would send
down another branch once mapped (babyagi's `if not M.startswith("gpt-")` took the legacy
completions branch with Qwen's model and looped on 404)."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.model import FixClass
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

BRANCHED = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
    'M = os.getenv("LLM_MODEL", "gpt-3.5-turbo").lower()\n\n\n'
    "def ask(prompt):\n"
    "    if not TEST:\n"
    "        return client.completions.create(model=M, prompt=prompt)\n"
    '    return client.chat.completions.create(model=M, messages=[{"role": "user", "content": '
    "prompt}])\n"
)


def settings(registry, text):
    ctx = RuleContext(registry, registry.get("qwen"))
    return [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]


@pytest.mark.parametrize(
    ("test", "shown"),
    [
        pytest.param('M.startswith("gpt-")', 'M.startswith("gpt-")', id="startswith"),
        pytest.param(
            'M.strip().startswith(("gpt-3", "gpt-4"))',
            'M.strip().startswith(("gpt-3", "gpt-4"))',
            id="read-through-a-method",
        ),
    ],
)
def test_a_default_a_prefix_test_would_send_elsewhere_is_left(registry, test, shown):
    text = BRANCHED.replace("TEST", test)
    [found] = settings(registry, text)
    assert (found.fix, found.edit, found.message) == (
        FixClass.MANUAL,
        None,
        "env default 'gpt-3.5-turbo' of constant M maps to 'qwen-flash' on Alibaba Qwen "
        f"(DashScope / Model Studio), but apply leaves it: {shown} on line 10 tests it, which "
        "'gpt-3.5-turbo' passes and 'qwen-flash' does not, so the program would take another "
        "branch; change the test and the model together, by hand",
    )
    after, _ = migrate_text(text, "python", "app.py", settings(registry, text))
    assert after == text


def test_a_default_the_test_treats_alike_is_mapped(registry):
    text = BRANCHED.replace("TEST", 'M.startswith("o1")')
    [found] = settings(registry, text)
    assert found.fix is FixClass.REVIEW
    after, _ = migrate_text(text, "python", "app.py", [found])
    assert after == text.replace('"gpt-3.5-turbo"', '"qwen-flash"')
    assert settings(registry, after) == []


def test_a_test_on_another_name_does_not_hold_the_default(registry):
    text = BRANCHED.replace("TEST", 'prompt.startswith("gpt-")')
    [found] = settings(registry, text)
    assert found.fix is FixClass.REVIEW


# --- comparisons and membership tests: as apply leaves or widens them (ML205) ---------------

GATED = (
    "import os\n\n"
    'M = os.getenv("LLM_MODEL", "DEFAULT")\n'
    "NAMES\n\n\n"
    "def route():\n"
    "    if TEST:\n"
    '        return "legacy"\n'
    "OTHER"
    '    return "chat"\n'
)


def acme(registry, text):
    """(line, rule, fix, message) of ML204 and ML205, the text after their edits, and the
    edits a second run would make."""
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in ("ML204", "ML205")]
    after, _ = migrate_text(text, "python", "app.py", found)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.edit is not None]
    assert [f.rule for f in again if f.rule in ("ML204", "ML205")] == []
    return [(f.line, f.rule, f.fix.value, f.message) for f in found], after


def gated(default, names, test, other=""):
    return (
        GATED.replace("DEFAULT", default)
        .replace("NAMES\n", names)
        .replace("TEST", test)
        .replace("OTHER", other)
    )


def left_for(test, line, passes, fails, default="gpt-4o"):
    mapped = {"gpt-4o": "acme-large", "gpt-4o-mini": "acme-small"}[default]
    return (
        f"env default {default!r} of constant M maps to {mapped!r} on Acme Cloud, but apply "
        f"leaves it: {test} on line {line} tests it, which {passes!r} passes and {fails!r} does "
        "not, so the program would take another branch; change the test and the model "
        "together, by hand"
    )


RIVAL = (
    "comparison with OpenAI model 'gpt-4o': Acme Cloud's model names never equal it; apply "
    "leaves it: 'gpt-4-turbo', which this module names too, maps to 'acme-large' as well, so "
    "accepting 'acme-large' here would send that model down this branch; change the check by "
    "hand"
)
RIVAL_BACK = (
    "comparison with OpenAI model 'gpt-4-turbo': Acme Cloud's model names never equal it; "
    "apply leaves it: 'gpt-4o', which this module names too, maps to 'acme-large' as well, so "
    "accepting 'acme-large' here would send that model down this branch; change the check by "
    "hand"
)
GATE = (
    "'gpt-4o' in a tuple is an OpenAI model id: code that checks models against it may reject "
    "Acme Cloud's models; apply leaves it: the code tells reasoning models apart by it, and "
    "OpenAI models not in it map to what it would gain ('gpt-4' to 'acme-large'): the "
    "program's own model, chosen in any module, would change sides after the switch; change "
    "the check by hand"
)
OTHER_BRANCH = '    if M == "gpt-4-turbo":\n        return "old"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            gated("gpt-4o", "", 'M == "gpt-4o"', OTHER_BRANCH),
            [
                (3, "ML204", "manual", left_for('M == "gpt-4o"', 7, "gpt-4o", "acme-large")),
                (7, "ML205", "manual", RIVAL),
                (9, "ML205", "manual", RIVAL_BACK),
            ],
            id="equal-left-by-ml205",
        ),
        pytest.param(
            gated("gpt-4o", "", 'M != "gpt-4o"', OTHER_BRANCH),
            [
                (3, "ML204", "manual", left_for('M != "gpt-4o"', 7, "acme-large", "gpt-4o")),
                (7, "ML205", "manual", RIVAL),
                (9, "ML205", "manual", RIVAL_BACK),
            ],
            id="not-equal",
        ),
        pytest.param(
            gated("gpt-4o", 'REASONING_MODELS = ("gpt-4o",)\n', "M in REASONING_MODELS"),
            [
                (
                    3,
                    "ML204",
                    "manual",
                    left_for("M in REASONING_MODELS", 8, "gpt-4o", "acme-large"),
                ),
                (4, "ML205", "manual", GATE),
            ],
            id="in-a-module-level-tuple-left-by-ml205",
        ),
        pytest.param(
            gated("gpt-4o", 'REASONING_MODELS = ("gpt-4o",)\n', "M not in REASONING_MODELS"),
            [
                (
                    3,
                    "ML204",
                    "manual",
                    left_for("M not in REASONING_MODELS", 8, "acme-large", "gpt-4o"),
                ),
                (4, "ML205", "manual", GATE),
            ],
            id="not-in",
        ),
    ],
)
def test_a_default_a_test_apply_leaves_would_send_elsewhere_is_left(registry, text, expected):
    found, after = acme(registry, text)
    assert found == expected
    assert after == text


@pytest.mark.parametrize(
    ("text", "after"),
    [
        pytest.param(
            gated("gpt-4o-mini", "", 'M == "gpt-4o-mini"'),
            gated("acme-small", "", 'M in ("gpt-4o-mini", "acme-small")'),
            id="equal-widened",
        ),
        pytest.param(
            gated("gpt-4o-mini", "", 'M in ("gpt-4o", "gpt-4o-mini")'),
            gated("acme-small", "", 'M in ("gpt-4o", "gpt-4o-mini", "acme-large", "acme-small")'),
            id="in-a-tuple-widened",
        ),
        pytest.param(
            gated("gpt-4o-mini", 'LEGACY = ["gpt-4o", "gpt-4o-mini"]\n', "M not in LEGACY"),
            gated(
                "acme-small",
                'LEGACY = ["gpt-4o", "gpt-4o-mini", "acme-large", "acme-small"]\n',
                "M not in LEGACY",
            ),
            id="not-in-a-module-level-list-widened",
        ),
        pytest.param(
            gated("gpt-4o", 'OLD = {"gpt-4-turbo"}\n', "M in OLD"),
            gated("acme-large", 'OLD = {"gpt-4-turbo"}\n', "M in OLD"),
            id="a-set-left-that-neither-model-is-in",
        ),
    ],
)
def test_a_default_the_test_treats_alike_once_widened_is_mapped_with_it(registry, text, after):
    found, migrated = acme(registry, text)
    assert [(line, rule, fix) for line, rule, fix, _ in found if rule == "ML204"] == [
        (3, "ML204", "review")
    ]
    assert migrated == after


def test_a_comparison_on_another_name_does_not_hold_the_default(registry):
    text = gated("gpt-4o", "", 'os.environ.get("X") == "gpt-4o"', OTHER_BRANCH)
    found, after = acme(registry, text)
    assert found[0][:3] == (3, "ML204", "review")
    assert 'M = os.getenv("LLM_MODEL", "acme-large")\n' in after


# --- ML202: a constant or default sent as model= itself, tested on the same name ----------

SENT = (
    "from openai import OpenAI\n\n"
    "client = OpenAI()\n"
    "CONSTANT\n\n\n"
    "def answer(q, PARAM):\n"
    "    if TEST:\n"
    "        q = q[-8:]\n"
    "OTHER"
    "    return client.chat.completions.create(model=NAME, messages=q)\n"
)


def sent(constant="", param="depth=1", test="", other="", name="MODEL"):
    return (
        SENT.replace("CONSTANT\n", constant)
        .replace("PARAM", param)
        .replace("TEST", test)
        .replace("OTHER", other)
        .replace("NAME", name)
    )


def ml202(registry, text):
    """(line, fix, message) of ML202, the text after the edits of ML202 and ML205, and the
    edits a second run would make."""
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in ("ML202", "ML205")]
    after, _ = migrate_text(text, "python", "app.py", found)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.edit is not None]
    assert [f.rule for f in again if f.rule in ("ML202", "ML205")] == []
    return [(f.line, f.fix.value, f.message) for f in found if f.rule == "ML202"], after


def left_202(subject, new, test, line, passes, fails):
    return (
        f"{subject} maps to {new!r} on Acme Cloud, but apply leaves it: {test} on line "
        f"{line} tests it, which {passes!r} passes and {fails!r} does not, so the program "
        "would take another branch; change the test and the model together, by hand"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            sent('MODEL = "gpt-3.5-turbo"\n', test='MODEL.startswith("gpt-3.5")'),
            (
                4,
                left_202(
                    "constant MODEL = 'gpt-3.5-turbo' (used as model= on line 10)",
                    "acme-small",
                    'MODEL.startswith("gpt-3.5")',
                    8,
                    "gpt-3.5-turbo",
                    "acme-small",
                ),
            ),
            id="constant-prefix-test",
        ),
        pytest.param(
            sent(
                param='model="gpt-4o"',
                test='model == "gpt-4o"',
                other='    elif model == "gpt-4-turbo":\n        q = q[-2:]\n',
                name="model",
            ),
            (
                6,
                left_202(
                    "default of model = 'gpt-4o' (used as model= on line 11)",
                    "acme-large",
                    'model == "gpt-4o"',
                    7,
                    "gpt-4o",
                    "acme-large",
                ),
            ),
            id="default-compared-where-ml205-leaves-the-comparison",
        ),
    ],
)
def test_ml202_leaves_a_literal_a_test_would_send_elsewhere(registry, text, expected):
    line, message = expected
    found, after = ml202(registry, text)
    assert found == [(line, "manual", message)]
    assert after == text


def test_ml202_maps_a_default_with_the_comparison_apply_widens(registry):
    text = sent(param='model="gpt-4o-mini"', test='model == "gpt-4o-mini"', name="model")
    found, after = ml202(registry, text)
    assert [(line, fix) for line, fix, _ in found] == [(6, "review")]
    assert after == sent(
        param='model="acme-small"', test='model in ("gpt-4o-mini", "acme-small")', name="model"
    )
