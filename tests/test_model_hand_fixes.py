"""ML205 on a check a person already fixed by hand: a list, tuple or set that holds one of the
provider's model ids `apply` would not have put there (apply adds what its OpenAI models map to
all together), or a family check given a part the provider's models match. After `apply
--provider qwen`, chatgpt-telegram-bot's user added `qwen4-max` to `GPT_4O_MODELS` and not
`qwen-plus`, which its `gpt-4o-mini` maps to and the tuple of `gpt-4-turbo-preview` would take
too; the tuple stayed a warning, and `check` red, for good. Such a check is left with a note.
Also: a short name beside a longer model id in a collection (`"o1"` of `O_MODELS`) is one of
its models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.registry import Provider
from migrate_llm.rules.base import RuleContext

from .conftest import ACME_DIR, bare_provider
from .test_fix_truth import assert_fix_truth
from .test_model_labels import migrated

QWEN = "Alibaba Qwen (DashScope / Model Studio)"


def ml205(found):
    return [f for f in found if f[2] == "ML205"]


# --- a list, tuple or set --------------------------------------------------------------------

HELD = (
    "'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids beside Acme Cloud's 'acme-large', "
    "which apply does not add alone: taken as fixed by hand, apply leaves it; it lacks "
    "'acme-small' (from 'gpt-4o-mini'): add it if the code should accept it too"
)


def test_a_tuple_given_one_provider_model_by_hand_is_left_with_a_note(registry):
    text = 'SUPPORTED = ("gpt-4o", "gpt-4o-mini", "acme-large")\n'
    found, after = migrated(registry, text)  # a second apply changes nothing either
    assert found == [(1, 14, "ML205", "note", "manual", HELD)]
    assert after == text


def test_before_the_hand_fix_apply_adds_every_target(registry):
    text = 'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n'
    found, after = migrated(registry, text)
    assert [f[3:5] for f in found] == [("warning", "review")]
    assert after == 'SUPPORTED = ("gpt-4o", "gpt-4o-mini", "acme-large", "acme-small")\n'
    assert migrated(registry, after)[0] == []


def test_a_provider_model_none_of_its_members_maps_to_counts_too(registry):
    """chatgpt-telegram-bot's tuple of old snapshots that cannot call functions gains nothing
    from apply; a provider model there is a person's."""
    text = 'NO_FUNCTIONS = ("gpt-3.5-turbo-0301", "gpt-4-0314", "acme-small")\n'
    found, after = migrated(registry, text)
    assert found == [
        (
            1,
            17,
            "ML205",
            "note",
            "manual",
            "'gpt-3.5-turbo-0301', 'gpt-4-0314' in a tuple are OpenAI model ids beside Acme "
            "Cloud's 'acme-small', which apply does not add alone: taken as fixed by hand, apply "
            "leaves it; it lacks 'acme-large' (from 'gpt-4-0314'): add it if the code should "
            "accept it too",
        )
    ]
    assert after == text


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        pytest.param(
            'MODELS = ["gpt-3.5-turbo-instruct", "acme-large"]\n',
            "'gpt-3.5-turbo-instruct' in a list is an OpenAI model id",
            id="a-text-completions-model",
        ),
        pytest.param(
            'MODELS = {"o1-pro", "acme-large"}\n',
            "'o1-pro' in a set is an OpenAI model id",
            id="unmapped",
        ),
    ],
)
def test_one_whose_models_give_nothing_to_add_says_only_that_it_is_left(registry, text, listed):
    found, after = migrated(registry, text)
    assert found == [
        (
            1,
            11,
            "ML205",
            "note",
            "manual",
            f"{listed} beside Acme Cloud's 'acme-large', which apply does not add alone: taken "
            "as fixed by hand, apply leaves it",
        )
    ]
    assert after == text


def test_what_apply_itself_added_is_no_hand_fix(registry):
    """A dated snapshot whose family is not in the list adds nothing: apply's widening lacks
    its target, and the list stays as apply leaves it (a warning)."""
    text = 'MODELS = ("gpt-4o-mini", "gpt-4-0314")\n'
    after = migrated(registry, text)[1]
    assert after == 'MODELS = ("gpt-4o-mini", "gpt-4-0314", "acme-small")\n'
    assert migrated(registry, after)[0] == [
        (
            1,
            11,
            "ML205",
            "warning",
            "manual",
            "'gpt-4o-mini', 'gpt-4-0314' in a tuple are OpenAI model ids: code that checks models "
            "against them may reject Acme Cloud's models; add them or change the check by hand",
        )
    ]


