"""Tests of a model's name for a part that tells OpenAI's kinds of model apart (ML205,
`openai_sdk.MODEL_NAME_FRAGMENTS`): `"-vision" in model` decides whether images are sent,
`"preview" in model` sets max_tokens. What the provider's table maps such models to lacks the
part, so once mapped they silently take the other branch (t50b: GPTDiscord's vision model,
mapped to kimi-k2.6, lost its images)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.openai_sdk import model_fragment
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .conftest import ACME_DIR

CHAT = (
    'MODEL = "gpt-4-vision-preview"\n\n\n'
    "def payload(prompt, image, model=MODEL):\n"
    "    content = prompt\n"
    '    if "-vision" in model:\n'
    '        content = [{"type": "text", "text": prompt}, {"type": "image_url", "image_url": image}]\n'
    '    body = {"model": model, "messages": [{"role": "user", "content": content}]}\n'
    '    if model.endswith("-preview"):\n'
    '        body["max_tokens"] = 4096\n'
    "    return body\n"
)


def part(shown: str, fragment: str, verb: str = "hold", name: str = "Moonshot AI (Kimi)") -> str:
    return (
        f"{shown} tests the model name for {fragment!r}: what apply maps OpenAI's models with "
        f"{fragment!r} to ('kimi-k2.6') does not {verb} it, so once mapped the program treats "
        f"them as models without it; change it for {name}'s models by hand"
    )


VISION = part("'-vision' in ...", "-vision")
PREVIEW = part(".endswith('-preview')", "-preview", "end with")


def ml205(registry, text: str, provider: str = "moonshot") -> list[tuple[int, str, str, dict]]:
    ctx = RuleContext(registry, registry.get(provider))
    return [
        (f.line, f.fix.value, f.message, f.data)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML205"
    ]


def test_a_test_for_a_part_of_the_vision_models_names_is_reported(registry):
    assert ml205(registry, CHAT) == [
        (6, "manual", VISION, {"fragment": "-vision", "models_to": ["kimi-k2.6"]}),
        (9, "manual", PREVIEW, {"fragment": "-preview", "models_to": ["kimi-k2.6"]}),
    ]
    # apply leaves the tests; they are still reported once the model is Kimi's
    ctx = RuleContext(registry, registry.get("moonshot"))
    findings = [f for f in check_python(CHAT, ctx, PYTHON_RULES) if f.rule in ("ML204", "ML205")]
    after, _ = migrate_text(CHAT, "python", "app.py", findings)
    assert after == CHAT.replace('"gpt-4-vision-preview"', '"kimi-k2.6"')
    assert [(line, message) for line, _, message, _ in ml205(registry, after)] == [
        (6, VISION),
        (9, PREVIEW),
    ]


@pytest.mark.parametrize(
    "test",
    [
        pytest.param('"preview" in title', id="a-name-holding-no-model"),
        pytest.param('"realtime" in model', id="no-model-of-the-table-holds-it"),
        pytest.param('"-" in model', id="no-part-of-a-kind"),
        pytest.param('"kimi" in model or "-vision" in model', id="fixed-by-hand"),
    ],
)
def test_a_test_for_another_part_is_not_reported(registry, test):
    text = CHAT.replace('"-vision" in model', test).replace(
        '    if model.endswith("-preview"):\n        body["max_tokens"] = 4096\n', ""
    )
    assert ml205(registry, text) == []


def test_an_id_tested_as_a_part_is_no_comparison(registry):
    """t50b D5: `"gpt-4" in self._model` was called a comparison with OpenAI model 'gpt-4'."""
    text = (
        "class Chat:\n"
        '    def __init__(self, model="gpt-4-turbo"):\n'
        "        self._model = model\n\n"
        "    def threshold(self):\n"
        '        if "4-turbo" in self._model or "4-vision" in self._model:\n'
        "            return 125000\n"
        '        elif "gpt-4" in self._model:\n'
        "            return 28000\n"
        '        elif "gpt-3" in self._model:\n'
        "            return 6000\n"
    )
    messages = [message for _, _, message, _ in ml205(registry, text)]
    assert messages == [
        part("'4-turbo' in ...", "4-turbo"),
        part("'4-vision' in ...", "4-vision"),
        "'gpt-4' in ... is an OpenAI model-family check: what apply maps OpenAI's 'gpt-4' models "
        "to ('kimi-k2.6') never matches it, so the program's 'gpt-4' models fail it once "
        "mapped; make it accept Moonshot AI (Kimi)'s models by hand",
        "'gpt-3' in ... is an OpenAI model-family check: what apply maps OpenAI's 'gpt-3' models "
        "to ('kimi-k2.6') never matches it, so the program's 'gpt-3' models fail it once "
        "mapped; make it accept Moonshot AI (Kimi)'s models by hand",
    ]


@pytest.mark.parametrize(
    ("value", "part_of"),
    [
        ("-vision", True),
        ("4-vision", True),
        ("4-turbo", True),
        ("preview", True),
        ("-preview", True),
        ("4o-mini", True),
        ("vision-preview", True),
        ("gpt-4", False),
        ("kimi-vision", False),
        ("Preview", False),
        ("4", False),
    ],
)
def test_the_parts_of_a_kind(value, part_of):
    assert model_fragment(value) is part_of


def test_check_stays_red_on_a_module_that_names_only_the_part(tmp_path):
    """After apply the module holds the provider's model and the test: it is still read."""
    (tmp_path / "app.py").write_text(
        'def content(model="acme-large"):\n    if "-mini" in model:\n        return 1\n'
    )
    options = [str(tmp_path), "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    checked = CliRunner().invoke(app, ["check", *options, "--no-cache", "--format", "json"])
    assert checked.exit_code == 1, checked.output
    assert [(f["line"], f["rule"], f["data"]) for f in json.loads(checked.stdout)["findings"]] == [
        (2, "ML205", {"fragment": "-mini", "models_to": ["acme-small"]})
    ]
