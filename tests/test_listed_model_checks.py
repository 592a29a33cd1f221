"""A substring test of a model id that no name says is one (ML205, rules/listed_models.py):
t66g's DemoGPT kept `[m.id for m in models.data if "gpt" in m.id]` of the provider's listing,
an empty list on MiniMax, with `check` silent while `.startswith("gpt-4")` was reported."""

from __future__ import annotations

from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

FAMILY = (
    "'{family}' in ... is an OpenAI model-family check: what apply maps OpenAI's '{family}' "
    "models to ({mapped}) never matches it, so the program's '{family}' models fail it once "
    "mapped; make it accept MiniMax's models by hand"
)
MAPPED = "'MiniMax-M3', 'MiniMax-M2.5', 'MiniMax-M2.5-highspeed'"

LISTED = """from openai import OpenAI


def chat_models(key):
    client = OpenAI(api_key=key)
    models = client.models.list()
    return [model.id for model in models.data if "gpt" in model.id]


def newest(client):
    ids = [m.id for m in client.models.list().data]
    return [i for i in ids if "gpt" in i]


def usable(models):
    return [m for m in models if "gpt" in m.lower()]


async def listed(client):
    return [m.id for m in (await client.models.list()).data if m.id.find("gpt") >= 0]


def unrelated(client, messages):
    kept = [f.id for f in client.files.list() if "gpt" in f.id]
    return kept, [m for m in messages if "gpt" in m]
"""


def ml205(registry, text: str) -> list[tuple[int, int, str, str]]:
    ctx = RuleContext(registry, registry.get("minimax"))
    return [
        (f.line, f.column, f.fix.value, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule == "ML205"
    ]


def test_substring_tests_of_listed_and_named_model_ids(registry):
    gpt = FAMILY.format(family="gpt", mapped=MAPPED)
    find = gpt.replace("'gpt' in ...", ".find('gpt')")
    assert ml205(registry, LISTED) == [
        (7, 50, "manual", gpt),
        (12, 31, "manual", gpt),
        (16, 34, "manual", gpt),
        (20, 74, "manual", find),
    ]


def test_collections_of_model_paths_files_or_weights_are_no_listing(registry):
    # review r1 t5: `models_class` took `model_dirs` for models; `"gpt" in d` tests a path
    text = (
        "def local(model_dirs, model_files, model_paths, model_weights, model_types, llm_list):\n"
        '    a = [d for d in model_dirs if "gpt" in d]\n'
        '    b = [f for f in model_files if "gpt" in f]\n'
        '    c = [p for p in model_paths if "gpt" in p]\n'
        '    d = [w for w in model_weights if "gpt" in w]\n'
        '    e = [t for t in model_types if "gpt" in t]\n'
        '    return a, b, c, d, e, [m for m in llm_list if "gpt" in m]\n'
    )
    assert [f[:2] for f in ml205(registry, text)] == [(7, 51)]