def test_a_list_whose_members_are_taken_as_values_keeps_its_warning(registry):
    text = 'MODELS = ("gpt-4o", "gpt-4o-mini", "acme-large")\nDEFAULT = MODELS[0]\n'
    found, after = migrated(registry, text)
    assert [f[3:5] for f in found] == [("warning", "manual")]
    assert "MODELS[0] on line 2 takes them as values" in found[0][5]
    assert after == text


# --- chatgpt-telegram-bot's model tuples, after apply and after the hand fix ------------------

TUPLES = """GPT_3_MODELS = ("gpt-3.5-turbo", "gpt-3.5-turbo-0613")
GPT_3_16K_MODELS = ("gpt-3.5-turbo-16k", "gpt-3.5-turbo-1106")
GPT_4_MODELS = ("gpt-4", "gpt-4-0613", "gpt-4-turbo-preview")
GPT_4_32K_MODELS = ("gpt-4-32k", "gpt-4-32k-0613")
GPT_4_VISION_MODELS = ("gpt-4o",)
GPT_4_128K_MODELS = ("gpt-4-1106-preview", "gpt-4-turbo")
GPT_4O_MODELS = ("gpt-4o", "gpt-4o-mini", "chatgpt-4o-latest")
O_MODELS = ("o1", "o1-mini", "o1-preview")


def default_max_tokens(model):
    if model in GPT_3_MODELS:
        return 1200
    if model in GPT_4_MODELS:
        return 2400
    if model in GPT_3_16K_MODELS:
        return 4800
    if model in GPT_4_32K_MODELS:
        return 9600
    if model in GPT_4_VISION_MODELS + GPT_4_128K_MODELS + GPT_4O_MODELS + O_MODELS:
        return 4096
    raise ValueError(f"unknown model {model}")
"""
FIXED = TUPLES.replace('("gpt-4o",)', '("gpt-4o", "qwen3-vl-plus")').replace(
    '"chatgpt-4o-latest")', '"chatgpt-4o-latest", "qwen4-max")'
)
REJECT = f": code that checks models against them may reject {QWEN}'s models; apply leaves it: "


def test_the_telegram_bots_tuples_fixed_by_hand(registry):
    found, after = migrated(registry, TUPLES, provider="qwen")
    # the vision tuple gains Qwen's model for images, which no other tuple would take (it was
    # told apart by what 'gpt-4o' maps to for text: t49b)
    assert after == TUPLES.replace('("gpt-4o",)', '("gpt-4o", "qwen3-vl-plus")')
    assert [(f[0], f[3]) for f in ml205(found)] == [(n, "warning") for n in range(1, 9)]
    assert [f[0] for f in ml205(found) if f[4] == "review"] == [5]
    gpt_4o, o_models = ml205(found)[6], ml205(found)[7]
    assert gpt_4o[5] == (
        "'gpt-4o', 'gpt-4o-mini', 'chatgpt-4o-latest' in a tuple are OpenAI model ids"
        + REJECT
        + "'gpt-4o' maps to 'qwen4-max', and so does 'gpt-4-1106-preview' of the tuple on line "
        "6, which does not hold 'gpt-4o': with 'qwen4-max' in both, the code could not tell "
        "them apart; change the checks by hand"
    )
    # all three of O_MODELS, `o1` too (it used to name only 'o1-mini', 'o1-preview')
    assert o_models[:2] == (8, 13)
    assert o_models[5] == (
        "'o1', 'o1-mini', 'o1-preview' in a tuple are OpenAI model ids"
        + REJECT
        + "'o1' maps to 'qwen4-max', and so does 'gpt-4o' of the tuple on line 7, which does not "
        "hold 'o1': with 'qwen4-max' in both, the code could not tell them apart; change the "
        "checks by hand"
    )
    # the person adds qwen's model for images to the vision tuple, and the mapped default to
    # GPT_4O_MODELS: the first is silent (it holds what its model maps to), the second a note
    fixed, after = migrated(registry, FIXED, provider="qwen")
    assert after == FIXED
    note = (
        7,
        18,
        "ML205",
        "note",
        "manual",
        "'gpt-4o', 'gpt-4o-mini', 'chatgpt-4o-latest' in a tuple are OpenAI model ids beside "
        f"{QWEN}'s 'qwen4-max', which apply does not add alone: taken as fixed by hand, apply "
        "leaves it; it lacks 'qwen-plus' (from 'gpt-4o-mini'): add it if the code should "
        "accept it too",
    )
    rest = [f for f in ml205(found) if f[0] not in (5, 7)]
    assert ml205(fixed) == sorted([*rest, note])


