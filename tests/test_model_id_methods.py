"""A model default read through a str method that keeps a model id as it is (`.lower()`,
`.strip()`: `MODEL_ID_METHODS`) is mapped as it is without the method (ML204, ML202), so that
two defaults of one module cannot disagree at run time; where the method would change the
provider's id (`.lower()` of an id in capitals), it is left to a person with that reason."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.openai_sdk import MODEL_ID_METHODS, through_methods
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .test_fix_truth import assert_fix_truth

MODEL_RULES = {"ML201", "ML202", "ML203", "ML204", "ML205", "ML206"}
# An override that maps to ids in capitals, as some providers' are (`Qwen/Qwen3-8B`).
CAPITALS = {"gpt-4o": "Acme-Large", "gpt-3.5-turbo": "Acme-Small"}

DEFAULTS = (
    "import os\n\n"
    'M1 = os.getenv("LLM_MODEL", os.getenv("OPENAI_API_MODEL", "gpt-3.5-turbo"))\n'
    'M2 = os.getenv("LLM_MODEL", "gpt-3.5-turbo").lower()\n'
    'LLM_MODEL = "gpt-3.5-turbo"\n'
)

REQUESTS = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
    "def ask(q):\n"
    '    model = os.getenv("LLM_MODEL", "gpt-4o").strip().lower()\n'
    "    return client.chat.completions.create(model=model, messages=q)\n\n\n"
    "def plain(q):\n"
    '    return client.chat.completions.create(model=os.getenv("M", "gpt-4o").lower(), messages=q)\n'
)


def context(registry, models=None):
    return RuleContext(registry, registry.get("acme"), models=dict(models or {}))


def found(registry, text, models=None):
    """(line, rule, fix, message, data) of the model findings."""
    findings = check_python(text, context(registry, models), PYTHON_RULES)
    return [
        (f.line, f.rule, f.fix.value, f.message, f.data)
        for f in findings
        if f.rule in MODEL_RULES and f.rule != "ML203"
    ]


def applied(registry, text, models=None):
    """The text once the model rules' edits are made; a second run edits nothing, and the
    fix classes say exactly which findings were rewritten."""
    ctx = context(registry, models)
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in MODEL_RULES]
    after, _ = migrate_text(text, "python", "app.py", findings)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule in MODEL_RULES]
    assert [f for f in again if f.edit is not None] == []
    rewritten = {(f.line, f.column) for f in findings if f.fix.rewritten}
    assert rewritten == {(f.line, f.column) for f in findings if f.edit is not None}
    return after


def test_a_lowered_env_default_is_mapped_as_the_others_of_the_module(registry):
    assert found(registry, DEFAULTS) == [
        (
            3,
            "ML204",
            "review",
            "env default 'gpt-3.5-turbo' of constant M1 maps to 'acme-small' on Acme Cloud",
            {"model_from": "gpt-3.5-turbo", "model_to": "acme-small"},
        ),
        (
            4,
            "ML204",
            "review",
            "env default 'gpt-3.5-turbo' of constant M2 maps to 'acme-small' on Acme Cloud",
            {"model_from": "gpt-3.5-turbo", "model_to": "acme-small"},
        ),
        (
            5,
            "ML204",
            "review",
            "constant LLM_MODEL = 'gpt-3.5-turbo' maps to 'acme-small' on Acme Cloud",
            {"model_from": "gpt-3.5-turbo", "model_to": "acme-small"},
        ),
    ]
    assert applied(registry, DEFAULTS) == DEFAULTS.replace("gpt-3.5-turbo", "acme-small")


def test_methods_chained_and_at_model_are_followed(registry):
    """`.strip().lower()` on a variable's default (ML204), `.lower()` on a lookup written at
    `model=` (ML202, as without it: no ML205 for the same literal)."""
    assert [f[:3] for f in found(registry, REQUESTS)] == [
        (9, "ML204", "review"),
        (14, "ML202", "review"),
    ]
    assert applied(registry, REQUESTS) == (
        "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ask(q):\n"
        '    model = os.getenv("LLM_MODEL", "acme-large").strip().lower()\n'
        "    return client.chat.completions.create(model=model, messages=q)\n\n\n"
        "def plain(q):\n"
        "    return client.chat.completions.create(\n"
        '        model=os.getenv("M", "acme-large").lower(), messages=q\n'
        "    )\n"
    )


def test_a_method_that_would_change_the_provider_id_leaves_it_to_you(registry):
    """Mapped to `Acme-Small`, `.lower()` would send `acme-small`: manual, with the reason;
    the defaults read without a method are still mapped."""
    assert found(registry, DEFAULTS, CAPITALS)[1] == (
        4,
        "ML204",
        "manual",
        "env default 'gpt-3.5-turbo' of constant M2 maps to 'Acme-Small' on Acme Cloud, but "
        "the .lower() after it would send 'acme-small' instead: change it by hand",
        {"model_from": "gpt-3.5-turbo"},
    )
    assert applied(registry, DEFAULTS, CAPITALS) == (
        "import os\n\n"
        'M1 = os.getenv("LLM_MODEL", os.getenv("OPENAI_API_MODEL", "Acme-Small"))\n'
        'M2 = os.getenv("LLM_MODEL", "gpt-3.5-turbo").lower()\n'
        'LLM_MODEL = "Acme-Small"\n'
    )
    assert [f[2:4] for f in found(registry, REQUESTS, CAPITALS)] == [
        (
            "manual",
            "env default 'gpt-4o' of variable model maps to 'Acme-Large' on Acme Cloud, but the "
            ".strip().lower() after it would send 'acme-large' instead: change it by hand",
        ),
        (
            "manual",
            "env default 'gpt-4o' (used as model= on line 14) maps to 'Acme-Large' on Acme "
            "Cloud, but the .lower() after it would send 'acme-large' instead: change it by hand",
        ),
    ]
    assert applied(registry, REQUESTS, CAPITALS) == REQUESTS


@pytest.mark.parametrize("call", [".upper()", '.strip("-")', ".title()", ".split()"])
def test_other_methods_keep_the_default_a_model_in_an_expression(registry, call):
    """`.upper()` turns an OpenAI id into none, and a method given arguments may change it."""
    text = f'import os\n\nM = os.getenv("LLM_MODEL", "gpt-4o"){call}\n'
    assert [f[1:3] for f in found(registry, text)] == [("ML205", "manual")]
    assert applied(registry, text) == text


def test_the_methods_keep_an_openai_id_as_it_is():
    """The table holds only methods that give back an OpenAI model id unchanged."""
    for model in ("gpt-4o", "gpt-3.5-turbo-0125", "text-embedding-3-small", "o3-mini"):
        for method in MODEL_ID_METHODS:
            assert through_methods(model, (method,)) == model
    assert through_methods("Qwen/Qwen3-8B", ("strip", "lower")) == "qwen/qwen3-8b"


def test_scan_matches_apply(registry, tmp_path):
    from migrate_llm.engine import FileScanner

    for models in ({}, CAPITALS):
        scanner = FileScanner(context(registry, models), tmp_path)
        for text in (DEFAULTS, REQUESTS):
            assert_fix_truth(scanner.migrate_text(text, "python", "app.py", "app.py"), text)
