"""ML204 leaves a model default that a prefix test of the module on the same name would send
down another branch once mapped (babyagi's `if not M.startswith("gpt-")` took the legacy
completions branch with Qwen's model and looped on 404)."""

from __future__ import annotations

import json

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


# the same test where both branches send chat requests: it picks a prompt, no request kind
PROMPTED = BRANCHED.replace(
    "client.completions.create(model=M, prompt=prompt)",
    'client.chat.completions.create(model=M, messages=[{"role": "system", "content": prompt}])',
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
    text = PROMPTED.replace("TEST", test)
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


# --- a class attribute read through `self`, tested against the class's own lists (pandas-ai) -
# pandas-ai's `OpenAI()` sends its class default `model` only where it is in the class's chat
# or completion list; its default was mapped while the lists were left (the completion list's
# model maps to what one of the chat list does), so `OpenAI()` raised UnsupportedModelError.

BACKEND = (
    "class Backend:\n"
    '    CHAT = ["gpt-3.5-turbo", "gpt-4o"]\n'
    '    TEXT = ["gpt-3.5-turbo-instruct"]\n'
    '    model = "DEFAULT"\n\n'
    "    def __init__(self):\n"
    "        READ\n"
    "        if NAME in self.CHAT:\n"
    '            self.kind = "chat"\n'
    "        elif NAME in self.TEXT:\n"
    '            self.kind = "text"\n'
    "        else:\n"
    "            raise ValueError(self.model)\n"
)
STRIPPED = 'name = self.model.split(":")[1] if "ft:" in self.model else self.model'


def backend(default="gpt-4o", read="", name="self.model"):
    text = BACKEND.replace("DEFAULT", default).replace("NAME", name)
    return text.replace("        READ\n", f"        {read}\n" if read else "")


READS = [
    pytest.param("", "self.model", id="self-attribute"),
    pytest.param("name = self.model", "name", id="a-local-name"),
    pytest.param(STRIPPED, "name", id="a-fine-tuned-prefix-stripped"),
]
CHAT_WIDENED = (
    "'gpt-3.5-turbo', 'gpt-4o' in a list are OpenAI model ids: code that checks models "
    "against them may reject Acme Cloud's models; apply adds what the module's own 'gpt-4o' "
    "maps to ('acme-large') beside them, and no more: 'gpt-3.5-turbo' maps to 'acme-small', "
    "and so does 'gpt-3.5-turbo-instruct' of the list on line 3, which does not hold "
    "'gpt-3.5-turbo': with 'acme-small' in both, the code could not tell them apart; change "
    "the checks by hand"
)
CHAT_LEFT = (
    "'gpt-3.5-turbo', 'gpt-4o' in a list are OpenAI model ids: code that checks models "
    "against them may reject Acme Cloud's models; apply leaves it: 'gpt-3.5-turbo' maps to "
    "'acme-small', and so does 'gpt-3.5-turbo-instruct' of the list on line 3, which does "
    "not hold 'gpt-3.5-turbo': with 'acme-small' in both, the code could not tell them apart; "
    "change the checks by hand"
)
CHAT_SHARED = (
    "'gpt-3.5-turbo', 'gpt-4o' in a list are OpenAI model ids: code that checks models "
    "against them may reject Acme Cloud's models; apply leaves it: 'gpt-3.5-turbo-instruct', "
    "which this module uses, maps to 'acme-small' too and is not in it, so adding "
    "'acme-small' would change what the code does with it; change the check by hand"
)
TEXT_LEFT = (
    "'gpt-3.5-turbo-instruct' in a list is an OpenAI model id: code that checks models against "
    "it may reject Acme Cloud's models; they are OpenAI's text completions models: apply adds "
    "nothing (what they map to is a chat model, which code telling them apart must not take "
    "for one); change the check by hand"
)


def built(text):
    """An instance of the module's `Backend`, made as its users make it: `Backend()`."""
    namespace: dict[str, object] = {}
    exec(compile(text, "app.py", "exec"), namespace)
    return namespace["Backend"]()  # type: ignore[operator]


@pytest.mark.parametrize(("read", "name"), READS)
def test_a_class_default_and_the_list_the_class_tests_it_against_change_together(
    registry, read, name
):
    text = backend(read=read, name=name)
    found, after = acme(registry, text)
    assert found == [
        (2, "ML205", "review", CHAT_WIDENED),
        (3, "ML205", "manual", TEXT_LEFT),
        (
            4,
            "ML204",
            "review",
            "attribute Backend.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        ),
    ]
    assert after == text.replace('"gpt-4o"]', '"gpt-4o", "acme-large"]').replace(
        'model = "gpt-4o"', 'model = "acme-large"'
    )
    # `Backend()` as before: the chat branch, now with the provider's model
    assert (built(text).kind, built(text).model) == ("chat", "gpt-4o")
    assert (built(after).kind, built(after).model) == ("chat", "acme-large")
    # what is left for a person is the rest of the chat list, not the default
    again, _ = acme(registry, after)
    assert again == [(2, "ML205", "manual", CHAT_LEFT), (3, "ML205", "manual", TEXT_LEFT)]


@pytest.mark.parametrize(("read", "name"), READS)
def test_a_class_default_a_list_apply_leaves_would_reject_is_left(registry, read, name):
    """The default is the completion list's model: that list gains nothing, so mapped, the
    default would fall through to the `raise`."""
    text = backend("gpt-3.5-turbo-instruct", read, name)
    found, after = acme(registry, text)
    test = f"{name} in self.TEXT"
    assert found == [
        (2, "ML205", "manual", CHAT_SHARED),
        (3, "ML205", "manual", TEXT_LEFT),
        (
            4,
            "ML204",
            "manual",
            "attribute Backend.model = 'gpt-3.5-turbo-instruct' maps to 'acme-small' on Acme "
            f"Cloud, but apply leaves it: {test} on line {10 if read else 9} tests it, which "
            "'gpt-3.5-turbo-instruct' passes and 'acme-small' does not, so the program would "
            "take another branch; change the test and the model together, by hand",
        ),
    ]
    assert after == text
    assert built(after).kind == "text"


def test_an_attribute_the_class_also_sets_on_self_is_not_read_as_its_default(registry):
    """`self.model = ...` in a method: the class body's value is not what the test sees."""
    text = backend("gpt-3.5-turbo-instruct").replace(
        "    def __init__(self):\n",
        "    def __init__(self, model=None):\n        self.model = model or self.model\n",
    )
    found, _ = acme(registry, text)
    assert [(line, rule, fix) for line, rule, fix, _ in found if rule == "ML204"] == [
        (4, "ML204", "review")
    ]


def test_apply_then_check_on_the_class_shape_of_zhipu(tmp_path, monkeypatch):
    """The trial's case end to end: `apply -p zhipu` writes the default and widens the chat
    list with the same model, `Backend()` works, and `check` still fails (exit 1) on what is
    left for a person, the chat list, never on the default."""
    from typer.testing import CliRunner

    from migrate_llm.cli import app
    from migrate_llm.registry import load_registry

    text = backend("gpt-4o-mini", STRIPPED, "name").replace('"gpt-4o"]', '"gpt-4o-mini"]')
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    applied = runner.invoke(app, ["apply", "app.py", "-p", "zhipu", "--yes", "--allow-dirty"])
    assert applied.exit_code == 0, applied.stderr
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    mapped = load_registry().get("zhipu").models["gpt-4o-mini"]
    assert after == text.replace('"gpt-4o-mini"]', f'"gpt-4o-mini", "{mapped}"]').replace(
        'model = "gpt-4o-mini"', f'model = "{mapped}"'
    )
    assert (built(text).kind, built(text).model) == ("chat", "gpt-4o-mini")
    assert (built(after).kind, built(after).model) == ("chat", mapped)
    checked = runner.invoke(app, ["check", "app.py", "-p", "zhipu", "--format", "json"])
    assert checked.exit_code == 1
    rows = [(f["line"], f["rule"], f["fix"]) for f in json.loads(checked.stdout)["findings"]]
    assert rows == [(2, "ML205", "manual"), (3, "ML205", "manual")]
    again = runner.invoke(app, ["apply", "app.py", "-p", "zhipu", "--diff"])
    assert (again.exit_code, again.stdout) == (0, "")
