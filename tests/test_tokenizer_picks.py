"""A test on a model that only picks how tiktoken counts (gpt-engineer's `Tokenizer`:
`encoding_for_model(m) if "gpt-4" in m or "gpt-3.5" in m else get_encoding("cl100k_base")`):
only OpenAI's names take the lookup, the provider's models the fixed encoding, which is what
the test is for. ML205 reports no check there and apply widens nothing (made to pass,
`encoding_for_model("deepseek-v4-pro")` raises KeyError); ML207 reports no lookup there."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

RULES = ("ML204", "ML205", "ML207")
HEAD = "import tiktoken\nfrom langchain_text_splitters import TokenTextSplitter\n\n\n"
LOOKUP = "tiktoken.encoding_for_model(model)"
FIXED = 'tiktoken.get_encoding("cl100k_base")'


def found(registry, text):
    """(line, rule, fix, message) of the model rules' findings (lines within `text`, after
    HEAD), and HEAD + `text` after their edits."""
    ctx = RuleContext(registry, registry.get("acme"))
    offset = HEAD.count("\n")
    findings = [f for f in check_python(HEAD + text, ctx, PYTHON_RULES) if f.rule in RULES]
    after, _ = migrate_text(HEAD + text, "python", "app.py", findings)
    shown = [(f.line - offset, f.rule, f.fix.value, f.message) for f in findings]
    return shown, after


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f'def enc(model):\n    return {LOOKUP} if "gpt-4" in model else {FIXED}\n',
            id="substring",
        ),
        pytest.param(
            "class Tokenizer:\n    def __init__(self, model_name):\n"
            "        self.enc = (\n"
            "            tiktoken.encoding_for_model(model_name)\n"
            '            if "gpt-4" in model_name or "gpt-3.5" in model_name\n'
            f"            else {FIXED}\n        )\n",
            id="gpt-engineer",
        ),
        pytest.param(
            f'def enc(model):\n    return {FIXED} if "gpt-4" not in model else {LOOKUP}\n',
            id="not-in-the-other-way-round",
        ),
        pytest.param(
            'def enc(model):\n    if model.startswith("gpt"):\n'
            f"        enc = {LOOKUP}\n    else:\n        enc = {FIXED}\n    return enc\n",
            id="if-else-statement",
        ),
        pytest.param(
            f'def enc(model):\n    if model.startswith("gpt"):\n        return {LOOKUP}\n'
            f"    return {FIXED}\n",
            id="early-return",
        ),
        pytest.param(
            f'def enc(model):\n    if "gpt-4" not in model:\n        return {FIXED}\n'
            f"    return {LOOKUP}\n",
            id="early-return-of-the-fixed-one",
        ),
        pytest.param(
            f"def enc(model):\n    return {LOOKUP} if model == 'gpt-4o' else {FIXED}\n",
            id="comparison",
        ),
        pytest.param(
            f'def enc(model):\n    return {LOOKUP} if model in ("gpt-4o", "gpt-4") else {FIXED}\n',
            id="membership",
        ),
        pytest.param(
            'OPENAI_MODELS = ["gpt-4o", "gpt-4"]\n\n\n'
            f"def enc(model):\n    return {LOOKUP} if model in OPENAI_MODELS else {FIXED}\n",
            id="a-list-only-such-tests-read",
        ),
        pytest.param(
            "def split(model):\n    return (\n        TokenTextSplitter(model_name=model)\n"
            '        if model.startswith("gpt-4")\n'
            '        else TokenTextSplitter(encoding_name="cl100k_base")\n    )\n',
            id="a-frameworks-tokenizer",
        ),
    ],
)
def test_a_test_that_only_picks_the_tokenizer_is_not_reported(registry, text):
    assert found(registry, text) == ([], HEAD + text)


def test_check_fails_on_the_trial_repro_only_for_the_download(tmp_path):
    # nothing of the model check is left; the fixed load that runs after the switch downloads
    # from OpenAI's host (ML208, t58c D1), until the project says where the files are
    (tmp_path / "app.py").write_text(
        "import tiktoken\n\n\ndef enc(m):\n"
        '    return tiktoken.encoding_for_model(m) if "gpt-4" in m else '
        'tiktoken.get_encoding("cl100k_base")\n'
    )
    options = [str(tmp_path), "--provider", "deepseek", "--no-cache", "--format", "json"]
    checked = CliRunner().invoke(app, ["check", *options])
    assert checked.exit_code == 1, checked.output
    found = json.loads(checked.stdout)["findings"]
    assert [(f["rule"], f["line"], f["column"], f["severity"]) for f in found] == [
        ("ML208", 5, 64, "warning")
    ]
    (tmp_path / ".env").write_text("TIKTOKEN_CACHE_DIR=/opt/app/tiktoken\n")
    checked = CliRunner().invoke(app, ["check", *options])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["findings"] == []


FAMILY = (
    "'gpt-4' in ... is an OpenAI model-family check: what apply maps OpenAI's 'gpt-4' models "
    "to ('acme-large', 'acme-small') never matches it, so the program's 'gpt-4' models fail "
    "it once mapped; make it accept Acme Cloud's models by hand"
)
KEY_ERROR = (
    "tiktoken.encoding_for_model() gets the model at run time: after the switch it names an "
    "Acme Cloud model, which tiktoken does not know (KeyError); catch KeyError and fall back "
    'to tiktoken.get_encoding("o200k_base"), by hand (counting with it alone would ignore model)'
)


def test_a_lookup_the_providers_models_take_keeps_both_findings(registry):
    # the provider's models fail the test and reach the lookup: the check is to change
    text = f'def enc(model):\n    return {FIXED} if "gpt-4" in model else {LOOKUP}\n'
    assert found(registry, text) == (
        [(2, "ML205", "manual", FAMILY), (2, "ML207", "manual", KEY_ERROR)],
        HEAD + text,
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f'def enc(model):\n    return {LOOKUP} if "gpt-4" in model else None\n',
            id="no-fixed-encoding",
        ),
        pytest.param(
            'def enc(model):\n    if "gpt-4" in model:\n'
            f'        enc = {LOOKUP}\n        print("exact")\n    else:\n        enc = {FIXED}\n'
            "    return enc\n",
            id="a-branch-doing-more",
        ),
        pytest.param(
            f'def enc(model):\n    if "gpt-4" in model:\n        enc = {LOOKUP}\n'
            f"    else:\n        other = {FIXED}\n",
            id="two-targets",
        ),
    ],
)
def test_a_branch_that_does_more_than_pick_keeps_the_check(registry, text):
    # ML207 leaves the lookup only OpenAI's names reach; the test may decide more than it
    assert found(registry, text) == ([(2, "ML205", "manual", FAMILY)], HEAD + text)


def test_a_list_another_test_reads_is_still_widened(registry):
    text = (
        'OPENAI_MODELS = ["gpt-4o"]\n\n\n'
        f"def enc(model):\n    return {LOOKUP} if model in OPENAI_MODELS else {FIXED}\n\n\n"
        "def allowed(model):\n    return model in OPENAI_MODELS\n"
    )
    findings, after = found(registry, text)
    assert findings == [
        (
            1,
            "ML205",
            "review",
            "'gpt-4o' in a list is an OpenAI model id: code that checks models against it may "
            "reject Acme Cloud's models; apply adds what it maps to ('acme-large') beside it",
        )
    ]
    assert '\nOPENAI_MODELS = ["gpt-4o", "acme-large"]\n' in after


def test_a_comparison_guarding_a_lookup_alone_is_still_widened(registry):
    # no fixed encoding beside it: apply widens it, so the mapped model reaches tiktoken
    text = f'def enc(model):\n    if model == "gpt-4o":\n        return {LOOKUP}\n'
    findings, after = found(registry, text)
    assert [f[:3] for f in findings] == [(2, "ML205", "review"), (3, "ML207", "manual")]
    assert '\n    if model in ("gpt-4o", "acme-large"):\n' in after


def test_a_token_counters_default_such_a_test_reads_stays_openais(registry):
    text = (
        'def count(text, model="gpt-4o"):\n    if model.startswith("gpt"):\n'
        f"        enc = {LOOKUP}\n    else:\n        enc = {FIXED}\n"
        "    return len(enc.encode(text))\n"
    )
    assert found(registry, text) == (
        [
            (
                1,
                "ML204",
                "none",
                "default of model = 'gpt-4o' (tiktoken.encoding_for_model() on line 7 reads "
                "it): a token counter's model, which no request of the module sends; apply "
                "leaves it OpenAI's, which tiktoken knows",
            )
        ],
        HEAD + text,
    )