# --- a short name beside longer ones -----------------------------------------------------------


def _scan(registry, provider: Provider, text: str) -> tuple[list[tuple[int, int, str, str]], str]:
    scanner = FileScanner(RuleContext(registry, provider), Path("."))
    change = scanner.migrate_text(text, "python", "app.py", "app.py", Path("app.py"))
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", Path("app.py"))
    assert again.after == change.after and not again.fixed
    found = [
        (f.line, f.column, f.fix.value, f.message) for f in change.findings if f.rule == "ML205"
    ]
    return found, change.after


def test_a_short_name_beside_a_longer_model_id_is_one_of_the_collections_models(registry):
    provider = bare_provider(models={"o1": "x-big", "o1-mini": "x-small"}, model_patterns=("x-*",))
    found, after = _scan(registry, provider, 'O_MODELS = ("o1", "o1-mini")\n')
    assert found == [
        (
            1,
            13,
            "review",
            "'o1', 'o1-mini' in a tuple are OpenAI model ids: code that checks models against "
            "them may reject X's models; apply adds what they map to ('x-big', 'x-small') beside "
            "them",
        )
    ]
    assert after == 'O_MODELS = ("o1", "o1-mini", "x-big", "x-small")\n'
    # alone, or beside no longer id, a short name is no model
    assert _scan(registry, provider, 'GASES = ("o1", "o3")\n')[0] == []


# --- a family check ----------------------------------------------------------------------------


def test_a_family_check_given_a_part_the_providers_models_match_is_left(registry):
    text = 'def known(model):\n    return model.startswith(("gpt", "acme-l"))\n'
    found, after = migrated(registry, text)
    assert found == [
        (
            2,
            30,
            "ML205",
            "note",
            "manual",
            "'gpt' in .startswith(...) is an OpenAI model-family check beside 'acme-l', which "
            "Acme Cloud's models match: apply leaves it, as fixed by hand; what apply maps "
            "OpenAI's 'gpt' models to does not all match it ('acme-small'): make it accept it "
            "if the program uses it",
        )
    ]
    assert after == text
    # matching all of them: nothing to say
    whole = text.replace('"acme-l"', '"acme"')
    assert migrated(registry, whole) == ([], whole)


def test_a_family_check_widened_by_an_or_counts_as_fixed(registry):
    """Another clause of an `or` that the provider's models pass is read as a tuple's part
    (t47e: `("gpt-4-turbo" in m) or m.startswith("kimi-k2.6")` stayed red); one they do not
    pass keeps the warning."""
    text = 'def known(model):\n    return "gpt" in model or "acme" in model\n'
    assert migrated(registry, text) == ([], text)
    other = text.replace('"acme"', '"claude"')
    found, _ = migrated(registry, other)
    assert [f[3:5] for f in found] == [("warning", "manual")]


# --- check and apply on a project --------------------------------------------------------------

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]


def test_check_passes_once_the_tuple_is_fixed_by_hand(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "models.py"
    text = 'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n\n\ndef known(model):\n    return model in SUPPORTED\n'
    source.write_text(text)
    runner = CliRunner()
    assert runner.invoke(app, ["check", *ACME]).exit_code == 1
    fixed = text.replace('"gpt-4o-mini")', '"gpt-4o-mini", "acme-large")')
    source.write_text(fixed)
    result = runner.invoke(app, ["check", *ACME])
    assert (result.exit_code, result.stdout) == (0, "0 findings for acme in 0 of 1 file\n")
    assert runner.invoke(app, ["check", *ACME, "--fail-on", "note"]).exit_code == 1
    report = json.loads(runner.invoke(app, ["scan", ".", *ACME, "--format", "json"]).stdout)
    [finding] = report["findings"]
    assert {k: finding[k] for k in ("line", "rule", "severity", "fix", "message", "data")} == {
        "line": 1,
        "rule": "ML205",
        "severity": "note",
        "fix": "manual",
        "message": HELD,
        "data": {"models_to": ["acme-small"]},
    }
    assert runner.invoke(app, ["apply", ".", *ACME, "--yes"]).exit_code == 0
    assert source.read_text() == fixed
