"""A table keyed by OpenAI model whose every read cannot raise KeyError (`table_guards`) does
not keep a model setting on OpenAI's model (t58a, MetaGPT: 21 findings said
"TOKEN_COSTS[model] raises KeyError", and apply left config2.yaml's gpt-4-turbo).

MetaGPT's `CostManager` binds the table as a class attribute and looks a model up only after
`if model not in self.token_costs: return`; other modules read `TOKEN_MAX.get(model, default)`
or test `model in TOKEN_MAX`. An unguarded lookup (in a method, or in a module importing the
table through a package that re-exports it) still leaves the setting, as before."""

from __future__ import annotations

import ast
import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

COSTS = """TOKEN_COSTS = {"gpt-4-turbo": {"prompt": 0.01, "completion": 0.03}}


class CostManager:
    token_costs: dict = TOKEN_COSTS

    def update_cost(self, tokens: int, model: str) -> float:
        if model not in self.token_costs:
            return 0.0
        return self.token_costs[model]["prompt"] * tokens / 1000
"""
UNGUARDED = COSTS.replace("        if model not in self.token_costs:\n            return 0.0\n", "")
# a test that guards nothing: the lookup runs for every model
LOGGED = COSTS.replace("not in", "in").replace("return 0.0", "print(model)")
# the guarded method beside a lookup of the attribute not through `self`
CLASS_READ = (
    COSTS
    + """
    @classmethod
    def price(cls, model: str) -> float:
        return cls.token_costs[model]["prompt"]
"""
)
NAME_READ = (
    COSTS
    + """

def price(model: str) -> float:
    return CostManager.token_costs[model]["prompt"]
"""
)
INSTANCE_READ = (
    COSTS
    + """

def price(model: str) -> float:
    mgr = CostManager()
    return mgr.token_costs[model]["prompt"]
"""
)
# the same reads in the forms that cannot raise KeyError
SAFE_READS = (
    COSTS
    + """

def price(model: str) -> float:
    mgr = CostManager()
    if model in mgr.token_costs:
        return mgr.token_costs[model]["prompt"]
    return CostManager.token_costs.get(model, {"prompt": 0.0})["prompt"]
"""
)

CONFIG = 'llm:\n  model: "gpt-4-turbo"\n  base_url: "https://open.bigmodel.cn/api/paas/v4"\n'
MAPPED = CONFIG.replace("gpt-4-turbo", "glm-4-air-250414")

TOKENS = 'TOKEN_MAX = {"gpt-4-turbo": 128000, "gpt-3.5-turbo": 16385}\n'
EXPORTS = 'from .tokens import TOKEN_MAX\n\n__all__ = ["TOKEN_MAX"]\n'
LIMITS = """from pkg.tokens import TOKEN_MAX


def context_window(model: str) -> int:
    return TOKEN_MAX.get(model, 4096)


def known(model: str) -> bool:
    return model in TOKEN_MAX
"""
BUDGET = """from pkg import TOKEN_MAX


def budget(model: str) -> int:
    return TOKEN_MAX[model] - 1000
"""


