"""OpenAI model ids wherever they are: settings `apply` maps (ML204), model checks and tables
left for a person (ML205), models given to other libraries (ML206), exact ids, the prefilter."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, migrate_text
from migrate_llm.prefilter import prefilters
from migrate_llm.registry import Provider
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.suppress import apply_suppressions

from .conftest import bare_provider

MODEL_RULES = {"ML201", "ML202", "ML203", "ML204", "ML205", "ML206"}


def found(registry, text, provider="acme"):
    """(line, column, rule, fix, message) of the model findings."""
    ctx = RuleContext(registry, registry.get(provider) if provider else None)
    return [
        (f.line, f.column, f.rule, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in MODEL_RULES
    ]


def applied(registry, text, provider="acme"):
    """The text after `apply` makes the model rules' edits; a second run must edit nothing."""
    ctx = RuleContext(registry, registry.get(provider))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule in MODEL_RULES]
    after, _ = migrate_text(text, "python", "app.py", findings)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule in MODEL_RULES]
    assert [f for f in again if f.edit is not None] == []
    return after


# --- settings that apply maps (ML204) ----------------------------------------------------------

SETTINGS = [
    pytest.param(
        'def chat(messages, model="gpt-4-turbo"):\n    return send(messages, model)\n',
        'def chat(messages, model="acme-large"):\n    return send(messages, model)\n',
        [
            (
                1,
                26,
                "ML204",
                "review",
                "default of model = 'gpt-4-turbo' maps to 'acme-large' on Acme Cloud",
            )
        ],
        id="parameter-named-like-a-model",
    ),
    pytest.param(
        "class Bot:\n    def ask(self, q, llm_model='gpt-4o-2024-08-06', embed_model='text-embedding-3-small'):\n"
        "        return q\n",
        "class Bot:\n    def ask(self, q, llm_model='acme-large', embed_model='acme-embed'):\n"
        "        return q\n",
        [
            (
                2,
                32,
                "ML204",
                "review",
                "default of llm_model = 'gpt-4o-2024-08-06' maps to 'acme-large' on Acme Cloud",
            ),
            (
                2,
                65,
                "ML204",
                "review",
                "default of embed_model = 'text-embedding-3-small' maps to 'acme-embed' on Acme Cloud",
            ),
        ],
        id="method-defaults-dated-snapshot",
    ),
    pytest.param(
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ask(q, model):\n    return client.chat.completions.create(model=model, messages=q)\n\n\n"
        'ask([], model="gpt-4o")\nask([], "gpt-3.5-turbo-16k-0613")\n',
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        "def ask(q, model):\n    return client.chat.completions.create(model=model, messages=q)\n\n\n"
        'ask([], model="acme-large")\nask([], "acme-small")\n',
        [
            (
                7,
                49,
                "ML203",
                "manual",
                "model comes from `model` at run time; make sure it names an Acme Cloud model (acme-large, acme-medium, acme-small)",
            ),
            (
                10,
                15,
                "ML204",
                "review",
                "argument model of ask() = 'gpt-4o' (sent as model= on line 7) maps to 'acme-large' on Acme Cloud",
            ),
            (
                11,
                9,
                "ML204",
                "review",
                "argument 2 of ask() = 'gpt-3.5-turbo-16k-0613' (sent as model= on line 7) maps to 'acme-small' on Acme Cloud",
            ),
        ],
        id="arguments-of-a-function-that-sends-model",
    ),
    pytest.param(
        "from dataclasses import dataclass, field\n\n\n@dataclass\nclass Settings:\n"
        '    model: str = "gpt-4o"\n    embedder: str = field(default="text-embedding-3-small")\n',
        "from dataclasses import dataclass, field\n\n\n@dataclass\nclass Settings:\n"
        '    model: str = "acme-large"\n    embedder: str = field(default="acme-embed")\n',
        [
            (
                6,
                18,
                "ML204",
                "review",
                "attribute Settings.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            ),
            (
                7,
                35,
                "ML204",
                "review",
                "field Settings.embedder = 'text-embedding-3-small' maps to 'acme-embed' on Acme Cloud",
            ),
        ],
        id="dataclass-attribute-and-field",
    ),
    pytest.param(
        "from pydantic import BaseModel, Field\n\n\nclass Config(BaseModel):\n"
        '    model: str = Field(default="gpt-4o-mini")\n    fallback: str = Field("gpt-4")\n',
        "from pydantic import BaseModel, Field\n\n\nclass Config(BaseModel):\n"
        '    model: str = Field(default="acme-small")\n    fallback: str = Field("acme-large")\n',
        [
            (
                5,
                32,
                "ML204",
                "review",
                "field Config.model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            ),
            (
                6,
                27,
                "ML204",
                "review",
                "field Config.fallback = 'gpt-4' maps to 'acme-large' on Acme Cloud",
            ),
        ],
        id="pydantic-fields",
    ),
    pytest.param(
        'import attr\n\n\n@attr.s\nclass Job:\n    model = attr.ib(default="gpt-4o")\n',
        'import attr\n\n\n@attr.s\nclass Job:\n    model = attr.ib(default="acme-large")\n',
        [
            (
                6,
                29,
                "ML204",
                "review",
                "field Job.model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            )
        ],
        id="attrs-field",
    ),
    pytest.param(
        "class Agent:\n    def __init__(self, model=None):\n"
        '        self.model = model or "gpt-4o-mini"\n',
        "class Agent:\n    def __init__(self, model=None):\n"
        '        self.model = model or "acme-small"\n',
        [
            (
                3,
                31,
                "ML204",
                "review",
                "attribute self.model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            )
        ],
        id="instance-attribute-fallback",
    ),
    pytest.param(
        "import os\n\n"
        'PARAMS = {"model": os.getenv("LLM_MODEL", "gpt-4o-mini"), "temperature": 0}\n'
        'EMBED = dict(model="text-embedding-ada-002")\n',
        "import os\n\n"
        'PARAMS = {"model": os.getenv("LLM_MODEL", "acme-small"), "temperature": 0}\n'
        'EMBED = dict(model="acme-embed")\n',
        [
            (
                3,
                43,
                "ML204",
                "review",
                "env default 'gpt-4o-mini' of entry 'model' maps to 'acme-small' on Acme Cloud",
            ),
            (
                4,
                20,
                "ML204",
                "review",
                "entry 'model' = 'text-embedding-ada-002' maps to 'acme-embed' on Acme Cloud",
            ),
        ],
        id="dict-entries-and-env-default",
    ),
    pytest.param(
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'kwargs = {"model": "gpt-4o", "messages": []}\n'
        'kwargs["model"] = "gpt-4"\n'
        'model = kwargs.get("model", "gpt-4o-mini")\n'
        "client.chat.completions.create(**kwargs)\n",
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'kwargs = {"model": "acme-large", "messages": []}\n'
        'kwargs["model"] = "acme-large"\n'
        'model = kwargs.get("model", "acme-small")\n'
        "client.chat.completions.create(**kwargs)\n",
        [
            (
                4,
                20,
                "ML204",
                "review",
                "entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            ),
            (
                5,
                19,
                "ML204",
                "review",
                "entry 'model' = 'gpt-4' maps to 'acme-large' on Acme Cloud",
            ),
            (
                6,
                29,
                "ML204",
                "review",
                "default of entry 'model' = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            ),
        ],
        id="dict-spread-into-a-call",
    ),
    pytest.param(
        "import argparse\n\np = argparse.ArgumentParser()\n"
        'p.add_argument("--model", default="gpt-4o", choices=["gpt-4o", "o3-mini"])\n',
        "import argparse\n\np = argparse.ArgumentParser()\n"
        'p.add_argument("--model", default="acme-large", choices=["acme-large", "o3-mini"])\n',
        [
            (
                4,
                35,
                "ML204",
                "review",
                "default of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            ),
            (
                4,
                54,
                "ML204",
                "review",
                "choice of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            ),
            (
                4,
                64,
                "ML204",
                "manual",
                "Acme Cloud has no mapping for choice of option --model = 'o3-mini'; choose one of acme-large, acme-medium, acme-small (or pass --model o3-mini=NAME)",
            ),
        ],
        id="argparse-default-and-choices",
    ),
    pytest.param(
        "import click\n\n\n"
        '@click.option("--model", default="gpt-4o", type=click.Choice(["gpt-4o-mini"]))\n'
        "def main(model):\n    pass\n",
        "import click\n\n\n"
        '@click.option("--model", default="acme-large", type=click.Choice(["acme-small"]))\n'
        "def main(model):\n    pass\n",
        [
            (
                4,
                34,
                "ML204",
                "review",
                "default of option --model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            ),
            (
                4,
                63,
                "ML204",
                "review",
                "choice of option --model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            ),
        ],
        id="click-option-and-choice",
    ),
    pytest.param(
        'import typer\n\n\ndef main(llm: str = typer.Option("gpt-4o", "--llm")):\n    pass\n',
        'import typer\n\n\ndef main(llm: str = typer.Option("acme-large", "--llm")):\n    pass\n',
        [
            (
                4,
                34,
                "ML204",
                "review",
                "default of option --llm = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            )
        ],
        id="typer-option",
    ),
    pytest.param(
        '"""Settings shared by the app."""\n\nDEFAULT_MODEL = "gpt-4o"\nFAST = \'gpt-4o-mini\'\n',
        '"""Settings shared by the app."""\n\nDEFAULT_MODEL = "acme-large"\nFAST = \'acme-small\'\n',
        [
            (
                3,
                17,
                "ML204",
                "review",
                "constant DEFAULT_MODEL = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
            ),
            (
                4,
                8,
                "ML204",
                "review",
                "constant FAST = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud",
            ),
        ],
        id="module-constants-used-elsewhere",
    ),
]


@pytest.mark.parametrize(("before", "after", "expected"), SETTINGS)
def test_model_settings_are_mapped_in_place(registry, before, after, expected):
    assert found(registry, before) == expected
    assert applied(registry, before) == after


def test_unmapped_setting_is_left_for_a_person(registry):
    text = 'class Job:\n    model = "o1"\n'
    assert found(registry, text) == [
        (
            2,
            13,
            "ML204",
            "manual",
            "Acme Cloud has no mapping for attribute Job.model = 'o1'; "
            "choose one of acme-large, acme-medium, acme-small (or pass --model o1=NAME)",
        ),
    ]
    assert applied(registry, text) == text


def test_a_literal_apply_cannot_rewrite_is_manual(registry):
    text = 'MODEL = "gpt-" "4o"\nOTHER = "gpt-4o"\n'
    assert [(r, fix) for _, _, r, fix, _ in found(registry, text)] == [("ML204", "review")]
    text = 'from openai import OpenAI\nc = OpenAI()\nM = "gpt-" "4o"\n' + (
        "c.chat.completions.create(model=M, messages=[])\n"
    )
    assert [(r, fix) for _, _, r, fix, _ in found(registry, text)] == [("ML202", "manual")]


def test_without_a_provider_settings_say_what_they_are(registry):
    assert found(registry, 'MODEL = "gpt-4o"\n', provider=None) == [
        (
            1,
            9,
            "ML204",
            "review",
            "constant MODEL = 'gpt-4o' is an OpenAI model; `--provider ID` shows its replacement",
        ),
    ]


def test_short_names_count_only_under_a_model_name(registry):
    text = 'NAMES = ["ada", "bob"]\nwho = "ada"\nOZONE = "o3"\nengine = "davinci"\n'
    assert found(registry, text) == [
        (
            4,
            10,
            "ML204",
            "manual",
            "Acme Cloud has no mapping for constant engine = 'davinci'; "
            "choose one of acme-large, acme-medium, acme-small (or pass --model davinci=NAME)",
        ),
    ]


def test_one_finding_per_literal(registry):
    text = (
        "from openai import OpenAI\n\nMODEL = 'gpt-4o'\nclient = OpenAI()\n\n\n"
        "def ask(q, model='gpt-4o-mini'):\n"
        "    return client.chat.completions.create(model=model, messages=q)\n\n\n"
        "client.chat.completions.create(model=MODEL, messages=[])\n"
        "client.chat.completions.create(model='gpt-4', messages=[])\n"
        "ask([], model='gpt-4')\n"
    )
    assert [(line, col, rule) for line, col, rule, _, _ in found(registry, text)] == [
        (3, 9, "ML202"),
        (7, 18, "ML202"),
        (12, 38, "ML201"),
        (13, 15, "ML204"),
    ]


# --- model strings elsewhere (ML205) -----------------------------------------------------------

REJECT = "code that checks models against it may reject Acme Cloud's models; add them or change the check by hand"
FAMILY = "is an OpenAI model-family check: Acme Cloud's model names never match it; change the check by hand"
TABLE = "of a table keyed by OpenAI model (such as token limits): lookups with Acme Cloud's model names miss it; add entries for them by hand"


def test_a_program_whose_model_choices_are_mapped_still_takes_its_branches(registry):
    # the options apply maps (ML204) reach comparisons with the old names, which would all
    # fail: each comparison with one model accepts the mapped one as well
    text = (
        "import argparse\n\n\n"
        "def usage(backend, tokens):\n"
        '    if backend == "gpt-4o":\n'
        "        cost = tokens * 5\n"
        '    elif "gpt-4o-mini" == backend:\n'
        "        cost = tokens\n"
        '    if backend != "gpt-4o" and backend.startswith("gpt-4o"):\n'
        "        cost = 0\n"
        "    return cost\n\n\n"
        "parser = argparse.ArgumentParser()\n"
        'parser.add_argument("--backend", choices=["gpt-4o", "gpt-4o-mini"], default="gpt-4o")\n'
        'print(usage(parser.parse_args().backend, 10), "gpt-4o" == "x" == "y")\n'
        'assert "gpt-4o" != "gpt-4o-mini"\n'
    )
    after = applied(registry, text)
    assert after == (
        "import argparse\n\n\n"
        "def usage(backend, tokens):\n"
        '    if backend in ("gpt-4o", "acme-large"):\n'
        "        cost = tokens * 5\n"
        '    elif backend in ("gpt-4o-mini", "acme-small"):\n'
        "        cost = tokens\n"
        '    if backend not in ("gpt-4o", "acme-large") and backend.startswith("gpt-4o"):\n'
        "        cost = 0\n"
        "    return cost\n\n\n"
        "parser = argparse.ArgumentParser()\n"
        "parser.add_argument(\n"
        '    "--backend", choices=["acme-large", "acme-small"], default="acme-large"\n'
        ")\n"
        'print(usage(parser.parse_args().backend, 10), "gpt-4o" == "x" == "y")\n'
        'assert "gpt-4o" != "gpt-4o-mini"\n'
    )
    # what is left for a person: the family check, a chained comparison, two literals
    assert [(line, rule, fix) for line, _, rule, fix, _ in found(registry, after)] == [
        (9, "ML205", "manual"),
        (18, "ML205", "manual"),
        (19, "ML205", "manual"),
        (19, "ML205", "manual"),
    ]


# open_deep_research's MODEL_TOKEN_LIMITS (408da44), cut down: OpenAI keys among others
TOKEN_LIMITS = (
    "MODEL_TOKEN_LIMITS = {\n"
    '    "openai:gpt-4.1-mini": 1047576,\n'
    '    "openai:gpt-4.1": 1047576,\n'
    '    "anthropic:claude-sonnet-4": 200000,\n'
    '    "openai:o3": 200000,\n'
    "}\n"
    'PRICES = {"gpt-4o": 5, "gpt-4o-mini": 1}\n\n\n'
    "def limit(model):\n"
    "    return MODEL_TOKEN_LIMITS.get(model)\n"
)


def test_a_table_keyed_by_openai_models_is_one_finding_naming_its_keys(registry):
    """t47f: one finding a key (11 for one missing pair of rows) becomes one a table, at its
    dict display, with the same fix (manual); a second table has its own."""
    ctx = RuleContext(registry, registry.get("deepseek"))
    findings = [f for f in check_python(TOKEN_LIMITS, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert [
        (f.line, f.column, f.end_line, f.severity.value, f.fix.value, f.message, f.data)
        for f in findings
    ] == [
        (
            1,
            22,
            6,
            "warning",
            "manual",
            "'openai:gpt-4.1-mini', 'openai:gpt-4.1', 'openai:o3' are dict keys of a table keyed "
            "by OpenAI model (such as token limits): lookups with DeepSeek's model names miss "
            "them; add entries for them by hand",
            {"keys": ["openai:gpt-4.1-mini", "openai:gpt-4.1", "openai:o3"]},
        ),
        (
            7,
            10,
            7,
            "warning",
            "manual",
            "'gpt-4o', 'gpt-4o-mini' are dict keys of a table keyed by OpenAI model (such as "
            "token limits): lookups with DeepSeek's model names miss them; add entries for them "
            "by hand",
            {"keys": ["gpt-4o", "gpt-4o-mini"]},
        ),
    ]
    assert all(f.edit is None for f in findings)


def test_a_table_with_the_providers_rows_is_still_one_note(registry):
    """Following the advice: rows for the provider's models make the table a note (check
    passes), as before."""
    text = TOKEN_LIMITS.replace(
        '    "openai:o3": 200000,\n',
        '    "openai:o3": 200000,\n    "deepseek:deepseek-flash": 1,\n',
    ).replace('"gpt-4o-mini": 1}', '"gpt-4o-mini": 1, "deepseek-flash": 1}')
    ctx = RuleContext(registry, registry.get("deepseek"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert [(f.line, f.column, f.severity.value, f.fix.value) for f in findings] == [
        (2, 5, "note", "none"),
        (8, 11, "note", "none"),
    ]


def test_a_table_can_be_suppressed_on_its_first_line(registry):
    text = TOKEN_LIMITS.replace("{\n", "{  # migrate-llm: ignore[ML205]\n", 1)
    ctx = RuleContext(registry, registry.get("deepseek"))
    kept, _ = apply_suppressions(check_python(text, ctx, PYTHON_RULES), text)
    assert [f.line for f in kept if f.rule == "ML205"] == [7]


def test_model_lists_checks_and_tables_are_manual_a_tuple_review(registry):
    text = (
        "from typing import Literal\n\n"
        'SUPPORTED = ("gpt-4o", "gpt-4o-mini")\n'
        'Model = Literal["gpt-4"]\n'
        'LIMITS = {"gpt-4-32k": 32768}\n'
        'PREFIX = "gpt-4"\n\n\n'
        "def check(model):\n"
        '    if model.startswith(("o1", "gpt-")) or model.startswith(PREFIX):\n'
        "        return LIMITS[model]\n"
        '    if model == "gpt-3.5-turbo" or "gpt-3.5" in model:\n'
        "        return 4096\n"
        '    return LIMITS["gpt-4o"]\n'
    )
    assert found(registry, text) == [
        (
            3,
            14,
            "ML205",
            "review",
            "'gpt-4o', 'gpt-4o-mini' in a tuple are OpenAI model ids: code that checks models "
            "against them may reject Acme Cloud's models; apply adds what they map to "
            "('acme-large', 'acme-small') beside them",
        ),
        (
            4,
            17,
            "ML205",
            "manual",
            f"'gpt-4' in a Literal[...] type is an OpenAI model id: {REJECT}",
        ),
        (5, 10, "ML205", "manual", f"'gpt-4-32k' is a dict key {TABLE}"),
        (
            6,
            10,
            "ML205",
            "manual",
            f"constant PREFIX = 'gpt-4' (used as a prefix on line 10) {FAMILY}",
        ),
        (10, 26, "ML205", "manual", f"'o1' in .startswith(...) {FAMILY}"),
        (
            10,
            32,
            "ML205",
            "manual",
            "'gpt-' in .startswith(...) is an OpenAI model-family check: Acme Cloud's model "
            "names never match it, and apply adds 'acme-large', 'acme-small' to the tuple on "
            "line 3; change the check by hand",
        ),
        (
            12,
            17,
            "ML205",
            "manual",
            "comparison with OpenAI model 'gpt-3.5-turbo': Acme Cloud's model names never equal "
            "it; apply leaves it: 'gpt-4o-mini', which this module names too, maps to "
            "'acme-small' as well, so accepting 'acme-small' here would send that model down "
            "this branch; change the check by hand",
        ),
        (
            12,
            36,
            "ML205",
            "manual",
            "'gpt-3.5' in ... is an OpenAI model-family check: what apply maps OpenAI's "
            "'gpt-3.5' models to ('acme-small') never matches it, so the program's 'gpt-3.5' "
            "models fail it once mapped; make it accept Acme Cloud's models by hand",
        ),
        (14, 19, "ML205", "manual", f"'gpt-4o' is a lookup key {TABLE}"),
    ]
    after = text.replace('"gpt-4o-mini")', '"gpt-4o-mini", "acme-large", "acme-small")')
    assert applied(registry, text) == after


def test_other_uses_of_a_model_id_are_manual(registry):
    text = 'def f(prefix="gpt-4"):\n    print("gpt-4o")\n    return "o3-mini"\n'
    tail = "is an OpenAI model id: if it reaches a request or a model check, Acme Cloud will not know it; change it by hand"
    assert found(registry, text) == [
        (1, 14, "ML205", "manual", f"'gpt-4' (the default of parameter prefix) {tail}"),
        (2, 11, "ML205", "manual", f"'gpt-4o' (passed to print()) {tail}"),
        (3, 12, "ML205", "manual", f"'o3-mini' (returned) {tail}"),
    ]


def test_a_long_model_list_is_one_finding(registry):
    names = ["gpt-4o", "gpt-4o-mini", "gpt-4", "o3-mini", "gpt-3.5-turbo"]
    text = f"MODELS = {names!r}\n"
    assert found(registry, text) == [
        (
            1,
            11,
            "ML205",
            "review",
            "'gpt-4o', 'gpt-4o-mini', 'gpt-4' and 2 more in a list are OpenAI model ids: code "
            "that checks models against them may reject Acme Cloud's models; apply adds what "
            "they map to ('acme-large', 'acme-small') beside them",
        ),
    ]


def test_enum_of_models_is_a_collection(registry):
    text = 'from enum import Enum\n\n\nclass Model(str, Enum):\n    GPT4O = "gpt-4o"\n'
    assert found(registry, text) == [
        (5, 13, "ML205", "manual", f"'gpt-4o' in the enum Model is an OpenAI model id: {REJECT}"),
    ]


REJECT_THEM = "code that checks models against them may reject Acme Cloud's models"


def test_an_enum_through_a_base_of_the_module_is_a_collection(registry):
    """`ChatModel(ModelName)` with `ModelName(str, Enum)`: mapped, both members became one
    provider model and `ChatModel.BIG is ChatModel.SMALL`."""
    text = (
        "from enum import Enum\n\n\nclass ModelName(str, Enum):\n    pass\n\n\n"
        'class Base(ModelName):\n    pass\n\n\nclass ChatModel(Base):\n    SMALL = "gpt-4o-mini"\n'
        '    BIG = "gpt-4o"\n'
    )
    assert found(registry, text) == [
        (
            13,
            13,
            "ML205",
            "manual",
            f"'gpt-4o-mini', 'gpt-4o' in the enum ChatModel are OpenAI model ids: {REJECT_THEM}; "
            "add them or change the check by hand",
        ),
    ]
    assert applied(registry, text) == text


def test_short_members_of_an_enum_of_models_are_in_its_collection(registry):
    text = (
        'from enum import Enum\n\n\nclass Model(str, Enum):\n    O1 = "o1"\n'
        '    O1_MINI = "o1-mini"\n    O3 = "o3"\n\n\nclass Gas(Enum):\n    OZONE = "o3"\n'
    )
    assert found(registry, text) == [
        (
            5,
            10,
            "ML205",
            "manual",
            f"'o1', 'o1-mini', 'o3' in the enum Model are OpenAI model ids: {REJECT_THEM}; "
            "add them or change the check by hand",
        ),
    ]


LANGROID_MODELS = """from langroid.language_models.base import ModelName


class ChatModel(ModelName):
    GPT4 = "gpt-4o"
    O1 = "o1"
    GPT4_TURBO = "gpt-4-turbo"
    MINI = "gpt-4o-mini"
"""


def test_members_of_a_class_on_another_modules_base_mapping_alike_stay_manual(registry):
    """langroid's `OpenAIChatModel(ModelName)`: its base, imported, is an enum; mapped, two
    members became one. Its short `O1 = "o1"` is a member of the same list of models."""
    assert found(registry, LANGROID_MODELS) == [
        (
            5,
            12,
            "ML205",
            "manual",
            f"'gpt-4o', 'o1', 'gpt-4-turbo' and 1 more in the class ChatModel are OpenAI model "
            f"ids: {REJECT_THEM}; apply leaves them: 'gpt-4o' and 'gpt-4-turbo' would both "
            "become 'acme-large', and ChatModel derives from ModelName, which this module does "
            "not define: if that is an enum, the two members would be one; change them by hand",
        ),
    ]
    assert applied(registry, LANGROID_MODELS) == LANGROID_MODELS


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # another module's base, but no two members map alike: each is mapped, `o1` stays
        (
            'from app import Base\n\n\nclass M(Base):\n    A = "gpt-4o"\n    B = "gpt-4o-mini"\n'
            '    C = "o1"\n',
            'from app import Base\n\n\nclass M(Base):\n    A = "acme-large"\n    B = "acme-small"\n'
            '    C = "o1"\n',
        ),
        # annotated fields are not enum members
        (
            'from app import Base\n\n\nclass M(Base):\n    a: str = "gpt-4o"\n'
            '    b: str = "gpt-4-turbo"\n',
            'from app import Base\n\n\nclass M(Base):\n    a: str = "acme-large"\n'
            '    b: str = "acme-large"\n',
        ),
        # bases known not to be enums: a library's, a builtin, a plain class of the module
        (
            "from pydantic import BaseModel\n\n\nclass Mixin:\n    pass\n\n\n"
            'class M(BaseModel, Mixin, object):\n    a = "gpt-4o"\n    b = "gpt-4-turbo"\n',
            "from pydantic import BaseModel\n\n\nclass Mixin:\n    pass\n\n\n"
            'class M(BaseModel, Mixin, object):\n    a = "acme-large"\n    b = "acme-large"\n',
        ),
        (
            'class M:\n    a = "gpt-4o"\n    b = "gpt-4-turbo"\n',
            'class M:\n    a = "acme-large"\n    b = "acme-large"\n',
        ),
    ],
)
def test_a_class_not_known_as_an_enum_keeps_its_mapping(registry, before, after):
    assert {rule for _, _, rule, _, _ in found(registry, before)} == {"ML204"}
    assert applied(registry, before) == after


ENUM_DEFAULT = """import os
from enum import Enum

from openai import OpenAI


class Model(Enum):
    DEFAULT = os.getenv("DEFAULT_MODEL", "gpt-4o-mini")
    GPT4O = "gpt-4o"


class Embedder(str, Enum):
    SMALL = os.environ.get("EMBED_MODEL", "text-embedding-3-small")


client = OpenAI()
client.chat.completions.create(model=Model.DEFAULT.value, messages=[])
client.embeddings.create(model=Embedder.SMALL, input="x")
"""


def test_an_enum_members_env_default_is_the_model_it_stands_for(registry):
    """camel's `ModelType.DEFAULT = os.getenv("DEFAULT_MODEL_TYPE", "gpt-4.1-mini")` is the
    model sent: mapped as a module constant's env default is, the line sending it named; the
    enum's other members stay a list of models (ML205)."""
    at_run_time = "model comes from `{}` at run time; make sure it names an Acme Cloud model ({})"
    assert found(registry, ENUM_DEFAULT) == [
        (
            8,
            42,
            "ML204",
            "review",
            "env default 'gpt-4o-mini' of enum member Model.DEFAULT (sent as model= on line 17) "
            "maps to 'acme-small' on Acme Cloud",
        ),
        (9, 13, "ML205", "manual", f"'gpt-4o' in the enum Model is an OpenAI model id: {REJECT}"),
        (
            13,
            43,
            "ML204",
            "review",
            "env default 'text-embedding-3-small' of enum member Embedder.SMALL (sent as model= "
            "on line 18) maps to 'acme-embed' on Acme Cloud",
        ),
        (
            17,
            38,
            "ML203",
            "manual",
            at_run_time.format("Model.DEFAULT.value", "acme-large, acme-medium, acme-small"),
        ),
        (18, 32, "ML203", "manual", at_run_time.format("Embedder.SMALL", "acme-embed")),
    ]
    after = applied(registry, ENUM_DEFAULT)
    assert after == ENUM_DEFAULT.replace('"gpt-4o-mini"', '"acme-small"').replace(
        '"text-embedding-3-small"', '"acme-embed"'
    )
    unused = (
        "import os\nfrom enum import Enum\n\n\nclass M(Enum):\n    A = os.getenv('M', 'gpt-4o')\n"
    )
    assert found(registry, unused) == [
        (
            6,
            24,
            "ML204",
            "review",
            "env default 'gpt-4o' of enum member M.A maps to 'acme-large' on Acme Cloud",
        )
    ]


SENT_CLASS_ATTRIBUTE = """from openai import OpenAI

client = OpenAI()


class Models:
    FAST = "o1-mini"
    SMART = "o3"


client.chat.completions.create(model=Models.SMART, messages=[])
"""


def test_a_short_name_a_class_sends_as_model_is_a_setting(registry):
    """`SMART = "o3"` under no model-like name, but sent as `model=Models.SMART`: apply mapped
    FAST and left "o3", and check passed while the request sent it."""
    assert found(registry, SENT_CLASS_ATTRIBUTE, provider="moonshot") == [
        (
            7,
            12,
            "ML204",
            "review",
            "attribute Models.FAST = 'o1-mini' maps to 'kimi-k3' on Moonshot AI (Kimi)",
        ),
        (
            8,
            13,
            "ML204",
            "review",
            "attribute Models.SMART = 'o3' (sent as model= on line 11) maps to 'kimi-k3' on "
            "Moonshot AI (Kimi)",
        ),
    ]  # no ML203: the value is known (`class_constant`)
    assert applied(registry, SENT_CLASS_ATTRIBUTE, provider="moonshot") == (
        SENT_CLASS_ATTRIBUTE.replace('"o1-mini"', '"kimi-k3"').replace('"o3"', '"kimi-k3"')
    )


SENT_SHORT_NAMES = """from enum import Enum

from openai import OpenAI


class Tier(Enum):
    SMART = "o3"


class Gas:
    OZONE = "o3"


class Bot:
    LEVEL = "o1"
    client = OpenAI()

    def ask(self):
        return self.client.chat.completions.create(model=self.LEVEL, messages=[])


OpenAI().chat.completions.create(model=Tier.SMART.value, messages=[])
"""


def test_short_names_sent_as_model_count_where_they_stand(registry):
    """An enum member sent as `model=Tier.SMART.value` is in the enum's list of models
    (ML205, which names the request); an attribute a method sends as `model=self.LEVEL` is a
    setting; `OZONE = "o3"`, sent nowhere, is chemistry."""
    at_run_time = "model comes from `{}` at run time; make sure it names a Moonshot AI (Kimi) model"
    assert found(registry, SENT_SHORT_NAMES, provider="moonshot") == [
        (
            7,
            13,
            "ML205",
            "manual",
            "'o3' in the enum Tier is an OpenAI model id: code that checks models against it may "
            "reject Moonshot AI (Kimi)'s models, and Tier.SMART is the model sent (as model= on "
            "line 22): it maps to 'kimi-k3' on Moonshot AI (Kimi); add them or change the check "
            "by hand",
        ),
        (
            15,
            13,
            "ML204",
            "review",
            "attribute Bot.LEVEL = 'o1' (sent as model= on line 19) maps to 'kimi-k3' on "
            "Moonshot AI (Kimi)",
        ),
        (19, 58, "ML203", "manual", at_run_time.format("self.LEVEL") + " (kimi-k2.6, kimi-k3)"),
    ]  # none for Tier.SMART.value: ML205 names the member (`class_constant`)


def test_a_class_named_for_models_makes_short_names_models(registry):
    text = (
        'class ModelNames:\n    SMART = "o3"\n\n\nclass Chemistry:\n    OZONE = "o3"\n\n\n'
        'WHICH = "o3"  # uses o3\n'
    )
    assert found(registry, text, provider="moonshot") == [
        (
            2,
            13,
            "ML204",
            "review",
            "attribute ModelNames.SMART = 'o3' maps to 'kimi-k3' on Moonshot AI (Kimi)",
        ),
    ]


EMBEDDER = """from enum import Enum

from openai import OpenAI


class EmbModel(Enum):
    SMALL = "text-embedding-3-small"


class Embedder:
    def __init__(self, model: EmbModel = EmbModel.SMALL):
        self.model = model
        self.client = OpenAI()

    def embed(self, text):
        return self.client.embeddings.create(input=[text], model=self.model.value)
"""

CHAT_DEFAULT = """from enum import Enum

from openai import OpenAI

client = OpenAI()


class Chat(str, Enum):
    MINI = "gpt-4o-mini"
    PRO = "o1-pro"


def ask(q, model: Chat = Chat.PRO):
    return client.chat.completions.create(model=model.value, messages=q)


def label(kind: Chat = Chat.MINI):
    return kind.value
"""


def test_an_enum_member_sent_by_default_is_named_in_its_message(registry):
    """The enum stays a list of models (manual), but its message says which member a request
    sends by default, through `self.model = model` or `model=model.value`, and what it maps
    to; `label`'s default reaches no request."""
    sent = "the model sent by default (the default of parameter model, sent as model= on line"
    assert found(registry, EMBEDDER) == [
        (
            7,
            13,
            "ML205",
            "manual",
            "'text-embedding-3-small' in the enum EmbModel is an OpenAI model id: code that checks "
            f"models against it may reject Acme Cloud's models, and EmbModel.SMALL is {sent} 16): "
            "it maps to 'acme-embed' on Acme Cloud; add them or change the check by hand",
        ),
        (
            16,
            66,
            "ML203",
            "manual",
            "model comes from `self.model.value` at run time; make sure it names an Acme Cloud "
            "model (acme-embed)",
        ),
    ]
    assert found(registry, CHAT_DEFAULT)[0] == (
        9,
        12,
        "ML205",
        "manual",
        "'gpt-4o-mini', 'o1-pro' in the enum Chat are OpenAI model ids: code that checks models "
        f"against them may reject Acme Cloud's models, and Chat.PRO is {sent} 14): Acme Cloud's "
        "table maps no model for 'o1-pro'; add them or change the check by hand",
    )
    assert applied(registry, CHAT_DEFAULT) == CHAT_DEFAULT


def test_method_arguments_follow_self_calls(registry):
    text = (
        "from openai import OpenAI\n\n\nclass Bot:\n    client = OpenAI()\n\n"
        "    def ask(self, q, model):\n"
        "        return self.client.chat.completions.create(model=model, messages=q)\n\n"
        "    def go(self):\n"
        '        return self.ask("hi", "gpt-4o")\n'
    )
    assert found(registry, text)[1:] == [
        (
            11,
            31,
            "ML204",
            "review",
            "argument 2 of ask() = 'gpt-4o' (sent as model= on line 8) "
            "maps to 'acme-large' on Acme Cloud",
        ),
    ]
    assert applied(registry, text) == text.replace('"gpt-4o"', '"acme-large"')


def test_match_case_is_a_comparison(registry):
    text = 'match model:\n    case "gpt-4o":\n        pass\n'
    assert [(r, m.split(":")[0]) for _, _, r, _, m in found(registry, text)] == [
        ("ML205", "comparison with OpenAI model 'gpt-4o'"),
    ]


def test_without_a_provider_model_lists_are_still_reported(registry):
    assert found(registry, 'SUPPORTED = ["gpt-4o"]\n', provider=None) == [
        (
            1,
            14,
            "ML205",
            "manual",
            "'gpt-4o' in a list is an OpenAI model id: code that checks "
            "models against it may reject another provider's models; add them or change the check by hand",
        ),
    ]


# --- models given to other libraries (ML206) ---------------------------------------------------

FOREIGN = [
    pytest.param(  # a library without a rule of its own (litellm has ML640)
        'from llmkit import completion\n\ncompletion(model="gpt-4o", messages=[])\n',
        (
            3,
            18,
            "ML206",
            "manual",
            "model='gpt-4o' goes to completion(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model table says 'acme-large')",
        ),
        id="other-library",
    ),
    pytest.param(
        # (LangChain's OpenAI classes are ML601's: tests/test_frameworks_langchain.py)
        'from langchain_community.chat_models import ChatLiteLLM\n\nllm = ChatLiteLLM(model_name="o3-mini")\n',
        (
            3,
            30,
            "ML206",
            "manual",
            "model_name='o3-mini' goes to ChatLiteLLM(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there",
        ),
        id="langchain",
    ),
    pytest.param(
        'def run(prompt, model):\n    return prompt\n\n\nrun("hi", model="gpt-4o-mini")\n',
        (
            5,
            17,
            "ML206",
            "manual",
            "model='gpt-4o-mini' goes to run(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the model table says 'acme-small')",
        ),
        id="own-function-that-does-not-reach-the-sdk",
    ),
    pytest.param(  # the library builds its own OpenAI model from the dict (deepeval's)
        "from evalkit import Judge\n\n"
        'judge = Judge(metric="faithfulness", judge_params={"model": "gpt-4o-mini"})\n',
        (
            3,
            61,
            "ML206",
            "manual",
            "judge_params['model']='gpt-4o-mini' goes to Judge(), which is not an OpenAI SDK "
            "call, so apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there "
            "(the model table says 'acme-small')",
        ),
        id="dict-given-to-another-librarys-class",
    ),
    pytest.param(
        "from svckit import ChatService\n\n"
        'svc = ChatService.from_config(llm={"model": "gpt-4o", "timeout": 30})\n',
        (
            3,
            45,
            "ML206",
            "manual",
            "llm['model']='gpt-4o' goes to ChatService.from_config(), which is not an OpenAI SDK call, so "
            "apply leaves it; if it talks to Acme Cloud, use an Acme Cloud model there (the "
            "model table says 'acme-large')",
        ),
        id="dict-given-to-another-librarys-constructor",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOREIGN)
def test_models_given_to_other_libraries_are_manual(registry, text, expected):
    assert found(registry, text) == [expected]
    assert applied(registry, text) == text


@pytest.mark.parametrize(
    ("text", "column"),
    [
        pytest.param('import wandb\n\nwandb.init(config={"model": "gpt-4o"})\n', 29, id="function"),
        pytest.param(
            "class Settings:\n    def __init__(self, values):\n        self.values = values\n\n\n"
            'SETTINGS = Settings({"model": "gpt-4o"})\n',
            31,
            id="the-modules-own-class",
        ),
        pytest.param(
            'from collections import ChainMap\n\nSETTINGS = ChainMap({"model": "gpt-4o"})\n',
            31,
            id="standard-library",
        ),
        pytest.param(
            'from easydict import EasyDict\n\nCFG = EasyDict({"model": "gpt-4o"})\n',
            26,
            id="container-given-the-dict-by-position",
        ),
        pytest.param(  # ML660 points the entry at the provider
            "from autogen import AssistantAgent\n\n"
            'agent = AssistantAgent("helper", llm_config={"model": "gpt-4o"})\n',
            55,
            id="framework-with-a-rule",
        ),
    ],
)
def test_dicts_given_to_other_calls_stay_settings(registry, text, column):
    line = text.count("\n")
    assert found(registry, text) == [
        (
            line,
            column,
            "ML204",
            "review",
            "entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        )
    ]
    assert applied(registry, text) == text.replace("gpt-4o", "acme-large")


def test_models_given_to_other_libraries_need_a_target(registry):
    text = 'from litellm import completion\n\ncompletion(model="gpt-4o", messages=[])\n'
    assert found(registry, text, provider=None) == []


# --- not model ids -------------------------------------------------------------------------------

NOT_MODELS = [
    pytest.param('NOTE = "gpt-4o continued"\nTITLE = "Using gpt-4o"\n', id="prose"),
    pytest.param('"""Talks to gpt-4o."""\n\n\ndef f():\n    """gpt-4o"""\n', id="docstrings"),
    pytest.param(
        'x = 1  # "gpt-4o"\nlog.info(f"model {name} is gpt-4o")\n', id="comments-and-f-strings"
    ),
    pytest.param(
        'import tiktoken\n\nenc = tiktoken.encoding_for_model("gpt-4o")\n', id="tokenizer"
    ),
    pytest.param('MODEL = "acme-large"\nCHOICES = ["acme-small"]\n', id="provider-models"),
    pytest.param('MODEL = "gpt-4o\\n"\nOTHER = "text-embedding-v4"\n', id="not-a-whole-id"),
]


@pytest.mark.parametrize("text", NOT_MODELS)
def test_strings_that_are_not_openai_models(registry, text):
    assert found(registry, text) == []


def test_provider_openai_keeps_models(registry):
    text = (
        'from litellm import completion\n\nMODEL = "gpt-4o"\nSUPPORTED = ("gpt-4o",)\n'
        'completion(model="gpt-4o")\n'
    )
    assert found(registry, text, provider="openai") == []


# --- exact ids and dated snapshots -------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "gpt-4o",
        "gpt-4-0125-preview",
        "gpt-4o-2024-08-06",
        "gpt-3.5-turbo-16k-0613",
        "o1",
        "o3",
        "o4-mini",
        "o4-mini-2025-04-16",
        "text-embedding-3-large",
        "dall-e-3",
        "whisper-1",
        "tts-1-hd",
        "tts-1-1106",
        "chatgpt-4o-latest",
    ],
)
def test_openai_model_ids(registry, name):
    assert registry.openai.serves(name)


@pytest.mark.parametrize(
    "name",
    [
        "gpt-4o continued",
        "gpt-4o ",
        " gpt-4o",
        "gpt-4o\n",
        "text-embedding-v4",
        "whisper-large-v3",
        "openai/gpt-4o",
        "gpt-oss-120b",
        "o5",
        "",
    ],
)
def test_not_openai_model_ids(registry, name):
    assert not registry.openai.serves(name)


def _provider(models) -> Provider:
    return bare_provider(models=models)


def test_dated_snapshot_maps_like_its_undated_id():
    p = _provider(
        {"gpt-4o-mini": "x-small", "gpt-4": "x-large", "gpt-4*": "x-any", "o1": "x-think"}
    )
    assert p.map_model("gpt-4o-mini-2024-07-18") == "x-small"  # not the broader gpt-4* glob
    assert p.map_model("gpt-4-0125-preview") == "x-large"
    assert p.map_model("gpt-4-0613") == "x-large"
    assert p.map_model("o1-2024-12-17") == "x-think"
    assert p.map_model("gpt-4o-2024-08-06") == "x-any"
    assert p.map_model("gpt-4o continued") is None
    assert p.map_model("o3-mini-2025-01-31") is None


@pytest.mark.parametrize("pid", ["zhipu", "qwen", "ernie", "moonshot"])
@pytest.mark.parametrize(
    ("snapshot", "undated"),
    [
        ("gpt-4-0125-preview", "gpt-4"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("gpt-3.5-turbo-0613", "gpt-3.5-turbo"),
        ("gpt-4-turbo-2024-04-09", "gpt-4-turbo"),
    ],
)
def test_provider_tables_map_snapshots_like_the_model(registry, pid, snapshot, undated):
    provider = registry.get(pid)
    assert provider.map_model(snapshot) == provider.map_model(undated) is not None


# --- prefilter ---------------------------------------------------------------------------------


def test_python_prefilter_passes_quoted_model_ids_only(registry):
    python = prefilters(registry.openai)["python"]
    assert python.search('DEFAULT_MODEL = "gpt-4o"\n')
    assert python.search("FAST = 'o1-mini'\n")
    assert python.search("M = 'o3'\n")
    assert not python.search("# Tuned for gpt-4o by hand\nx = 1\n")
    assert not python.search('who = "ada lovelace"\n')


def test_python_prefilter_finds_a_model_after_either_quote_and_a_framework_after_either_keyword(
    registry,
):
    # one expression per quote and per keyword (`prefilter._led_by`), together what one
    # expression with a character class or an alternation in front found
    python = prefilters(registry.openai)["python"]
    assert python.search("x = 1\nm = 'gpt-4o'\n") and python.search('x = 1\nm = "gpt-4o"\n')
    assert not python.search("x = 1\nm = `gpt-4o`\n")
    assert python.search("x = 1\nfrom llama_index.llms.openai import OpenAI\n")
    assert python.search("x = 1\nimport llama_index.llms.openai as m\nm.OpenAI()\n")
    assert not python.search("x = 1\nfrom\tllama_indexer import OpenAI, llms\n")


def test_constants_module_is_parsed_and_migrated(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    scanner = FileScanner(ctx, Path("."))
    change = scanner.migrate_text(
        'DEFAULT_MODEL = "gpt-4o"\n', "python", "settings.py", "settings.py"
    )
    assert change.after == 'DEFAULT_MODEL = "acme-large"\n'
    assert scanner.findings("python", "plain.py", "# gpt-4o\nx = 1\n") is None


# --- the body of a raw request goes with its URL -----------------------------------------------

RAW_REQUEST = (
    "import os\nimport requests\n\n\ndef ask(q, key):\n"
    "    return requests.post(\n"
    '        "https://api.openai.com/v1/chat/completions",\n'
    '        headers={"Authorization": KEY_HEADER},\n'
    '        json={"model": "gpt-4o", "messages": q},\n'
    "    )\n"
)


def test_model_of_a_raw_request_left_unchanged_stays_openai(registry):
    assert found(registry, RAW_REQUEST) == [
        (
            9,
            24,
            "ML204",
            "manual",
            "entry 'model' = 'gpt-4o' is sent to OpenAI by the raw request on line 6, which "
            "apply leaves unchanged; change the model with the request, by hand",
        )
    ]
    assert applied(registry, RAW_REQUEST) == RAW_REQUEST


def test_model_of_a_raw_request_apply_rewrites_is_mapped(registry):
    text = RAW_REQUEST.replace("KEY_HEADER", "f\"Bearer {os.environ['OPENAI_API_KEY']}\"")
    assert [f[2:4] for f in found(registry, text)] == [("ML204", "review")]
    assert '"model": "acme-large"' in applied(registry, text)


def test_ancestors_of_model_strings_come_from_the_tree_without_positions(registry):
    import libcst as cst

    from migrate_llm.rules.python_context import PythonContext

    text = '@dec\ndef f(a, model="gpt-4o"):\n    return g(h(1, k(model="gpt-4o-mini")), "gpt-4")\n'
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    strings = [n for n in ctx.nodes if isinstance(n, cst.SimpleString)]
    shapes = [[type(n).__name__ for n in ctx.ancestors(s)] for s in strings]
    body = ["Module", "FunctionDef", "IndentedBlock", "SimpleStatementLine", "Return", "Call"]
    assert shapes == [
        ["Module", "FunctionDef", "Parameters", "Param"],
        [*body, "Arg", "Call", "Arg", "Call", "Arg"],
        [*body, "Arg"],
    ]
    inner = ctx.ancestors(strings[1])
    assert [c.func.value for c in inner if isinstance(c, cst.Call)] == ["g", "h", "k"]
    assert inner[0] is ctx.module
    assert ctx._code_ranges is None  # no code generation for positions


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            'MODELS = ["gpt-4o", "gpt-4"]\n',
            'MODELS = ["gpt-4o", "gpt-4", "acme-large"]\n',
            id="one-line-one-mapped-model-once",
        ),
        pytest.param(
            "MODELS = (\n    'gpt-4o',\n    'gpt-4o-mini',\n)\n",
            "MODELS = (\n    'gpt-4o',\n    'gpt-4o-mini',\n    'acme-large',\n    'acme-small',\n)\n",
            id="a-line-each-quotes-kept",
        ),
        pytest.param(
            'ONE = ("gpt-4o",)\n',
            'ONE = ("gpt-4o", "acme-large")\n',
            id="a-tuple-of-one-loses-its-comma",
        ),
        pytest.param(
            'def check(model):\n    return model in ("gpt-4o", "gpt-4")\n',
            'def check(model):\n    return model in ("gpt-4o", "gpt-4", "acme-large")\n',
            id="checked-with-in",
        ),
        pytest.param(
            'MODELS = {\n    "gpt-3.5-turbo"\n}\n',
            'MODELS = {\n    "gpt-3.5-turbo",\n    "acme-small",\n}\n',
            id="a-line-each-no-trailing-comma",
        ),
    ],
)
def test_a_collection_of_models_gets_what_they_map_to(registry, before, after):
    assert applied(registry, before) == after


@pytest.mark.parametrize(
    "text",
    [
        'MODELS = ["o1-pro"]\n',  # o1-pro: Acme Cloud maps nothing to it
        'MODELS = ("gpt-4o", other)\n',
        'ROW = ("gpt-4", "System", 2000)\n',  # a row of test values
        '@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4o-mini"])\ndef test(model):\n    pass\n',
        'Model = Literal["gpt-4o"]\n',
        'class Model(str, Enum):\n    GPT4O = "gpt-4o"\n',
    ],
)
def test_a_collection_with_an_unmapped_model_or_of_another_shape_stays_manual(registry, text):
    assert [(rule, fix) for _, _, rule, fix, _ in found(registry, text)] == [("ML205", "manual")]
    assert applied(registry, text) == text


def test_a_collection_named_for_images_gets_the_providers_models_for_images(registry):
    """DeepSeek maps gpt-4o to deepseek-v4-pro, which refuses images: its model for images is
    deepseek-flash (chatgpt-telegram-bot's GPT_4_VISION_MODELS)."""
    text = 'VISION_MODELS = ("gpt-4o",)\nTEXT_MODELS = ("gpt-4o",)\n'
    assert applied(registry, text, "deepseek") == (
        'VISION_MODELS = ("gpt-4o", "deepseek-flash")\nTEXT_MODELS = ("gpt-4o", "deepseek-v4-pro")\n'
    )
    # MetaGPT's list: a text model there made its own code put images in requests to it
    multimodal = 'MULTI_MODAL_MODELS = ["gpt-4o", "gpt-4o-mini"]\nMULTIMODAL_MODEL = "gpt-4o"\n'
    assert applied(registry, multimodal, "deepseek") == (
        'MULTI_MODAL_MODELS = ["gpt-4o", "gpt-4o-mini", "deepseek-flash"]\n'
        'MULTIMODAL_MODEL = "deepseek-flash"\n'
    )


def test_a_collection_named_for_images_gains_only_the_providers_model_for_images(registry):
    """Each member gives DeepSeek's model for images, whatever the table maps it to: gpt-4o
    maps to deepseek-v4-pro, and `gpt-4-vision` to it too through the `gpt-4-*` glob, a model
    that refuses images. Once it holds that model, the collection is done: check passes."""
    text = (
        "def reads_images(model):\n"
        '    vision_models = ("gpt-4o", "gpt-4-vision", "gpt-4.1")\n'
        "    return model in vision_models\n"
    )
    assert found(registry, text, "deepseek") == [
        (
            2,
            22,
            "ML205",
            "review",
            "'gpt-4o', 'gpt-4-vision', 'gpt-4.1' in a tuple are OpenAI model ids: "
            "code that checks models against them may reject DeepSeek's models; apply adds "
            "DeepSeek's model for images ('deepseek-flash') beside them",
        )
    ]
    after = applied(registry, text, "deepseek")
    assert after == (
        "def reads_images(model):\n"
        '    vision_models = ("gpt-4o", "gpt-4-vision", "gpt-4.1", "deepseek-flash")\n'
        "    return model in vision_models\n"
    )
    assert found(registry, after, "deepseek") == []


def test_a_setting_named_for_images_maps_a_vision_model_a_glob_takes_to_the_model_for_images(
    registry,
):
    """`gpt-4-1106-vision-preview` falls under DeepSeek's `gpt-4-*` (deepseek-v4-pro, text
    only); a setting whose name says text only is not one for images."""
    text = 'VISION_MODEL = "gpt-4-1106-vision-preview"\nNON_VISION_MODEL = "gpt-4o"\n'
    assert applied(registry, text, "deepseek") == (
        'VISION_MODEL = "deepseek-flash"\nNON_VISION_MODEL = "deepseek-v4-pro"\n'
    )


def test_a_collection_named_for_images_stays_manual_without_a_model_for_images(registry):
    """iFLYTEK Spark takes no images: nothing it serves belongs in the collection."""
    text = 'VISION_MODELS = ("gpt-4o", "gpt-4-turbo")\n'
    assert found(registry, text, "spark") == [
        (
            1,
            18,
            "ML205",
            "manual",
            "'gpt-4o', 'gpt-4-turbo' in a tuple are OpenAI model ids: code that checks models "
            "against them may reject iFLYTEK Spark's models; iFLYTEK Spark names no model that "
            "reads images for a collection named for them; change the check by hand",
        )
    ]
    assert applied(registry, text, "spark") == text


TEXT_ONLY_LEFT = (
    "'o3-mini', 'o1-mini', 'o1-preview' in a tuple are OpenAI model ids: code that checks "
    "models against them may reject DeepSeek's models; apply leaves it: it is named for models "
    "that read no images, and which of DeepSeek's models read none is for a person to say; "
)


@pytest.mark.parametrize(
    "name", ["text_only_models", "NO_VISION_MODELS", "non_vision", "TextOnlyModels", "NoImages"]
)
def test_a_collection_named_for_text_only_gains_no_provider_model(registry, name):
    """DeepSeek maps all three to deepseek-flash, which reads images: in the collection it
    would be taken for a model that reads none (crewAI's `text_only_models`)."""
    text = f'{name} = ("o3-mini", "o1-mini", "o1-preview")\n'
    column = len(name) + 5
    assert found(registry, text, "deepseek") == [
        (1, column, "ML205", "manual", TEXT_ONLY_LEFT + "add those by hand")
    ]
    assert applied(registry, text, "deepseek") == text


def test_a_collection_named_for_text_only_holding_the_model_for_images_is_reported(registry):
    text = 'text_only_models = ("o3-mini", "o1-mini", "o1-preview", "deepseek-flash")\n'
    assert found(registry, text, "deepseek") == [
        (
            1,
            21,
            "ML205",
            "manual",
            TEXT_ONLY_LEFT + "it holds 'deepseek-flash', DeepSeek's model for images: take it "
            "out and add those by hand",
        )
    ]


def test_a_collection_named_for_text_only_is_done_once_it_holds_a_text_model(registry):
    text = 'text_only_models = ("o3-mini", "o1-mini", "deepseek-v4-pro")\n'
    assert found(registry, text, "deepseek") == []


def test_a_collection_named_for_text_only_gains_models_of_a_provider_without_images(registry):
    """Every model of iFLYTEK Spark reads text only."""
    text = 'TEXT_ONLY_MODELS = ("gpt-4o", "gpt-3.5-turbo")\n'
    assert applied(registry, text, "spark") == (
        'TEXT_ONLY_MODELS = ("gpt-4o", "gpt-3.5-turbo", "4.0Ultra", "lite")\n'
    )


def test_a_collection_named_for_text_only_is_no_rival_of_one_named_for_images(registry):
    """Both map to deepseek-flash; the text-only one gains nothing, so the one for images is
    not left for fear the code could not tell them apart."""
    text = (
        'VISION_MODELS = ("gpt-4-turbo",)\n'
        'TEXT_ONLY_MODELS = ("o3-mini",)\n'
        "def reads_images(model):\n"
        "    return model in VISION_MODELS and model not in TEXT_ONLY_MODELS\n"
    )
    after = applied(registry, text, "deepseek")
    assert after.splitlines()[:2] == [
        'VISION_MODELS = ("gpt-4-turbo", "deepseek-flash")',
        'TEXT_ONLY_MODELS = ("o3-mini",)',
    ]


def test_a_collection_of_dated_snapshots_gains_no_provider_model(registry):
    """chatgpt-telegram-bot lists the snapshots that cannot call functions; their provider model
    is the one its default gpt-4o maps to: adding it turned functions off after apply."""
    text = (
        "import os\n\n"
        'NO_TOOLS = ("gpt-3.5-turbo-0301", "gpt-4-0314")\n'
        'LATEST = ("gpt-4o", "gpt-4o-2024-05-13")\n'
        'model = os.environ.get("CHAT_MODEL", "gpt-4o")\n'
        "tools = model not in NO_TOOLS and model in LATEST\n"
    )
    rows = [(line, rule, fix) for line, _, rule, fix, _ in found(registry, text)]
    assert rows == [(3, "ML205", "manual"), (4, "ML205", "review"), (5, "ML204", "review")]
    after = applied(registry, text)
    assert 'NO_TOOLS = ("gpt-3.5-turbo-0301", "gpt-4-0314")\n' in after
    assert 'LATEST = ("gpt-4o", "gpt-4o-2024-05-13", "acme-large")\n' in after


def test_a_dotted_settings_key_names_a_model_as_its_words_do(registry):
    # another model than the setting's: the same one beside it, left, would leave it too
    text = 'CONFIG = {"llm.model": "gpt-4o", "session.name": "gpt-4o-mini"}\n'
    rows = found(registry, text)
    assert rows[0] == (
        1,
        24,
        "ML204",
        "review",
        "entry 'llm.model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
    )
    assert [row[2:4] for row in rows[1:]] == [("ML205", "manual")]
    assert applied(registry, text) == text.replace(
        '"llm.model": "gpt-4o"', '"llm.model": "acme-large"'
    )


TOKENIZER_SETTINGS = """import tiktoken


class Tracing:
    tokenizer_model = "gpt-4"

    def __init__(self, get, encoding_model="gpt-4o"):
        self.tokenizer_target_model = get("tokenizer_target_model", "gpt-4")
        self.tokenizer_model = self._get_str("tokenizer_model", "gpt-4")
        self.tiktoken_model = encoding_model

    def count(self, text):
        return len(tiktoken.encoding_for_model(self.tokenizer_target_model).encode(text))
"""


def test_the_model_a_token_counter_is_asked_about_stays_openais(registry):
    # tiktoken knows OpenAI's names only: such a setting is no model setting, and ML207 leaves
    # a call given it (TaskWeaver's tracing)
    ctx = RuleContext(registry, registry.get("acme"))
    found = check_python(TOKENIZER_SETTINGS, ctx, PYTHON_RULES)
    assert [f.rule for f in found] == ["ML208"]  # the note on tiktoken's download


def test_a_settings_getters_default_for_a_model_key_is_a_setting(registry):
    text = (
        "class Config:\n    def load(self):\n"
        '        self.model = self._get_str("model", "gpt-4o")\n'
        '        self.name = self._get_str("name", "gpt-4o")\n'
    )
    rows = found(registry, text)
    assert rows[0] == (
        3,
        45,
        "ML204",
        "review",
        "default of entry 'model' = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
    )
    assert [row[2:4] for row in rows[1:]] == [("ML205", "manual")]


def test_a_response_object_built_by_hand_is_no_request(registry):
    # streamlit/llm-examples' test double: the SDK's own ChatCompletion, not a call to anything
    text = (
        "from openai.types.chat.chat_completion import ChatCompletion\n"
        'FAKE = ChatCompletion(id="x", model="gpt-3.5-turbo", object="chat.completion", '
        "choices=[], created=0)\n"
    )
    assert found(registry, text) == []


def test_a_string_listing_models_is_mapped_item_by_item(registry):
    text = (
        'MENU_MODELS = "gpt-4o, gpt-4-turbo, gpt-4o-mini"\n'
        'JOB_MODELS = "gpt-4o,o1"\n'
        'SEEN = "gpt-4o,gpt-4o-mini"\n'
        'MODELS = "gpt-4o,not-a-model"\n'
    )
    assert found(registry, text) == [
        (
            1,
            15,
            "ML204",
            "review",
            "constant MENU_MODELS = 'gpt-4o, gpt-4-turbo, gpt-4o-mini' lists OpenAI models; on "
            "Acme Cloud they map to 'acme-large, acme-small'",
        ),
        (
            2,
            14,
            "ML204",
            "manual",
            "constant JOB_MODELS = 'gpt-4o,o1' lists OpenAI models; Acme Cloud's table maps no "
            "model for 'o1': write Acme Cloud's models there by hand",
        ),
    ]
    assert applied(registry, text) == text.replace(
        "gpt-4o, gpt-4-turbo, gpt-4o-mini", "acme-large, acme-small"
    )
    assert found(registry, text, provider=None)[0][3:] == (
        "review",
        "constant MENU_MODELS = 'gpt-4o, gpt-4-turbo, gpt-4o-mini' lists OpenAI models; "
        "`--provider ID` shows their replacements",
    )


def test_a_collection_with_an_unmapped_model_gets_the_others_targets_and_stays_reported(
    registry,
):
    # chatgpt_telegram_bot: `assert model in {"text-davinci-003", "gpt-3.5-turbo"}` stayed
    # as it was while the default `"gpt-3.5-turbo"` became the provider's: `Bot()` failed
    text = (
        "class Bot:\n"
        '    def __init__(self, model="gpt-4o"):\n'
        '        assert model in {"o1-pro", "gpt-4o"}\n'
        "        self.model = model\n"
    )
    after = applied(registry, text)
    assert after == text.replace('model="gpt-4o"', 'model="acme-large"').replace(
        '{"o1-pro", "gpt-4o"}', '{"o1-pro", "gpt-4o", "acme-large"}'
    )
    # the model nothing maps to is still a person's to decide, and the message says which
    assert found(registry, after) == [
        (
            3,
            26,
            "ML205",
            "manual",
            "'o1-pro', 'gpt-4o' in a set are OpenAI model ids: code that checks models against "
            "them may reject Acme Cloud's models; the models the others map to are in it; Acme "
            "Cloud's table maps nothing to 'o1-pro': drop it or add a model for it by hand",
        )
    ]


def test_a_resource_kept_on_the_instance_carries_its_calls(registry):
    # pandas-ai keeps `openai.OpenAI(...).chat.completions` as `self.client` and calls
    # `self.client.create(...)`: its model was said to go to "no OpenAI SDK call" and left
    text = (
        "import openai\n\n\nclass Chat:\n    def __init__(self):\n"
        "        self.client = openai.OpenAI().chat.completions\n\n"
        "    def ask(self, q):\n"
        '        return self.client.create(model="gpt-4o", messages=q)\n'
    )
    assert [r[2:4] for r in found(registry, text)] == [("ML201", "review")]
    assert 'self.client.create(model="acme-large", messages=q)' in applied(registry, text)


def counter_note(subject):
    return (
        f"{subject}: a token counter's model, which no request of the module sends; apply "
        "leaves it OpenAI's, which tiktoken knows"
    )


def test_a_token_counters_model_default_is_mapped_only_where_it_is_also_sent(registry):
    # thinkgpt: a default that only tiktoken reads stays OpenAI's (mapped, tiktoken raised
    # KeyError on it); one the counter also compares with a model name is still only a
    # counter's (chatgpt_telegram_bot's `_count_tokens(..., model="gpt-3.5-turbo")`): noted,
    # left, and ML207 says what the counter needs for the models its callers pass
    text = (
        'import tiktoken\n\n\ndef count(text, model="gpt-4o", encoding_for="gpt-4o"):\n'
        "    a = tiktoken.encoding_for_model(model)\n"
        "    b = tiktoken.encoding_for_model(encoding_for)\n"
        "    return len(a.encode(text)) + len(b.encode(text))\n"
    )
    ctx = RuleContext(registry, registry.get("acme"))
    rows = [(f.line, f.rule, f.fix.value) for f in check_python(text, ctx, PYTHON_RULES)]
    assert sorted(rows) == [(4, "ML204", "none"), (5, "ML207", "manual"), (5, "ML208", "manual")]
    note = "default of model = 'gpt-4o' (tiktoken.encoding_for_model() on line 5 reads it)"
    assert found(registry, text) == [(4, 23, "ML204", "none", counter_note(note))]
    assert applied(registry, text) == text
    compared = text.replace(
        "    return len(", '    if model == "gpt-4o-mini":\n        return 0\n    return len('
    )
    rows = [(f.line, f.rule, f.fix.value) for f in check_python(compared, ctx, PYTHON_RULES)]
    assert sorted(rows) == [
        (4, "ML204", "none"),
        (5, "ML207", "manual"),
        (5, "ML208", "manual"),
        (7, "ML205", "review"),
    ]
    assert 'def count(text, model="gpt-4o", encoding_for="gpt-4o"):\n' in applied(
        registry, compared
    )
    # sent as a request's model as well: ML202 maps it, as any default that reaches model=
    sent = (
        "import tiktoken\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        'def ask(q, model="gpt-4o"):\n'
        "    size = len(tiktoken.encoding_for_model(model).encode(q))\n"
        '    return client.chat.completions.create(model=model, messages=[{"role": "user", '
        '"content": q}], max_tokens=size)\n'
    )
    assert [(line, rule, fix) for line, _, rule, fix, _ in found(registry, sent)] == [
        (7, "ML202", "review")
    ]
    assert 'def ask(q, model="acme-large"):\n' in applied(registry, sent)


# bilingual_book_maker's shape: the default is counted, compared and shown in an error message
BOOK_COUNTER = (
    "import tiktoken\n\n\n"
    'def num_tokens_from_text(text, model="gpt-3.5-turbo"):\n'
    '    if model != "gpt-3.5-turbo":\n'
    '        raise NotImplementedError(f"no token count for model {model}")\n'
    "    encoding = tiktoken.encoding_for_model(model)\n"
    "    return 4 + len(encoding.encode(text))\n"
)


def test_a_counted_compared_and_shown_default_is_noted_not_mapped(registry):
    note = counter_note(
        "default of model = 'gpt-3.5-turbo' (tiktoken.encoding_for_model() on line 7 reads it)"
    )
    rows = found(registry, BOOK_COUNTER)
    assert [r for r in rows if r[2] == "ML204"] == [(4, 38, "ML204", "none", note)]
    after = applied(registry, BOOK_COUNTER)
    assert 'def num_tokens_from_text(text, model="gpt-3.5-turbo"):\n' in after
    # without a target it is the same note, not "`--provider ID` shows its replacement"
    assert [r for r in found(registry, BOOK_COUNTER, None) if r[2] == "ML204"] == [
        (4, 38, "ML204", "none", note)
    ]


def test_a_token_counters_default_in_a_run_that_calls_litellm_says_what_is_true(registry):
    """It reaches neither litellm nor a client: no "write X where it reaches litellm"."""
    from migrate_llm.run_facts import RunFacts

    ctx = RuleContext(registry, registry.get("acme"), facts=RunFacts(litellm_project=True))
    [ml204] = [f for f in check_python(BOOK_COUNTER, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert (ml204.fix.value, ml204.edit, ml204.data) == ("none", None, {"model": "gpt-3.5-turbo"})
    assert "litellm" not in ml204.message


def test_a_default_used_otherwise_as_well_is_a_setting_as_before(registry):
    # handed on to another function: that may send it, so it is mapped as a setting
    text = BOOK_COUNTER.replace(
        "    return 4 + len(encoding.encode(text))\n",
        "    log_usage(model=model)\n    return 4 + len(encoding.encode(text))\n",
    )
    assert [(r[0], r[2], r[3]) for r in found(registry, text) if r[2] == "ML204"] == [
        (4, "ML204", "review")
    ]


def test_two_collections_that_would_take_one_provider_model_stay_manual(registry):
    # evals: base models answer on text completions, chat models on chat completions; with
    # what both map to in both sets, the provider's model took the base models' branch
    text = (
        "def is_chat(name):\n"
        '    if name in {"gpt-4-turbo"}:\n'
        "        return False\n"
        '    return name in {"gpt-4o", "gpt-4"}\n'
    )
    assert applied(registry, text) == text
    assert [
        (line, fix, message.split("; ", 1)[1]) for line, _, _, fix, message in found(registry, text)
    ] == [
        (
            2,
            "manual",
            "apply leaves it: 'gpt-4-turbo' maps to 'acme-large', and so does 'gpt-4o' of the "
            "set on line 4, which does not hold 'gpt-4-turbo': with 'acme-large' in both, the "
            "code could not tell them apart; change the checks by hand",
        ),
        (
            4,
            "manual",
            "apply leaves it: 'gpt-4o' maps to 'acme-large', and so does 'gpt-4-turbo' of the "
            "set on line 2, which does not hold 'gpt-4o': with 'acme-large' in both, the code "
            "could not tell them apart; change the checks by hand",
        ),
    ]


def test_collections_sharing_the_models_that_give_a_target_are_both_widened(registry):
    """A list of supported models and one of the models that stream, which it includes."""
    text = 'SUPPORTED = ["gpt-4o", "gpt-4"]\nSTREAMING = ["gpt-4o"]\n'
    after = 'SUPPORTED = ["gpt-4o", "gpt-4", "acme-large"]\nSTREAMING = ["gpt-4o", "acme-large"]\n'
    assert applied(registry, text) == after


def test_the_modules_own_model_decides_which_collection_takes_its_target(registry):
    text = (
        "from openai import OpenAI\n\n\ndef is_chat(name):\n"
        '    if name in {"gpt-4-0314-base"}:\n'
        "        return False\n"
        '    return name in {"gpt-4o", "gpt-4"}\n\n\n'
        "client = OpenAI()\n"
        'client.chat.completions.create(model="gpt-4o", messages=[])\n'
    )
    after = applied(registry, text)
    assert after == text.replace('"gpt-4"}', '"gpt-4", "acme-large"}').replace(
        'model="gpt-4o"', 'model="acme-large"'
    )
    assert [line for line, _, rule, *_ in found(registry, after) if rule == "ML205"] == [5]


def test_a_widened_comparison_keeps_its_operands_text(registry):
    # SuperAGI: an operand broken over two lines inside brackets kept its own indentation
    text = (
        "def pick(cfg):\n"
        '    if cfg.ready and (cfg.old or cfg[\n            "model"] == "gpt-4o"):\n'
        '        return "big"\n'
    )
    assert applied(registry, text) == text.replace('== "gpt-4o"', 'in ("gpt-4o", "acme-large")')


def test_a_set_of_text_completions_models_gains_no_chat_model(registry):
    # evals' ballots: `{"gpt-4-base"}` picks the text completions endpoint; with the provider's
    # chat model in it, that model went there (a 404 on Moonshot)
    text = (
        "def ask(model):\n"
        '    if model in {"gpt-4-base"}:\n'
        '        return "completions"\n'
        '    return "chat" if model != "gpt-3.5-turbo-instruct" else "completions"\n'
    )
    assert applied(registry, text) == text
    assert [(line, fix) for line, _, rule, fix, _ in found(registry, text) if rule == "ML205"] == [
        (2, "manual"),
        (4, "manual"),
    ]


SNAPSHOT_BEFORE_FAMILY = (
    'MODEL = "gpt-3.5-turbo"\n\n\n'
    "def per_message(model):\n"
    '    if model == "gpt-3.5-turbo-0301":\n'
    "        return 4\n"
    '    elif "gpt-3.5-turbo" in model:\n'
    "        return 3\n"
    "    raise NotImplementedError(model)\n"
)


def test_a_snapshot_comparison_is_left_where_the_module_default_maps_alike(registry):
    """A token counter: the dated snapshot has a branch of its own, the default goes through
    the family check below it. Widening the first to accept what both map to would send the
    mapped default down the snapshot's branch (3 tokens a message became 4)."""
    assert [f[:4] for f in found(registry, SNAPSHOT_BEFORE_FAMILY)] == [
        (1, 9, "ML204", "review"),
        (5, 17, "ML205", "manual"),
        (7, 10, "ML205", "manual"),
    ]
    assert found(registry, SNAPSHOT_BEFORE_FAMILY)[1][4] == (
        "comparison with OpenAI model 'gpt-3.5-turbo-0301': Acme Cloud's model names never "
        "equal it; apply leaves it: 'gpt-3.5-turbo', which this module names too, maps to "
        "'acme-small' as well, so accepting 'acme-small' here would send that model down this "
        "branch; change the check by hand"
    )
    assert applied(registry, SNAPSHOT_BEFORE_FAMILY) == SNAPSHOT_BEFORE_FAMILY.replace(
        'MODEL = "gpt-3.5-turbo"', 'MODEL = "acme-small"'
    )


def test_a_comparison_before_a_branch_for_its_family_is_left(registry):
    """No other model of the module maps to the target, but a later branch of the same
    chain checks a family whose models do: the widened branch would take them."""
    text = (
        "def per_message(model):\n"
        '    if model == "gpt-3.5-turbo-0301":\n'
        "        return 4\n"
        '    elif model.startswith("gpt-3.5"):\n'
        "        return 3\n"
        '    if model == "gpt-4o":\n'
        "        return 5\n"
    )
    assert [f[:4] for f in found(registry, text)] == [
        (2, 17, "ML205", "manual"),
        (4, 27, "ML205", "manual"),
        (6, 17, "ML205", "review"),
    ]
    assert found(registry, text)[0][4] == (
        "comparison with OpenAI model 'gpt-3.5-turbo-0301': Acme Cloud's model names never "
        "equal it; apply leaves it: another branch of this if/elif chain checks the family "
        "'gpt-3.5', models of which map to 'acme-small' as well, so accepting 'acme-small' here "
        "would take them from that branch; change the check by hand"
    )
    # the family of another chain, or one no model of which maps alike, is no reason
    assert applied(registry, text) == text.replace(
        'model == "gpt-4o"', 'model in ("gpt-4o", "acme-large")'
    )


def test_check_fails_after_apply_on_a_snapshot_before_its_family(registry, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from migrate_llm.cli import app

    from .conftest import ACME_DIR

    text = (
        "from openai import OpenAI\n\n"
        + SNAPSHOT_BEFORE_FAMILY
        + (
            "\n\ndef ask(q):\n"
            "    return OpenAI().chat.completions.create(model=MODEL, messages=q)\n"
        )
    )
    (tmp_path / "app.py").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    options = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
    applied_run = CliRunner().invoke(app, ["apply", *options, "--yes", "--allow-dirty", "app.py"])
    assert applied_run.exit_code == 0, applied_run.output
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert 'MODEL = "acme-small"\n' in after
    assert '    if model == "gpt-3.5-turbo-0301":\n' in after
    assert CliRunner().invoke(app, ["check", *options, "app.py"]).exit_code == 1


def migrated_twice(registry, text, provider):
    """Every rule, as `apply` runs them, twice: (the first run, the second run)."""
    ctx = RuleContext(registry, registry.get(provider))
    first = FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py")
    second = FileScanner(ctx, Path(".")).migrate_text(first.after, "python", "app.py", "app.py")
    return first, second


def comparisons(change):
    return [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML205"]


# open-interpreter's profiles.py on litellm: the `== "gpt-4"` branch is left, since its body's
# `"gpt-4o"` maps to what `"gpt-4"` does; the first apply maps that body to
# `deepseek/deepseek-v4-pro`, and the second widened the branch after all
PROFILE_UPGRADE = (
    "import litellm\n\n\n"
    "def migrate_profile(profile):\n"
    '    if profile["model"] == "gpt-4":\n'
    '        profile["model"] = "gpt-4o"\n'
    '    elif profile["model"] == "gpt-4-turbo-preview":\n'
    '        profile["model"] = "gpt-4o"\n'
    "    return profile\n\n\n"
    'litellm.completion(model=migrate_profile({"model": "gpt-4-turbo-preview"})["model"], '
    "messages=[])\n"
)


def test_a_comparison_left_for_a_rival_is_left_again_once_apply_mapped_the_rival(registry):
    """open-interpreter's profile upgrade: each branch sets the model it tests to an OpenAI
    model, so neither comparison is widened (model_upgrade_branches); the second run, with the
    bodies mapped by ML204, leaves them too, as notes."""
    first, second = migrated_twice(registry, PROFILE_UPGRADE, "deepseek")
    assert first.after == (
        "import litellm\n\n\n"
        "def migrate_profile(profile):\n"
        '    if profile["model"] == "gpt-4":\n'
        '        profile["model"] = "deepseek/deepseek-v4-pro"\n'
        '    elif profile["model"] == "gpt-4-turbo-preview":\n'
        '        profile["model"] = "deepseek/deepseek-v4-pro"\n'
        "    return profile\n\n\n"
        "litellm.completion(\n"
        '    model=migrate_profile({"model": "deepseek/deepseek-flash"})["model"], messages=[]\n'
        ")\n"
    )
    sets = 'the branch sets `profile["model"]` to'
    skip = (
        "whichever OpenAI model was mapped to it or a person chose; DeepSeek's models skip the "
        "branch and keep their own"
    )
    assert comparisons(first) == [
        (
            line,
            "manual",
            f"comparison with OpenAI model {model!r}: DeepSeek's model names never equal it; "
            f"apply leaves it: {sets} 'gpt-4o' on line {line + 1}, an OpenAI model: accepting "
            f"{mapped!r} here would turn it into that model as well, {skip}; make it accept "
            "them by hand only if they should take it, with a DeepSeek model set there",
        )
        for line, model, mapped in (
            (5, "gpt-4", "deepseek-v4-pro"),
            (7, "gpt-4-turbo-preview", "deepseek-flash"),
        )
    ]
    assert second.after == first.after
    assert comparisons(second) == [
        (
            line,
            "none",
            f"comparison with OpenAI model {model!r}: DeepSeek's model names never equal it; "
            f"apply leaves it: {sets} 'deepseek/deepseek-v4-pro' on line {line + 1}: accepting "
            f"{mapped!r} here would turn it into that model as well, {skip}",
        )
        for line, model, mapped in (
            (5, "gpt-4", "deepseek-v4-pro"),
            (7, "gpt-4-turbo-preview", "deepseek-flash"),
        )
    ]


def test_a_model_a_framework_call_sends_is_a_rival_of_a_comparison(registry):
    # `pick("gpt-4o")` took the 128000 branch; widened, its mapped model would take the other
    text = (
        "import litellm\n\n\n"
        "def window(model):\n"
        '    if model == "gpt-4":\n'
        "        return 8000\n"
        "    return 128000\n\n\n"
        'litellm.completion(model="gpt-4o", messages=[])\n'
    )
    first, second = migrated_twice(registry, text, "deepseek")
    assert first.after == (
        "import os\n\n"
        "import litellm\n\n\n"
        "def window(model):\n"
        '    if model == "gpt-4":\n'
        "        return 8000\n"
        "    return 128000\n\n\n"
        "litellm.completion(\n"
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    model="deepseek/deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    messages=[],\n"
        ")\n"
    )
    assert [(line, fix) for line, fix, _ in comparisons(first)] == [(5, "manual")]
    assert comparisons(first)[0][2].startswith(
        "comparison with OpenAI model 'gpt-4': DeepSeek's model names never equal it; apply "
        "leaves it: 'gpt-4o', which this module names too,"
    )
    assert second.after == first.after
    assert [(line, fix) for line, fix, _ in comparisons(second)] == [(7, "manual")]


def test_a_provider_model_the_module_names_keeps_a_comparison_as_it_is(registry):
    text = (
        'FALLBACK = "acme-large"\n\n\n'
        "def price(model):\n"
        '    if model == "gpt-4o":\n'
        "        return 5\n"
        "    return 1\n"
    )
    first, second = migrated_twice(registry, text, "acme")
    assert first.after == second.after == text
    message = (
        "comparison with OpenAI model 'gpt-4o': Acme Cloud's model names never equal it; apply "
        "leaves it: this module names 'acme-large' too, what 'gpt-4o' maps to: it may stand for "
        "an OpenAI model this branch did not take, so accepting 'acme-large' here could send "
        "that model down this branch; change the check by hand"
    )
    assert comparisons(first) == comparisons(second) == [(5, "manual", message)]


def test_a_provider_model_in_the_same_test_or_a_docstring_is_no_rival(registry):
    text = (
        '"""acme-large"""\n\n\n'
        "def price(model):\n"
        '    if model == "gpt-4o" or model == "acme-large":\n'
        "        return 5\n"
        "    return 1\n"
    )
    assert applied(registry, text) == text.replace(
        'model == "gpt-4o"', 'model in ("gpt-4o", "acme-large")'
    )


# --- a value stored under a key that names a model setting -------------------------------------

# chatgpt_telegram_bot's shape: a fallback for photos sets the model in a variable and stores the
# same setting for the user on the next line
PHOTO_FALLBACK = (
    "def on_photo(store, user_id, reads_images):\n"
    "    if not reads_images:\n"
    '        chosen_model = "gpt-4o"\n'
    '        store.save_setting(user_id, "chosen_model", "gpt-4o")\n'
    "    return reply(user_id)\n"
)


def test_a_value_stored_under_a_model_key_maps_with_the_variable_beside_it(registry):
    assert found(registry, PHOTO_FALLBACK) == [
        (
            3,
            24,
            "ML204",
            "review",
            "variable chosen_model = 'gpt-4o' maps to 'acme-large' on Acme Cloud",
        ),
        (
            4,
            53,
            "ML204",
            "review",
            "setting 'chosen_model' of store.save_setting() = 'gpt-4o' maps to 'acme-large' on "
            "Acme Cloud",
        ),
    ]
    assert applied(registry, PHOTO_FALLBACK) == PHOTO_FALLBACK.replace('"gpt-4o"', '"acme-large"')


def test_the_photo_fallback_scan_says_what_apply_does(registry, tmp_path):
    from .test_fix_truth import assert_scan_matches_apply

    assert_scan_matches_apply(registry, "acme", "bot.py", PHOTO_FALLBACK, tmp_path)


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ('setattr(cfg, "model", "gpt-4o-mini")\n', 'setattr(cfg, "model", "acme-small")\n'),
        (
            'cache.set(key="default_model", value="gpt-4o-mini")\n',
            'cache.set(key="default_model", value="acme-small")\n',
        ),
        ('r.hset("user:7", "llm", "gpt-4o-mini")\n', 'r.hset("user:7", "llm", "acme-small")\n'),
    ],
)
def test_other_stores_under_a_model_key_are_settings(registry, line, after):
    [(_, _, rule, fix, _)] = found(registry, line)
    assert (rule, fix) == ("ML204", "review")
    assert applied(registry, line) == after


@pytest.mark.parametrize(
    "line",
    [
        'print("model", "gpt-4o")\n',  # a message: shown, not stored
        'log.info("%s = %s", "model", "gpt-4o")\n',
        'store.save_setting(user_id, "greeting", "gpt-4o")\n',  # the key names no model
        'store.save_setting(user_id, "tokenizer_model", "gpt-4o")\n',  # a token counter's
        'store.save_setting("model", user_id, "gpt-4o")\n',  # not the key beside it
    ],
)
def test_a_value_beside_no_model_key_stays_a_manual_finding(registry, line):
    [(_, _, rule, fix, message)] = found(registry, line)
    assert (rule, fix) == ("ML205", "manual")
    assert message.startswith("'gpt-4o' (passed to ")
    assert applied(registry, line) == line


# --- usage the program counts by model is no table of settings ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an old total carried over into a record by model, then stored under its usage key
        "def upgrade(store, user_id):\n"
        '    old = store.load(user_id, "tokens_used")\n'
        "    if isinstance(old, int):\n"
        '        per_model = {"gpt-3.5-turbo": {"prompt": 0, "completion": old}}\n'
        '        store.save(user_id, "tokens_used", per_model)\n',
        # a new user's document, as a database module writes it
        'def new_user(uid):\n    return {"id": uid, "usage": {"gpt-4o-mini": {"calls": 0}}}\n',
        # a key of its records says what they count
        'STARTING = {"gpt-3.5-turbo": {"n_used_tokens": 0}}\n',
        # a name says so, the records being counts or computed
        'spent_by_model = {"gpt-4o": 0, "gpt-4o-mini": cost(rows)}\n',
        # counts updated in place
        'def add(usage, n):\n    usage["gpt-4o"] += n\n    usage["gpt-4o-mini"]["calls"] += 1\n',
    ],
)
def test_usage_counted_by_model_is_no_table_of_settings(registry, text):
    assert found(registry, text) == []
    assert applied(registry, text) == text


@pytest.mark.parametrize(
    "text",
    [
        'LIMITS = {"gpt-4o": {"max_tokens": 16384}}\n',  # settings written by hand
        'usage_limits = {"gpt-4o": 128000}\n',  # named for usage, but a number set by hand
        'usage_limits = {"gpt-4o": GPT4O_LIMIT}\n',  # or a constant
        'FIRST_TEMPERATURE = {"gpt-4o-mini": 0}\n',  # zero, but no name says it counts
        'tokens_used = {"gpt-4o": [0, 0]}\n',  # not a count
        'def price(usage):\n    return usage["gpt-4o"] * 2\n',  # read, not updated
    ],
)
def test_per_model_tables_are_still_reported(registry, text):
    [(_, _, rule, fix, _)] = found(registry, text)
    assert (rule, fix) == ("ML205", "manual")


# --- a token counter's default only shown besides ----------------------------------------------


@pytest.mark.parametrize(
    "shown",
    [
        'print("counting tokens for", model)',
        'logger.debug("counting tokens for %s", model)',
        'logger.debug("counting tokens for {}".format(model))',
        'logger.debug("counting tokens for {m}".format(m=model))',
        'logger.debug("counting tokens for %s (%d)" % (model, len(text)))',
    ],
)
def test_a_token_counters_default_shown_in_a_message_is_noted_not_mapped(registry, shown):
    text = (
        "import logging\n\nimport tiktoken\n\nlogger = logging.getLogger(__name__)\n\n\n"
        'def count(text, model="gpt-3.5-turbo"):\n'
        f"    {shown}\n"
        "    return len(tiktoken.encoding_for_model(model).encode(text))\n"
    )
    note = counter_note(
        "default of model = 'gpt-3.5-turbo' (tiktoken.encoding_for_model() on line 10 reads it)"
    )
    assert [r for r in found(registry, text) if r[2] == "ML204"] == [(8, 23, "ML204", "none", note)]
    assert applied(registry, text) == text
    # given to anything else, it may be sent: a setting, as before
    sent = text.replace(f"    {shown}\n", "    notify(model)\n")
    assert [r[2:4] for r in found(registry, sent) if r[2] == "ML204"] == [("ML204", "review")]


@pytest.mark.parametrize(
    "option",
    [
        '@click.option("-m", "--model", default="gpt-4")',
        '@click.option("-m", "--model", "model", default="gpt-4")',
        '@typer_app.command()\n@click.option("--model", default="gpt-4", show_default=True)',
    ],
)
def test_a_cli_options_default_only_tiktoken_reads_is_a_token_counters(registry, option):
    """gptme's `tokens count --model`: mapped, tiktoken raised KeyError and the command
    stopped, with `check` green."""
    text = (
        "import sys\n\nimport click\nimport tiktoken\n\n\n"
        f"{option}\n"
        '@click.argument("text")\n'
        "def count(model, text):\n"
        "    try:\n"
        "        enc = tiktoken.encoding_for_model(model)\n"
        "    except KeyError:\n"
        '        print(f"Error: Model {model!r} not supported by tiktoken.")\n'
        "        sys.exit(1)\n"
        "    print(len(enc.encode(text)))\n"
    )
    rows = [r for r in found(registry, text) if r[2] == "ML204"]
    assert [(r[3], r[4].split(":")[0]) for r in rows] == [
        (
            "none",
            "default of option --model = 'gpt-4' (tiktoken.encoding_for_model() on line "
            f"{text[: text.index('encoding_for_model')].count(chr(10)) + 1} reads it)",
        )
    ]
    assert applied(registry, text) == text
    # the option's value also sent as a request's model: a setting, as before
    sent = text.replace("    print(len(enc.encode(text)))\n", "    ask(model, text)\n")
    assert [r[3] for r in found(registry, sent) if r[2] == "ML204"] == ["review"]


def test_the_cookbook_counter_and_the_models_passed_to_it_are_a_counters(registry):
    # the OpenAI cookbook's `num_tokens`: `raise NotImplementedError(model)` shows the model,
    # and a model the module passes to it is counted, never sent: notes, left OpenAI's (its
    # own test of the name stays ML205's, which widens it: mapped callers would reach the raise)
    text = (
        "import tiktoken\n\n\n"
        'def num_tokens(text, model="gpt-3.5-turbo-0613"):\n'
        "    enc = tiktoken.encoding_for_model(model)\n"
        '    if model == "gpt-3.5-turbo-0613":\n'
        "        return len(enc.encode(text)) + 3\n"
        "    raise NotImplementedError(model)\n\n\n"
        'SIZE = num_tokens("hi", model="gpt-3.5-turbo-0613")\n'
        'OTHER = num_tokens("hi", "gpt-3.5-turbo-0613")\n'
    )
    reads = "(tiktoken.encoding_for_model() on line 5 reads it)"
    rows = found(registry, text)
    assert [r for r in rows if r[2] != "ML205"] == [
        (4, 28, "ML204", "none", counter_note(f"default of model = 'gpt-3.5-turbo-0613' {reads}")),
        (
            11,
            31,
            "ML204",
            "none",
            counter_note(f"argument model of num_tokens() = 'gpt-3.5-turbo-0613' {reads}"),
        ),
        (
            12,
            26,
            "ML204",
            "none",
            counter_note(f"argument 2 of num_tokens() = 'gpt-3.5-turbo-0613' {reads}"),
        ),
    ]
    assert [r[:3] for r in rows if r[2] == "ML205"] == [(6, 17, "ML205")]
    assert applied(registry, text) == text.replace(
        'if model == "gpt-3.5-turbo-0613":', 'if model in ("gpt-3.5-turbo-0613", "acme-small"):'
    )


def test_an_argument_sent_as_the_model_entry_of_a_spread_dict_is_mapped(registry):
    # the OpenAI cookbook's `get_completion(..., model="gpt-4o")`, whose function spreads
    # `params = {"model": model, ...}` into the request: the argument was left (ML206)
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n\n\n"
        'def get_completion(messages, model="gpt-4"):\n'
        '    params = {"model": model, "messages": messages}\n'
        "    return client.chat.completions.create(**params)\n\n\n"
        'r = get_completion([], model="gpt-4o")\n'
    )
    assert [r[2:4] for r in found(registry, text)] == [("ML204", "review"), ("ML204", "review")]
    assert found(registry, text)[1][4] == (
        "argument model of get_completion() = 'gpt-4o' (sent as model= on line 7) maps to "
        "'acme-large' on Acme Cloud"
    )
    assert applied(registry, text) == text.replace('"gpt-4o"', '"acme-large"').replace(
        'model="gpt-4"', 'model="acme-large"'
    )


UNSERVED_EMBEDDINGS = (
    "is an OpenAI embeddings model; DeepSeek has no OpenAI-compatible embeddings API (see "
    "https://api-docs.deepseek.com): keep it on OpenAI or point it at a provider that serves "
    "embeddings (its key and base URL), by hand; acme, azure, baichuan, doubao, ernie, hunyuan, "
    "qwen, siliconflow, zhipu offer it"
)


def test_an_embeddings_model_for_a_provider_without_embeddings_is_not_given_a_model(registry):
    """t45a: "choose a model from api-docs.deepseek.com" where DeepSeek has none to choose."""
    text = (
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        'EMB = "text-embedding-3-small"\n'
        "client.embeddings.create(model=EMB, input='x')\n"
        'client.embeddings.create(model="text-embedding-ada-002", input="x")\n'
        'SETTINGS = {"embedding_model": "text-embedding-3-large"}\n'
        # a request DeepSeek serves: the client is pointed there (one of unserved APIs
        # alone is left on OpenAI, model and all: ML001)
        "client.chat.completions.create(model=m, messages=[])\n"
    )
    assert [
        (line, rule, fix, m)
        for line, _, rule, fix, m in found(registry, text, "deepseek")
        if rule != "ML203"
    ] == [
        (
            4,
            "ML202",
            "manual",
            "constant EMB = 'text-embedding-3-small' (used as model= on line 5) "
            + UNSERVED_EMBEDDINGS,
        ),
        (6, "ML201", "manual", "model 'text-embedding-ada-002' " + UNSERVED_EMBEDDINGS),
        (
            7,
            "ML204",
            "manual",
            "entry 'embedding_model' = 'text-embedding-3-large' " + UNSERVED_EMBEDDINGS,
        ),
    ]
    # --model maps it all the same
    ctx = RuleContext(registry, registry.get("deepseek"), models={"text-embedding-3-small": "x"})
    assert [f.message for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML202"] == [
        "constant EMB = 'text-embedding-3-small' (used as model= on line 5) maps to 'x' on DeepSeek"
    ]


# --- a model in a branch that Azure OpenAI selects (t45e) --------------------------------------

AZURE_LEFT = (
    "is set in the branch for `{test}` on line {line}, where it names an Azure OpenAI "
    "deployment, a resource of the user's own: apply leaves it; where the program moves off "
    "Azure OpenAI, set the Acme Cloud model there by hand"
)


def test_a_model_in_the_azure_branch_is_left_and_the_openai_branch_mapped(registry):
    """gpt-researcher's config.py: the same id under `provider == "openai"` and under
    `provider == "azure_openai"`, where it names a deployment on the user's Azure resource."""
    text = (
        'import os\n\nprovider = os.environ["EMBEDDING_PROVIDER"]\n'
        'if provider == "openai":\n'
        '    embedding_model = "text-embedding-3-small"\n'
        'elif provider == "azure_openai":\n'
        '    embedding_model = "text-embedding-3-small"  # the Azure deployment name\n'
    )
    assert found(registry, text) == [
        (
            5,
            23,
            "ML204",
            "review",
            "constant embedding_model = 'text-embedding-3-small' maps to 'acme-embed' on Acme "
            "Cloud",
        ),
        (
            7,
            23,
            "ML204",
            "manual",
            "constant embedding_model = 'text-embedding-3-small' "
            + AZURE_LEFT.format(test='provider == "azure_openai"', line=6),
        ),
    ]
    assert applied(registry, text) == text.replace(
        'openai":\n    embedding_model = "text-embedding-3-small"',
        'openai":\n    embedding_model = "acme-embed"',
        1,
    )


def test_the_tests_that_select_azure_openai(registry):
    text = (
        "def pick(provider, fast):\n"
        "    match provider:\n"
        '        case "azure" | "azure_openai":\n'
        '            model = "gpt-4o"\n'
        "        case _:\n"
        '            model = "gpt-4o-mini"\n'
        '    if provider in ("azure", "azure-openai") and fast:\n'
        '        model = "gpt-4o-mini"\n'
        '    if provider != "azure_openai":\n'
        '        model = "gpt-4o"\n'
        '    if provider == "azure" or provider == "openai":\n'
        '        model = "gpt-4o"\n'
        '    if "azure" == provider:\n'
        '        model = "gpt-4o"\n'
        "    else:\n"
        '        model = "gpt-4o"\n'
        "    return model\n"
    )
    assert [(line, fix, message) for line, _, _, fix, message in found(registry, text)] == [
        (
            4,
            "manual",
            "variable model = 'gpt-4o' "
            + AZURE_LEFT.format(test='case "azure" | "azure_openai"', line=3),
        ),
        (6, "review", "variable model = 'gpt-4o-mini' maps to 'acme-small' on Acme Cloud"),
        (
            8,
            "manual",
            "variable model = 'gpt-4o-mini' "
            + AZURE_LEFT.format(test='provider in ("azure", "azure-openai") and fast', line=7),
        ),
        (10, "review", "variable model = 'gpt-4o' maps to 'acme-large' on Acme Cloud"),
        (12, "review", "variable model = 'gpt-4o' maps to 'acme-large' on Acme Cloud"),
        (
            14,
            "manual",
            "variable model = 'gpt-4o' " + AZURE_LEFT.format(test='"azure" == provider', line=13),
        ),
        (16, "review", "variable model = 'gpt-4o' maps to 'acme-large' on Acme Cloud"),
    ]


def test_an_entry_named_for_embeddings_is_left_beside_one_named_for_the_llm(registry):
    """gpt-researcher's default config: `EMBEDDING` holds a model as `FAST_LLM` does. Read
    elsewhere, `openai:` builds OpenAI's classes at OpenAI's URL whatever model follows: a
    mapping written there would go to OpenAI (Acme Cloud has no route of its own)."""
    text = (
        "DEFAULT = {\n"
        '    "EMBEDDING": "openai:text-embedding-3-small",\n'
        '    "FAST_LLM": "openai:gpt-4o-mini",\n'
        "}\n"
    )
    give = (
        "give the call that builds the model from it base_url= and api_key= for Acme Cloud "
        "(apply does so where this module passes it to {func}() itself), by hand"
    )
    assert found(registry, text) == [
        (
            2,
            18,
            "ML204",
            "manual",
            "entry 'EMBEDDING' = 'openai:text-embedding-3-small' maps to 'acme-embed' on "
            "Acme Cloud, but apply leaves it: `openai:` makes LangChain build "
            "OpenAIEmbeddings, which sends any model to OpenAI; "
            + give.format(func="init_embeddings"),
        ),
        (
            3,
            17,
            "ML204",
            "manual",
            "entry 'FAST_LLM' = 'openai:gpt-4o-mini' maps to 'acme-small' on Acme Cloud, but "
            "apply leaves it: `openai:` makes LangChain build ChatOpenAI, which sends any model "
            "to OpenAI; " + give.format(func="init_chat_model"),
        ),
    ]
    assert applied(registry, text) == text
