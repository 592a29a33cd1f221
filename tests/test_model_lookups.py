"""A model setting that the module looks up in a table keyed by OpenAI model ids (ML204,
`model_lookups`): mapped to a model the table has no entry for, the lookup fails (autogen's
`get_max_token_limit()` raised KeyError), so `apply` leaves it and says which table to extend;
a table that holds the mapped model, a store, or `.get()` with a default changes nothing."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .conftest import ACME_DIR
from .test_model_labels import migrated

LIMITS = (
    'LIMITS = {"gpt-4": 8192, "gpt-3.5-turbo-0613": 4096}\n\n\n'
    'def max_tokens(model: str = "gpt-3.5-turbo-0613") -> int:\n'
    "    return LIMITS[model]\n"
)


def _setting_findings(found):
    return [f for f in found if f[2] == "ML204"]


def test_a_default_looked_up_in_a_table_without_its_mapping_is_left(registry):
    found, after = migrated(registry, LIMITS)
    assert _setting_findings(found) == [
        (
            4,
            29,
            "ML204",
            "warning",
            "manual",
            "default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, but "
            "apply leaves it: LIMITS[model] on line 5 looks it up, and LIMITS has no entry for "
            "'acme-small' (a KeyError once mapped): add one, then change the default, by hand",
        ),
    ]
    assert after == LIMITS
    namespace: dict[str, object] = {}
    exec(after, namespace)
    assert namespace["max_tokens"]() == 4096  # type: ignore[operator]


def test_check_keeps_failing_on_the_default_left_for_the_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tok.py").write_text(LIMITS)
    options = [".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    assert CliRunner().invoke(app, ["apply", *options, "--yes"]).exit_code == 0
    assert (tmp_path / "tok.py").read_text() == LIMITS
    result = CliRunner().invoke(app, ["check", *options, "--format", "json"])
    assert result.exit_code == 1
    assert '"rule": "ML204"' in result.output and "LIMITS has no entry for" in result.output


# autogen 0.2.40's token_count_utils, in our words: a local table, alias fix-ups with re.sub
# before the lookup, and callers whose own defaults reach it positionally
TOKENS = """import re

import tiktoken


def get_max_token_limit(model: str = "gpt-3.5-turbo-0613") -> int:
    model = re.sub(r"^gpt\\-?35", "gpt-3.5", model)
    model = re.sub(r"^gpt4", "gpt-4", model)
    limits = {"gpt-3.5-turbo-0613": 4096, "gpt-4": 8192, "gpt-4o": 128000}
    return limits[model]


def token_left(text: str, model="gpt-3.5-turbo-0613") -> int:
    return get_max_token_limit(model) - len(text)


def percentile_used(text, model="gpt-3.5-turbo-0613"):
    return len(text) / get_max_token_limit(model)


def encode(text, model="gpt-4o"):
    try:
        encoding = tiktoken.encoding_for_model(model)
    except KeyError:
        encoding = tiktoken.get_encoding("cl100k_base")
    return send(encoding.encode(text), model=model)
"""


def test_autogens_token_limits_keep_their_defaults(registry):
    found, after = migrated(registry, TOKENS)
    table = (
        "but apply leaves it: limits[model] on line 10 looks it up, and limits has no entry for "
        "'acme-small' (a KeyError once mapped): add one, then change the default, by hand"
    )
    assert _setting_findings(found) == [
        (
            6,
            38,
            "ML204",
            "warning",
            "manual",
            f"default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, {table}",
        ),
        (
            13,
            33,
            "ML204",
            "warning",
            "manual",
            f"default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, {table}",
        ),
        (
            17,
            33,
            "ML204",
            "warning",
            "manual",
            f"default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, {table}",
        ),
        # no table lookup reads this one: mapped as before
        (
            21,
            24,
            "ML204",
            "warning",
            "review",
            "default of model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        ),
    ]
    assert after == TOKENS.replace('model="gpt-4o"', 'model="acme-large"')


def test_a_table_that_holds_the_mapped_model_or_a_store_changes_nothing(registry):
    held = LIMITS.replace('{"gpt-4": 8192,', '{"gpt-4": 8192, "acme-small": 32000,')
    found, after = migrated(registry, held)
    assert [f[4] for f in _setting_findings(found)] == ["review"]
    assert after == held.replace('model: str = "gpt-3.5-turbo-0613"', 'model: str = "acme-small"')
    stored = LIMITS.replace("return LIMITS[model]", "LIMITS[model] = 4096")
    found, after = migrated(registry, stored)
    assert [f[4] for f in _setting_findings(found)] == ["review"]


def test_get_without_a_default_is_a_lookup_with_one_it_is_not(registry):
    # `.get(model)` hands on None for a model the table lacks; `.get(model, 4096)` is the
    # program's own answer for it
    bare = LIMITS.replace("LIMITS[model]", "LIMITS.get(model)")
    found, after = migrated(registry, bare)
    assert _setting_findings(found)[0][4:] == (
        "manual",
        "default of model = 'gpt-3.5-turbo-0613' maps to 'acme-small' on Acme Cloud, but "
        "apply leaves it: LIMITS.get(model) on line 5 looks it up, and LIMITS has no entry for "
        "'acme-small' (None once mapped): add one, then change the default, by hand",
    )
    assert after == bare
    fallback = LIMITS.replace("LIMITS[model]", "LIMITS.get(model, 4096)")
    found, after = migrated(registry, fallback)
    assert [f[4] for f in _setting_findings(found)] == ["review"]
    assert 'model: str = "acme-small"' in after


def test_a_constant_and_a_request_default_read_by_a_table_are_left(registry):
    # the constant (ML204) and the default a request also sends (ML202) alike
    text = (
        "from openai import OpenAI\n\n"
        'PRICES = {"gpt-4o": 5.0, "gpt-4o-mini": 0.15}\n'
        'DEFAULT = "gpt-4o-mini"\n\n\n'
        'def ask(prompt, model="gpt-4o"):\n'
        "    cost = PRICES[model] * len(prompt)\n"
        "    reply = OpenAI().chat.completions.create(model=model, messages=prompt)\n"
        "    return reply, cost\n\n\n"
        "def price():\n"
        "    return PRICES[DEFAULT]\n"
    )
    found, after = migrated(registry, text)
    assert [f for f in found if f[2] in ("ML202", "ML204")] == [
        (
            4,
            11,
            "ML204",
            "warning",
            "manual",
            "constant DEFAULT = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud, but apply "
            "leaves it: PRICES[DEFAULT] on line 14 looks it up, and PRICES has no entry for "
            "'acme-small' (a KeyError once mapped): add one, then change the constant, by hand",
        ),
        (
            7,
            23,
            "ML202",
            "warning",
            "manual",
            "default of model = 'gpt-4o' (used as model= on line 9) maps to 'acme-large' on "
            "Acme Cloud, but apply leaves it: PRICES[model] on line 8 looks it up, and PRICES "
            "has no entry for 'acme-large' (a KeyError once mapped): add one, then change the "
            "model, by hand",
        ),
    ]
    assert 'PRICES = {"gpt-4o": 5.0' in after and 'DEFAULT = "gpt-4o-mini"' in after
    assert 'def ask(prompt, model="gpt-4o"):' in after