def _model_findings(tmp_path, monkeypatch, files: dict[str, str]) -> list[tuple]:
    for name, text in {**files, "config.yaml": CONFIG}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["scan", ".", "--provider", "zhipu", "--format", "json", "--no-cache"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    return [
        (f["path"], f["line"], f["column"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] == "ML503"
    ]


def _applied(tmp_path) -> str:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    return (tmp_path / "config.yaml").read_text(encoding="utf-8")


def _left(table: str, place: str) -> str:
    return (
        "gpt-4-turbo is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM), but "
        f"apply leaves it: 'gpt-4-turbo' is a key of {table} ({place}), which has no entry for "
        f"'glm-4-air-250414': where the program looks a model up there, {table}[model] raises "
        "KeyError for it; add one there, then change this value, by hand"
    )


MAPS = "gpt-4-turbo is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM)"


@pytest.mark.parametrize("costs", [COSTS, SAFE_READS], ids=["method", "other-holders"])
def test_a_lookup_a_method_guards_with_in_maps_the_model(tmp_path, monkeypatch, costs):
    found = _model_findings(tmp_path, monkeypatch, {"costs.py": costs})
    assert found == [("config.yaml", 2, 10, "warning", "review", MAPS)]
    assert _applied(tmp_path) == MAPPED
    assert (tmp_path / "costs.py").read_text(encoding="utf-8") == costs


@pytest.mark.parametrize(
    "costs",
    [UNGUARDED, LOGGED, CLASS_READ, NAME_READ, INSTANCE_READ],
    ids=["unguarded", "logged", "through-cls", "through-the-class", "through-an-instance"],
)
def test_an_unguarded_lookup_in_a_method_leaves_the_model(tmp_path, monkeypatch, costs):
    found = _model_findings(tmp_path, monkeypatch, {"costs.py": costs})
    assert found == [
        (
            "config.yaml",
            2,
            10,
            "warning",
            "manual",
            _left("TOKEN_COSTS", "line 1 of costs.py"),
        )
    ]
    assert _applied(tmp_path) == CONFIG


def test_modules_reading_the_table_with_get_and_in_map_the_model(tmp_path, monkeypatch):
    files = {"pkg/tokens.py": TOKENS, "pkg/__init__.py": EXPORTS, "pkg/limits.py": LIMITS}
    found = _model_findings(tmp_path, monkeypatch, files)
    assert found == [("config.yaml", 2, 10, "warning", "review", MAPS)]
    assert _applied(tmp_path) == MAPPED


def test_an_unguarded_lookup_through_a_re_export_leaves_the_model(tmp_path, monkeypatch):
    files = {
        "pkg/tokens.py": TOKENS,
        "pkg/__init__.py": EXPORTS,
        "pkg/limits.py": LIMITS,
        "pkg/budget.py": BUDGET,
    }
    found = _model_findings(tmp_path, monkeypatch, files)
    assert found == [
        (
            "config.yaml",
            2,
            10,
            "warning",
            "manual",
            _left("TOKEN_MAX", "line 1 of pkg/tokens.py"),
        )
    ]
    assert _applied(tmp_path) == CONFIG


def test_a_lookup_through_the_module_imported_whole_leaves_the_model(tmp_path, monkeypatch):
    """`from pkg import tokens as tk`, then `tk.TOKEN_MAX[model]`: a read the guards do not
    follow, so the table stays open."""
    use = "from pkg import tokens as tk\n\n\ndef budget(model):\n    return tk.TOKEN_MAX[model]\n"
    files = {"pkg/tokens.py": TOKENS, "pkg/__init__.py": "", "pkg/use.py": use}
    found = _model_findings(tmp_path, monkeypatch, files)
    assert found == [
        (
            "config.yaml",
            2,
            10,
            "warning",
            "manual",
            _left("TOKEN_MAX", "line 1 of pkg/tokens.py"),
        )
    ]


# t58d (screenshot-to-code): a pricing table of a package module, read by another module only
# as `PRICES.get(m)` under a test of its value; the model comes from a third module's function
R5_MODELS = (
    'MODEL_CONFIG = {"main": {"api_name": "gpt-4o"}}\n\n\n'
    "def api_name(key: str) -> str:\n"
    '    return MODEL_CONFIG[key]["api_name"]\n'
)
R5_PRICES = 'PRICES = {"gpt-4o": 2.5}\n'
R5_SESSION = """from openai import OpenAI

from models import api_name
from pkg.pricing import PRICES


def ask(client: OpenAI, text: str) -> str:
    m = api_name("main")
    r = client.chat.completions.create(model=m, messages=[{"role": "user", "content": text}])
    price = PRICES.get(m)
    if price:
        print(price * r.usage.total_tokens / 1e6)
    cost = f" cost={price * 2}" if price is not None else ""
    print(cost)
    return r.choices[0].message.content
"""
# the same read's None going on as the entry, and a plain lookup beside it
# a test module's lookups keyed by the strings it writes, which apply leaves (ML205)
R5_WRITTEN = R5_SESSION + (
    "\n\ndef test_known() -> None:\n"
    '    for name in ["gpt-4o"]:\n'
    "        assert PRICES[name] > 0\n"
    '    assert PRICES["gpt-4o"] > 1\n'
)
# ...each left, with ML205's own finding
R5_KEYS = [
    (
        "pkg/session.py",
        19,
        18,
        "ML205",
        "warning",
        "manual",
        "'gpt-4o' in a list is an OpenAI model id: code that checks models against it may reject "
        "Alibaba Qwen (DashScope / Model Studio)'s models; add them or change the check by hand",
    ),
    # a lookup in a test function is test data (t58c D3)
    (
        "pkg/session.py",
        21,
        19,
        "ML205",
        "note",
        "none",
        "'gpt-4o' is an OpenAI model id a test looks up in a table keyed by such ids: test data, "
        "which no request of this file sends; apply leaves it, since the project's tests may "
        "depend on the name (a price or token table's entry, a mocked reply); if the code under "
        "test sends it in a real request, change it with that code, by hand",
    ),
]
R5_UNTESTED = R5_SESSION.replace("    if price:\n        print(", "    print(")
R5_PLAIN = R5_SESSION + "\n\ndef rate(model: str) -> float:\n    return PRICES[model]\n"
R5_LEFT = (
    "entry 'api_name' of MODEL_CONFIG = 'gpt-4o' maps to 'qwen4-max' on Alibaba Qwen "
    "(DashScope / Model Studio), but apply leaves it: 'gpt-4o' is a key of PRICES (line 1 of "
    "pkg/pricing.py), which has no entry for 'qwen4-max': where the program looks a model up "
    "there, PRICES[model] raises KeyError for it; add one there, then change the entry, by hand"
)
R5_TABLE = (
    "pkg/pricing.py",
    1,
    10,
    "ML205",
    "warning",
    "manual",
    "'gpt-4o' is a dict key of a table keyed by OpenAI model (such as token limits): lookups "
    "with Alibaba Qwen (DashScope / Model Studio)'s model names miss it; add entries for them "
    "by hand",
)


def _r5(tmp_path, monkeypatch, session: str) -> list[tuple]:
    files = {
        "models.py": R5_MODELS,
        "pkg/__init__.py": "",
        "pkg/pricing.py": R5_PRICES,
        "pkg/session.py": session,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["scan", ".", "--provider", "qwen", "--format", "json", "--no-cache"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    return [
        (f["path"], f["line"], f["column"], f["rule"], f["severity"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] in ("ML204", "ML205")
    ]


def _r5_applied(tmp_path) -> str:
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "qwen", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    return (tmp_path / "models.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("session", [R5_SESSION, R5_WRITTEN], ids=["tested-get", "written"])
def test_an_importer_testing_what_get_gives_maps_the_model(tmp_path, monkeypatch, session):
    found = _r5(tmp_path, monkeypatch, session)
    assert found == [
        (
            "models.py",
            1,
            38,
            "ML204",
            "warning",
            "review",
            "entry 'api_name' of MODEL_CONFIG = 'gpt-4o' maps to 'qwen4-max' on Alibaba Qwen "
            "(DashScope / Model Studio)",
        ),
        R5_TABLE,
        *(R5_KEYS if session == R5_WRITTEN else []),
    ]
    assert _r5_applied(tmp_path) == R5_MODELS.replace("gpt-4o", "qwen4-max")
    assert (tmp_path / "pkg/session.py").read_text(encoding="utf-8") == session
    assert (tmp_path / "pkg/pricing.py").read_text(encoding="utf-8") == R5_PRICES


# s59: a `.get(model)` the importer uses untested gives None, which the message says (it said
# KeyError); a plain lookup beside it raises, which wins
R5_LEFT_NONE = R5_LEFT.replace(
    "where the program looks a model up there, PRICES[model] raises KeyError for it",
    "PRICES.get(m) on line 10 of pkg/session.py gives None for it (not a KeyError), and the "
    "code after it uses that None as an entry",
)


@pytest.mark.parametrize(
    ("session", "left"),
    [
        (R5_UNTESTED, R5_LEFT_NONE),
        (R5_PLAIN, R5_LEFT),
        (R5_PLAIN.replace("    if price:\n        print(", "    print("), R5_LEFT),
    ],
    ids=["untested-get", "plain", "both"],
)
def test_a_get_used_untested_or_a_plain_lookup_leaves_the_model(
    tmp_path, monkeypatch, session, left
):
    found = _r5(tmp_path, monkeypatch, session)
    assert found == [("models.py", 1, 38, "ML204", "warning", "manual", left), R5_TABLE]
    assert _r5_applied(tmp_path) == R5_MODELS


@pytest.mark.parametrize(
    ("body", "unsafe"),
    [
        ("    p = T.get(m)\n    if not p:\n        return 0\n    return p * 2\n", []),
        ("    p = T.get(m, None)\n    if p is None:\n        return 0\n    return p * 2\n", []),
        ("    p = T.get(m)\n    return p * 2 if p and m else 0\n", []),
        ("    p = T.get(m)\n    return p is None\n", []),
        ("    return T.get(m) or 1.0\n", []),
        ("    if T.get(m):\n        return 1\n    return 0\n", []),
        ("    p = T.get(m)\n    return p * 2 if p or m else 0\n", [3]),
        ("    p = T.get(m)\n    if p is None:\n        print(m)\n    return p * 2\n", [3]),
        ("    p = T.get(m)\n    p = p or 1.0\n    return p\n", [3]),
        ("    return T.get(m) and T.get(m) * 2\n", [3, 3]),
        ("    return T.get(m)\n", [3]),
        ('    return T["gpt-4o"]\n', []),
        ('    for n in ["gpt-4o"]:\n        print(T[n])\n', []),
        ('    for n in ["gpt-4o", m]:\n        print(T[n])\n', [4]),
        ('    for n in ["gpt-4o"]:\n        n = m\n        print(T[n])\n', [5]),
    ],
)
def test_what_get_gives_is_guarded_only_where_tested_before_use(body, unsafe):
    from migrate_llm.table_guards import unsafe_reads

    tree = ast.parse(f'T = {{"gpt-4o": 2.5}}\ndef cost(m):\n{body}')
    assert [n.lineno for n in unsafe_reads(tree, "T")] == unsafe


@pytest.mark.parametrize(
    ("body", "lookup"),
    [
        ("    p = T.get(m)\n    return p * 2\n", "T.get(m)"),
        ("    return T.get(m, None) + 1\n", "T.get(m, None)"),
        ("    p = T.get(m)\n    if not p:\n        return 0\n    return p * 2\n", None),  # safe
        ("    p = T.get(m)\n    return p * T[m]\n", None),  # `T[m]` raises
        ("    return handle(T)\n", None),  # handed on
    ],
)
def test_a_table_read_only_by_untested_gets_gives_none(body, lookup):
    """s59: the untested `.get(model)` lookups that give None for a model the table lacks
    (`table_guards.none_lookup`), where no read there may raise or hand the table on."""
    from migrate_llm.table_guards import none_lookup

    tree = ast.parse(f'T = {{"gpt-4o": 2.5}}\ndef cost(m):\n{body}')
    found = none_lookup(tree, "T")
    assert (ast.unparse(found) if found is not None else None) == lookup


def test_the_reads_of_several_tables_come_from_one_walk_of_the_tree():
    """`table_guards.walk` gathers each node's parent, each name's loads (in `ast.walk`'s
    order) and what is subscripted once per tree: the second table of a module is judged on
    the same walk, and another tree gets a walk of its own."""
    from migrate_llm.table_guards import unsafe_reads, walk

    source = (
        'A = {"gpt-4o": 1}\nB = {"gpt-4o": 2}\n'
        "def f(m):\n    if m in A:\n        return A[m] + B.get(m, 0)\n    return B[m]\n"
    )
    tree = ast.parse(source)
    walked = walk(tree)
    assert walk(tree) is walked
    every = list(ast.walk(tree))
    assert walked.parents == {
        id(child): node for node in every for child in ast.iter_child_nodes(node)
    }
    for name in ("A", "B", "m", "f"):
        loads = [n for n in every if isinstance(n, ast.Name) and n.id == name]
        assert walked.loads.get(name, []) == [n for n in loads if isinstance(n.ctx, ast.Load)]
    assert walked.subscripted == {id(n.value) for n in every if isinstance(n, ast.Subscript)}
    assert [(n.lineno, n.col_offset) for n in unsafe_reads(tree, "A")] == []
    assert [(n.lineno, n.col_offset) for n in unsafe_reads(tree, "B")] == [(6, 11)]
    other = ast.parse(source)
    assert walk(other) is not walked
    assert walk(other).tree is other
    assert [(n.lineno, n.col_offset) for n in unsafe_reads(tree, "B")] == [(6, 11)]
